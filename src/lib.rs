//! IPLOS-sjekk: checks a Norwegian municipality's yearly IPLOS/KPR report
//! file locally and says whether it can be sent.
//!
//! The engine is pure: bytes, options, the reporting year and the time of
//! the check come in; a [`Report`] comes out. It never touches the file
//! system, the clock or the environment, so the same code runs in the CLI
//! and, compiled to WebAssembly, in a browser worker.
//!
//! Data flows through the modules in this order: [`decode`] (bytes to text)
//! → [`xml`], [`ident`] and [`csv_reader`] (text to [`model`] records, as the
//! [`profile`] names them) → [`rules`] (findings, by year, using [`codes`]
//! and [`fnr`]) → [`report`] (verdict) → [`render`] (text, JSON, CSV).

pub mod codes;
pub mod compare;
#[doc(hidden)]
pub mod container;
#[doc(hidden)]
pub mod csv_reader;
pub mod date;
#[doc(hidden)]
pub mod decode;
pub mod duty;
pub mod engine;
#[doc(hidden)]
pub mod envelope;
pub mod finding;
pub mod fnr;
pub mod generate;
#[doc(hidden)]
pub mod ident;
#[doc(hidden)]
pub mod inputs;
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
pub mod privacy;
pub mod profile;
pub mod render;
pub mod report;
pub mod rules;
#[doc(hidden)]
pub mod sniff;
pub mod stats;
#[doc(hidden)]
pub mod types;
#[doc(hidden)]
pub mod xml;
#[doc(hidden)]
pub mod xmltok;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::{check, Input, Options};
pub use finding::{Finding, Severity};
pub use report::{Report, Verdict};

/// The engine's version, as shown in every report.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

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
pub mod date;
pub mod duty;
pub mod engine;
pub mod finding;
pub mod fnr;
pub mod generate;
pub mod profile;
pub mod render;
pub mod report;
pub mod rules;
pub mod stats;

/// Declares modules that are public for the tests, the fuzz targets and
/// the benches only: hidden from the documented API.
macro_rules! internal_modules {
    ($($name:ident),* $(,)?) => {
        $(
            #[doc(hidden)]
            pub mod $name;
        )*
    };
}

internal_modules!(
    container, csv_reader, decode, envelope, ident, inputs, model, privacy, sniff, types, xml,
    xmltok,
);

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::{check, Input, Options};
pub use finding::{Finding, Severity};
pub use report::{Report, Verdict};

/// The engine's version, as shown in every report.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

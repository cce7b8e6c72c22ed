//! The vocabulary every layer shares: how serious a finding is, which
//! input it points into and where, a reader's own finding, the finding as
//! the report carries it, and how sure the source behind a rule is.
//!
//! This is the bottom of the crate: it depends on no other module, so the
//! decoder, the readers, the rules and the report can all speak of findings
//! without pointing back up the flow.

// The report's JSON contract: its fields are documented once, in
// src/types.rs (the TypeScript declarations), not again here.
#![allow(missing_docs)]

use serde::{Deserialize, Serialize};

/// A place in an input file a person can go to: 1-based line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// How serious a finding is, defined once (docs/report.md §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Fatal,
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Fatal => "fatal",
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The Norwegian label a caseworker reads.
    pub fn label_nb(self) -> &'static str {
        match self {
            Severity::Fatal => "Kritisk",
            Severity::Error => "Feil",
            Severity::Warning => "Advarsel",
            Severity::Info => "Info",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Severity::Fatal => "Fatal",
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Info => "Info",
        }
    }
}

/// Which input a finding points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Fagmelding,
    Ident,
}

/// One finding: the rule's code and severity, a message naming the value,
/// and where it is. Never holds a full identity number.
///
/// The engine's findings hold the registry's `&'static str` code; a finding
/// read back from the report's JSON (the page hands its report back for the
/// findings CSV) is a `Finding<String>`: one declaration for both.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding<C = &'static str> {
    pub code: C,
    pub severity: Severity,
    /// Norwegian (bokmål) message.
    pub message: String,
    pub message_en: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub file: Source,
    /// 1-based number of the PERSON in the file.
    pub person: Option<u32>,
    #[serde(rename = "pePeID")]
    pub pe_pe_id: Option<String>,
    /// The identity number, masked: `050180*****`.
    pub fid: Option<String>,
    /// The whole identity number: only when the caller asked for it
    /// (`Options::reveal_identities`, an explicit choice in the page).
    #[serde(rename = "fidFull", skip_serializing_if = "Option::is_none")]
    pub fid_full: Option<String>,
    /// The service code of the record, when the finding is about a service.
    #[serde(rename = "tjTjenType", skip_serializing_if = "Option::is_none")]
    pub tj_tjen_type: Option<String>,
    /// The finding breaks the official schema (counted by FIL-17).
    #[serde(skip)]
    pub schema: bool,
    /// A CSV record's code lost its leading zero, which explains this
    /// finding: folded under FIL-19 when the file shows the pattern.
    #[serde(skip)]
    pub lost_zero: bool,
}

/// A finding a reader makes itself; the engine adds severity and person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub code: &'static str,
    pub pos: Pos,
    pub nb: String,
    pub en: String,
    /// Breaks the official schema (counted by FIL-17).
    pub schema: bool,
}

impl Note {
    pub fn new(code: &'static str, pos: Pos, nb: String, en: String) -> Note {
        Note {
            code,
            pos,
            nb,
            en,
            schema: false,
        }
    }

    pub fn schema(mut self) -> Note {
        self.schema = true;
        self
    }
}

/// How sure the source behind a rule is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Seen in a named public source (schema, code list, Helsedirektoratet, SSB, ...).
    Confirmed,
    /// Our reasoning from the sources; no source states it outright.
    Inferred,
}

//! The report: what a check found and how it is judged (the JSON contract).
//!
//! Key names here are a contract with integrators, the page and the tests
//! (issue 2 §4): `verdict`, `counts`, `persons`, `findings[]` with `code`,
//! `severity`, `message`, `line`, `column`, `pePeID`, `fid` (masked), and
//! `provenance`. Rendering for people (text, CSV) lives in `render`.

// The report's JSON contract: its fields are documented once, in
// src/types.rs (the TypeScript declarations), not again here.
#![allow(missing_docs)]

use serde::Serialize;

pub use crate::finding::{Finding, Severity, Source};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub fatal: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

/// The verdict, decided as docs/report.md §2 says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Klar,
    FeilIPoster,
    Avvises,
    KanIkkeKontrolleres,
}

impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Klar => "klar",
            Verdict::FeilIPoster => "feil_i_poster",
            Verdict::Avvises => "avvises",
            Verdict::KanIkkeKontrolleres => "kan_ikke_kontrolleres",
        }
    }

    /// Any Fatal; else any Error in FIL-/IDE-; else any Error; else ready.
    pub fn decide(findings: &[Finding]) -> Verdict {
        let is = |s: Severity| findings.iter().any(|f| f.severity == s);
        if is(Severity::Fatal) {
            Verdict::KanIkkeKontrolleres
        } else if findings.iter().any(|f| {
            f.severity == Severity::Error
                && (f.code.starts_with("FIL-") || f.code.starts_with("IDE-"))
        }) {
            Verdict::Avvises
        } else if is(Severity::Error) {
            Verdict::FeilIPoster
        } else {
            Verdict::Klar
        }
    }

    /// CLI exit code: 0 no Error or Fatal, 1 Error, 2 Fatal.
    pub fn exit_code(self) -> i32 {
        match self {
            Verdict::Klar => 0,
            Verdict::FeilIPoster | Verdict::Avvises => 1,
            Verdict::KanIkkeKontrolleres => 2,
        }
    }
}

/// What a file is, as read: part of each input's [`FileInfo`] and, for
/// the fagmelding, of the report's [`Provenance`].
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileFacts {
    pub file_name: String,
    pub size: u64,
    pub sha256: String,
    pub encoding: String,
    pub format: String,
    pub schema_version: Option<String>,
}

/// One input file as read.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileInfo {
    pub role: String,
    #[serde(flatten)]
    pub file: FileFacts,
    pub namespace: Option<String>,
    /// The hodemelding the file came in: its message type and id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub envelope: Option<crate::envelope::EnvelopeInfo>,
}

/// Where the report came from: inputs, versions, year, time.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    /// The fagmelding.
    #[serde(flatten)]
    pub file: FileFacts,
    pub year: Option<u16>,
    pub rules_version: String,
    pub engine_version: String,
    /// Given by the caller (the engine never reads a clock).
    pub checked_at: Option<String>,
    pub profile: String,
    pub files: Vec<FileInfo>,
}

/// Records read, by kind.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Records {
    pub personoppl: usize,
    pub funksjon: usize,
    pub tjeneste: usize,
    pub diagnose: usize,
    pub dogntilbud: usize,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub verdict: Verdict,
    /// The verdict in plain Norwegian.
    pub verdict_text: String,
    pub verdict_text_en: String,
    pub counts: Counts,
    /// PERSON records read.
    pub persons: usize,
    pub records: Records,
    /// Persons with at least one Error finding.
    pub persons_with_errors: usize,
    pub year: Option<u16>,
    /// The sending municipality (`iiKomnr`, else the user's, else the persons').
    pub kommune: Option<String>,
    pub findings: Vec<Finding>,
    /// Findings counted but not listed, per code, over the cap the caller
    /// set (`Options::max_findings_per_code`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings_omitted: Vec<Omitted>,
    /// Which duty the file and each service code fulfils (docs/duties.md).
    pub duties: Option<crate::duty::Duties>,
    /// The figures the register will publish, from records without errors.
    pub stats: Option<crate::stats::Stats>,
    /// The duty of every service record, when asked for (`Options::record_duties`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_duties: Option<Vec<RecordDutyRow>>,
    /// The comparison with last year's file, when one was given (`crate::compare`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<crate::compare::Comparison>,
    /// Why last year's file given could not be compared with this one (the
    /// page's check, which keeps this year's report; the CLI stops instead).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison_problem: Option<crate::compare::Problem>,
    /// What a comparison needs of this file (`Options::comparable`); never serialised.
    #[serde(skip)]
    pub roster: Option<crate::compare::Roster>,
    pub provenance: Provenance,
}

/// How many findings of one code were counted but not listed.
#[derive(Clone, Debug, Serialize)]
pub struct Omitted {
    pub code: &'static str,
    pub count: usize,
    /// The code's severity, for the counts (the rule registry's, given by
    /// the engine; not part of the JSON).
    #[serde(skip)]
    pub severity: Severity,
}

/// One service record and the duty it fulfils.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordDutyRow {
    pub person: u32,
    #[serde(rename = "pePeID")]
    pub pe_pe_id: Option<String>,
    pub line: u32,
    #[serde(flatten)]
    pub duty: crate::duty::RecordDuty,
}

impl Report {
    /// Fills in counts, verdict and texts from the findings.
    pub fn finish(&mut self) {
        let mut c = Counts::default();
        let omitted = self.findings_omitted.iter().map(|o| (o.severity, o.count));
        for (sev, n) in self.findings.iter().map(|f| (f.severity, 1)).chain(omitted) {
            match sev {
                Severity::Fatal => c.fatal += n,
                Severity::Error => c.error += n,
                Severity::Warning => c.warning += n,
                Severity::Info => c.info += n,
            }
        }
        self.counts = c;
        let mut with_errors: Vec<u32> = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .filter_map(|f| f.person)
            .collect();
        with_errors.sort_unstable();
        with_errors.dedup();
        // The engine counts persons as it judges them, listed or not.
        self.persons_with_errors = self.persons_with_errors.max(with_errors.len());
        self.verdict = Verdict::decide(&self.findings);
        let (nb, en) = match self.verdict {
            Verdict::KanIkkeKontrolleres => (
                "Filen kan ikke kontrolleres: rett den kritiske feilen først.".to_string(),
                "The file cannot be checked: fix the fatal problem first.".to_string(),
            ),
            Verdict::Avvises => (
                "Filen vil trolig bli avvist av mottakeren.".to_string(),
                "The receiver will probably reject the file.".to_string(),
            ),
            Verdict::FeilIPoster => (
                format!(
                    "Filen kan sendes, men {} {} har feil.",
                    self.persons_with_errors,
                    if self.persons_with_errors == 1 {
                        "person"
                    } else {
                        "personer"
                    }
                ),
                format!(
                    "The file can be sent, but {} {} errors.",
                    self.persons_with_errors,
                    if self.persons_with_errors == 1 {
                        "person has"
                    } else {
                        "persons have"
                    }
                ),
            ),
            Verdict::Klar => (
                format!("Klar til innsending ({} advarsler).", c.warning),
                format!("Ready to send ({} warnings).", c.warning),
            ),
        };
        self.verdict_text = nb;
        self.verdict_text_en = en;
    }
}

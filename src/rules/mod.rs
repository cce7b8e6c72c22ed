//! The rule registry: every rule of the catalogue, declared once.
//!
//! A rule is declared at the top of the file that holds its check, as one
//! [`Rule`]: its code, severity and years, its title, "hvorfor" (why it
//! exists, on what source) and "slik retter du" (how the caseworker fixes
//! it) in Norwegian bokmål and English, how sure the source is, and how it
//! is run: a check on the header or on each person, a step of the engine's
//! flow, or a reader that raises it while reading (`raised_by`). The files
//! hold one family each, or part of one, and are named for their content:
//!
//! | file | codes | content |
//! |---|---|---|
//! | [`file_reading`] | FIL-01–03, 09, 10, 18, 20, 21 | decoding and structure, raised by the readers |
//! | [`file_header`] | FIL-04–08, 13–16 | the year, the sender, the header, an empty file |
//! | [`schema`] | FIL-11, 12, 17 | the generic schema rules and the schema summary |
//! | [`lost_zeros`] | FIL-19 | a CSV whose codes lost their leading zeros (Excel), folded into one finding |
//! | [`ide`] | IDE | the identmelding and the pair of messages |
//! | [`person_id`] | PER-01–09, 23, 25, 26, 28 | the identity number, and a person or number twice |
//! | [`person`] | PER-10–22, 24, 27 | residence, household, dates, age and sex |
//! | [`funksjon`] | FUN | the function assessment |
//! | [`tjeneste`] | TJE-01–10, 25 | one service record: code, dates, hours |
//! | [`tjeneste_vedtak`] | TJE-11–17, 20, 21, 26–28 | what the decision says beyond code and dates |
//! | [`tjeneste_perioder`] | TJE-18, 19, 22–24, 29 | a person's service periods together |
//! | [`diagnose`] | DIA | diagnoses |
//! | [`opphold`] | OPP | stays in the specialist health service (DOGNTILBUD) |
//! | [`fjo`] | FJO | this year's file compared with last year's ([`crate::compare`]) |
//!
//! [`RULES`] is the union of the files' declarations, sorted by code when
//! the crate is compiled (two declarations of one code do not compile).
//! Adding a rule is one declaration, one test case that triggers it, and
//! `docs/rules.md` generated again.
//!
//! A check only detects: it reports a position and the facts as a [`Hit`]
//! in Norwegian and English; the engine adds the code's severity, the
//! person and the masked identity. Year-dependent knowledge lives in
//! [`crate::codes`] and the field table, never as `if year` in a rule body.
//!
//! Conventions of the wording:
//! - "mottakeren" / "the receiver" is the national register that takes in
//!   the file: SSB for data years up to 2017, Helsedirektoratet (KPR) from
//!   the 2018 data year, and FHI from 2024.
//! - Every "why" names its source and ends with "(sikkert)" / "(confirmed)",
//!   or says "antatt" / "inferred" for the part that rests on our own
//!   reasoning. `confidence` is `Inferred` when the fact the rule depends on
//!   is an inference of ours rather than a source's statement.
//! - Official element names are kept in backticks so the EPJ administrator
//!   can find the field. No text contains an identity number.

use serde::Serialize;

use crate::codes::{FIRST_YEAR, LAST_YEAR};
use crate::finding::{Confidence, Note, Pos, Severity, Source};
use crate::model::{Field, Header, Person, Record};

pub mod diagnose;
pub mod file_header;
pub mod file_reading;
pub mod fjo;
pub mod funksjon;
pub mod ide;
mod ids;
pub mod lost_zeros;
pub mod opphold;
pub mod person;
pub mod person_id;
pub mod schema;
pub mod tjeneste;
pub mod tjeneste_perioder;
pub mod tjeneste_vedtak;

/// The version of the rule set, shown in every report.
pub const RULES_VERSION: &str = "2026.1";

/// What the checks know besides the record: the year and the file.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// The reporting year Y.
    pub year: u16,
    /// The sending municipality, when known.
    pub kommune: Option<String>,
    /// The input is a CSV export (no schema; `fid` column may exist).
    pub csv: bool,
    /// The CSV has a `fid` column.
    pub csv_has_fid: bool,
    /// The columns the schema requires that the CSV lacks: one FIL-20 for
    /// the file, so the rules say nothing of each record's missing value.
    pub csv_absent: Vec<Field>,
    /// An identmelding was given.
    pub has_ident: bool,
    /// The file declares the 2018 schema (3.5 or the /2018 namespace).
    pub strict_2018: bool,
    /// The identmelding belongs to another fagmelding (IDE-04): the checks
    /// that join the two person by person (PER-25, PER-26, TJE-29 from the
    /// birth date, IDE-01, IDE-02) are not run, since their findings would
    /// come from the mismatch alone.
    pub pair_mismatch: bool,
}

/// One detection, before the engine dresses it as a finding.
#[derive(Clone, Debug)]
pub struct Hit {
    /// The rule's code.
    pub code: &'static str,
    /// Where in the file.
    pub pos: Pos,
    /// The message in bokmål.
    pub nb: String,
    /// The message in English.
    pub en: String,
    /// It breaks the official schema (counted by FIL-17).
    pub schema: bool,
    /// Which file the position points into.
    pub file: Source,
    /// The service code of the record, when the hit is about a service.
    pub tj_tjen_type: Option<String>,
}

impl Hit {
    /// A hit of `code` at `pos` in `file`, not a schema breach, about no
    /// particular service.
    pub fn new(code: &'static str, pos: Pos, nb: String, en: String, file: Source) -> Hit {
        Hit {
            code,
            pos,
            nb,
            en,
            schema: false,
            file,
            tj_tjen_type: None,
        }
    }

    /// The hit of a reader's note about `file`.
    pub fn from_note(n: Note, file: Source) -> Hit {
        Hit {
            schema: n.schema,
            ..Hit::new(n.code, n.pos, n.nb, n.en, file)
        }
    }
}

/// Where a check writes its hits.
pub struct Out<'a> {
    /// The code of the rule being run.
    pub code: &'static str,
    /// Where its hits go.
    pub hits: &'a mut Vec<Hit>,
}

impl Out<'_> {
    /// A hit at `pos` in the fagmelding.
    pub fn hit(&mut self, pos: Pos, nb: String, en: String) -> &mut Hit {
        let hit = Hit::new(self.code, pos, nb, en, Source::Fagmelding);
        self.hits.push(hit);
        self.hits.last_mut().expect("just pushed")
    }

    /// A hit that also breaks the official schema (counted by FIL-17).
    pub fn schema_hit(&mut self, pos: Pos, nb: String, en: String) -> &mut Hit {
        let h = self.hit(pos, nb, en);
        h.schema = true;
        h
    }

    /// A hit about a service record: carries its code for filtering.
    pub fn service_hit(&mut self, rec: &Record, pos: Pos, nb: String, en: String) -> &mut Hit {
        let code = rec
            .text(crate::model::Field::tjTjenType)
            .map(str::to_string);
        let h = self.hit(pos, nb, en);
        h.tj_tjen_type = code;
        h
    }
}

/// Where a rule run by the engine's flow writes its hits: unlike a check,
/// it may raise several codes, in either file.
pub(crate) struct FlowOut<'a> {
    pub(crate) hits: &'a mut Vec<Hit>,
}

impl FlowOut<'_> {
    /// A hit of `code` at `pos` in `file`.
    pub(crate) fn push(
        &mut self,
        code: &'static str,
        pos: Pos,
        nb: String,
        en: String,
        file: Source,
    ) -> &mut Hit {
        self.hits.push(Hit::new(code, pos, nb, en, file));
        self.hits.last_mut().expect("just pushed")
    }
}

/// How a rule is run.
#[derive(Clone, Copy)]
pub enum Check {
    /// No check of its own: only the modules in [`Rule::raised_by`] raise
    /// it, while decoding or reading.
    Reader,
    /// Run by the engine at its point in the flow (the year, the join with
    /// the identmelding, across persons, the end of the file); the function
    /// sits in the rule's file, next to the declaration.
    Flow,
    /// Once per file, on the header.
    Header(fn(&Ctx, &Header, &mut Out)),
    /// Once per person, with all the person's records.
    Person(fn(&Ctx, &Person, &mut Out)),
    /// On the header and on every person (the generic schema rules).
    HeaderAndPerson(fn(&Ctx, &Header, &mut Out), fn(&Ctx, &Person, &mut Out)),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Check::Reader => "Reader",
            Check::Flow => "Flow",
            Check::Header(_) => "Header",
            Check::Person(_) => "Person",
            Check::HeaderAndPerson(..) => "HeaderAndPerson",
        })
    }
}

/// One rule, declared once, in its family's file.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// The stable rule code, e.g. `TJE-09`.
    pub code: &'static str,
    /// How serious a finding of this rule is.
    pub severity: Severity,
    /// First and last reporting year the rule applies to.
    pub years: (u16, u16),
    /// Short Norwegian title (at most 70 characters).
    pub title_nb: &'static str,
    /// Short English title (at most 70 characters).
    pub title_en: &'static str,
    /// "Hvorfor": why the rule exists, naming the source (schema,
    /// Helsedirektoratet Q&A, SSB, ...) and saying so when it is inferred.
    pub why_nb: &'static str,
    /// English version of `why_nb`.
    pub why_en: &'static str,
    /// "Slik retter du": what the caseworker does in the EPJ system to fix it.
    pub fix_nb: &'static str,
    /// English version of `fix_nb`.
    pub fix_en: &'static str,
    /// How sure the source behind the rule is.
    pub confidence: Confidence,
    /// How the rule is run.
    pub check: Check,
    /// The modules outside `rules` that raise the code themselves, as
    /// crate paths (`"csv_reader"`, `"engine::session"`): the decoder and
    /// the readers, for what only reading can see.
    pub raised_by: &'static [&'static str],
}

impl Ctx {
    /// Whether `f` is a required column the CSV lacks (FIL-20 says it once).
    pub fn column_absent(&self, f: Field) -> bool {
        self.csv && self.csv_absent.contains(&f)
    }
}

impl Rule {
    /// Whether the rule applies to reporting year `year`.
    pub fn applies(&self, year: u16) -> bool {
        (self.years.0..=self.years.1).contains(&year)
    }
}

/// Every reporting year the checker knows.
pub(crate) const ALL_YEARS: (u16, u16) = (FIRST_YEAR, LAST_YEAR);
/// From the 2018 data year (the identmelding, the 2018 schema) on.
pub(crate) const FROM_2018: (u16, u16) = (2018, LAST_YEAR);
/// From the 2017 data year on (a year with a supported year before it).
pub(crate) const FROM_2017: (u16, u16) = (2017, LAST_YEAR);
/// From the 2019 data year on.
pub(crate) const FROM_2019: (u16, u16) = (2019, LAST_YEAR);

/// Every file's declarations; the registry is their union.
const FAMILIES: &[&[Rule]] = &[
    diagnose::RULES,
    file_header::RULES,
    file_reading::RULES,
    fjo::RULES,
    funksjon::RULES,
    ide::RULES,
    lost_zeros::RULES,
    opphold::RULES,
    person::RULES,
    person_id::RULES,
    schema::RULES,
    tjeneste::RULES,
    tjeneste_perioder::RULES,
    tjeneste_vedtak::RULES,
];

/// How many rules are declared.
const DECLARED: usize = {
    let (mut n, mut f) = (0, 0);
    while f < FAMILIES.len() {
        n += FAMILIES[f].len();
        f += 1;
    }
    n
};

/// Every rule, sorted by code.
pub static RULES: &[Rule] = &SORTED;

static SORTED: [Rule; DECLARED] = sorted(FAMILIES);

/// `a` sorts before `b` (byte order, as `str`'s `Ord`), for const code.
const fn before(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

/// The declarations in code order, by insertion, when the crate compiles;
/// a code declared twice stops the build.
const fn sorted<const N: usize>(families: &[&[Rule]]) -> [Rule; N] {
    let mut out = [families[0][0]; N];
    let (mut n, mut f) = (0, 0);
    while f < families.len() {
        let mut i = 0;
        while i < families[f].len() {
            let r = families[f][i];
            let mut j = n;
            while j > 0 && before(r.code, out[j - 1].code) {
                out[j] = out[j - 1];
                j -= 1;
            }
            assert!(
                j == 0 || before(out[j - 1].code, r.code),
                "two rules declare the same code"
            );
            out[j] = r;
            n += 1;
            i += 1;
        }
        f += 1;
    }
    assert!(n == N, "the count of declarations is off");
    out
}

/// The rule of a code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    // Asked for every finding: a direct table on «XXX-nn» (the families'
    // prefixes, then two digits) instead of a search among strings.
    struct Index {
        prefixes: Vec<[u8; 3]>,
        slots: Vec<u16>,
    }
    fn slot(prefixes: &[[u8; 3]], code: &str) -> Option<usize> {
        let b = code.as_bytes();
        if b.len() != 6 || b[3] != b'-' || !b[4].is_ascii_digit() || !b[5].is_ascii_digit() {
            return None;
        }
        let group = prefixes.iter().position(|p| p[..] == b[..3])?;
        Some(group * 100 + usize::from(b[4] - b'0') * 10 + usize::from(b[5] - b'0'))
    }
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut prefixes: Vec<[u8; 3]> = Vec::new();
        for r in RULES {
            if let Some(p) = r.code.as_bytes().first_chunk::<3>() {
                if !prefixes.contains(p) {
                    prefixes.push(*p);
                }
            }
        }
        let mut slots = vec![0u16; prefixes.len() * 100];
        for (i, r) in RULES.iter().enumerate() {
            if let Some(s) = slot(&prefixes, r.code) {
                slots[s] = u16::try_from(i + 1).expect("fewer than 65 535 rules");
            }
        }
        Index { prefixes, slots }
    });
    match slot(&index.prefixes, code).map(|s| index.slots[s]) {
        Some(0) => None,
        Some(i) => Some(&RULES[usize::from(i) - 1]),
        None => RULES
            .binary_search_by(|r| r.code.cmp(code))
            .ok()
            .map(|i| &RULES[i]),
    }
}

/// A rule as integrators and the page see it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    /// The rule's code, e.g. `TJE-09`.
    pub code: &'static str,
    /// How serious its findings are.
    pub severity: Severity,
    /// Its title in bokmål.
    pub title: &'static str,
    /// Its title in English.
    pub title_en: &'static str,
    /// Why the rule exists, with its source (bokmål).
    pub why: &'static str,
    /// Why the rule exists, with its source (English).
    pub why_en: &'static str,
    /// How the caseworker fixes it (bokmål).
    pub fix: &'static str,
    /// How the caseworker fixes it (English).
    pub fix_en: &'static str,
    /// How sure the source behind the rule is.
    pub confidence: Confidence,
    /// The first reporting year it applies to.
    pub from_year: u16,
    /// The last reporting year it applies to.
    pub to_year: u16,
}

/// The whole catalogue, sorted by code.
pub fn catalogue() -> Vec<RuleInfo> {
    RULES
        .iter()
        .map(|r| RuleInfo {
            code: r.code,
            severity: r.severity,
            title: r.title_nb,
            title_en: r.title_en,
            why: r.why_nb,
            why_en: r.why_en,
            fix: r.fix_nb,
            fix_en: r.fix_en,
            confidence: r.confidence,
            from_year: r.years.0,
            to_year: r.years.1,
        })
        .collect()
}

/// Parses a record's date field; `None` when absent or not a real date
/// (FIL-12 reports the latter).
pub fn date(rec: &Record, f: crate::model::Field) -> Option<crate::date::Date> {
    rec.text(f).and_then(crate::date::Date::parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_found_and_no_other() {
        for r in RULES {
            assert_eq!(rule(r.code).map(|x| x.code), Some(r.code));
        }
        for c in [
            "FIL-00", "FIL-99", "XYZ-01", "PER-7", "", "per-07", "TJE-1a",
        ] {
            assert!(rule(c).is_none(), "{c}");
        }
    }

    #[test]
    fn the_const_order_is_the_order_of_str() {
        for (a, b) in [
            ("FIL-01", "FIL-02"),
            ("FIL-09", "FIL-10"),
            ("DIA-04", "FIL-01"),
            ("PER-2", "PER-20"),
        ] {
            assert!(before(a, b) && !before(b, a), "{a} {b}");
            assert_eq!(before(a, b), a < b);
        }
        assert!(!before("TJE-01", "TJE-01"));
    }
}

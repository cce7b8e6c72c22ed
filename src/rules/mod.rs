//! The rule registry: one sorted table of every code of the catalogue
//! (docs/rules.md).
//!
//! Each row is a code, its severity, the reporting years it applies to and
//! its check. A check only detects: it reports a position and the facts as
//! a [`Hit`] in Norwegian and English; the engine adds the code's severity,
//! the person and the masked identity. Wording of titles, "hvorfor" and
//! "slik retter du" lives in [`texts`], apart from detection. Year-dependent
//! knowledge lives in [`crate::codes`] and the field table, never as
//! `if year` in a rule body.

use serde::Serialize;

use crate::codes::{FIRST_YEAR, LAST_YEAR};
use crate::model::{Header, Person, Pos, Record};
use crate::report::{Severity, Source};

pub mod diagnose;
pub mod dogntilbud;
pub mod file;
pub mod funksjon;
pub mod person;
pub mod schema;
pub mod texts;
pub mod tjeneste;
pub mod tjeneste_kryss;
pub mod tjeneste_mer;

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
    /// An identmelding was given.
    pub has_ident: bool,
    /// The file declares the 2018 schema (3.5 or the /2018 namespace).
    pub strict_2018: bool,
}

/// One detection, before the engine dresses it as a finding.
#[derive(Clone, Debug)]
pub struct Hit {
    pub code: &'static str,
    pub pos: Pos,
    pub nb: String,
    pub en: String,
    pub schema: bool,
    pub file: Source,
    pub tj_tjen_type: Option<String>,
}

/// Where a check writes its hits.
pub struct Out<'a> {
    pub code: &'static str,
    pub hits: &'a mut Vec<Hit>,
}

impl Out<'_> {
    /// A hit at `pos` in the fagmelding.
    pub fn hit(&mut self, pos: Pos, nb: String, en: String) -> &mut Hit {
        self.hits.push(Hit {
            code: self.code,
            pos,
            nb,
            en,
            schema: false,
            file: Source::Fagmelding,
            tj_tjen_type: None,
        });
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

/// How a rule is run.
#[derive(Clone, Copy)]
pub enum Check {
    /// Raised by a reader or by the engine itself (decoding, structure,
    /// the reporting year, joins across persons and files).
    Engine,
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
            Check::Engine => "Engine",
            Check::Header(_) => "Header",
            Check::Person(_) => "Person",
            Check::HeaderAndPerson(..) => "HeaderAndPerson",
        })
    }
}

/// One row of the registry.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    /// First and last reporting year the rule applies to.
    pub years: (u16, u16),
    pub check: Check,
}

impl Rule {
    pub fn applies(&self, year: u16) -> bool {
        (self.years.0..=self.years.1).contains(&year)
    }

    pub fn text(&self) -> &'static texts::RuleText {
        texts::text(self.code).expect("every rule has a text (tested)")
    }
}

use Severity::{Error as E, Fatal as F, Info as I, Warning as W};

const ALL: (u16, u16) = (FIRST_YEAR, LAST_YEAR);
const FROM_2018: (u16, u16) = (2018, LAST_YEAR);
const FROM_2019: (u16, u16) = (2019, LAST_YEAR);

macro_rules! rules {
    ($($code:literal $sev:ident $years:ident $check:expr;)*) => {
        /// Every rule, sorted by code.
        pub static RULES: &[Rule] = &[
            $(Rule { code: $code, severity: $sev, years: $years, check: $check },)*
        ];
    };
}

use Check::{Engine as Eng, Header as H, Person as P};

rules! {
    "DIA-01" E ALL P(diagnose::kodeverk_unknown);
    "DIA-02" E ALL P(diagnose::code_malformed);
    "DIA-03" W ALL P(diagnose::same_diagnosis_overlaps);
    "DIA-04" E ALL P(diagnose::dates_out_of_order);
    "FIL-01" F ALL Eng;
    "FIL-02" F ALL Eng;
    "FIL-03" W ALL Eng;
    "FIL-04" F ALL Eng;
    "FIL-05" W ALL Eng;
    "FIL-06" E ALL Eng;
    "FIL-07" W ALL H(file::system_missing);
    "FIL-08" W ALL Eng;
    "FIL-09" I ALL Eng;
    "FIL-10" E ALL Eng;
    "FIL-11" E ALL Check::HeaderAndPerson(schema::header_required_missing, schema::required_missing);
    "FIL-12" E ALL Check::HeaderAndPerson(schema::header_wrong_type, schema::wrong_type);
    "FIL-13" E ALL H(file::innhinfo_wrong);
    "FIL-14" E ALL H(file::period_not_a_year);
    "FIL-15" W ALL H(file::version_unknown);
    "FIL-16" I FROM_2018 Eng;
    "FIL-17" E ALL Eng;
    "FUN-01" E ALL P(funksjon::score_invalid);
    "FUN-02" E ALL P(funksjon::variable_unknown);
    "FUN-03" E ALL P(funksjon::dates_missing);
    "FUN-04" E ALL P(funksjon::dates_out_of_order);
    "FUN-05" W ALL P(funksjon::variables_missing);
    "FUN-06" E ALL P(funksjon::same_variable_overlaps);
    "FUN-07" W ALL P(funksjon::decision_without_assessment);
    "FUN-08" W ALL P(funksjon::variable_before_its_year);
    "IDE-01" E FROM_2018 Eng;
    "IDE-02" W FROM_2018 Eng;
    "IDE-03" E FROM_2018 Eng;
    "IDE-04" E FROM_2018 Eng;
    "IDE-05" E FROM_2018 Eng;
    "OPP-01" E ALL P(dogntilbud::orgnr_invalid);
    "OPP-02" E ALL P(dogntilbud::orgnr_missing);
    "OPP-03" E ALL P(dogntilbud::dates_missing_or_reversed);
    "OPP-04" I ALL P(dogntilbud::home_services_through_stay);
    "PER-01" E ALL P(person::identity_missing);
    "PER-02" E ALL P(person::fid_not_eleven_digits);
    "PER-03" E ALL P(person::fid_check_digits_wrong);
    "PER-04" E ALL P(person::fid_date_impossible);
    "PER-05" W ALL P(person::type_id_wrong);
    "PER-06" W ALL P(person::help_number);
    "PER-07" W ALL P(person::synthetic_identity);
    "PER-08" E ALL Eng;
    "PER-09" E ALL Eng;
    "PER-10" E ALL P(person::kommune_invalid);
    "PER-11" I ALL P(person::kommune_differs_from_sender);
    "PER-12" E ALL P(person::bydel_missing_for_city);
    "PER-13" E ALL P(person::bydel_not_in_city);
    "PER-14" E ALL P(person::husstand_missing);
    "PER-15" E ALL P(person::husstand_invalid);
    "PER-16" E ALL P(person::death_after_year);
    "PER-17" W ALL P(person::died_before_year);
    "PER-18" W ALL P(person::no_services);
    "PER-19" E ALL P(person::sex_or_age_invalid);
    "PER-20" W ALL P(person::age_above_120);
    "PER-21" E ALL Eng;
    "PER-22" E ALL P(person::assessment_after_year);
    "PER-23" W ALL P(person::check_digits_2032);
    "PER-24" W ALL P(person::bydel_unusual);
    "PER-25" W ALL P(person::sex_contradicts_fid);
    "PER-26" W ALL P(person::age_contradicts_fid);
    "PER-27" E ALL P(person::person_dates_wrong);
    "TJE-01" E ALL P(tjeneste::code_missing);
    "TJE-02" E ALL P(tjeneste::code_unknown);
    "TJE-03" E ALL P(tjeneste::code_not_in_year);
    "TJE-04" E ALL P(tjeneste::granted_without_start);
    "TJE-05" E ALL P(tjeneste::start_after_end);
    "TJE-06" E ALL P(tjeneste::start_after_year);
    "TJE-07" W ALL P(tjeneste::start_before_1980);
    "TJE-08" E ALL P(tjeneste::ended_before_year);
    "TJE-09" E ALL P(tjeneste::hours_above_168);
    "TJE-10" E ALL P(tjeneste::hours_negative);
    "TJE-11" W ALL P(tjeneste_mer::hours_missing);
    "TJE-12" W ALL P(tjeneste_mer::hours_on_non_hour_service);
    "TJE-13" W ALL P(tjeneste_mer::rullerende_missing);
    "TJE-14" E ALL P(tjeneste_mer::orgnr_invalid);
    "TJE-15" E ALL P(tjeneste_mer::orgnr_missing);
    "TJE-16" W ALL P(tjeneste_mer::decision_after_start);
    "TJE-17" E ALL P(tjeneste_mer::decision_after_year);
    "TJE-18" E ALL P(tjeneste_kryss::same_service_twice);
    "TJE-19" W ALL P(tjeneste_kryss::periods_overlap);
    "TJE-20" W ALL P(tjeneste_mer::refusal_with_service_data);
    "TJE-21" W ALL P(tjeneste_mer::refusal_outside_year);
    "TJE-22" W ALL P(tjeneste_kryss::starts_after_death);
    "TJE-23" W ALL P(tjeneste_kryss::hours_above_168_in_total);
    "TJE-24" I ALL P(tjeneste_kryss::long_term_stay_with_home_services);
    "TJE-25" E ALL P(tjeneste::decision_date_missing);
    "TJE-26" W ALL P(tjeneste_mer::orgnr_forbidden);
    "TJE-27" W ALL P(tjeneste_mer::application_or_appeal_dates_reversed);
    "TJE-28" W FROM_2019 P(tjeneste_mer::housing_code_after_2018);
    "TJE-29" E ALL P(tjeneste_kryss::start_before_birth);
}

/// The row of a code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    // Asked for every finding: a direct table on «XXX-nn» instead of a
    // search among strings.
    static INDEX: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let slot = |code: &str| -> Option<usize> {
        let b = code.as_bytes();
        if b.len() != 6 || b[3] != b'-' || !b[4].is_ascii_digit() || !b[5].is_ascii_digit() {
            return None;
        }
        let group = match &b[..3] {
            b"DIA" => 0,
            b"FIL" => 1,
            b"FUN" => 2,
            b"IDE" => 3,
            b"OPP" => 4,
            b"PER" => 5,
            b"TJE" => 6,
            _ => return None,
        };
        Some(group * 100 + usize::from(b[4] - b'0') * 10 + usize::from(b[5] - b'0'))
    };
    let index = INDEX.get_or_init(|| {
        let mut t = vec![0u8; 7 * 100];
        for (i, r) in RULES.iter().enumerate() {
            if let Some(s) = slot(r.code) {
                t[s] = u8::try_from(i + 1).expect("fewer than 255 rules");
            }
        }
        t
    });
    match slot(code).map(|s| index[s]) {
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
    pub code: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub title_en: &'static str,
    pub why: &'static str,
    pub why_en: &'static str,
    pub fix: &'static str,
    pub fix_en: &'static str,
    pub confidence: texts::Confidence,
    pub from_year: u16,
    pub to_year: u16,
}

/// The whole catalogue, sorted by code.
pub fn catalogue() -> Vec<RuleInfo> {
    RULES
        .iter()
        .map(|r| {
            let t = r.text();
            RuleInfo {
                code: r.code,
                severity: r.severity,
                title: t.title_nb,
                title_en: t.title_en,
                why: t.why_nb,
                why_en: t.why_en,
                fix: t.fix_nb,
                fix_en: t.fix_en,
                confidence: t.confidence,
                from_year: r.years.0,
                to_year: r.years.1,
            }
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
    fn codes_are_unique_sorted_and_documented() {
        assert_eq!(RULES.len(), 94);
        for w in RULES.windows(2) {
            assert!(w[0].code < w[1].code, "{} before {}", w[0].code, w[1].code);
        }
        for r in RULES {
            let t = texts::text(r.code).unwrap_or_else(|| panic!("{} has no text", r.code));
            assert!(!t.title_nb.is_empty() && !t.fix_nb.is_empty() && !t.why_nb.is_empty());
            assert!(r.years.0 <= r.years.1);
        }
        assert_eq!(texts::TEXTS.len(), RULES.len());
    }

    #[test]
    fn the_catalogue_matches_rules_md() {
        // Every code of the shared catalogue is registered with its severity.
        let Ok(md) = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/spec/rules.md"
        )) else {
            return; // shared/ is beside the repo in CI; the count test above still holds
        };
        let mut seen = 0;
        for line in md.lines() {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            if cells.len() > 3 && cells[1].len() == 6 && cells[1].as_bytes()[3] == b'-' {
                let r = rule(cells[1]).unwrap_or_else(|| panic!("{} missing", cells[1]));
                assert_eq!(format!("{:?}", r.severity), cells[2], "{}", r.code);
                seen += 1;
            }
        }
        assert_eq!(seen, RULES.len());
    }
}

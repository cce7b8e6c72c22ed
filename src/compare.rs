//! Comparison with last year's file: catches the extract that is valid but
//! incomplete, which no rule on one file can see.
//!
//! Both files are checked as usual, streamed, with
//! [`Options::comparable`](crate::Options) set: the engine then keeps a
//! [`Roster`] beside the statistics preview, one small entry per person
//! (the join key, `pePeID`, the service codes of the year as a bit set,
//! whether a service is open-ended, whether a death date is given) and the
//! function scores counted per variable, never the records. Memory follows
//! the number of persons, not the size of the files.
//!
//! [`apply`] joins the two rosters (on the identity number when both files
//! carry one, else on `pePeID`), builds the [`Comparison`] of the JSON
//! report (`comparison`) from the same statistics the preview shows, and
//! adds the FJO findings the rules of [`crate::rules::fjo`] raise. Every
//! text and value that leaves here passes [`crate::privacy`]; identity
//! numbers only ever leave masked ([`fnr::mask`]).

// The report's JSON contract: the fields of `comparison` are documented
// once, in src/types.rs (the TypeScript declarations), not again here.
#![allow(missing_docs)]

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::codes;
use crate::date::Date;
use crate::finding::{Finding, Severity, Source};
use crate::fnr;
use crate::model::{Field, Person};
use crate::privacy::{self, Lang};
use crate::report::{FileInfo, Omitted, Report};
use crate::rules::{self, fjo, tjeneste};
use crate::stats::Stats;

/// One person of a file, as much as a comparison needs.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// The identity number (whole: only to join; never written out unmasked).
    pub(crate) fid: Option<Box<str>>,
    pub(crate) pe_id: Option<Box<str>>,
    /// 1-based number of the person in its file.
    pub(crate) index: u32,
    /// The line of the person's record in its file.
    pub(crate) line: u32,
    /// Bit `c` set: a granted service with code `c` during the year (the
    /// preview's measure), codes 1–31.
    pub(crate) codes: u32,
    /// A granted service with a start date and no `tjTilDato`.
    pub(crate) open_ended: bool,
    /// `peDodDato` is given.
    pub(crate) dead: bool,
    /// The person has an Error finding (left out of the statistics).
    pub(crate) has_error: bool,
}

/// Scores of one function variable: counts of 1–5 and of 9 (not relevant).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Scores {
    pub(crate) by_score: [usize; 5],
    pub(crate) not_relevant: usize,
}

impl Scores {
    pub(crate) fn scored(&self) -> usize {
        self.by_score.iter().sum()
    }

    /// The mean of the scores 1–5; `None` without any.
    pub(crate) fn mean(&self) -> Option<f64> {
        let n = self.scored();
        (n > 0).then(|| {
            let sum: usize = self
                .by_score
                .iter()
                .enumerate()
                .map(|(i, c)| (i + 1) * c)
                .sum();
            sum as f64 / n as f64
        })
    }
}

/// What a comparison keeps of one file: one entry per person and the
/// function scores, built one person at a time.
#[derive(Clone, Debug)]
pub struct Roster {
    pub(crate) year: u16,
    start: Date,
    end: Date,
    pub(crate) entries: Vec<Entry>,
    /// Per function variable, over persons without errors (as the preview).
    pub(crate) functions: BTreeMap<u8, Scores>,
}

impl Roster {
    pub(crate) fn new(year: u16) -> Roster {
        Roster {
            year,
            start: Date::year_start(year),
            end: Date::year_end(year),
            entries: Vec::new(),
            functions: BTreeMap::new(),
        }
    }

    /// Adds one person (the engine calls it after judging the person).
    pub(crate) fn add(&mut self, p: &Person, has_error: bool) {
        let mut codes = 0u32;
        let mut open_ended = false;
        for rec in &p.tjenester {
            if !tjeneste::granted(rec) {
                continue;
            }
            let fra = rules::date(rec, Field::tjFraDato);
            let til = rules::date(rec, Field::tjTilDato);
            open_ended |= fra.is_some() && rec.get(Field::tjTilDato).is_none();
            // The preview's "during the year" (src/stats.rs).
            let during = fra.is_some_and(|d| d <= self.end) && til.is_none_or(|t| t >= self.start);
            if let Some(c) = tjeneste::code(rec).filter(|c| codes::tjeneste(*c).is_some()) {
                if during && c < 32 {
                    codes |= 1 << c;
                }
            }
        }
        if !has_error {
            for rec in &p.funksjoner {
                let var = rec
                    .text(Field::fnFunkType)
                    .and_then(|v| v.parse::<u8>().ok());
                let score = rec.text(Field::fnFunkVerdi);
                let (Some(var), Some(score)) = (var, score) else {
                    continue;
                };
                let s = self.functions.entry(var).or_default();
                match score {
                    "1" | "2" | "3" | "4" | "5" => {
                        s.by_score[usize::from(score.as_bytes()[0] - b'1')] += 1;
                    }
                    "9" => s.not_relevant += 1,
                    _ => {}
                }
            }
        }
        self.entries.push(Entry {
            fid: p.fid().map(Into::into),
            pe_id: p.pe_id().map(Into::into),
            index: p.index,
            line: p.rec.pos.line,
            codes,
            open_ended,
            dead: p.rec.get(Field::peDodDato).is_some(),
            has_error,
        });
    }

    /// Whether (nearly) every person carries an identity number.
    fn has_identities(&self) -> bool {
        let with = self.entries.iter().filter(|e| e.fid.is_some()).count();
        !self.entries.is_empty() && with * 100 >= self.entries.len() * 95
    }
}

/// The code a service is counted under in `year`: 12 and 13 as 29 from
/// 2019, as the register counts them.
pub(crate) fn counted_as(code: u16, year: u16) -> u16 {
    if matches!(code, 12 | 13) && year >= 2019 {
        29
    } else {
        code
    }
}

/// The thresholds of the FJO rules, in one place. INFERRED: the receiver's
/// own are not public; each finding states the one it used.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Thresholds {
    /// FJO-01: a code's persons changed by more than this share…
    pub service_change_share: f64,
    /// …and by at least this many persons.
    pub service_change_persons: usize,
    /// FJO-02: persons of a code that appeared or vanished.
    pub service_vanished_persons: usize,
    /// FJO-03: the file's persons changed by more than this share.
    pub total_change_share: f64,
    /// FJO-04: share of last year's persons with an open-ended service
    /// that are missing without a death date.
    pub open_missing_share: f64,
    /// FJO-06: a function variable's mean moved by more than this.
    pub function_mean_change: f64,
    /// FJO-06 is judged only with at least this many scores each year.
    pub function_min_scores: usize,
    /// Always true: the thresholds are our guess.
    pub inferred: bool,
}

pub const THRESHOLDS: Thresholds = Thresholds {
    service_change_share: 0.30,
    service_change_persons: 20,
    service_vanished_persons: 10,
    total_change_share: 0.20,
    open_missing_share: 0.05,
    function_mean_change: 0.5,
    function_min_scores: 20,
    inferred: true,
};

/// How many of the persons missing this year are listed in `comparison`
/// (all of them are FJO-04 findings, up to the cap per code).
pub const LISTED_MISSING: usize = 200;

/// How the two years' persons were joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum JoinKey {
    /// The identity number (both files carry it).
    Identity,
    /// `pePeID` (at least one file lacks identity numbers).
    #[serde(rename = "pePeID")]
    PePeId,
}

/// Persons in one year, the other, or both.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonsCompared {
    pub this_year: usize,
    pub last_year: usize,
    pub in_both: usize,
    pub only_last_year: usize,
    pub only_this_year: usize,
    pub joined_on: JoinKey,
    /// "Personene er koblet på fødselsnummer …"
    pub joined_on_text: String,
    pub joined_on_text_en: String,
    /// In both years under another `pePeID` (FJO-05; identity join only).
    pub renumbered: usize,
}

/// One service code, last year and this year.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceCompared {
    pub code: u16,
    pub name: &'static str,
    pub name_en: &'static str,
    /// Last year's codes counted under this one (12 and 13 as 29 from 2019).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mapped_from: Vec<u16>,
    /// Persons with the service during the year (the preview's measure).
    pub persons_last_year: usize,
    pub persons_this_year: usize,
    pub persons_change: i64,
    /// The change as a share of last year's persons; `None` from zero.
    pub persons_change_share: Option<f64>,
    /// Service records during the year.
    pub services_last_year: usize,
    pub services_this_year: usize,
    /// Hours per week over services active on 31.12. (hour-based codes).
    pub hours_per_week_last_year: Option<f64>,
    pub hours_per_week_this_year: Option<f64>,
}

/// A person of last year's file missing this year (masked).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingPerson {
    /// `pePeID` in last year's file.
    #[serde(rename = "pePeID")]
    pub pe_pe_id: Option<String>,
    /// The identity number, masked.
    pub fid: Option<String>,
    /// The line of the person in last year's file.
    pub line_last_year: u32,
}

/// Last year's persons with an open-ended service missing this year.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingOpenEnded {
    /// Last year's persons with an open-ended service (no `tjTilDato`).
    pub open_ended_last_year: usize,
    /// Of them, missing this year without a death date.
    pub count: usize,
    /// `count` as a share of `openEndedLastYear`.
    pub share: f64,
    /// The first of them, at most [`LISTED_MISSING`], masked.
    pub persons: Vec<MissingPerson>,
}

/// The score distribution of one function variable in both years.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionCompared {
    pub variable: u8,
    pub name: &'static str,
    pub name_en: &'static str,
    /// Counts of the scores 1–5.
    pub scores_last_year: [usize; 5],
    pub scores_this_year: [usize; 5],
    pub not_relevant_last_year: usize,
    pub not_relevant_this_year: usize,
    pub mean_last_year: Option<f64>,
    pub mean_this_year: Option<f64>,
    pub mean_change: Option<f64>,
}

/// One age group in both years (the preview's, active on 31.12.).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgeGroupCompared {
    pub group: &'static str,
    pub persons_last_year: usize,
    pub persons_this_year: usize,
    pub persons_year_last_year: usize,
    pub persons_year_this_year: usize,
}

/// The comparison with last year's file (`comparison` in the JSON report).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub year: u16,
    pub previous_year: u16,
    /// Last year's files as read (names masked like every name).
    pub previous_files: Vec<FileInfo>,
    pub thresholds: Thresholds,
    /// "Beregnet fra de samme tallene som forhåndsvisningen …"
    pub note_nb: String,
    pub note_en: String,
    pub persons: PersonsCompared,
    pub by_service: Vec<ServiceCompared>,
    pub missing_open_ended: MissingOpenEnded,
    pub function_scores: Vec<FunctionCompared>,
    pub age_groups: Vec<AgeGroupCompared>,
    /// FJO findings per code, those over the cap included.
    pub findings: Vec<CodeCount>,
}

/// How many findings one FJO code raised.
#[derive(Clone, Debug, Serialize)]
pub struct CodeCount {
    pub code: &'static str,
    pub count: usize,
}

/// Why two reports cannot be compared: a sentence in bokmål and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub nb: String,
    pub en: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.nb, self.en)
    }
}

impl std::error::Error for Problem {}

/// The two years joined person by person.
pub(crate) struct Join<'a> {
    pub(crate) key: JoinKey,
    pub(crate) in_both: usize,
    pub(crate) only_last: usize,
    pub(crate) only_this: usize,
    /// Last year's persons with an open-ended service.
    pub(crate) open_ended: usize,
    /// Of them, missing this year without a death date.
    pub(crate) missing: Vec<&'a Entry>,
    /// (last year, this year): one identity under two `pePeID`s.
    pub(crate) renumbered: Vec<(&'a Entry, &'a Entry)>,
}

fn join<'a>(this: &'a Roster, prev: &'a Roster) -> Join<'a> {
    let key = if this.has_identities() && prev.has_identities() {
        JoinKey::Identity
    } else {
        JoinKey::PePeId
    };
    // A person without an identity number is joined on `pePeID` even then.
    let key_of = |e: &'a Entry| -> Option<(bool, &'a str)> {
        match (key, e.fid.as_deref()) {
            (JoinKey::Identity, Some(f)) => Some((true, f)),
            _ => e.pe_id.as_deref().map(|p| (false, p)),
        }
    };
    let mut now: HashMap<(bool, &str), &Entry> = HashMap::with_capacity(this.entries.len());
    for e in &this.entries {
        if let Some(k) = key_of(e) {
            now.entry(k).or_insert(e);
        }
    }
    let mut j = Join {
        key,
        in_both: 0,
        only_last: 0,
        only_this: 0,
        open_ended: 0,
        missing: Vec::new(),
        renumbered: Vec::new(),
    };
    let mut matched = 0usize;
    let mut seen: std::collections::HashSet<(bool, &str)> =
        std::collections::HashSet::with_capacity(prev.entries.len());
    for e in &prev.entries {
        let k = key_of(e);
        // A key twice in last year's file (PER-08 there) is counted once.
        if let Some(k) = k {
            if !seen.insert(k) {
                continue;
            }
        }
        j.open_ended += usize::from(e.open_ended);
        match k.and_then(|k| now.get(&k)) {
            Some(n) => {
                j.in_both += 1;
                matched += 1;
                if key == JoinKey::Identity && e.fid.is_some() && e.pe_id != n.pe_id {
                    j.renumbered.push((e, n));
                }
            }
            None => {
                j.only_last += 1;
                if e.open_ended && !e.dead {
                    j.missing.push(e);
                }
            }
        }
    }
    j.only_this = now.len().saturating_sub(matched);
    j
}

/// Persons per service code during the year, counted under this year's
/// codes, from persons without errors (as the preview counts them).
fn persons_by_code(r: &Roster, year: u16) -> BTreeMap<u16, usize> {
    let mut out: BTreeMap<u16, usize> = BTreeMap::new();
    for e in r.entries.iter().filter(|e| !e.has_error) {
        let mut mapped = 0u32;
        for c in 1..32u16 {
            if e.codes & (1 << c) != 0 {
                mapped |= 1 << counted_as(c, year);
            }
        }
        for c in 1..32u16 {
            if mapped & (1 << c) != 0 {
                *out.entry(c).or_default() += 1;
            }
        }
    }
    out
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn by_service(
    this: &Roster,
    prev: &Roster,
    s_this: &Stats,
    s_prev: &Stats,
) -> Vec<ServiceCompared> {
    let year = this.year;
    let p_this = persons_by_code(this, year);
    let p_prev = persons_by_code(prev, year);
    // Records and hours from the preview, summed under this year's codes.
    let sums = |s: &Stats| {
        let mut m: BTreeMap<u16, (usize, Option<f64>)> = BTreeMap::new();
        for x in &s.by_service {
            let e = m.entry(counted_as(x.code, year)).or_default();
            e.0 += x.records_year;
            if let Some(h) = x.hours_per_week_active {
                e.1 = Some(e.1.unwrap_or(0.0) + h);
            }
        }
        m
    };
    let (r_this, r_prev) = (sums(s_this), sums(s_prev));
    let mut all: Vec<u16> = p_this
        .keys()
        .chain(p_prev.keys())
        .chain(r_this.keys())
        .chain(r_prev.keys())
        .copied()
        .collect();
    all.sort_unstable();
    all.dedup();
    all.into_iter()
        .filter_map(|code| {
            let t = codes::tjeneste(code)?;
            let (a, b) = (
                p_prev.get(&code).copied().unwrap_or(0),
                p_this.get(&code).copied().unwrap_or(0),
            );
            let change = b as i64 - a as i64;
            let mapped_from = if code == 29 && prev.year < 2019 && year >= 2019 {
                vec![12, 13]
            } else {
                Vec::new()
            };
            Some(ServiceCompared {
                code,
                name: t.name_nb,
                name_en: t.name_en,
                mapped_from,
                persons_last_year: a,
                persons_this_year: b,
                persons_change: change,
                persons_change_share: (a > 0)
                    .then(|| (change as f64 / a as f64 * 10_000.0).round() / 10_000.0),
                services_last_year: r_prev.get(&code).map_or(0, |x| x.0),
                services_this_year: r_this.get(&code).map_or(0, |x| x.0),
                hours_per_week_last_year: r_prev.get(&code).and_then(|x| x.1).map(round2),
                hours_per_week_this_year: r_this.get(&code).and_then(|x| x.1).map(round2),
            })
        })
        .collect()
}

fn function_scores(this: &Roster, prev: &Roster) -> Vec<FunctionCompared> {
    let mut vars: Vec<u8> = this
        .functions
        .keys()
        .chain(prev.functions.keys())
        .copied()
        .collect();
    vars.sort_unstable();
    vars.dedup();
    vars.into_iter()
        .filter_map(|v| {
            let var = codes::FUNKSJONSVARIABLER.iter().find(|f| f.code == v)?;
            let a = prev.functions.get(&v).copied().unwrap_or_default();
            let b = this.functions.get(&v).copied().unwrap_or_default();
            let (ma, mb) = (a.mean(), b.mean());
            Some(FunctionCompared {
                variable: v,
                name: var.name_nb,
                name_en: var.name_en,
                scores_last_year: a.by_score,
                scores_this_year: b.by_score,
                not_relevant_last_year: a.not_relevant,
                not_relevant_this_year: b.not_relevant,
                mean_last_year: ma.map(round2),
                mean_this_year: mb.map(round2),
                mean_change: ma.zip(mb).map(|(x, y)| round2(y - x)),
            })
        })
        .collect()
}

/// A person of either file as the report may show it: `pePeID` and the
/// masked identity number, both through the masking step.
pub(crate) fn shown(e: &Entry) -> (Option<String>, Option<String>) {
    (
        e.pe_id.as_deref().map(|p| privacy::field(p, Lang::Nb)),
        e.fid
            .as_deref()
            .map(|f| privacy::field(&fnr::mask(f), Lang::Nb)),
    )
}

/// Reads the pair's years and rosters, or says why they do not compare.
fn pair<'a>(report: &'a Report, prev: &'a Report) -> Result<(&'a Roster, &'a Roster), Problem> {
    let Some(prev_year) = prev.year.filter(|_| prev.roster.is_some()) else {
        return Err(Problem {
            nb: "Fjorårets fil kunne ikke kontrolleres, så den kan ikke sammenlignes med årets. Kontroller den alene for å se hvorfor.".into(),
            en: "Last year's file could not be checked, so it cannot be compared with this year's. Check it on its own to see why.".into(),
        });
    };
    let Some(year) = report.year.filter(|_| report.roster.is_some()) else {
        return Err(Problem {
            nb: "Årets fil kunne ikke kontrolleres, så den kan ikke sammenlignes med fjorårets."
                .into(),
            en: "This year's file could not be checked, so it cannot be compared with last year's."
                .into(),
        });
    };
    if prev_year + 1 != year {
        return Err(Problem {
            nb: format!(
                "Fjorårets fil gjelder {prev_year}, men årets fil gjelder {year}: velg filen for {} som fjorårets fil.",
                year - 1
            ),
            en: format!(
                "Last year's file covers {prev_year}, but this year's file covers {year}: choose the file for {} as last year's file.",
                year - 1
            ),
        });
    }
    match (&report.roster, &prev.roster) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => unreachable!("checked above"),
    }
}

/// [`apply`], except that a pair that cannot be compared keeps this year's
/// report whole and says why in `comparisonProblem` (the page: the check
/// the caseworker asked for is not lost to a wrong file of last year).
pub fn apply_or_note(report: &mut Report, prev: &mut Report, cap: Option<usize>) {
    if let Err(problem) = apply(report, prev, cap) {
        report.roster = None;
        report.comparison_problem = Some(Problem {
            nb: privacy::message(problem.nb, Lang::Nb),
            en: privacy::message(problem.en, Lang::En),
        });
    }
}

/// Compares `report` with last year's `prev` (both checked with
/// `Options::comparable`): sets `report.comparison`, adds the FJO findings
/// (at most `cap` per code listed, the rest counted), and judges the report
/// again. The rosters are dropped afterwards.
pub fn apply(report: &mut Report, prev: &mut Report, cap: Option<usize>) -> Result<(), Problem> {
    pair(report, prev)?;
    let (Some(s_this), Some(s_prev)) = (report.stats.clone(), prev.stats.clone()) else {
        return Err(Problem {
            nb: "Statistikken for en av filene mangler, så de kan ikke sammenlignes.".into(),
            en: "The statistics of one of the files are missing, so they cannot be compared."
                .into(),
        });
    };
    let (Some(this_r), Some(prev_r)) = (report.roster.take(), prev.roster.take()) else {
        unreachable!("pair() found both rosters")
    };
    let (this_r, prev_r) = (&this_r, &prev_r);
    let (s_this, s_prev) = (&s_this, &s_prev);
    let j = join(this_r, prev_r);
    let (joined_nb, joined_en) = match j.key {
        JoinKey::Identity => (
            "Personene er koblet på fødselsnummeret, som begge årene har.".to_string(),
            "Persons are joined on the identity number, which both years carry.".to_string(),
        ),
        JoinKey::PePeId => (
            "Personene er koblet på pePeID, fordi minst én av filene mangler fødselsnummer (identmeldingen). Skifter fagsystemet nummer på personene, ser de ut som nye.".to_string(),
            "Persons are joined on pePeID, since at least one of the files lacks identity numbers (the identmelding). If the EPJ system renumbers persons, they look new.".to_string(),
        ),
    };
    let missing_persons: Vec<MissingPerson> = j
        .missing
        .iter()
        .take(LISTED_MISSING)
        .map(|e| {
            let (pe_pe_id, fid) = shown(e);
            MissingPerson {
                pe_pe_id,
                fid,
                line_last_year: e.line,
            }
        })
        .collect();
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    let age_groups = s_this
        .by_age_group
        .iter()
        .zip(&s_prev.by_age_group)
        .map(|(a, b)| AgeGroupCompared {
            group: a.group,
            persons_last_year: b.persons,
            persons_this_year: a.persons,
            persons_year_last_year: b.persons_year,
            persons_year_this_year: a.persons_year,
        })
        .collect();
    let mut cmp = Comparison {
        year: this_r.year,
        previous_year: prev_r.year,
        previous_files: prev
            .provenance
            .files
            .iter()
            .map(|f| FileInfo {
                role: format!("{} (fjoråret)", f.role),
                ..f.clone()
            })
            .collect(),
        thresholds: THRESHOLDS,
        note_nb: "Tjenester, timer, funksjonsskårer og aldersgrupper er beregnet som i forhåndsvisningen av statistikken, bare fra personer uten feil; personene i begge år er telt fra alle personer. Tersklene for FJO-reglene er antatt: mottakerens egne er ikke offentlige.".into(),
        note_en: "Services, hours, function scores and age groups are computed as in the statistics preview, only from persons without errors; persons in both years are counted from all persons. The thresholds of the FJO rules are inferred: the receiver's own are not public.".into(),
        persons: PersonsCompared {
            this_year: report.persons,
            last_year: prev.persons,
            in_both: j.in_both,
            only_last_year: j.only_last,
            only_this_year: j.only_this,
            joined_on: j.key,
            joined_on_text: joined_nb,
            joined_on_text_en: joined_en,
            renumbered: j.renumbered.len(),
        },
        by_service: by_service(this_r, prev_r, s_this, s_prev),
        missing_open_ended: MissingOpenEnded {
            open_ended_last_year: j.open_ended,
            count: j.missing.len(),
            share: (share(j.missing.len(), j.open_ended) * 10_000.0).round() / 10_000.0,
            persons: missing_persons,
        },
        function_scores: function_scores(this_r, prev_r),
        age_groups,
        findings: Vec::new(),
    };
    let hits = fjo::judge(&cmp, &j, this_r.year);
    drop(j);
    let mut kept: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut omitted: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut raised: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut findings = Vec::new();
    for h in hits {
        let Some(rule) = rules::rule(h.code).filter(|r| r.applies(this_r.year)) else {
            continue;
        };
        *raised.entry(h.code).or_default() += 1;
        let n = kept.entry(h.code).or_default();
        if cap.is_some_and(|c| *n >= c) {
            *omitted.entry(h.code).or_default() += 1;
            continue;
        }
        *n += 1;
        findings.push(Finding {
            code: h.code,
            severity: rule.severity,
            message: privacy::message(h.nb, Lang::Nb),
            message_en: privacy::message(h.en, Lang::En),
            line: h.line,
            column: None,
            file: Source::Fagmelding,
            person: h.person,
            pe_pe_id: h.pe_pe_id,
            fid: h.fid,
            fid_full: None,
            tj_tjen_type: h.service.map(|c| c.to_string()),
            schema: false,
            lost_zero: false,
        });
    }
    report.findings.extend(findings);
    cmp.findings = raised
        .into_iter()
        .map(|(code, count)| CodeCount { code, count })
        .collect();
    for (code, count) in omitted {
        report.findings_omitted.push(Omitted {
            code,
            count,
            severity: rules::rule(code).map_or(Severity::Warning, |r| r.severity),
        });
    }
    report.findings_omitted.sort_by_key(|o| o.code);
    report
        .provenance
        .files
        .extend(cmp.previous_files.iter().cloned());
    report.comparison = Some(cmp);
    report.finish();
    Ok(())
}

/// Checks this year's file and last year's (whole buffers) and compares
/// them: the report of this year's file with `comparison` and the FJO
/// findings. Last year's file is checked first, and only its roster and
/// statistics are kept.
pub fn check_pair(
    main: crate::Input,
    ident: Option<crate::Input>,
    previous: crate::Input,
    previous_ident: Option<crate::Input>,
    opts: &crate::Options,
) -> Result<Report, Problem> {
    let mut prev = crate::check(previous, previous_ident, &previous_options(opts));
    let mut o = opts.clone();
    o.comparable = true;
    let mut report = crate::check(main, ident, &o);
    apply(&mut report, &mut prev, opts.max_findings_per_code)?;
    Ok(report)
}

/// The options last year's file is checked with: comparable, its findings
/// only counted (none is shown), and no year forced on it.
pub fn previous_options(opts: &crate::Options) -> crate::Options {
    crate::Options {
        year: opts.year.map(|y| y - 1),
        comparable: true,
        record_duties: false,
        reveal_identities: false,
        max_findings_per_code: Some(0),
        ..opts.clone()
    }
}

/// The comparison for a terminal: persons, then a table per service code.
pub fn text(c: &Comparison, nb: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let p = &c.persons;
    let (y, py) = (c.year, c.previous_year);
    // Both languages' lines, then one set of values put into them.
    let (lines, joined) = if nb {
        (
            [
                "Sammenlignet med {py}: {pl} personer i {py}, {pt} i {y}; {pb} i begge, {po} bare i {py}, {pn} bare i {y}. {j}",
                "Med løpende tjeneste i {py} og borte i {y} uten dødsdato: {gone} av {open}.",
                "  Tjeneste  {py6}  {y6}  endring",
            ],
            &p.joined_on_text,
        )
    } else {
        (
            [
                "Compared with {py}: {pl} persons in {py}, {pt} in {y}; {pb} in both, {po} only in {py}, {pn} only in {y}. {j}",
                "With an open-ended service in {py} and gone in {y} without a date of death: {gone} of {open}.",
                "  Service   {py6}  {y6}  change",
            ],
            &p.joined_on_text_en,
        )
    };
    let values = [
        ("{py6}", format!("{py:>6}")),
        ("{y6}", format!("{y:>6}")),
        ("{py}", py.to_string()),
        ("{y}", y.to_string()),
        ("{pl}", p.last_year.to_string()),
        ("{pt}", p.this_year.to_string()),
        ("{pb}", p.in_both.to_string()),
        ("{po}", p.only_last_year.to_string()),
        ("{pn}", p.only_this_year.to_string()),
        ("{j}", joined.to_string()),
        ("{gone}", c.missing_open_ended.count.to_string()),
        (
            "{open}",
            c.missing_open_ended.open_ended_last_year.to_string(),
        ),
    ];
    let _ = writeln!(out);
    for line in lines {
        let line = values
            .iter()
            .fold(line.to_string(), |l, (key, value)| l.replace(key, value));
        let _ = writeln!(out, "{line}");
    }
    for s in &c.by_service {
        let share = s
            .persons_change_share
            .map(|x| format!(" ({:+.0} %)", x * 100.0))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:>8}  {:>6}  {:>6}  {:+}{share}",
            s.code, s.persons_last_year, s.persons_this_year, s.persons_change
        );
    }
    out
}

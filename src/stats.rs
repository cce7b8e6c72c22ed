//! The statistics preview (docs/report.md §4): what the receiver's
//! statistics will roughly show for this file, so a municipality can spot a
//! wrong extract before sending it.
//!
//! Computed only from persons without errors, and the result says so.
//! Persons stream past and are dropped; the accumulator keeps one entry per
//! distinct service code plus a few counters, never the persons.
//!
//! Measures:
//! - "during the year": a granted service (not an avslag) with a start date
//!   on or before 31.12., and no end date or one on or after 1.1.;
//! - "active on 31.12.": a granted service with a start date on or before
//!   31.12. and no end date or one on or after 31.12. (FHI's KPR "antall
//!   brukere" per service type);
//! - a service without a readable start date is counted in neither, as the
//!   receiver leaves it out (TJE rules report it).
//!
//! Age is `peAlder` as the file gives it, read as the age at 31.12. of the
//! reporting year. That reading is INFERRED and the result says so.

// The report's JSON contract: its fields are documented once, in
// src/types.rs (the TypeScript declarations), not again here.
#![allow(missing_docs)]

use std::collections::BTreeMap;

use serde::Serialize;

use crate::codes::{self, Gruppe};
use crate::date::Date;
use crate::model::{Field, Person, Record};
use crate::rules::tjeneste;

/// Age groups at 31.12.: label and the inclusive lower bound of each.
pub const AGE_GROUPS: [(&str, i32); 6] = [
    ("0–17", 0),
    ("18–49", 18),
    ("50–66", 50),
    ("67–79", 67),
    ("80–89", 80),
    ("90+", 90),
];

/// Index into [`AGE_GROUPS`] for an age; `None` for a negative age.
pub fn age_group(age: i32) -> Option<usize> {
    AGE_GROUPS.iter().rposition(|(_, from)| age >= *from)
}

/// One service code in the preview.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceStats {
    pub code: u16,
    pub name: &'static str,
    pub name_en: &'static str,
    pub persons_year: usize,
    pub records_year: usize,
    pub persons_active: usize,
    pub records_active: usize,
    /// Sum of `tjTimerUke` over records active on 31.12.; only for
    /// hour-based codes.
    pub hours_per_week_active: Option<f64>,
}

/// Persons in one age group.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgeGroupStats {
    pub group: &'static str,
    /// With a service active on 31.12.
    pub persons: usize,
    /// With a service during the year.
    pub persons_year: usize,
}

/// Persons with at least one service in a service group.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupStats {
    pub group: Gruppe,
    pub name: &'static str,
    pub name_en: &'static str,
    /// With a service of the group active on 31.12.
    pub persons: usize,
    /// With a service of the group during the year.
    pub persons_year: usize,
}

/// The statistics preview.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub year: u16,
    /// "Beregnet bare fra poster uten feil: …"
    pub note_nb: String,
    pub note_en: String,
    /// How the measures and the age are defined.
    pub definitions_nb: String,
    pub definitions_en: String,
    pub persons_included: usize,
    pub persons_excluded: usize,
    /// Included persons with a granted service during the year (the
    /// denominator of the shares).
    pub recipients_year: usize,
    /// Included persons with a granted service active on 31.12.
    pub recipients_active: usize,
    pub by_service: Vec<ServiceStats>,
    pub by_age_group: Vec<AgeGroupStats>,
    /// Recipients whose `peAlder` is missing or not a number.
    pub age_unknown: usize,
    pub age_unknown_year: usize,
    pub by_service_group: Vec<GroupStats>,
    /// Shares (0..=1) of `recipientsYear`; 0 when there are none.
    pub share_with_assessment: f64,
    pub share_with_diagnosis: f64,
    pub share_with_individual_plan: f64,
}

#[derive(Debug, Default)]
struct CodeAcc {
    persons_year: usize,
    records_year: usize,
    persons_active: usize,
    records_active: usize,
    hours_active: f64,
}

/// Builds [`Stats`] one person at a time.
#[derive(Debug)]
pub struct StatsAcc {
    year: u16,
    start: Date,
    end: Date,
    included: usize,
    excluded: usize,
    recipients_year: usize,
    recipients_active: usize,
    by_code: BTreeMap<u16, CodeAcc>,
    /// Per age group: (active, year).
    ages: [(usize, usize); 6],
    age_unknown: (usize, usize),
    groups: BTreeMap<Gruppe, (usize, usize)>,
    with_assessment: usize,
    with_diagnosis: usize,
    with_plan: usize,
}

fn date(rec: &Record, f: Field) -> Option<Date> {
    rec.text(f).and_then(Date::parse)
}

impl StatsAcc {
    pub fn new(year: u16) -> Self {
        StatsAcc {
            year,
            start: Date::year_start(year),
            end: Date::year_end(year),
            included: 0,
            excluded: 0,
            recipients_year: 0,
            recipients_active: 0,
            by_code: BTreeMap::new(),
            ages: [(0, 0); 6],
            age_unknown: (0, 0),
            groups: BTreeMap::new(),
            with_assessment: 0,
            with_diagnosis: 0,
            with_plan: 0,
        }
    }

    /// (during the year, active on 31.12.) for one service record.
    fn measures(&self, rec: &Record) -> (bool, bool) {
        let started = date(rec, Field::tjFraDato).is_some_and(|d| d <= self.end);
        if !tjeneste::granted(rec) || !started {
            return (false, false);
        }
        let til = date(rec, Field::tjTilDato);
        (
            til.is_none_or(|t| t >= self.start),
            til.is_none_or(|t| t >= self.end),
        )
    }

    /// Adds one person; a person with an Error finding is only counted as
    /// left out.
    pub fn add(&mut self, p: &Person, has_error: bool) {
        if has_error {
            self.excluded += 1;
            return;
        }
        self.included += 1;
        // Codes seen for this person: (code, active).
        let mut seen: Vec<(u16, bool)> = Vec::new();
        for rec in &p.tjenester {
            let (year, active) = self.measures(rec);
            let Some(t) = tjeneste::code(rec).and_then(codes::tjeneste) else {
                continue;
            };
            if !year {
                continue;
            }
            let e = self.by_code.entry(t.code).or_default();
            e.records_year += 1;
            if active {
                e.records_active += 1;
                if t.hour_based {
                    e.hours_active += tjeneste::hours(rec).unwrap_or(0.0);
                }
            }
            match seen.iter_mut().find(|(c, _)| *c == t.code) {
                Some(s) => s.1 |= active,
                None => seen.push((t.code, active)),
            }
        }
        if seen.is_empty() {
            return;
        }
        let any_active = seen.iter().any(|s| s.1);
        self.recipients_year += 1;
        self.recipients_active += usize::from(any_active);
        let mut groups: Vec<(Gruppe, bool)> = Vec::new();
        for &(code, active) in &seen {
            let e = self.by_code.entry(code).or_default();
            e.persons_year += 1;
            e.persons_active += usize::from(active);
            let g = codes::tjeneste(code).map(|t| t.gruppe);
            if let Some(g) = g {
                match groups.iter_mut().find(|(x, _)| *x == g) {
                    Some(s) => s.1 |= active,
                    None => groups.push((g, active)),
                }
            }
        }
        for (g, active) in groups {
            let e = self.groups.entry(g).or_default();
            e.0 += usize::from(active);
            e.1 += 1;
        }
        let age = p
            .rec
            .text(Field::peAlder)
            .and_then(|a| a.parse::<i32>().ok());
        let slot = match age.and_then(age_group) {
            Some(i) => &mut self.ages[i],
            None => &mut self.age_unknown,
        };
        slot.0 += usize::from(any_active);
        slot.1 += 1;
        self.with_assessment += usize::from(!p.funksjoner.is_empty());
        self.with_diagnosis += usize::from(!p.diagnoser.is_empty());
        self.with_plan += usize::from(p.oppl.iter().any(|o| o.text(Field::poIndPlan) == Some("1")));
    }

    pub fn finish(self) -> Stats {
        let y = self.year;
        let share = |n: usize| {
            if self.recipients_year == 0 {
                0.0
            } else {
                n as f64 / self.recipients_year as f64
            }
        };
        let by_service = self
            .by_code
            .iter()
            .filter_map(|(&code, a)| {
                let t = codes::tjeneste(code)?;
                Some(ServiceStats {
                    code,
                    name: t.name_nb,
                    name_en: t.name_en,
                    persons_year: a.persons_year,
                    records_year: a.records_year,
                    persons_active: a.persons_active,
                    records_active: a.records_active,
                    hours_per_week_active: t
                        .hour_based
                        .then(|| (a.hours_active * 100.0).round() / 100.0),
                })
            })
            .collect();
        let by_age_group = AGE_GROUPS
            .iter()
            .zip(self.ages)
            .map(|((group, _), (active, year))| AgeGroupStats {
                group,
                persons: active,
                persons_year: year,
            })
            .collect();
        let by_service_group = Gruppe::ALL
            .iter()
            .map(|&g| {
                let (active, year) = self.groups.get(&g).copied().unwrap_or_default();
                GroupStats {
                    group: g,
                    name: g.name_nb(),
                    name_en: g.name_en(),
                    persons: active,
                    persons_year: year,
                }
            })
            .collect();
        let n = self.excluded;
        Stats {
            year: y,
            note_nb: format!(
                "Beregnet bare fra poster uten feil: {n} {} er holdt utenfor. Alder er peAlder i filen, antatt å være alder per 31.12.{y} (antatt).",
                if n == 1 { "person" } else { "personer" }
            ),
            note_en: format!(
                "Computed only from records without errors: {n} {} left out. Age is peAlder in the file, taken to be the age at 31.12.{y} (inferred).",
                if n == 1 { "person is" } else { "persons are" }
            ),
            definitions_nb: format!(
                "«I løpet av året»: innvilget tjeneste (ikke avslag) med fra-dato senest 31.12.{y} og uten til-dato eller til-dato 01.01.{y} eller senere. «Aktiv per 31.12.»: innvilget, fra-dato senest 31.12.{y} og uten til-dato eller til-dato 31.12.{y} eller senere (som FHIs «antall brukere»). Tjenester uten fra-dato telles ikke. Timer per uke er summen av tjTimerUke for aktive timebaserte tjenester. Andelene gjelder personer med en tjeneste i løpet av året."
            ),
            definitions_en: format!(
                "\"During the year\": a granted service (not a refusal) starting on or before 31.12.{y} with no end date or one on or after 01.01.{y}. \"Active on 31.12.\": granted, starting on or before 31.12.{y}, with no end date or one on or after 31.12.{y} (as FHI's \"number of users\"). Services without a start date are not counted. Hours per week is the sum of tjTimerUke over active hour-based services. The shares are of persons with a service during the year."
            ),
            persons_included: self.included,
            persons_excluded: self.excluded,
            recipients_year: self.recipients_year,
            recipients_active: self.recipients_active,
            by_service,
            by_age_group,
            age_unknown: self.age_unknown.0,
            age_unknown_year: self.age_unknown.1,
            by_service_group,
            share_with_assessment: share(self.with_assessment),
            share_with_diagnosis: share(self.with_diagnosis),
            share_with_individual_plan: share(self.with_plan),
        }
    }
}

//! Synthetic IPLOS files for tests, benchmarks and demonstrations.
//!
//! This module owns the generator behind `iplos-sjekk generate`: given a
//! seed, a year and a number of persons it writes a realistic fagmelding
//! (official XML or flat CSV), the identmelding that belongs to an XML file
//! from 2018 on, and optionally a list of deliberately planted errors. It
//! does not check anything (the engine does) and touches no file system:
//! everything is written to a [`std::io::Write`] the caller opens.
//!
//! Every person is a pure function of `(config, person number)`: a small
//! splitmix64 generator is seeded from the seed and the number, so the
//! fagmelding, the identmelding and the planted list can be written in
//! separate passes, one person at a time, with memory independent of the
//! number of persons. The same seed always gives the same bytes.
//!
//! Identities are synthetic test numbers (month + 80, [`fnr::synthetic_fnr`]):
//! no real-looking fødselsnummer is ever written. Organisation numbers are
//! made up with a valid mod-11 check digit.
//!
//! A clean file (error rate 0) is meant to get the verdict `klar`: the only
//! warnings are PER-07 (synthetic identity), the only info FIL-16 when an
//! XML file from 2018 on is checked without its identmelding. With an error
//! rate, each person gets one planted error with that probability, drawn from
//! [`PlantedKind::ALL`]; each kind triggers exactly one rule code for that
//! person and nothing else.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::codes::{self, OrgnrRule};
use crate::date::Date;
use crate::fnr::{self, Sex};

/// The output format of the fagmelding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The official IPLOS XML (2018 schema, version 3.5); `peFnr` inside
    /// the message for years up to 2017.
    Xml,
    /// Flat CSV (docs/format.md §4), `;`-separated, one row per service.
    Csv,
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Config {
    /// How many persons to write.
    pub persons: u64,
    /// The reporting year.
    pub year: u16,
    /// The seed: the same seed gives the same file.
    pub seed: u64,
    /// XML (with identmelding from 2018) or CSV.
    pub format: Format,
    /// Probability (0..=1) that a person carries one planted error.
    pub error_rate: f64,
    /// The sending municipality, 4 digits, valid in `year`.
    pub kommune: String,
}

impl Config {
    /// A clean XML file for Oslo (0301, with districts).
    pub fn new(persons: u64, year: u16, seed: u64) -> Config {
        Config {
            persons,
            year,
            seed,
            format: Format::Xml,
            error_rate: 0.0,
            kommune: "0301".into(),
        }
    }

    /// Whether this configuration has an identmelding (XML from 2018 on).
    pub fn has_ident(&self) -> bool {
        self.format == Format::Xml && codes::separate_identmelding(self.year)
    }

    /// Checks the configuration; the message is Norwegian, for the CLI.
    pub fn validate(&self) -> Result<(), String> {
        if !(codes::FIRST_YEAR..=codes::LAST_YEAR).contains(&self.year) {
            return Err(format!(
                "Året {} støttes ikke; bruk {}–{}.",
                self.year,
                codes::FIRST_YEAR,
                codes::LAST_YEAR
            ));
        }
        if !matches!(
            codes::kommune(&self.kommune, self.year),
            codes::KommuneStatus::Valid { .. }
        ) {
            return Err(format!(
                "«{}» er ikke et kommunenummer i {}.",
                self.kommune, self.year
            ));
        }
        if !(0.0..=1.0).contains(&self.error_rate) {
            return Err(format!(
                "Feilandelen {} må være mellom 0 og 1.",
                self.error_rate
            ));
        }
        if self.persons > 99_999_999 {
            return Err("Høyst 99 999 999 personer.".into());
        }
        Ok(())
    }
}

/// A kind of planted error, each triggering exactly one rule code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlantedKind {
    /// 200 hours a week on home health care.
    HoursAbove168,
    /// A service ending before it starts.
    StartAfterEnd,
    /// Service code 10, which does not exist.
    CodeTen,
    /// No `poHusstand`.
    HusstandMissing,
    /// A person aged 121–130 (with an identity that agrees).
    AgeAbove120,
    /// A service that ended in the year before.
    EndedBeforeYear,
    /// A service that starts after the year.
    StartAfterYear,
    /// A long-term stay without `tjInstOrgnr`.
    OrgnrMissing,
    /// A long-term stay with a wrong org.nr check digit.
    OrgnrInvalid,
    /// Practical assistance without hours.
    HoursMissing,
    /// Hours on a safety alarm.
    HoursOnNonHourService,
    /// Respite care in an institution without `tjRullerende`.
    RullerendeMissing,
    /// The decision dated after the service started.
    DecisionAfterStart,
    /// One function variable left out.
    FunctionVariableMissing,
    /// A malformed ICD-10 code.
    DiagnosisMalformed,
    /// A diagnosis ending before it starts.
    DiagnosisDatesReversed,
    /// Death after the year.
    DeathAfterYear,
    /// Registered after the year.
    RegisteredAfterYear,
    /// A doctor's assessment month after the year.
    AssessmentAfterYear,
    /// A stay in the specialist health service ending before it starts.
    StayDatesReversed,
}

impl PlantedKind {
    /// Every kind, in the order the generator draws from.
    pub const ALL: [PlantedKind; 20] = [
        PlantedKind::HoursAbove168,
        PlantedKind::StartAfterEnd,
        PlantedKind::CodeTen,
        PlantedKind::HusstandMissing,
        PlantedKind::AgeAbove120,
        PlantedKind::EndedBeforeYear,
        PlantedKind::StartAfterYear,
        PlantedKind::OrgnrMissing,
        PlantedKind::OrgnrInvalid,
        PlantedKind::HoursMissing,
        PlantedKind::HoursOnNonHourService,
        PlantedKind::RullerendeMissing,
        PlantedKind::DecisionAfterStart,
        PlantedKind::FunctionVariableMissing,
        PlantedKind::DiagnosisMalformed,
        PlantedKind::DiagnosisDatesReversed,
        PlantedKind::DeathAfterYear,
        PlantedKind::RegisteredAfterYear,
        PlantedKind::AssessmentAfterYear,
        PlantedKind::StayDatesReversed,
    ];

    /// The one rule code the error triggers.
    pub fn code(self) -> &'static str {
        match self {
            PlantedKind::HoursAbove168 => "TJE-09",
            PlantedKind::StartAfterEnd => "TJE-05",
            PlantedKind::CodeTen => "TJE-02",
            PlantedKind::HusstandMissing => "PER-14",
            PlantedKind::AgeAbove120 => "PER-20",
            PlantedKind::EndedBeforeYear => "TJE-08",
            PlantedKind::StartAfterYear => "TJE-06",
            PlantedKind::OrgnrMissing => "TJE-15",
            PlantedKind::OrgnrInvalid => "TJE-14",
            PlantedKind::HoursMissing => "TJE-11",
            PlantedKind::HoursOnNonHourService => "TJE-12",
            PlantedKind::RullerendeMissing => "TJE-13",
            PlantedKind::DecisionAfterStart => "TJE-16",
            PlantedKind::FunctionVariableMissing => "FUN-05",
            PlantedKind::DiagnosisMalformed => "DIA-02",
            PlantedKind::DiagnosisDatesReversed => "DIA-04",
            PlantedKind::DeathAfterYear => "PER-16",
            PlantedKind::RegisteredAfterYear => "PER-27",
            PlantedKind::AssessmentAfterYear => "PER-22",
            PlantedKind::StayDatesReversed => "OPP-03",
        }
    }
}

/// One planted error: the person's `pePeID` and the code it must raise.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Planted {
    /// The person the error was planted in.
    pub pe_pe_id: u64,
    /// The rule code the error should raise.
    pub code: &'static str,
}

/// What was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Persons written.
    pub persons: u64,
    /// Service records written.
    pub services: u64,
    /// Errors planted.
    pub planted: u64,
    /// Bytes of the fagmelding written.
    pub bytes: u64,
}

// ---------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------

/// splitmix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn for_person(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The identities handed out so far (as numbers, 8 bytes each), so that no
/// two persons share one (PER-08): a synthetic number is drawn at random and
/// moved to the next free individnummer, or the next day of the same year,
/// on a collision. The only state that grows with the number of persons.
#[derive(Default)]
struct Ids(HashSet<u64>);

/// An age at 31.12. from the mix of the services' users, at least `youngest`.
fn draw_age(rng: &mut Rng, youngest: i64) -> i64 {
    match rng.below(100) {
        0..=9 => rng.range(youngest, 17),
        10..=29 => rng.range(18, 49),
        30..=44 => rng.range(50, 66),
        45..=69 => rng.range(67, 79),
        70..=91 => rng.range(80, 89),
        _ => rng.range(90, 104),
    }
}

/// A person of age `alder` at 31.12. of `year`: the birthday (a day
/// number), whether female, and a unique synthetic identity number.
fn born(rng: &mut Rng, ids: &mut Ids, year: u16, alder: i64) -> (i64, bool, String) {
    let birth = day(Date::year_start(year - alder as u16)) + rng.range(0, 364);
    let female = rng.chance(if alder >= 67 { 0.62 } else { 0.5 });
    let sex = if female { Sex::Female } else { Sex::Male };
    let fid = ids.unique(from_day(birth), rng.below(1000) as u16, sex);
    (birth, female, fid)
}

impl Ids {
    fn unique(&mut self, birth: Date, individ: u16, sex: Sex) -> String {
        let mut birth = birth;
        let mut individ = individ;
        loop {
            for _ in 0..400 {
                let fid = fnr::synthetic_fnr(birth, individ, sex);
                if self.0.insert(fid.parse().expect("eleven digits")) {
                    return fid;
                }
                let used: u16 = fid[6..9].parse().expect("digits");
                individ = (used + 1) % 1000;
            }
            // This birthday is full: the next day of the same year.
            let next = from_day(day(birth) + 1);
            birth = if next.year == birth.year {
                next
            } else {
                Date::year_start(birth.year)
            };
        }
    }
}

// ---------------------------------------------------------------------------
// Dates as day numbers
// ---------------------------------------------------------------------------

fn day(d: Date) -> i64 {
    d.day_number()
}

fn ymd(y: u16, m: u8, d: u8) -> i64 {
    day(Date::new(y, m, d).expect("a real date"))
}

/// The date of a day number (inverse of [`Date::day_number`]).
fn from_day(n: i64) -> Date {
    Date::from_day_number(n).expect("a generated date lies in 1854–2039")
}

/// `YYYYMMDD` of a day number.
struct Ymd(i64);

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = from_day(self.0);
        write!(f, "{:04}{:02}{:02}", d.year, d.month, d.day)
    }
}

// ---------------------------------------------------------------------------
// One person
// ---------------------------------------------------------------------------

struct Service {
    code: u16,
    soknad: Option<i64>,
    vedt: i64,
    avslag: bool,
    /// Hundredths of an hour per week.
    hours: Option<u32>,
    rullerende: Option<u8>,
    orgnr: Option<String>,
    fra: Option<i64>,
    til: Option<i64>,
}

struct Diagnose {
    versjon: &'static str,
    kode: String,
    fra: i64,
    til: i64,
}

struct Stay {
    orgnr: String,
    fra: i64,
    til: i64,
}

struct Oppl {
    husstand: Option<u8>,
    vurd_lege: Option<u32>,
    ind_plan: Option<u8>,
    fra: i64,
}

struct Gen {
    pe_id: u64,
    alder: i64,
    kjonn: char,
    fid: String,
    bydel: String,
    fra: i64,
    dod: Option<i64>,
    endr: i64,
    oppl: Oppl,
    /// (variable, score)
    funksjon: Vec<(u8, u8)>,
    fn_fra: i64,
    services: Vec<Service>,
    diagnoser: Vec<Diagnose>,
    stays: Vec<Stay>,
    planted: Option<PlantedKind>,
}

/// Per-file data computed once: districts and service codes of the year.
struct Plan {
    districts: Vec<String>,
    codes: Vec<(u16, u32)>,
    functions: Vec<u8>,
    year_start: i64,
    year_end: i64,
}

/// Relative frequencies of the service codes (a rough national mix).
const WEIGHTS: &[(u16, u32)] = &[
    (1, 14),
    (2, 2),
    (3, 2),
    (4, 4),
    (5, 6),
    (6, 16),
    (7, 3),
    (8, 3),
    (9, 4),
    (11, 3),
    (12, 3),
    (13, 2),
    (14, 1),
    (15, 24),
    (16, 2),
    (17, 1),
    (18, 2),
    (19, 2),
    (20, 2),
    (21, 8),
    (22, 1),
    (23, 1),
    (24, 1),
    (25, 1),
    (26, 2),
    (27, 3),
    (28, 2),
    (29, 5),
];

const HOME: [u16; 3] = [1, 2, 15];
const SHORT_STAYS: [u16; 5] = [8, 18, 19, 20, 25];

const ICD10: &[&str] = &[
    "F03", "G30.1", "I63.9", "E11.9", "J44.1", "M16.1", "F20.0", "I50.9", "C50.9", "N18.3",
];
const ICPC2: &[&str] = &[
    "K86", "T90", "P70", "R95", "L89", "N87", "K77", "F84", "P76", "K90",
];

/// A made-up organisation number with a valid check digit, from a small
/// per-file pool (the municipality's units).
fn orgnr(n: u64) -> String {
    (0u64..)
        .find_map(|k| fnr::orgnr_from_prefix((97_400_000 + (n * 37 + k) % 100_000) as u32))
        .expect("one prefix in eleven has a check digit")
}

impl Plan {
    fn new(cfg: &Config) -> Plan {
        let y = cfg.year;
        let districts = if codes::has_bydeler(&cfg.kommune, y) {
            (1..=98)
                .map(|n| format!("{n:02}"))
                .filter(|b| {
                    matches!(
                        codes::bydel(&cfg.kommune, b, y),
                        codes::BydelStatus::Valid { .. }
                    )
                })
                .collect()
        } else {
            vec!["00".to_string()]
        };
        Plan {
            districts,
            codes: WEIGHTS
                .iter()
                .copied()
                .filter(|(c, _)| codes::tjeneste_valid_in(*c, y))
                .collect(),
            functions: codes::funksjonsvariabler_in(y),
            year_start: ymd(y, 1, 1),
            year_end: ymd(y, 12, 31),
        }
    }

    fn draw_code(&self, rng: &mut Rng) -> u16 {
        let total: u32 = self.codes.iter().map(|c| c.1).sum();
        let mut r = rng.below(u64::from(total)) as u32;
        for &(c, w) in &self.codes {
            if r < w {
                return c;
            }
            r -= w;
        }
        self.codes[0].0
    }

    fn person(&self, cfg: &Config, index: u64, ids: &mut Ids) -> Gen {
        self.person_as(cfg, index, ids, None)
    }

    /// One person; with `life`, one of a consecutive-year pair, whose
    /// identity, number and fate in the year come from the pair.
    fn person_as(&self, cfg: &Config, index: u64, ids: &mut Ids, life: Option<&Life>) -> Gen {
        let mut rng = Rng::for_person(cfg.seed, index);
        let y = cfg.year;
        let (ys, ye) = (self.year_start, self.year_end);
        let planted = (cfg.error_rate > 0.0 && rng.chance(cfg.error_rate))
            .then(|| *rng.pick(&PlantedKind::ALL));

        // Age at 31.12.Y, so the birthday is in year Y - age.
        let alder = match planted {
            Some(PlantedKind::AgeAbove120) => rng.range(121, 130),
            _ => draw_age(&mut rng, 2),
        };
        let (alder, birth, female, fid) = match life {
            None => {
                let (birth, female, fid) = born(&mut rng, ids, y, alder);
                (alder, birth, female, fid)
            }
            Some(l) => (
                i64::from(y) - i64::from(from_day(l.birth).year),
                l.birth,
                l.female,
                l.fid.clone(),
            ),
        };

        let earliest = (birth + 30).max(ymd(1980, 1, 1));
        let fra = rng.range(earliest.max(ys - 8 * 365), ys + 150);
        let dies = match life.and_then(|l| l.dies) {
            Some(d) => d,
            None => planted.is_none() && alder >= 67 && rng.chance(0.04),
        };
        let dod = dies.then(|| rng.range(ys + 200, ye));
        // Services start before death and within the year.
        let last_start = dod.map_or(ye - 20, |d| d - 20);

        let husstand = if alder < 18 {
            3
        } else if rng.chance(0.45) {
            1
        } else {
            2
        };
        let oppl = Oppl {
            husstand: Some(husstand),
            vurd_lege: rng
                .chance(0.4)
                .then(|| u32::from(y) * 100 + rng.range(1, 12) as u32),
            ind_plan: rng.chance(0.3).then(|| *rng.pick(&[1u8, 2, 3, 9])),
            fra: rng.range(ys - 365, ys + 60),
        };

        let mut g = Gen {
            pe_id: life.map_or(index + 1, |l| l.pe_id),
            alder,
            kjonn: if female { 'K' } else { 'M' },
            fid,
            bydel: rng.pick(&self.districts).clone(),
            fra,
            dod,
            endr: rng.range(ys, ye),
            oppl,
            funksjon: Vec::new(),
            fn_fra: rng.range(ys - 400, ys + 200),
            services: Vec::new(),
            diagnoser: Vec::new(),
            stays: Vec::new(),
            planted,
        };

        let n = match rng.below(100) {
            0..=44 => 1,
            45..=74 => 2,
            75..=91 => 3,
            _ => 4,
        };
        let mut tries = 0;
        while g.services.len() < n && tries < 20 {
            tries += 1;
            let code = self.draw_code(&mut rng);
            if !self.fits(&g, code) {
                continue;
            }
            let s = self.service(&mut rng, code, earliest, last_start);
            g.services.push(s);
        }

        let nd = match rng.below(10) {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        for _ in 0..nd {
            let icd = rng.chance(0.6);
            let (versjon, kode) = if icd {
                ("ICD-10", *rng.pick(ICD10))
            } else {
                ("ICPC-2", *rng.pick(ICPC2))
            };
            if g.diagnoser.iter().any(|d| d.kode == kode) {
                continue;
            }
            g.diagnoser.push(Diagnose {
                versjon,
                kode: kode.to_string(),
                fra: rng.range(earliest.max(ys - 3650), ys + 180),
                til: ye,
            });
        }

        if !g.services.iter().any(|s| HOME.contains(&s.code)) && rng.chance(0.05) {
            let fra = rng.range(ys, last_start - 25);
            g.stays.push(Stay {
                orgnr: orgnr(1000 + rng.below(4)),
                fra,
                til: fra + rng.range(1, 20),
            });
        }

        if let Some(kind) = planted {
            self.plant(&mut g, kind, &mut rng, earliest);
        }
        let assessed = g
            .services
            .iter()
            .any(|s| !s.avslag && codes::tjeneste(s.code).is_some_and(|t| t.decision_based))
            || rng.chance(0.2);
        if assessed {
            g.funksjon = self
                .functions
                .iter()
                .map(|&v| (v, *rng.pick(&[1u8, 1, 2, 2, 3, 3, 4, 5, 9])))
                .collect();
        }

        if planted == Some(PlantedKind::FunctionVariableMissing) {
            if g.funksjon.is_empty() {
                g.funksjon = self.functions.iter().map(|&v| (v, 3)).collect();
            }
            let k = rng.below(g.funksjon.len() as u64) as usize;
            g.funksjon.remove(k);
        }
        if life.is_some_and(|l| l.close_all) {
            // Leaves the municipality's services during the year: every
            // granted service ends within it.
            for s in g.services.iter_mut().filter(|s| !s.avslag) {
                if let (Some(fra), None) = (s.fra, s.til) {
                    s.til = Some(rng.range(fra.max(ys) + 5, ye));
                }
            }
        }
        g
    }

    /// Whether `code` can join the person's services without raising a
    /// finding: one period per code, no long-term stay beside home services.
    fn fits(&self, g: &Gen, code: u16) -> bool {
        let has = |c: u16| g.services.iter().any(|s| s.code == c);
        let long_term_beside_home =
            (code == 21 && HOME.iter().any(|&h| has(h))) || (HOME.contains(&code) && has(21));
        !has(code) && !long_term_beside_home
    }

    fn service(&self, rng: &mut Rng, code: u16, earliest: i64, last_start: i64) -> Service {
        let (ys, ye) = (self.year_start, self.year_end);
        let kode = codes::tjeneste(code).expect("a code of the list");
        let avslag = code != 8 && rng.chance(0.04);
        let short = SHORT_STAYS.contains(&code);
        let (fra, til) = if avslag {
            (None, None)
        } else if short {
            let fra = rng.range(ys.max(earliest), last_start - 1);
            let til = (fra + rng.range(3, 30)).min(last_start);
            (Some(fra), Some(til))
        } else {
            let fra = if rng.chance(0.5) {
                rng.range(earliest.max(ys - 6 * 365), ys - 1)
            } else {
                rng.range(ys.max(earliest), last_start)
            };
            let til = (rng.chance(0.3) && fra + 10 < ye).then(|| rng.range(fra.max(ys) + 5, ye));
            (Some(fra.max(earliest)), til)
        };
        let vedt = match fra {
            Some(f) => f - rng.range(0, 30),
            None => rng.range(ys, ye - 1),
        };
        let soknad = rng.chance(0.3).then(|| vedt - rng.range(3, 60));
        let hours = (kode.hour_based && !avslag).then(|| {
            let max = if code == 3 { 4000 } else { 2500 };
            // Whole or half hours, as EPJ systems mostly record them.
            (rng.range(1, max / 50) as u32) * 50
        });
        let unit = orgnr(rng.below(6));
        let orgnr = if avslag {
            None
        } else {
            match kode.orgnr {
                OrgnrRule::Required => Some(unit),
                OrgnrRule::Optional | OrgnrRule::OptionalUnknown => rng.chance(0.5).then_some(unit),
                OrgnrRule::Forbidden | OrgnrRule::ForbiddenInferred => None,
            }
        };
        Service {
            code,
            soknad,
            vedt,
            avslag,
            hours,
            rullerende: (code == 8).then(|| 1 + rng.below(2) as u8),
            orgnr,
            fra,
            til,
        }
    }

    /// The person's granted service with `code`, made if missing; other
    /// services that would collide with it are dropped.
    fn ensure(&self, g: &mut Gen, rng: &mut Rng, code: u16, earliest: i64) -> usize {
        g.services.retain(|s| {
            s.code != code
                && !(code == 21 && HOME.contains(&s.code))
                && !(HOME.contains(&code) && s.code == 21)
        });
        let mut s = self.service(rng, code, earliest, self.year_end - 20);
        if s.avslag {
            let kode = codes::tjeneste(code).expect("a code of the list");
            s.avslag = false;
            s.fra = Some(self.year_start + 40);
            s.vedt = self.year_start + 30;
            s.soknad = None;
            s.hours = kode.hour_based.then_some(500);
            s.orgnr = (kode.orgnr == OrgnrRule::Required).then(|| orgnr(0));
        }
        g.services.push(s);
        g.services.len() - 1
    }

    fn plant(&self, g: &mut Gen, kind: PlantedKind, rng: &mut Rng, earliest: i64) {
        let (ys, ye) = (self.year_start, self.year_end);
        match kind {
            PlantedKind::HoursAbove168 => {
                let i = self.ensure(g, rng, 15, earliest);
                g.services[i].hours = Some(20_000);
            }
            PlantedKind::StartAfterEnd => {
                let i = self.ensure(g, rng, 6, earliest);
                let s = &mut g.services[i];
                s.fra = Some(ys + 160);
                s.til = Some(ys + 60);
                s.vedt = ys + 150;
                s.soknad = None;
            }
            PlantedKind::CodeTen => {
                g.services.push(Service {
                    code: 10,
                    soknad: None,
                    vedt: ys + 20,
                    avslag: false,
                    hours: None,
                    rullerende: None,
                    orgnr: None,
                    fra: Some(ys + 25),
                    til: None,
                });
            }
            PlantedKind::HusstandMissing => g.oppl.husstand = None,
            PlantedKind::AgeAbove120 => {}
            PlantedKind::EndedBeforeYear => {
                let i = self.ensure(g, rng, 6, earliest);
                let s = &mut g.services[i];
                s.fra = Some(ys - 200);
                s.til = Some(ys - 30);
                s.vedt = ys - 210;
                s.soknad = None;
            }
            PlantedKind::StartAfterYear => {
                let i = self.ensure(g, rng, 6, earliest);
                let s = &mut g.services[i];
                s.fra = Some(ye + 15);
                s.til = None;
                s.vedt = ye - 20;
                s.soknad = None;
            }
            PlantedKind::OrgnrMissing => {
                let i = self.ensure(g, rng, 21, earliest);
                g.services[i].orgnr = None;
            }
            PlantedKind::OrgnrInvalid => {
                let i = self.ensure(g, rng, 21, earliest);
                let mut o = g.services[i].orgnr.take().unwrap_or_else(|| orgnr(0));
                let last = o.pop().expect("nine digits");
                o.push(char::from(b'0' + (last as u8 - b'0' + 1) % 10));
                g.services[i].orgnr = Some(o);
            }
            PlantedKind::HoursMissing => {
                let i = self.ensure(g, rng, 1, earliest);
                g.services[i].hours = None;
            }
            PlantedKind::HoursOnNonHourService => {
                let i = self.ensure(g, rng, 6, earliest);
                g.services[i].hours = Some(200);
            }
            PlantedKind::RullerendeMissing => {
                let i = self.ensure(g, rng, 8, earliest);
                g.services[i].rullerende = None;
            }
            PlantedKind::DecisionAfterStart => {
                let i = self.ensure(g, rng, 5, earliest);
                let s = &mut g.services[i];
                s.fra = Some(ys + 60);
                s.til = None;
                s.vedt = ys + 70;
                s.soknad = None;
            }
            // Done once the assessment is drawn, in `person`.
            PlantedKind::FunctionVariableMissing => {}
            PlantedKind::DiagnosisMalformed => {
                g.diagnoser.push(Diagnose {
                    versjon: "ICD-10",
                    kode: "X1Y".into(),
                    fra: ys + 10,
                    til: ye,
                });
            }
            PlantedKind::DiagnosisDatesReversed => {
                g.diagnoser.retain(|d| d.kode != "F03");
                g.diagnoser.push(Diagnose {
                    versjon: "ICD-10",
                    kode: "F03".into(),
                    fra: ys + 120,
                    til: ys + 30,
                });
            }
            PlantedKind::DeathAfterYear => g.dod = Some(ye + 40),
            PlantedKind::RegisteredAfterYear => g.fra = ye + 10,
            PlantedKind::AssessmentAfterYear => {
                g.oppl.vurd_lege = Some((u32::from(from_day(ye).year) + 1) * 100 + 2);
            }
            PlantedKind::StayDatesReversed => {
                g.services.retain(|s| !HOME.contains(&s.code));
                if g.services.is_empty() {
                    self.ensure(g, rng, 6, earliest);
                }
                g.stays.clear();
                g.stays.push(Stay {
                    orgnr: orgnr(1000),
                    fra: ys + 100,
                    til: ys + 90,
                });
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Writers
// ---------------------------------------------------------------------------

/// Hundredths of an hour as the schema's decimal: `7.5`, `12`.
fn hours_text(h: u32) -> String {
    match h % 100 {
        0 => format!("{}", h / 100),
        c if c % 10 == 0 => format!("{}.{}", h / 100, c / 10),
        c => format!("{}.{c:02}", h / 100),
    }
}

const NS: &str = "http://www.npr.no/xmlstds/iplos/2018";

fn lopenr(cfg: &Config) -> String {
    format!("G{}-{}", cfg.year, cfg.seed % 1_000_000)
}

fn xml_header(cfg: &Config, out: &mut String) {
    let y = cfg.year;
    // The 2018 schema (3.5, its namespace) from 2018 on; earlier files
    // carried no namespace that is known.
    let root = if codes::schema_2018_applies(y) {
        format!("<IPLOS xmlns=\"{NS}\" versjon=\"3.5\">")
    } else {
        "<IPLOS versjon=\"3.5\">".to_string()
    };
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{root}\n  <INNHINFO>\n    <iiInnhType>P</iiInnhType>\n    <iiKomnr>{k}</iiKomnr>\n    <iiBydelsnr>00</iiBydelsnr>\n    <iiKontakt><Type>1</Type><Navn>Kari Testansvarlig</Navn><Telefon>55000000</Telefon><Epost>kari@example.invalid</Epost></iiKontakt>\n    <iiKontakt><Type>2</Type><Navn>Ola Iploskontakt</Navn><Telefon>55000001</Telefon><Epost>ola@example.invalid</Epost></iiKontakt>\n    <iiFraDato>{y}0101</iiFraDato>\n    <iiTilDato>{y}1231</iiTilDato>\n    <iiLagetDato>{y1}0105</iiLagetDato>\n    <iiSysID>IPLOSGEN</iiSysID>\n    <iiSysVersjon>1.0</iiSysVersjon>\n    <iiLopenr>{l}</iiLopenr>\n  </INNHINFO>\n",
        k = cfg.kommune,
        y1 = y + 1,
        l = lopenr(cfg),
    );
}

fn xml_person(cfg: &Config, g: &Gen, out: &mut String) {
    let id = g.pe_id;
    let _ = writeln!(out, "  <PERSON pePeID=\"{id}\">");
    if !codes::separate_identmelding(cfg.year) {
        let _ = writeln!(out, "    <peFnr>{}</peFnr>", g.fid);
    }
    let _ = write!(
        out,
        "    <peAlder>{}</peAlder>\n    <peKjonn>{}</peKjonn>\n    <peKomnr>{}</peKomnr>\n    <peBydelsnr>{}</peBydelsnr>\n    <peFraDato>{}</peFraDato>\n",
        g.alder, g.kjonn, cfg.kommune, g.bydel, Ymd(g.fra)
    );
    if let Some(d) = g.dod {
        let _ = writeln!(out, "    <peDodDato>{}</peDodDato>", Ymd(d));
    }
    let _ = writeln!(out, "    <peEndrDato>{}</peEndrDato>", Ymd(g.endr));
    let o = &g.oppl;
    let _ = write!(out, "    <PERSONOPPL poPeID=\"{id}\" poPoID=\"1\">");
    if let Some(h) = o.husstand {
        let _ = write!(out, "<poHusstand>{h}</poHusstand>");
    }
    if let Some(v) = o.vurd_lege {
        let _ = write!(out, "<poVurdLege>{v}</poVurdLege>");
    }
    if let Some(v) = o.ind_plan {
        let _ = write!(out, "<poIndPlan>{v}</poIndPlan>");
    }
    let _ = writeln!(out, "<poFraDato>{}</poFraDato></PERSONOPPL>", Ymd(o.fra));
    let (fn_fra, fn_til) = (Ymd(g.fn_fra), Ymd(day(Date::year_end(cfg.year))));
    for (n, &(v, s)) in g.funksjon.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <FUNKSJON fnPeID=\"{id}\" fnFnID=\"{}\"><fnFunkType>{v}</fnFunkType><fnFunkVerdi>{s}</fnFunkVerdi><fnFraDato>{fn_fra}</fnFraDato><fnTilDato>{fn_til}</fnTilDato></FUNKSJON>",
            n + 1
        );
    }
    for (n, s) in g.services.iter().enumerate() {
        let tj = id * 10 + n as u64 + 1;
        let _ = write!(
            out,
            "    <TJENESTE tjPeID=\"{id}\" tjTjID=\"{tj}\" tjVeID=\"{tj}\" tjVeNrID=\"1\"><tjTjenType>{}</tjTjenType>",
            s.code
        );
        if let Some(d) = s.soknad {
            let _ = write!(out, "<tjSoknadDato>{}</tjSoknadDato>", Ymd(d));
        }
        let _ = write!(
            out,
            "<tjVedtDato>{}</tjVedtDato><tjVedtak>{}</tjVedtak>",
            Ymd(s.vedt),
            if s.avslag { 1 } else { 2 }
        );
        if let Some(h) = s.hours {
            let _ = write!(out, "<tjTimerUke>{}</tjTimerUke>", hours_text(h));
        }
        if let Some(r) = s.rullerende {
            let _ = write!(out, "<tjRullerende>{r}</tjRullerende>");
        }
        if let Some(o) = &s.orgnr {
            let _ = write!(out, "<tjInstOrgnr>{o}</tjInstOrgnr>");
        }
        if let Some(d) = s.fra {
            let _ = write!(out, "<tjFraDato>{}</tjFraDato>", Ymd(d));
        }
        if let Some(d) = s.til {
            let _ = write!(out, "<tjTilDato>{}</tjTilDato>", Ymd(d));
        }
        out.push_str("</TJENESTE>\n");
    }
    for (n, d) in g.diagnoser.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <DIAGNOSE diPeID=\"{id}\" diDiID=\"{}\"><diKodeVersjon>{}</diKodeVersjon><diDiagKode>{}</diDiagKode><diFraDato>{}</diFraDato><diTilDato>{}</diTilDato></DIAGNOSE>",
            n + 1,
            d.versjon,
            d.kode,
            Ymd(d.fra),
            Ymd(d.til)
        );
    }
    for (n, s) in g.stays.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <DOGNTILBUD dgPeID=\"{id}\" dgDgID=\"{}\"><dgInstOrgnr>{}</dgInstOrgnr><dgFraDato>{}</dgFraDato><dgTilDato>{}</dgTilDato></DOGNTILBUD>",
            n + 1,
            s.orgnr,
            Ymd(s.fra),
            Ymd(s.til)
        );
    }
    out.push_str("  </PERSON>\n");
}

/// CSV columns (official names, so no profile is needed).
const CSV_PERSON: &str = "iiKomnr;iiFraDato;iiTilDato;pePeID;fid;peAlder;peKjonn;peKomnr;peBydelsnr;peFraDato;peDodDato;peEndrDato;poHusstand;poVurdLege;poIndPlan;poFraDato";
const CSV_REST: &str = "posttype;tjTjenType;tjSoknadDato;tjVedtDato;tjVedtak;tjTimerUke;tjRullerende;tjInstOrgnr;tjFraDato;tjTilDato;diKodeVersjon;diDiagKode;diFraDato;diTilDato;dgInstOrgnr;dgFraDato;dgTilDato";

fn csv_header(plan: &Plan, out: &mut String) {
    let mut row: Vec<String> = CSV_PERSON.split(';').map(String::from).collect();
    row.extend(plan.functions.iter().map(|v| format!("funk{v}")));
    row.extend(["fnFraDato".to_string(), "fnTilDato".to_string()]);
    row.extend(CSV_REST.split(';').map(String::from));
    csv_rows(out, [row]);
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Appends rows to `out` with the `csv` crate's writer: `;`-separated, LF
/// line ends, a field quoted only where it needs to be.
fn csv_rows(out: &mut String, rows: impl IntoIterator<Item = Vec<String>>) {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        w.write_record(&row).expect("writing to memory cannot fail");
    }
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    out.push_str(std::str::from_utf8(&bytes).expect("the fields are UTF-8 text"));
}

/// The `posttype` and record columns of a row (`CSV_REST`), by name.
fn csv_rest(posttype: &str, values: &[(&str, String)]) -> Vec<String> {
    let names: Vec<&str> = CSV_REST.split(';').collect();
    let mut rest = vec![String::new(); names.len()];
    rest[0] = posttype.to_string();
    for (name, v) in values {
        let i = names
            .iter()
            .position(|n| n == name)
            .expect("a CSV_REST column");
        rest[i] = v.clone();
    }
    rest
}

fn csv_person(cfg: &Config, plan: &Plan, g: &Gen, out: &mut String) {
    let y = cfg.year;
    let o = &g.oppl;
    let k = cfg.kommune.to_string();
    let mut prefix: Vec<String> = vec![
        k.clone(),
        format!("{y}0101"),
        format!("{y}1231"),
        g.pe_id.to_string(),
        g.fid.to_string(),
        g.alder.to_string(),
        g.kjonn.to_string(),
        k,
        g.bydel.to_string(),
        Ymd(g.fra).to_string(),
        opt(g.dod.map(Ymd)),
        Ymd(g.endr).to_string(),
        opt(o.husstand),
        opt(o.vurd_lege),
        opt(o.ind_plan),
        Ymd(o.fra).to_string(),
    ];
    for v in &plan.functions {
        prefix.push(
            g.funksjon
                .iter()
                .find(|(f, _)| f == v)
                .map(|(_, s)| s.to_string())
                .unwrap_or_default(),
        );
    }
    if g.funksjon.is_empty() {
        prefix.extend([String::new(), String::new()]);
    } else {
        prefix.push(Ymd(g.fn_fra).to_string());
        prefix.push(Ymd(day(Date::year_end(y))).to_string());
    }
    let row = |rest: Vec<String>| prefix.iter().cloned().chain(rest).collect::<Vec<_>>();
    let mut rows = Vec::new();
    for s in &g.services {
        rows.push(row(csv_rest(
            "tjeneste",
            &[
                ("tjTjenType", s.code.to_string()),
                ("tjSoknadDato", opt(s.soknad.map(Ymd))),
                ("tjVedtDato", Ymd(s.vedt).to_string()),
                ("tjVedtak", if s.avslag { "1" } else { "2" }.to_string()),
                ("tjTimerUke", opt(s.hours.map(hours_text))),
                ("tjRullerende", opt(s.rullerende)),
                ("tjInstOrgnr", opt(s.orgnr.as_deref())),
                ("tjFraDato", opt(s.fra.map(Ymd))),
                ("tjTilDato", opt(s.til.map(Ymd))),
            ],
        )));
    }
    for d in &g.diagnoser {
        rows.push(row(csv_rest(
            "diagnose",
            &[
                ("diKodeVersjon", d.versjon.to_string()),
                ("diDiagKode", d.kode.to_string()),
                ("diFraDato", Ymd(d.fra).to_string()),
                ("diTilDato", Ymd(d.til).to_string()),
            ],
        )));
    }
    for s in &g.stays {
        rows.push(row(csv_rest(
            "dogntilbud",
            &[
                ("dgInstOrgnr", s.orgnr.to_string()),
                ("dgFraDato", Ymd(s.fra).to_string()),
                ("dgTilDato", Ymd(s.til).to_string()),
            ],
        )));
    }
    csv_rows(out, rows);
}

/// Counts the bytes written through it.
struct Counting<'w, W: Write> {
    inner: &'w mut W,
    bytes: u64,
}

impl<W: Write> Counting<'_, W> {
    fn put(&mut self, s: &str) -> io::Result<()> {
        self.bytes += s.len() as u64;
        self.inner.write_all(s.as_bytes())
    }
}

/// Writes the fagmelding, one person at a time. Wrap a file in a
/// `BufWriter`; the generator itself holds one person in memory.
pub fn write_fagmelding<W: Write>(cfg: &Config, out: &mut W) -> io::Result<Summary> {
    let plan = Plan::new(cfg);
    let mut w = Counting {
        inner: out,
        bytes: 0,
    };
    let mut buf = String::with_capacity(8192);
    match cfg.format {
        Format::Xml => xml_header(cfg, &mut buf),
        Format::Csv => csv_header(&plan, &mut buf),
    }
    w.put(&buf)?;
    let mut sum = Summary::default();
    let mut ids = Ids::default();
    for i in 0..cfg.persons {
        buf.clear();
        let g = plan.person(cfg, i, &mut ids);
        match cfg.format {
            Format::Xml => xml_person(cfg, &g, &mut buf),
            Format::Csv => csv_person(cfg, &plan, &g, &mut buf),
        }
        w.put(&buf)?;
        sum.persons += 1;
        sum.services += g.services.len() as u64;
        sum.planted += u64::from(g.planted.is_some());
    }
    if cfg.format == Format::Xml {
        w.put("</IPLOS>\n")?;
    }
    sum.bytes = w.bytes;
    Ok(sum)
}

/// Writes the identmelding (version 53.1.2) that belongs to an XML
/// fagmelding from 2018 on: one `PasientIdent` per person, `pid` = `pePeID`.
/// Declared ISO-8859-1 as the schema is; the content is plain ASCII.
pub fn write_identmelding<W: Write>(cfg: &Config, out: &mut W) -> io::Result<()> {
    let plan = Plan::new(cfg);
    ident_head(cfg, out)?;
    let mut buf = String::with_capacity(128);
    let mut ids = Ids::default();
    for i in 0..cfg.persons {
        let g = plan.person(cfg, i, &mut ids);
        buf.clear();
        let _ = writeln!(
            buf,
            "    <PasientIdent pid=\"{}\" fid=\"{}\" typeID=\"1\"/>",
            g.pe_id, g.fid
        );
        out.write_all(buf.as_bytes())?;
    }
    out.write_all(b"  </Institusjon>\n</Melding>\n")
}

/// The identmelding's head, up to the first `PasientIdent`.
fn ident_head<W: Write>(cfg: &Config, out: &mut W) -> io::Result<()> {
    let y = cfg.year;
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<Melding xmlns=\"http://www.npr.no/xmlstds/53_1_2_ide\" versjon=\"53.1.2\" meldingstype=\"B\" fraDatoPeriode=\"{y}-01-01\" tilDatoPeriode=\"{y}-12-31\" uttakDato=\"{}-01-05\" leverandor=\"IPLOS-sjekk\" navnEPJ=\"IPLOSGEN\" versjonEPJ=\"1.0\" versjonUt=\"1.0\" lopenr=\"{}\">\n  <Kontaktperson kontPerson=\"Kari Testansvarlig\" meldEpost1=\"kari@example.invalid\" typeKontaktperson=\"16\"/>\n  <Institusjon institusjonID=\"{}\">\n",
        y + 1,
        lopenr(cfg),
        cfg.kommune
    )
}

/// The planted errors, in person order, without writing the file.
pub fn planted(cfg: &Config) -> impl Iterator<Item = Planted> + '_ {
    let plan = Plan::new(cfg);
    let mut ids = Ids::default();
    (0..cfg.persons).filter_map(move |i| {
        // Generating the whole person keeps this in step with the file.
        let g = plan.person(cfg, i, &mut ids);
        g.planted.map(|k| Planted {
            pe_pe_id: g.pe_id,
            code: k.code(),
        })
    })
}

/// Writes the planted list as JSON: `[{"pePeID": 12, "code": "TJE-09"}, …]`.
pub fn write_planted_json<W: Write>(cfg: &Config, out: &mut W) -> io::Result<u64> {
    out.write_all(b"[")?;
    let mut n = 0u64;
    for p in planted(cfg) {
        let sep = if n == 0 { "\n" } else { ",\n" };
        write!(
            out,
            "{sep}  {{ \"pePeID\": {}, \"code\": \"{}\" }}",
            p.pe_pe_id, p.code
        )?;
        n += 1;
    }
    out.write_all(if n == 0 { b"]\n" } else { b"\n]\n" })?;
    Ok(n)
}

/// Generates a whole file in memory (for tests and benches): the
/// fagmelding and, when the configuration has one, the identmelding.
pub fn to_bytes(cfg: &Config) -> (Vec<u8>, Option<Vec<u8>>) {
    let mut main = Vec::new();
    write_fagmelding(cfg, &mut main).expect("writing to a Vec");
    let ident = cfg.has_ident().then(|| {
        let mut v = Vec::new();
        write_identmelding(cfg, &mut v).expect("writing to a Vec");
        v
    });
    (main, ident)
}

/// The identmelding's path for a fagmelding path: `x.xml` → `x-ident.xml`,
/// anything else → `x-ident.xml` appended.
pub fn ident_path(path: &str) -> String {
    match path.strip_suffix(".xml") {
        Some(stem) => format!("{stem}-ident.xml"),
        None => format!("{path}-ident.xml"),
    }
}

/// The planted list's path: `FILE.planted.json`.
pub fn planted_path(path: &str) -> String {
    format!("{path}.planted.json")
}

// ---------------------------------------------------------------------------
// A pair of consecutive years
// ---------------------------------------------------------------------------

/// A person of a consecutive-year pair, as the pair decides it: the
/// identity (the same in both years), the `pePeID` of the year, and the
/// fate in the year.
struct Life {
    pe_id: u64,
    /// Day number of the birth date.
    birth: i64,
    female: bool,
    fid: String,
    /// Dies in the year (`Some(true)`), surely not (`Some(false)`), or as
    /// the generator draws it (`None`).
    dies: Option<bool>,
    /// Every granted service ends within the year (leaves the services).
    close_all: bool,
}

/// Which year of a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The earlier year (`year - 1`).
    Previous,
    /// The later year (`year`).
    Current,
}

/// Share of the persons that leave between the two years, and of those
/// that are new in the later one.
pub const CHURN: f64 = 0.08;
/// What this year's `pePeID`s start after when an EPJ migration renumbers
/// persons (`Pair::renumber`).
pub const RENUMBER_FROM: u64 = 50_000;
/// The service whose clients an incomplete extract loses: home health care
/// (an EPJ filter that drops home nursing, the costliest mistake).
pub const INCOMPLETE_CODE: u16 = 15;

/// A matching pair of consecutive years: the same persons carried over,
/// with churn (8 % leave, half of them by death in the earlier year, the
/// others with every service ended; as many are new in the later year),
/// each person's services drawn afresh for each year from the same stream
/// (a home-nursing client stays one). Identity numbers are the same in both
/// years; `pePeID` too unless `renumber`.
#[derive(Clone, Debug)]
pub struct Pair {
    /// The later year's configuration; the earlier year is `year - 1`.
    pub cfg: Config,
    /// Leaves out of the later file R × (last year's persons with an
    /// open-ended service), taken from the later year's home-nursing
    /// clients that had one: an extract that is valid but incomplete.
    pub plant_incomplete: f64,
    /// The later year's `pePeID`s renumbered (an EPJ migration).
    pub renumber: bool,
}

/// One person left out of the later file by `plant_incomplete`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dropped {
    /// The person's `pePeID` in the earlier file.
    pub pe_pe_id: u64,
    /// The identity number (synthetic).
    pub fid: String,
}

impl Pair {
    /// A pair with nothing planted: every person carried over, no renumbering.
    pub fn new(cfg: Config) -> Pair {
        Pair {
            cfg,
            plant_incomplete: 0.0,
            renumber: false,
        }
    }

    /// The configuration of one year of the pair.
    pub fn config(&self, side: Side) -> Config {
        let mut c = self.cfg.clone();
        if side == Side::Previous {
            c.year -= 1;
        }
        c
    }

    /// Checks the pair; the message is Norwegian, for the CLI.
    pub fn validate(&self) -> Result<(), String> {
        self.config(Side::Current).validate()?;
        self.config(Side::Previous).validate()?;
        if self.cfg.error_rate > 0.0 {
            return Err("Et par av år lages uten plantede feil (--error-rate 0).".into());
        }
        if !(0.0..=1.0).contains(&self.plant_incomplete) {
            return Err(format!(
                "--plant-incomplete {} må være mellom 0 og 1.",
                self.plant_incomplete
            ));
        }
        Ok(())
    }

    /// (stayers, persons of the later year, persons of both together):
    /// stayers are `0..stay`, the later year's new persons `stay..n`, the
    /// earlier year's leavers `n..all`.
    fn universe(&self) -> (u64, u64, u64) {
        let n = self.cfg.persons;
        let churn = (n as f64 * CHURN).round() as u64;
        (n - churn, n, n + churn)
    }

    /// The identity of person `k` of the pair (drawn in order of `k`, so
    /// both years get the same numbers).
    fn life(&self, k: u64, ids: &mut Ids) -> Life {
        let mut rng = Rng::for_person(self.cfg.seed ^ 0x4C49_4645_5041_4952, k);
        // Age at 31.12. of the later year; at least 3, so at least 2 the year before.
        let alder = draw_age(&mut rng, 3);
        let (birth, female, fid) = born(&mut rng, ids, self.cfg.year, alder);
        let dies_before = rng.chance(0.5);
        Life {
            pe_id: k + 1,
            birth,
            female,
            fid,
            dies: Some(dies_before),
            close_all: false,
        }
    }

    /// Calls `f` with each person of one year, in file order.
    fn each<E>(
        &self,
        side: Side,
        mut f: impl FnMut(&Plan, &Config, Gen) -> Result<(), E>,
    ) -> Result<(), E> {
        let cfg = self.config(side);
        let plan = Plan::new(&cfg);
        let (stay, n, all) = self.universe();
        let dropped: HashSet<u64> = if side == Side::Current {
            self.dropped_persons().into_iter().map(|(k, _)| k).collect()
        } else {
            HashSet::new()
        };
        let mut ids = Ids::default();
        let mut unused = Ids::default();
        for k in 0..all {
            let mut life = self.life(k, &mut ids);
            let present = match side {
                Side::Previous => k < stay || k >= n,
                Side::Current => k < n && !dropped.contains(&k),
            };
            if !present {
                continue;
            }
            match side {
                Side::Previous => {
                    let leaves = k >= n;
                    let dies = leaves && life.dies == Some(true);
                    life.dies = Some(dies);
                    life.close_all = leaves && !dies;
                }
                Side::Current => {
                    life.dies = None;
                    if self.renumber {
                        life.pe_id += RENUMBER_FROM;
                    }
                }
            }
            let g = plan.person_as(&cfg, k, &mut unused, Some(&life));
            f(&plan, &cfg, g)?;
        }
        Ok(())
    }

    /// The persons `plant_incomplete` leaves out of the later file, as
    /// (index in the pair, person of the earlier year).
    fn dropped_persons(&self) -> Vec<(u64, Dropped)> {
        if self.plant_incomplete <= 0.0 {
            return Vec::new();
        }
        let prev_cfg = self.config(Side::Previous);
        let prev_plan = Plan::new(&prev_cfg);
        let cfg = self.config(Side::Current);
        let plan = Plan::new(&cfg);
        let (stay, n, all) = self.universe();
        let mut ids = Ids::default();
        let mut unused = Ids::default();
        let mut open_ended = 0u64;
        // (order key, k, person)
        let mut candidates: Vec<(u64, u64, Dropped)> = Vec::new();
        for k in 0..all {
            let mut life = self.life(k, &mut ids);
            if k >= stay && k < n {
                continue;
            }
            let leaves = k >= n;
            let dies = leaves && life.dies == Some(true);
            life.dies = Some(dies);
            life.close_all = leaves && !dies;
            let prev = prev_plan.person_as(&prev_cfg, k, &mut unused, Some(&life));
            let open = prev
                .services
                .iter()
                .any(|s| !s.avslag && s.fra.is_some() && s.til.is_none());
            open_ended += u64::from(open);
            if leaves || !open {
                continue;
            }
            life.dies = None;
            let now = plan.person_as(&cfg, k, &mut unused, Some(&life));
            if now
                .services
                .iter()
                .any(|s| s.code == INCOMPLETE_CODE && !s.avslag)
            {
                let order = Rng::for_person(self.cfg.seed ^ 0x4452_4F50, k).next();
                candidates.push((
                    order,
                    k,
                    Dropped {
                        pe_pe_id: prev.pe_id,
                        fid: prev.fid,
                    },
                ));
            }
        }
        let want = (self.plant_incomplete * open_ended as f64).round() as usize;
        candidates.sort_unstable_by_key(|c| c.0);
        candidates.truncate(want);
        let mut out: Vec<(u64, Dropped)> = candidates.into_iter().map(|(_, k, d)| (k, d)).collect();
        out.sort_unstable_by_key(|d| d.0);
        out
    }

    /// The persons `plant_incomplete` leaves out of the later file, in
    /// order of their `pePeID` in the earlier one.
    pub fn dropped(&self) -> Vec<Dropped> {
        self.dropped_persons().into_iter().map(|(_, d)| d).collect()
    }

    /// Writes one year's fagmelding.
    pub fn write_fagmelding<W: Write>(&self, side: Side, out: &mut W) -> io::Result<Summary> {
        let cfg = self.config(side);
        let mut w = Counting {
            inner: out,
            bytes: 0,
        };
        let mut buf = String::with_capacity(8192);
        match cfg.format {
            Format::Xml => xml_header(&cfg, &mut buf),
            Format::Csv => csv_header(&Plan::new(&cfg), &mut buf),
        }
        w.put(&buf)?;
        let mut sum = Summary::default();
        self.each(side, |plan, cfg, g| {
            buf.clear();
            match cfg.format {
                Format::Xml => xml_person(cfg, &g, &mut buf),
                Format::Csv => csv_person(cfg, plan, &g, &mut buf),
            }
            sum.persons += 1;
            sum.services += g.services.len() as u64;
            w.put(&buf)
        })?;
        if cfg.format == Format::Xml {
            w.put("</IPLOS>\n")?;
        }
        sum.bytes = w.bytes;
        Ok(sum)
    }

    /// Writes one year's identmelding (XML from 2018 on).
    pub fn write_identmelding<W: Write>(&self, side: Side, out: &mut W) -> io::Result<()> {
        let cfg = self.config(side);
        ident_head(&cfg, out)?;
        let mut buf = String::with_capacity(128);
        self.each(side, |_, _, g| {
            buf.clear();
            let _ = writeln!(
                buf,
                "    <PasientIdent pid=\"{}\" fid=\"{}\" typeID=\"1\"/>",
                g.pe_id, g.fid
            );
            out.write_all(buf.as_bytes())
        })?;
        out.write_all(b"  </Institusjon>\n</Melding>\n")
    }

    /// One year in memory: the fagmelding and, when it has one, the identmelding.
    pub fn to_bytes(&self, side: Side) -> (Vec<u8>, Option<Vec<u8>>) {
        let mut main = Vec::new();
        self.write_fagmelding(side, &mut main)
            .expect("writing to a Vec");
        let ident = self.config(side).has_ident().then(|| {
            let mut v = Vec::new();
            self.write_identmelding(side, &mut v)
                .expect("writing to a Vec");
            v
        });
        (main, ident)
    }
}

/// The path of one year's file of a pair: `x.xml` → `x-2024.xml`.
pub fn year_path(path: &str, year: u16) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => format!("{stem}-{year}.{ext}"),
        _ => format!("{path}-{year}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for n in ymd(1880, 1, 1)..ymd(2030, 1, 1) {
            assert_eq!(day(from_day(n)), n);
        }
    }

    #[test]
    fn orgnrs_are_valid() {
        for n in 0..2000 {
            assert!(fnr::orgnr_valid(&orgnr(n)), "{}", orgnr(n));
        }
    }

    #[test]
    fn hours_print_as_schema_decimals() {
        assert_eq!(hours_text(750), "7.5");
        assert_eq!(hours_text(1200), "12");
        assert_eq!(hours_text(1225), "12.25");
        assert_eq!(hours_text(20_000), "200");
    }
}

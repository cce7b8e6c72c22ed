//! Code lists by reporting year, as data.
//!
//! This module owns the reference data the rules look values up in:
//! kommunenummer and bydelsnummer per year (from `data/kommuner.csv` and
//! `data/bydeler.csv`, compiled in and parsed once; see `data/SOURCES.md`),
//! the service codes of code list 9151 with their valid years, service
//! group, hour and decision basis and org.nr rule (docs/domain.md §2, and
//! the TJE rules of docs/rules.md), and the function variables of code
//! list 9111 (docs/domain.md §3). Supported reporting years are
//! [`FIRST_YEAR`]–[`LAST_YEAR`]. A correction to a code list is a data
//! change here, not a change to a rule.

use std::sync::OnceLock;

/// The first reporting year the checker supports.
pub const FIRST_YEAR: u16 = 2016;
/// The last reporting year the checker supports.
pub const LAST_YEAR: u16 = 2026;
/// The first reporting year of the 2018 schema (version 3.5, namespace
/// `…/iplos/2018`) with its separate identmelding (XPR ide 53.1.2). Before
/// it, the fagmelding carried the identity number itself (`peFnr`) and the
/// older schemas applied (docs/format.md).
pub const SCHEMA_2018_FROM: u16 = 2018;

/// Whether a year's identity numbers travel in a separate identmelding.
pub fn separate_identmelding(year: u16) -> bool {
    year >= SCHEMA_2018_FROM
}

/// Whether a year's files are judged by the official 2018 schema.
pub fn schema_2018_applies(year: u16) -> bool {
    year >= SCHEMA_2018_FROM
}

/// The year facts the page needs, in one value (exported through wasm, so
/// the page holds no copy of them).
#[derive(Clone, Copy, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Years {
    /// [`FIRST_YEAR`].
    pub first: u16,
    /// [`LAST_YEAR`].
    pub last: u16,
    /// [`SCHEMA_2018_FROM`]: from this year on, an identmelding belongs with the file.
    pub identmelding_from: u16,
    /// [`KOMMUNER_CONFIRMED_UNTIL`].
    pub kommuner_confirmed_until: u16,
}

/// The supported years and what changes between them.
pub const YEARS: Years = Years {
    first: FIRST_YEAR,
    last: LAST_YEAR,
    identmelding_from: SCHEMA_2018_FROM,
    kommuner_confirmed_until: KOMMUNER_CONFIRMED_UNTIL,
};

// ---------------------------------------------------------------------------
// Municipalities and districts
// ---------------------------------------------------------------------------

const KOMMUNER_CSV: &str = include_str!("../data/kommuner.csv");
const BYDELER_CSV: &str = include_str!("../data/bydeler.csv");

/// One row of `kommuner.csv`: valid from `fra` to `til` inclusive (`None`:
/// still valid).
#[derive(Debug)]
struct KommuneRow {
    nr: &'static str,
    navn: &'static str,
    fra: u16,
    til: Option<u16>,
}

impl KommuneRow {
    fn valid_in(&self, year: u16) -> bool {
        self.fra <= year && self.til.is_none_or(|t| year <= t)
    }
}

/// One row of `bydeler.csv`; `nr` is the 6-digit code (kommunenr + 2).
#[derive(Debug)]
struct BydelRow {
    nr: &'static str,
    navn: &'static str,
    komnr: &'static str,
    fra: u16,
    til: Option<u16>,
}

impl BydelRow {
    fn valid_in(&self, year: u16) -> bool {
        self.fra <= year && self.til.is_none_or(|t| year <= t)
    }
}

/// Splits the data lines of a compiled-in CSV file (header dropped) into
/// exactly `n` fields. The files have no quotes and no commas in values
/// (checked by the tests), so a plain split is exact.
fn csv_rows(text: &'static str, n: usize) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(move |line| {
            let fields: Vec<&'static str> = line.split(',').collect();
            assert_eq!(fields.len(), n, "malformed reference data line: {line}");
            fields
        })
}

fn year_field(s: &str) -> u16 {
    s.parse().expect("year in reference data")
}

fn opt_year_field(s: &str) -> Option<u16> {
    (!s.is_empty()).then(|| year_field(s))
}

fn kommune_rows() -> &'static [KommuneRow] {
    static ROWS: OnceLock<Vec<KommuneRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut rows: Vec<KommuneRow> = csv_rows(KOMMUNER_CSV, 4)
            .map(|f| KommuneRow {
                nr: f[0],
                navn: f[1],
                fra: year_field(f[2]),
                til: opt_year_field(f[3]),
            })
            .collect();
        rows.sort_by_key(|r| r.nr);
        rows
    })
}

fn bydel_rows() -> &'static [BydelRow] {
    static ROWS: OnceLock<Vec<BydelRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut rows: Vec<BydelRow> = csv_rows(BYDELER_CSV, 5)
            .map(|f| BydelRow {
                nr: f[0],
                navn: f[1],
                komnr: f[2],
                fra: year_field(f[3]),
                til: opt_year_field(f[4]),
            })
            .collect();
        rows.sort_by_key(|r| r.nr);
        rows
    })
}

fn kommune_row(nr: &str) -> Option<&'static KommuneRow> {
    // Asked several times for every person: a direct table on the four
    // digits (every kommunenummer has four) instead of a search.
    static INDEX: OnceLock<Vec<u16>> = OnceLock::new();
    let four = |nr: &str| -> Option<usize> {
        let b = nr.as_bytes();
        (b.len() == 4 && b.iter().all(u8::is_ascii_digit))
            .then(|| b.iter().fold(0, |n, &c| n * 10 + usize::from(c - b'0')))
    };
    let rows = kommune_rows();
    let index = INDEX.get_or_init(|| {
        let mut t = vec![0u16; 10_000];
        for (i, r) in rows.iter().enumerate() {
            let at = four(r.nr).expect("kommuner.csv has four-digit numbers");
            t[at] = u16::try_from(i + 1).expect("fewer than 65 535 municipalities");
        }
        t
    });
    match index[four(nr)?] {
        0 => None,
        i => Some(&rows[usize::from(i) - 1]),
    }
}

/// What a kommunenummer is in a given year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KommuneStatus {
    /// A municipality in that year.
    Valid {
        /// Its name.
        name: &'static str,
    },
    /// A municipality that ended before that year (merger, split or
    /// renumbering), with its last year and, when one can be named, the
    /// successor `(kommunenummer, navn)` valid in the asked year.
    Retired {
        /// Its name.
        name: &'static str,
        /// The last year it existed.
        last_year: u16,
        /// Its successor `(kommunenummer, navn)`, when one can be named.
        successor: Option<(&'static str, &'static str)>,
    },
    /// A number that only came into use after that year.
    NotYet {
        /// Its name.
        name: &'static str,
        /// The first year it existed.
        first_year: u16,
    },
    /// Not a municipality number in any supported year.
    Unknown,
}

/// The last year whose municipality list a source confirms; later years
/// are assumed unchanged (data/SOURCES.md: no list for 2025 and 2026 was
/// found). Messages about municipality numbers say so for those years.
pub const KOMMUNER_CONFIRMED_UNTIL: u16 = 2024;

/// Whether the municipality list for `year` is an assumption, not a source.
pub fn kommuneliste_antatt(year: u16) -> bool {
    year > KOMMUNER_CONFIRMED_UNTIL
}

/// Looks up a 4-digit kommunenummer for reporting year `year`.
///
/// The successor of a retired number is derived best-effort, since the
/// data has no successor column: the number that started the year after it
/// ended and carries the same name, or shares one part of a name written
/// with parallel Sami/Kven names (1601 "Trondheim" → 5001 "Trondheim -
/// Tråante"), followed year by year until the one valid in `year` (0706
/// Sandefjord → 0710 → 3804 → 3907). A municipality merged into one with
/// another name (0714 Hof), split (1850 Tysfjord), or whose name is not
/// unique among the new numbers (0137 and 0426 Våler, both → 3018 or 3419)
/// gets `None`: the checker names no successor rather than a wrong one.
pub fn kommune(nr: &str, year: u16) -> KommuneStatus {
    let Some(row) = kommune_row(nr) else {
        return KommuneStatus::Unknown;
    };
    if row.valid_in(year) {
        return KommuneStatus::Valid { name: row.navn };
    }
    if year < row.fra {
        return KommuneStatus::NotYet {
            name: row.navn,
            first_year: row.fra,
        };
    }
    // Not valid and not before its start: it has ended.
    let last_year = row.til.unwrap_or(year);
    KommuneStatus::Retired {
        name: row.navn,
        last_year,
        successor: successor(row, year).map(|s| (s.nr, s.navn)),
    }
}

/// The parts of a name written with parallel names ("Trondheim - Tråante").
fn name_parts(navn: &str) -> impl Iterator<Item = &str> {
    navn.split(" - ").map(str::trim)
}

fn names_share_part(a: &str, b: &str) -> bool {
    name_parts(a).any(|p| name_parts(b).any(|q| p == q))
}

/// The one number that took over `row` the year after it ended, by name.
fn next_by_name(row: &KommuneRow) -> Option<&'static KommuneRow> {
    let next_year = row.til? + 1;
    let starting: Vec<&'static KommuneRow> = kommune_rows()
        .iter()
        .filter(|r| r.fra == next_year)
        .collect();
    let exact: Vec<_> = starting.iter().filter(|r| r.navn == row.navn).collect();
    match exact.len() {
        1 => return Some(exact[0]),
        0 => {}
        _ => return None,
    }
    let partial: Vec<_> = starting
        .iter()
        .filter(|r| names_share_part(r.navn, row.navn))
        .collect();
    match partial.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

fn successor(row: &KommuneRow, year: u16) -> Option<&'static KommuneRow> {
    let mut current = next_by_name(row)?;
    loop {
        if current.valid_in(year) {
            return Some(current);
        }
        if current.fra > year {
            return None;
        }
        current = next_by_name(current)?;
    }
}

/// The name of a kommunenummer (one name per number, not year-exact; see
/// `data/SOURCES.md`), whatever year it was valid in.
pub fn kommune_name(nr: &str) -> Option<&'static str> {
    kommune_row(nr).map(|r| r.navn)
}

/// The kommunenummer valid in `year`, in ascending order.
pub fn kommuner_in(year: u16) -> impl Iterator<Item = &'static str> {
    kommune_rows()
        .iter()
        .filter(move |r| r.valid_in(year))
        .map(|r| r.nr)
}

/// Whether the municipality is divided into bydeler in `year`: Oslo 0301,
/// Stavanger 1103, Bergen 1201 (to 2019) / 4601 (from 2020), Trondheim 1601
/// (to 2017) / 5001 (from 2018), per `data/bydeler.csv`.
pub fn has_bydeler(komnr: &str, year: u16) -> bool {
    bydel_rows()
        .iter()
        .any(|b| b.komnr == komnr && b.valid_in(year))
}

/// What a 2-digit `peBydelsnr` / `iiBydelsnr` is for a municipality in a
/// given year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BydelStatus {
    /// A district of that city in that year.
    Valid {
        /// Its name.
        name: &'static str,
    },
    /// `99`, "uoppgitt", for a city with districts (docs/domain.md §7).
    Uoppgitt,
    /// The city has districts, but this is not one of them in that year
    /// (`00` included, e.g. Stavanger 08 before 2020).
    NotADistrict,
    /// The municipality has no districts (in that year); callers warn when
    /// the value is not `00`.
    NoDistricts,
}

/// Looks up a 2-digit bydelsnummer `bydel2` in municipality `komnr` for
/// reporting year `year`. Oslo 16 Sentrum and 17 Marka are accepted as
/// districts (they are in `bydeler.csv` and in Volven 3403).
pub fn bydel(komnr: &str, bydel2: &str, year: u16) -> BydelStatus {
    if !has_bydeler(komnr, year) {
        return BydelStatus::NoDistricts;
    }
    if bydel2 == "99" {
        return BydelStatus::Uoppgitt;
    }
    bydel_rows()
        .iter()
        .find(|b| {
            b.komnr == komnr
                && b.valid_in(year)
                && b.nr.len() == komnr.len() + bydel2.len()
                && b.nr.starts_with(komnr)
                && b.nr.ends_with(bydel2)
        })
        .map_or(BydelStatus::NotADistrict, |b| BydelStatus::Valid {
            name: b.navn,
        })
}

// ---------------------------------------------------------------------------
// Service codes (code list 9151)
// ---------------------------------------------------------------------------

/// Service group for statistics (docs/report.md §4), after the groups of the
/// 2016 code list (docs/domain.md §2.3) with the welfare-technology codes
/// split out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gruppe {
    /// Tjenester til hjemmeboende (hjemmetjenester).
    Hjemmeboende,
    /// Institusjonstjenester.
    Institusjon,
    /// Bolig.
    Bolig,
    /// Velferdsteknologi: 6, 26, 27, 28.
    Velferdsteknologi,
    /// Bruk av tvang: 14, 23, 24.
    Tvang,
}

impl Gruppe {
    /// All groups, in report order.
    pub const ALL: [Gruppe; 5] = [
        Gruppe::Hjemmeboende,
        Gruppe::Institusjon,
        Gruppe::Bolig,
        Gruppe::Velferdsteknologi,
        Gruppe::Tvang,
    ];

    /// The group's Norwegian name, as shown to users.
    pub fn name_nb(self) -> &'static str {
        match self {
            Gruppe::Hjemmeboende => "Tjenester til hjemmeboende",
            Gruppe::Institusjon => "Institusjonstjenester",
            Gruppe::Bolig => "Bolig",
            Gruppe::Velferdsteknologi => "Velferdsteknologi",
            Gruppe::Tvang => "Bruk av tvang",
        }
    }

    /// The group's English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Gruppe::Hjemmeboende => "Services to people living at home",
            Gruppe::Institusjon => "Institutional services",
            Gruppe::Bolig => "Housing",
            Gruppe::Velferdsteknologi => "Welfare technology",
            Gruppe::Tvang => "Use of coercion",
        }
    }
}

/// Whether a service record carries `tjInstOrgnr` (TJE-15, TJE-26;
/// docs/domain.md §2.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgnrRule {
    /// Must have one (Helsedirektoratet's Q&A: "skal").
    Required,
    /// May have one ("kan").
    Optional,
    /// Must not have one ("skal ikke").
    Forbidden,
    /// Must not have one, by analogy (29 replaces 12/13; INFERRED).
    ForbiddenInferred,
    /// No source says; treated as optional (14, 23, 24, 27, 28).
    OptionalUnknown,
}

/// One code of list 9151.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tjenestekode {
    /// The service code (code list 9151).
    pub code: u16,
    /// Its name in bokmål.
    pub name_nb: &'static str,
    /// Its name in English.
    pub name_en: &'static str,
    /// The service group it is counted in.
    pub gruppe: Gruppe,
    /// First reporting year in which the code is valid.
    pub from: u16,
    /// Last reporting year, inclusive; [`OPEN`] when still valid.
    pub to: u16,
    /// Extent reported in hours per week (TJE-11).
    pub hour_based: bool,
    /// Granted by a decision that needs a function assessment (FUN-07).
    pub decision_based: bool,
    /// Whether a record of the service must, may or must not name an organisation number.
    pub orgnr: OrgnrRule,
}

impl Tjenestekode {
    /// Whether the code is valid in reporting year `year`.
    pub fn valid_in(&self, year: u16) -> bool {
        self.from <= year && year <= self.to
    }
}

/// `to` of a service code that is still valid.
pub const OPEN: u16 = 9999;

const fn tj(
    code: u16,
    name_nb: &'static str,
    name_en: &'static str,
    gruppe: Gruppe,
    (from, to): (u16, u16),
    (hour_based, decision_based): (bool, bool),
    orgnr: OrgnrRule,
) -> Tjenestekode {
    Tjenestekode {
        code,
        name_nb,
        name_en,
        gruppe,
        from,
        to,
        hour_based,
        decision_based,
        orgnr,
    }
}

const ALL_YEARS: (u16, u16) = (FIRST_YEAR, OPEN);
const TO_2018: (u16, u16) = (FIRST_YEAR, 2018);
const FROM_2019: (u16, u16) = (2019, OPEN);
/// (hour-based, decision-based)
const HOURS_DECISION: (bool, bool) = (true, true);
const DECISION: (bool, bool) = (false, true);
const NEITHER: (bool, bool) = (false, false);

use Gruppe::{Bolig, Hjemmeboende, Institusjon, Tvang, Velferdsteknologi};
use OrgnrRule::{Forbidden, ForbiddenInferred, Optional, OptionalUnknown, Required};

/// Code list 9151, sorted by code. Code 10 does not exist
/// (docs/domain.md §2.1). Names: docs/domain.md §2 (2024 wording: 11
/// Omsorgsstønad, formerly Omsorgslønn; 26 Lokaliseringsteknologi, formerly
/// Varslings- og lokaliseringsteknologi).
#[rustfmt::skip]
pub static TJENESTEKODER: &[Tjenestekode] = &[
    tj(1, "Praktisk bistand – daglige gjøremål", "Practical assistance – daily tasks",
        Hjemmeboende, ALL_YEARS, HOURS_DECISION, Required),
    tj(2, "Praktisk bistand – opplæring – daglige gjøremål",
        "Practical assistance – training in daily tasks",
        Hjemmeboende, ALL_YEARS, HOURS_DECISION, Required),
    tj(3, "Praktisk bistand – brukerstyrt personlig assistanse (BPA)",
        "Practical assistance – user-controlled personal assistance (BPA)",
        Hjemmeboende, ALL_YEARS, HOURS_DECISION, Required),
    tj(4, "Dagaktivitetstilbud", "Day activity services",
        Hjemmeboende, ALL_YEARS, HOURS_DECISION, Required),
    tj(5, "Matombringing", "Meal delivery",
        Hjemmeboende, ALL_YEARS, NEITHER, Optional),
    tj(6, "Trygghetsalarm", "Safety alarm",
        Velferdsteknologi, ALL_YEARS, NEITHER, Optional),
    tj(7, "Avlastning – utenfor institusjon", "Respite care – outside an institution",
        Hjemmeboende, ALL_YEARS, HOURS_DECISION, Optional),
    tj(8, "Avlastning – i institusjon", "Respite care – in an institution",
        Institusjon, ALL_YEARS, DECISION, Required),
    tj(9, "Støttekontakt", "Support contact",
        Hjemmeboende, ALL_YEARS, HOURS_DECISION, Optional),
    tj(11, "Omsorgsstønad", "Care allowance",
        Hjemmeboende, ALL_YEARS, HOURS_DECISION, Optional),
    tj(12, "Omsorgsbolig", "Sheltered housing",
        Bolig, TO_2018, NEITHER, Forbidden),
    tj(13, "Annen bolig", "Other housing",
        Bolig, TO_2018, NEITHER, Forbidden),
    tj(14, "Bruk av tvang, psykisk utviklingshemning – planlagte tiltak",
        "Use of coercion, intellectual disability – planned measures",
        Tvang, ALL_YEARS, NEITHER, OptionalUnknown),
    tj(15, "Helsetjenester i hjemmet", "Home health care",
        Hjemmeboende, ALL_YEARS, HOURS_DECISION, Required),
    tj(16, "Rehabilitering utenfor institusjon", "Rehabilitation outside an institution",
        Hjemmeboende, TO_2018, NEITHER, Optional),
    tj(17, "Dagopphold i institusjon", "Day stay in an institution",
        Institusjon, ALL_YEARS, HOURS_DECISION, Required),
    tj(18, "Tidsbegrenset opphold – utredning/behandling",
        "Short-term stay – assessment/treatment",
        Institusjon, ALL_YEARS, DECISION, Required),
    tj(19, "Tidsbegrenset opphold – habilitering/rehabilitering",
        "Short-term stay – habilitation/rehabilitation",
        Institusjon, ALL_YEARS, DECISION, Required),
    tj(20, "Tidsbegrenset opphold – annet", "Short-term stay – other",
        Institusjon, ALL_YEARS, DECISION, Required),
    tj(21, "Langtidsopphold i institusjon", "Long-term stay in an institution",
        Institusjon, ALL_YEARS, DECISION, Required),
    tj(22, "Nattopphold i institusjon", "Night stay in an institution",
        Institusjon, ALL_YEARS, HOURS_DECISION, Required),
    tj(23, "Bruk av tvang, psykisk utviklingshemning – skadeavvergende tiltak i nødssituasjoner",
        "Use of coercion, intellectual disability – harm-preventing measures in emergencies",
        Tvang, ALL_YEARS, NEITHER, OptionalUnknown),
    tj(24, "Helsehjelp med tvang", "Health care under coercion",
        Tvang, ALL_YEARS, NEITHER, OptionalUnknown),
    tj(25, "Kommunal øyeblikkelig hjelp – døgnopphold",
        "Municipal emergency care – 24-hour stay",
        Institusjon, ALL_YEARS, NEITHER, Required),
    tj(26, "Lokaliseringsteknologi (GPS)", "Location technology (GPS)",
        Velferdsteknologi, ALL_YEARS, NEITHER, Forbidden),
    tj(27, "Elektronisk medisineringsstøtte", "Electronic medication support",
        Velferdsteknologi, FROM_2019, NEITHER, OptionalUnknown),
    tj(28, "Digitalt tilsyn", "Digital supervision",
        Velferdsteknologi, FROM_2019, NEITHER, OptionalUnknown),
    tj(29, "Bolig kommunen disponerer for helse- og omsorgsformål",
        "Housing the municipality provides for health and care purposes",
        Bolig, FROM_2019, NEITHER, ForbiddenInferred),
];

/// A service code of list 9151 in any year, or `None` (10 included).
pub fn tjeneste(code: u16) -> Option<&'static Tjenestekode> {
    TJENESTEKODER.iter().find(|t| t.code == code)
}

/// Whether a service code is valid in reporting year `year` (TJE-03).
pub fn tjeneste_valid_in(code: u16, year: u16) -> bool {
    tjeneste(code).is_some_and(|t| t.valid_in(year))
}

// ---------------------------------------------------------------------------
// Function variables (code list 9111)
// ---------------------------------------------------------------------------

/// One function variable (`fnFunkType`) of list 9111.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Funksjonsvariabel {
    /// The function variable (code list 9111).
    pub code: u8,
    /// Its name in bokmål.
    pub name_nb: &'static str,
    /// Its name in English.
    pub name_en: &'static str,
    /// First reporting year in which the variable is in use: 1–17 2016,
    /// 18 2018, 19–20 2019 (INFERRED from the 9111 snapshots and the 3.7
    /// version of the report; docs/domain.md §3).
    pub from: u16,
}

const fn fv(
    code: u8,
    name_nb: &'static str,
    name_en: &'static str,
    from: u16,
) -> Funksjonsvariabel {
    Funksjonsvariabel {
        code,
        name_nb,
        name_en,
        from,
    }
}

/// Code list 9111, codes 1–20 in order.
pub static FUNKSJONSVARIABLER: &[Funksjonsvariabel] = &[
    fv(1, "Sosial deltakelse", "Social participation", 2016),
    fv(
        2,
        "Skaffe seg varer og tjenester",
        "Obtaining goods and services",
        2016,
    ),
    fv(
        3,
        "Beslutninger i dagliglivet",
        "Decisions in daily life",
        2016,
    ),
    fv(
        4,
        "Ivareta egen helse",
        "Looking after one's own health",
        2016,
    ),
    fv(5, "Bevege seg innendørs", "Moving around indoors", 2016),
    fv(6, "Alminnelig husarbeid", "Ordinary housework", 2016),
    fv(7, "Personlig hygiene", "Personal hygiene", 2016),
    fv(8, "På- og avkledning", "Dressing and undressing", 2016),
    fv(9, "Lage mat", "Preparing meals", 2016),
    fv(10, "Spise", "Eating", 2016),
    fv(11, "Toalett", "Toileting", 2016),
    fv(12, "Bevege seg utendørs", "Moving around outdoors", 2016),
    fv(13, "Syn", "Vision", 2016),
    fv(14, "Hørsel", "Hearing", 2016),
    fv(15, "Hukommelse", "Memory", 2016),
    fv(16, "Kommunikasjon", "Communication", 2016),
    fv(17, "Styre atferd", "Managing one's behaviour", 2016),
    fv(
        18,
        "Ivareta egen økonomi",
        "Managing one's own finances",
        2018,
    ),
    fv(19, "Initiativevne", "Initiative", 2019),
    fv(20, "Opplevelse av trygghet", "Sense of security", 2019),
];

/// A function variable of list 9111 (1–20), whatever its year.
pub fn funksjonsvariabel(code: u16) -> Option<&'static Funksjonsvariabel> {
    FUNKSJONSVARIABLER
        .iter()
        .find(|f| u16::from(f.code) == code)
}

/// The codes of the function variables in use in reporting year `year`.
pub fn funksjonsvariabler_in(year: u16) -> Vec<u8> {
    FUNKSJONSVARIABLER
        .iter()
        .filter(|f| f.from <= year)
        .map(|f| f.code)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn kommune_rows_are_found_by_table() {
        for r in kommune_rows() {
            assert_eq!(kommune_row(r.nr).map(|x| x.nr), Some(r.nr));
        }
        for nr in [
            "",
            "301",
            "03010",
            "0000",
            "9999",
            "03a1",
            "+301",
            "０３０１",
        ] {
            assert!(kommune_row(nr).is_none(), "{nr}");
        }
    }

    #[test]
    fn csv_files_are_plain() {
        for (text, n) in [(KOMMUNER_CSV, 4), (BYDELER_CSV, 5)] {
            assert!(!text.contains('"') && !text.contains('\r'));
            for line in text.lines() {
                assert_eq!(line.split(',').count(), n, "{line}");
            }
        }
        assert_eq!(kommune_rows().len(), 838);
        assert_eq!(bydel_rows().len(), 50);
        for r in kommune_rows() {
            assert!(
                r.nr.len() == 4 && r.nr.bytes().all(|b| b.is_ascii_digit()),
                "{r:?}"
            );
            assert!(r.til.is_none_or(|t| t >= r.fra), "{r:?}");
            assert!(!r.navn.is_empty());
        }
        let unique: BTreeSet<_> = kommune_rows().iter().map(|r| r.nr).collect();
        assert_eq!(unique.len(), kommune_rows().len());
    }

    #[test]
    fn municipality_counts_per_year() {
        // data/SOURCES.md, "Count per year (verified by script)".
        let expected = [
            (2016, 428),
            (2017, 426),
            (2018, 422),
            (2019, 422),
            (2020, 356),
            (2021, 356),
            (2022, 356),
            (2023, 356),
            (2024, 357),
            (2025, 357),
            (2026, 357),
        ];
        for (year, n) in expected {
            assert_eq!(kommuner_in(year).count(), n, "{year}");
        }
        assert_eq!(expected.len(), usize::from(LAST_YEAR - FIRST_YEAR + 1));
    }

    #[test]
    fn municipality_status() {
        assert_eq!(kommune("0301", 2016), KommuneStatus::Valid { name: "Oslo" });
        assert_eq!(kommune("0301", 2026), KommuneStatus::Valid { name: "Oslo" });
        assert_eq!(
            kommune("1201", 2019),
            KommuneStatus::Valid { name: "Bergen" }
        );
        assert_eq!(
            kommune("1201", 2020),
            KommuneStatus::Retired {
                name: "Bergen",
                last_year: 2019,
                successor: Some(("4601", "Bergen"))
            }
        );
        assert_eq!(
            kommune("4601", 2019),
            KommuneStatus::NotYet {
                name: "Bergen",
                first_year: 2020
            }
        );
        let succ = |nr: &str, y: u16| match kommune(nr, y) {
            KommuneStatus::Retired { successor, .. } => successor.map(|s| s.0),
            other => panic!("{nr} {y}: {other:?}"),
        };
        assert_eq!(succ("1601", 2018), Some("5001"));
        assert_eq!(succ("1601", 2025), Some("5001"));
        assert_eq!(succ("0706", 2017), Some("0710"));
        assert_eq!(succ("0706", 2021), Some("3804"));
        assert_eq!(succ("0706", 2024), Some("3907"));
        assert_eq!(succ("0101", 2024), Some("3101"));
        assert_eq!(succ("1507", 2024), Some("1508"));
        // Merged into a municipality with another name, split, or ambiguous.
        assert_eq!(succ("0714", 2018), None);
        assert_eq!(succ("1850", 2020), None);
        assert_eq!(succ("0137", 2020), None);
        assert_eq!(kommune("9999", 2020), KommuneStatus::Unknown);
        assert_eq!(kommune("abcd", 2020), KommuneStatus::Unknown);
        assert_eq!(kommune("", 2020), KommuneStatus::Unknown);
        assert_eq!(kommune_name("5001"), Some("Trondheim - Tråante"));
        assert_eq!(kommune_name("0000"), None);
        // Every successor named is valid in the asked year.
        for year in FIRST_YEAR..=LAST_YEAR {
            for r in kommune_rows() {
                if let KommuneStatus::Retired {
                    successor: Some((nr, _)),
                    last_year,
                    ..
                } = kommune(r.nr, year)
                {
                    assert!(matches!(kommune(nr, year), KommuneStatus::Valid { .. }));
                    assert!(last_year < year);
                }
            }
        }
    }

    #[test]
    fn districts() {
        for year in FIRST_YEAR..=LAST_YEAR {
            assert!(has_bydeler("0301", year));
            assert!(has_bydeler("1103", year));
            assert_eq!(has_bydeler("1201", year), year <= 2019, "{year}");
            assert_eq!(has_bydeler("4601", year), year >= 2020, "{year}");
            assert_eq!(has_bydeler("1601", year), year <= 2017, "{year}");
            assert_eq!(has_bydeler("5001", year), year >= 2018, "{year}");
            assert!(!has_bydeler("1101", year));
            for b in 1..=17 {
                let code = format!("{b:02}");
                assert!(
                    matches!(bydel("0301", &code, year), BydelStatus::Valid { .. }),
                    "0301 {code} {year}"
                );
            }
            assert_eq!(bydel("0301", "18", year), BydelStatus::NotADistrict);
            assert_eq!(bydel("0301", "00", year), BydelStatus::NotADistrict);
            assert_eq!(bydel("0301", "99", year), BydelStatus::Uoppgitt);
            assert_eq!(bydel("0301", "1", year), BydelStatus::NotADistrict);
            assert_eq!(bydel("1103", "99", year), BydelStatus::Uoppgitt);
            let stavanger_new = if year >= 2020 {
                BydelStatus::Valid { name: "Finnøy" }
            } else {
                BydelStatus::NotADistrict
            };
            assert_eq!(bydel("1103", "08", year), stavanger_new, "{year}");
            assert_eq!(
                matches!(bydel("1103", "09", year), BydelStatus::Valid { .. }),
                year >= 2020
            );
            assert_eq!(
                bydel("1103", "07", year),
                BydelStatus::Valid { name: "Hinna" }
            );
            assert_eq!(
                bydel("0301", "01", year),
                BydelStatus::Valid { name: "Gamle Oslo" }
            );
            assert_eq!(bydel("1804", "00", year), BydelStatus::NoDistricts);
            assert_eq!(bydel("1804", "03", year), BydelStatus::NoDistricts);
        }
        assert_eq!(
            bydel("1201", "08", 2019),
            BydelStatus::Valid { name: "Åsane" }
        );
        assert_eq!(
            bydel("4601", "08", 2020),
            BydelStatus::Valid { name: "Åsane" }
        );
        assert_eq!(bydel("1201", "08", 2020), BydelStatus::NoDistricts);
        assert_eq!(
            bydel("5001", "04", 2018),
            BydelStatus::Valid { name: "Heimdal" }
        );
        assert_eq!(bydel("5001", "05", 2020), BydelStatus::NotADistrict);
        assert_eq!(bydel("5001", "99", 2020), BydelStatus::Uoppgitt);
        // Counts per year as in data/SOURCES.md.
        for (year, n) in [(2016, 36), (2018, 36), (2019, 36), (2020, 38), (2026, 38)] {
            assert_eq!(bydel_rows().iter().filter(|b| b.valid_in(year)).count(), n);
        }
        for b in bydel_rows() {
            assert!(b.nr.starts_with(b.komnr) && b.nr.len() == 6, "{b:?}");
        }
    }

    #[test]
    fn service_codes() {
        let codes: Vec<u16> = TJENESTEKODER.iter().map(|t| t.code).collect();
        let unique: BTreeSet<u16> = codes.iter().copied().collect();
        assert_eq!(unique.len(), codes.len(), "a service code twice");
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted");
        let expected: Vec<u16> = (1..=9).chain(11..=29).collect();
        assert_eq!(codes, expected);
        assert!(tjeneste(10).is_none());
        assert!(tjeneste(0).is_none() && tjeneste(30).is_none());
        for year in FIRST_YEAR..=LAST_YEAR {
            assert!(!tjeneste_valid_in(10, year));
            for code in [12, 13, 16] {
                assert_eq!(tjeneste_valid_in(code, year), year <= 2018, "{code} {year}");
            }
            for code in [27, 28, 29] {
                assert_eq!(tjeneste_valid_in(code, year), year >= 2019, "{code} {year}");
            }
            for code in [1, 8, 11, 14, 21, 23, 24, 25, 26] {
                assert!(tjeneste_valid_in(code, year), "{code} {year}");
            }
        }
        assert!(!tjeneste_valid_in(16, 2019));
        assert!(tjeneste_valid_in(29, 2019) && !tjeneste_valid_in(29, 2018));

        let set = |f: &dyn Fn(&Tjenestekode) -> bool| -> Vec<u16> {
            TJENESTEKODER
                .iter()
                .filter(|t| f(t))
                .map(|t| t.code)
                .collect()
        };
        assert_eq!(set(&|t| t.hour_based), [1, 2, 3, 4, 7, 9, 11, 15, 17, 22]);
        assert_eq!(
            set(&|t| t.decision_based),
            [1, 2, 3, 4, 7, 8, 9, 11, 15, 17, 18, 19, 20, 21, 22]
        );
        assert_eq!(
            set(&|t| t.orgnr == OrgnrRule::Required),
            [1, 2, 3, 4, 8, 15, 17, 18, 19, 20, 21, 22, 25]
        );
        assert_eq!(
            set(&|t| t.orgnr == OrgnrRule::Optional),
            [5, 6, 7, 9, 11, 16]
        );
        assert_eq!(set(&|t| t.orgnr == OrgnrRule::Forbidden), [12, 13, 26]);
        assert_eq!(set(&|t| t.orgnr == OrgnrRule::ForbiddenInferred), [29]);
        assert_eq!(
            set(&|t| t.orgnr == OrgnrRule::OptionalUnknown),
            [14, 23, 24, 27, 28]
        );
        assert_eq!(
            set(&|t| t.gruppe == Gruppe::Velferdsteknologi),
            [6, 26, 27, 28]
        );
        assert_eq!(set(&|t| t.gruppe == Gruppe::Bolig), [12, 13, 29]);
        assert_eq!(
            set(&|t| t.gruppe == Gruppe::Institusjon),
            [8, 17, 18, 19, 20, 21, 22, 25]
        );
        assert_eq!(set(&|t| t.gruppe == Gruppe::Tvang), [14, 23, 24]);
        assert_eq!(
            set(&|t| t.gruppe == Gruppe::Hjemmeboende),
            [1, 2, 3, 4, 5, 7, 9, 11, 15, 16]
        );
        assert_eq!(tjeneste(11).unwrap().name_nb, "Omsorgsstønad");
        assert_eq!(tjeneste(24).unwrap().name_nb, "Helsehjelp med tvang");
        assert!(tjeneste(14).unwrap().name_nb.ends_with("planlagte tiltak"));
        assert!(tjeneste(23).unwrap().name_nb.ends_with("nødssituasjoner"));
        for t in TJENESTEKODER {
            assert!(!t.name_nb.is_empty() && !t.name_en.is_empty());
            assert!(t.from >= FIRST_YEAR && t.from <= t.to);
        }
        for g in Gruppe::ALL {
            assert!(!g.name_nb().is_empty() && !g.name_en().is_empty());
        }
    }

    #[test]
    fn function_variables() {
        let codes: Vec<u8> = FUNKSJONSVARIABLER.iter().map(|f| f.code).collect();
        assert_eq!(codes, (1..=20).collect::<Vec<u8>>());
        assert!(funksjonsvariabel(0).is_none() && funksjonsvariabel(21).is_none());
        assert_eq!(funksjonsvariabel(13).unwrap().name_nb, "Syn");
        assert_eq!(
            funksjonsvariabel(18).unwrap().name_nb,
            "Ivareta egen økonomi"
        );
        assert_eq!(funksjonsvariabler_in(2016), (1..=17).collect::<Vec<u8>>());
        assert_eq!(funksjonsvariabler_in(2017), (1..=17).collect::<Vec<u8>>());
        assert_eq!(funksjonsvariabler_in(2018), (1..=18).collect::<Vec<u8>>());
        assert_eq!(funksjonsvariabler_in(2019), (1..=20).collect::<Vec<u8>>());
        assert_eq!(funksjonsvariabler_in(2026), (1..=20).collect::<Vec<u8>>());
    }
}

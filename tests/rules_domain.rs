//! Table tests for the domain rules (FUN, DIA, OPP and the TJE rules of
//! `tjeneste_vedtak` and `tjeneste_perioder`), in the style of kostra: one valid
//! baseline person per year built in code, then one change per case and
//! the exact set of codes that must fire. Near misses expect nothing.
//!
//! The checks are run through their rows in the registry, so a case also
//! proves the row's years and wiring.

use iplos_sjekk::codes;
use iplos_sjekk::date::Date;
use iplos_sjekk::fnr::{self, Sex};
use iplos_sjekk::model::{Field, Person, Pos, Record};
use iplos_sjekk::rules::{Check, Ctx, Hit, Out, RULES};

/// The codes these tests own.
const CODES: &[&str] = &[
    "DIA-01", "DIA-02", "DIA-03", "DIA-04", "FUN-01", "FUN-02", "FUN-03", "FUN-04", "FUN-05",
    "FUN-06", "FUN-07", "FUN-08", "OPP-01", "OPP-02", "OPP-03", "OPP-04", "TJE-11", "TJE-12",
    "TJE-13", "TJE-14", "TJE-15", "TJE-16", "TJE-17", "TJE-18", "TJE-19", "TJE-20", "TJE-21",
    "TJE-22", "TJE-23", "TJE-24", "TJE-26", "TJE-27", "TJE-28", "TJE-29",
];

const BASE_YEAR: u16 = 2024;

/// A valid organisasjonsnummer: the first 8-digit stem from `seed` whose
/// mod-11 check digit (weights 3 2 7 6 5 4 3 2) exists.
fn orgnr(seed: u32) -> String {
    const W: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];
    (seed..)
        .find_map(|stem| {
            let s = format!("{stem:08}");
            let sum: u32 = s.bytes().zip(W).map(|(b, w)| u32::from(b - b'0') * w).sum();
            match 11 - sum % 11 {
                10 => None,
                11 => Some(format!("{s}0")),
                k => Some(format!("{s}{k}")),
            }
        })
        .unwrap()
}

/// The same number with its check digit changed.
fn bad_check(nr: &str) -> String {
    let last = nr.as_bytes()[8] - b'0';
    format!("{}{}", &nr[..8], (last + 1) % 10)
}

fn rec(line: u32, fields: &[(Field, &str)]) -> Record {
    let mut r = Record::new(Pos { line, column: 1 });
    for (i, (f, v)) in fields.iter().enumerate() {
        r.set(
            *f,
            (*v).to_string(),
            Pos {
                line: line + 1 + i as u32,
                column: 5,
            },
        );
    }
    r
}

fn set(r: &mut Record, f: Field, v: &str) {
    match r.fields.iter_mut().find(|(k, _)| *k == f) {
        Some((_, val)) => val.raw = v.into(),
        None => r.set(f, v.to_string(), r.pos),
    }
}

fn remove(r: &mut Record, f: Field) {
    r.fields.retain(|(k, _)| *k != f);
}

fn birth() -> Date {
    Date::new(1944, 3, 5).unwrap()
}

/// One valid person for `year`: household, a full assessment of the
/// variables in use, a granted service 15 with hours and org.nr, a
/// diagnosis and a stay that ends before the service starts.
fn baseline(year: u16) -> Person {
    let d = |md: &str| format!("{year}{md}");
    let age = (i32::from(year) - 1944).to_string();
    let fid = fnr::synthetic_fnr(birth(), 100, Sex::Female);
    let mut p = Person {
        index: 1,
        rec: rec(
            10,
            &[
                (Field::pePeID, "1"),
                (Field::fid, &fid),
                (Field::peAlder, &age),
                (Field::peKjonn, "K"),
                (Field::peKomnr, "0301"),
                (Field::peBydelsnr, "01"),
                (Field::peFraDato, "20200101"),
                (Field::peEndrDato, &d("0101")),
            ],
        ),
        ..Person::default()
    };
    p.oppl.push(rec(
        20,
        &[
            (Field::poPeID, "1"),
            (Field::poPoID, "1"),
            (Field::poHusstand, "1"),
        ],
    ));
    for (i, code) in codes::funksjonsvariabler_in(year).into_iter().enumerate() {
        let t = code.to_string();
        p.funksjoner.push(rec(
            100 + 10 * i as u32,
            &[
                (Field::fnFunkType, &t),
                (Field::fnFunkVerdi, "3"),
                (Field::fnFraDato, &d("0115")),
                (Field::fnTilDato, &d("1231")),
            ],
        ));
    }
    p.tjenester.push(rec(
        400,
        &[
            (Field::tjTjenType, "15"),
            (Field::tjSoknadDato, &d("0301")),
            (Field::tjVedtDato, &d("0320")),
            (Field::tjVedtak, "2"),
            (Field::tjTimerUke, "7.5"),
            (Field::tjInstOrgnr, &orgnr(97_000_000)),
            (Field::tjFraDato, &d("0401")),
        ],
    ));
    p.diagnoser.push(rec(
        500,
        &[
            (Field::diKodeVersjon, "ICPC-2"),
            (Field::diDiagKode, "P70"),
            (Field::diFraDato, &d("0101")),
            (Field::diTilDato, &d("1231")),
        ],
    ));
    p.dogntilbud.push(rec(
        600,
        &[
            (Field::dgInstOrgnr, &orgnr(98_000_000)),
            (Field::dgFraDato, &d("0301")),
            (Field::dgTilDato, &d("0310")),
        ],
    ));
    p
}

fn ctx(year: u16) -> Ctx {
    Ctx {
        year,
        kommune: Some("0301".into()),
        csv: false,
        csv_has_fid: false,
        csv_absent: Vec::new(),
        has_ident: true,
        strict_2018: true,
        pair_mismatch: false,
    }
}

/// Runs every owned rule that applies in `year`, through its registry row.
fn run(year: u16, p: &Person) -> Vec<Hit> {
    let c = ctx(year);
    let mut hits = Vec::new();
    for r in RULES
        .iter()
        .filter(|r| CODES.contains(&r.code) && r.applies(year))
    {
        let Check::Person(f) = r.check else {
            panic!("{} is not a person rule", r.code)
        };
        f(
            &c,
            p,
            &mut Out {
                code: r.code,
                hits: &mut hits,
            },
        );
    }
    hits
}

fn codes_of(hits: &[Hit]) -> Vec<&'static str> {
    hits.iter().map(|h| h.code).collect()
}

/// The service record of the baseline.
fn tj(p: &mut Person) -> &mut Record {
    &mut p.tjenester[0]
}

/// Adds a granted service with the given fields on top of the baseline's.
fn add_service(p: &mut Person, fields: &[(Field, &str)]) {
    p.tjenester
        .push(rec(450 + 10 * p.tjenester.len() as u32, fields));
}

/// Moves the baseline service to start `fra`, decided the same day and
/// ended 01.02.Y, so only its start is in question.
fn service_from(p: &mut Person, fra: &str) {
    let t = tj(p);
    set(t, Field::tjFraDato, fra);
    set(t, Field::tjVedtDato, fra);
    set(t, Field::tjTilDato, &format!("{BASE_YEAR}0201"));
    remove(t, Field::tjSoknadDato);
}

type Change = fn(&mut Person);

/// (case, year, change, the codes that must fire, in registry order).
#[rustfmt::skip]
fn cases() -> Vec<(&'static str, u16, Change, &'static [&'static str])> {
    vec![
        ("FUN-01 score 6", BASE_YEAR, |p| set(&mut p.funksjoner[0], Field::fnFunkVerdi, "6"), &["FUN-01"]),
        ("FUN-01 score 0", BASE_YEAR, |p| set(&mut p.funksjoner[0], Field::fnFunkVerdi, "0"), &["FUN-01"]),
        ("near FUN-01: score 9", BASE_YEAR, |p| set(&mut p.funksjoner[0], Field::fnFunkVerdi, "9"), &[]),
        ("FUN-02 variable 21", BASE_YEAR, |p| { let mut r = p.funksjoner[0].clone(); set(&mut r, Field::fnFunkType, "21"); p.funksjoner.push(r) }, &["FUN-02"]),
        ("near FUN-02: not a number is FIL-12's", BASE_YEAR, |p| { let mut r = p.funksjoner[0].clone(); set(&mut r, Field::fnFunkType, "x"); p.funksjoner.push(r) }, &[]),
        ("FUN-03 no fnTilDato", BASE_YEAR, |p| remove(&mut p.funksjoner[0], Field::fnTilDato), &["FUN-03"]),
        ("FUN-03 no dates", BASE_YEAR, |p| { remove(&mut p.funksjoner[0], Field::fnTilDato); remove(&mut p.funksjoner[0], Field::fnFraDato) }, &["FUN-03"]),
        ("FUN-04 after the year", BASE_YEAR, |p| { set(&mut p.funksjoner[0], Field::fnFraDato, "20250101"); set(&mut p.funksjoner[0], Field::fnTilDato, "20250201") }, &["FUN-04"]),
        ("FUN-04 reversed", BASE_YEAR, |p| set(&mut p.funksjoner[0], Field::fnTilDato, "20240114"), &["FUN-04"]),
        ("near FUN-04: one-day assessment on 31.12", BASE_YEAR, |p| set(&mut p.funksjoner[0], Field::fnFraDato, "20241231"), &[]),
        ("FUN-05 variable 18 missing", BASE_YEAR, |p| p.funksjoner.retain(|r| r.text(Field::fnFunkType) != Some("18")), &["FUN-05"]),
        ("near FUN-05: 1-17 are all of 2017", 2017, |_| {}, &[]),
        ("FUN-06 same variable overlaps", BASE_YEAR, |p| { let mut r = p.funksjoner[2].clone(); set(&mut r, Field::fnFraDato, "20240601"); p.funksjoner.push(r) }, &["FUN-06"]),
        ("FUN-06 identical twice", BASE_YEAR, |p| { let r = p.funksjoner[2].clone(); p.funksjoner.push(r) }, &["FUN-06"]),
        ("near FUN-06: handover day", BASE_YEAR, |p| { set(&mut p.funksjoner[2], Field::fnTilDato, "20240601"); let mut r = p.funksjoner[2].clone(); set(&mut r, Field::fnFraDato, "20240601"); set(&mut r, Field::fnTilDato, "20241231"); p.funksjoner.push(r) }, &[]),
        ("FUN-07 no assessment", BASE_YEAR, |p| p.funksjoner.clear(), &["FUN-07"]),
        ("near FUN-07: alarm only", BASE_YEAR, |p| { p.funksjoner.clear(); set(tj(p), Field::tjTjenType, "6"); remove(tj(p), Field::tjTimerUke) }, &[]),
        ("FUN-08 variable 18 in 2017", 2017, |p| { let mut r = p.funksjoner[0].clone(); set(&mut r, Field::fnFunkType, "18"); p.funksjoner.push(r) }, &["FUN-08"]),
        ("near FUN-08: variable 18 in 2018", 2018, |_| {}, &[]),
        ("DIA-01 ICD-9", BASE_YEAR, |p| set(&mut p.diagnoser[0], Field::diKodeVersjon, "ICD-9"), &["DIA-01"]),
        ("DIA-02 no ICPC-2 chapter C", BASE_YEAR, |p| set(&mut p.diagnoser[0], Field::diDiagKode, "C70"), &["DIA-02"]),
        ("DIA-02 ICD-10 without dot", BASE_YEAR, |p| { set(&mut p.diagnoser[0], Field::diKodeVersjon, "ICD-10"); set(&mut p.diagnoser[0], Field::diDiagKode, "F001") }, &["DIA-02"]),
        ("DIA-02 lower case", BASE_YEAR, |p| set(&mut p.diagnoser[0], Field::diDiagKode, "p70"), &["DIA-02"]),
        ("DIA-02 longer than 10", BASE_YEAR, |p| set(&mut p.diagnoser[0], Field::diDiagKode, "P7012345678"), &["DIA-02"]),
        ("near DIA-02: ICD-10 F00.12", BASE_YEAR, |p| { set(&mut p.diagnoser[0], Field::diKodeVersjon, "ICD-10"); set(&mut p.diagnoser[0], Field::diDiagKode, "F00.12") }, &[]),
        ("DIA-03 same diagnosis overlaps", BASE_YEAR, |p| { let mut r = p.diagnoser[0].clone(); set(&mut r, Field::diFraDato, "20240601"); p.diagnoser.push(r) }, &["DIA-03"]),
        ("near DIA-03: another code", BASE_YEAR, |p| { let mut r = p.diagnoser[0].clone(); set(&mut r, Field::diDiagKode, "P71"); p.diagnoser.push(r) }, &[]),
        ("DIA-04 after the year", BASE_YEAR, |p| { set(&mut p.diagnoser[0], Field::diFraDato, "20250101"); set(&mut p.diagnoser[0], Field::diTilDato, "20250101") }, &["DIA-04"]),
        ("DIA-04 reversed", BASE_YEAR, |p| set(&mut p.diagnoser[0], Field::diTilDato, "20231231"), &["DIA-04"]),
        ("OPP-01 check digit", BASE_YEAR, |p| { let b = bad_check(p.dogntilbud[0].text(Field::dgInstOrgnr).unwrap()); set(&mut p.dogntilbud[0], Field::dgInstOrgnr, &b) }, &["OPP-01"]),
        ("OPP-01 8 digits", BASE_YEAR, |p| set(&mut p.dogntilbud[0], Field::dgInstOrgnr, "12345678"), &["OPP-01"]),
        ("OPP-02 missing", BASE_YEAR, |p| remove(&mut p.dogntilbud[0], Field::dgInstOrgnr), &["OPP-02"]),
        ("OPP-02 empty", BASE_YEAR, |p| set(&mut p.dogntilbud[0], Field::dgInstOrgnr, ""), &["OPP-02"]),
        ("OPP-03 no dgTilDato", BASE_YEAR, |p| remove(&mut p.dogntilbud[0], Field::dgTilDato), &["OPP-03"]),
        ("OPP-03 reversed", BASE_YEAR, |p| set(&mut p.dogntilbud[0], Field::dgTilDato, "20240228"), &["OPP-03"]),
        ("OPP-04 home service through a stay", BASE_YEAR, |p| { set(tj(p), Field::tjFraDato, "20240301"); set(tj(p), Field::tjVedtDato, "20240301") }, &["OPP-04"]),
        ("near OPP-04: service ends within the stay", BASE_YEAR, |p| { set(tj(p), Field::tjFraDato, "20240201"); set(tj(p), Field::tjVedtDato, "20240201"); remove(tj(p), Field::tjSoknadDato); set(tj(p), Field::tjTilDato, "20240309") }, &[]),
        ("TJE-11 hours missing", BASE_YEAR, |p| remove(tj(p), Field::tjTimerUke), &["TJE-11"]),
        ("TJE-11 hours 0", BASE_YEAR, |p| set(tj(p), Field::tjTimerUke, "0"), &["TJE-11"]),
        ("near TJE-11: 0.01 hours", BASE_YEAR, |p| set(tj(p), Field::tjTimerUke, "0.01"), &[]),
        ("TJE-12 hours on a long-term stay", BASE_YEAR, |p| set(tj(p), Field::tjTjenType, "21"), &["TJE-12"]),
        ("near TJE-12: 0 hours on a long-term stay", BASE_YEAR, |p| { set(tj(p), Field::tjTjenType, "21"); set(tj(p), Field::tjTimerUke, "0") }, &[]),
        ("TJE-13 code 8 without rullerende", BASE_YEAR, |p| { set(tj(p), Field::tjTjenType, "8"); remove(tj(p), Field::tjTimerUke) }, &["TJE-13"]),
        ("near TJE-13: rullerende 2", BASE_YEAR, |p| { set(tj(p), Field::tjTjenType, "8"); remove(tj(p), Field::tjTimerUke); set(tj(p), Field::tjRullerende, "2") }, &[]),
        ("TJE-14 check digit", BASE_YEAR, |p| { let b = bad_check(tj(p).text(Field::tjInstOrgnr).unwrap()); set(tj(p), Field::tjInstOrgnr, &b) }, &["TJE-14"]),
        ("TJE-14 ten digits", BASE_YEAR, |p| set(tj(p), Field::tjInstOrgnr, "9700000001"), &["TJE-14"]),
        ("TJE-15 org.nr missing", BASE_YEAR, |p| remove(tj(p), Field::tjInstOrgnr), &["TJE-15"]),
        ("near TJE-15: meal delivery may go without", BASE_YEAR, |p| { set(tj(p), Field::tjTjenType, "5"); remove(tj(p), Field::tjTimerUke); remove(tj(p), Field::tjInstOrgnr) }, &[]),
        ("TJE-16 decided after start", BASE_YEAR, |p| set(tj(p), Field::tjVedtDato, "20240402"), &["TJE-16"]),
        ("near TJE-16: decided on the start day", BASE_YEAR, |p| set(tj(p), Field::tjVedtDato, "20240401"), &[]),
        ("TJE-17 decided after the year", BASE_YEAR, |p| { set(tj(p), Field::tjVedtDato, "20250101"); set(tj(p), Field::tjFraDato, "20250102") }, &["TJE-17"]),
        ("TJE-18 the same service twice", BASE_YEAR, |p| { let r = p.tjenester[0].clone(); p.tjenester.push(r) }, &["TJE-18"]),
        ("TJE-19 overlapping periods", BASE_YEAR, |p| { let mut r = p.tjenester[0].clone(); set(&mut r, Field::tjFraDato, "20240601"); set(&mut r, Field::tjTimerUke, "2"); p.tjenester.push(r) }, &["TJE-19"]),
        ("near TJE-19: handover day", BASE_YEAR, |p| { set(tj(p), Field::tjTilDato, "20240601"); let mut r = p.tjenester[0].clone(); set(&mut r, Field::tjFraDato, "20240601"); remove(&mut r, Field::tjTilDato); p.tjenester.push(r) }, &[]),
        ("TJE-20 refusal with period and hours", BASE_YEAR, |p| set(tj(p), Field::tjVedtak, "1"), &["TJE-20"]),
        ("near TJE-20: bare refusal", BASE_YEAR, |p| { set(tj(p), Field::tjVedtak, "1"); remove(tj(p), Field::tjFraDato); remove(tj(p), Field::tjTimerUke) }, &[]),
        ("TJE-21 refusal before the year", BASE_YEAR, |p| { set(tj(p), Field::tjVedtak, "1"); remove(tj(p), Field::tjFraDato); remove(tj(p), Field::tjTimerUke); set(tj(p), Field::tjSoknadDato, "20231201"); set(tj(p), Field::tjVedtDato, "20231231") }, &["TJE-21"]),
        ("TJE-22 starts after death", BASE_YEAR, |p| p.rec.set(Field::peDodDato, "20240331", p.rec.pos), &["TJE-22"]),
        ("near TJE-22: starts on the day of death", BASE_YEAR, |p| p.rec.set(Field::peDodDato, "20240401", p.rec.pos), &[]),
        ("TJE-23 168.01 hours in total", BASE_YEAR, |p| add_service(p, &[(Field::tjTjenType, "1"), (Field::tjVedtDato, "20240101"), (Field::tjTimerUke, "160.51"), (Field::tjInstOrgnr, &orgnr(97_100_000)), (Field::tjFraDato, "20240501")]), &["TJE-23"]),
        ("near TJE-23: 168.00 hours in total", BASE_YEAR, |p| add_service(p, &[(Field::tjTjenType, "1"), (Field::tjVedtDato, "20240101"), (Field::tjTimerUke, "160.50"), (Field::tjInstOrgnr, &orgnr(97_100_000)), (Field::tjFraDato, "20240501")]), &[]),
        ("near TJE-23: a hand-over day", BASE_YEAR, |p| add_service(p, &[(Field::tjTjenType, "3"), (Field::tjVedtDato, "20240101"), (Field::tjTimerUke, "160.51"), (Field::tjInstOrgnr, &orgnr(97_100_000)), (Field::tjFraDato, "20240101"), (Field::tjTilDato, "20240401")]), &[]),
        ("TJE-23 two shared days", BASE_YEAR, |p| add_service(p, &[(Field::tjTjenType, "3"), (Field::tjVedtDato, "20240101"), (Field::tjTimerUke, "160.51"), (Field::tjInstOrgnr, &orgnr(97_100_000)), (Field::tjFraDato, "20240101"), (Field::tjTilDato, "20240402")]), &["TJE-23"]),
        ("near TJE-23: one after the other", BASE_YEAR, |p| add_service(p, &[(Field::tjTjenType, "3"), (Field::tjVedtDato, "20240101"), (Field::tjTimerUke, "160.51"), (Field::tjInstOrgnr, &orgnr(97_100_000)), (Field::tjFraDato, "20240101"), (Field::tjTilDato, "20240331")]), &[]),
        ("near TJE-23: the overlap is before the year", BASE_YEAR, |p| { set(tj(p), Field::tjFraDato, "20230101"); set(tj(p), Field::tjVedtDato, "20230101"); set(tj(p), Field::tjSoknadDato, "20230101"); set(tj(p), Field::tjTilDato, "20240201"); add_service(p, &[(Field::tjTjenType, "1"), (Field::tjVedtDato, "20230101"), (Field::tjTimerUke, "165"), (Field::tjInstOrgnr, &orgnr(97_100_000)), (Field::tjFraDato, "20230101"), (Field::tjTilDato, "20231231")]) }, &[]),
        ("TJE-24 long-term stay with home services", BASE_YEAR, |p| add_service(p, &[(Field::tjTjenType, "21"), (Field::tjVedtDato, "20240501"), (Field::tjInstOrgnr, &orgnr(97_200_000)), (Field::tjFraDato, "20240601")]), &["TJE-24"]),
        ("near TJE-24: handover day", BASE_YEAR, |p| { set(tj(p), Field::tjTilDato, "20240601"); add_service(p, &[(Field::tjTjenType, "21"), (Field::tjVedtDato, "20240501"), (Field::tjInstOrgnr, &orgnr(97_200_000)), (Field::tjFraDato, "20240601")]) }, &[]),
        ("TJE-26 org.nr on GPS", BASE_YEAR, |p| { set(tj(p), Field::tjTjenType, "26"); remove(tj(p), Field::tjTimerUke) }, &["TJE-26"]),
        ("near TJE-26: GPS without org.nr", BASE_YEAR, |p| { set(tj(p), Field::tjTjenType, "26"); remove(tj(p), Field::tjTimerUke); remove(tj(p), Field::tjInstOrgnr) }, &[]),
        ("TJE-27 applied after the decision", BASE_YEAR, |p| set(tj(p), Field::tjSoknadDato, "20240321"), &["TJE-27"]),
        ("TJE-27 appeal answered before received", BASE_YEAR, |p| { p.tjenester[0].set(Field::tjKlageMottatt, "20240410", Pos::default()); p.tjenester[0].set(Field::tjKlageBesvart, "20240409", Pos::default()) }, &["TJE-27"]),
        ("TJE-28 omsorgsbolig in 2024", BASE_YEAR, |p| { set(tj(p), Field::tjTjenType, "12"); remove(tj(p), Field::tjTimerUke); remove(tj(p), Field::tjInstOrgnr) }, &["TJE-28"]),
        ("near TJE-28: omsorgsbolig in 2018", 2018, |p| { set(tj(p), Field::tjTjenType, "12"); remove(tj(p), Field::tjTimerUke); remove(tj(p), Field::tjInstOrgnr) }, &[]),
        ("TJE-29 before the birth date", BASE_YEAR, |p| service_from(p, "19440304"), &["TJE-29"]),
        ("near TJE-29: on the birth date", BASE_YEAR, |p| service_from(p, "19440305"), &[]),
        ("TJE-29 before the earliest birth by peAlder", BASE_YEAR, |p| { remove(&mut p.rec, Field::fid); set(&mut p.rec, Field::peAlder, "80"); service_from(p, "19421231") }, &["TJE-29"]),
        ("near TJE-29: peAlder allows 1943", BASE_YEAR, |p| { remove(&mut p.rec, Field::fid); set(&mut p.rec, Field::peAlder, "80"); service_from(p, "19430101") }, &[]),
    ]
}

#[test]
fn every_owned_code_is_a_person_rule_in_the_registry() {
    for code in CODES {
        let r = RULES
            .iter()
            .find(|r| r.code == *code)
            .unwrap_or_else(|| panic!("{code} not registered"));
        assert!(matches!(r.check, Check::Person(_)), "{code}");
    }
}

#[test]
fn the_baseline_is_clean_in_every_year() {
    for year in [2016, 2017, 2018, 2019, 2020, 2024, 2026] {
        let hits = run(year, &baseline(year));
        assert!(
            hits.is_empty(),
            "{year}: {:?}",
            hits.iter().map(|h| (h.code, &h.nb)).collect::<Vec<_>>()
        );
    }
}

#[test]
fn each_change_fires_exactly_its_code() {
    let mut failures = Vec::new();
    for (name, year, change, want) in cases() {
        let mut p = baseline(year);
        change(&mut p);
        let hits = run(year, &p);
        let mut got = codes_of(&hits);
        got.dedup();
        if got != want {
            failures.push(format!(
                "{name}: want {want:?}, got {:?}",
                hits.iter()
                    .map(|h| (h.code, h.nb.as_str()))
                    .collect::<Vec<_>>()
            ));
        }
        let fid = p.fid().unwrap_or("no fid");
        for h in &hits {
            assert!(
                !h.nb.contains(fid) && !h.en.contains(fid),
                "{name}: identity in message"
            );
            assert!(
                !h.nb.is_empty() && !h.en.is_empty(),
                "{name}: empty message"
            );
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn hits_for(year: u16, change: Change) -> Vec<Hit> {
    let mut p = baseline(year);
    change(&mut p);
    run(year, &p)
}

#[test]
fn schema_level_findings_are_marked() {
    let one = |change: Change| {
        let h = hits_for(BASE_YEAR, change);
        assert_eq!(h.len(), 1, "{:?}", codes_of(&h));
        h[0].schema
    };
    assert!(one(|p| set(&mut p.funksjoner[0], Field::fnFunkVerdi, "6")));
    assert!(one(|p| remove(&mut p.funksjoner[0], Field::fnTilDato)));
    assert!(one(|p| set(
        &mut p.diagnoser[0],
        Field::diKodeVersjon,
        "ICD-9"
    )));
    assert!(one(|p| set(
        &mut p.diagnoser[0],
        Field::diDiagKode,
        "P7012345678"
    )));
    assert!(!one(|p| set(&mut p.diagnoser[0], Field::diDiagKode, "C70")));
    assert!(one(|p| set(
        &mut p.dogntilbud[0],
        Field::dgInstOrgnr,
        "12345678"
    )));
    assert!(!one(|p| {
        let b = bad_check(p.dogntilbud[0].text(Field::dgInstOrgnr).unwrap());
        set(&mut p.dogntilbud[0], Field::dgInstOrgnr, &b)
    }));
    assert!(one(|p| remove(&mut p.dogntilbud[0], Field::dgInstOrgnr)));
    assert!(one(|p| remove(&mut p.dogntilbud[0], Field::dgFraDato)));
    assert!(!one(|p| set(
        &mut p.dogntilbud[0],
        Field::dgTilDato,
        "20240228"
    )));
    assert!(one(|p| set(tj(p), Field::tjInstOrgnr, "9700000001")));
    assert!(!one(|p| {
        let b = bad_check(tj(p).text(Field::tjInstOrgnr).unwrap());
        set(tj(p), Field::tjInstOrgnr, &b)
    }));
}

#[test]
fn messages_name_the_value_and_the_service() {
    let h = hits_for(BASE_YEAR, |p| set(tj(p), Field::tjVedtDato, "20240402"));
    assert_eq!(h[0].tj_tjen_type.as_deref(), Some("15"));
    assert!(
        h[0].nb.contains("tjeneste 15 (Helsetjenester i hjemmet)"),
        "{}",
        h[0].nb
    );
    assert!(
        h[0].nb.contains("02.04.2024") && h[0].en.contains("service 15 (Home health care)"),
        "{}",
        h[0].en
    );
    assert_eq!(
        h[0].pos.line,
        tj(&mut baseline(BASE_YEAR)).pos_of(Field::tjVedtDato).line
    );

    let h = hits_for(BASE_YEAR, |p| {
        add_service(
            p,
            &[
                (Field::tjTjenType, "1"),
                (Field::tjVedtDato, "20240101"),
                (Field::tjTimerUke, "160.51"),
                (Field::tjInstOrgnr, &orgnr(97_100_000)),
                (Field::tjFraDato, "20240501"),
            ],
        )
    });
    assert!(
        h[0].nb.starts_with("01.05.2024") && h[0].nb.contains("168,01"),
        "{}",
        h[0].nb
    );
    assert!(h[0].en.contains("168.01"), "{}", h[0].en);

    let h = hits_for(BASE_YEAR, |p| {
        p.funksjoner
            .retain(|r| !matches!(r.text(Field::fnFunkType), Some("18" | "19")))
    });
    assert!(
        h[0].nb
            .contains("18 Ivareta egen økonomi, 19 Initiativevne"),
        "{}",
        h[0].nb
    );
}

#[test]
fn the_total_is_the_peak_of_the_year() {
    // 7.5 from 01.04; 100 from 01.05 to 31.05; 61 from 15.05: 168.5 on 15.05–31.05.
    let h = hits_for(BASE_YEAR, |p| {
        add_service(
            p,
            &[
                (Field::tjTjenType, "1"),
                (Field::tjVedtDato, "20240101"),
                (Field::tjTimerUke, "100"),
                (Field::tjInstOrgnr, &orgnr(97_100_000)),
                (Field::tjFraDato, "20240501"),
                (Field::tjTilDato, "20240531"),
            ],
        );
        add_service(
            p,
            &[
                (Field::tjTjenType, "2"),
                (Field::tjVedtDato, "20240101"),
                (Field::tjTimerUke, "61"),
                (Field::tjInstOrgnr, &orgnr(97_100_000)),
                (Field::tjFraDato, "20240515"),
            ],
        );
    });
    assert_eq!(codes_of(&h), ["TJE-23"]);
    assert!(
        h[0].nb.starts_with("15.05.2024") && h[0].nb.contains("168,5 timer"),
        "{}",
        h[0].nb
    );
}

//! The hand-designed XML fixtures in `tests/fixtures/` are made by this
//! code, with the engine's own helpers for synthetic identity numbers
//! (month + 80) and organisation numbers, so no second implementation of
//! either exists. The test fails when a committed fixture differs from what
//! the code makes; after changing the code, write them again with
//!
//! ```sh
//! UPDATE_FIXTURES=1 cargo test --test fixtures
//! ```
//!
//! Every person is invented. What each file is for: `tests/fixtures/README.md`.

use std::fmt::Write as _;
use std::path::PathBuf;

use iplos_sjekk::date::Date;
use iplos_sjekk::fnr::{orgnr_from_prefix, synthetic_fnr, Sex};

const NS: &str = "http://www.npr.no/xmlstds/iplos/2018";

fn fid(day: u8, month: u8, year: u16, individ: u16, sex: Sex) -> String {
    synthetic_fnr(Date::new(year, month, day).unwrap(), individ, sex)
}

fn hjemme() -> String {
    orgnr_from_prefix(99_100_001).unwrap()
}

fn sykehjem() -> String {
    orgnr_from_prefix(99_100_003).unwrap()
}

fn header(year: u16, komnr: &str, bydel: &str, lopenr: &str) -> String {
    let next = year + 1;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<IPLOS xmlns="{NS}" versjon="3.5">
  <INNHINFO>
    <iiInnhType>P</iiInnhType>
    <iiKomnr>{komnr}</iiKomnr>
    <iiBydelsnr>{bydel}</iiBydelsnr>
    <iiKontakt><Type>1</Type><Navn>Kari Testansvarlig</Navn><Telefon>55000000</Telefon><Epost>kari@example.invalid</Epost></iiKontakt>
    <iiKontakt><Type>2</Type><Navn>Ola Iploskontakt</Navn><Telefon>55000001</Telefon><Epost>ola@example.invalid</Epost></iiKontakt>
    <iiFraDato>{year}0101</iiFraDato>
    <iiTilDato>{year}1231</iiTilDato>
    <iiLagetDato>{next}0105</iiLagetDato>
    <iiSysID>TESTEPJ</iiSysID>
    <iiSysVersjon>1.0</iiSysVersjon>
    <iiLopenr>{lopenr}</iiLopenr>
  </INNHINFO>
"#
    )
}

fn funksjon(pid: u32, year: u16, n_vars: u32) -> String {
    let mut out = String::new();
    for v in 1..=n_vars {
        let verdi = v % 5 + 1;
        writeln!(
            out,
            r#"    <FUNKSJON fnPeID="{pid}" fnFnID="{v}"><fnFunkType>{v}</fnFunkType><fnFunkVerdi>{verdi}</fnFunkVerdi><fnFraDato>{year}0210</fnFraDato><fnTilDato>{year}1231</fnTilDato></FUNKSJON>"#
        )
        .unwrap();
    }
    out
}

struct Person<'a> {
    pid: u32,
    alder: u32,
    kjonn: &'a str,
    komnr: &'a str,
    bydel: &'a str,
    fnr_elem: String,
    year: u16,
}

fn person(p: &Person, body: &str) -> String {
    let (pid, year) = (p.pid, p.year);
    format!(
        "  <PERSON pePeID=\"{pid}\">\n{}    <peAlder>{}</peAlder>\n    <peKjonn>{}</peKjonn>\n    <peKomnr>{}</peKomnr>\n    <peBydelsnr>{}</peBydelsnr>\n    <peFraDato>{}0301</peFraDato>\n    <peEndrDato>{year}0601</peEndrDato>\n{body}  </PERSON>\n",
        p.fnr_elem,
        p.alder,
        p.kjonn,
        p.komnr,
        p.bydel,
        year - 5
    )
}

fn p<'a>(pid: u32, alder: u32, kjonn: &'a str, komnr: &'a str, bydel: &'a str) -> Person<'a> {
    Person {
        pid,
        alder,
        kjonn,
        komnr,
        bydel,
        fnr_elem: String::new(),
        year: 2025,
    }
}

fn oppl(pid: u32, husstand: &str, year: u16) -> String {
    format!(
        "    <PERSONOPPL poPeID=\"{pid}\" poPoID=\"1\"><poHusstand>{husstand}</poHusstand><poVurdLege>{year}03</poVurdLege><poIndPlan>2</poIndPlan><poFraDato>{year}0101</poFraDato></PERSONOPPL>\n"
    )
}

#[derive(Default)]
struct Tj<'a> {
    til: Option<&'a str>,
    timer: Option<&'a str>,
    org: Option<String>,
    rullerende: Option<&'a str>,
}

fn tjeneste(pid: u32, tjid: u32, code: u32, fra: &str, t: Tj) -> String {
    let mut parts = format!(
        "<tjTjenType>{code}</tjTjenType><tjVedtDato>{fra}</tjVedtDato><tjVedtak>2</tjVedtak>"
    );
    if let Some(v) = t.timer {
        write!(parts, "<tjTimerUke>{v}</tjTimerUke>").unwrap();
    }
    if let Some(v) = t.rullerende {
        write!(parts, "<tjRullerende>{v}</tjRullerende>").unwrap();
    }
    if let Some(v) = t.org {
        write!(parts, "<tjInstOrgnr>{v}</tjInstOrgnr>").unwrap();
    }
    write!(parts, "<tjFraDato>{fra}</tjFraDato>").unwrap();
    if let Some(v) = t.til {
        write!(parts, "<tjTilDato>{v}</tjTilDato>").unwrap();
    }
    format!("    <TJENESTE tjPeID=\"{pid}\" tjTjID=\"{tjid}\" tjVeID=\"{tjid}\" tjVeNrID=\"1\">{parts}</TJENESTE>\n")
}

fn diagnose(pid: u32, code: &str, ver: &str) -> String {
    format!(
        "    <DIAGNOSE diPeID=\"{pid}\" diDiID=\"1\"><diKodeVersjon>{ver}</diKodeVersjon><diDiagKode>{code}</diDiagKode><diFraDato>20240101</diFraDato><diTilDato>20251231</diTilDato></DIAGNOSE>\n"
    )
}

/// The identmelding, in ISO-8859-1 as many EPJ systems write it.
fn ident(persons: &[(u32, String)], lopenr: &str) -> Vec<u8> {
    let rows: String = persons
        .iter()
        .map(|(pid, fid)| {
            format!("      <PasientIdent pid=\"{pid}\" fid=\"{fid}\" typeID=\"1\"/>\n")
        })
        .collect();
    let text = format!(
        r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<Melding xmlns="http://www.npr.no/xmlstds/53_1_2_ide" versjon="53.1.2" meldingstype="B" fraDatoPeriode="2025-01-01" tilDatoPeriode="2025-12-31" uttakDato="2026-01-05" leverandor="Testleverandør" navnEPJ="TESTEPJ" versjonEPJ="1.0" versjonUt="1.0" lopenr="{lopenr}">
  <Kontaktperson kontPerson="Kari Testansvarlig" meldEpost1="kari@example.invalid" typeKontaktperson="16"/>
  <Institusjon institusjonID="4601">
{rows}  </Institusjon>
</Melding>
"#
    );
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("ISO-8859-1"))
        .collect()
}

/// Every fixture this file makes: (name, bytes).
fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();
    let (h, s) = (hjemme(), sykehjem());

    // klar-2025: clean, Bergen with districts.
    let ids = [
        (1001, fid(12, 3, 1938, 101, Sex::Female)),
        (1002, fid(5, 11, 1950, 211, Sex::Male)),
        (1003, fid(23, 7, 1990, 321, Sex::Male)),
    ];
    let body1 = oppl(1001, "1", 2025)
        + &funksjon(1001, 2025, 20)
        + &tjeneste(
            1001,
            1,
            15,
            "20250115",
            Tj {
                timer: Some("7.5"),
                org: Some(h.clone()),
                ..Tj::default()
            },
        )
        + &tjeneste(1001, 2, 6, "20250115", Tj::default())
        + &diagnose(1001, "F03", "ICD-10");
    let body2 = oppl(1002, "2", 2025)
        + &funksjon(1002, 2025, 20)
        + &tjeneste(
            1002,
            3,
            21,
            "20240601",
            Tj {
                org: Some(s.clone()),
                ..Tj::default()
            },
        )
        + &diagnose(1002, "K86", "ICPC-2");
    let body3 = oppl(1003, "3", 2025)
        + &funksjon(1003, 2025, 20)
        + &tjeneste(
            1003,
            4,
            9,
            "20250301",
            Tj {
                til: Some("20251130"),
                timer: Some("3"),
                ..Tj::default()
            },
        )
        + &tjeneste(
            1003,
            5,
            8,
            "20250401",
            Tj {
                til: Some("20250414"),
                org: Some(s.clone()),
                rullerende: Some("2"),
                ..Tj::default()
            },
        );
    let klar = header(2025, "4601", "00", "L-2025-001")
        + &person(&p(1001, 87, "K", "4601", "03"), &body1)
        + &person(&p(1002, 75, "M", "4601", "08"), &body2)
        + &person(&p(1003, 35, "M", "4601", "01"), &body3)
        + "</IPLOS>\n";
    out.push(("klar-2025-ident.xml", ident(&ids, "L-2025-001")));

    // trunkert-2025: the clean file cut off inside a TJENESTE.
    let cut = klar.find("<tjTjenType>21").unwrap();
    out.push(("trunkert-2025.xml", klar.as_bytes()[..cut].to_vec()));
    out.push(("klar-2025.xml", klar.into_bytes()));

    // feil-i-poster-2025: valid against the schema, with content errors.
    let ids = [
        (2001, fid(2, 4, 1945, 131, Sex::Male)),
        (2002, fid(30, 9, 1961, 241, Sex::Female)),
        (2003, fid(14, 1, 1933, 351, Sex::Female)),
    ];
    // Person 1: 200 hours a week (TJE-09) on home health care.
    let body1 = oppl(2001, "1", 2025)
        + &funksjon(2001, 2025, 20)
        + &tjeneste(
            2001,
            1,
            15,
            "20250115",
            Tj {
                timer: Some("200"),
                org: Some(h.clone()),
                ..Tj::default()
            },
        );
    // Person 2: a service ending before it starts (TJE-05); code 16 in 2025 (TJE-03).
    let body2 = oppl(2002, "2", 2025)
        + &funksjon(2002, 2025, 20)
        + &tjeneste(
            2002,
            2,
            1,
            "20250601",
            Tj {
                til: Some("20250301"),
                timer: Some("4"),
                org: Some(h.clone()),
                ..Tj::default()
            },
        )
        + &tjeneste(2002, 3, 16, "20250101", Tj::default());
    // Person 3: clean.
    let body3 = oppl(2003, "1", 2025)
        + &funksjon(2003, 2025, 20)
        + &tjeneste(
            2003,
            4,
            21,
            "20230101",
            Tj {
                org: Some(s.clone()),
                ..Tj::default()
            },
        );
    let feil = header(2025, "4601", "00", "L-2025-002")
        + &person(&p(2001, 80, "M", "4601", "02"), &body1)
        + &person(&p(2002, 64, "K", "4601", "05"), &body2)
        + &person(&p(2003, 92, "K", "4601", "07"), &body3)
        + "</IPLOS>\n";
    out.push(("feil-i-poster-2025.xml", feil.into_bytes()));
    out.push(("feil-i-poster-2025-ident.xml", ident(&ids, "L-2025-002")));

    // avvises-2025: a sex code outside the schema's list and a decimal comma.
    let body = oppl(3001, "1", 2025)
        + &funksjon(3001, 2025, 20)
        + &tjeneste(
            3001,
            1,
            15,
            "20250115",
            Tj {
                timer: Some("7,5"),
                org: Some(h.clone()),
                ..Tj::default()
            },
        );
    let avvises = header(2025, "4601", "00", "L-2025-003")
        + &person(&p(3001, 70, "X", "4601", "04"), &body)
        + "</IPLOS>\n";
    out.push(("avvises-2025.xml", avvises.into_bytes()));

    // iplos-2017-pefnr: before 2018, identity in peFnr, no namespace, 3.3.
    let fnr = fid(9, 6, 1940, 141, Sex::Female);
    let body = oppl(1, "1", 2017)
        + &funksjon(1, 2017, 17)
        + &tjeneste(
            1,
            1,
            15,
            "20170110",
            Tj {
                timer: Some("5"),
                org: Some(h),
                ..Tj::default()
            },
        )
        + &tjeneste(1, 2, 12, "20160101", Tj::default());
    let p2017 = Person {
        fnr_elem: format!("    <peFnr>{fnr}</peFnr>\n"),
        year: 2017,
        ..p(1, 77, "K", "0301", "05")
    };
    let old = header(2017, "0301", "05", "2017-1").replace(
        &format!(" xmlns=\"{NS}\" versjon=\"3.5\""),
        " versjon=\"3.3\"",
    ) + &person(&p2017, &body)
        + "</IPLOS>\n";
    out.push(("iplos-2017-pefnr.xml", old.into_bytes()));
    out
}

#[test]
fn committed_fixtures_are_what_the_code_makes() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut differ = Vec::new();
    for (name, bytes) in fixtures() {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, &bytes).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
            differ.push(name);
        }
    }
    assert!(
        differ.is_empty(),
        "{differ:?} differ from what tests/fixtures.rs makes; run UPDATE_FIXTURES=1 cargo test --test fixtures"
    );
}

//! The baseline IPLOS file pair the rule and schema tests change one thing
//! in at a time. Identity numbers are made at run time (month + 80).
// Shared by many test crates, each using part of it.
#![allow(dead_code, unreachable_pub)]

pub mod cases;

use iplos_sjekk::date::Date;
use iplos_sjekk::fnr::{synthetic_fnr, Sex};

pub const W1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
pub const W2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

pub fn k(d: &[u32], w: &[u32]) -> u32 {
    let r = 11 - d.iter().zip(w).map(|(a, b)| a * b).sum::<u32>() % 11;
    if r == 11 {
        0
    } else {
        r
    }
}

/// Completes nine digits with classic check digits, when both exist.
pub fn with_check_digits(first9: &str) -> Option<String> {
    let mut d: Vec<u32> = first9.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let k1 = k(&d, &W1);
    if k1 == 10 {
        return None;
    }
    d.push(k1);
    let k2 = k(&d, &W2);
    (k2 != 10).then(|| format!("{first9}{k1}{k2}"))
}

/// Nine digits plus a K1 valid only under the 2032 rule, and a classic K2.
pub fn with_2032_digits(first9: &str) -> Option<String> {
    let mut d: Vec<u32> = first9.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let s = d.iter().zip(W1).map(|(a, b)| a * b).sum::<u32>() % 11;
    let k1 = (1..=3)
        .map(|r| (11 + r - s) % 11)
        .find(|k1| *k1 != 10 && *k1 != k(&d, &W1))?;
    d.push(k1);
    let k2 = k(&d, &W2);
    (k2 != 10).then(|| format!("{first9}{k1}{k2}"))
}

pub fn fnr1() -> String {
    synthetic_fnr(Date::new(1938, 3, 12).unwrap(), 101, Sex::Female)
}

pub fn fnr2() -> String {
    synthetic_fnr(Date::new(1950, 11, 5).unwrap(), 211, Sex::Male)
}

pub const ORG_HJEMME: &str = "991000011";

pub fn fagmelding() -> String {
    let funk: String = (1..=20)
        .map(|v| format!("<FUNKSJON fnPeID=\"PID\" fnFnID=\"{v}\"><fnFunkType>{v}</fnFunkType><fnFunkVerdi>3</fnFunkVerdi><fnFraDato>20250210</fnFraDato><fnTilDato>20251231</fnTilDato></FUNKSJON>\n"))
        .collect();
    let p1_funk = funk.replace("PID", "1001");
    let p2_funk = funk.replace("PID", "1002");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<IPLOS xmlns="http://www.npr.no/xmlstds/iplos/2018" versjon="3.5">
<INNHINFO>
<iiInnhType>P</iiInnhType>
<iiKomnr>4601</iiKomnr>
<iiBydelsnr>00</iiBydelsnr>
<iiKontakt><Type>1</Type><Navn>Kari</Navn><Telefon>55000000</Telefon><Epost>kari@example.invalid</Epost></iiKontakt>
<iiKontakt><Type>2</Type><Navn>Ola</Navn><Telefon>55000001</Telefon><Epost>ola@example.invalid</Epost></iiKontakt>
<iiFraDato>20250101</iiFraDato>
<iiTilDato>20251231</iiTilDato>
<iiLagetDato>20260105</iiLagetDato>
<iiSysID>TESTEPJ</iiSysID>
<iiSysVersjon>1.0</iiSysVersjon>
<iiLopenr>L-1</iiLopenr>
</INNHINFO>
<PERSON pePeID="1001">
<peAlder>87</peAlder>
<peKjonn>K</peKjonn>
<peKomnr>4601</peKomnr>
<peBydelsnr>03</peBydelsnr>
<peFraDato>20200301</peFraDato>
<peEndrDato>20250601</peEndrDato>
<PERSONOPPL poPeID="1001" poPoID="1"><poHusstand>1</poHusstand><poVurdLege>202503</poVurdLege><poFraDato>20250101</poFraDato></PERSONOPPL>
{p1_funk}<TJENESTE tjPeID="1001" tjTjID="1" tjVeID="1" tjVeNrID="1"><tjTjenType>15</tjTjenType><tjVedtDato>20250110</tjVedtDato><tjVedtak>2</tjVedtak><tjTimerUke>7.5</tjTimerUke><tjInstOrgnr>{ORG_HJEMME}</tjInstOrgnr><tjFraDato>20250115</tjFraDato><tjTilDato>20251130</tjTilDato></TJENESTE>
<DIAGNOSE diPeID="1001" diDiID="1"><diKodeVersjon>ICD-10</diKodeVersjon><diDiagKode>F03</diDiagKode><diFraDato>20240101</diFraDato><diTilDato>20251231</diTilDato></DIAGNOSE>
</PERSON>
<PERSON pePeID="1002">
<peAlder>75</peAlder>
<peKjonn>M</peKjonn>
<peKomnr>4601</peKomnr>
<peBydelsnr>08</peBydelsnr>
<peFraDato>20210301</peFraDato>
<peEndrDato>20250602</peEndrDato>
<PERSONOPPL poPeID="1002" poPoID="1"><poHusstand>2</poHusstand></PERSONOPPL>
{p2_funk}<TJENESTE tjPeID="1002" tjTjID="2" tjVeID="2" tjVeNrID="1"><tjTjenType>6</tjTjenType><tjVedtDato>20250201</tjVedtDato><tjFraDato>20250205</tjFraDato></TJENESTE>
</PERSON>
</IPLOS>
"#
    )
}

pub fn identmelding() -> String {
    format!(
        r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<Melding xmlns="http://www.npr.no/xmlstds/53_1_2_ide" versjon="53.1.2" meldingstype="B" fraDatoPeriode="2025-01-01" tilDatoPeriode="2025-12-31" uttakDato="2026-01-05" leverandor="Test" navnEPJ="TESTEPJ" versjonEPJ="1.0" versjonUt="1.0" lopenr="L-1">
<Kontaktperson kontPerson="Kari" meldEpost1="kari@example.invalid" typeKontaktperson="16"/>
<Institusjon institusjonID="4601">
<PasientIdent pid="1001" fid="{}" typeID="1"/>
<PasientIdent pid="1002" fid="{}" typeID="1"/>
</Institusjon>
</Melding>
"#,
        fnr1(),
        fnr2()
    )
}

pub fn replace_once(text: &str, from: &str, to: &str, case: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "case {case}: «{from}» must occur exactly once"
    );
    text.replacen(from, to, 1)
}

/// The official schemas, which the repository does not copy in: they sit in
/// `../shared/xsd` beside the repository on the team's machines and in CI.
///
/// Absent, a test that needs them is skipped *visibly*: it prints why and
/// appends a line to `target/skipped.txt`, which `scripts/test.mjs` lists
/// after the Rust tests. In CI (`CI` set) they must be there: the test
/// fails instead of skipping.
pub fn official_schemas(test: &str) -> Option<std::path::PathBuf> {
    beside_repo("xsd", test)
}

/// A path in the project's shared folder beside the repository (`../shared`:
/// the official schemas, the specification), which a clone of the public
/// repository does not have: `None`, after noting the skip, when absent;
/// a failure in CI.
pub fn beside_repo(path: &str, test: &str) -> Option<std::path::PathBuf> {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(path);
    if full.exists() {
        return Some(full);
    }
    let why = format!("../shared/{path} is not beside the repository");
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: {why}; CI requires it"
    );
    note_skip(test, &why);
    None
}

/// Records a visibly skipped test (see [`official_schemas`]).
pub fn note_skip(test: &str, why: &str) {
    use std::io::Write;
    eprintln!("SKIPPED {test}: {why}");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let _ = std::fs::create_dir_all(&target);
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(target.join("skipped.txt"))
    {
        // One write per line: tests run in parallel and append to one file.
        let _ = f.write_all(format!("{test}: {why}\n").as_bytes());
    }
}

/// The clean CSV fixture without the columns `drop`.
pub fn without_columns(drop: &[&str]) -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/csv-utf8.csv"
    ))
    .unwrap();
    drop_columns(&text, drop)
}

/// The semicolon-separated `text` without the columns named `drop`.
pub fn drop_columns(text: &str, drop: &[&str]) -> String {
    let header: Vec<&str> = text.lines().next().unwrap().split(';').collect();
    let gone: Vec<usize> = drop
        .iter()
        .map(|d| header.iter().position(|h| h == d).expect(d))
        .collect();
    text.lines()
        .map(|l| {
            l.split(';')
                .enumerate()
                .filter(|(i, _)| !gone.contains(i))
                .map(|(_, c)| c)
                .collect::<Vec<_>>()
                .join(";")
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A generated Oslo CSV (its municipality `0301` and districts like `03`
/// have leading zeros), as Excel saves it: every code that is a number
/// written without its leading zeros.
pub fn excel_saved(persons: u64, only_rows: Option<usize>) -> (String, String) {
    use iplos_sjekk::generate::{to_bytes, Config, Format};
    let mut cfg = Config::new(persons, 2024, 7);
    cfg.format = Format::Csv;
    let (bytes, _) = to_bytes(&cfg);
    let clean = String::from_utf8(bytes).unwrap();
    let mut lines: Vec<String> = clean.lines().map(str::to_string).collect();
    let header: Vec<String> = lines[0].split(';').map(str::to_string).collect();
    let cols: Vec<usize> = ["peKomnr", "peBydelsnr", "fid"]
        .iter()
        .filter_map(|c| header.iter().position(|h| h == c))
        .collect();
    assert_eq!(cols.len(), 3, "{header:?}");
    let upto = only_rows.unwrap_or(lines.len());
    for line in lines.iter_mut().skip(1).take(upto) {
        let mut cells: Vec<String> = line.split(';').map(str::to_string).collect();
        for &c in &cols {
            let stripped = cells[c].trim_start_matches('0');
            if !stripped.is_empty() && stripped.len() < cells[c].len() {
                cells[c] = stripped.to_string();
            }
        }
        *line = cells.join(";");
    }
    (clean, lines.join("\n") + "\n")
}

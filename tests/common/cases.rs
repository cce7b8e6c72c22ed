//! The pipeline cases: each is one change to the clean baseline pair (or,
//! for the CSV-only rules, to the clean CSV fixture) and the code it must
//! raise through the whole check. `rules_table.rs` and `registry.rs` prove
//! that each case raises its code; `registry.rs` proves that together they
//! raise every code of the registry. A new rule gets its case here.

use std::collections::BTreeSet;

use iplos_sjekk::{check, Input, Options, Report};

use super::*;

/// A change to the baseline: fagmelding edits, identmelding edits (None = no identmelding), options.
pub struct Case {
    pub name: &'static str,
    pub fag: Vec<(String, String)>,
    pub ident: Option<Vec<(String, String)>>,
    pub year: Option<u16>,
}

pub fn case(name: &'static str, fag: &[(&str, &str)]) -> Case {
    Case {
        name,
        fag: fag
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        ident: Some(Vec::new()),
        year: None,
    }
}

pub fn ident_case(name: &'static str, ident: Vec<(String, String)>) -> Case {
    Case {
        name,
        fag: Vec::new(),
        ident: Some(ident),
        year: None,
    }
}

pub fn run(c: &Case) -> Report {
    let mut fag = fagmelding();
    for (a, b) in &c.fag {
        fag = replace_once(&fag, a, b, c.name);
    }
    let ident = c.ident.as_ref().map(|edits| {
        let mut t = identmelding();
        for (a, b) in edits {
            t = replace_once(&t, a, b, c.name);
        }
        t.into_bytes()
    });
    let opts = Options {
        year: c.year,
        ..Default::default()
    };
    check(
        Input::new("fag.xml", fag.as_bytes()),
        ident.as_deref().map(|b| Input::new("ident.xml", b)),
        &opts,
    )
}

pub fn codes(r: &Report) -> BTreeSet<&'static str> {
    r.findings.iter().map(|f| f.code).collect()
}

pub fn s(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

/// The FIL, PER, IDE and basic TJE cases.
pub fn cases() -> Vec<(Case, &'static str)> {
    let f1 = fnr1();
    let f1_bad_k2 = {
        let mut b = f1.clone().into_bytes();
        b[10] = if b[10] == b'9' { b'0' } else { b[10] + 1 };
        String::from_utf8(b).unwrap()
    };
    let day32 = (100..500)
        .find_map(|i| with_check_digits(&format!("328338{i:03}")))
        .unwrap();
    let rule2032 = (100..500)
        .find_map(|i| with_2032_digits(&format!("128338{i:03}")))
        .unwrap();
    // A D-number (day + 40, a real month) whose digit 9 says male, for a woman.
    let d_male = (100..500)
        .filter(|i| i % 2 == 1)
        .find_map(|i| with_check_digits(&format!("520338{i:03}")))
        .unwrap();
    let ident = |from: &str, to: &str| vec![s(from, to)];
    vec![
        (case("truncated", &[("</IPLOS>", "")]), "FIL-01"),
        (case("unknown root", &[("<IPLOS xmlns", "<IPLAS xmlns"), ("</IPLOS>", "</IPLAS>")]), "FIL-02"),
        (case("declared encoding", &[("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")]), "FIL-03"),
        (case("no period", &[("<iiFraDato>20250101</iiFraDato>\n", ""), ("<iiTilDato>20251231</iiTilDato>\n", "")]), "FIL-04"),
        (case("year out of range", &[("<iiFraDato>20250101</iiFraDato>", "<iiFraDato>20300101</iiFraDato>")]), "FIL-04"),
        (Case { year: Some(2024), ..case("other year chosen", &[]) }, "FIL-05"),
        (case("sender unknown", &[("<iiKomnr>4601</iiKomnr>", "<iiKomnr>9998</iiKomnr>")]), "FIL-06"),
        (case("system missing", &[("<iiSysID>TESTEPJ</iiSysID>\n", "")]), "FIL-07"),
        (case("no persons", &[("<PERSON pePeID=\"1002\">", "<!--"), ("</PERSON>\n</IPLOS>", "-->\n</IPLOS>"), ("<PERSON pePeID=\"1001\">", "<!--"), ("</DIAGNOSE>\n</PERSON>", "</DIAGNOSE>-->")]), "FIL-08"),
        (case("unknown element", &[("<peAlder>87</peAlder>", "<peAlder>87</peAlder><peSkostorrelse>41</peSkostorrelse>")]), "FIL-09"),
        (case("required missing", &[("<peFraDato>20200301</peFraDato>\n", "")]), "FIL-11"),
        (case("twice", &[("<peAlder>87</peAlder>", "<peAlder>87</peAlder><peAlder>87</peAlder>")]), "FIL-11"),
        (case("out of order", &[("<peAlder>87</peAlder>\n<peKjonn>K</peKjonn>", "<peKjonn>K</peKjonn>\n<peAlder>87</peAlder>")]), "FIL-11"),
        (case("impossible date", &[("<tjVedtDato>20250110</tjVedtDato>", "<tjVedtDato>20250231</tjVedtDato>")]), "FIL-12"),
        (case("not a number", &[("<peAlder>87</peAlder>", "<peAlder>åtti</peAlder>")]), "FIL-12"),
        (case("innhtype", &[("<iiInnhType>P</iiInnhType>", "<iiInnhType>Q</iiInnhType>")]), "FIL-13"),
        (case("one contact", &[("<iiKontakt><Type>2</Type><Navn>Ola</Navn><Telefon>55000001</Telefon><Epost>ola@example.invalid</Epost></iiKontakt>\n", "")]), "FIL-13"),
        (case("half year", &[("<iiTilDato>20251231</iiTilDato>", "<iiTilDato>20250630</iiTilDato>")]), "FIL-14"),
        (case("unknown version", &[("versjon=\"3.5\"", "versjon=\"9.9\"")]), "FIL-15"),
        (case("unknown namespace", &[("iplos/2018", "iplos/tjoho")]), "FIL-15"),
        (Case { ident: None, ..case("no ident", &[]) }, "FIL-16"),
        (case("schema broken", &[("<peKjonn>K</peKjonn>", "<peKjonn>X</peKjonn>")]), "FIL-17"),
        (case("decimal comma", &[("<tjTimerUke>7.5</tjTimerUke>", "<tjTimerUke>7,5</tjTimerUke>")]), "FIL-17"),
        (ident_case("fid short", ident(&f1, "1234")), "PER-02"),
        (ident_case("fid check digits", ident(&f1, &f1_bad_k2)), "PER-03"),
        (ident_case("fid day 32", ident(&f1, &day32)), "PER-04"),
        (ident_case("typeID contradicts", ident("typeID=\"1\"/>\n<PasientIdent pid=\"1002\"", "typeID=\"2\"/>\n<PasientIdent pid=\"1002\"")), "PER-05"),
        (ident_case("typeID unknown", ident("typeID=\"1\"/>\n<PasientIdent pid=\"1002\"", "typeID=\"11\"/>\n<PasientIdent pid=\"1002\"")), "PER-05"),
        (ident_case("H-number type", ident("typeID=\"1\"/>\n<PasientIdent pid=\"1002\"", "typeID=\"3\"/>\n<PasientIdent pid=\"1002\"")), "PER-06"),
        (case("synthetic", &[]), "PER-07"),
        (ident_case("same fid", ident(&fnr2(), &f1)), "PER-08"),
        (case("same pePeID", &[("<PERSON pePeID=\"1002\">", "<PERSON pePeID=\"1001\">")]), "PER-09"),
        (case("retired kommune", &[("<peKomnr>4601</peKomnr>\n<peBydelsnr>03", "<peKomnr>1201</peKomnr>\n<peBydelsnr>03")]), "PER-10"),
        (case("unknown kommune", &[("<peKomnr>4601</peKomnr>\n<peBydelsnr>03", "<peKomnr>9998</peKomnr>\n<peBydelsnr>03")]), "PER-10"),
        (case("kommune differs", &[("<peKomnr>4601</peKomnr>\n<peBydelsnr>03", "<peKomnr>0301</peKomnr>\n<peBydelsnr>03")]), "PER-11"),
        (case("bydel 00 in Bergen", &[("<peBydelsnr>03</peBydelsnr>", "<peBydelsnr>00</peBydelsnr>")]), "PER-12"),
        (case("bydel not in Bergen", &[("<peBydelsnr>03</peBydelsnr>", "<peBydelsnr>12</peBydelsnr>")]), "PER-13"),
        (case("no husstand", &[("<poHusstand>1</poHusstand>", "")]), "PER-14"),
        (case("husstand 4", &[("<poHusstand>1</poHusstand>", "<poHusstand>4</poHusstand>")]), "PER-15"),
        (case("died after year", &[("<peFraDato>20200301</peFraDato>", "<peFraDato>20200301</peFraDato><peDodDato>20260105</peDodDato>")]), "PER-16"),
        (case("died before year", &[("<peFraDato>20200301</peFraDato>", "<peFraDato>20200301</peFraDato><peDodDato>20241201</peDodDato>")]), "PER-17"),
        (case("no services", &[("<TJENESTE tjPeID=\"1002\" tjTjID=\"2\" tjVeID=\"2\" tjVeNrID=\"1\"><tjTjenType>6</tjTjenType><tjVedtDato>20250201</tjVedtDato><tjFraDato>20250205</tjFraDato></TJENESTE>\n", "")]), "PER-18"),
        (case("sex X", &[("<peKjonn>K</peKjonn>", "<peKjonn>X</peKjonn>")]), "PER-19"),
        (case("negative age", &[("<peAlder>87</peAlder>", "<peAlder>-1</peAlder>")]), "PER-19"),
        (case("age 130", &[("<peAlder>87</peAlder>", "<peAlder>130</peAlder>")]), "PER-20"),
        (case("doctor after year", &[("<poVurdLege>202503</poVurdLege>", "<poVurdLege>202603</poVurdLege>")]), "PER-22"),
        (ident_case("2032 rule", ident(&f1, &rule2032)), "PER-23"),
        (case("bydel 99", &[("<peBydelsnr>03</peBydelsnr>", "<peBydelsnr>99</peBydelsnr>")]), "PER-24"),
        (case("bydel 05 outside cities", &[("<peKomnr>4601</peKomnr>\n<peBydelsnr>03", "<peKomnr>4602</peKomnr>\n<peBydelsnr>05")]), "PER-24"),
        (ident_case("sex contradicts D-number", ident(&f1, &d_male)), "PER-25"),
        (case("age contradicts", &[("<peAlder>87</peAlder>", "<peAlder>50</peAlder>")]), "PER-26"),
        (case("registered after year", &[("<peFraDato>20200301</peFraDato>", "<peFraDato>20260301</peFraDato>")]), "PER-27"),
        (case("no change date", &[("<peEndrDato>20250601</peEndrDato>\n", "")]), "PER-27"),
        (ident_case("person not in ident", ident("<PasientIdent pid=\"1002\"", "<PasientIdent pid=\"1009\"")), "IDE-01"),
        (ident_case("ident without person", ident("</Institusjon>", "<PasientIdent pid=\"1003\" fid=\"12345678901\" typeID=\"1\"/>\n</Institusjon>")), "IDE-02"),
        (ident_case("pid twice", ident("</Institusjon>", "<PasientIdent pid=\"1002\" fid=\"12345678901\" typeID=\"1\"/>\n</Institusjon>")), "IDE-03"),
        (ident_case("lopenr differs", ident("lopenr=\"L-1\"", "lopenr=\"L-2\"")), "IDE-04"),
        (ident_case("period differs", ident("tilDatoPeriode=\"2025-12-31\"", "tilDatoPeriode=\"2025-06-30\"")), "IDE-04"),
        (ident_case("ident header", ident(" leverandor=\"Test\"", "")), "IDE-05"),
        (case("no service code", &[("<tjTjenType>15</tjTjenType>", "")]), "TJE-01"),
        (case("code 10", &[("<tjTjenType>15</tjTjenType>", "<tjTjenType>10</tjTjenType>")]), "TJE-02"),
        (case("code 16 in 2025", &[("<tjTjenType>6</tjTjenType>", "<tjTjenType>16</tjTjenType>")]), "TJE-03"),
        (case("no start", &[("<tjFraDato>20250115</tjFraDato>", "")]), "TJE-04"),
        (case("start after end", &[("<tjTilDato>20251130</tjTilDato>", "<tjTilDato>20250110</tjTilDato>")]), "TJE-05"),
        (case("start after year", &[("<tjFraDato>20250205</tjFraDato>", "<tjFraDato>20260205</tjFraDato>")]), "TJE-06"),
        (case("start before 1980", &[("<tjFraDato>20250205</tjFraDato>", "<tjFraDato>19790205</tjFraDato>")]), "TJE-07"),
        (case("ended before year", &[("<tjTilDato>20251130</tjTilDato>", "<tjTilDato>20241130</tjTilDato>")]), "TJE-08"),
        (case("169 hours", &[("<tjTimerUke>7.5</tjTimerUke>", "<tjTimerUke>168.01</tjTimerUke>")]), "TJE-09"),
        (case("negative hours", &[("<tjTimerUke>7.5</tjTimerUke>", "<tjTimerUke>-1</tjTimerUke>")]), "TJE-10"),
        (case("no decision date", &[("<tjVedtDato>20250110</tjVedtDato>", "")]), "TJE-25"),
    ]
}

pub const ORG_SYKEHJEM: &str = "991000038";
pub const FUNK1: &str = "<FUNKSJON fnPeID=\"1001\" fnFnID=\"1\"><fnFunkType>1</fnFunkType><fnFunkVerdi>3</fnFunkVerdi><fnFraDato>20250210</fnFraDato><fnTilDato>20251231</fnTilDato></FUNKSJON>\n";
pub const DIAGNOSE: &str = "<DIAGNOSE diPeID=\"1001\" diDiID=\"1\"><diKodeVersjon>ICD-10</diKodeVersjon><diDiagKode>F03</diDiagKode><diFraDato>20240101</diFraDato><diTilDato>20251231</diTilDato></DIAGNOSE>\n";
pub const TJ15: &str = "<TJENESTE tjPeID=\"1001\" tjTjID=\"1\" tjVeID=\"1\" tjVeNrID=\"1\"><tjTjenType>15</tjTjenType><tjVedtDato>20250110</tjVedtDato><tjVedtak>2</tjVedtak><tjTimerUke>7.5</tjTimerUke><tjInstOrgnr>991000011</tjInstOrgnr><tjFraDato>20250115</tjFraDato><tjTilDato>20251130</tjTilDato></TJENESTE>\n";
pub const TJ6: &str = "<TJENESTE tjPeID=\"1002\" tjTjID=\"2\" tjVeID=\"2\" tjVeNrID=\"1\"><tjTjenType>6</tjTjenType><tjVedtDato>20250201</tjVedtDato><tjFraDato>20250205</tjFraDato></TJENESTE>\n";

pub fn dogn(org: &str, fra: &str, til: &str) -> String {
    let org = if org.is_empty() {
        String::new()
    } else {
        format!("<dgInstOrgnr>{org}</dgInstOrgnr>")
    };
    format!("{DIAGNOSE}<DOGNTILBUD dgPeID=\"1001\" dgDgID=\"1\">{org}<dgFraDato>{fra}</dgFraDato><dgTilDato>{til}</dgTilDato></DOGNTILBUD>\n")
}

pub fn tj(id: u32, code: u32, body: &str) -> String {
    format!("<TJENESTE tjPeID=\"1001\" tjTjID=\"{id}\" tjVeID=\"{id}\" tjVeNrID=\"1\"><tjTjenType>{code}</tjTjenType>{body}</TJENESTE>\n")
}

pub fn run_xml(edits: &[(String, String)], whole: Option<fn(String) -> String>) -> Report {
    let mut fag = fagmelding();
    for (a, b) in edits {
        fag = replace_once(&fag, a, b, b);
    }
    if let Some(f) = whole {
        fag = f(fag);
    }
    let ident = identmelding();
    check(
        Input::new("fag.xml", fag.as_bytes()),
        Some(Input::new("ident.xml", ident.as_bytes())),
        &Options::default(),
    )
}

pub fn e(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

/// Moves the whole baseline to 2018, where variables 19 and 20 were not yet in use.
pub fn to_2018(fag: String) -> String {
    fag.replace("<iiFraDato>20250101", "<iiFraDato>20180101")
        .replace("<iiTilDato>20251231", "<iiTilDato>20181231")
}

/// Person 1002's `pePeID` is its identity number (an EPJ that uses it as
/// its person id), in the fagmelding and the identmelding alike.
pub fn pe_id_is_identity(fag: String) -> String {
    fag.replace("pePeID=\"1002\"", &format!("pePeID=\"{}\"", fnr2()))
}

/// Drops every FUNKSJON of person 1001.
pub fn without_assessment(fag: String) -> String {
    fag.lines()
        .filter(|l| !l.starts_with("<FUNKSJON fnPeID=\"1001\""))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A code, the edits to the baseline, and an optional change of the whole text.
pub type DomainCase = (
    &'static str,
    Vec<(String, String)>,
    Option<fn(String) -> String>,
);

/// The domain rules (FUN, DIA, OPP, TJE-11 on) through the whole pipeline.
pub fn domain_cases() -> Vec<DomainCase> {
    let funk1 = |from: &str, to: &str| e(FUNK1, &FUNK1.replace(from, to));
    vec![
        ("FUN-01", vec![funk1("<fnFunkVerdi>3", "<fnFunkVerdi>7")], None),
        ("FUN-02", vec![funk1("<fnFunkType>1<", "<fnFunkType>25<")], None),
        ("FUN-03", vec![funk1("<fnTilDato>20251231</fnTilDato>", "")], None),
        ("FUN-04", vec![funk1("<fnFraDato>20250210", "<fnFraDato>20260210")], None),
        ("FUN-05", vec![e(FUNK1, "")], None),
        ("FUN-06", vec![e(FUNK1, &format!("{FUNK1}{}", FUNK1.replace("fnFnID=\"1\"", "fnFnID=\"99\"")))], None),
        ("FUN-07", vec![], Some(without_assessment)),
        ("FUN-08", vec![], Some(to_2018)),
        ("PER-28", vec![], Some(pe_id_is_identity)),
        ("DIA-01", vec![e(DIAGNOSE, &DIAGNOSE.replace("ICD-10", "ICD10"))], None),
        ("DIA-02", vec![e(DIAGNOSE, &DIAGNOSE.replace(">F03<", ">3F0<"))], None),
        ("DIA-03", vec![e(DIAGNOSE, &format!("{DIAGNOSE}{}", DIAGNOSE.replace("diDiID=\"1\"", "diDiID=\"2\"")))], None),
        ("DIA-04", vec![e(DIAGNOSE, &DIAGNOSE.replace("<diFraDato>20240101", "<diFraDato>20260101"))], None),
        ("OPP-01", vec![e(DIAGNOSE, &dogn("991000012", "20250301", "20250310"))], None),
        ("OPP-02", vec![e(DIAGNOSE, &dogn("", "20250301", "20250310"))], None),
        ("OPP-03", vec![e(DIAGNOSE, &dogn(ORG_SYKEHJEM, "20250310", "20250301"))], None),
        ("OPP-04", vec![e(DIAGNOSE, &dogn(ORG_SYKEHJEM, "20250301", "20250310"))], None),
        ("TJE-11", vec![e("<tjTimerUke>7.5</tjTimerUke>", "")], None),
        ("TJE-12", vec![e(TJ6, &TJ6.replace("<tjFraDato>", "<tjTimerUke>2</tjTimerUke><tjFraDato>"))], None),
        ("TJE-13", vec![e(TJ6, &TJ6.replace("<tjTjenType>6", "<tjTjenType>8"))], None),
        ("TJE-14", vec![e("<tjInstOrgnr>991000011", "<tjInstOrgnr>991000012")], None),
        ("TJE-15", vec![e("<tjInstOrgnr>991000011</tjInstOrgnr>", "")], None),
        ("TJE-16", vec![e("<tjVedtDato>20250110", "<tjVedtDato>20250120")], None),
        ("TJE-17", vec![e("<tjVedtDato>20250110", "<tjVedtDato>20260110")], None),
        ("TJE-18", vec![e(TJ15, &format!("{TJ15}{TJ15}"))], None),
        ("TJE-19", vec![e(TJ15, &format!("{TJ15}{}", tj(7, 15, "<tjVedtDato>20250601</tjVedtDato><tjTimerUke>2</tjTimerUke><tjInstOrgnr>991000011</tjInstOrgnr><tjFraDato>20250601</tjFraDato>")))], None),
        ("TJE-20", vec![e("<tjVedtak>2</tjVedtak>", "<tjVedtak>1</tjVedtak>")], None),
        ("TJE-21", vec![e(TJ6, &TJ6.replace("<tjVedtDato>20250201</tjVedtDato>", "<tjVedtDato>20240201</tjVedtDato><tjVedtak>1</tjVedtak>").replace("<tjFraDato>20250205</tjFraDato>", ""))], None),
        ("TJE-22", vec![e("<peFraDato>20200301</peFraDato>", "<peFraDato>20200301</peFraDato><peDodDato>20250112</peDodDato>")], None),
        ("TJE-23", vec![e(TJ15, &format!("{TJ15}{}", tj(7, 1, "<tjVedtDato>20250201</tjVedtDato><tjTimerUke>165</tjTimerUke><tjInstOrgnr>991000011</tjInstOrgnr><tjFraDato>20250201</tjFraDato>")))], None),
        ("TJE-24", vec![e(TJ15, &format!("{TJ15}{}", tj(7, 21, &format!("<tjVedtDato>20250201</tjVedtDato><tjInstOrgnr>{ORG_SYKEHJEM}</tjInstOrgnr><tjFraDato>20250201</tjFraDato>"))))], None),
        ("TJE-26", vec![e(TJ6, &TJ6.replace("<tjTjenType>6", "<tjTjenType>26").replace("<tjFraDato>", "<tjInstOrgnr>991000011</tjInstOrgnr><tjFraDato>"))], None),
        ("TJE-27", vec![e("<tjVedtDato>20250110", "<tjSoknadDato>20250112</tjSoknadDato><tjVedtDato>20250110")], None),
        ("TJE-28", vec![e(TJ6, &TJ6.replace("<tjTjenType>6", "<tjTjenType>12"))], None),
        ("TJE-29", vec![e("<tjFraDato>20250115", "<tjFraDato>19300115")], None),
    ]
}

/// The CSV-only rules, on the clean CSV fixture.
pub fn csv_cases() -> Vec<(&'static str, String)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/csv-utf8.csv"
    ))
    .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let with_line = |i: usize, new: String| {
        let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        l[i] = new;
        l.join("\n") + "\n"
    };
    let cells = |i: usize| lines[i].split(';').map(str::to_string).collect::<Vec<_>>();
    let fid_col = cells(0)
        .iter()
        .position(|c| c.contains("dselsnummer"))
        .expect("a fid column");
    let alder_col = cells(0)
        .iter()
        .position(|c| c == "peAlder")
        .expect("peAlder");
    // Person 1 (rows 1 and 2) without an identity number.
    let no_fid = {
        let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        for (i, line) in l.iter_mut().enumerate().skip(1).take(2) {
            let mut c = cells(i);
            c[fid_col] = String::new();
            *line = c.join(";");
        }
        l.join("\n") + "\n"
    };
    // A second row of the first person with another age: rows 1 and 2 are the same person.
    let mut other_age = cells(2);
    other_age[alder_col] = "30".into();
    assert_eq!(
        cells(1)[0],
        cells(2)[0],
        "rows 1 and 2 belong to one person in the fixture"
    );
    vec![
        ("FIL-10", with_line(3, format!("{};ekstra", lines[3]))),
        ("FIL-19", excel_saved(40, None).1),
        ("FIL-20", without_columns(&["peFraDato"])),
        ("PER-01", no_fid),
        ("PER-21", with_line(2, other_age.join(";"))),
    ]
}

/// Checks one generated pair of consecutive years, this year's file
/// compared with last year's, after `edit` changed this year's fagmelding.
pub fn run_pair_edited(
    pair: &iplos_sjekk::generate::Pair,
    opts: &Options,
    edit: impl Fn(String) -> String,
) -> Result<Report, iplos_sjekk::compare::Problem> {
    use iplos_sjekk::generate::Side;
    let (main, ident) = pair.to_bytes(Side::Current);
    let main = edit(String::from_utf8(main).expect("generated text"));
    let (prev, prev_ident) = pair.to_bytes(Side::Previous);
    iplos_sjekk::compare::check_pair(
        Input::new("i-aar.xml", main.as_bytes()),
        ident
            .as_deref()
            .map(|bytes| Input::new("i-aar-ident.xml", bytes)),
        Input::new("fjor.xml", &prev),
        prev_ident
            .as_deref()
            .map(|bytes| Input::new("fjor-ident.xml", bytes)),
        opts,
    )
}

/// Checks one generated pair of consecutive years, compared.
pub fn run_pair(
    pair: &iplos_sjekk::generate::Pair,
    opts: &Options,
) -> Result<Report, iplos_sjekk::compare::Problem> {
    run_pair_edited(pair, opts, |s| s)
}

/// The FJO cases: a generated pair of consecutive years, changed so that
/// the comparison raises the code, and its report.
pub fn comparison_cases() -> Vec<(&'static str, Report)> {
    use iplos_sjekk::generate::{Config, Pair};
    let opts = Options {
        max_findings_per_code: Some(3),
        ..Default::default()
    };
    let normal = Pair::new(Config::new(400, 2025, 77));
    let mut incomplete = normal.clone();
    incomplete.plant_incomplete = 0.3;
    let mut renumbered = normal.clone();
    renumbered.renumber = true;
    let run = |p: &Pair| run_pair(p, &opts).expect("consecutive years");
    let edited =
        |f: fn(String) -> String| run_pair_edited(&normal, &opts, f).expect("consecutive years");
    // This year's file with a fifth of its persons cut off at the end.
    let fewer = |s: String| {
        let persons: Vec<usize> = s.match_indices("  <PERSON ").map(|(i, _)| i).collect();
        let cut = persons[persons.len() * 3 / 4];
        format!("{}</IPLOS>\n", &s[..cut])
    };
    vec![
        ("FJO-01", run(&incomplete)),
        // Safety alarm (6) recoded as GPS (26): 6 is gone this year.
        (
            "FJO-02",
            edited(|s| s.replace("<tjTjenType>6</tjTjenType>", "<tjTjenType>26</tjTjenType>")),
        ),
        ("FJO-03", edited(fewer)),
        ("FJO-04", run(&incomplete)),
        ("FJO-05", run(&renumbered)),
        // Every score 1 written as 5.
        (
            "FJO-06",
            edited(|s| {
                s.replace(
                    "<fnFunkVerdi>1</fnFunkVerdi>",
                    "<fnFunkVerdi>5</fnFunkVerdi>",
                )
            }),
        ),
    ]
}

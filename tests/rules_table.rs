//! Rule tests as a table, through the whole pipeline: one valid baseline
//! file pair (two persons, fagmelding + identmelding), and one change per
//! case. Each case names the code that must fire; near-misses name codes
//! that must not. Identity numbers are made at run time (month + 80, or a
//! D-number), never written down.

use std::collections::BTreeSet;

use iplos_sjekk::{check, Input, Options, Report};

mod common;
use common::*;

/// A change to the baseline: fagmelding edits, identmelding edits (None = no identmelding), options.
struct Case {
    name: &'static str,
    fag: Vec<(String, String)>,
    ident: Option<Vec<(String, String)>>,
    year: Option<u16>,
}

fn case(name: &'static str, fag: &[(&str, &str)]) -> Case {
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

fn ident_case(name: &'static str, ident: Vec<(String, String)>) -> Case {
    Case {
        name,
        fag: Vec::new(),
        ident: Some(ident),
        year: None,
    }
}

fn run(c: &Case) -> Report {
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
        Input {
            name: "fag.xml",
            bytes: fag.as_bytes(),
        },
        ident.as_deref().map(|b| Input {
            name: "ident.xml",
            bytes: b,
        }),
        &opts,
    )
}

fn codes(r: &Report) -> BTreeSet<&'static str> {
    r.findings.iter().map(|f| f.code).collect()
}

fn s(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

/// The baseline pair is clean: only the synthetic-identity warning.
#[test]
fn baseline_is_clean() {
    let r = run(&case("baseline", &[]));
    let got = codes(&r);
    assert_eq!(got, BTreeSet::from(["PER-07"]), "{:#?}", r.findings);
    assert_eq!(r.verdict.key(), "klar");
    assert_eq!(r.persons, 2);
}

fn cases() -> Vec<(Case, &'static str)> {
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

#[test]
fn each_change_fires_its_rule() {
    let mut failures = Vec::new();
    for (c, code) in cases() {
        let r = run(&c);
        if !codes(&r).contains(code) {
            failures.push(format!(
                "{} should give {code}, got {:?}",
                c.name,
                codes(&r)
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Near misses: a change that looks like a problem but is not.
#[test]
fn near_misses_stay_quiet() {
    let quiet = [
        (
            case(
                "168 hours exactly",
                &[(
                    "<tjTimerUke>7.5</tjTimerUke>",
                    "<tjTimerUke>168.00</tjTimerUke>",
                )],
            ),
            "TJE-09",
        ),
        (
            case(
                "start 1980",
                &[(
                    "<tjFraDato>20250205</tjFraDato>",
                    "<tjFraDato>19800101</tjFraDato>",
                )],
            ),
            "TJE-07",
        ),
        (
            case(
                "ended on the first day",
                &[(
                    "<tjTilDato>20251130</tjTilDato>",
                    "<tjTilDato>20250115</tjTilDato>",
                )],
            ),
            "TJE-08",
        ),
        (
            case(
                "age off by one",
                &[("<peAlder>87</peAlder>", "<peAlder>88</peAlder>")],
            ),
            "PER-26",
        ),
        (
            case(
                "age 120",
                &[("<peAlder>87</peAlder>", "<peAlder>120</peAlder>")],
            ),
            "PER-20",
        ),
        (
            case(
                "doctor in December",
                &[(
                    "<poVurdLege>202503</poVurdLege>",
                    "<poVurdLege>202512</poVurdLege>",
                )],
            ),
            "PER-22",
        ),
        (
            case(
                "died on 31.12.",
                &[(
                    "<peFraDato>20200301</peFraDato>",
                    "<peFraDato>20200301</peFraDato><peDodDato>20251231</peDodDato>",
                )],
            ),
            "PER-16",
        ),
        (
            case(
                "Oslo Sentrum",
                &[(
                    "<peKomnr>4601</peKomnr>\n<peBydelsnr>03",
                    "<peKomnr>0301</peKomnr>\n<peBydelsnr>16",
                )],
            ),
            "PER-13",
        ),
        (
            case(
                "no namespace",
                &[(" xmlns=\"http://www.npr.no/xmlstds/iplos/2018\"", "")],
            ),
            "FIL-15",
        ),
        (
            case(
                "later namespace",
                &[(
                    "iplos/2018\" versjon=\"3.5\"",
                    "iplos/2021\" versjon=\"3.7\"",
                )],
            ),
            "FIL-15",
        ),
        (
            case(
                "comma-free decimals",
                &[(
                    "<tjTimerUke>7.5</tjTimerUke>",
                    "<tjTimerUke>7.25</tjTimerUke>",
                )],
            ),
            "FIL-12",
        ),
        (
            case(
                "a real leap day",
                &[(
                    "<tjVedtDato>20250110</tjVedtDato>",
                    "<tjVedtDato>20240229</tjVedtDato>",
                )],
            ),
            "FIL-12",
        ),
    ];
    let mut failures = Vec::new();
    for (c, code) in quiet {
        let r = run(&c);
        if codes(&r).contains(code) {
            failures.push(format!(
                "{} should not give {code}: {:#?}",
                c.name,
                r.findings
                    .iter()
                    .filter(|f| f.code == code)
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Verdicts follow docs/report.md §2: Fatal, then FIL/IDE errors, then other errors.
#[test]
fn verdicts_follow_the_order() {
    let v = |c: Case| run(&c).verdict.key();
    assert_eq!(
        v(case("truncated", &[("</IPLOS>", "")])),
        "kan_ikke_kontrolleres"
    );
    assert_eq!(
        v(case(
            "schema",
            &[("<peKjonn>K</peKjonn>", "<peKjonn>X</peKjonn>")]
        )),
        "avvises"
    );
    assert_eq!(
        v(ident_case(
            "ident",
            vec![s("lopenr=\"L-1\"", "lopenr=\"L-2\"")]
        )),
        "avvises"
    );
    assert_eq!(
        v(case(
            "record",
            &[(
                "<tjTimerUke>7.5</tjTimerUke>",
                "<tjTimerUke>200</tjTimerUke>"
            )]
        )),
        "feil_i_poster"
    );
    assert_eq!(v(case("clean", &[])), "klar");
}

/// The messages name the successor of a merged municipality.
#[test]
fn retired_kommune_names_its_successor() {
    let r = run(&case(
        "bergen",
        &[(
            "<peKomnr>4601</peKomnr>\n<peBydelsnr>03",
            "<peKomnr>1201</peKomnr>\n<peBydelsnr>03",
        )],
    ));
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "PER-10")
        .expect("PER-10");
    assert!(f.message.contains("4601"), "{}", f.message);
    // 2025's list is an assumption (data/SOURCES.md), and the message says so.
    assert!(f.message.contains("antatt uendret"), "{}", f.message);
}

/// No finding, message or field ever carries a whole identity number.
#[test]
fn identity_numbers_are_always_masked() {
    let f1 = fnr1();
    for (c, _) in cases() {
        let r = run(&c);
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            !json.contains(&f1),
            "case {} leaks an identity number",
            c.name
        );
        for f in &r.findings {
            if let Some(fid) = &f.fid {
                assert!(fid.ends_with("*****") && fid.len() <= 11, "{fid}");
            }
        }
    }
}

/// The whole number appears only when the caller explicitly asks for it.
#[test]
fn identity_numbers_are_revealed_only_on_request() {
    let fag = fagmelding();
    let ident = identmelding();
    let run_with = |reveal: bool| {
        check(
            Input {
                name: "fag.xml",
                bytes: fag.as_bytes(),
            },
            Some(Input {
                name: "ident.xml",
                bytes: ident.as_bytes(),
            }),
            &Options {
                reveal_identities: reveal,
                ..Default::default()
            },
        )
    };
    let hidden = serde_json::to_string(&run_with(false)).unwrap();
    assert!(!hidden.contains(&fnr1()) && !hidden.contains("fidFull"));
    let shown = run_with(true);
    let f = shown
        .findings
        .iter()
        .find(|f| f.person == Some(1))
        .expect("a finding on person 1");
    assert_eq!(f.fid_full.as_deref(), Some(fnr1().as_str()));
    assert_eq!(f.fid.as_deref().map(|m| &m[..6]), Some(&fnr1()[..6]));
}

/// The same person twice (same pePeID, so the same identity) is one
/// problem: PER-09, without a second finding for the identity number.
#[test]
fn a_person_given_twice_is_one_finding() {
    let r = run(&case(
        "same person twice",
        &[("<PERSON pePeID=\"1002\">", "<PERSON pePeID=\"1001\">")],
    ));
    let got = codes(&r);
    assert!(got.contains("PER-09"), "{got:?}");
    assert!(!got.contains("PER-08"), "{got:?}");
}

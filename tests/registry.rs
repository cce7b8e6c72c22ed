//! The registry against the behaviour: every one of the catalogue's codes is
//! triggered through the whole pipeline by a change to the clean baseline
//! pair (or, for the CSV-only rules, to the clean CSV fixture). A code that
//! no input can raise would show up here as missing.

use std::collections::BTreeSet;

use iplos_sjekk::rules::RULES;
use iplos_sjekk::{check, Input, Options, Report};

mod common;
use common::*;

const ORG_SYKEHJEM: &str = "991000038";
const FUNK1: &str = "<FUNKSJON fnPeID=\"1001\" fnFnID=\"1\"><fnFunkType>1</fnFunkType><fnFunkVerdi>3</fnFunkVerdi><fnFraDato>20250210</fnFraDato><fnTilDato>20251231</fnTilDato></FUNKSJON>\n";
const DIAGNOSE: &str = "<DIAGNOSE diPeID=\"1001\" diDiID=\"1\"><diKodeVersjon>ICD-10</diKodeVersjon><diDiagKode>F03</diDiagKode><diFraDato>20240101</diFraDato><diTilDato>20251231</diTilDato></DIAGNOSE>\n";
const TJ15: &str = "<TJENESTE tjPeID=\"1001\" tjTjID=\"1\" tjVeID=\"1\" tjVeNrID=\"1\"><tjTjenType>15</tjTjenType><tjVedtDato>20250110</tjVedtDato><tjVedtak>2</tjVedtak><tjTimerUke>7.5</tjTimerUke><tjInstOrgnr>991000011</tjInstOrgnr><tjFraDato>20250115</tjFraDato><tjTilDato>20251130</tjTilDato></TJENESTE>\n";
const TJ6: &str = "<TJENESTE tjPeID=\"1002\" tjTjID=\"2\" tjVeID=\"2\" tjVeNrID=\"1\"><tjTjenType>6</tjTjenType><tjVedtDato>20250201</tjVedtDato><tjFraDato>20250205</tjFraDato></TJENESTE>\n";

fn dogn(org: &str, fra: &str, til: &str) -> String {
    let org = if org.is_empty() {
        String::new()
    } else {
        format!("<dgInstOrgnr>{org}</dgInstOrgnr>")
    };
    format!("{DIAGNOSE}<DOGNTILBUD dgPeID=\"1001\" dgDgID=\"1\">{org}<dgFraDato>{fra}</dgFraDato><dgTilDato>{til}</dgTilDato></DOGNTILBUD>\n")
}

fn tj(id: u32, code: u32, body: &str) -> String {
    format!("<TJENESTE tjPeID=\"1001\" tjTjID=\"{id}\" tjVeID=\"{id}\" tjVeNrID=\"1\"><tjTjenType>{code}</tjTjenType>{body}</TJENESTE>\n")
}

fn run_xml(edits: &[(String, String)], whole: Option<fn(String) -> String>) -> Report {
    let mut fag = fagmelding();
    for (a, b) in edits {
        fag = replace_once(&fag, a, b, b);
    }
    if let Some(f) = whole {
        fag = f(fag);
    }
    let ident = identmelding();
    check(
        Input {
            name: "fag.xml",
            bytes: fag.as_bytes(),
        },
        Some(Input {
            name: "ident.xml",
            bytes: ident.as_bytes(),
        }),
        &Options::default(),
    )
}

fn codes(r: &Report) -> BTreeSet<&'static str> {
    r.findings.iter().map(|f| f.code).collect()
}

fn e(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

/// Moves the whole baseline to 2018, where variables 19 and 20 were not yet in use.
fn to_2018(fag: String) -> String {
    fag.replace("<iiFraDato>20250101", "<iiFraDato>20180101")
        .replace("<iiTilDato>20251231", "<iiTilDato>20181231")
}

/// Person 1002's `pePeID` is its identity number (an EPJ that uses it as
/// its person id), in the fagmelding and the identmelding alike.
fn pe_id_is_identity(fag: String) -> String {
    fag.replace("pePeID=\"1002\"", &format!("pePeID=\"{}\"", fnr2()))
}

/// Drops every FUNKSJON of person 1001.
fn without_assessment(fag: String) -> String {
    fag.lines()
        .filter(|l| !l.starts_with("<FUNKSJON fnPeID=\"1001\""))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A code, the edits to the baseline, and an optional change of the whole text.
type DomainCase = (
    &'static str,
    Vec<(String, String)>,
    Option<fn(String) -> String>,
);

/// The domain rules (FUN, DIA, OPP, TJE-11 on) through the whole pipeline.
fn domain_cases() -> Vec<DomainCase> {
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
fn csv_cases() -> Vec<(&'static str, String)> {
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
        ("PER-01", no_fid),
        ("PER-21", with_line(2, other_age.join(";"))),
    ]
}

#[test]
fn domain_rules_fire_through_the_pipeline() {
    let mut failures = Vec::new();
    for (code, edits, whole) in domain_cases() {
        let got = codes(&run_xml(&edits, whole));
        if !got.contains(code) {
            failures.push(format!("{code}: got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn csv_rules_fire() {
    for (code, text) in csv_cases() {
        let r = check(
            Input {
                name: "x.csv",
                bytes: text.as_bytes(),
            },
            None,
            &Options {
                year: Some(2025),
                ..Default::default()
            },
        );
        assert!(codes(&r).contains(code), "{code}: {:?}", codes(&r));
    }
}

/// Every code of the registry is raised by some input in this suite or by
/// `tests/rules_table.rs` (the FIL, PER, IDE and basic TJE cases; its list
/// of codes is repeated here and checked against the registry).
#[test]
fn every_code_is_triggered() {
    let mut seen: BTreeSet<&'static str> = BTreeSet::new();
    for (_, edits, whole) in domain_cases() {
        seen.extend(codes(&run_xml(&edits, whole)));
    }
    for (_, text) in csv_cases() {
        seen.extend(codes(&check(
            Input {
                name: "x.csv",
                bytes: text.as_bytes(),
            },
            None,
            &Options {
                year: Some(2025),
                ..Default::default()
            },
        )));
    }
    // The input kinds (tests/inputs.rs has every case): a PDF, and a pair
    // given in swapped roles.
    let input = |name, bytes| Input { name, bytes };
    let pdf = check(
        input("a.xml", b"%PDF-1.7\n".as_slice()),
        None,
        &Options::default(),
    );
    seen.extend(codes(&pdf));
    let (fag, ide) = (common::fagmelding(), common::identmelding());
    let swapped = check(
        input("i.xml", ide.as_bytes()),
        Some(input("f.xml", fag.as_bytes())),
        &Options::default(),
    );
    seen.extend(codes(&swapped));
    // Covered case by case in tests/rules_table.rs (each asserted there).
    const IN_RULES_TABLE: &[&str] = &[
        "FIL-01", "FIL-02", "FIL-03", "FIL-04", "FIL-05", "FIL-06", "FIL-07", "FIL-08", "FIL-09",
        "FIL-11", "FIL-12", "FIL-13", "FIL-14", "FIL-15", "FIL-16", "FIL-17", "IDE-01", "IDE-02",
        "IDE-03", "IDE-04", "IDE-05", "PER-02", "PER-03", "PER-04", "PER-05", "PER-06", "PER-07",
        "PER-08", "PER-09", "PER-10", "PER-11", "PER-12", "PER-13", "PER-14", "PER-15", "PER-16",
        "PER-17", "PER-18", "PER-19", "PER-20", "PER-22", "PER-23", "PER-24", "PER-25", "PER-26",
        "PER-27", "TJE-01", "TJE-02", "TJE-03", "TJE-04", "TJE-05", "TJE-06", "TJE-07", "TJE-08",
        "TJE-09", "TJE-10", "TJE-25",
    ];
    seen.extend(IN_RULES_TABLE);
    let all: BTreeSet<&str> = RULES.iter().map(|r| r.code).collect();
    let missing: Vec<_> = all.difference(&seen).collect();
    assert!(missing.is_empty(), "never triggered: {missing:?}");
    let unknown: Vec<_> = seen.difference(&all).collect();
    assert!(unknown.is_empty(), "not in the registry: {unknown:?}");
}

/// The year facts live in one table (`codes::YEARS`); the data files and
/// the texts that name the range must agree with it, loudly.
#[test]
fn the_year_table_agrees_with_the_data_and_the_texts() {
    use iplos_sjekk::codes::{self, FIRST_YEAR, LAST_YEAR, YEARS};
    assert_eq!((YEARS.first, YEARS.last), (FIRST_YEAR, LAST_YEAR));
    // No data row starts outside the supported range: a new year in the
    // data needs the table changed too.
    for (file, from_col) in [("data/kommuner.csv", 2), ("data/bydeler.csv", 3)] {
        let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let from: u16 = line
                .split(',')
                .nth(from_col)
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            assert!(
                (FIRST_YEAR..=LAST_YEAR).contains(&from),
                "{file}: «{line}» starts in {from}, outside {FIRST_YEAR}–{LAST_YEAR}"
            );
        }
    }
    // Every supported year has a municipality list.
    for year in FIRST_YEAR..=LAST_YEAR {
        assert!(
            codes::kommuner_in(year).count() > 300,
            "no municipality list for {year}"
        );
    }
    const {
        assert!(YEARS.kommuner_confirmed_until <= LAST_YEAR);
        assert!(YEARS.identmelding_from >= FIRST_YEAR && YEARS.identmelding_from <= LAST_YEAR);
    }
    // FIL-04 names the range in its title.
    let t = iplos_sjekk::rules::rule("FIL-04").unwrap().text();
    let range = format!("{FIRST_YEAR}–{LAST_YEAR}");
    assert!(
        t.title_nb.contains(&range) && t.title_en.contains(&range),
        "FIL-04's title must name {range}: {} / {}",
        t.title_nb,
        t.title_en
    );
}

/// Codes of the product's catalogue (the specification beside the
/// repository) not implemented yet, with the issue that brings them.
const PENDING: &[(&str, &str)] = &[
    ("FIL-19", "issue 11"),
    ("FIL-20", "issue 11"),
    ("FJO-01", "issue 12"),
    ("FJO-02", "issue 12"),
    ("FJO-03", "issue 12"),
    ("FJO-04", "issue 12"),
    ("FJO-05", "issue 12"),
    ("FJO-06", "issue 12"),
];

/// Codes we implement that the catalogue lacks (reported to its owners).
const NOT_IN_SPEC: &[&str] = &["PER-28"];

#[test]
fn the_catalogue_matches_rules_md() {
    // Every code of the product's catalogue is registered with its
    // severity, but those pending; every registered code is in it, but
    // those it lacks. The catalogue sits beside the repository on the
    // team's machines and in CI; a clone without it skips visibly.
    let Some(spec) =
        common::beside_repo("spec/rules.md", "registry::the_catalogue_matches_rules_md")
    else {
        return;
    };
    let md = std::fs::read_to_string(spec).expect("the rule catalogue");
    let mut in_spec = std::collections::BTreeSet::new();
    for line in md.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() > 3 && cells[1].len() == 6 && cells[1].as_bytes()[3] == b'-' {
            let code = cells[1];
            in_spec.insert(code.to_string());
            match iplos_sjekk::rules::rule(code) {
                Some(r) => assert_eq!(format!("{:?}", r.severity), cells[2], "{code}"),
                None => assert!(
                    PENDING.iter().any(|(c, _)| *c == code),
                    "{code} is in the catalogue but neither registered nor pending"
                ),
            }
        }
    }
    for r in iplos_sjekk::rules::RULES {
        assert!(
            in_spec.contains(r.code) || NOT_IN_SPEC.contains(&r.code),
            "{} is registered but not in the catalogue",
            r.code
        );
    }
    for (code, issue) in PENDING {
        assert!(
            in_spec.contains(*code),
            "{code} ({issue}) left the catalogue"
        );
        assert!(
            iplos_sjekk::rules::rule(code).is_none(),
            "{code} is registered: take it off PENDING"
        );
    }
    for code in NOT_IN_SPEC {
        assert!(
            !in_spec.contains(*code),
            "{code} is in the catalogue now: take it off NOT_IN_SPEC"
        );
    }
}

//! The findings CSV (README, "Funn som CSV"): one writer for the CLI and the
//! page. Its contract: UTF-8 with a byte-order mark, `;`-separated, CRLF, a
//! header row, no cell a spreadsheet would run as a formula, full identity
//! numbers kept as text, and the same bytes from a report and from the
//! report read back from its JSON (what the page holds).

use iplos_sjekk::date::Date;
use iplos_sjekk::fnr::{self, Sex};
use iplos_sjekk::render::{findings_csv, findings_csv_of, json, CsvReport, Lang};
use iplos_sjekk::{check, Input, Options, Report};

mod common;

/// Values a spreadsheet would run as formulas, echoed into the findings as
/// the person key (`pePeID`) and the service code (`tjTjenType`).
const HOSTILE: [&str; 4] = [r#"=HYPERLINK("http://x","y")"#, "+1", "-1", "@SUM(1)"];

fn run(bytes: &[u8], name: &str, opts: &Options) -> Report {
    check(Input { name, bytes }, None, opts)
}

fn hostile_csv() -> String {
    // poHusstand is there but empty: each person has a finding of its own
    // (PER-14), which names its pePeID.
    let mut csv =
        String::from("pePeID;peKomnr;tjTjenType;tjVedtDato;tjFraDato;peAlder;peKjonn;poHusstand\n");
    for v in HOSTILE {
        let cell = format!("\"{}\"", v.replace('"', "\"\""));
        csv.push_str(&format!("{cell};0301;{cell};20250101;20250101;50;M;\n"));
    }
    csv
}

fn cells(csv: &str) -> Vec<Vec<String>> {
    let body = csv.strip_prefix('\u{feff}').expect("a byte-order mark");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_string).collect())
        .collect()
}

fn year_2025() -> Options {
    Options {
        year: Some(2025),
        ..Options::default()
    }
}

#[test]
fn no_cell_starts_a_formula() {
    let report = run(hostile_csv().as_bytes(), "farlig.csv", &year_2025());
    for lang in [Lang::Nb, Lang::En] {
        let out = findings_csv(&report, lang, false);
        let rows = cells(&out);
        assert!(rows.len() > HOSTILE.len(), "findings for every row:\n{out}");
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "a formula cell {cell:?} in:\n{out}"
                );
            }
        }
        // The values are there, defused, in the pePeID column.
        for v in HOSTILE {
            let defused = format!("'{v}");
            assert!(
                rows.iter().any(|r| r[7] == defused),
                "{defused:?} not in:\n{out}"
            );
        }
    }
}

#[test]
fn the_format_is_excel_s_norwegian_csv() {
    let report = run(hostile_csv().as_bytes(), "farlig.csv", &year_2025());
    let out = findings_csv(&report, Lang::Nb, false);
    assert!(out.starts_with("\u{feff}Kode;Alvorlighet;Regel;Linje;Kolonne;Fil;Person nr.;pePeID;Fødselsnummer (maskert);Tjeneste;Melding\r\n"));
    assert!(out.ends_with("\r\n"));
    assert!(!out.replace("\r\n", "").contains('\n'), "a bare LF");
    let rows = cells(&out);
    assert!(
        rows.iter().all(|r| r.len() == 11),
        "11 columns in every row"
    );
    assert_eq!(rows.len() - 1, report.findings.len());
    let en = findings_csv(&report, Lang::En, false);
    assert!(en.starts_with("\u{feff}Code;Severity;Rule;Line;Column;File;Person no.;pePeID;Identity number (masked);Service;Message\r\n"));
}

#[test]
fn a_report_and_its_json_give_the_same_bytes() {
    let main = common::fagmelding();
    let ident = common::identmelding();
    let opts = Options {
        year: Some(2025),
        max_findings_per_code: Some(1),
        reveal_identities: true,
        ..Options::default()
    };
    let report = check(
        Input::new("m.xml", main.as_bytes()),
        Some(Input::new("i.xml", ident.as_bytes())),
        &opts,
    );
    let back: CsvReport = serde_json::from_str(&json(&report)).expect("the contract reads back");
    assert!(!back.findings.is_empty());
    for lang in [Lang::Nb, Lang::En] {
        for full in [false, true] {
            assert_eq!(
                findings_csv(&report, lang, full),
                findings_csv_of(&back, lang, full)
            );
        }
    }
}

#[test]
fn left_out_findings_get_a_row_of_their_own() {
    let report = run(
        hostile_csv().as_bytes(),
        "farlig.csv",
        &Options {
            year: Some(2025),
            max_findings_per_code: Some(1),
            ..Options::default()
        },
    );
    assert!(!report.findings_omitted.is_empty());
    let rows = cells(&findings_csv(&report, Lang::Nb, false));
    for o in &report.findings_omitted {
        let row = rows
            .iter()
            .find(|r| r[0] == o.code && r[10].contains("ikke listet"))
            .unwrap_or_else(|| panic!("no row for {}'s left-out findings", o.code));
        assert_eq!(
            row[10],
            format!("{} flere funn med denne koden er ikke listet.", o.count)
        );
    }
}

#[test]
fn full_identities_stay_text_with_their_leading_zero() {
    // Born on the 5th: the number starts with a zero.
    let ident = fnr::synthetic_fnr(Date::new(1950, 3, 5).unwrap(), 101, Sex::Female);
    assert!(ident.starts_with('0'));
    let csv = format!(
        "pePeID;fid;peKomnr;tjTjenType;tjVedtDato;tjFraDato\n7;{ident};0301;1;20250101;20250101\n"
    );
    let opts = Options {
        year: Some(2025),
        reveal_identities: true,
        ..Options::default()
    };
    let report = run(csv.as_bytes(), "fid.csv", &opts);
    let masked = findings_csv(&report, Lang::Nb, false);
    assert!(
        !masked.contains(&ident),
        "a full identity in the masked CSV"
    );
    let full = findings_csv(&report, Lang::Nb, true);
    let rows = cells(&full);
    assert_eq!(rows[0][8], "Fødselsnummer (fullt)");
    // The person's rows (a file-level finding, such as FIL-20 for the
    // columns this small file lacks, has no person).
    let fids: Vec<&str> = rows[1..]
        .iter()
        .filter(|r| !r[6].is_empty())
        .map(|r| r[8].as_str())
        .collect();
    assert!(!fids.is_empty());
    // Excel reads ="…" as the text, leading zero and all.
    assert!(
        fids.iter().all(|f| *f == format!("=\"{ident}\"")),
        "every identity as =\"{ident}\": {fids:?}"
    );
    // Only digits ride in a formula: anything else is an ordinary, defused cell.
    let mut back: CsvReport = serde_json::from_str(&iplos_sjekk::render::json(&report)).unwrap();
    back.findings[0].fid_full = Some("=cmd()".into());
    let rows = cells(&findings_csv_of(&back, Lang::Nb, true));
    assert_eq!(rows[1][8], "'=cmd()");
}

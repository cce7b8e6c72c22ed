//! The privacy promise against a hostile or careless file: an identity
//! number planted anywhere (any field, attribute, element or attribute
//! name, header, the identmelding's attributes, the file name; whole or
//! split 6 + 5) appears in no output; long values are cut; control bytes
//! never reach a terminal.
//!
//! The planted number is real-looking (a real birth date, classic check
//! digits, not synthetic), so that it proves the masking. It is made here
//! at run time and never stored in the repository.

use std::process::Command;

use iplos_sjekk::render::{self, Lang};
use iplos_sjekk::{check, Input, Options, Report};

mod common;
use common::*;

/// A real-looking fødselsnummer: 15 July 1965, classic check digits.
fn planted() -> String {
    (100..500)
        .find_map(|i| with_check_digits(&format!("150765{i:03}")))
        .expect("some individnummer has check digits")
}

/// The forms the number must not take in any output.
fn forbidden(fnr: &str) -> Vec<String> {
    let mut all = plantings(fnr);
    // the part the mask hides, wherever it ended up
    all.push(fnr[6..].to_string());
    all
}

/// How the number is planted: whole, and split with a space, dash or dot.
fn plantings(fnr: &str) -> Vec<String> {
    let (a, b) = fnr.split_at(6);
    vec![
        fnr.to_string(),
        format!("{a} {b}"),
        format!("{a}-{b}"),
        format!("{a}.{b}"),
    ]
}

fn outputs(r: &Report) -> String {
    format!(
        "{}\n{}\n{}\n{}\n{}",
        render::text(r, Lang::Nb),
        render::text(r, Lang::En),
        render::json(r),
        render::findings_csv(r, Lang::Nb, false),
        render::findings_csv(r, Lang::En, false)
    )
}

fn assert_clean(out: &str, fnr: &str, case: &str) {
    for f in forbidden(fnr) {
        assert!(!out.contains(&f), "{case}: «{f}» in the output");
    }
}

fn run(name: &str, main: &str, ident: Option<&str>, year: Option<u16>) -> Report {
    check(
        Input::new(name, main.as_bytes()),
        ident.map(|i| Input::new("ident.xml", i.as_bytes())),
        &Options {
            year,
            ..Default::default()
        },
    )
}

/// Every `>value<` and `="value"` of a text, as byte ranges of the value.
fn values(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'>' => {
                let end = text[i + 1..].find('<').map(|e| i + 1 + e);
                if let Some(end) = end.filter(|&e| e > i + 1 && !text[i + 1..e].trim().is_empty()) {
                    out.push(i + 1..end);
                }
            }
            b'"' if i > 0 && b[i - 1] == b'=' => {
                if let Some(e) = text[i + 1..].find('"') {
                    out.push(i + 1..i + 1 + e);
                    i += e + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Names of elements and attributes: `<name`, `</name`, ` name=`.
fn names(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in 0..b.len() {
        let starts = (b[i] == b'<' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
            || (b[i] == b' ' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic));
        if starts {
            let from = i + 1;
            let len = text[from..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(0);
            let is_attr = b[i] == b' ' && b.get(from + len) == Some(&b'=');
            if len > 0 && (b[i] == b'<' || is_attr) {
                out.push(from..from + len);
            }
        }
    }
    out
}

#[test]
fn a_planted_identity_number_reaches_no_output() {
    let fnr = planted();
    let fag = fagmelding();
    let ident = identmelding();
    let mut cases = 0;
    // Runs the pair with `text` in place of the fagmelding or the identmelding.
    let run_with = |in_fag: bool, text: &str| {
        if in_fag {
            run("fag.xml", text, Some(&ident), None)
        } else {
            run("fag.xml", &fag, Some(text), None)
        }
    };
    for form in plantings(&fnr) {
        // Every value and every attribute value of both files.
        for (in_fag, source) in [(true, &fag), (false, &ident)] {
            for r in values(source) {
                let text = format!("{}{form}{}", &source[..r.start], &source[r.end..]);
                let what = if in_fag { "fagmelding" } else { "identmelding" };
                let rep = run_with(in_fag, &text);
                assert_clean(
                    &outputs(&rep),
                    &fnr,
                    &format!("{what} value at {r:?}: {form}"),
                );
                cases += 1;
            }
        }
        // The file name.
        let rep = run(&format!("uttrekk-{form}.xml"), &fag, Some(&ident), None);
        assert_clean(&outputs(&rep), &fnr, &format!("file name {form}"));
    }
    // Element and attribute names (a name cannot hold a space, dash at the
    // start or dot split, but can hold the digits after a letter).
    for (in_fag, source) in [(true, &fag), (false, &ident)] {
        for r in names(source) {
            let text = format!(
                "{}{}x{fnr}{}",
                &source[..r.start],
                &source[r.start..r.end],
                &source[r.end..]
            );
            let rep = run_with(in_fag, &text);
            assert_clean(&outputs(&rep), &fnr, &format!("name at {r:?}"));
            cases += 1;
        }
    }
    // An unknown element and attribute, the namespace and versjon.
    for (from, to) in [
        (
            "<peAlder>87</peAlder>",
            format!("<peAlder>87</peAlder><u{fnr}>1</u{fnr}>"),
        ),
        (
            "<peAlder>87</peAlder>",
            format!("<peAlder a{fnr}=\"1\">87</peAlder>"),
        ),
        ("versjon=\"3.5\"", format!("versjon=\"{fnr}\"")),
        ("iplos/2018", format!("iplos/{fnr}")),
    ] {
        let text = replace_once(&fag, from, &to, &to);
        let rep = run("fag.xml", &text, Some(&ident), None);
        assert_clean(&outputs(&rep), &fnr, &to);
        cases += 1;
    }
    assert!(cases > 400, "only {cases} cases");
}

#[test]
fn a_planted_identity_number_in_a_csv_reaches_no_output() {
    let fnr = planted();
    let csv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/csv-utf8.csv"
    ))
    .unwrap();
    let mut cases = 0;
    for form in plantings(&fnr) {
        // Every cell of the header and of every row.
        let mut offset = 0;
        for line in csv.split_inclusive('\n') {
            let mut col = 0;
            for cell in line.trim_end_matches(['\r', '\n']).split(';') {
                let start = offset + col;
                let text = format!("{}{form}{}", &csv[..start], &csv[start + cell.len()..]);
                let rep = run("x.csv", &text, None, Some(2025));
                assert_clean(&outputs(&rep), &fnr, &format!("cell «{cell}» → {form}"));
                col += cell.len() + 1;
                cases += 1;
            }
            offset += line.len();
        }
    }
    assert!(cases > 40, "only {cases} cases");
}

/// An EPJ that uses identity numbers as `pePeID`: PER-28 says so once, and
/// neither it nor any other finding shows the numbers.
#[test]
fn identity_numbers_as_person_ids_are_named_and_masked() {
    let fnr = planted();
    let fag = fagmelding().replace("\"1001\"", &format!("\"{fnr}\""));
    let ident = identmelding().replace("\"1001\"", &format!("\"{fnr}\""));
    let rep = run("fag.xml", &fag, Some(&ident), None);
    let per28: Vec<_> = rep.findings.iter().filter(|f| f.code == "PER-28").collect();
    assert_eq!(per28.len(), 1, "{:#?}", rep.findings);
    assert!(
        per28[0].message.contains("150765*****"),
        "{}",
        per28[0].message
    );
    assert_clean(&outputs(&rep), &fnr, "pePeID");
}

/// Values are quoted as short excerpts with their length: 40 values of 2 MB
/// give a small report.
#[test]
fn long_values_are_cut_and_the_report_stays_small() {
    let long = "A".repeat(2_000_000);
    let mut fag = fagmelding();
    let mut planted_values = 0;
    for (from, to) in [
        ("<peKjonn>K</peKjonn>", format!("<peKjonn>{long}</peKjonn>")),
        (
            "<peKomnr>4601</peKomnr>\n<peBydelsnr>03",
            format!("<peKomnr>{long}</peKomnr>\n<peBydelsnr>03"),
        ),
        (
            "<tjTjenType>15</tjTjenType>",
            format!("<tjTjenType>{long}</tjTjenType>"),
        ),
        (
            "<diDiagKode>F03</diDiagKode>",
            format!("<diDiagKode>{long}</diDiagKode>"),
        ),
    ] {
        fag = replace_once(&fag, from, &to, "long");
        planted_values += 1;
    }
    // 36 more in the FUNKSJON scores and dates of both persons.
    let mut rest = 36;
    while rest > 0 {
        let Some(at) = fag.find("<fnFunkVerdi>3<") else {
            break;
        };
        fag.replace_range(at + 13..at + 14, &long);
        rest -= 1;
        planted_values += 1;
    }
    assert_eq!(planted_values, 40);
    let rep = run("fag.xml", &fag, Some(&identmelding()), None);
    let out = outputs(&rep);
    assert!(!rep.findings.is_empty());
    assert!(
        out.len() < 1_000_000,
        "the outputs hold {} bytes",
        out.len()
    );
    assert!(
        out.contains("(2 000 000 tegn)") && out.contains("(2,000,000 characters)"),
        "no length note"
    );
    assert!(!out.contains(&"A".repeat(100)));
}

/// Control bytes from the file are shown, never sent to the terminal: a
/// CSV cell that clears the screen, writes the clipboard (OSC 52) and
/// fakes a verdict at the start of the line.
#[test]
fn the_cli_prints_no_control_bytes_from_the_file() {
    let csv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/csv-utf8.csv"
    ))
    .unwrap();
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let hostile = "\u{1b}[2J\u{1b}]52;c;aGFsbG8=\u{7}\rVurdering: Klar\u{9b}31m";
    // Into a value the rules quote (sex) of the first row.
    let header: Vec<&str> = lines[0].split(';').collect();
    let col = header
        .iter()
        .position(|h| h.to_lowercase().contains("kj"))
        .expect("a sex column");
    let mut cells: Vec<String> = lines[1].split(';').map(str::to_string).collect();
    cells[col] = hostile.to_string();
    lines[1] = cells.join(";");
    // And an unknown column named with them.
    lines[0] = format!("{};x{hostile}", lines[0]);
    for l in lines.iter_mut().skip(1) {
        l.push_str(";1");
    }
    let dir = std::env::temp_dir().join(format!("iplos-privacy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("fiendtlig.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    for format in ["text", "csv", "json"] {
        let out = Command::new(env!("CARGO_BIN_EXE_iplos-sjekk"))
            .args([
                "check",
                path.to_str().unwrap(),
                "--year",
                "2025",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.is_empty());
        // The CSV ends its rows with CRLF, as Excel expects; a CR from the
        // file is still one too many.
        let stdout = if format == "csv" {
            stdout.replace("\r\n", "\n")
        } else {
            stdout.into_owned()
        };
        for bad in ['\u{1b}', '\u{7}', '\r', '\u{9b}'] {
            assert!(!stdout.contains(bad), "{format}: {bad:?} reached stdout");
        }
        if format == "text" {
            assert!(
                stdout.contains("\\x1b[2J"),
                "{format}: the escape is not shown: {stdout}"
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A value that a spreadsheet would run as a formula is written as text in
/// the CLI's CSV: no cell starts with `=`, `+`, `-` or `@`.
#[test]
fn the_csv_defuses_formulas() {
    let mut fag = fagmelding();
    for (from, to) in [
        (
            "<peKjonn>K</peKjonn>",
            "<peKjonn>=HYPERLINK(\"http://x\",\"y\")</peKjonn>",
        ),
        (
            "<diDiagKode>F03</diDiagKode>",
            "<diDiagKode>@SUM(1)</diDiagKode>",
        ),
        ("<tjTjenType>15</tjTjenType>", "<tjTjenType>+1</tjTjenType>"),
        ("<peAlder>87</peAlder>", "<peAlder>-1</peAlder>"),
    ] {
        fag = replace_once(&fag, from, to, to);
    }
    fag = fag.replace("pePeID=\"1002\"", "pePeID=\"=1+1\"");
    let rep = run("fag.xml", &fag, Some(&identmelding()), None);
    for lang in [Lang::Nb, Lang::En] {
        let csv = render::findings_csv(&rep, lang, false);
        let mut cells = 0;
        for line in csv.lines() {
            // The cells as a spreadsheet splits them (quotes taken off).
            for cell in line.split(';') {
                let cell = cell.trim_start_matches('"');
                cells += 1;
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "a live formula: {cell}"
                );
            }
        }
        assert!(cells > 20);
        assert!(csv.contains("'=1+1"), "pePeID written as text: {csv}");
    }
}

//! One cause, one finding: a CSV that lacks a column the schema requires
//! gets one FIL-20 naming the column, not a finding per person.

mod common;

use iplos_sjekk::{check, Input, Options, Report};

fn run(text: &str) -> Report {
    check(
        Input {
            name: "uttrekk.csv",
            bytes: text.as_bytes(),
        },
        None,
        &Options {
            year: Some(2025),
            ..Options::default()
        },
    )
}

fn codes(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code).collect()
}

#[test]
fn a_missing_required_column_is_one_finding_naming_it() {
    let clean = run(&common::without_columns(&[]));
    assert!(!codes(&clean).contains(&"FIL-20"), "{:?}", codes(&clean));
    let persons = clean.persons;
    assert!(persons > 1);

    let r = run(&common::without_columns(&["peFraDato"]));
    let fil20: Vec<_> = r.findings.iter().filter(|f| f.code == "FIL-20").collect();
    assert_eq!(fil20.len(), 1, "{:?}", codes(&r));
    assert!(
        fil20[0].message.contains("peFraDato"),
        "{}",
        fil20[0].message
    );
    assert!(
        !fil20[0].message.contains('<'),
        "CSV words, not XML tags: {}",
        fil20[0].message
    );
    // Nothing per person for the missing column.
    assert!(
        !r.findings
            .iter()
            .any(|f| f.code == "FIL-11" && f.message.contains("peFraDato")),
        "{:?}",
        codes(&r)
    );
    // The rest of the check is as before.
    let rest = |r: &Report| {
        let mut c: Vec<_> = codes(r).into_iter().filter(|c| *c != "FIL-20").collect();
        c.sort();
        c
    };
    assert_eq!(rest(&r), rest(&clean));
}

#[test]
fn several_missing_columns_are_named_in_one_finding() {
    let r = run(&common::without_columns(&[
        "peKomnr",
        "peKjonn",
        "tjVedtDato",
    ]));
    let fil20: Vec<_> = r.findings.iter().filter(|f| f.code == "FIL-20").collect();
    assert_eq!(fil20.len(), 1);
    for name in ["peKomnr", "peKjonn", "tjVedtDato"] {
        assert!(
            fil20[0].message.contains(name),
            "{name}: {}",
            fil20[0].message
        );
    }
    for per_record in ["PER-10", "PER-19", "TJE-25"] {
        assert!(
            !codes(&r).contains(&per_record),
            "{per_record} repeats the missing column: {:?}",
            codes(&r)
        );
    }
}

#[test]
fn an_empty_cell_is_still_the_records_own_finding() {
    // The column is there; one person's value is empty: that is PER-10 for
    // that person, not FIL-20.
    let text = common::without_columns(&[]);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].split(';').collect();
    let col = header.iter().position(|h| *h == "peKomnr").unwrap();
    // Every row of the first person (its columns repeat on each row).
    let first = lines[1].split(';').next().unwrap().to_string();
    for line in lines.iter_mut().skip(1) {
        let mut cells: Vec<String> = line.split(';').map(str::to_string).collect();
        if cells[0] == first {
            cells[col] = String::new();
            *line = cells.join(";");
        }
    }
    let r = run(&(lines.join("\n") + "\n"));
    assert!(!codes(&r).contains(&"FIL-20"));
    assert!(codes(&r).contains(&"PER-10"), "{:?}", codes(&r));
}

#[test]
fn codes_that_lost_their_zeros_are_one_finding_naming_excel() {
    let (clean, saved) = common::excel_saved(200, None);
    let before = run(&clean);
    assert!(!codes(&before).contains(&"FIL-19"), "{:?}", codes(&before));
    let r = run(&saved);
    let fil19: Vec<_> = r.findings.iter().filter(|f| f.code == "FIL-19").collect();
    assert_eq!(fil19.len(), 1, "{:?}", codes(&r));
    assert!(fil19[0].message.contains("Excel"), "{}", fil19[0].message);
    assert!(
        fil19[0].message.contains("kommunenummer hos 200 personer"),
        "{}",
        fil19[0].message
    );
    // The per-record findings the lost zeros explain are folded under it.
    for code in ["PER-10", "PER-02", "PER-13", "PER-24"] {
        assert!(!codes(&r).contains(&code), "{code} listed: {:?}", codes(&r));
    }
    // What is left is what the clean file had, and FIL-19.
    let rest = |r: &Report| {
        let mut c: Vec<_> = codes(r).into_iter().filter(|c| *c != "FIL-19").collect();
        c.sort();
        c.dedup();
        c
    };
    let mut want = rest(&before);
    want.retain(|c| *c != "PER-07"); // synthetic numbers lose their zero too
    let got: Vec<_> = rest(&r).into_iter().filter(|c| *c != "PER-07").collect();
    assert_eq!(got, want);
}

#[test]
fn a_lone_typo_stays_the_records_own_finding() {
    // One row of 200 lost its zeros: a typo, not the file's pattern.
    let (_, saved) = common::excel_saved(200, Some(1));
    let r = run(&saved);
    assert!(!codes(&r).contains(&"FIL-19"), "{:?}", codes(&r));
    assert!(codes(&r).contains(&"PER-10"), "{:?}", codes(&r));
}

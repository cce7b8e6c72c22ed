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

/// The clean CSV fixture without the columns `drop`.
fn without(drop: &[&str]) -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/csv-utf8.csv"
    ))
    .unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(';').collect();
    let gone: Vec<usize> = drop
        .iter()
        .map(|d| {
            header
                .iter()
                .position(|h| h == d)
                .expect("a column of the fixture")
        })
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

fn codes(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code).collect()
}

#[test]
fn a_missing_required_column_is_one_finding_naming_it() {
    let clean = run(&without(&[]));
    assert!(!codes(&clean).contains(&"FIL-20"), "{:?}", codes(&clean));
    let persons = clean.persons;
    assert!(persons > 1);

    let r = run(&without(&["peFraDato"]));
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
    let r = run(&without(&["peKomnr", "peKjonn", "tjVedtDato"]));
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
    let text = without(&[]);
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

/// A generated Oslo CSV (its municipality `0301` and districts like `03`
/// have leading zeros), as Excel saves it: every code that is a number
/// written without its leading zeros.
fn excel_saved(persons: u64, only_rows: Option<usize>) -> (String, String) {
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

#[test]
fn codes_that_lost_their_zeros_are_one_finding_naming_excel() {
    let (clean, saved) = excel_saved(200, None);
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
    let (_, saved) = excel_saved(200, Some(1));
    let r = run(&saved);
    assert!(!codes(&r).contains(&"FIL-19"), "{:?}", codes(&r));
    assert!(codes(&r).contains(&"PER-10"), "{:?}", codes(&r));
}

/// A generated CSV (persons with services, assessments, diagnoses and
/// stays) for `kommune`.
fn generated_csv(persons: u64, kommune: &str, seed: u64) -> String {
    use iplos_sjekk::generate::{to_bytes, Config, Format};
    let mut cfg = Config::new(persons, 2024, seed);
    cfg.format = Format::Csv;
    cfg.kommune = kommune.into();
    String::from_utf8(to_bytes(&cfg).0).unwrap()
}

/// `text` without the columns named `drop`.
fn drop_columns(text: &str, drop: &[&str]) -> String {
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

/// How many findings of each code, without `but`.
fn tally(r: &Report, but: &str) -> std::collections::BTreeMap<&'static str, usize> {
    let mut m = std::collections::BTreeMap::new();
    for f in r.findings.iter().filter(|f| f.code != but) {
        *m.entry(f.code).or_default() += 1;
    }
    m
}

#[test]
fn every_required_column_missing_is_one_finding_and_nothing_else() {
    // Each column the schema (or, for poHusstand, the regulation) requires
    // of a person, a service, a diagnosis, a stay or the dates of an
    // assessment, taken out of a file that has the others: one FIL-20 that
    // names it, and every other finding exactly as in the whole file.
    let text = generated_csv(300, "4601", 9);
    let clean = run(&text);
    assert!(!codes(&clean).contains(&"FIL-20"), "{:?}", codes(&clean));
    let n = &clean.records;
    assert!(
        n.tjeneste > 0 && n.funksjon > 0 && n.diagnose > 0 && n.dogntilbud > 0,
        "every record kind in the file: {n:?}"
    );
    let required = [
        ("peAlder", "hver person"),
        ("peKjonn", "hver person"),
        ("peKomnr", "hver person"),
        ("peBydelsnr", "hver person"),
        ("peFraDato", "hver person"),
        ("peEndrDato", "hver person"),
        ("poHusstand", "hver person"),
        ("fnFraDato", "hver funksjonsvurdering"),
        ("fnTilDato", "hver funksjonsvurdering"),
        ("tjTjenType", "hver tjeneste"),
        ("tjVedtDato", "hver tjeneste"),
        ("diKodeVersjon", "hver diagnose"),
        ("diDiagKode", "hver diagnose"),
        ("diFraDato", "hver diagnose"),
        ("diTilDato", "hver diagnose"),
        ("dgInstOrgnr", "hvert opphold"),
        ("dgFraDato", "hvert opphold"),
        ("dgTilDato", "hvert opphold"),
    ];
    for (column, whose) in required {
        let r = run(&drop_columns(&text, &[column]));
        let fil20: Vec<_> = r.findings.iter().filter(|f| f.code == "FIL-20").collect();
        assert_eq!(fil20.len(), 1, "{column}: {:?}", codes(&r));
        let m = &fil20[0].message;
        assert!(
            m.contains(&format!("Kolonnen {column} mangler")) && m.contains(whose),
            "{column}: {m}"
        );
        assert!(
            fil20[0]
                .message_en
                .contains(&format!("The column {column} is missing")),
            "{}",
            fil20[0].message_en
        );
        assert_eq!(
            tally(&r, "FIL-20"),
            tally(&clean, "FIL-20"),
            "{column}: a finding per record that the missing column explains"
        );
    }
}

#[test]
fn missing_columns_of_a_record_kind_the_file_lacks_are_not_asked_for() {
    // A file with no diagnosis or stay columns at all reports none: no
    // diagnosis or stay is missing a value.
    let text = generated_csv(60, "4601", 12);
    let header: Vec<&str> = text.lines().next().unwrap().split(';').collect();
    let di_dg: Vec<&str> = header
        .iter()
        .copied()
        .filter(|h| h.starts_with("di") || h.starts_with("dg"))
        .collect();
    assert_eq!(di_dg.len(), 7, "{header:?}");
    let r = run(&drop_columns(&text, &di_dg));
    assert!(!codes(&r).contains(&"FIL-20"), "{:?}", codes(&r));
}

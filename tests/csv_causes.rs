//! One cause, one finding: a CSV that lacks a column the schema requires
//! gets one FIL-20 naming the column, not a finding per person; a CSV or
//! workbook whose codes lost their leading zeros (Excel) gets one FIL-19,
//! with the findings the lost zeros explain folded under it.

mod common;
#[path = "common/packages.rs"]
mod packages;

use iplos_sjekk::{check, Input, Options, Report};

fn run(text: &str) -> Report {
    run_in(text, 2025, None)
}

/// Checks the CSV `text` for `year`, listing at most `cap` findings a code.
fn run_in(text: &str, year: u16, cap: Option<usize>) -> Report {
    check(
        Input::new("uttrekk.csv", text.as_bytes()),
        None,
        &Options {
            year: Some(year),
            max_findings_per_code: cap,
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

/// A generated CSV (persons with services, assessments, diagnoses and
/// stays) for `kommune`.
fn generated_csv(persons: u64, kommune: &str, seed: u64) -> String {
    use iplos_sjekk::generate::{to_bytes, Config, Format};
    let mut cfg = Config::new(persons, 2024, seed);
    cfg.format = Format::Csv;
    cfg.kommune = kommune.into();
    String::from_utf8(to_bytes(&cfg).0).unwrap()
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
        ("tjFraDato", "innvilgede tjenester"),
        ("tjInstOrgnr", "innvilgede tjenester"),
        ("diKodeVersjon", "hver diagnose"),
        ("diDiagKode", "hver diagnose"),
        ("diFraDato", "hver diagnose"),
        ("diTilDato", "hver diagnose"),
        ("dgInstOrgnr", "hvert opphold"),
        ("dgFraDato", "hvert opphold"),
        ("dgTilDato", "hvert opphold"),
    ];
    for (column, whose) in required {
        let r = run(&common::drop_columns(&text, &[column]));
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
    let r = run(&common::drop_columns(&text, &di_dg));
    assert!(!codes(&r).contains(&"FIL-20"), "{:?}", codes(&r));
}

/// What Excel writes back when it saved `text`: every cell that is all
/// digits read as a number, so without its leading zeros (`0` stays `0`).
/// Only the columns `only` when given.
fn as_excel_saves(text: &str, only: Option<&[&str]>) -> String {
    let header: Vec<&str> = text.lines().next().unwrap().split(';').collect();
    let touched: Vec<bool> = header
        .iter()
        .map(|h| only.is_none_or(|o| o.contains(h)))
        .collect();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let cells: Vec<String> = line
            .split(';')
            .enumerate()
            .map(|(c, v)| {
                let number = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
                if i > 0 && touched[c] && number {
                    let t = v.trim_start_matches('0');
                    if t.is_empty() { "0" } else { t }.to_string()
                } else {
                    v.to_string()
                }
            })
            .collect();
        out += &cells.join(";");
        out.push('\n');
    }
    out
}

fn run_2024(text: &str, cap: Option<usize>) -> Report {
    run_in(text, 2024, cap)
}

/// The count a FIL-19 message gives after `before` (`… hos N personer`).
fn count_after(message: &str, before: &str) -> usize {
    let at = message
        .find(before)
        .unwrap_or_else(|| panic!("{before:?} in {message}"));
    message[at + before.len()..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The codes the lost zeros of a clean file give, one by one, when they are
/// not folded.
const SYMPTOMS: [&str; 9] = [
    "FIL-06", "PER-02", "PER-03", "PER-04", "PER-10", "PER-11", "PER-12", "PER-13", "PER-24",
];

#[test]
fn a_file_excel_saved_is_one_finding_not_hundreds() {
    // Oslo: the sender, every person's municipality, districts 01-09 and
    // identity numbers of those born on the 1st to 9th lose their zeros.
    let clean = generated_csv(300, "0301", 21);
    let saved = as_excel_saves(&clean, None);
    let before = run_2024(&clean, None);
    assert!(!codes(&before).contains(&"FIL-19"), "{:?}", codes(&before));
    assert_eq!(before.kommune.as_deref(), Some("0301"));

    let r = run_2024(&saved, None);
    let fil19: Vec<_> = r.findings.iter().filter(|f| f.code == "FIL-19").collect();
    assert_eq!(fil19.len(), 1, "{:?}", tally(&r, ""));
    let (nb, en) = (&fil19[0].message, &fil19[0].message_en);
    assert!(
        nb.contains("lagret i Excel") && en.contains("saved in Excel"),
        "{nb}"
    );
    assert!(nb.contains("iiKomnr 301, trolig 0301"), "{nb}");
    for code in SYMPTOMS {
        assert!(
            !codes(&r).contains(&code),
            "{code} listed: {:?}",
            tally(&r, "")
        );
    }
    // The sender is read as the municipality it is.
    assert_eq!(r.kommune.as_deref(), Some("0301"));
    // Every person lost the municipality's zero; each lost code gave one
    // finding, each counted once in the message (and the sender's).
    let kommune = count_after(nb, "kommunenummer hos ");
    let bydel = count_after(nb, "bydelsnummer hos ");
    let fid = count_after(nb, "fødselsnummer hos ");
    assert_eq!(kommune, 300);
    assert!(bydel > 0 && fid > 0, "{nb}");
    let folded = count_after(
        nb,
        "(300 personer i alt): filen er trolig åpnet og lagret i Excel. ",
    );
    assert_eq!(folded, kommune + bydel + fid + 1, "{nb}");
    // What is left is what the clean file had (but the synthetic-person
    // warning, which needs the whole identity number).
    let mut want = tally(&before, "PER-07");
    want.insert("FIL-19", 1);
    assert_eq!(tally(&r, "PER-07"), want);
}

#[test]
fn the_fold_counts_findings_over_the_cap_too() {
    let saved = as_excel_saves(&generated_csv(200, "0301", 22), None);
    let all = run_2024(&saved, None);
    let capped = run_2024(&saved, Some(10));
    let msg = |r: &Report| {
        r.findings
            .iter()
            .find(|f| f.code == "FIL-19")
            .map(|f| f.message.clone())
            .expect("FIL-19")
    };
    assert_eq!(msg(&capped), msg(&all));
    for code in SYMPTOMS {
        assert!(!codes(&capped).contains(&code), "{code}");
    }
    assert_eq!(capped.counts, all.counts, "the counts agree with the list");
}

#[test]
fn identity_numbers_alone_losing_their_zero_is_the_pattern() {
    // Bergen (no leading zero in its number), the districts and identity
    // numbers read as text but the identity numbers saved as numbers.
    let clean = generated_csv(200, "4601", 23);
    let saved = as_excel_saves(&clean, Some(&["fid"]));
    let before = run_2024(&clean, None);
    let r = run_2024(&saved, None);
    let fil19: Vec<_> = r.findings.iter().filter(|f| f.code == "FIL-19").collect();
    assert_eq!(fil19.len(), 1, "{:?}", tally(&r, ""));
    let nb = &fil19[0].message;
    assert!(
        nb.contains("fødselsnummer hos")
            && !nb.contains("kommunenummer")
            && !nb.contains("bydelsnummer"),
        "{nb}"
    );
    for code in ["PER-02", "PER-03", "PER-04"] {
        assert!(!codes(&r).contains(&code), "{code}: {:?}", tally(&r, ""));
    }
    let mut want = tally(&before, "PER-07");
    want.insert("FIL-19", 1);
    assert_eq!(tally(&r, "PER-07"), want);
}

#[test]
fn a_few_typos_among_codes_that_kept_their_zeros_are_no_pattern() {
    // 3 persons of 40 (7.5 %) with `301`: more than one typo, but the other
    // 37 kept `0301`, which Excel would not have left. Each typo is the
    // person's own finding.
    let clean = generated_csv(40, "0301", 24);
    let header: Vec<&str> = clean.lines().next().unwrap().split(';').collect();
    let (id, komnr) = (
        header.iter().position(|h| *h == "pePeID").unwrap(),
        header.iter().position(|h| *h == "peKomnr").unwrap(),
    );
    let typo = ["3", "17", "29"];
    let text: String = clean
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut c: Vec<&str> = l.split(';').collect();
            if i > 0 && typo.contains(&c[id]) {
                c[komnr] = "301";
            }
            c.join(";") + "\n"
        })
        .collect();
    let r = run_2024(&text, None);
    assert!(!codes(&r).contains(&"FIL-19"), "{:?}", tally(&r, ""));
    let mut per10: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.code == "PER-10")
        .filter_map(|f| f.pe_pe_id.as_deref())
        .collect();
    per10.sort_by_key(|id| id.parse::<u32>().unwrap());
    assert_eq!(per10, typo);
}

#[test]
fn a_workbook_whose_codes_are_numbers_is_the_same_finding() {
    // The Excel-saved file as a workbook: the codes are number cells.
    use packages::{cells_of_csv, xlsx_of};
    let saved = as_excel_saves(&generated_csv(120, "0301", 25), None);
    let book = xlsx_of(&cells_of_csv(&saved), "Ark1");
    let opts = Options {
        year: Some(2024),
        ..Options::default()
    };
    let from_book = check(Input::new("uttrekk.xlsx", &book), None, &opts);
    let from_csv = run_2024(&saved, None);
    let fil19 = |r: &Report| -> Vec<String> {
        r.findings
            .iter()
            .filter(|f| f.code == "FIL-19")
            .map(|f| f.message.clone())
            .collect()
    };
    assert_eq!(fil19(&from_book).len(), 1, "{:?}", tally(&from_book, ""));
    assert_eq!(fil19(&from_book), fil19(&from_csv));
    assert_eq!(tally(&from_book, "FIL-21"), tally(&from_csv, "FIL-21"));
    assert_eq!(from_book.kommune.as_deref(), Some("0301"));
}

#[test]
fn a_workbook_without_a_required_column_is_one_finding() {
    use packages::{cells_of_csv, xlsx_of};
    let text = common::drop_columns(&generated_csv(60, "4601", 26), &["peFraDato"]);
    let book = xlsx_of(&cells_of_csv(&text), "Ark1");
    let r = check(
        Input::new("uttrekk.xlsx", &book),
        None,
        &Options {
            year: Some(2024),
            ..Options::default()
        },
    );
    let fil20: Vec<_> = r.findings.iter().filter(|f| f.code == "FIL-20").collect();
    assert_eq!(fil20.len(), 1, "{:?}", tally(&r, ""));
    assert!(
        fil20[0]
            .message
            .contains("Kolonnen peFraDato mangler i filen"),
        "{}",
        fil20[0].message
    );
    assert_eq!(tally(&r, "FIL-21"), tally(&run_2024(&text, None), "FIL-21"));
}

#[test]
fn a_column_some_services_need_is_counted_in_the_one_finding() {
    // Without tjFraDato and peKomnr: one FIL-20 naming both, with how many
    // granted services lacked the start date (the TJE-04 findings the
    // whole file would have had with the column emptied).
    let text = generated_csv(150, "4601", 27);
    let header: Vec<&str> = text.lines().next().unwrap().split(';').collect();
    let fra = header.iter().position(|h| *h == "tjFraDato").unwrap();
    let emptied: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut c: Vec<&str> = l.split(';').collect();
            if i > 0 {
                c[fra] = "";
            }
            c.join(";") + "\n"
        })
        .collect();
    let one_by_one = tally(&run(&emptied), "")
        .get("TJE-04")
        .copied()
        .unwrap_or(0);
    assert!(one_by_one > 0);
    let r = run(&common::drop_columns(&text, &["peKomnr", "tjFraDato"]));
    let fil20: Vec<_> = r.findings.iter().filter(|f| f.code == "FIL-20").collect();
    assert_eq!(fil20.len(), 1, "{:?}", tally(&r, ""));
    let m = &fil20[0].message;
    assert!(
        m.starts_with("Kolonnene peKomnr, tjFraDato mangler i filen.")
            && m.contains(&format!(
                "tjFraDato skulle hatt en verdi for {one_by_one} innvilgede tjenester"
            )),
        "{m}"
    );
    assert!(!codes(&r).contains(&"TJE-04"), "{:?}", tally(&r, ""));
}

#[test]
fn a_column_no_service_of_the_file_needs_is_not_asked_for() {
    // Only services that name no executing unit (TJE-15's codes taken
    // out), and no tjInstOrgnr column: nothing is missing.
    let text = generated_csv(150, "4601", 28);
    let header: Vec<&str> = text.lines().next().unwrap().split(';').collect();
    let kode = header.iter().position(|h| *h == "tjTjenType").unwrap();
    let names_unit = [
        "1", "2", "3", "4", "8", "15", "17", "18", "19", "20", "21", "22", "25",
    ];
    let kept: String = text
        .lines()
        .enumerate()
        .filter(|(i, l)| *i == 0 || !names_unit.contains(&l.split(';').nth(kode).unwrap()))
        .map(|(_, l)| l.to_string() + "\n")
        .collect();
    let with = run(&kept);
    assert!(with.records.tjeneste > 0, "services left in the file");
    let r = run(&common::drop_columns(&kept, &["tjInstOrgnr"]));
    assert!(!codes(&r).contains(&"FIL-20"), "{:?}", tally(&r, ""));
    assert_eq!(tally(&r, ""), tally(&with, ""));
}

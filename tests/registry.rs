//! The registry's properties, checked as ruff checks its own: codes sorted,
//! unique and shaped like a family code; every rule documented in both
//! languages; how each rule runs declared truthfully (a reader named as
//! raising a code does raise it); every code raised through the whole
//! pipeline by a case of `common/cases.rs`; and the catalogue equal to the
//! product specification's, when that is beside the repository. Never a
//! count: adding a rule is one declaration, one case, and the docs again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use iplos_sjekk::codes::{FIRST_YEAR, LAST_YEAR};
use iplos_sjekk::finding::Confidence;
use iplos_sjekk::rules::{self, Check, Rule, RULES};
use iplos_sjekk::{check, Input, Options, Severity};

mod common;
use common::cases::*;

/// Codes of the specification's catalogue not implemented yet, with the
/// issue that brings them. Remove a code here when its rule is declared.
const PENDING: &[(&str, u32)] = &[];

/// Codes the product has that the specification does not list (yet).
const NOT_IN_SPEC: &[&str] = &["PER-28"];

fn all_text(r: &Rule) -> [(&'static str, &'static str); 6] {
    [
        ("title_nb", r.title_nb),
        ("title_en", r.title_en),
        ("why_nb", r.why_nb),
        ("why_en", r.why_en),
        ("fix_nb", r.fix_nb),
        ("fix_en", r.fix_en),
    ]
}

#[test]
fn codes_are_sorted_unique_and_shaped() {
    for w in RULES.windows(2) {
        assert!(w[0].code < w[1].code, "{} before {}", w[0].code, w[1].code);
    }
    for r in RULES {
        let b = r.code.as_bytes();
        assert!(
            b.len() == 6
                && b[..3].iter().all(u8::is_ascii_uppercase)
                && b[3] == b'-'
                && b[4..].iter().all(u8::is_ascii_digit)
                && &b[4..] != b"00",
            "{} is not a code like FIL-01",
            r.code
        );
        assert_eq!(rules::rule(r.code).map(|x| x.code), Some(r.code));
    }
}

#[test]
fn every_code_is_documented_in_both_languages() {
    for r in RULES {
        for (name, s) in all_text(r) {
            assert!(!s.trim().is_empty(), "{} {name} is empty", r.code);
            assert_eq!(s, s.trim(), "{} {name} has outer whitespace", r.code);
        }
        assert!(r.title_nb.chars().count() <= 70, "{} title_nb", r.code);
        assert!(r.title_en.chars().count() <= 70, "{} title_en", r.code);
    }
}

#[test]
fn why_names_a_source_and_inferred_says_so() {
    for r in RULES {
        assert!(
            r.why_nb.contains("Kilde:") || r.why_nb.contains("Antatt:"),
            "{} why_nb names no source",
            r.code
        );
        assert!(
            r.why_en.contains("Source:") || r.why_en.contains("Inferred:"),
            "{} why_en names no source",
            r.code
        );
        if r.confidence == Confidence::Inferred {
            assert!(r.why_nb.to_lowercase().contains("antatt"), "{}", r.code);
            assert!(r.why_en.to_lowercase().contains("inferred"), "{}", r.code);
        }
    }
}

#[test]
fn no_identity_numbers_in_the_wording() {
    for r in RULES {
        for (name, s) in all_text(r) {
            let mut run = 0;
            for c in s.chars() {
                run = if c.is_ascii_digit() { run + 1 } else { 0 };
                assert!(run < 11, "{} {name} holds an 11-digit number", r.code);
            }
        }
    }
}

#[test]
fn years_are_within_the_supported_range() {
    for r in RULES {
        let (from, to) = r.years;
        assert!(
            FIRST_YEAR <= from && from <= to && to <= LAST_YEAR,
            "{}: {from}–{to}",
            r.code
        );
    }
}

/// The source files of a crate module path (`engine::session`): its file,
/// or every file under its folder.
fn sources_of(module: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let stem = src.join(module.replace("::", "/"));
    let file = stem.with_extension("rs");
    if file.is_file() {
        return vec![file];
    }
    let mut found = Vec::new();
    let mut dirs = vec![stem];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                found.push(p);
            }
        }
    }
    found
}

#[test]
fn a_rule_without_a_check_names_the_readers_that_raise_it() {
    for r in RULES {
        if matches!(r.check, Check::Reader) {
            assert!(
                !r.raised_by.is_empty(),
                "{}: no check and no reader",
                r.code
            );
        }
        for m in r.raised_by {
            let files = sources_of(m);
            assert!(!files.is_empty(), "{}: no module {m}", r.code);
            let quoted = format!("\"{}\"", r.code);
            assert!(
                files
                    .iter()
                    .any(|f| std::fs::read_to_string(f).unwrap().contains(&quoted)),
                "{} is declared raised by {m}, which never names it",
                r.code
            );
        }
    }
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

fn run_csv(text: &str) -> iplos_sjekk::Report {
    check(
        Input::new("x.csv", text.as_bytes()),
        None,
        &Options {
            year: Some(2025),
            ..Default::default()
        },
    )
}

#[test]
fn csv_rules_fire() {
    for (code, text) in csv_cases() {
        let r = run_csv(&text);
        assert!(codes(&r).contains(code), "{code}: {:?}", codes(&r));
    }
}

/// Every code of the registry is raised through the whole pipeline by a
/// case made for it: the cases of `common/cases.rs` together, each
/// counted only for the code it names and only when that code fired.
#[test]
fn every_code_is_triggered() {
    let mut triggered: BTreeSet<&'static str> = BTreeSet::new();
    let mut raised: BTreeSet<&'static str> = BTreeSet::new();
    let mut note = |code: &'static str, got: BTreeSet<&'static str>| {
        if got.contains(code) {
            triggered.insert(code);
        }
        raised.extend(got);
    };
    for (c, code) in cases() {
        note(code, codes(&run(&c)));
    }
    for (code, edits, whole) in domain_cases() {
        note(code, codes(&run_xml(&edits, whole)));
    }
    for (code, text) in csv_cases() {
        note(code, codes(&run_csv(&text)));
    }
    // The input kinds (tests/inputs.rs has every case): a PDF, and a pair
    // given in swapped roles.
    let input = |name, bytes| Input { name, bytes };
    let pdf = check(
        input("a.xml", b"%PDF-1.7\n".as_slice()),
        None,
        &Options::default(),
    );
    note("FIL-18", codes(&pdf));
    let (fag, ide) = (common::fagmelding(), common::identmelding());
    let swapped = check(
        input("i.xml", ide.as_bytes()),
        Some(input("f.xml", fag.as_bytes())),
        &Options::default(),
    );
    note("FIL-21", codes(&swapped));
    for (code, report) in comparison_cases() {
        note(code, codes(&report));
    }
    let all: BTreeSet<&str> = RULES.iter().map(|r| r.code).collect();
    let missing: Vec<_> = all.difference(&triggered).collect();
    assert!(missing.is_empty(), "no case triggers: {missing:?}");
    let unknown: Vec<_> = raised.difference(&all).collect();
    assert!(
        unknown.is_empty(),
        "raised but not in the registry: {unknown:?}"
    );
}

/// The codes and severities of the specification's catalogue, or `None`
/// when the specification is not beside the repository.
fn spec_catalogue() -> Option<Vec<(String, String)>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/rules.md");
    let md = std::fs::read_to_string(path).ok()?;
    let rows = md
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = *cells.get(1)?;
            let b = code.as_bytes();
            (cells.len() > 3
                && b.len() == 6
                && b[3] == b'-'
                && b[..3].iter().all(u8::is_ascii_uppercase))
            .then(|| (code.to_string(), cells[2].to_string()))
        })
        .collect();
    Some(rows)
}

/// The registry is the specification's catalogue: the same codes, save
/// those listed as pending or as ours alone, and the same severities.
#[test]
fn the_catalogue_is_the_specifications() {
    if common::beside_repo(
        "spec/rules.md",
        "registry::the_catalogue_is_the_specifications",
    )
    .is_none()
    {
        return;
    }
    let spec = spec_catalogue().expect("the catalogue beside the repository reads");
    let spec_codes: BTreeSet<&str> = spec.iter().map(|(c, _)| c.as_str()).collect();
    let ours: BTreeSet<&str> = RULES.iter().map(|r| r.code).collect();
    let pending: BTreeSet<&str> = PENDING.iter().map(|(c, _)| *c).collect();
    let extra: BTreeSet<&str> = NOT_IN_SPEC.iter().copied().collect();

    let unimplemented: BTreeSet<&str> = spec_codes.difference(&ours).copied().collect();
    assert_eq!(
        unimplemented, pending,
        "the specification's codes without a rule must be exactly PENDING"
    );
    let stale: Vec<_> = extra.intersection(&spec_codes).collect();
    assert!(
        stale.is_empty(),
        "in the specification now, drop from NOT_IN_SPEC: {stale:?}"
    );
    let unlisted: Vec<_> = ours
        .difference(&spec_codes)
        .filter(|c| !extra.contains(*c))
        .collect();
    assert!(
        unlisted.is_empty(),
        "not in the specification nor in NOT_IN_SPEC: {unlisted:?}"
    );

    for (code, severity) in &spec {
        if let Some(r) = rules::rule(code) {
            let ours = match r.severity {
                Severity::Fatal => "Fatal",
                Severity::Error => "Error",
                Severity::Warning => "Warning",
                Severity::Info => "Info",
            };
            assert_eq!(ours, severity, "{code}'s severity");
        }
    }
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
    let t = iplos_sjekk::rules::rule("FIL-04").unwrap();
    let range = format!("{FIRST_YEAR}–{LAST_YEAR}");
    assert!(
        t.title_nb.contains(&range) && t.title_en.contains(&range),
        "FIL-04's title must name {range}: {} / {}",
        t.title_nb,
        t.title_en
    );
}

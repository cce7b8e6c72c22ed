//! Comparison with last year's file (issue 12), with generated pairs of
//! consecutive years: a normal pair raises no FJO finding; an extract that
//! lost home-nursing clients raises FJO-01 and FJO-04 listing exactly the
//! persons left out; the code-list change 12/13 → 29 of 2019 is no FJO-02;
//! an EPJ renumbering raises FJO-05 alone; the figures agree with the
//! statistics preview; identity numbers leave only masked.

use std::collections::BTreeSet;

use iplos_sjekk::compare::{self, JoinKey};
use iplos_sjekk::fnr;
use iplos_sjekk::generate::{Config, Format, Pair, Side};
use iplos_sjekk::{Input, Options, Report};

mod common;
use common::cases::run_pair;

fn pair(persons: u64, year: u16, seed: u64) -> Pair {
    Pair::new(Config::new(persons, year, seed))
}

fn fjo(r: &Report) -> BTreeSet<&'static str> {
    r.findings
        .iter()
        .map(|f| f.code)
        .filter(|c| c.starts_with("FJO-"))
        .collect()
}

#[test]
fn a_normal_pair_raises_no_fjo_finding() {
    for (year, seed) in [(2025, 1), (2024, 2), (2021, 3), (2017, 4)] {
        let p = pair(1500, year, seed);
        let r = run_pair(&p, &Options::default()).expect("consecutive years");
        assert!(fjo(&r).is_empty(), "{year}/{seed}: {:?}", fjo(&r));
        let c = r.comparison.as_ref().expect("a comparison");
        assert_eq!((c.year, c.previous_year), (year, year - 1));
        assert_eq!(c.persons.joined_on, JoinKey::Identity, "{year}");
        // The pair's churn: 8 % leave, as many are new.
        let churn = (1500.0 * iplos_sjekk::generate::CHURN).round() as usize;
        assert_eq!(c.persons.in_both, 1500 - churn);
        assert_eq!(c.persons.only_last_year, churn);
        assert_eq!(c.persons.only_this_year, churn);
        assert_eq!(c.missing_open_ended.count, 0);
        assert!(c.missing_open_ended.open_ended_last_year > 0);
        assert_eq!(r.verdict, iplos_sjekk::Verdict::Klar);
    }
}

#[test]
fn the_comparison_agrees_with_the_statistics_preview() {
    let p = pair(800, 2024, 9);
    let r = run_pair(&p, &Options::default()).unwrap();
    let c = r.comparison.as_ref().unwrap();
    let stats = r.stats.as_ref().unwrap();
    assert!(!c.by_service.is_empty());
    for s in &c.by_service {
        let st = stats.by_service.iter().find(|x| x.code == s.code);
        assert_eq!(
            s.persons_this_year,
            st.map_or(0, |x| x.persons_year),
            "code {}",
            s.code
        );
        assert_eq!(s.services_this_year, st.map_or(0, |x| x.records_year));
        assert_eq!(
            s.hours_per_week_this_year,
            st.and_then(|x| x.hours_per_week_active)
        );
    }
    for (a, b) in c.age_groups.iter().zip(&stats.by_age_group) {
        assert_eq!((a.group, a.persons_this_year), (b.group, b.persons));
    }
    // Last year's side is the preview of last year's file checked alone.
    let (prev, prev_ident) = p.to_bytes(Side::Previous);
    let alone = iplos_sjekk::check(
        Input::new("fjor.xml", &prev),
        prev_ident
            .as_deref()
            .map(|bytes| Input::new("fjor-ident.xml", bytes)),
        &Options::default(),
    );
    for s in &alone.stats.as_ref().unwrap().by_service {
        let cmp = c.by_service.iter().find(|x| x.code == s.code).unwrap();
        assert_eq!(cmp.persons_last_year, s.persons_year, "code {}", s.code);
    }
    assert!(!c.function_scores.is_empty());
    assert!(c.function_scores.iter().all(|f| f.mean_change.is_some()));
}

#[test]
fn an_incomplete_extract_raises_fjo_01_and_fjo_04_with_exactly_the_dropped_persons() {
    let mut p = pair(1500, 2025, 11);
    p.plant_incomplete = 0.2;
    let dropped = p.dropped();
    assert!(dropped.len() > 100, "{}", dropped.len());
    let r = run_pair(&p, &Options::default()).unwrap();
    let codes = fjo(&r);
    assert!(codes.contains("FJO-01"), "{codes:?}");
    assert!(codes.contains("FJO-04"), "{codes:?}");
    assert!(!codes.contains("FJO-05"), "{codes:?}");
    // FJO-01 is about home nursing, the service the extract lost.
    assert!(r
        .findings
        .iter()
        .any(|f| f.code == "FJO-01" && f.tj_tjen_type.as_deref() == Some("15")));
    let listed: BTreeSet<(String, String)> = r
        .findings
        .iter()
        .filter(|f| f.code == "FJO-04")
        .map(|f| (f.pe_pe_id.clone().unwrap(), f.fid.clone().unwrap()))
        .collect();
    let expected: BTreeSet<(String, String)> = dropped
        .iter()
        .map(|d| (d.pe_pe_id.to_string(), fnr::mask(&d.fid)))
        .collect();
    assert_eq!(listed, expected);
    let c = r.comparison.as_ref().unwrap();
    assert_eq!(c.missing_open_ended.count, dropped.len());
    assert_eq!(
        c.findings
            .iter()
            .find(|n| n.code == "FJO-04")
            .map(|n| n.count),
        Some(dropped.len())
    );
    // No whole identity number anywhere in the JSON.
    let json = iplos_sjekk::render::json(&r);
    for d in &dropped {
        assert!(!json.contains(&d.fid), "a whole identity number leaked");
    }
}

#[test]
fn the_cap_per_code_lists_some_and_counts_the_rest() {
    let mut p = pair(600, 2025, 12);
    p.plant_incomplete = 0.2;
    let n = p.dropped().len();
    let opts = Options {
        max_findings_per_code: Some(5),
        ..Options::default()
    };
    let r = run_pair(&p, &opts).unwrap();
    assert_eq!(r.findings.iter().filter(|f| f.code == "FJO-04").count(), 5);
    let o = r
        .findings_omitted
        .iter()
        .find(|o| o.code == "FJO-04")
        .unwrap();
    assert_eq!(o.count, n - 5);
    assert_eq!(
        r.counts.warning,
        r.findings
            .iter()
            .filter(|f| f.severity == iplos_sjekk::Severity::Warning)
            .count()
            + r.findings_omitted
                .iter()
                .filter(|o| o.severity == iplos_sjekk::Severity::Warning)
                .map(|o| o.count)
                .sum::<usize>()
    );
}

#[test]
fn codes_12_and_13_are_counted_as_29_from_2019() {
    for seed in [5, 6] {
        let p = pair(2000, 2019, seed);
        let r = run_pair(&p, &Options::default()).unwrap();
        assert!(fjo(&r).is_empty(), "{:?}", fjo(&r));
        let c = r.comparison.as_ref().unwrap();
        let c29 = c.by_service.iter().find(|s| s.code == 29).unwrap();
        assert_eq!(c29.mapped_from, vec![12, 13]);
        assert!(c29.persons_last_year >= 20, "{}", c29.persons_last_year);
        assert!(c.by_service.iter().all(|s| s.code != 12 && s.code != 13));
        // 16 left the list in 2019: there last year, none now, no finding.
        let c16 = c.by_service.iter().find(|s| s.code == 16).unwrap();
        assert!(c16.persons_last_year >= 10 && c16.persons_this_year == 0);
    }
}

#[test]
fn an_epj_renumbering_raises_fjo_05_only() {
    let mut p = pair(700, 2025, 21);
    p.renumber = true;
    let r = run_pair(&p, &Options::default()).unwrap();
    assert_eq!(fjo(&r), BTreeSet::from(["FJO-05"]));
    let c = r.comparison.as_ref().unwrap();
    assert_eq!(c.persons.joined_on, JoinKey::Identity);
    assert_eq!(c.persons.renumbered, c.persons.in_both);
    let f = r.findings.iter().find(|f| f.code == "FJO-05").unwrap();
    assert_eq!(f.severity, iplos_sjekk::Severity::Info);
    assert!(f.fid.as_deref().unwrap().ends_with("*****"));
}

#[test]
fn without_identmeldinger_the_years_are_joined_on_pe_pe_id() {
    let p = pair(500, 2025, 31);
    let (main, _) = p.to_bytes(Side::Current);
    let (prev, _) = p.to_bytes(Side::Previous);
    let r = compare::check_pair(
        Input::new("i-aar.xml", &main),
        None,
        Input::new("fjor.xml", &prev),
        None,
        &Options::default(),
    )
    .unwrap();
    let c = r.comparison.as_ref().unwrap();
    assert_eq!(c.persons.joined_on, JoinKey::PePeId);
    assert!(fjo(&r).is_empty(), "{:?}", fjo(&r));
    assert!(c.persons.joined_on_text.contains("pePeID"));
}

#[test]
fn a_csv_pair_is_joined_on_the_identity_number() {
    let mut cfg = Config::new(500, 2023, 41);
    cfg.format = Format::Csv;
    let r = run_pair(&Pair::new(cfg), &Options::default()).unwrap();
    let c = r.comparison.as_ref().unwrap();
    assert_eq!(c.persons.joined_on, JoinKey::Identity);
    assert!(fjo(&r).is_empty(), "{:?}", fjo(&r));
}

#[test]
fn last_year_must_be_the_year_before() {
    let a = pair(50, 2025, 1);
    let b = pair(50, 2023, 1);
    let (main, ident) = a.to_bytes(Side::Current);
    let (prev, prev_ident) = b.to_bytes(Side::Current);
    let e = compare::check_pair(
        Input::new("a.xml", &main),
        ident.as_deref().map(|bytes| Input::new("ai", bytes)),
        Input::new("b.xml", &prev),
        prev_ident.as_deref().map(|bytes| Input::new("bi", bytes)),
        &Options::default(),
    )
    .unwrap_err();
    assert!(e.nb.contains("2023") && e.nb.contains("2024"), "{}", e.nb);
    assert!(e.en.contains("Last year's file covers 2023"), "{}", e.en);
}

#[test]
fn a_plain_check_has_no_comparison_in_its_json() {
    let (main, ident) = pair(30, 2025, 1).to_bytes(Side::Current);
    let r = iplos_sjekk::check(
        Input::new("a.xml", &main),
        ident.as_deref().map(|bytes| Input::new("ai", bytes)),
        &Options::default(),
    );
    assert!(r.roster.is_none() && r.comparison.is_none());
    assert!(!iplos_sjekk::render::json(&r).contains("\"comparison\""));
}

/// The terminal text gives the persons' counts, the people gone and one
/// row per service code, in the language asked for, with the report's
/// own figures.
#[test]
fn the_text_report_gives_the_figures_in_both_languages() {
    let p = pair(600, 2025, 12);
    let r = run_pair(&p, &Options::default()).unwrap();
    let c = r.comparison.as_ref().unwrap();
    let ps = &c.persons;
    let nb = compare::text(c, true);
    let en = compare::text(c, false);
    assert!(
        nb.contains(&format!(
            "Sammenlignet med 2024: {} personer i 2024, {} i 2025; {} i begge, {} bare i 2024, {} bare i 2025. {}",
            ps.last_year, ps.this_year, ps.in_both, ps.only_last_year, ps.only_this_year, ps.joined_on_text
        )),
        "{nb}"
    );
    assert!(
        en.contains(&format!(
            "Compared with 2024: {} persons in 2024, {} in 2025; {} in both, {} only in 2024, {} only in 2025. {}",
            ps.last_year, ps.this_year, ps.in_both, ps.only_last_year, ps.only_this_year, ps.joined_on_text_en
        )),
        "{en}"
    );
    let gone = &c.missing_open_ended;
    assert!(nb.contains(&format!(
        "uten dødsdato: {} av {}.",
        gone.count, gone.open_ended_last_year
    )));
    assert!(en.contains(&format!(
        "without a date of death: {} of {}.",
        gone.count, gone.open_ended_last_year
    )));
    assert!(nb.contains("  Tjeneste    2024    2025  endring"), "{nb}");
    assert!(en.contains("  Service     2024    2025  change"), "{en}");
    assert!(!nb.contains('{') && !en.contains('{'));
    for text in [&nb, &en] {
        let rows = text.lines().skip(4).count();
        assert_eq!(rows, c.by_service.len(), "{text}");
    }
}

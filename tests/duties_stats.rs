//! The duty tables (docs/duties.md) and the statistics preview
//! (docs/report.md §4): the tables are complete and consistent for every supported
//! year, and the preview counts small persons built in code as defined.

use std::collections::BTreeSet;

use iplos_sjekk::codes::{self, FIRST_YEAR, LAST_YEAR, TJENESTEKODER};
use iplos_sjekk::duty::{duties_for_year, record_duty, DutyAcc, FILE_DUTIES, SERVICE_DUTIES};
use iplos_sjekk::finding::Confidence;
use iplos_sjekk::model::{Field, Person, Pos, Record};
use iplos_sjekk::render::{self, Lang};
use iplos_sjekk::stats::{age_group, StatsAcc};

// ---------------------------------------------------------------------------
// Duty tables
// ---------------------------------------------------------------------------

#[test]
fn every_valid_code_has_exactly_one_duty_row_each_year() {
    for year in FIRST_YEAR..=LAST_YEAR {
        for t in TJENESTEKODER {
            let rows = SERVICE_DUTIES
                .iter()
                .filter(|r| r.code == t.code && r.from <= year && year <= r.to)
                .count();
            let expected = usize::from(t.valid_in(year));
            assert_eq!(rows, expected, "code {} in {year}", t.code);
        }
        // No row for a code that is not in the list at all.
        for r in SERVICE_DUTIES {
            assert!(codes::tjeneste(r.code).is_some(), "row for code {}", r.code);
            assert!(r.from <= r.to, "code {}", r.code);
        }
        let d = duties_for_year(year, None);
        let listed: Vec<u16> = d.by_service.iter().map(|s| s.code).collect();
        let unique: BTreeSet<u16> = listed.iter().copied().collect();
        assert_eq!(unique.len(), listed.len(), "a code twice in {year}");
        let valid: Vec<u16> = TJENESTEKODER
            .iter()
            .filter(|t| t.valid_in(year))
            .map(|t| t.code)
            .collect();
        assert_eq!(listed, valid, "{year}");
        assert!(d
            .by_service
            .iter()
            .all(|s| s.valid_in_year && s.records == 0 && s.persons == 0));
    }
    let sorted = SERVICE_DUTIES
        .windows(2)
        .all(|w| (w[0].code, w[0].from) < (w[1].code, w[1].from));
    assert!(sorted, "service duty rows sorted by code, then year");
}

#[test]
fn file_duty_rows_cover_every_year_once() {
    assert_eq!(FILE_DUTIES[0].from, 0);
    assert_eq!(FILE_DUTIES.last().unwrap().to, codes::OPEN);
    for w in FILE_DUTIES.windows(2) {
        assert_eq!(w[0].to + 1, w[1].from, "gap or overlap");
    }
}

#[test]
fn registers_receiver_and_deadline_per_year() {
    for year in FIRST_YEAR..=LAST_YEAR {
        let d = duties_for_year(year, None);
        let expected: &[&str] = match year {
            ..=2016 => &["IPLOS"],
            2017 => &["IPLOS", "KPR"],
            _ => &["KPR"],
        };
        assert_eq!(d.registers, expected, "{year}");
        assert_eq!(d.deadline, format!("{}-01-15", year + 1), "{year}");
        assert!(d.by_service.iter().all(|s| s.registers == expected));
        assert_eq!(d.letter.is_some(), year == 2017, "{year}");
        assert_eq!(d.deadline_note.is_some(), year == 2018, "{year}");
        assert_eq!(
            d.identity.kind,
            if year <= 2017 {
                "pseudonymised"
            } else {
                "fodselsnummer"
            }
        );
        let keys: Vec<&str> = d.not_covered.iter().map(|n| n.key).collect();
        assert_eq!(keys, ["kuhr", "dental", "private_without_agreement"]);
        assert!(!d.receiver.is_empty() && !d.receiver_en.is_empty());
        assert!(!d.basis.is_empty());
    }
    let receiver = |y| duties_for_year(y, None).receiver;
    assert!(receiver(2016).contains("SSB") && receiver(2017).contains("SSB"));
    assert!(receiver(2018).contains("Helsedirektoratet"));
    // The receiver on the day the file is sent (January of Y+1): KPR moved
    // to FHI on 1 January 2024, so the 2023 file went to FHI.
    assert_eq!(receiver(2018), receiver(2022));
    assert_ne!(
        receiver(2022),
        receiver(2023),
        "the 2023 file was sent to FHI"
    );
    assert!(receiver(2023).contains("FHI"));
    assert_eq!(receiver(2023), receiver(2024));
    assert_eq!(receiver(2024), receiver(2026));
    let letter = duties_for_year(2017, None).letter.unwrap();
    assert_eq!(
        (letter.reference, letter.date),
        ("17/36747-1", "2017-12-21")
    );
    assert!(duties_for_year(2018, None)
        .deadline_note
        .unwrap()
        .contains("15.02.2019"));
}

#[test]
fn confidence_and_scope_as_duties_md_says() {
    let confirmed: BTreeSet<u16> = SERVICE_DUTIES
        .iter()
        .filter(|r| r.confidence == Confidence::Confirmed)
        .map(|r| r.code)
        .collect();
    assert_eq!(
        confirmed,
        [3, 11, 14, 23, 24, 25].into_iter().collect::<BTreeSet<_>>()
    );
    for code in [5, 6] {
        assert_eq!(record_duty(2020, code).unwrap().in_iplos_scope, None);
    }
    for code in [12, 13, 14, 23, 24, 25] {
        assert_eq!(record_duty(2017, code).unwrap().in_iplos_scope, Some(false));
    }
    assert_eq!(record_duty(2020, 29).unwrap().in_iplos_scope, Some(false));
    for code in [1, 2, 3, 4, 7, 8, 9, 11, 15, 17, 18, 19, 20, 21, 22, 26] {
        assert_eq!(record_duty(2020, code).unwrap().in_iplos_scope, Some(true));
    }
    let r = record_duty(2020, 1).unwrap();
    assert_eq!(r.basis_label, "antatt hjemmel");
    assert_eq!(record_duty(2020, 3).unwrap().basis_label, "hjemmel");
    // Year-dependent cells are rows, not branches.
    assert!(record_duty(2019, 4).unwrap().basis.ends_with("nr. 6"));
    assert!(record_duty(2020, 4).unwrap().basis.contains("nr. 7"));
    assert!(!record_duty(2016, 25).unwrap().basis.contains("rus"));
    assert!(record_duty(2017, 25).unwrap().basis.contains("rus"));
    assert!(record_duty(2020, 10).is_none());
    assert_eq!(record_duty(2017, 15).unwrap().registers, ["IPLOS", "KPR"]);
    // Every out-of-scope or uncertain row explains itself.
    for r in SERVICE_DUTIES.iter().filter(|r| r.scope != Some(true)) {
        assert!(r.note.is_some(), "code {}", r.code);
    }
}

#[test]
fn duty_json_keys() {
    let v = serde_json::to_value(duties_for_year(2017, Some("4601"))).unwrap();
    for k in [
        "year",
        "registers",
        "basis",
        "receiver",
        "channel",
        "deadline",
        "sender",
        "notCovered",
        "letter",
        "byService",
    ] {
        assert!(v.get(k).is_some(), "{k}");
    }
    assert_eq!(v["sender"], "4601 Bergen");
    let s = &v["byService"][4];
    assert_eq!(s["code"], 5);
    assert!(s["inIplosScope"].is_null());
    assert_eq!(s["basisConfidence"], "inferred");
    for k in ["name", "records", "persons", "registers", "basis"] {
        assert!(s.get(k).is_some(), "{k}");
    }
    let r = serde_json::to_value(record_duty(2018, 11).unwrap()).unwrap();
    assert_eq!(r["basisConfidence"], "confirmed");
    assert_eq!(r["registers"], serde_json::json!(["KPR"]));
    assert_eq!(r["inIplosScope"], true);
}

#[test]
fn duty_text_for_2017_shows_the_letter() {
    let d = duties_for_year(2017, None);
    let nb = render::duties_text(&d, Lang::Nb);
    assert!(
        nb.contains("17/36747-1") && nb.contains("21.12.2017"),
        "{nb}"
    );
    assert!(nb.contains("IPLOS og KPR") && nb.contains("15.01.2018"));
    assert!(nb.contains("antatt hjemmel"));
    let en = render::duties_text(&d, Lang::En);
    assert!(en.contains("17/36747-1") && en.contains("2018-01-15"));
    assert!(!render::duties_text(&duties_for_year(2019, None), Lang::Nb).contains("17/36747-1"));
    let md = render::duties_markdown(&d, Lang::Nb);
    assert!(md.contains("| 25 |") && md.contains("17/36747-1"));
}

// ---------------------------------------------------------------------------
// Persons built in code
// ---------------------------------------------------------------------------

fn rec(fields: &[(Field, &str)]) -> Record {
    let mut r = Record::new(Pos { line: 1, column: 1 });
    for (f, v) in fields {
        r.set(*f, (*v).to_string(), Pos { line: 1, column: 1 });
    }
    r
}

fn person(age: &str, services: &[Record]) -> Person {
    Person {
        index: 1,
        rec: rec(&[(Field::pePeID, "1"), (Field::peAlder, age)]),
        tjenester: services.to_vec(),
        ..Default::default()
    }
}

/// A granted service from `fra` to `til` (`""` for none), with hours.
fn service(code: u16, fra: &str, til: &str, hours: &str) -> Record {
    let code = code.to_string();
    let mut f = vec![(Field::tjTjenType, code.as_str()), (Field::tjVedtak, "2")];
    if !fra.is_empty() {
        f.push((Field::tjFraDato, fra));
    }
    if !til.is_empty() {
        f.push((Field::tjTilDato, til));
    }
    if !hours.is_empty() {
        f.push((Field::tjTimerUke, hours));
    }
    rec(&f)
}

#[test]
fn duty_acc_counts_records_and_persons_per_code() {
    let mut acc = DutyAcc::new();
    acc.add(&person(
        "80",
        &[
            service(15, "20200101", "", "3"),
            service(15, "20200601", "", "2"),
            service(6, "20200101", "", ""),
        ],
    ));
    acc.add(&person("70", &[service(15, "20200101", "", "1")]));
    acc.add(&person("70", &[service(10, "20200101", "", "")]));
    let d = acc.finish(2020, Some("9999"));
    let rows: Vec<(u16, usize, usize)> = d
        .by_service
        .iter()
        .map(|s| (s.code, s.records, s.persons))
        .collect();
    assert_eq!(rows, [(6, 1, 1), (15, 3, 2)]);
    assert_eq!(d.sender.as_deref(), Some("9999"));
    let mut acc = DutyAcc::new();
    acc.add(&person("70", &[service(12, "20200101", "", "")]));
    let d = acc.finish(2020, None);
    assert!(!d.by_service[0].valid_in_year);
    assert_eq!(d.by_service[0].registers, ["KPR"]);
}

const Y: u16 = 2024;

#[test]
fn active_on_31_12_versus_during_the_year() {
    let mut acc = StatsAcc::new(Y);
    let p = person(
        "50",
        &[
            service(15, "20240101", "20241230", "2"), // during, ended before 31.12.
            service(15, "20230101", "", "3"),         // active
            service(1, "20240301", "20241231", "4"),  // active: ends on 31.12.
            service(1, "20220101", "20231231", "9"),  // before the year
            service(1, "20250101", "", "9"),          // after the year
            service(1, "", "", "9"),                  // no start date
        ],
    );
    let refused = rec(&[
        (Field::tjTjenType, "15"),
        (Field::tjVedtak, "1"),
        (Field::tjFraDato, "20240101"),
        (Field::tjTimerUke, "5"),
    ]);
    acc.add(&p, false);
    acc.add(&person("50", &[refused]), false);
    let s = acc.finish();
    let by = |c: u16| s.by_service.iter().find(|x| x.code == c).unwrap();
    let s15 = by(15);
    assert_eq!((s15.records_year, s15.records_active), (2, 1));
    assert_eq!((s15.persons_year, s15.persons_active), (1, 1));
    assert_eq!(s15.hours_per_week_active, Some(3.0));
    let s1 = by(1);
    assert_eq!((s1.records_year, s1.records_active), (1, 1));
    assert_eq!(s1.hours_per_week_active, Some(4.0));
    assert_eq!(s.recipients_year, 1, "an avslag is not a recipient");
    assert_eq!(s.persons_included, 2);
}

#[test]
fn hours_only_for_hour_based_codes() {
    let mut acc = StatsAcc::new(Y);
    acc.add(
        &person(
            "40",
            &[
                service(15, "20240101", "", "2.5"),
                service(15, "20240101", "", "1.25"),
                service(6, "20240101", "", "7"),
                service(21, "20240101", "", "7"),
                service(3, "20240101", "", ""),
            ],
        ),
        false,
    );
    acc.add(&person("41", &[service(15, "20240101", "", "1")]), false);
    let s = acc.finish();
    let hours: Vec<(u16, Option<f64>)> = s
        .by_service
        .iter()
        .map(|x| (x.code, x.hours_per_week_active))
        .collect();
    assert_eq!(
        hours,
        [(3, Some(0.0)), (6, None), (15, Some(4.75)), (21, None)]
    );
    let s15 = s.by_service.iter().find(|x| x.code == 15).unwrap();
    assert_eq!((s15.persons_active, s15.records_active), (2, 3));
}

#[test]
fn age_groups_at_the_edges() {
    for (age, group) in [
        (0, Some(0)),
        (17, Some(0)),
        (18, Some(1)),
        (49, Some(1)),
        (50, Some(2)),
        (66, Some(2)),
        (67, Some(3)),
        (79, Some(3)),
        (80, Some(4)),
        (89, Some(4)),
        (90, Some(5)),
        (110, Some(5)),
        (-1, None),
    ] {
        assert_eq!(age_group(age), group, "{age}");
    }
    let mut acc = StatsAcc::new(Y);
    for age in ["17", "18", "89", "90", "90", "x"] {
        acc.add(&person(age, &[service(6, "20200101", "", "")]), false);
    }
    // Ended during the year: counted in the year, not on 31.12.
    acc.add(
        &person("17", &[service(6, "20200101", "20240601", "")]),
        false,
    );
    let s = acc.finish();
    let got: Vec<(&str, usize, usize)> = s
        .by_age_group
        .iter()
        .map(|g| (g.group, g.persons, g.persons_year))
        .collect();
    assert_eq!(
        got,
        [
            ("0–17", 1, 2),
            ("18–49", 1, 1),
            ("50–66", 0, 0),
            ("67–79", 0, 0),
            ("80–89", 1, 1),
            ("90+", 2, 2),
        ]
    );
    assert_eq!((s.age_unknown, s.age_unknown_year), (1, 1));
    assert!(s.note_nb.contains("antatt"));
}

#[test]
fn service_groups_count_each_person_once_per_group() {
    let mut acc = StatsAcc::new(Y);
    acc.add(
        &person(
            "80",
            &[
                service(1, "20240101", "", "1"),
                service(15, "20240101", "", "1"),
                service(21, "20240101", "", ""),
                service(6, "20240101", "20240301", ""),
            ],
        ),
        false,
    );
    let s = acc.finish();
    let got: Vec<(&str, usize, usize)> = s
        .by_service_group
        .iter()
        .map(|g| (g.name, g.persons, g.persons_year))
        .collect();
    assert_eq!(
        got,
        [
            ("Tjenester til hjemmeboende", 1, 1),
            ("Institusjonstjenester", 1, 1),
            ("Bolig", 0, 0),
            ("Velferdsteknologi", 0, 1),
            ("Bruk av tvang", 0, 0),
        ]
    );
}

#[test]
fn persons_with_errors_are_left_out_and_the_note_says_so() {
    let mut acc = StatsAcc::new(Y);
    acc.add(&person("80", &[service(15, "20240101", "", "5")]), false);
    acc.add(&person("80", &[service(15, "20240101", "", "5")]), true);
    acc.add(&person("80", &[service(15, "20240101", "", "5")]), true);
    let s = acc.finish();
    assert_eq!((s.persons_included, s.persons_excluded), (1, 2));
    assert_eq!(s.by_service[0].persons_active, 1);
    assert_eq!(s.by_service[0].hours_per_week_active, Some(5.0));
    assert!(
        s.note_nb
            .starts_with("Beregnet bare fra poster uten feil: 2 personer er holdt utenfor."),
        "{}",
        s.note_nb
    );
    assert!(s.note_en.contains("2 persons"));
}

#[test]
fn shares_of_recipients() {
    let mut acc = StatsAcc::new(Y);
    let mut with_all = person("80", &[service(15, "20240101", "", "1")]);
    with_all.funksjoner.push(rec(&[(Field::fnFunkType, "1")]));
    with_all.diagnoser.push(rec(&[(Field::diDiagKode, "F03")]));
    with_all.oppl.push(rec(&[(Field::poIndPlan, "2")]));
    with_all.oppl.push(rec(&[(Field::poIndPlan, "1")]));
    let mut with_plan_no = person("80", &[service(15, "20240101", "", "1")]);
    with_plan_no.oppl.push(rec(&[(Field::poIndPlan, "2")]));
    with_plan_no
        .funksjoner
        .push(rec(&[(Field::fnFunkType, "1")]));
    // Not a recipient in the year: does not count in the denominator.
    let mut old = person("80", &[service(15, "20200101", "20201231", "1")]);
    old.funksjoner.push(rec(&[(Field::fnFunkType, "1")]));
    for p in [with_all, with_plan_no, old] {
        acc.add(&p, false);
    }
    acc.add(&person("80", &[service(15, "20240101", "", "1")]), false);
    acc.add(&person("80", &[service(15, "20240101", "", "1")]), false);
    let s = acc.finish();
    assert_eq!(s.recipients_year, 4);
    assert_eq!(s.share_with_assessment, 0.5);
    assert_eq!(s.share_with_diagnosis, 0.25);
    assert_eq!(s.share_with_individual_plan, 0.25);

    let empty = StatsAcc::new(Y).finish();
    assert_eq!(empty.share_with_assessment, 0.0);
    assert_eq!(empty.by_age_group.len(), 6);
    assert_eq!(empty.by_service_group.len(), 5);
}

#[test]
fn stats_json_keys() {
    let mut acc = StatsAcc::new(Y);
    acc.add(&person("80", &[service(15, "20240101", "", "1")]), false);
    let v = serde_json::to_value(acc.finish()).unwrap();
    for k in [
        "year",
        "noteNb",
        "noteEn",
        "personsIncluded",
        "personsExcluded",
        "byService",
        "byAgeGroup",
        "byServiceGroup",
        "shareWithAssessment",
        "shareWithDiagnosis",
        "shareWithIndividualPlan",
    ] {
        assert!(v.get(k).is_some(), "{k}");
    }
    let s = &v["byService"][0];
    for k in [
        "code",
        "name",
        "nameEn",
        "personsYear",
        "recordsYear",
        "personsActive",
        "recordsActive",
        "hoursPerWeekActive",
    ] {
        assert!(s.get(k).is_some(), "{k}");
    }
    assert_eq!(v["byAgeGroup"][4]["group"], "80–89");
}

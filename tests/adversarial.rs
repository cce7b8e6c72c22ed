//! Hostile and broken input: each ends in one clear Fatal finding with a
//! position (or a correct report), never a panic or a hang. Timing is not
//! asserted here (benchmarks measure speed); a hang would stall the suite.

use iplos_sjekk::{check, Input, Options, Report};

fn run(bytes: &[u8]) -> Report {
    check(
        Input::new("x", bytes),
        None,
        &Options {
            year: Some(2025),
            ..Default::default()
        },
    )
}

fn fatal_code(r: &Report) -> Option<&'static str> {
    r.findings
        .iter()
        .find(|f| f.severity == iplos_sjekk::Severity::Fatal)
        .map(|f| f.code)
}

const BOMB: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<IPLOS><INNHINFO><iiKomnr>&lol9;</iiKomnr></INNHINFO></IPLOS>"#;

#[test]
fn an_entity_bomb_is_refused() {
    let r = run(BOMB.as_bytes());
    assert_eq!(fatal_code(&r), Some("FIL-01"));
    assert_eq!(r.verdict.key(), "kan_ikke_kontrolleres");
    let f = &r.findings[0];
    assert!(f.line.is_some() && f.message.contains("entitet"), "{f:?}");
}

#[test]
fn an_undeclared_entity_is_refused() {
    let r = run(b"<IPLOS><INNHINFO><iiKomnr>&xxe;</iiKomnr></INNHINFO></IPLOS>");
    assert_eq!(fatal_code(&r), Some("FIL-01"));
}

#[test]
fn an_external_entity_is_never_fetched() {
    let xxe = r#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><IPLOS>&xxe;</IPLOS>"#;
    let r = run(xxe.as_bytes());
    assert_eq!(fatal_code(&r), Some("FIL-01"));
    assert!(!serde_json::to_string(&r).unwrap().contains("root:"));
}

#[test]
fn deep_nesting_ends_quickly() {
    let depth = 200_000;
    let mut s = String::from("<IPLOS>");
    s.push_str(&"<a>".repeat(depth));
    s.push_str(&"</a>".repeat(depth));
    s.push_str("</IPLOS>");
    let r = run(s.as_bytes());
    assert_eq!(fatal_code(&r), Some("FIL-02"));
}

#[test]
fn binary_garbage_is_fatal() {
    let garbage: Vec<u8> = (0..10_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let r = run(&garbage);
    assert!(fatal_code(&r).is_some(), "{:?}", r.findings);
}

#[test]
fn nul_bytes_are_fatal_with_a_position() {
    let r = run(b"<IPLOS>\n<INNHINFO>\0</INNHINFO></IPLOS>");
    assert_eq!(fatal_code(&r), Some("FIL-01"));
    assert_eq!(r.findings[0].line, Some(2));
}

#[test]
fn odd_utf16_is_fatal() {
    let mut b = vec![0xFF, 0xFE];
    b.extend("<IPLOS/>".encode_utf16().flat_map(u16::to_le_bytes));
    b.push(b'x');
    assert_eq!(fatal_code(&run(&b)), Some("FIL-01"));
}

#[test]
fn invalid_utf8_after_a_bom_is_fatal() {
    let b = [&[0xEF, 0xBB, 0xBF][..], b"<IPLOS>\n<a>\xC3\x28</a></IPLOS>"].concat();
    let r = run(&b);
    assert_eq!(fatal_code(&r), Some("FIL-01"));
    assert_eq!(r.findings[0].line, Some(2));
}

#[test]
fn truncation_at_every_structural_point_is_fil_01() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/klar-2025.xml"
    ))
    .unwrap();
    let cuts: Vec<usize> = text
        .match_indices('<')
        .map(|(i, _)| i)
        .filter(|&i| i > text.find("<IPLOS").unwrap())
        .collect();
    assert!(cuts.len() > 100);
    for cut in cuts {
        let r = run(&text.as_bytes()[..cut]);
        assert_eq!(
            fatal_code(&r),
            Some("FIL-01"),
            "cut at byte {cut}: {:?}",
            r.findings.first()
        );
        assert_eq!(r.verdict.key(), "kan_ikke_kontrolleres");
    }
}

#[test]
fn an_unclosed_csv_quote_is_fatal_with_a_position() {
    let r = run(b"pePeID;peKomnr;tjTjenType\n1;4601;15\n2;\"4601;15\n3;4601;15\n");
    assert_eq!(fatal_code(&r), Some("FIL-01"));
    assert_eq!(
        r.findings.iter().find(|f| f.code == "FIL-01").unwrap().line,
        Some(3)
    );
}

#[test]
fn mismatched_tags_are_fatal() {
    let r = run(b"<IPLOS><INNHINFO></PERSON></IPLOS>");
    assert_eq!(fatal_code(&r), Some("FIL-01"));
}

#[test]
fn an_identmelding_as_main_file_is_explained() {
    let r = run(std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/klar-2025-ident.xml"
    ))
    .unwrap()
    .as_slice());
    assert_eq!(fatal_code(&r), Some("FIL-02"));
    assert!(r.findings[0].message.contains("identmelding"));
}

#[test]
fn empty_input_is_explained() {
    let r = run(b"");
    assert!(
        fatal_code(&r).is_some() || r.findings.iter().any(|f| f.code == "FIL-08"),
        "{:?}",
        r.findings
    );
}

#[test]
fn a_huge_attribute_is_read() {
    let big = "x".repeat(5_000_000);
    let s = format!("<IPLOS versjon=\"{big}\"><INNHINFO/></IPLOS>");
    let r = run(s.as_bytes());
    assert!(r.findings.iter().any(|f| f.code == "FIL-15"));
}

#[test]
fn a_50_mb_attribute_ends_in_a_finding() {
    let mut s = String::from("<IPLOS versjon=\"");
    s.push_str(&"x".repeat(50 << 20));
    s.push_str("\"><INNHINFO/></IPLOS>");
    let r = run(s.as_bytes());
    assert_eq!(fatal_code(&r), Some("FIL-01"), "{:?}", r.findings.first());
    assert!(r.findings[0].message.contains("MB"));
}

#[test]
fn a_100_mb_line_without_a_newline_ends_in_a_finding() {
    let mut s = String::from("<IPLOS><INNHINFO><iiSysID>");
    s.push_str(&"7".repeat(100 << 20));
    let r = run(s.as_bytes());
    assert_eq!(fatal_code(&r), Some("FIL-01"));
    let mut csv = String::from("pePeID;peKomnr\n1;");
    csv.push_str(&"4".repeat(100 << 20));
    let r = run(csv.as_bytes());
    assert!(
        r.findings.iter().all(|f| f.line.is_some_and(|l| l <= 2)),
        "{:?}",
        r.findings.first()
    );
}

#[test]
fn a_csv_with_a_million_empty_columns_ends_in_a_finding() {
    let mut s = String::from("pePeID;peKomnr");
    s.push_str(&";".repeat(1_000_000));
    s.push_str("\n1;4601\n");
    let r = run(s.as_bytes());
    assert!(
        r.findings
            .iter()
            .any(|f| f.code == "FIL-09" || f.code == "FIL-10"),
        "{:?}",
        r.findings.iter().map(|f| f.code).collect::<Vec<_>>()
    );
}

#[test]
fn a_tag_with_200_000_attributes_ends_in_a_report() {
    let mut tag = String::from("<IPLOS><PERSON");
    for i in 0..200_000 {
        tag.push_str(&format!(" a{i}=\"{i}\""));
    }
    let ok = format!("{tag}/></IPLOS>");
    let r = run(ok.as_bytes());
    assert_eq!(fatal_code(&r), None, "{:?}", &r.findings[..3]);
    // One repeated name among them is not well-formed.
    let bad = format!("{tag} a199999=\"x\"/></IPLOS>");
    assert_eq!(fatal_code(&run(bad.as_bytes())), Some("FIL-01"));
}

#[test]
fn a_million_made_up_names_keep_memory_bounded() {
    // Every element has a new name: only the first 200 are listed, the
    // rest are counted in one finding.
    let mut s = String::from("<IPLOS>");
    for p in 0..10_000 {
        s.push_str(&format!("<PERSON pePeID=\"{p}\">"));
        for i in 0..100 {
            s.push_str(&format!("<x{}/>", p * 100 + i));
        }
        s.push_str("</PERSON>");
    }
    s.push_str("</IPLOS>");
    let r = run(s.as_bytes());
    assert_eq!(fatal_code(&r), None);
    let fil09: Vec<_> = r.findings.iter().filter(|f| f.code == "FIL-09").collect();
    assert_eq!(fil09.len(), 201, "{:?}", &fil09[..2]);
    assert!(fil09
        .iter()
        .any(|f| f.message.contains("999800 forekomster")));
}

#[test]
fn one_person_with_endless_records_is_stopped() {
    // Memory is per person: one PERSON must not hold the whole file.
    let mut s = String::from("<IPLOS><PERSON pePeID=\"1\">");
    s.push_str(&"<TJENESTE tjPeID=\"1\" tjTjID=\"1\"/>".repeat(150_000));
    s.push_str("</PERSON></IPLOS>");
    let r = run(s.as_bytes());
    assert_eq!(fatal_code(&r), Some("FIL-02"));
    assert!(r
        .findings
        .iter()
        .any(|f| f.message.contains("100000 elementer")));
    let mut csv = String::from("pePeID;tjTjenType;tjFraDato\n");
    for _ in 0..25_000 {
        csv.push_str("1;11;20250101\n");
    }
    let r = run(csv.as_bytes());
    assert_eq!(fatal_code(&r), Some("FIL-02"), "{:?}", r.findings.first());
    assert!(r.findings.iter().any(|f| f.message.contains("20000 rader")));
}

#[test]
fn a_field_repeated_90_000_times_is_counted_not_kept() {
    let mut s = String::from("<IPLOS><PERSON pePeID=\"1\">");
    s.push_str(&"<peAlder>1</peAlder>".repeat(90_000));
    s.push_str("</PERSON></IPLOS>");
    let r = check(
        Input::new("x", s.as_bytes()),
        None,
        &Options {
            year: Some(2025),
            max_findings_per_code: Some(1000),
            ..Default::default()
        },
    );
    assert_eq!(fatal_code(&r), None);
    let kept = r.findings.iter().filter(|f| f.code == "FIL-11").count();
    assert!(kept <= 1000, "{kept}");
    let omitted: usize = r
        .findings_omitted
        .iter()
        .filter(|o| o.code == "FIL-11")
        .map(|o| o.count)
        .sum();
    // Every repetition counted once (plus the fields PERSON lacks).
    assert!(kept + omitted >= 89_999, "{kept} + {omitted}");
}

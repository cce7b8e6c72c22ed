//! The same file in every common encoding gives the same report, and the
//! report says which encoding it found.

use iplos_sjekk::{check, Input, Options, Report};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn run(bytes: &[u8], ident: Option<&[u8]>) -> Report {
    check(
        Input::new("x", bytes),
        ident.map(|b| Input::new("i", b)),
        &Options {
            year: Some(2025),
            ..Default::default()
        },
    )
}

fn summary(r: &Report) -> Vec<(&'static str, Option<u32>, String)> {
    r.findings
        .iter()
        .map(|f| (f.code, f.line, f.message.clone()))
        .collect()
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'æ' => 0xE6,
            'ø' => 0xF8,
            'å' => 0xE5,
            'Æ' => 0xC6,
            'Ø' => 0xD8,
            'Å' => 0xC5,
            c if c.is_ascii() => c as u8,
            c => panic!("no cp1252 mapping in this test for {c}"),
        })
        .collect()
}

#[test]
fn xml_in_every_encoding_reads_the_same() {
    let ident = fixture("klar-2025-ident.xml");
    let utf8 = String::from_utf8(fixture("klar-2025.xml"))
        .unwrap()
        .replace("Kari Testansvarlig", "Kåre Ærlig Øye");
    let base = run(utf8.as_bytes(), Some(&ident));
    assert_eq!(base.verdict.key(), "klar", "{:#?}", base.findings);
    assert_eq!(base.provenance.file.encoding, "UTF-8");

    let with_bom = [&[0xEF, 0xBB, 0xBF][..], utf8.as_bytes()].concat();
    let r = run(&with_bom, Some(&ident));
    assert_eq!(
        (summary(&r), r.provenance.file.encoding.as_str()),
        (summary(&base), "UTF-8")
    );

    let declared16 = utf8.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let r = run(&utf16(&declared16, le), Some(&ident));
        assert_eq!(
            (summary(&r), r.provenance.file.encoding.as_str()),
            (summary(&base), name)
        );
    }

    let latin = utf8.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
    let r = run(&cp1252(&latin), Some(&ident));
    assert_eq!(
        (summary(&r), r.provenance.file.encoding.as_str()),
        (summary(&base), "windows-1252")
    );
}

#[test]
fn a_contradicting_declaration_is_a_warning() {
    let utf8 = String::from_utf8(fixture("klar-2025.xml"))
        .unwrap()
        .replace("Kari Testansvarlig", "Kåre");
    let r = run(&cp1252(&utf8), None);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "FIL-03")
        .expect("FIL-03");
    assert!(
        f.message.contains("UTF-8") && f.message.contains("windows-1252"),
        "{}",
        f.message
    );
}

#[test]
fn csv_in_windows_1252_and_utf16_reads_like_utf8() {
    let utf8 = fixture("csv-utf8.csv");
    let base = run(&utf8, None);
    assert_eq!(base.provenance.file.encoding, "UTF-8");
    assert!(
        base.persons > 0 && base.counts.fatal == 0,
        "{:#?}",
        base.findings
    );

    let r = run(&fixture("csv-cp1252.csv"), None);
    assert_eq!(r.provenance.file.encoding, "windows-1252");
    assert_eq!(summary(&r), summary(&base));

    let text = String::from_utf8(utf8).unwrap();
    let r = run(&utf16(&text, true), None);
    assert_eq!(r.provenance.file.encoding, "UTF-16LE");
    assert_eq!(summary(&r), summary(&base));

    // Excel's "Unicode text": UTF-16LE with tabs.
    let r = run(&utf16(&text.replace(';', "\t"), true), None);
    assert_eq!(summary(&r), summary(&base));
}

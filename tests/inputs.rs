//! Any file a caseworker picks, read as she meant it (issue 11, points 1
//! and 2): files known by their content and never their name (FIL-18 for
//! the kinds that are no IPLOS file), pairs given their roles by content
//! (FIL-21 when put right), Excel workbooks read as the CSV export, ZIP
//! archives opened in memory with limits, and the hodemelding envelope
//! unwrapped as it streams. Every fixture is made here at run time.

mod common;
#[path = "common/packages.rs"]
mod packages;

use iplos_sjekk::engine::Session;
use iplos_sjekk::generate::{self, Config, Format};
use iplos_sjekk::inputs::{check_files, Plan, Slot};
use iplos_sjekk::{check, Input, Options, Report, Severity, Verdict};
use packages::{cells_of_csv, hodemelding, xlsx_of, zip_of, Cell};

fn opts() -> Options {
    Options {
        year: Some(2025),
        checked_at: Some("2026-01-05T10:00:00Z".into()),
        ..Default::default()
    }
}

fn input<'a>(name: &'a str, bytes: &'a [u8]) -> Input<'a> {
    Input { name, bytes }
}

fn run(name: &str, bytes: &[u8]) -> Report {
    check(input(name, bytes), None, &opts())
}

fn pair(main: (&str, &[u8]), ident: (&str, &[u8])) -> Report {
    check(
        input(main.0, main.1),
        Some(input(ident.0, ident.1)),
        &opts(),
    )
}

type Seen = (String, Option<u32>, Option<u32>, String, bool);

/// The findings as (code, line, column, message, in the identmelding),
/// for comparing reports.
fn findings(r: &Report) -> Vec<Seen> {
    r.findings
        .iter()
        .map(|f| {
            let ident = f.file == iplos_sjekk::report::Source::Ident;
            (
                f.code.to_string(),
                f.line,
                f.column,
                f.message.clone(),
                ident,
            )
        })
        .collect()
}

/// The findings of `r` other than FIL-21, and its FIL-21 messages.
fn split21(r: &Report) -> (Vec<Seen>, Vec<String>) {
    let (a, b): (Vec<_>, Vec<_>) = findings(r).into_iter().partition(|f| f.0 != "FIL-21");
    (a, b.into_iter().map(|f| f.3).collect())
}

/// A generated 2025 file with planted errors: the fagmelding and identmelding.
fn generated(persons: u64, format: Format) -> (Vec<u8>, Option<Vec<u8>>) {
    let mut cfg = Config::new(persons, 2025, 11);
    cfg.format = format;
    cfg.error_rate = 0.1;
    cfg.kommune = "4601".into();
    generate::to_bytes(&cfg)
}

// ---------------------------------------------------------------- point 1

/// A minimal OLE compound file header with a stream named `name`.
fn ole(name: &str) -> Vec<u8> {
    let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    b.resize(1024, 0);
    b.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
    b.resize(2048, 0);
    b
}

#[test]
fn files_of_other_kinds_get_one_fatal_that_names_them() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "PDF",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj <<>> endobj\n".to_vec(),
            "PDF",
        ),
        (
            "PNG",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec(),
            "bilde (PNG)",
        ),
        (
            "JPEG",
            vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0],
            "bilde (JPEG)",
        ),
        ("GIF", b"GIF89a\x01\0\x01\0\x80\0\0".to_vec(), "bilde (GIF)"),
        (
            "JSON",
            br#"{"verdict": "klar", "findings": []}"#.to_vec(),
            "JSON-fil",
        ),
        (
            "HTML",
            b"<!DOCTYPE html>\n<html><body><table><tr><td>pePeID</td></tr></table></body></html>"
                .to_vec(),
            "nettside (HTML)",
        ),
        ("XLS", ole("Workbook"), "gammel Excel-arbeidsbok (.xls)"),
        ("DOC", ole("WordDocument"), "Word-dokument (.doc)"),
        ("encrypted", ole("EncryptedPackage"), "passordbeskyttet"),
        ("DOCX", packages::docx(), "Word-dokument (.docx)"),
        ("RTF", b"{\\rtf1\\ansi pePeID}".to_vec(), "RTF"),
        ("gzip", vec![0x1F, 0x8B, 8, 0, 0, 0, 0, 0], "gzip"),
        (
            "ZIP without IPLOS",
            zip_of(&[
                ("les-meg.txt", b"Hei".as_slice()),
                ("rapport.pdf", b"%PDF-1.4".as_slice()),
            ]),
            "ingen IPLOS-fil",
        ),
    ];
    for (what, bytes, says) in cases {
        // The name says IPLOS XML: the content decides.
        let r = run("KPR_IPL_4601_2025.xml", &bytes);
        assert_eq!(r.findings.len(), 1, "{what}: {:#?}", r.findings);
        let f = &r.findings[0];
        assert_eq!((f.code, f.severity), ("FIL-18", Severity::Fatal), "{what}");
        assert!(f.message.contains(says), "{what}: {}", f.message);
        assert!(
            !f.message_en.is_empty() && f.message_en != f.message,
            "{what}"
        );
        assert_eq!(r.verdict, Verdict::KanIkkeKontrolleres, "{what}");
    }
    // A ZIP without an IPLOS file lists what it holds.
    let r = run("post.zip", &zip_of(&[("les-meg.txt", b"Hei".as_slice())]));
    assert!(
        r.findings[0].message.contains("«les-meg.txt»"),
        "{}",
        r.findings[0].message
    );
}

#[test]
fn an_xls_gets_the_advice_to_save_as_csv_or_xlsx() {
    let r = run("liste.xls", &ole("Workbook"));
    let m = &r.findings[0].message;
    assert!(m.contains("Lagre") || m.contains("lagre"), "{m}");
    assert!(
        m.contains("CSV (semikolondelt)") && m.contains("eksporter XML fra fagsystemet"),
        "{m}"
    );
}

#[test]
fn a_swapped_pair_is_put_right_and_said() {
    let fag = common::fagmelding();
    let ide = common::identmelding();
    let right = pair(("fag.xml", fag.as_bytes()), ("ide.xml", ide.as_bytes()));
    let swapped = pair(("ide.xml", ide.as_bytes()), ("fag.xml", fag.as_bytes()));
    let (rest, notes) = split21(&swapped);
    assert_eq!(
        rest,
        findings(&right),
        "the same check, the right way round"
    );
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("«fag.xml» er fagmeldingen")
            && notes[0].contains("«ide.xml» er identmeldingen"),
        "{}",
        notes[0]
    );
    assert_eq!(swapped.verdict, right.verdict);
    assert_eq!(swapped.provenance.file.file_name, "fag.xml");
    let roles: Vec<(&str, &str)> = swapped
        .provenance
        .files
        .iter()
        .map(|f| (f.role.as_str(), f.file.file_name.as_str()))
        .collect();
    assert_eq!(
        roles,
        [("fagmelding", "fag.xml"), ("identmelding", "ide.xml")]
    );
}

#[test]
fn files_given_together_in_any_order_find_their_roles() {
    let fag = common::fagmelding();
    let ide = common::identmelding();
    let pdf = b"%PDF-1.7\n".to_vec();
    let right = pair(("a.xml", fag.as_bytes()), ("b.xml", ide.as_bytes()));
    let orders: [[usize; 3]; 3] = [[0, 1, 2], [1, 2, 0], [2, 0, 1]];
    let files = [
        ("a.xml", fag.as_bytes()),
        ("b.xml", ide.as_bytes()),
        ("c.pdf", pdf.as_slice()),
    ];
    for order in orders {
        let given: Vec<(Input, Slot)> = order
            .iter()
            .map(|&i| (input(files[i].0, files[i].1), Slot::Any))
            .collect();
        let r = check_files(&given, &opts());
        let (rest, notes) = split21(&r);
        assert_eq!(rest, findings(&right), "order {order:?}");
        // Dropped together, no roles were given: only the third file is named.
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].contains("«c.pdf» er en PDF-fil") && notes[0].contains("ikke lest"),
            "{}",
            notes[0]
        );
    }
}

#[test]
fn a_fagmelding_given_as_the_identmelding_no_longer_refuses_the_check() {
    let fag = common::fagmelding();
    let alone = run("fag.xml", fag.as_bytes());
    // Through the streamed session (the page's old path): the file in the
    // identmelding's slot is said not to be one, and the check goes on.
    let mut s = Session::new(
        "fag.xml",
        Some(input("ogsa-fag.xml", fag.as_bytes())),
        opts(),
    );
    s.push(fag.as_bytes());
    let r = s.finish();
    let (rest, notes) = split21(&r);
    assert_ne!(r.verdict, Verdict::KanIkkeKontrolleres, "{:#?}", r.findings);
    assert_eq!(rest, findings(&alone));
    assert!(
        notes[0].contains("«ogsa-fag.xml» var valgt som identmelding, men er en fagmelding"),
        "{}",
        notes[0]
    );
    // Planned: two fagmeldinger, the one chosen as the IPLOS file is checked
    // and the other named.
    let fag2 = fag.replace("L-1", "L-2");
    let r = pair(("fag.xml", fag.as_bytes()), ("fag2.xml", fag2.as_bytes()));
    let (rest, notes) = split21(&r);
    assert_eq!(rest, findings(&alone));
    assert!(
        notes[0].contains("«fag2.xml» er også en fagmelding")
            && notes[0].contains("én fagmelding om gangen"),
        "{}",
        notes[0]
    );
    // The fagmelding alone in the identmelding's slot is checked as the fagmelding.
    let r = check_files(&[(input("fag.xml", fag.as_bytes()), Slot::Ident)], &opts());
    let (rest, notes) = split21(&r);
    assert_eq!(rest, findings(&alone));
    assert!(
        notes[0].contains("var valgt som identmelding, men er fagmeldingen"),
        "{}",
        notes[0]
    );
}

#[test]
fn the_plan_reads_only_the_first_bytes() {
    let (fag, ide) = generated(400, Format::Xml);
    let ide = ide.unwrap();
    assert!(fag.len() > 2 * iplos_sjekk::sniff::PREFIX);
    let mut plan = Plan::new();
    plan.add(
        "x",
        &ide[..iplos_sjekk::sniff::PREFIX.min(ide.len())],
        Slot::Main,
    );
    plan.add("y", &fag[..iplos_sjekk::sniff::PREFIX], Slot::Ident);
    plan.decide();
    assert_eq!((plan.main, plan.ident), (Some(1), Some(0)));
}

// ---------------------------------------------------------------- point 2a

#[test]
fn an_xlsx_is_read_as_its_csv() {
    let (csv, _) = generated(60, Format::Csv);
    let text = String::from_utf8(csv.clone()).unwrap();
    let book = xlsx_of(&cells_of_csv(&text), "Ark1");
    let from_csv = run("uttrekk.csv", &csv);
    let from_xlsx = run("uttrekk.xlsx", &book);
    let (rest, notes) = split21(&from_xlsx);
    assert!(from_csv.findings.len() > 5, "planted errors give findings");
    assert_eq!(
        rest,
        findings(&from_csv),
        "same findings, same lines and columns"
    );
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].contains("Excel-arbeidsbok")
            && notes[0].contains("«Ark1»")
            && notes[0].contains("andre arket er ikke lest"),
        "{}",
        notes[0]
    );
    assert_eq!(
        (from_xlsx.persons, from_xlsx.verdict),
        (from_csv.persons, from_csv.verdict)
    );
    assert!(
        from_xlsx
            .provenance
            .file
            .format
            .contains("Excel-arbeidsbok"),
        "{}",
        from_xlsx.provenance.file.format
    );
}

#[test]
fn workbook_cells_keep_text_and_whole_numbers() {
    let csv = "pePeID;peKomnr;peBydelsnr;peKjonn;peAlder;poHusstand;tjTjenType;tjVedtDato;tjFraDato;tjTimerUke;tjInstOrgnr\n";
    let mut rows = cells_of_csv(csv);
    let t = |s: &str| Cell::Text(s.into());
    // 0301 kept as text with its zero; whole numbers stored as numbers; the
    // dates as Excel dates (2025-01-10 is day 45667); hours as a decimal.
    rows.push(vec![
        Cell::Number(1.0),
        t("0301"),
        t("01"),
        t("K"),
        Cell::Number(80.0),
        Cell::Number(1.0),
        Cell::Number(15.0),
        Cell::Date(45667.0),
        Cell::Date(45672.0),
        Cell::Number(7.5),
        t(common::ORG_HJEMME),
    ]);
    rows.push(vec![Cell::Empty]);
    let book = xlsx_of(&rows, "Data");
    let opts = Options {
        kommune: Some("0301".into()),
        ..opts()
    };
    let r = check(input("bok.xlsx", &book), None, &opts);
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
    // No value was misread: no type, municipality, district, date or hour error.
    for bad in [
        "FIL-01", "FIL-02", "FIL-10", "FIL-12", "PER-10", "PER-12", "PER-13", "TJE-04", "TJE-09",
        "TJE-25",
    ] {
        assert!(!codes.contains(&bad), "{bad}: {:#?}", r.findings);
    }
    assert_eq!(r.persons, 1);
    assert_eq!(r.records.tjeneste, 1);
    // A number stored where text belongs loses its zero, as Excel does:
    // the reader sees 301 (FIL-19 is the other branch's; PER-10 names it).
    rows[1][1] = Cell::Number(301.0);
    let r = check(input("bok.xlsx", &xlsx_of(&rows, "Data")), None, &opts);
    assert!(
        r.findings.iter().any(|f| f.message.contains("«301»")),
        "{:#?}",
        r.findings
    );
}

// ---------------------------------------------------------------- point 2b

#[test]
fn a_zip_holding_the_pair_is_opened_in_memory() {
    let (fag, ide) = generated(80, Format::Xml);
    let ide = ide.unwrap();
    let right = pair(("KPR_IPL.xml", &fag), ("KPR_IDE.xml", &ide));
    // Names that say nothing, the identmelding first, and a stray file.
    let z = zip_of(&[
        ("uttrekk/a.xml", ide.as_slice()),
        (
            "uttrekk/les-meg.txt",
            b"Sendes innen 15. januar.".as_slice(),
        ),
        ("uttrekk/b.xml", fag.as_slice()),
    ]);
    let r = run("iplos.zip", &z);
    let (rest, notes) = split21(&r);
    assert_eq!(rest, findings(&right));
    assert_eq!(notes.len(), 1, "{notes:?}");
    let n = &notes[0];
    assert!(
        n.contains("ZIP-fil") && n.contains("ingenting er lagret"),
        "{n}"
    );
    assert!(
        n.contains("«uttrekk/b.xml» er kontrollert som fagmelding")
            && n.contains("«uttrekk/a.xml» er lest som identmelding"),
        "{n}"
    );
    assert!(n.contains("Ikke lest: «uttrekk/les-meg.txt»"), "{n}");
    assert_eq!(r.provenance.files.len(), 2);
    assert_eq!(r.provenance.files[0].file.sha256.len(), 64);
    assert_eq!(
        r.provenance.files[0].file.size,
        z.len() as u64,
        "the file the user has"
    );
    assert_eq!(r.provenance.files[1].role, "identmelding");
    // The same ZIP given as the identmelding gives its identmelding.
    let r = pair(("b.xml", &fag), ("iplos.zip", &z));
    let (rest, _) = split21(&r);
    assert_eq!(rest, findings(&right));
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    // 300 MB of zeros behind an identmelding's root: about 300 kB packed.
    let fag = common::fagmelding();
    let z = packages::zip_bomb(
        "ident.xml",
        b"<Melding versjon=\"53.1.2\">",
        300 << 20,
        &[("fag.xml", fag.as_bytes())],
    );
    assert!(z.len() < 2 << 20, "{}", z.len());
    let r = run("post.zip", &z);
    let f = r
        .findings
        .iter()
        .find(|f| f.severity == Severity::Fatal)
        .expect("a Fatal finding");
    assert_eq!(f.code, "FIL-01");
    for part in ["«ident.xml»", "300 MB", "ZIP-bombe"] {
        assert!(f.message.contains(part), "{part}: {}", f.message);
    }
    assert_eq!(r.verdict, Verdict::KanIkkeKontrolleres);
}

#[test]
fn a_damaged_zip_is_said_to_be_one() {
    let z = zip_of(&[("fag.xml", common::fagmelding().as_bytes())]);
    let r = run("post.zip", &z[..z.len() / 2]);
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
    assert_eq!(r.findings[0].code, "FIL-01");
    assert!(r.findings[0].message.contains("ZIP-filen kan ikke åpnes"));
}

// ---------------------------------------------------------------- point 2c

#[test]
fn a_hodemelding_with_inline_content_is_checked_as_its_payload() {
    let (fag, ide) = generated(50, Format::Xml);
    let ide = ide.unwrap();
    let plain = pair(("fag.xml", &fag), ("ide.xml", &ide));
    let msg = hodemelding(&fag, "KPR_IPL", "7d9c3a52-0001", false);
    let r = pair(("KPR_IPL.xml", &msg), ("ide.xml", &ide));
    let (rest, notes) = split21(&r);
    // Positions are the saved message's: the payload starts 15 lines further down.
    let shift = String::from_utf8_lossy(&msg)
        .lines()
        .position(|l| l.starts_with("<IPLOS"))
        .unwrap() as u32
        + 1
        - 2;
    let shifted: Vec<_> = findings(&plain)
        .into_iter()
        .map(|(c, l, col, m, ident)| {
            let l = l.map(|l| if l >= 2 && !ident { l + shift } else { l });
            (c, l, col, m, ident)
        })
        .collect();
    assert!(plain.findings.len() > 3);
    assert_eq!(rest, shifted);
    assert!(
        notes[0].contains("hodemelding (KPR_IPL, MsgId 7d9c3a52-0001)")
            && notes[0].contains("slik den er lagret"),
        "{}",
        notes[0]
    );
    let env = r.provenance.files[0]
        .envelope
        .as_ref()
        .expect("the envelope is recorded");
    assert_eq!(env.msg_type.as_deref(), Some("KPR_IPL"));
    assert_eq!(env.msg_id.as_deref(), Some("7d9c3a52-0001"));
    assert!(
        r.provenance.file.format.contains("hodemelding KPR_IPL"),
        "{}",
        r.provenance.file.format
    );
}

#[test]
fn a_hodemelding_with_base64_content_is_decoded_as_it_streams() {
    let (fag, ide) = generated(120, Format::Xml);
    let ide = ide.unwrap();
    assert!(fag.len() > 3 * iplos_sjekk::sniff::PREFIX);
    let plain = pair(("fag.xml", &fag), ("ide.xml", &ide));
    let msg = hodemelding(&fag, "KPR_IPL", "id-1", true);
    let ide_msg = hodemelding(&ide, "KPR_IDE", "id-2", true);
    let whole = pair(("a.xml", &msg), ("b.xml", &ide_msg));
    // Streamed in odd small pieces, as the page and the CLI push it.
    let mut plan = Plan::new();
    plan.add(
        "a.xml",
        &msg[..iplos_sjekk::sniff::PREFIX.min(msg.len())],
        Slot::Any,
    );
    plan.add(
        "b.xml",
        &ide_msg[..iplos_sjekk::sniff::PREFIX.min(ide_msg.len())],
        Slot::Any,
    );
    plan.decide();
    assert_eq!((plan.main, plan.ident), (Some(0), Some(1)));
    let mut s = plan.session(Some(&ide_msg), opts());
    for c in msg.chunks(4099) {
        s.push(c);
    }
    let streamed = s.finish();
    for r in [&whole, &streamed] {
        let (rest, notes) = split21(r);
        assert_eq!(
            rest,
            findings(&plain),
            "base64: the decoded payload's positions"
        );
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes
            .iter()
            .any(|n| n.contains("KPR_IPL") && n.contains("base64-kodet")));
        assert!(notes
            .iter()
            .any(|n| n.contains("KPR_IDE") && n.contains("identmelding")));
        assert_eq!(
            r.provenance.files[1]
                .envelope
                .as_ref()
                .unwrap()
                .msg_type
                .as_deref(),
            Some("KPR_IDE")
        );
    }
    // The hodemelding swapped into the other slot is put right too.
    let r = pair(("b.xml", &ide_msg), ("a.xml", &msg));
    assert_eq!(split21(&r).0, findings(&plain));
}

#[test]
fn a_hodemelding_without_content_or_with_a_pdf_says_so() {
    let empty = br#"<?xml version="1.0"?><MsgHead><MsgInfo><Type V="KPR_IPL"/></MsgInfo><Document><RefDoc><MsgType V="A"/></RefDoc></Document></MsgHead>"#;
    let r = run("m.xml", empty);
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
    assert_eq!(r.findings[0].code, "FIL-02");
    assert!(r.findings[0].message.contains("Document/RefDoc/Content"));
    let pdf = hodemelding(b"%PDF-1.7\n...", "KPR_IPL", "x", true);
    let r = run("m.xml", &pdf);
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&"FIL-18"), "{:#?}", r.findings);
    assert_eq!(r.verdict, Verdict::KanIkkeKontrolleres);
}

#[test]
fn plain_files_are_read_as_before() {
    // No FIL-21, no envelope, the same format name.
    let (fag, ide) = generated(30, Format::Xml);
    let r = pair(("f.xml", &fag), ("i.xml", ide.as_deref().unwrap()));
    assert!(r.findings.iter().all(|f| f.code != "FIL-21"));
    assert_eq!(r.provenance.file.format, "IPLOS-melding (XML)");
    assert!(r.provenance.files.iter().all(|f| f.envelope.is_none()));
    let json = iplos_sjekk::render::json(&r);
    assert!(!json.contains("\"envelope\""));
}

// ---------------------------------------------------------------- the CLI

/// The CLI's JSON findings as (code, line, column, message).
/// A finding as the CLI's JSON gives it: code, line, column, message.
type CliFinding = (String, Option<u64>, Option<u64>, String);

fn cli_findings(args: &[&str]) -> (i32, Vec<CliFinding>) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_iplos-sjekk"))
        .args(args)
        .args(["--format", "json", "--year", "2025", "--all-findings"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["line"].as_u64(),
                f["column"].as_u64(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (o.status.code().unwrap(), f)
}

fn lib_findings(r: &Report) -> Vec<(String, Option<u64>, Option<u64>, String)> {
    r.findings
        .iter()
        .map(|f| {
            (
                f.code.to_string(),
                f.line.map(u64::from),
                f.column.map(u64::from),
                f.message.clone(),
            )
        })
        .collect()
}

#[test]
fn the_cli_takes_the_same_inputs_with_the_same_findings() {
    let dir = std::env::temp_dir().join(format!("iplos-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |n: &str| dir.join(n).to_str().unwrap().to_string();
    let (fag, ide) = generated(40, Format::Xml);
    let ide = ide.unwrap();
    let (csv, _) = generated(40, Format::Csv);
    let book = xlsx_of(&cells_of_csv(std::str::from_utf8(&csv).unwrap()), "Ark1");
    let z = zip_of(&[("ide.xml", ide.as_slice()), ("fag.xml", fag.as_slice())]);
    let msg = hodemelding(&fag, "KPR_IPL", "m-1", true);
    let ide_msg = hodemelding(&ide, "KPR_IDE", "m-2", false);
    for (n, b) in [
        ("fag.xml", &fag),
        ("ide.xml", &ide),
        ("bok.xlsx", &book),
        ("post.zip", &z),
        ("msg.xml", &msg),
        ("ide-msg.xml", &ide_msg),
        ("ikke.pdf", &b"%PDF-1.4\n".to_vec()),
    ] {
        std::fs::write(path(n), b).unwrap();
    }
    let o = Options {
        year: Some(2025),
        ..Default::default()
    };
    let lib = |files: &[(&str, &[u8], Slot)]| {
        let given: Vec<(Input, Slot)> = files.iter().map(|(n, b, s)| (input(n, b), *s)).collect();
        lib_findings(&check_files(&given, &o))
    };
    let cases: Vec<(Vec<String>, Vec<CliFinding>)> = vec![
        (
            vec![path("post.zip")],
            lib(&[(&path("post.zip"), &z, Slot::Main)]),
        ),
        (
            vec![path("bok.xlsx")],
            lib(&[(&path("bok.xlsx"), &book, Slot::Main)]),
        ),
        (
            vec![path("msg.xml"), "--ident".into(), path("ide-msg.xml")],
            lib(&[
                (&path("msg.xml"), &msg, Slot::Main),
                (&path("ide-msg.xml"), &ide_msg, Slot::Ident),
            ]),
        ),
        // Any order, any names; a third file is named.
        (
            vec![path("ide.xml"), path("ikke.pdf"), path("fag.xml")],
            lib(&[
                (&path("ide.xml"), &ide, Slot::Any),
                (&path("ikke.pdf"), b"%PDF-1.4\n", Slot::Any),
                (&path("fag.xml"), &fag, Slot::Any),
            ]),
        ),
        // Swapped with --ident: put right.
        (
            vec![path("ide.xml"), "--ident".into(), path("fag.xml")],
            lib(&[
                (&path("ide.xml"), &ide, Slot::Main),
                (&path("fag.xml"), &fag, Slot::Ident),
            ]),
        ),
    ];
    for (args, want) in cases {
        let mut a = vec!["check"];
        a.extend(args.iter().map(String::as_str));
        let (code, got) = cli_findings(&a);
        assert!(!want.is_empty());
        assert_eq!(got, want, "{args:?}");
        assert_ne!(code, 2, "{args:?}: checked, not refused");
        assert!(
            got.iter().any(|f| f.0 == "FIL-21"),
            "{args:?}: says what was done"
        );
    }
    let (code, got) = cli_findings(&["check", &path("ikke.pdf")]);
    assert_eq!((code, got.len(), got[0].0.as_str()), (2, 1, "FIL-18"));
    std::fs::remove_dir_all(&dir).ok();
}

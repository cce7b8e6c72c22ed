//! The streaming session gives the same report whatever the chunk size:
//! one byte at a time, odd sizes that split characters and tokens, or the
//! whole file at once. The files are larger than the encoding sniff window
//! so the XML reader really works window by window.

use iplos_sjekk::engine::Session;
use iplos_sjekk::generate::{self, Config, Format};
use iplos_sjekk::{Input, Options, Report};

/// Code, line, column, message and person of each finding.
type Seen = (&'static str, Option<u32>, Option<u32>, String, Option<u32>);

fn summary(r: &Report) -> Vec<Seen> {
    r.findings
        .iter()
        .map(|f| (f.code, f.line, f.column, f.message.clone(), f.person))
        .collect()
}

fn streamed(bytes: &[u8], ident: Option<&[u8]>, chunk: usize) -> Report {
    let opts = Options {
        year: Some(2025),
        ..Default::default()
    };
    streamed_with(bytes, ident, chunk, opts)
}

/// `bytes` (with its identmelding) pushed in chunks of `chunk` into a
/// session with `opts`.
fn streamed_with(bytes: &[u8], ident: Option<&[u8]>, chunk: usize, opts: Options) -> Report {
    let mut s = Session::new("f", ident.map(|b| Input::new("i", b)), opts);
    for c in bytes.chunks(chunk) {
        s.push(c);
    }
    s.finish()
}

fn same_for_all_chunk_sizes(name: &str, bytes: &[u8], ident: Option<&[u8]>, sizes: &[usize]) {
    let whole = streamed(bytes, ident, bytes.len().max(1));
    for &n in sizes {
        let r = streamed(bytes, ident, n);
        assert_eq!(summary(&r), summary(&whole), "{name}: chunk size {n}");
        assert_eq!(
            (r.persons, r.verdict),
            (whole.persons, whole.verdict),
            "{name}: chunk size {n}"
        );
        assert_eq!(r.provenance.file.sha256, whole.provenance.file.sha256);
        assert_eq!(r.provenance.file.encoding, whole.provenance.file.encoding);
    }
}

fn generated(persons: u64, rate: f64, format: Format) -> (Vec<u8>, Option<Vec<u8>>) {
    generate::to_bytes(&Config {
        persons,
        year: 2025,
        seed: 7,
        format,
        error_rate: rate,
        kommune: "0301".into(),
    })
}

#[test]
fn xml_with_errors_in_odd_chunks() {
    let (main, ident) = generated(120, 0.3, Format::Xml);
    assert!(
        main.len() > 2 * iplos_sjekk::decode::SNIFF_LEN,
        "{} bytes",
        main.len()
    );
    same_for_all_chunk_sizes(
        "xml",
        &main,
        ident.as_deref(),
        &[1, 3, 7, 64, 4093, 65_537, 1 << 20],
    );
}

#[test]
fn utf16_and_windows_1252_in_odd_chunks() {
    let (main, ident) = generated(60, 0.2, Format::Xml);
    let text = String::from_utf8(main)
        .unwrap()
        .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
        .replace("<iiSysID>", "<iiSysID>Æøå");
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    same_for_all_chunk_sizes("utf16", &le, ident.as_deref(), &[1, 2, 3, 1001]);
    let latin: Vec<u8> = text
        .replace("encoding=\"UTF-16\"", "encoding=\"ISO-8859-1\"")
        .chars()
        .map(|c| match c {
            'Æ' => 0xC6,
            'ø' => 0xF8,
            'å' => 0xE5,
            c => c as u8,
        })
        .collect();
    same_for_all_chunk_sizes("cp1252", &latin, ident.as_deref(), &[1, 5, 4096]);
    let r = streamed(&latin, ident.as_deref(), 5);
    assert_eq!(r.provenance.file.encoding, "windows-1252");
}

#[test]
fn csv_in_odd_chunks() {
    let (main, _) = generated(150, 0.3, Format::Csv);
    same_for_all_chunk_sizes("csv", &main, None, &[1, 7, 65_537]);
}

/// A generated CSV with a column of quoted notes holding line breaks,
/// delimiters and doubled quotes on every third row, CRLF line ends, and
/// one person's last row moved to the end of the file (a split person).
fn awkward_csv() -> String {
    let (main, _) = generated(300, 0.3, Format::Csv);
    let text = String::from_utf8(main).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[0].push_str(";merknad");
    for (i, l) in lines.iter_mut().enumerate().skip(1) {
        l.push_str(if i % 3 == 0 {
            ";\"Ringt 2 ganger;\r\nsvar: \"\"ja\"\"\nÅse\""
        } else {
            ";"
        });
    }
    // The last row of the person on row 40 goes last.
    let id = |l: &str| l.split(';').nth(3).unwrap_or("").to_string();
    let who = id(&lines[40]);
    let at = (40..lines.len())
        .take_while(|&i| id(&lines[i]) == who)
        .last()
        .unwrap();
    let moved = lines.remove(at);
    lines.push(moved);
    lines.join("\r\n") + "\r\n"
}

#[test]
fn csv_with_quoted_line_breaks_and_a_split_person_in_odd_chunks() {
    let csv = awkward_csv();
    assert!(
        csv.len() > 2 * iplos_sjekk::decode::SNIFF_LEN,
        "{}",
        csv.len()
    );
    let sizes = [1, 7, 4093, 65_537];
    same_for_all_chunk_sizes("awkward csv", csv.as_bytes(), None, &sizes);
    let r = streamed(csv.as_bytes(), None, 4093);
    assert!(!r.findings.iter().any(|f| f.code == "FIL-01"));
    let split: Vec<_> = r.findings.iter().filter(|f| f.code == "PER-09").collect();
    assert_eq!(split.len(), 1, "{split:?}");
    assert_eq!(r.persons, 301, "the split person counts twice");

    // A quote left open near the end: Fatal, and the same in any chunks.
    let broken = csv.replacen("\"Ringt", "\"Ringt\"\"", 1) + "9;\"open\r\n";
    same_for_all_chunk_sizes("unclosed quote", broken.as_bytes(), None, &sizes);
    let r = streamed(broken.as_bytes(), None, 4093);
    let f = fatal_fil01(&r);
    assert_eq!(f.column, Some(2));
}

#[test]
fn broken_files_in_odd_chunks() {
    let (main, ident) = generated(80, 0.0, Format::Xml);
    let cut = &main[..main.len() * 2 / 3];
    same_for_all_chunk_sizes("truncated", cut, ident.as_deref(), &[1, 9, 4096]);
    // All ASCII until a Windows-1252 byte far in: read as Windows-1252.
    let mut late = main.clone();
    let at = late.len() * 3 / 4;
    late[at] = 0xF8;
    same_for_all_chunk_sizes("windows-1252 late", &late, ident.as_deref(), &[1, 4096]);
    assert_eq!(
        streamed(&late, ident.as_deref(), 4096)
            .provenance
            .file
            .encoding,
        "windows-1252"
    );
    // Real UTF-8 first, then a byte that is not: the file mixes encodings.
    let text = String::from_utf8(main).unwrap();
    let mut mixed = text.replacen("<Navn>", "<Navn>Åse ", 1).into_bytes();
    let at = mixed.len() * 3 / 4;
    mixed[at] = 0xFF;
    same_for_all_chunk_sizes("invalid utf-8 late", &mixed, ident.as_deref(), &[1, 4096]);
    let r = streamed(&mixed, ident.as_deref(), 4096);
    let f = fatal_fil01(&r);
    assert!(f.line.unwrap() > 100, "{f:?}");
}

#[test]
fn a_huge_token_is_refused_without_holding_it() {
    let mut s = Session::new(
        "f",
        None,
        Options {
            year: Some(2025),
            ..Default::default()
        },
    );
    s.push(b"<IPLOS versjon=\"3.5\"><INNHINFO><iiSysID>");
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..24 {
        s.push(&chunk);
    }
    let r = s.finish();
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "FIL-01")
        .expect("FIL-01");
    assert!(f.message.contains("MB"), "{}", f.message);
}

#[test]
fn progress_counts_bytes_and_persons() {
    let (main, ident) = generated(50, 0.0, Format::Xml);
    let mut s = Session::new(
        "f",
        ident.as_deref().map(|b| Input::new("i", b)),
        Options::default(),
    );
    let mut last = iplos_sjekk::engine::Progress::default();
    for c in main.chunks(10_000) {
        let p = s.push(c);
        assert!(p.bytes >= last.bytes && p.persons >= last.persons);
        last = p;
    }
    assert_eq!(last.bytes, main.len() as u64);
    assert!(last.persons >= 40, "{last:?}");
    assert_eq!(s.finish().persons, 50);
}

/// With `skip_hash` the caller hashes elsewhere: the report leaves it empty
/// and is otherwise the same.
#[test]
fn skip_hash_leaves_the_digest_to_the_caller() {
    let (main, ident) = generated(20, 0.2, Format::Xml);
    let with = streamed(&main, ident.as_deref(), 4096);
    let opts = Options {
        year: Some(2025),
        skip_hash: true,
        ..Default::default()
    };
    let without = streamed_with(&main, ident.as_deref(), main.len(), opts);
    assert_eq!(without.provenance.file.sha256, "");
    assert_eq!(with.provenance.file.sha256.len(), 64);
    assert_eq!(summary(&without), summary(&with));
}

/// Over the cap, findings are counted but not listed: memory stays bounded
/// when every person has the same problem, and nothing is lost from the counts.
#[test]
fn findings_over_the_cap_are_counted_not_listed() {
    let (main, ident) = generated(300, 0.0, Format::Xml);
    let run = |cap: Option<usize>| {
        let opts = Options {
            year: Some(2025),
            max_findings_per_code: cap,
            ..Default::default()
        };
        streamed_with(&main, ident.as_deref(), main.len(), opts)
    };
    let all = run(None);
    let capped = run(Some(25));
    let listed = |r: &Report, code: &str| r.findings.iter().filter(|f| f.code == code).count();
    assert_eq!(listed(&all, "PER-07"), 300);
    assert_eq!(listed(&capped, "PER-07"), 25);
    let omitted = capped
        .findings_omitted
        .iter()
        .find(|o| o.code == "PER-07")
        .expect("PER-07 omitted");
    assert_eq!(omitted.count, 275);
    assert_eq!(capped.counts, all.counts);
    assert_eq!(
        (capped.verdict, capped.persons_with_errors),
        (all.verdict, all.persons_with_errors)
    );
    let text = iplos_sjekk::render::text(&capped, iplos_sjekk::render::Lang::Nb);
    assert!(text.contains("og 275 flere funn"), "{text}");
}

/// FIL-17 counts every schema violation, listed or not.
#[test]
fn fil_17_counts_omitted_schema_violations() {
    let (main, ident) = generated(200, 0.0, Format::Xml);
    let text = String::from_utf8(main).unwrap();
    let women = text.matches("<peKjonn>K</peKjonn>").count();
    assert!(women > 20, "{women}");
    let broken = text.replace("<peKjonn>K</peKjonn>", "<peKjonn>X</peKjonn>");
    let opts = Options {
        year: Some(2025),
        max_findings_per_code: Some(5),
        ..Default::default()
    };
    let mut s = Session::new("f", ident.as_deref().map(|b| Input::new("i", b)), opts);
    s.push(broken.as_bytes());
    let r = s.finish();
    let fil17 = r
        .findings
        .iter()
        .find(|f| f.code == "FIL-17")
        .expect("FIL-17");
    assert!(
        fil17.message.contains(&format!("PER-19 ({women})")),
        "{}",
        fil17.message
    );
}

/// The report's FIL-01, which stops the check.
fn fatal_fil01(r: &iplos_sjekk::Report) -> &iplos_sjekk::Finding {
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "FIL-01")
        .expect("FIL-01");
    assert_eq!(f.severity, iplos_sjekk::Severity::Fatal);
    f
}

/// The CLI's way: each chunk read into a buffer that goes to be hashed as
/// it is; the session gives back a buffer of the same length to fill next.
/// Only the bytes read count, whatever the buffer held before.
fn streamed_in_buffers(bytes: &[u8], ident: Option<&[u8]>, len: usize) -> Report {
    let opts = Options {
        year: Some(2025),
        ..Default::default()
    };
    let mut s = Session::new("f", ident.map(|b| Input::new("i", b)), opts);
    let mut buf = vec![0xAB; len];
    for c in bytes.chunks(len) {
        buf[..c.len()].copy_from_slice(c);
        let (next, _) = s.push_buffer(buf, c.len());
        assert_eq!(next.len(), len, "a buffer of the same length comes back");
        buf = next;
        // What is left in it from before must not be read or hashed again.
        buf.fill(0xCD);
    }
    s.finish()
}

#[test]
fn buffers_handed_over_give_the_same_report_and_digest() {
    use sha2::{Digest, Sha256};
    for format in [Format::Xml, Format::Csv] {
        let (bytes, ident) = generated(300, 0.05, format);
        let whole = streamed(&bytes, ident.as_deref(), bytes.len());
        let digest: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(whole.provenance.file.sha256, digest, "{format:?}");
        for len in [1000, 4096, 1 << 20] {
            let r = streamed_in_buffers(&bytes, ident.as_deref(), len);
            assert_eq!(summary(&r), summary(&whole), "{format:?}: buffers of {len}");
            assert_eq!(r.persons, whole.persons, "{format:?}: buffers of {len}");
            assert_eq!(
                r.provenance.file.sha256, digest,
                "{format:?}: buffers of {len}"
            );
            assert_eq!(r.provenance.file.size, bytes.len() as u64);
        }
    }
}

#[test]
fn long_tokens_and_split_characters_across_big_chunks() {
    // Comments far longer than the few KB a new chunk lends the token cut
    // by its edge, and text with æøå that chunk edges cut in the middle of
    // a character, well past the first 64 KB (read whole to decide the
    // encoding): read as when the file comes whole.
    let (main, ident) = generated(150, 0.2, Format::Xml);
    let text = String::from_utf8(main).unwrap();
    let long = format!("<!-- {} -->\n", "lang kommentar ".repeat(900));
    let wide = format!("<!-- {} -->\n", "Å".repeat(5000));
    let mut out = String::new();
    for (i, part) in text.split("<PERSON ").enumerate() {
        if i > 0 {
            match i {
                80 | 81 | 90 => out.push_str(&long),
                100 => out.push_str(&wide),
                _ => {}
            }
            out.push_str("<PERSON ");
        }
        out.push_str(&part.replace("<peKjonn>", "<!-- ærlig øyeblikk -->\n<peKjonn>"));
    }
    let start = out.find(&long).unwrap();
    assert!(start > 2 * iplos_sjekk::decode::SNIFF_LEN, "{start}");
    assert!(out.find(&wide).unwrap() > start);
    same_for_all_chunk_sizes(
        "long tokens",
        out.as_bytes(),
        ident.as_deref(),
        &[4097, 5003, 8191, 12_289, 65_537],
    );
}

//! Well-formedness against a peer: the checker's own XML tokenizer must say
//! "not well-formed" (FIL-01) exactly when libxml2 (`xmllint --noout`) does,
//! on hundreds of small damages to a clean fagmelding: a stray `<`, `&` or
//! quote, a broken comment or CDATA, a deleted byte, a repeated attribute.
//! A difference either way fails, naming the damage.

use std::io::Write;
use std::process::{Command, Stdio};

use iplos_sjekk::{check, Input, Options, Severity};

fn ours_fatal_fil01(bytes: &[u8]) -> bool {
    let r = check(
        Input::new("x.xml", bytes),
        None,
        &Options {
            year: Some(2025),
            ..Default::default()
        },
    );
    r.findings
        .iter()
        .any(|f| f.code == "FIL-01" && f.severity == Severity::Fatal)
}

/// Whether libxml2 finds the text well-formed.
fn xmllint_ok(bytes: &[u8]) -> bool {
    let mut child = Command::new("xmllint")
        .args(["--noout", "--nonet", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("xmllint is installed by `npm test` (Debian libxml2-utils)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(bytes)
        .expect("write to xmllint");
    child.wait().expect("xmllint runs").success()
}

/// A small deterministic generator (xorshift), so every run tries the same cases.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn fil01_agrees_with_libxml2_on_damaged_files() {
    let clean = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/klar-2025.xml"
    ))
    .expect("fixture");
    assert!(xmllint_ok(clean.as_bytes()) && !ours_fatal_fil01(clean.as_bytes()));
    // Damage after the XML declaration (whose own syntax we do not check).
    let body_start = clean.find('\n').expect("a declaration line") + 1;
    let inserts = [
        "<",
        ">",
        "&",
        "&amp;",
        "&lt",
        "&#65;",
        "&#x0;",
        "&nbsp;",
        "\"",
        "'",
        "=",
        "/",
        "]]>",
        "<!--",
        "-->",
        "<!-- a -- b -->",
        "<![CDATA[x]]>",
        "<![CDATA[",
        "<?pi x?>",
        "<?xml ?>",
        "</x>",
        "<x/>",
        " ",
        "\n",
        "x y",
        "<1>",
        "< a>",
        // Characters XML 1.0 forbids anywhere (C0 controls but TAB, LF
        // and CR; U+FFFE, U+FFFF), and ones it allows.
        "\u{1b}[2J",
        "\u{7}",
        "\u{1}",
        "\u{b}",
        "\u{c}",
        "\u{1f}",
        "\u{fffe}",
        "\u{ffff}",
        "\t",
        "\r",
        "\u{7f}",
        "\u{85}",
        "\u{fffd}",
        // Names with non-ASCII characters, allowed and not.
        "<æøå/>",
        "<a\u{b7}/>",
        "<\u{b7}a/>",
        "<a\u{85}/>",
        "<a\u{2028}/>",
    ];
    let whole = [
        ("a newline before the declaration", format!("\n{clean}")),
        ("two roots", format!("{clean}<IPLOS/>")),
        ("text after the root", format!("{clean}x")),
        ("a comment after the root", format!("{clean}<!-- c -->")),
        ("the root's end tag missing", clean.replace("</IPLOS>", "")),
    ];
    for (what, text) in &whole {
        assert_eq!(
            ours_fatal_fil01(text.as_bytes()),
            !xmllint_ok(text.as_bytes()),
            "{what}"
        );
    }
    let mut rng = Rng(0x1F105);
    let mut cases = 0;
    let mut disagree = Vec::new();
    for round in 0..60 {
        let at = loop {
            let p = body_start + rng.below(clean.len() - body_start);
            if clean.is_char_boundary(p) {
                break p;
            }
        };
        let mut variants: Vec<(String, String)> = inserts
            .iter()
            .map(|ins| {
                let mut s = clean.clone();
                s.insert_str(at, ins);
                (format!("insert {ins:?} at {at}"), s)
            })
            .collect();
        for n in [1, 3] {
            if let Some(end) = (at + n..=clean.len()).find(|&e| clean.is_char_boundary(e)) {
                let mut s = clean.clone();
                s.replace_range(at..end, "");
                variants.push((format!("delete {:?} at {at}", &clean[at..end]), s));
            }
        }
        // An attribute given twice, in some start tag.
        if round % 4 == 0 {
            if let Some(tag) = clean[at..].find("<FUNKSJON ").map(|p| at + p + 9) {
                let mut s = clean.clone();
                s.insert_str(tag, " a=\"1\" a=\"2\"");
                variants.push((format!("repeated attribute at {tag}"), s));
            }
        }
        for (what, text) in variants {
            cases += 1;
            let lib_ok = xmllint_ok(text.as_bytes());
            let ours_bad = ours_fatal_fil01(text.as_bytes());
            if lib_ok == ours_bad {
                disagree.push(format!(
                    "{what}: libxml2 says {}, we say {}",
                    if lib_ok {
                        "well-formed"
                    } else {
                        "not well-formed"
                    },
                    if ours_bad { "FIL-01" } else { "no FIL-01" }
                ));
            }
        }
    }
    assert!(cases > 2000, "only {cases} cases");
    assert!(
        disagree.is_empty(),
        "{} of {cases} damaged files judged differently:\n{}",
        disagree.len(),
        disagree.join("\n")
    );
}

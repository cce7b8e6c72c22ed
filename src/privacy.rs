//! The one step every text leaving the engine passes through: identity
//! numbers masked wherever they stand, control characters made visible, and
//! long values cut to a short excerpt with their length.
//!
//! A finding's message quotes values from the file, and a careless export
//! can put an identity number in any field: as `pePeID` (an EPJ that uses
//! the fødselsnummer as its person id), in an organisation-number field, an
//! unknown element's name, a CSV header or the `versjon` attribute. So the
//! masking does not depend on which field a text came from: any run that
//! reads as an identity number is masked, in every text of the report
//! (messages, `pePeID`, service code, provenance, the municipality). The
//! only exception is `fidFull`, which exists only when the caller asked for
//! full identities (`Options::reveal_identities`).
//!
//! What reads as an identity number (the product's promise, README
//! "Personvern"):
//! - a run of 11 or more ASCII digits: the first six (the birth date, which
//!   the masked form `050180*****` always shows) are kept, the rest become
//!   `*****`;
//! - six digits, one space, dash or dot, and five or more digits
//!   (`991234 56789`, `991234-56789`, `991234.56789`): the same, the
//!   separator kept.
//!
//! Nine-digit organisation numbers, eight-digit dates and shorter numbers
//! are left as they are.
//!
//! Values are cut where they are quoted: in a message over 200 bytes, a
//! `«…»` segment longer than
//! [`QUOTE_MAX`] characters keeps its first characters and says how long it
//! was («AAAA…» (2 000 000 tegn)), and any other run without spaces longer
//! than [`RUN_MAX`] is cut the same way, so that a report's size is bounded
//! by its findings, never by the length of a value in the file.

use std::borrow::Cow;

/// Characters of a quoted value that are kept.
pub const QUOTE_MAX: usize = 40;
/// Characters of an unquoted run (no white space) that are kept.
pub const RUN_MAX: usize = 80;
/// Messages up to this many bytes are short enough as they are.
const SHORT: usize = 200;

/// The language of the length note after a cut value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// «…» (2 000 000 tegn)
    Nb,
    /// «…» (2,000,000 characters)
    En,
}

/// Masks identity numbers and makes control characters visible; text with
/// neither is borrowed unchanged.
pub fn mask(text: &str) -> Cow<'_, str> {
    if !needs_mask(text) {
        return Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let run = digit_run(b, i);
            let end = i + run;
            let split_end = (run == 6 && end + 1 < b.len() && matches!(b[end], b' ' | b'-' | b'.'))
                .then(|| digit_run(b, end + 1))
                .filter(|&n| n >= 5)
                .map(|n| end + 1 + n);
            if run >= 11 {
                out.push_str(&text[copied..i + 6]);
                out.push_str("*****");
                copied = end;
            } else if let Some(split_end) = split_end {
                out.push_str(&text[copied..end + 1]);
                out.push_str("*****");
                copied = split_end;
                i = split_end;
                continue;
            }
            i = end;
            continue;
        }
        if let Some((len, ch)) = (c < 0x20 || c == 0x7f || c >= 0xc2)
            .then(|| control_at(text, i))
            .flatten()
        {
            out.push_str(&text[copied..i]);
            push_visible(&mut out, ch);
            i += len;
            copied = i;
            continue;
        }
        i += 1;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// [`mask`], then long quoted values and long runs cut to an excerpt with
/// their length: the form every message takes before it is kept.
pub fn message(text: String, lang: Lang) -> String {
    let masked = match mask(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(s) => s,
    };
    if masked.len() <= SHORT {
        return masked;
    }
    bound(&masked, lang).map_or(masked, |s| s)
}

/// A value for a field of the report: masked, and cut like a quoted value
/// when long.
pub fn field(value: &str, lang: Lang) -> String {
    let masked = mask(value);
    let n = masked.chars().count();
    if n <= RUN_MAX {
        return masked.into_owned();
    }
    let mut out: String = masked.chars().take(QUOTE_MAX).collect();
    out.push('…');
    out.push_str(&length_note(n, lang));
    out
}

/// Whether [`mask`] would change `text`: a run of six or more digits, or a
/// control character.
fn needs_mask(text: &str) -> bool {
    let mut digits = 0;
    for (i, &c) in text.as_bytes().iter().enumerate() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 6 {
                return true;
            }
        } else {
            digits = 0;
            if c < 0x20 || c == 0x7f || (c >= 0xc2 && control_at(text, i).is_some()) {
                return true;
            }
        }
    }
    false
}

fn digit_run(b: &[u8], from: usize) -> usize {
    b[from..].iter().take_while(|c| c.is_ascii_digit()).count()
}

/// A character at byte `i` that must not reach a terminal or a page as it
/// is: C0 and C1 controls, DEL, and the bidirectional overrides that can
/// make text read differently from what it holds.
fn control_at(text: &str, i: usize) -> Option<(usize, char)> {
    if !text.is_char_boundary(i) {
        return None;
    }
    let ch = text[i..].chars().next()?;
    let bad = ch.is_control()
        || matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}');
    bad.then(|| (ch.len_utf8(), ch))
}

/// `\x1b`, `\u{202e}`: a control character as text a person can read.
fn push_visible(out: &mut String, ch: char) {
    use std::fmt::Write as _;
    let c = u32::from(ch);
    if c < 0x100 {
        let _ = write!(out, "\\x{c:02x}");
    } else {
        let _ = write!(out, "\\u{{{c:04x}}}");
    }
}

/// Cuts quoted values over [`QUOTE_MAX`] characters and other runs over
/// [`RUN_MAX`]; `None` when nothing is long.
fn bound(text: &str, lang: Lang) -> Option<String> {
    let mut out = String::new();
    let mut changed = false;
    let mut rest = text;
    while !rest.is_empty() {
        // A quoted value: «…», up to its closing mark (or the end).
        if let Some(inner) = rest.strip_prefix('«') {
            let close = inner.find('»');
            let value = close.map_or(inner, |c| &inner[..c]);
            let n = value.chars().count();
            if n > QUOTE_MAX {
                changed = true;
                out.push('«');
                out.extend(value.chars().take(QUOTE_MAX));
                out.push_str("…»");
                out.push_str(&length_note(n, lang));
            } else {
                out.push('«');
                out.push_str(value);
                if close.is_some() {
                    out.push('»');
                }
            }
            rest = close.map_or("", |c| &inner[c + '»'.len_utf8()..]);
            continue;
        }
        // A run without white space (or a quote mark).
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '«')
            .map_or(rest.len(), |e| {
                if e == 0 {
                    rest.chars().next().map_or(1, char::len_utf8)
                } else {
                    e
                }
            });
        let run = &rest[..end];
        let n = run.chars().count();
        if n > RUN_MAX {
            changed = true;
            out.extend(run.chars().take(QUOTE_MAX));
            out.push('…');
            out.push_str(&length_note(n, lang));
        } else {
            out.push_str(run);
        }
        rest = &rest[end..];
    }
    changed.then_some(out)
}

/// " (2 000 000 tegn)" / " (2,000,000 characters)".
fn length_note(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Nb => ' ',
        Lang::En => ',',
    };
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(sep);
        }
        grouped.push(d);
    }
    match lang {
        Lang::Nb => format!(" ({grouped} tegn)"),
        Lang::En => format!(" ({grouped} characters)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_runs_are_masked_wherever_they_stand() {
        assert_eq!(mask("pePeID 99123456789 her"), "pePeID 991234***** her");
        assert_eq!(mask("<x99123456789y>"), "<x991234*****y>");
        assert_eq!(mask("991234 56789"), "991234 *****");
        assert_eq!(mask("991234-56789"), "991234-*****");
        assert_eq!(mask("991234.56789"), "991234.*****");
        assert_eq!(mask("1234567890123456"), "123456*****");
        assert_eq!(
            mask("991234  56789"),
            "991234  56789",
            "two spaces: two numbers"
        );
        assert_eq!(mask("9912345 6789"), "9912345 6789");
    }

    #[test]
    fn other_numbers_stay() {
        for s in [
            "974000005",
            "20250131",
            "linje 12345, kolonne 6",
            "0301",
            "1 000 000",
            "123456 1234",
        ] {
            assert!(matches!(mask(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(mask("a\u{1b}[2Jb"), "a\\x1b[2Jb");
        assert_eq!(mask("\u{7}\u{9b}"), "\\x07\\x9b");
        assert_eq!(mask("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(mask("\rVurdering: Klar"), "\\x0dVurdering: Klar");
        assert_eq!(mask("æøå «ok»"), "æøå «ok»");
    }

    #[test]
    fn long_values_are_cut_with_their_length() {
        let long = "A".repeat(2_000_000);
        let nb = message(format!("Verdien «{long}» er ukjent."), Lang::Nb);
        assert_eq!(
            nb,
            format!(
                "Verdien «{}…» (2 000 000 tegn) er ukjent.",
                "A".repeat(QUOTE_MAX)
            )
        );
        let en = message(format!("The value «{long}» is unknown."), Lang::En);
        assert!(en.contains("(2,000,000 characters)"), "{en}");
        let bare = message(format!("Ukjent element <{long}>."), Lang::Nb);
        assert!(
            bare.len() < 200 && bare.contains("(2 000 003 tegn)"),
            "{bare}"
        );
        let short = "Verdien «ABC» er ukjent.".to_string();
        assert_eq!(message(short.clone(), Lang::Nb), short);
        assert_eq!(field(&"9".repeat(500), Lang::Nb), format!("999999*****"));
        assert!(field(&"x".repeat(500), Lang::Nb).ends_with("… (500 tegn)"));
    }

    #[test]
    fn cutting_never_reveals_a_masked_number() {
        let v = format!("{}99123456789", "B".repeat(60));
        let m = message(format!("«{v}»"), Lang::Nb);
        assert!(!m.contains("56789"), "{m}");
    }
}

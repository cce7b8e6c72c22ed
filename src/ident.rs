//! The identmelding (NPR module "ide", version 53.1.2) to identities.
//!
//! The whole message lives in attributes: `Melding` (the header),
//! `Kontaktperson`, `Institusjon` and `PasientIdent` (`pid`, `fid`,
//! `typeID`). The reader keeps each `PasientIdent` with its position; the
//! join with the fagmelding (`pid` = `pePeID`) and the IDE rules are the
//! engine's. As in the fagmelding reader, no entity beyond XML's own is
//! expanded and a DTD with entities ends the reading.

use crate::decode::{label_matches, LineIndex};
use crate::finding::{Note, Pos};
use crate::model::{Ident, IdentHeader, SmallStr};
use crate::xmltok::{local_name, pseudo_attribute, value_of, Attr, Lexer, Step, Tok};

/// What the identmelding holds.
#[derive(Clone, Debug, Default)]
pub struct IdentFile {
    pub header: IdentHeader,
    pub idents: Vec<Ident>,
    pub notes: Vec<Note>,
    pub fatal: bool,
}

fn fatal(out: &mut IdentFile, code: &'static str, pos: Pos, nb: String, en: String) {
    out.notes.push(Note::new(code, pos, nb, en));
    out.fatal = true;
}

/// An attribute's value, references resolved and trimmed.
fn value(a: &Attr, text: &str) -> String {
    value_of(a, text).trim().to_string()
}

/// Reads a decoded identmelding.
pub fn read(text: &str, encoding: &str) -> IdentFile {
    let mut out = IdentFile::default();
    let mut lines = LineIndex::new(text.as_bytes());
    let mut lx = Lexer::default();
    let mut at = 0;
    // The open elements (their names, for end-tag checks).
    let mut open: Vec<&str> = Vec::new();
    let mut seen_root = false;
    let mut any_token = false;
    loop {
        let (tok, before) = match lx.next(text, &mut at, true) {
            Step::Tok(t, b) => (t, b),
            Step::Eof | Step::More => {
                if let Some(name) = open.last() {
                    let pos = lines.pos(text.len());
                    fatal(
                        &mut out,
                        "FIL-01",
                        pos,
                        format!("Identmeldingen slutter før <{name}> er lukket: den er trolig avkortet."),
                        format!("The identmelding ends before <{name}> is closed: it is probably truncated."),
                    );
                } else if !seen_root {
                    fatal(
                        &mut out,
                        "FIL-02",
                        Pos { line: 1, column: 1 },
                        "Identmeldingen har ingen XML-elementer.".into(),
                        "The identmelding has no XML elements.".into(),
                    );
                }
                break;
            }
            Step::Bad(off, problem) => {
                let pos = lines.pos(off);
                let (nb, en) = problem.message();
                fatal(
                    &mut out,
                    "FIL-01",
                    pos,
                    format!("Identmeldingen: {nb}"),
                    format!("Identmelding: {en}"),
                );
                break;
            }
        };
        let first = !any_token;
        any_token = true;
        match tok {
            Tok::Start { name, empty } => {
                let pos = lines.pos(before);
                let local = local_name(name);
                let attr = |n: &str| {
                    lx.attrs
                        .iter()
                        .find(|a| a.name(text) == n)
                        .map(|a| value(a, text))
                        .filter(|v| !v.is_empty())
                        .map(SmallStr::from)
                };
                if !seen_root {
                    seen_root = true;
                    if local != "Melding" {
                        fatal(
                            &mut out,
                            "FIL-02",
                            pos,
                            format!("Identmeldingen har rotelementet <{local}>, men skal begynne med <Melding>."),
                            format!("The identmelding has the root element <{local}>, but should start with <Melding>."),
                        );
                        break;
                    }
                    let ns_key = match name.split_once(':') {
                        Some((p, _)) => format!("xmlns:{p}"),
                        None => "xmlns".to_string(),
                    };
                    out.header.pos = pos;
                    out.header.namespace = lx
                        .attrs
                        .iter()
                        .find(|a| a.name(text) == ns_key)
                        .map(|a| value(a, text));
                    out.header.attrs = lx
                        .attrs
                        .iter()
                        .map(|a| (a.name(text), a))
                        .filter(|(k, _)| !k.starts_with("xmlns") && !k.starts_with("xsi:"))
                        .map(|(k, a)| (k.to_string(), value(a, text)))
                        .collect();
                } else if open.is_empty() {
                    fatal(
                        &mut out,
                        "FIL-01",
                        pos,
                        format!("Identmeldingen har mer enn ett rotelement (<{local}>)."),
                        format!("The identmelding has more than one root element (<{local}>)."),
                    );
                    break;
                } else if open.len() > 8 {
                    fatal(
                        &mut out,
                        "FIL-02",
                        pos,
                        "Identmeldingen er nøstet for dypt: dette er ikke en identmelding.".into(),
                        "The identmelding is nested too deep: this is not an identmelding.".into(),
                    );
                    break;
                } else {
                    match local {
                        "Kontaktperson" => out.header.kontaktpersoner += 1,
                        "PasientIdent" => {
                            out.idents.push(Ident {
                                pid: attr("pid").unwrap_or_else(|| SmallStr::new("")),
                                fid: attr("fid"),
                                type_id: attr("typeID"),
                                pos,
                            });
                        }
                        _ => {}
                    }
                }
                if !empty {
                    open.push(name);
                }
            }
            Tok::End { name } => match open.pop() {
                Some(o) if o == name => {}
                other => {
                    let pos = lines.pos(before);
                    let (nb, en) = match other {
                        Some(o) => (
                            format!("Identmeldingen: sluttaggen </{name}> passer ikke med <{o}>."),
                            format!("Identmelding: the end tag </{name}> does not match <{o}>."),
                        ),
                        None => (
                            format!("Identmeldingen: sluttaggen </{name}> har ingen starttagg."),
                            format!("Identmelding: the end tag </{name}> has no start tag."),
                        ),
                    };
                    fatal(&mut out, "FIL-01", pos, nb, en);
                    break;
                }
            },
            Tok::Text { text: t, .. } if open.is_empty() && !t.trim().is_empty() => {
                let pos = lines.pos(before);
                fatal(
                    &mut out,
                    "FIL-01",
                    pos,
                    "Identmeldingen har tekst utenfor rotelementet.".into(),
                    "The identmelding has text outside the root element.".into(),
                );
                break;
            }
            Tok::DocType(d) if d.contains("<!ENTITY") => {
                let pos = lines.pos(before);
                fatal(
                    &mut out,
                    "FIL-01",
                    pos,
                    "Identmeldingen har en DTD med entiteter; de blir aldri utvidet.".into(),
                    "The identmelding has a DTD with entities; they are never expanded.".into(),
                );
                break;
            }
            Tok::Decl(d) => {
                let pos = lines.pos(before);
                if !first || before != 0 {
                    fatal(
                        &mut out,
                        "FIL-01",
                        pos,
                        "Identmeldingen: XML-deklarasjonen (<?xml …?>) kan bare stå aller først i filen.".into(),
                        "Identmelding: the XML declaration (<?xml …?>) can only stand at the very start of the file.".into(),
                    );
                    break;
                }
                if let Some(label) = pseudo_attribute(d, "encoding") {
                    if !label_matches(label, encoding, text.is_ascii()) {
                        out.notes.push(Note::new(
                            "FIL-03",
                            pos,
                            format!("Identmeldingen: XML-deklarasjonen sier encoding=«{label}», men filen er lagret som {encoding}."),
                            format!("Identmelding: the XML declaration says encoding=«{label}», but the file is stored as {encoding}."),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

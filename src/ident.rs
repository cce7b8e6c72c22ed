//! The identmelding (NPR module "ide", version 53.1.2) to identities.
//!
//! The whole message lives in attributes: `Melding` (the header),
//! `Kontaktperson`, `Institusjon` and `PasientIdent` (`pid`, `fid`,
//! `typeID`). The reader keeps each `PasientIdent` with its position; the
//! join with the fagmelding (`pid` = `pePeID`) and the IDE rules are the
//! engine's. As in the fagmelding reader, no entity beyond XML's own is
//! expanded and a DTD with entities ends the reading.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::decode::{label_matches, LineIndex};
use crate::model::{Ident, IdentHeader, Note, Pos};

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

/// Reads a decoded identmelding.
pub fn read(text: &str, encoding: &str) -> IdentFile {
    let mut out = IdentFile::default();
    let mut reader = Reader::from_str(text);
    let mut lines = LineIndex::new(text.as_bytes());
    let mut depth = 0usize;
    let mut seen_root = false;
    loop {
        let before = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let pos = lines.pos(reader.error_position() as usize);
                fatal(
                    &mut out,
                    "FIL-01",
                    pos,
                    format!("Identmeldingen: XML-feil: {e}"),
                    format!("Identmelding: XML error: {e}"),
                );
                break;
            }
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let pos = lines.pos(before);
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let attrs: Vec<(String, String)> = e
                    .attributes()
                    .flatten()
                    .map(|a| {
                        (
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            a.unescape_value()
                                .map(|v| v.trim().to_string())
                                .unwrap_or_default(),
                        )
                    })
                    .collect();
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
                    let prefix = e
                        .name()
                        .prefix()
                        .map(|p| String::from_utf8_lossy(p.as_ref()).into_owned());
                    let ns_key = prefix.map_or("xmlns".to_string(), |p| format!("xmlns:{p}"));
                    out.header.pos = pos;
                    out.header.namespace = attrs
                        .iter()
                        .find(|(k, _)| *k == ns_key)
                        .map(|(_, v)| v.clone());
                    out.header.attrs = attrs
                        .into_iter()
                        .filter(|(k, _)| !k.starts_with("xmlns") && !k.starts_with("xsi:"))
                        .collect();
                } else if depth > 8 {
                    fatal(
                        &mut out,
                        "FIL-02",
                        pos,
                        "Identmeldingen er nøstet for dypt: dette er ikke en identmelding.".into(),
                        "The identmelding is nested too deep: this is not an identmelding.".into(),
                    );
                    break;
                } else {
                    match local.as_str() {
                        "Kontaktperson" => out.header.kontaktpersoner += 1,
                        "PasientIdent" => {
                            let get = |n: &str| {
                                attrs
                                    .iter()
                                    .find(|(k, _)| k == n)
                                    .map(|(_, v)| v.clone())
                                    .filter(|v| !v.is_empty())
                            };
                            out.idents.push(Ident {
                                pid: get("pid").unwrap_or_default(),
                                fid: get("fid"),
                                type_id: get("typeID"),
                                pos,
                            });
                        }
                        _ => {}
                    }
                }
                if matches!(ev, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::DocType(d) if String::from_utf8_lossy(&d).contains("<!ENTITY") => {
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
            Event::GeneralRef(r) => {
                let pos = lines.pos(before);
                let name = String::from_utf8_lossy(&r).into_owned();
                if !matches!(name.as_str(), "lt" | "gt" | "amp" | "apos" | "quot")
                    && r.resolve_char_ref().ok().flatten().is_none()
                {
                    fatal(
                        &mut out,
                        "FIL-01",
                        pos,
                        format!("Identmeldingen: ukjent entitet «&{name};»."),
                        format!("Identmelding: unknown entity «&{name};»."),
                    );
                    break;
                }
            }
            Event::Decl(d) => {
                if let Some(Ok(label)) = d.encoding() {
                    let label = String::from_utf8_lossy(&label).into_owned();
                    if !label_matches(&label, encoding, text.is_ascii()) {
                        out.notes.push(Note::new(
                            "FIL-03",
                            lines.pos(before),
                            format!("Identmeldingen: XML-deklarasjonen sier encoding=«{label}», men filen er lagret som {encoding}."),
                            format!("Identmelding: the XML declaration says encoding=«{label}», but the file is stored as {encoding}."),
                        ));
                    }
                }
            }
            Event::Eof => {
                if depth > 0 {
                    let pos = lines.pos(text.len());
                    fatal(&mut out, "FIL-01", pos, "Identmeldingen slutter før alle elementer er lukket: den er trolig avkortet.".into(), "The identmelding ends before all elements are closed: it is probably truncated.".into());
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
            _ => {}
        }
    }
    out
}

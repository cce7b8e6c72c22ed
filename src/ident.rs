//! The identmelding (NPR module "ide", version 53.1.2) to identities.
//!
//! The whole message lives in attributes: `Melding` (the header),
//! `Kontaktperson`, `Institusjon` and `PasientIdent` (`pid`, `fid`,
//! `typeID`). The reader keeps each `PasientIdent` with its position; the
//! join with the fagmelding (`pid` = `pePeID`) and the IDE rules are the
//! engine's. As in the fagmelding reader, no entity beyond XML's own is
//! expanded and a DTD with entities ends the reading.

use std::collections::HashSet;

use crate::decode::{label_matches, LineIndex};
use crate::finding::{Note, Pos};
use crate::model::{Ident, IdentHeader, SmallStr};
use crate::xmltok::{
    is_ws, local_name, pseudo_attribute, value_of, Attr, Lexer, NsScope, Step, Tok,
};

/// The namespace of the identmelding, version 53.1.2.
pub const NAMESPACE: &str = "http://www.npr.no/xmlstds/53_1_2_ide";

/// What the identmelding holds.
#[derive(Clone, Debug, Default)]
pub struct IdentFile {
    pub header: IdentHeader,
    pub idents: Vec<Ident>,
    /// Findings of the reader; those that break the identmelding's schema
    /// are marked so (FIL-17 counts them for this file).
    pub notes: Vec<Note>,
    /// `PasientIdent`s (by index in `idents`) whose `pid` is given before
    /// in the same `Institusjon`, which the schema forbids (a `unique`
    /// constraint); the same `pid` in two institutions is allowed there.
    pub schema_dups: Vec<usize>,
    pub fatal: bool,
}

/// The elements of the identmelding's schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum El {
    Melding,
    Kontaktperson,
    Institusjon,
    PasientIdent,
    /// Not in the schema here: skipped with its content.
    Other,
}

/// What an attribute's value must be.
#[derive(Clone, Copy)]
enum AttrTy {
    /// `xs:string`: anything.
    Text,
    /// `xs:string` with one fixed value.
    Fixed(&'static str),
    /// `xs:string` from a list.
    Codes(&'static [&'static str]),
    /// `xs:date` (`2024-01-31`, optionally with a time zone).
    Date,
    /// `xs:nonNegativeInteger` from a list.
    Numbers(&'static [u32]),
    /// The NPR `guid` pattern.
    Guid,
}

/// Each element's attributes: name, type, required.
fn attributes_of(e: El) -> &'static [(&'static str, AttrTy, bool)] {
    use AttrTy::*;
    match e {
        El::Melding => &[
            ("versjon", Fixed("53.1.2"), true),
            ("meldingstype", Codes(&["E", "B"]), true),
            ("fraDatoPeriode", Date, true),
            ("uttakDato", Date, true),
            ("leverandor", Text, true),
            ("navnEPJ", Text, true),
            ("versjonEPJ", Text, true),
            ("versjonUt", Text, true),
            ("lopenr", Text, true),
            ("tilDatoPeriode", Date, true),
            ("lokalident", Text, false),
        ],
        El::Kontaktperson => &[
            ("kontPerson", Text, true),
            ("meldTelefon", Text, false),
            ("meldEpost1", Text, true),
            ("meldEpost2", Text, false),
            (
                "typeKontaktperson",
                Numbers(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]),
                true,
            ),
        ],
        El::Institusjon => &[("institusjonID", Text, true)],
        El::PasientIdent => &[
            ("pasientGUID", Guid, false),
            ("pid", Text, true),
            ("fid", Text, true),
            (
                "typeID",
                Numbers(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]),
                true,
            ),
        ],
        El::Other => &[],
    }
}

impl El {
    fn name(self) -> &'static str {
        match self {
            El::Melding => "Melding",
            El::Kontaktperson => "Kontaktperson",
            El::Institusjon => "Institusjon",
            El::PasientIdent => "PasientIdent",
            El::Other => "?",
        }
    }

    /// No content at all, not even whitespace (attributes only).
    fn empty_content(self) -> bool {
        matches!(self, El::Kontaktperson | El::PasientIdent)
    }
}

/// Whether a value is of its attribute's type, as libxml2 judges it.
fn attr_ok(ty: AttrTy, v: &str) -> bool {
    match ty {
        AttrTy::Text => true,
        AttrTy::Fixed(f) => v == f,
        AttrTy::Codes(list) => list.contains(&v),
        AttrTy::Date => is_date(v),
        AttrTy::Numbers(list) => {
            // xs:nonNegativeInteger collapses whitespace and allows a '+'
            // and leading zeros; the list compares numbers.
            let t = crate::rules::schema::xml_trim(v);
            let t = t.strip_prefix('+').unwrap_or(t);
            let n = t.trim_start_matches('0');
            !t.is_empty()
                && t.bytes().all(|b| b.is_ascii_digit())
                && (if n.is_empty() {
                    Ok(0)
                } else {
                    n.parse::<u32>()
                })
                .is_ok_and(|n| list.contains(&n))
        }
        AttrTy::Guid => {
            let inner = v
                .strip_prefix('{')
                .and_then(|x| x.strip_suffix('}'))
                .unwrap_or(v);
            let groups: Vec<&str> = inner.split('-').collect();
            groups.len() == 5
                && groups
                    .iter()
                    .zip([8, 4, 4, 4, 12])
                    .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
        }
    }
}

/// `xs:date` as libxml2 reads it: `-?YYYY-MM-DD` (a year of more than four
/// digits has no leading zero, year 0 does not exist), a real day, and an
/// optional time zone `Z` or `±hh:mm` up to 14:00. No whitespace.
pub fn is_date(v: &str) -> bool {
    let s = v.strip_prefix('-').unwrap_or(v);
    let Some(dash) = s.find('-') else {
        return false;
    };
    let (y, rest) = (&s[..dash], &s[dash + 1..]);
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    if !digits(y) || y.len() < 4 || (y.len() > 4 && y.starts_with('0')) {
        return false;
    }
    let Ok(year) = y.parse::<i64>() else {
        return false;
    };
    if year == 0 || rest.len() < 5 || rest.as_bytes()[2] != b'-' {
        return false;
    }
    let (m, d, tz) = (&rest[..2], &rest[3..5], &rest[5..]);
    if !digits(m) || !digits(d) {
        return false;
    }
    let (m, d): (u32, u32) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if d == 0 || d > days {
        return false;
    }
    match tz.as_bytes() {
        [] | [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let all = [*h1, *h2, *m1, *m2];
            if !all.iter().all(u8::is_ascii_digit) {
                return false;
            }
            let hh = u32::from(h1 - b'0') * 10 + u32::from(h2 - b'0');
            let mm = u32::from(m1 - b'0') * 10 + u32::from(m2 - b'0');
            mm < 60 && (hh < 14 || (hh == 14 && mm == 0))
        }
        _ => false,
    }
}

/// The identmelding's schema, checked as the reader goes: which elements
/// stand where, their attributes and values, no text where none belongs,
/// and the two `unique` constraints. Every finding is schema-level.
#[derive(Default)]
struct Validator {
    ns: NsScope,
    /// The open elements.
    open: Vec<El>,
    /// `Melding` has had an `Institusjon` (a `Kontaktperson` after one is
    /// out of order).
    seen_institusjon: bool,
    institusjoner: usize,
    /// `PasientIdent`s in the open `Institusjon`.
    pasienter: usize,
    institusjon_ids: HashSet<String>,
    pids: HashSet<String>,
    notes: Vec<Note>,
    dups: Vec<usize>,
}

impl Validator {
    fn note(&mut self, code: &'static str, pos: Pos, nb: String, en: String) {
        self.notes.push(Note::new(code, pos, nb, en).schema());
    }

    fn unknown(&mut self, what: &str, pos: Pos) {
        self.note(
            "FIL-09",
            pos,
            format!("Identmeldingen: {what} er ikke med i skjemaet for identmeldingen."),
            format!("Identmelding: {what} is not in the identmelding's schema."),
        );
    }

    /// A start tag at the current depth; returns the element it is.
    /// `ident` is the index the reader gave a `PasientIdent`.
    fn start(&mut self, name: &str, attrs: &[Attr], text: &str, pos: Pos, ident: usize) -> El {
        let depth = self.open.len();
        self.ns.declare(attrs, text, depth);
        if depth == 0 {
            self.ns.root_done();
        }
        let parent = self.open.last().copied();
        if parent == Some(El::Other) {
            return El::Other;
        }
        let local = local_name(name);
        let in_ns = self.ns.element_ns(name) == Some(NAMESPACE);
        let el = match (in_ns, local) {
            (true, "Melding") => El::Melding,
            (true, "Kontaktperson") => El::Kontaktperson,
            (true, "Institusjon") => El::Institusjon,
            (true, "PasientIdent") => El::PasientIdent,
            _ => El::Other,
        };
        let placed = match (parent, el) {
            (None, El::Melding) => true,
            (Some(El::Melding), El::Kontaktperson) => {
                if self.seen_institusjon {
                    self.note(
                        "FIL-11",
                        pos,
                        "Identmeldingen: <Kontaktperson> står etter <Institusjon>; skjemaet krever kontaktpersonene først.".into(),
                        "Identmelding: <Kontaktperson> stands after <Institusjon>; the schema requires the contacts first.".into(),
                    );
                }
                true
            }
            (Some(El::Melding), El::Institusjon) => {
                self.seen_institusjon = true;
                self.institusjoner += 1;
                self.pasienter = 0;
                self.pids.clear();
                true
            }
            (Some(El::Institusjon), El::PasientIdent) => {
                self.pasienter += 1;
                true
            }
            _ => false,
        };
        if !placed {
            // Named only in a finding: built when one is made.
            let shown = if in_ns {
                format!("<{local}>")
            } else {
                let ns = self.ns.element_ns(name).unwrap_or("");
                format!("<{local}> (xmlns=\"{ns}\")")
            };
            match (parent, el) {
                (None, _) => self.note(
                    "IDE-05",
                    pos,
                    format!("Identmeldingen begynner med {shown}, men skjemaet krever <Melding> i navnerommet {NAMESPACE}."),
                    format!("The identmelding starts with {shown}, but the schema requires <Melding> in the namespace {NAMESPACE}."),
                ),
                (Some(p), El::Other) if !p.empty_content() => {
                    self.unknown(&shown, pos);
                }
                (Some(p), _) => {
                    let inside = p.name();
                    if p.empty_content() {
                        self.note(
                            "FIL-11",
                            pos,
                            format!("Identmeldingen: <{inside}> skal ikke ha innhold, men har {shown}."),
                            format!("Identmelding: <{inside}> must have no content, but has {shown}."),
                        );
                    } else {
                        self.note(
                            "FIL-11",
                            pos,
                            format!("Identmeldingen: {shown} står på feil sted (i <{inside}>)."),
                            format!("Identmelding: {shown} stands in the wrong place (in <{inside}>)."),
                        );
                    }
                }
            }
            self.open.push(El::Other);
            return El::Other;
        }
        self.attributes(el, attrs, text, pos, ident);
        self.open.push(el);
        el
    }

    fn attributes(&mut self, el: El, attrs: &[Attr], text: &str, pos: Pos, ident: usize) {
        let known = attributes_of(el);
        let mut seen = [false; 16];
        for a in attrs {
            let name = a.name(text);
            match self.ns.attribute_plain(name) {
                None => continue,
                Some(false) => {
                    self.unknown(&format!("attributtet {name} på <{}>", el.name()), pos);
                    continue;
                }
                Some(true) => {}
            }
            let Some(k) = known.iter().position(|(n, _, _)| *n == name) else {
                self.unknown(&format!("attributtet {name} på <{}>", el.name()), pos);
                continue;
            };
            seen[k] = true;
            let v = value_of(a, text);
            let ty = known[k].1;
            if !attr_ok(ty, &v) {
                let want_nb = match ty {
                    AttrTy::Fixed(f) => format!("skal være «{f}»"),
                    AttrTy::Codes(l) => format!("skal være en av {}", l.join(", ")),
                    AttrTy::Date => "skal være en dato på formen ÅÅÅÅ-MM-DD".into(),
                    AttrTy::Numbers(_) => "er ikke en kode i kodeverket".into(),
                    AttrTy::Guid => "er ikke en GUID".into(),
                    AttrTy::Text => String::new(),
                };
                let want_en = match ty {
                    AttrTy::Fixed(f) => format!("must be «{f}»"),
                    AttrTy::Codes(l) => format!("must be one of {}", l.join(", ")),
                    AttrTy::Date => "must be a date of the form YYYY-MM-DD".into(),
                    AttrTy::Numbers(_) => "is not a code of the code list".into(),
                    AttrTy::Guid => "is not a GUID".into(),
                    AttrTy::Text => String::new(),
                };
                let el_name = el.name();
                self.note(
                    "FIL-12",
                    pos,
                    format!("Identmeldingen: {name}=«{v}» på <{el_name}> {want_nb}."),
                    format!("Identmelding: {name}=«{v}» on <{el_name}> {want_en}."),
                );
            }
            match (el, name) {
                (El::Institusjon, "institusjonID")
                    if !self.institusjon_ids.insert(v.to_string()) =>
                {
                    self.note(
                        "FIL-11",
                        pos,
                        format!("Identmeldingen: institusjonID «{v}» står på mer enn én <Institusjon>; skjemaet krever at hver institusjon står én gang."),
                        format!("Identmelding: institusjonID «{v}» is on more than one <Institusjon>; the schema requires each institution once."),
                    );
                }
                (El::PasientIdent, "pid") if !self.pids.insert(v.to_string()) => {
                    // IDE-03 reports it; marked there as schema-level.
                    self.dups.push(ident);
                }
                _ => {}
            }
        }
        // The Melding's required attributes are IDE-05's (the engine's).
        if el != El::Melding {
            for (k, (n, _, required)) in known.iter().enumerate() {
                if *required && !seen[k] {
                    let el_name = el.name();
                    self.note(
                        "FIL-11",
                        pos,
                        format!("Identmeldingen: <{el_name}> mangler attributtet {n}, som skjemaet krever."),
                        format!("Identmelding: <{el_name}> lacks the attribute {n}, which the schema requires."),
                    );
                }
            }
        }
    }

    /// An end tag (or the end of an empty-element tag).
    fn end(&mut self, pos: Pos) {
        let depth = self.open.len().saturating_sub(1);
        match self.open.pop() {
            Some(El::Institusjon) if self.pasienter == 0 => self.note(
                "FIL-11",
                pos,
                "Identmeldingen: en <Institusjon> har ingen <PasientIdent>; skjemaet krever minst én.".into(),
                "Identmelding: an <Institusjon> has no <PasientIdent>; the schema requires at least one.".into(),
            ),
            Some(El::Melding) if self.institusjoner == 0 => self.note(
                "FIL-11",
                pos,
                "Identmeldingen har ingen <Institusjon>; skjemaet krever minst én.".into(),
                "The identmelding has no <Institusjon>; the schema requires at least one.".into(),
            ),
            _ => {}
        }
        self.ns.undeclare(depth);
    }

    /// Text (`blank`: only whitespace) or CDATA in the open element.
    fn text(&mut self, blank: bool, cdata: bool, pos: Pos) {
        let Some(&el) = self.open.last() else { return };
        let wrong = match el {
            El::Other => false,
            El::Kontaktperson | El::PasientIdent => true,
            El::Melding | El::Institusjon => cdata || !blank,
        };
        if wrong {
            let name = el.name();
            self.note(
                "FIL-11",
                pos,
                format!("Identmeldingen: <{name}> har tekst der skjemaet ikke tillater det."),
                format!("Identmelding: <{name}> has text where the schema allows none."),
            );
        }
    }
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
    let mut schema = Validator::default();
    loop {
        let from = at;
        let (tok, before) = match lx.next(text, &mut at, true) {
            Step::Tok(t, b) => {
                // The lexer skips whitespace before a token: in an element
                // that may have no content, the schema counts it as text.
                if b > from && schema.open.last().is_some_and(|e| e.empty_content()) {
                    schema.text(true, false, lines.pos(from));
                }
                (t, b)
            }
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
                    schema.start(name, &lx.attrs, text, pos, out.idents.len());
                    if empty {
                        schema.end(pos);
                    }
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
                    let el = schema.start(name, &lx.attrs, text, pos, out.idents.len());
                    if empty {
                        schema.end(pos);
                    }
                    if el == El::Kontaktperson {
                        out.header.kontaktpersoner += 1;
                    }
                    // Read wherever it stands; the schema check says where it belongs.
                    if local == "PasientIdent" {
                        out.idents.push(Ident {
                            pid: attr("pid").unwrap_or_else(|| SmallStr::new("")),
                            fid: attr("fid"),
                            type_id: attr("typeID"),
                            pos,
                        });
                    }
                }
                if !empty {
                    open.push(name);
                }
            }
            Tok::End { name } => match open.pop() {
                Some(o) if o == name => schema.end(lines.pos(before)),
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
            Tok::Text { text: t, plain } if !open.is_empty() => {
                let blank = if plain || !t.contains('&') {
                    t.bytes().all(is_ws)
                } else {
                    let mut u = String::new();
                    crate::xmltok::unescape(t, &mut u).is_ok() && u.bytes().all(is_ws)
                };
                schema.text(blank, false, lines.pos(before));
            }
            Tok::CData(_) if !open.is_empty() => schema.text(false, true, lines.pos(before)),
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
    if !out.fatal {
        out.notes.append(&mut schema.notes);
        out.schema_dups = schema.dups;
    }
    out
}

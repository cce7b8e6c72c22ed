//! A small XML tokenizer made for the fagmelding.
//!
//! The fagmelding is millions of tiny elements (`<peAlder>29</peAlder>`),
//! so the cost per token decides how fast a file is read. This tokenizer
//! does only what the reader needs: it splits a window of decoded text into
//! tags, text, comments, CDATA, the declaration and a DOCTYPE, checks that
//! each is well-formed, and hands out borrowed slices of the window (no
//! copy, no second UTF-8 check). It never expands anything: references are
//! left in the text for [`unescape`], which knows only XML's five entities
//! and character references.
//!
//! What it checks: names (start character and characters), quoted attribute
//! values without `<`, every reference well-formed, `]]>` not in text, `--`
//! not in a comment, an attribute not given twice. Matching end tags and
//! the document's structure are for the reader above it.
//!
//! A token that runs past the end of a window that is not the last is
//! [`Step::More`]: the caller keeps the rest and comes again with more text.

/// One token. `Start` leaves its attributes in [`Lexer::attrs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok<'a> {
    Start {
        name: &'a str,
        empty: bool,
    },
    End {
        name: &'a str,
    },
    /// Character data, leading whitespace left out; `plain` when it holds
    /// no reference (nothing to resolve).
    Text {
        text: &'a str,
        plain: bool,
    },
    CData(&'a str),
    /// The inside of `<?xml …?>`.
    Decl(&'a str),
    /// The inside of `<!DOCTYPE …>`.
    DocType(&'a str),
    /// A comment or a processing instruction.
    Skipped,
}

/// What [`Lexer::next`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<'a> {
    /// A token and the offset where it starts.
    Tok(Tok<'a>, usize),
    /// The rest of the window is the start of a token: send more text.
    More,
    /// Nothing left in the last window.
    Eof,
    /// Not well-formed at this offset.
    Bad(usize, Problem),
}

/// Why a piece of text is not well-formed XML, in words for a caseworker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file ends inside a tag, comment or other markup.
    Unfinished(&'static str),
    /// A `<` that starts nothing XML knows.
    BadMarkup,
    /// A name (of an element or attribute) that XML does not allow.
    BadName,
    /// Something other than an attribute, `>` or `/>` inside a tag.
    BadInTag,
    /// An attribute without `="…"`.
    NoValue(String),
    /// `<` inside an attribute value.
    LtInValue(String),
    /// The same attribute twice in one tag.
    Repeated(String),
    /// An `&` that is not a well-formed reference.
    BadReference,
    /// A reference to an entity other than XML's own five.
    UnknownEntity(String),
    /// `]]>` in text.
    CdataEnd,
    /// `--` inside a comment.
    DoubleHyphen,
}

impl Problem {
    /// The message in bokmål and English.
    pub fn message(&self) -> (String, String) {
        match self {
            Problem::Unfinished(what) => (
                format!("Filen slutter midt i {}: den er trolig avkortet. Lag et nytt uttrekk.", nb_what(what)),
                format!("The file ends in the middle of {what}: it is probably truncated. Make a new extract."),
            ),
            Problem::BadMarkup => (
                "Et «<» som ikke begynner en tagg: tegnet «<» må skrives «&lt;» i tekst.".into(),
                "A «<» that does not start a tag: the character «<» must be written «&lt;» in text.".into(),
            ),
            Problem::BadName => (
                "Ugyldig navn på et element eller attributt.".into(),
                "Invalid name of an element or attribute.".into(),
            ),
            Problem::BadInTag => (
                "Ugyldig tegn i en tagg: her kan bare stå attributter (navn=\"verdi\") med mellomrom mellom, og så «>» eller «/>».".into(),
                "Invalid character in a tag: only attributes (name=\"value\") separated by spaces, then «>» or «/>», can stand here.".into(),
            ),
            Problem::NoValue(name) => (
                format!("Attributtet «{name}» mangler en verdi i anførselstegn (navn=\"verdi\")."),
                format!("The attribute «{name}» lacks a quoted value (name=\"value\")."),
            ),
            Problem::LtInValue(name) => (
                format!("Verdien av attributtet «{name}» inneholder «<», som må skrives «&lt;»."),
                format!("The value of the attribute «{name}» contains «<», which must be written «&lt;»."),
            ),
            Problem::Repeated(name) => (
                format!("Attributtet «{name}» står mer enn én gang i samme element: filen er ikke gyldig XML."),
                format!("The attribute «{name}» appears more than once in the same element: the file is not well-formed XML."),
            ),
            Problem::BadReference => (
                "Et «&» som ikke er en gyldig referanse: tegnet «&» må skrives «&amp;».".into(),
                "An «&» that is not a valid reference: the character «&» must be written «&amp;».".into(),
            ),
            Problem::UnknownEntity(name) => (
                format!("Ukjent entitet «&{name};». IPLOS-filer bruker ikke egne entiteter, og de blir aldri utvidet."),
                format!("Unknown entity «&{name};». IPLOS files use no entities of their own, and they are never expanded."),
            ),
            Problem::CdataEnd => (
                "Tegnene «]]>» kan ikke stå i tekst.".into(),
                "The characters «]]>» cannot stand in text.".into(),
            ),
            Problem::DoubleHyphen => (
                "En kommentar inneholder «--», som XML ikke tillater.".into(),
                "A comment contains «--», which XML does not allow.".into(),
            ),
        }
    }
}

fn nb_what(en: &str) -> &'static str {
    match en {
        "a tag" => "en tagg",
        "a comment" => "en kommentar",
        "a CDATA section" => "en CDATA-del",
        "a processing instruction" => "en prosesseringsinstruksjon",
        "a DOCTYPE" => "en DOCTYPE",
        _ => "et XML-element",
    }
}

/// An attribute of the last start tag: byte ranges of the window.
#[derive(Debug, Clone, Copy)]
pub struct Attr {
    pub name: (usize, usize),
    pub value: (usize, usize),
    /// The value holds no reference (nothing to resolve).
    pub plain: bool,
}

impl Attr {
    pub fn name<'a>(&self, w: &'a str) -> &'a str {
        &w[self.name.0..self.name.1]
    }

    pub fn value<'a>(&self, w: &'a str) -> &'a str {
        &w[self.value.0..self.value.1]
    }
}

/// The namespace of `xsi:` attributes.
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A namespace declaration in scope: made on an element at `depth`.
#[derive(Debug)]
struct NsDecl {
    depth: usize,
    prefix: Box<str>,
    uri: Box<str>,
}

/// The namespace declarations in scope, for a reader that must know which
/// namespace an element or attribute is in (the schema requires every
/// element in the root's namespace and no namespaced attribute but
/// `xsi:schemaLocation`). Kept cheap for the usual file, which declares
/// one namespace on its root and nothing below it.
#[derive(Debug, Default)]
pub struct NsScope {
    decls: Vec<NsDecl>,
    /// How many of them the root made (never undeclared).
    base: usize,
}

impl NsScope {
    /// Pushes the declarations among a start tag's attributes, made on an
    /// element at `depth`; whether there were any.
    #[inline]
    pub fn declare(&mut self, attrs: &[Attr], window: &str, depth: usize) -> bool {
        // Most elements have no attribute at all.
        if attrs.is_empty() {
            return false;
        }
        let before = self.decls.len();
        for a in attrs {
            let name = a.name(window);
            // Nearly every attribute is data, not a declaration.
            if !name.as_bytes().starts_with(b"xmlns") {
                continue;
            }
            let prefix = if name == "xmlns" {
                ""
            } else if let Some(p) = name.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            self.decls.push(NsDecl {
                depth,
                prefix: prefix.into(),
                uri: value_of(a, window).as_ref().into(),
            });
        }
        self.decls.len() > before
    }

    /// The declarations made so far are the root's: kept to the end.
    pub fn root_done(&mut self) {
        self.base = self.decls.len();
    }

    /// Whether an element below the root declared a namespace that is
    /// still in scope.
    pub fn nested(&self) -> bool {
        self.decls.len() > self.base
    }

    /// Drops the declarations made at `depth` or deeper (not the root's).
    pub fn undeclare(&mut self, depth: usize) {
        while self.decls.len() > self.base && self.decls.last().is_some_and(|d| d.depth >= depth) {
            self.decls.pop();
        }
    }

    /// The namespace a prefix stands for here (`""`: the default one).
    pub fn resolve(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        self.decls
            .iter()
            .rev()
            .find(|d| &*d.prefix == prefix)
            .map(|d| &*d.uri)
            .filter(|u| !u.is_empty())
    }

    /// The namespace of an element name, by its prefix.
    pub fn element_ns(&self, name: &str) -> Option<&str> {
        self.resolve(name.split_once(':').map_or("", |(p, _)| p))
    }

    /// How an attribute stands towards a schema that declares only plain
    /// (unqualified) attributes: `None` for a namespace declaration or an
    /// `xsi:` schema location (never data), `Some(true)` for a plain name,
    /// `Some(false)` for any other namespaced one (`xml:lang`, `xsi:nil`,
    /// `xsi:type`, a foreign one), which such a schema does not allow.
    #[inline]
    pub fn attribute_plain(&self, name: &str) -> Option<bool> {
        if !name.as_bytes().contains(&b':') {
            // The usual case: a plain name (or `xmlns` itself).
            return (name != "xmlns").then_some(true);
        }
        self.attribute_prefixed(name)
    }

    #[cold]
    fn attribute_prefixed(&self, name: &str) -> Option<bool> {
        if name.starts_with("xmlns:") {
            return None;
        }
        let Some((prefix, local)) = name.split_once(':') else {
            return Some(true);
        };
        let location = matches!(local, "schemaLocation" | "noNamespaceSchemaLocation");
        if location && self.resolve(prefix) == Some(XSI) {
            return None;
        }
        Some(false)
    }
}

/// The tokenizer's state: only the attribute list, reused for every tag.
#[derive(Debug, Default)]
pub struct Lexer {
    pub attrs: Vec<Attr>,
}

/// XML whitespace: space, tab, line feed, carriage return.
pub fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

/// Bytes that may stand in a name (non-ASCII ones are taken as name
/// characters without looking closer).
const NAME_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric()
            || c == b'_'
            || c == b':'
            || c == b'-'
            || c == b'.'
            || c >= 0x80;
        i += 1;
    }
    t
};

fn is_name_byte(b: u8) -> bool {
    NAME_BYTE[b as usize]
}

/// The end of a name starting at `i` (which must be a name start). A
/// non-ASCII character is looked at closely: the name ends before one that
/// XML 1.0 (5th edition) does not allow in a name, and the caller then
/// meets it as the unexpected character it is.
#[inline]
fn name_end(b: &[u8], i: usize) -> usize {
    // One test a byte: the ASCII name bytes; a non-ASCII one stops the loop
    // and is looked at closely.
    let mut j = i;
    while j < b.len() && NAME_ASCII[b[j] as usize] {
        j += 1;
    }
    if j < b.len() && b[j] >= 0x80 {
        return name_end_non_ascii(b, i, j);
    }
    j
}

/// [`NAME_BYTE`] without the non-ASCII bytes.
const NAME_ASCII: [bool; 256] = {
    let mut t = NAME_BYTE;
    let mut i = 0x80;
    while i < 256 {
        t[i] = false;
        i += 1;
    }
    t
};

/// [`name_end`] from the first non-ASCII byte `j` of a name starting at `i`.
#[cold]
fn name_end_non_ascii(b: &[u8], i: usize, mut j: usize) -> usize {
    while j < b.len() && NAME_BYTE[b[j] as usize] {
        if b[j] >= 0x80 {
            match char_at(b, j) {
                Some((ch, len)) if is_name_char(ch, j == i) => {
                    j += len;
                    continue;
                }
                _ => return j,
            }
        }
        j += 1;
    }
    j
}

/// The character starting at byte `j` of UTF-8 text, and its length.
fn char_at(b: &[u8], j: usize) -> Option<(char, usize)> {
    let len = match b[j] {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => return None,
    };
    let s = std::str::from_utf8(b.get(j..j + len)?).ok()?;
    s.chars().next().map(|c| (c, len))
}

/// XML 1.0 (5th edition) NameStartChar, or NameChar when not `start`, for
/// a non-ASCII character.
fn is_name_char(c: char, start: bool) -> bool {
    let c = u32::from(c);
    let start_char = matches!(c,
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2FF | 0x370..=0x37D | 0x37F..=0x1FFF
        | 0x200C..=0x200D | 0x2070..=0x218F | 0x2C00..=0x2FEF | 0x3001..=0xD7FF
        | 0xF900..=0xFDCF | 0xFDF0..=0xFFFD | 0x10000..=0xEFFFF);
    start_char || (!start && matches!(c, 0xB7 | 0x300..=0x36F | 0x203F..=0x2040))
}

/// Values and texts are mostly a few bytes: a plain loop finds their end
/// faster than a call to memchr, which takes over for long ones.
const SHORT: usize = 64;

/// The first `stop` byte at or after `i` and whether none of the bytes
/// before it was `&` or one of `also` (when the scan stayed short; a long
/// scan says not plain, so the caller looks closer).
fn scan(b: &[u8], i: usize, stop: u8, also: u8) -> (Option<usize>, bool) {
    let limit = (i + SHORT).min(b.len());
    let mut plain = true;
    let mut j = i;
    while j < limit {
        let c = b[j];
        if c == stop {
            return (Some(j), plain);
        }
        plain &= c != b'&' && c != also;
        j += 1;
    }
    if limit == b.len() {
        return (None, plain);
    }
    (memchr::memchr(stop, &b[limit..]).map(|n| limit + n), false)
}

impl Lexer {
    /// The next token of `w` at `*at`; moves `*at` past it. With `last`,
    /// `w` is the end of the file and nothing is [`Step::More`].
    pub fn next<'a>(&mut self, w: &'a str, at: &mut usize, last: bool) -> Step<'a> {
        let b = w.as_bytes();
        let mut i = *at;
        while i < b.len() && is_ws(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            if last {
                *at = b.len();
                return Step::Eof;
            }
            // Whitespace to the end: nothing to keep.
            *at = b.len();
            return Step::More;
        }
        if b[i] != b'<' {
            let (end, mut plain) = scan(b, i, b'<', b'>');
            let end = match end {
                Some(n) => n,
                None if last => b.len(),
                None => {
                    *at = i;
                    return Step::More;
                }
            };
            let text = &w[i..end];
            if !plain {
                if let Some(p) = check_text(text) {
                    return Step::Bad(i + p.0, p.1);
                }
                plain = memchr::memchr(b'&', text.as_bytes()).is_none();
            }
            *at = end;
            return Step::Tok(Tok::Text { text, plain }, i);
        }
        let more = |what| unfinished(last, i, what);
        let Some(&c) = b.get(i + 1) else {
            return more("a tag");
        };
        match c {
            b'/' => {
                let s = i + 2;
                if s >= b.len() {
                    return more("a tag");
                }
                if !is_name_start(b[s]) {
                    return Step::Bad(s, Problem::BadName);
                }
                let e = name_end(b, s);
                let mut j = e;
                while j < b.len() && is_ws(b[j]) {
                    j += 1;
                }
                match b.get(j) {
                    None => more("a tag"),
                    Some(b'>') => {
                        *at = j + 1;
                        Step::Tok(Tok::End { name: &w[s..e] }, i)
                    }
                    Some(_) => Step::Bad(j, Problem::BadInTag),
                }
            }
            b'?' => {
                let Some(n) = memchr::memmem::find(&b[i + 2..], b"?>") else {
                    return more("a processing instruction");
                };
                let inner = &w[i + 2..i + 2 + n];
                *at = i + 2 + n + 2;
                let target_end = inner.bytes().position(is_ws).unwrap_or(inner.len());
                if target_end == 0 || !is_name_start(inner.as_bytes()[0]) {
                    return Step::Bad(i + 2, Problem::BadName);
                }
                if &inner[..target_end] == "xml" {
                    Step::Tok(Tok::Decl(&inner[target_end..]), i)
                } else {
                    Step::Tok(Tok::Skipped, i)
                }
            }
            b'!' => self.bang(w, at, i, last),
            _ => self.start_tag(w, at, i, last),
        }
    }

    /// `<!--`, `<![CDATA[` or `<!DOCTYPE` at `i`.
    fn bang<'a>(&mut self, w: &'a str, at: &mut usize, i: usize, last: bool) -> Step<'a> {
        let b = w.as_bytes();
        let rest = &b[i..];
        let more = |what| unfinished(last, i, what);
        // Too short to tell which it is yet.
        let could_be = |lit: &[u8]| rest.len() < lit.len() && lit.starts_with(rest);
        if rest.starts_with(b"<!--") {
            let Some(n) = memchr::memmem::find(&rest[4..], b"-->") else {
                return more("a comment");
            };
            let inner = &rest[4..4 + n];
            if let Some(p) = memchr::memmem::find(inner, b"--") {
                return Step::Bad(i + 4 + p, Problem::DoubleHyphen);
            }
            if inner.last() == Some(&b'-') {
                return Step::Bad(i + 4 + n - 1, Problem::DoubleHyphen);
            }
            *at = i + 4 + n + 3;
            return Step::Tok(Tok::Skipped, i);
        }
        if rest.starts_with(b"<![CDATA[") {
            let Some(n) = memchr::memmem::find(&rest[9..], b"]]>") else {
                return more("a CDATA section");
            };
            *at = i + 9 + n + 3;
            return Step::Tok(Tok::CData(&w[i + 9..i + 9 + n]), i);
        }
        if rest.starts_with(b"<!DOCTYPE") {
            // To the `>` that is outside quotes and the internal subset.
            let mut j = i + 9;
            let mut depth = 0usize;
            while j < b.len() {
                match b[j] {
                    q @ (b'"' | b'\'') => match memchr::memchr(q, &b[j + 1..]) {
                        Some(n) => j += n + 1,
                        None => return more("a DOCTYPE"),
                    },
                    b'[' => depth += 1,
                    b']' => depth = depth.saturating_sub(1),
                    b'>' if depth == 0 => {
                        *at = j + 1;
                        return Step::Tok(Tok::DocType(&w[i + 9..j]), i);
                    }
                    _ => {}
                }
                j += 1;
            }
            return more("a DOCTYPE");
        }
        if !last && (could_be(b"<!--") || could_be(b"<![CDATA[") || could_be(b"<!DOCTYPE")) {
            return Step::More;
        }
        if could_be(b"<!--") || could_be(b"<![CDATA[") || could_be(b"<!DOCTYPE") {
            return Step::Bad(i, Problem::Unfinished("markup"));
        }
        Step::Bad(i, Problem::BadMarkup)
    }

    /// A start tag at `i`; its attributes go to `self.attrs`.
    fn start_tag<'a>(&mut self, w: &'a str, at: &mut usize, i: usize, last: bool) -> Step<'a> {
        let b = w.as_bytes();
        let more = || unfinished(last, i, "a tag");
        let s = i + 1;
        if !is_name_start(b[s]) {
            return Step::Bad(s, Problem::BadMarkup);
        }
        let e = name_end(b, s);
        self.attrs.clear();
        // Names seen, once a tag has many attributes (a hostile tag with a
        // million of them must not take a million squared comparisons).
        // Made only then: a new set seeds its hasher, a cost for every tag.
        let mut many: Option<std::collections::HashSet<&str>> = None;
        let mut j = e;
        loop {
            let ws_start = j;
            while j < b.len() && is_ws(b[j]) {
                j += 1;
            }
            let Some(&c) = b.get(j) else {
                return more();
            };
            match c {
                b'>' => {
                    *at = j + 1;
                    return Step::Tok(
                        Tok::Start {
                            name: &w[s..e],
                            empty: false,
                        },
                        i,
                    );
                }
                b'/' => match b.get(j + 1) {
                    None => return more(),
                    Some(b'>') => {
                        *at = j + 2;
                        return Step::Tok(
                            Tok::Start {
                                name: &w[s..e],
                                empty: true,
                            },
                            i,
                        );
                    }
                    Some(_) => return Step::Bad(j, Problem::BadInTag),
                },
                _ if j == ws_start || !is_name_start(c) => {
                    return Step::Bad(j, Problem::BadInTag);
                }
                _ => {}
            }
            let ns = j;
            let ne = name_end(b, ns);
            let name = &w[ns..ne];
            j = ne;
            while j < b.len() && is_ws(b[j]) {
                j += 1;
            }
            match b.get(j) {
                None => return more(),
                Some(b'=') => j += 1,
                Some(_) => return Step::Bad(j, Problem::NoValue(name.into())),
            }
            while j < b.len() && is_ws(b[j]) {
                j += 1;
            }
            let q = match b.get(j) {
                None => return more(),
                Some(&q @ (b'"' | b'\'')) => q,
                Some(_) => return Step::Bad(j, Problem::NoValue(name.into())),
            };
            let vs = j + 1;
            let (end, mut plain) = scan(b, vs, q, b'<');
            let Some(ve) = end else {
                return more();
            };
            if !plain {
                let value = &b[vs..ve];
                if let Some(lt) = memchr::memchr(b'<', value) {
                    return Step::Bad(vs + lt, Problem::LtInValue(name.into()));
                }
                if let Err((off, p)) = unescape(&w[vs..ve], &mut String::new()) {
                    return Step::Bad(vs + off, p);
                }
                plain = memchr::memchr(b'&', value).is_none();
            }
            let repeated = if self.attrs.len() < 16 {
                self.attrs.iter().any(|a| a.name(w) == name)
            } else {
                let many =
                    many.get_or_insert_with(|| self.attrs.iter().map(|a| a.name(w)).collect());
                !many.insert(name)
            };
            if repeated {
                return Step::Bad(ns, Problem::Repeated(name.into()));
            }
            self.attrs.push(Attr {
                name: (ns, ne),
                value: (vs, ve),
                plain,
            });
            j = ve + 1;
        }
    }
}

/// A token starting at `at` that runs past the window: more text is needed,
/// or, in the last window, the file ends inside it.
fn unfinished<'a>(last: bool, at: usize, what: &'static str) -> Step<'a> {
    if last {
        Step::Bad(at, Problem::Unfinished(what))
    } else {
        Step::More
    }
}

/// Problems in text: a malformed reference or `]]>`; the offset in `text`.
fn check_text(text: &str) -> Option<(usize, Problem)> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(n) = memchr::memchr2(b'&', b'>', &b[from..]) {
        let p = from + n;
        if b[p] == b'>' {
            if p >= 2 && &b[p - 2..p] == b"]]" {
                return Some((p - 2, Problem::CdataEnd));
            }
            from = p + 1;
        } else {
            match reference(&text[p..]) {
                Ok((_, len)) => from = p + len,
                Err(problem) => return Some((p, problem)),
            }
        }
    }
    None
}

/// The character of the reference at the start of `s` (which begins with
/// `&`) and the reference's length.
fn reference(s: &str) -> Result<(char, usize), Problem> {
    let b = s.as_bytes();
    let end = b
        .iter()
        .take(40)
        .position(|&c| c == b';')
        .ok_or(Problem::BadReference)?;
    let body = &s[1..end];
    let ch = match body {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => {
            if let Some(num) = body.strip_prefix('#') {
                let code = match num.strip_prefix('x') {
                    Some(hex) if !hex.is_empty() && hex.bytes().all(|c| c.is_ascii_hexdigit()) => {
                        u32::from_str_radix(hex, 16).ok()
                    }
                    None if !num.is_empty() && num.bytes().all(|c| c.is_ascii_digit()) => {
                        num.parse::<u32>().ok()
                    }
                    _ => return Err(Problem::BadReference),
                };
                let ch = code
                    .and_then(char::from_u32)
                    .filter(|&c| {
                        matches!(c, '\t' | '\n' | '\r')
                            || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
                    })
                    .ok_or(Problem::BadReference)?;
                return Ok((ch, end + 1));
            }
            let mut bytes = body.bytes();
            let ok = bytes.next().is_some_and(is_name_start) && bytes.all(is_name_byte);
            return Err(if ok {
                Problem::UnknownEntity(body.to_string())
            } else {
                Problem::BadReference
            });
        }
    };
    Ok((ch, end + 1))
}

/// Appends `raw` to `out` with its references resolved; on a bad one, its
/// offset in `raw` and the problem.
pub fn unescape(raw: &str, out: &mut String) -> Result<(), (usize, Problem)> {
    let mut from = 0;
    while let Some(n) = memchr::memchr(b'&', &raw.as_bytes()[from..]) {
        let p = from + n;
        out.push_str(&raw[from..p]);
        let (ch, len) = reference(&raw[p..]).map_err(|e| (p, e))?;
        out.push(ch);
        from = p + len;
    }
    out.push_str(&raw[from..]);
    Ok(())
}

/// `a == b` for names of a few dozen bytes, eight at a time and inline: a
/// call to `memcmp` for every element and attribute costs more than the
/// comparison itself.
#[inline]
pub fn same_name(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let word = |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().unwrap_or([0; 8]));
    let n = a.len();
    if n < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let mut i = 0;
    while i + 8 <= n {
        if word(a, i) != word(b, i) {
            return false;
        }
        i += 8;
    }
    // The last eight bytes, overlapping what was compared.
    word(a, n - 8) == word(b, n - 8)
}

/// The name without its namespace prefix.
pub fn local_name(name: &str) -> &str {
    match name.bytes().position(|c| c == b':') {
        Some(p) => &name[p + 1..],
        None => name,
    }
}

/// A pseudo-attribute of the XML declaration (`encoding="…"`).
pub fn pseudo_attribute<'a>(decl: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = decl;
    while let Some(p) = rest.find(name) {
        let after = rest[p + name.len()..].trim_start();
        if let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            let q = v.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let v = &v[1..];
            return v.find(q).map(|end| &v[..end]);
        }
        rest = &rest[p + name.len()..];
    }
    None
}

/// An attribute's value with its references resolved (the lexer has
/// checked that they are well-formed).
pub fn value_of<'w>(a: &Attr, window: &'w str) -> std::borrow::Cow<'w, str> {
    let raw = a.value(window);
    if a.plain {
        return raw.into();
    }
    let mut out = String::with_capacity(raw.len());
    match unescape(raw, &mut out) {
        Ok(()) => out.into(),
        Err(_) => raw.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every token of a whole text, or the first problem.
    fn all(w: &str) -> Result<Vec<Tok<'_>>, (usize, Problem)> {
        let mut lx = Lexer::default();
        let mut at = 0;
        let mut out = Vec::new();
        loop {
            match lx.next(w, &mut at, true) {
                Step::Tok(t, _) => out.push(t),
                Step::Eof => return Ok(out),
                Step::More => unreachable!("never More in the last window"),
                Step::Bad(at, p) => return Err((at, p)),
            }
        }
    }

    #[test]
    fn tokens_of_a_small_file() {
        let w = "<?xml version=\"1.0\"?>\n<!-- c --><a x='1' y = \"2&amp;3\">\n  t &lt; u <b/><![CDATA[<z>]]></a>";
        let toks = all(w).unwrap();
        assert_eq!(
            toks,
            vec![
                Tok::Decl(" version=\"1.0\""),
                Tok::Skipped,
                Tok::Start {
                    name: "a",
                    empty: false
                },
                Tok::Text {
                    text: "t &lt; u ",
                    plain: false
                },
                Tok::Start {
                    name: "b",
                    empty: true
                },
                Tok::CData("<z>"),
                Tok::End { name: "a" },
            ]
        );
        let mut s = String::new();
        unescape("t &lt; u &#x41;&#66;", &mut s).unwrap();
        assert_eq!(s, "t < u AB");
    }

    #[test]
    fn attributes_are_listed() {
        let w = "<PERSON pePeID=\"12\" x:y='a b'>";
        let mut lx = Lexer::default();
        let mut at = 0;
        assert!(matches!(
            lx.next(w, &mut at, true),
            Step::Tok(
                Tok::Start {
                    name: "PERSON",
                    empty: false
                },
                0
            )
        ));
        let got: Vec<_> = lx.attrs.iter().map(|a| (a.name(w), a.value(w))).collect();
        assert_eq!(got, vec![("pePeID", "12"), ("x:y", "a b")]);
        assert_eq!(at, w.len());
    }

    #[test]
    fn malformed_input_is_named() {
        let cases: &[(&str, Problem)] = &[
            ("<a x='1' x='2'>", Problem::Repeated("x".into())),
            ("<a x>", Problem::NoValue("x".into())),
            ("<a x=1>", Problem::NoValue("x".into())),
            ("<a x='<'>", Problem::LtInValue("x".into())),
            ("<a x='1'y='2'>", Problem::BadInTag),
            ("<a>b & c</a>", Problem::BadReference),
            ("<a>&foo;</a>", Problem::UnknownEntity("foo".into())),
            ("<a>&#0;</a>", Problem::BadReference),
            ("<a x='&bar;'>", Problem::UnknownEntity("bar".into())),
            ("<a>x ]]> y</a>", Problem::CdataEnd),
            ("<!-- a -- b -->", Problem::DoubleHyphen),
            ("<!-- a --->", Problem::DoubleHyphen),
            ("< a>", Problem::BadMarkup),
            ("<1a>", Problem::BadMarkup),
            ("<!FOO>", Problem::BadMarkup),
            ("</ a>", Problem::BadName),
            ("</a b>", Problem::BadInTag),
            ("<a/ >", Problem::BadInTag),
            ("<a", Problem::Unfinished("a tag")),
            ("<a x='1", Problem::Unfinished("a tag")),
            ("<!-- x", Problem::Unfinished("a comment")),
            ("<![CDATA[ x", Problem::Unfinished("a CDATA section")),
            (
                "<!DOCTYPE a [ <!ENTITY x 'y'> ",
                Problem::Unfinished("a DOCTYPE"),
            ),
            ("<?pi", Problem::Unfinished("a processing instruction")),
            ("<!-", Problem::Unfinished("markup")),
        ];
        for (w, want) in cases {
            match all(w) {
                Err((_, got)) => assert_eq!(&got, want, "{w}"),
                Ok(t) => panic!("{w}: no problem found, tokens {t:?}"),
            }
        }
    }

    #[test]
    fn many_attributes_are_checked_for_repetition() {
        let mut tag: String = "<a".into();
        for i in 0..200_000 {
            tag.push_str(&format!(" n{i}=\"{i}\""));
        }
        let ok = format!("{tag}/>");
        let toks = all(&ok).unwrap();
        assert_eq!(toks.len(), 1);
        let bad = format!("{tag} n123456=\"x\"/>");
        assert_eq!(
            all(&bad).unwrap_err().1,
            Problem::Repeated("n123456".into())
        );
    }

    #[test]
    fn doctype_with_internal_subset() {
        let w = "<!DOCTYPE a [ <!ENTITY x \"]>\"> ]><a/>";
        let toks = all(w).unwrap();
        assert!(matches!(toks[0], Tok::DocType(d) if d.contains("<!ENTITY")));
        assert_eq!(
            toks[1],
            Tok::Start {
                name: "a",
                empty: true
            }
        );
    }

    #[test]
    fn a_token_cut_by_the_window_asks_for_more() {
        let full = "<a x='1'><!-- c --><![CDATA[d]]><?p q?>text<b/></a>";
        // Cut at every point: the tokens seen before the cut plus those of
        // the rest, read again from where the reader stopped, are the whole.
        let whole = all(full).unwrap();
        for cut in 1..full.len() {
            let mut lx = Lexer::default();
            let mut at = 0;
            let mut toks = Vec::new();
            loop {
                match lx.next(&full[..cut], &mut at, false) {
                    Step::Tok(t, _) => toks.push(t),
                    Step::More => break,
                    other => panic!("cut {cut}: {other:?}"),
                }
            }
            let rest = &full[at..];
            let mut lx2 = Lexer::default();
            let mut at2 = 0;
            loop {
                match lx2.next(rest, &mut at2, true) {
                    Step::Tok(t, _) => toks.push(t),
                    Step::Eof => break,
                    other => panic!("cut {cut}: {other:?}"),
                }
            }
            assert_eq!(toks, whole, "cut at {cut}");
        }
    }
}

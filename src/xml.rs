//! The IPLOS fagmelding (XML) to records, one PERSON at a time.
//!
//! A streaming reader over its own tokenizer ([`crate::xmltok`]): no tree
//! of the whole file is built, and each PERSON goes to the [`Sink`] as soon
//! as its end tag is read. Text arrives in windows (chunks of the decoded file): the reader
//! takes every complete token of a window and leaves an incomplete last one
//! for the next, so memory is bounded by the chunk size plus one person.
//! Namespace prefixes are ignored (local names only), DTDs are never
//! fetched and no entity beyond the five of XML and character references is
//! ever expanded. What the reader itself can see is reported here: FIL-01
//! (not well-formed), FIL-02 (not an IPLOS file), FIL-03 (the declared
//! encoding contradicts the bytes), FIL-09 (unknown names) and FIL-11
//! (order and repetition). Everything else is for the rules.

use std::collections::BTreeMap;

use crate::decode::label_matches;
use crate::finding::{Note, Pos};
use crate::model::{Field, Header, Kind, Person, Pool, Record, Sink};
use crate::profile::{Profile, Target};
use crate::rules::schema::{padding, padding_note, xml_trim, Padding};
use crate::xmltok::{
    is_ws, local_name, pseudo_attribute, same_name, unescape, value_of, Attr, Lexer, NsScope, Step,
    Tok,
};

/// Deeper than this is not an IPLOS file (the real depth is 4).
const MAX_DEPTH: usize = 64;

/// Elements one PERSON may hold: far above any real person (a few thousand
/// at most), low enough that one person's records always fit in memory.
pub const MAX_PERSON_ELEMENTS: usize = 100_000;

/// Different unknown names remembered for FIL-09; more are only counted.
const MAX_UNKNOWN: usize = 200;

/// A single token (tag, text, comment) longer than this is not IPLOS data;
/// it would only make the reader hold it all in memory.
pub const MAX_TOKEN: usize = 16 * 1024 * 1024;

/// What the reader saw of the file as a whole.
#[derive(Clone, Debug, Default)]
pub struct XmlSummary {
    pub root: Option<String>,
    pub namespace: Option<String>,
    pub versjon: Option<String>,
    pub persons: usize,
    /// A Fatal note ended the reading.
    pub fatal: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Frame {
    Root,
    Innhinfo,
    Kontakt,
    Person,
    Child(Kind),
    /// A field element of the record kind below it in the stack.
    Field(Field),
    /// Unknown or ignored: its whole subtree is skipped.
    Skip,
}

struct State {
    profile: Profile,
    header: Header,
    header_sent: bool,
    /// The year the header's period starts in, once the header is sent.
    period_year: Option<u16>,
    person: Option<Person>,
    child: Option<Record>,
    kontakt: Option<Record>,
    text: String,
    /// Last schema position seen in the open record, per open record level.
    order: Vec<usize>,
    unknown: BTreeMap<String, (usize, Pos)>,
    /// Unknown names met after [`MAX_UNKNOWN`] different ones.
    unknown_more: usize,
    unknown_more_at: Pos,
    persons: usize,
    strict: bool,
    /// Where the open field element started (its value's position).
    field_pos: Pos,
    pool: Pool,
    /// Elements read in the open PERSON.
    person_elements: usize,
    /// Namespace declarations in scope.
    ns: NsScope,
    /// The root element's namespace: every element must be in it.
    root_ns: Option<Box<str>>,
    /// The root has no prefix, so an unprefixed element with no
    /// declaration of its own is in the root's namespace.
    root_unprefixed: bool,
    /// Notes made while reading a start tag's attributes, to be filed
    /// once the record is open.
    pending: Vec<Note>,
    /// The open field came after every field before it in its record (in
    /// schema order), so the record cannot hold it yet: no need to look.
    fresh: bool,
}

/// Line and column of offsets in the current window, carried across windows.
#[derive(Debug)]
struct Lines {
    /// Position of the window's first byte.
    base: Pos,
    /// A cursor inside the window: byte offset and its position.
    at: usize,
    pos: Pos,
}

impl Lines {
    fn new() -> Lines {
        let start = Pos { line: 1, column: 1 };
        Lines {
            base: start,
            at: 0,
            pos: start,
        }
    }

    /// Position of byte `offset` of `window` (fast for offsets that grow).
    fn pos(&mut self, window: &str, offset: usize) -> Pos {
        let offset = offset.min(window.len());
        if offset < self.at {
            self.at = 0;
            self.pos = self.base;
        }
        self.pos = crate::decode::advance_in(self.pos, window.as_bytes(), self.at, offset);
        self.at = offset;
        self.pos
    }

    /// The window lost its first `consumed` bytes.
    fn advance(&mut self, window: &str, consumed: usize) {
        self.base = self.pos(window, consumed);
        self.at = 0;
        self.pos = self.base;
    }
}

/// A resumable fagmelding reader: feed it windows of text, in order.
pub struct XmlReader {
    st: State,
    /// Open elements.
    stack: Vec<Frame>,
    /// The raw (prefixed) names of the open elements, for end-tag checks;
    /// longer than `stack` when deeper levels were open before (the strings
    /// are reused, not reallocated, for every element).
    names: Vec<Vec<u8>>,
    seen_root: bool,
    done: bool,
    /// The XML declaration's `encoding=` and where it stands, for FIL-03.
    declared: Option<(String, Pos)>,
    lines: Lines,
    summary: XmlSummary,
    lexer: Lexer,
    /// A token was read (the XML declaration must come before any).
    any_token: bool,
    /// Bytes at the end of the last window that were an unfinished token.
    unfinished: usize,
}

/// Reads a whole decoded fagmelding. `encoding` is what decoding found (for FIL-03).
pub fn read(text: &str, encoding: &str, profile: &Profile, sink: &mut dyn Sink) -> XmlSummary {
    let mut r = XmlReader::new(profile.clone());
    r.feed(text, true, sink);
    r.finish(sink, encoding, text.is_ascii())
}

impl XmlReader {
    pub fn new(profile: Profile) -> XmlReader {
        XmlReader {
            st: State {
                profile,
                header: Header::default(),
                header_sent: false,
                period_year: None,
                person: None,
                child: None,
                kontakt: None,
                text: String::new(),
                order: Vec::new(),
                unknown: BTreeMap::new(),
                unknown_more: 0,
                unknown_more_at: Pos::default(),
                persons: 0,
                strict: false,
                field_pos: Pos::default(),
                pool: Pool::default(),
                person_elements: 0,
                ns: NsScope::default(),
                root_ns: None,
                root_unprefixed: true,
                pending: Vec::new(),
                fresh: false,
            },
            lexer: Lexer::default(),
            any_token: false,
            unfinished: 0,
            stack: Vec::new(),
            names: Vec::new(),
            seen_root: false,
            done: false,
            declared: None,
            lines: Lines::new(),
            summary: XmlSummary::default(),
        }
    }

    fn push_frame(&mut self, frame: Frame, raw: &[u8]) {
        let depth = self.stack.len();
        if let Some(n) = self.names.get_mut(depth) {
            n.clear();
            n.extend_from_slice(raw);
        } else {
            self.names.push(raw.to_vec());
        }
        self.stack.push(frame);
    }

    /// Whether a Fatal problem has ended the reading.
    pub fn is_done(&self) -> bool {
        self.done
    }

    pub fn persons(&self) -> usize {
        self.st.persons
    }

    fn fatal(&mut self, code: &'static str, pos: Pos, nb: String, en: String, sink: &mut dyn Sink) {
        sink.note(Note::new(code, pos, nb, en));
        self.summary.fatal = true;
        self.done = true;
    }

    /// Reads every complete token of `window`; returns how many bytes were
    /// used (the rest, an incomplete token, comes again with more text).
    /// With `last`, the window is the end of the file.
    pub fn feed(&mut self, window: &str, last: bool, sink: &mut dyn Sink) -> usize {
        if self.done {
            return window.len();
        }
        if let Some((off, ch)) = forbidden_char(window) {
            // XML 1.0 allows no control character but TAB, LF and CR, and
            // not U+FFFE or U+FFFF, anywhere in a document: libxml2 refuses
            // the file, and so does the receiver.
            let pos = self.lines.pos(window, off);
            let code = u32::from(ch);
            self.fatal(
                "FIL-01",
                pos,
                format!("Tegnet U+{code:04X} er ikke tillatt i XML (et styretegn): filen er ikke gyldig XML. Det kommer ofte fra et felt som er kopiert inn i fagsystemet."),
                format!("The character U+{code:04X} is not allowed in XML (a control character): the file is not well-formed XML. It often comes from a field pasted into the EPJ system."),
                sink,
            );
            return window.len();
        }
        if !last && self.unfinished > 0 && self.unfinished <= window.len() {
            // The token left unfinished can only end at a '>' (markup) or a
            // '<' (text): without one in the new text it is still
            // unfinished, and lexing it again would make a long token cost
            // the square of its length.
            let start = window
                .bytes()
                .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(0);
            let end = if window.as_bytes().get(start) == Some(&b'<') {
                b'>'
            } else {
                b'<'
            };
            if memchr::memchr(end, &window.as_bytes()[self.unfinished..]).is_none() {
                self.unfinished = window.len();
                return self.too_long(window, sink);
            }
        }
        let mut lx = std::mem::take(&mut self.lexer);
        let mut at = 0;
        let consumed = loop {
            let from = at;
            let step = lx.next(window, &mut at, last);
            // The lexer skips whitespace before a token; in a field it is
            // part of the value, which the schema may refuse.
            let to = match step {
                Step::Tok(_, start) => start,
                _ => at.max(from),
            };
            if to > from && matches!(self.stack.last(), Some(Frame::Field(_))) {
                self.st.skipped_whitespace(&window[from..to]);
            }
            match step {
                Step::Tok(tok, start) => {
                    self.event(tok, start, &lx.attrs, window, sink);
                    self.any_token = true;
                    if self.done {
                        self.lexer = lx;
                        return window.len();
                    }
                }
                // `at` is where the unfinished token starts.
                Step::More => break at,
                Step::Eof => break window.len(),
                Step::Bad(off, problem) => {
                    let pos = self.lines.pos(window, off);
                    let (nb, en) = problem.message();
                    self.fatal("FIL-01", pos, nb, en, sink);
                    self.lexer = lx;
                    return window.len();
                }
            }
        };
        self.lexer = lx;
        self.unfinished = window.len() - consumed;
        if consumed == 0 {
            return self.too_long(window, sink);
        }
        self.lines.advance(window, consumed);
        consumed
    }

    /// Nothing of `window` could be used: FIL-01 when the unfinished token
    /// has grown past [`MAX_TOKEN`], else wait for more text.
    fn too_long(&mut self, window: &str, sink: &mut dyn Sink) -> usize {
        if window.len() > MAX_TOKEN {
            let pos = self.lines.pos(window, 0);
            self.fatal(
                "FIL-01",
                pos,
                format!("Én enkelt tekst, kommentar eller tagg er lengre enn {} MB: dette er ikke en IPLOS-fil, eller filen er ødelagt.", MAX_TOKEN >> 20),
                format!("A single text, comment or tag is longer than {} MB: this is not an IPLOS file, or the file is damaged.", MAX_TOKEN >> 20),
                sink,
            );
            return window.len();
        }
        0
    }

    /// What was seen, when reading stopped early (the file could not be decoded).
    pub fn finish_quiet(self) -> XmlSummary {
        self.summary
    }

    /// After the last window: file-level notes, the header if not yet sent.
    /// `encoding` is what decoding found in the end; `ascii` whether the
    /// text was pure ASCII (which fits every ASCII-compatible declaration).
    pub fn finish(mut self, sink: &mut dyn Sink, encoding: &str, ascii: bool) -> XmlSummary {
        if let Some((label, pos)) = self.declared.take() {
            if !label_matches(&label, encoding, ascii) {
                sink.note(Note::new(
                    "FIL-03",
                    pos,
                    format!("XML-deklarasjonen sier encoding=«{label}», men filen er lagret som {encoding}."),
                    format!("The XML declaration says encoding=«{label}», but the file is stored as {encoding}."),
                ));
            }
        }
        if !self.done {
            let end = self.lines.pos("", 0);
            if let Some(&open) = self.stack.last() {
                let name = self.st.frame_name(open);
                self.fatal(
                    "FIL-01",
                    end,
                    format!("Filen slutter før <{name}> er lukket: den er trolig avkortet. Lag et nytt uttrekk."),
                    format!("The file ends before <{name}> is closed: it is probably truncated. Make a new extract."),
                    sink,
                );
            } else if !self.seen_root {
                self.fatal(
                    "FIL-02",
                    Pos { line: 1, column: 1 },
                    "Filen har ingen XML-elementer.".into(),
                    "The file has no XML elements.".into(),
                    sink,
                );
            }
        }
        if !self.summary.fatal {
            self.st.send_header(sink);
        }
        for (name, (count, pos)) in std::mem::take(&mut self.st.unknown) {
            let times = if count == 1 {
                String::new()
            } else {
                format!(" ({count} ganger)")
            };
            let times_en = if count == 1 {
                String::new()
            } else {
                format!(" ({count} times)")
            };
            let note = Note::new(
                "FIL-09",
                pos,
                format!("Ukjent navn «{name}»{times} er ikke med i IPLOS-skjemaet og blir ikke kontrollert."),
                format!("Unknown name «{name}»{times_en} is not in the IPLOS schema and is not checked."),
            );
            sink.note(if self.st.strict { note.schema() } else { note });
        }
        if self.st.unknown_more > 0 {
            let n = self.st.unknown_more;
            let note = Note::new(
                "FIL-09",
                self.st.unknown_more_at,
                format!("Filen har i tillegg {n} forekomster av andre ukjente navn (bare de {MAX_UNKNOWN} første ulike navnene er listet). De er ikke med i IPLOS-skjemaet og blir ikke kontrollert."),
                format!("The file also has {n} occurrences of other unknown names (only the first {MAX_UNKNOWN} different names are listed). They are not in the IPLOS schema and are not checked."),
            );
            sink.note(if self.st.strict { note.schema() } else { note });
        }
        self.summary.persons = self.st.persons;
        self.summary
    }

    fn event(
        &mut self,
        tok: Tok,
        before: usize,
        attrs: &[Attr],
        window: &str,
        sink: &mut dyn Sink,
    ) {
        match tok {
            Tok::Start { name, empty } => {
                let pos = self.lines.pos(window, before);
                let local = local_name(name);
                if self.stack.len() >= MAX_DEPTH {
                    self.fatal(
                        "FIL-02",
                        pos,
                        format!("Elementene er nøstet dypere enn {MAX_DEPTH} nivåer (ved <{local}>): dette er ikke en IPLOS-fil."),
                        format!("Elements are nested deeper than {MAX_DEPTH} levels (at <{local}>): this is not an IPLOS file."),
                        sink,
                    );
                    return;
                }
                if !self.seen_root {
                    self.seen_root = true;
                    self.summary.root = Some(local.to_string());
                    if !self.st.profile.roots.iter().any(|r| r == local) {
                        let (nb, en) = if local == "Melding" {
                            (
                                "Dette ser ut som en identmelding (<Melding>), ikke en IPLOS-melding. Velg IPLOS-filen som hovedfil og identmeldingen som tilleggsfil.".to_string(),
                                "This looks like an identmelding (<Melding>), not an IPLOS message. Choose the IPLOS file as the main file and the identmelding as the extra file.".to_string(),
                            )
                        } else {
                            (
                                format!("Rotelementet er <{local}>, men en IPLOS-melding begynner med <IPLOS>."),
                                format!("The root element is <{local}>, but an IPLOS message starts with <IPLOS>."),
                            )
                        };
                        self.fatal("FIL-02", pos, nb, en, sink);
                        return;
                    }
                    self.st.ns.declare(attrs, window, 0);
                    self.st.ns.root_done();
                    self.st.root_unprefixed = !name.contains(':');
                    self.st.root_ns = self.st.ns.element_ns(name).map(Box::from);
                    self.st.root(name, attrs, window, pos, &mut self.summary);
                    self.st.order.push(0);
                    if empty {
                        self.st.order.pop();
                    } else {
                        self.push_frame(Frame::Root, name.as_bytes());
                    }
                    return;
                }
                let Some(&parent) = self.stack.last() else {
                    self.fatal(
                        "FIL-01",
                        pos,
                        format!("Mer enn ett rotelement (<{local}>)."),
                        format!("More than one root element (<{local}>)."),
                        sink,
                    );
                    return;
                };
                if self.st.person.is_some() {
                    self.st.person_elements += 1;
                    if self.st.person_elements > MAX_PERSON_ELEMENTS {
                        let first = self.st.person.as_ref().map_or(0, |p| p.rec.pos.line);
                        self.fatal(
                            "FIL-02",
                            pos,
                            format!("Personen som begynner på linje {first} har mer enn {MAX_PERSON_ELEMENTS} elementer. Så mange for én person gir ingen ekte IPLOS-fil: kontroller uttrekket."),
                            format!("The person starting on line {first} has more than {MAX_PERSON_ELEMENTS} elements. No real IPLOS file has that many for one person: check the extract."),
                            sink,
                        );
                        return;
                    }
                } else {
                    self.st.person_elements = 0;
                }
                let depth = self.stack.len();
                let declared = !attrs.is_empty() && self.st.ns.declare(attrs, window, depth);
                // `local` is all of `name` unless it has a prefix.
                let foreign = self.st.foreign(name, local.len() != name.len());
                let frame = self
                    .st
                    .open(parent, attrs, local, foreign, pos, window, sink);
                if empty {
                    self.st.close(frame, sink);
                    if declared {
                        self.st.ns.undeclare(depth);
                    }
                } else {
                    self.push_frame(frame, name.as_bytes());
                }
            }
            Tok::End { name: raw } => {
                let raw_bytes = raw.as_bytes();
                match self.stack.pop() {
                    Some(frame) if same_name(&self.names[self.stack.len()], raw_bytes) => {
                        self.st.close(frame, sink);
                        if self.st.ns.nested() {
                            self.st.ns.undeclare(self.stack.len());
                        }
                    }
                    Some(_) => {
                        let pos = self.lines.pos(window, before);
                        let open =
                            String::from_utf8_lossy(&self.names[self.stack.len()]).into_owned();
                        self.fatal(
                            "FIL-01",
                            pos,
                            format!("Sluttaggen </{raw}> passer ikke med <{open}>."),
                            format!("The end tag </{raw}> does not match <{open}>."),
                            sink,
                        )
                    }
                    None => {
                        let pos = self.lines.pos(window, before);
                        self.fatal(
                            "FIL-01",
                            pos,
                            format!("Sluttaggen </{raw}> har ingen starttagg."),
                            format!("The end tag </{raw}> has no start tag."),
                            sink,
                        )
                    }
                }
            }
            Tok::Text { text: s, plain } => {
                match self.stack.last() {
                    Some(Frame::Field(_)) => {
                        if plain {
                            self.st.text.push_str(s);
                        } else if let Err((off, problem)) = unescape(s, &mut self.st.text) {
                            // The lexer checked every reference; kept for safety.
                            let pos = self.lines.pos(window, before + off);
                            let (nb, en) = problem.message();
                            self.fatal("FIL-01", pos, nb, en, sink);
                        }
                    }
                    Some(Frame::Skip) => {}
                    Some(_) => {
                        // Element-only content: XML whitespace, written or
                        // as a character reference, and nothing else.
                        let text = if plain || !s.contains('&') {
                            !s.bytes().all(is_ws)
                        } else {
                            let mut t = String::new();
                            unescape(s, &mut t).is_err() || !t.bytes().all(is_ws)
                        };
                        if text {
                            let pos = self.lines.pos(window, before);
                            self.st.unknown_name("(tekst utenfor et felt)", pos);
                        }
                    }
                    None => {
                        if !s.trim().is_empty() {
                            let pos = self.lines.pos(window, before);
                            let (nb, en) = if self.seen_root {
                                (
                                    "Tekst etter slutten av rotelementet.",
                                    "Text after the end of the root element.",
                                )
                            } else {
                                (
                                    "Filen begynner ikke med et XML-element.",
                                    "The file does not start with an XML element.",
                                )
                            };
                            self.fatal("FIL-01", pos, nb.into(), en.into(), sink);
                        }
                    }
                }
            }
            Tok::CData(c) => match self.stack.last() {
                Some(Frame::Field(_)) => self.st.text.push_str(c),
                Some(Frame::Skip) | None => {}
                // Even an empty CDATA section is text, which element-only
                // content does not allow.
                Some(_) => {
                    let pos = self.lines.pos(window, before);
                    self.st.unknown_name("(tekst utenfor et felt)", pos);
                }
            },
            Tok::DocType(d) => {
                let pos = self.lines.pos(window, before);
                if d.contains("<!ENTITY") {
                    self.fatal(
                        "FIL-01",
                        pos,
                        "Filen har en DTD med entitetsdeklarasjoner. IPLOS-filer skal ikke ha det, og slike entiteter blir aldri utvidet (vern mot «entitetsbomber»).".into(),
                        "The file has a DTD with entity declarations. IPLOS files must not have one, and such entities are never expanded (protection against entity bombs).".into(),
                        sink,
                    );
                }
            }
            Tok::Decl(d) => {
                let pos = self.lines.pos(window, before);
                if self.any_token || pos != (Pos { line: 1, column: 1 }) {
                    self.fatal(
                        "FIL-01",
                        pos,
                        "XML-deklarasjonen (<?xml …?>) kan bare stå aller først i filen.".into(),
                        "The XML declaration (<?xml …?>) can only stand at the very start of the file.".into(),
                        sink,
                    );
                    return;
                }
                if let Some(label) = pseudo_attribute(d, "encoding") {
                    self.declared = Some((label.to_string(), pos));
                }
            }
            Tok::Skipped => {}
        }
    }
}

impl State {
    fn frame_name(&self, f: Frame) -> &'static str {
        match f {
            Frame::Root => "IPLOS",
            Frame::Innhinfo => "INNHINFO",
            Frame::Kontakt => "iiKontakt",
            Frame::Person => "PERSON",
            Frame::Child(k) => k.element(),
            Frame::Field(f) => f.name(),
            Frame::Skip => "…",
        }
    }

    fn unknown_name(&mut self, name: &str, pos: Pos) {
        if let Some(e) = self.unknown.get_mut(name) {
            e.0 += 1;
        } else if self.unknown.len() < MAX_UNKNOWN {
            self.unknown.insert(name.to_string(), (1, pos));
        } else {
            // Memory stays bounded whatever names a file makes up.
            if self.unknown_more == 0 {
                self.unknown_more_at = pos;
            }
            self.unknown_more += 1;
        }
    }

    fn root(
        &mut self,
        name: &str,
        attrs: &[Attr],
        window: &str,
        pos: Pos,
        summary: &mut XmlSummary,
    ) {
        self.header.root = Record::new(pos);
        let prefix = name.split_once(':').map(|(p, _)| p);
        for a in attrs {
            let key = a.name(window);
            let val = value_of(a, window).into_owned();
            let is_ns = match prefix {
                Some(p) => key.strip_prefix("xmlns:") == Some(p),
                None => key == "xmlns",
            };
            if is_ns {
                self.header.namespace = Some(val);
            } else if key == "versjon" {
                self.header.root.set(Field::versjon, val, pos);
            } else if self.ns.attribute_plain(key).is_some() {
                self.unknown_name(key, pos);
            }
        }
        summary.namespace = self.header.namespace.clone();
        summary.versjon = self.header.root.text(Field::versjon).map(str::to_string);
        self.strict = summary.versjon.as_deref() == Some("3.5")
            || summary
                .namespace
                .as_deref()
                .is_some_and(|n| n.ends_with("/2018"));
    }

    /// The header's period starts before the 2018 schema applied (a file of
    /// an earlier year that still names version 3.5 carries `peFnr`
    /// rightly; the receiver judged those years without the 2018 schema).
    fn period_before_2018(&self) -> bool {
        self.period_year
            .is_some_and(|y| !crate::codes::schema_2018_applies(y))
    }

    /// Opens an element under `parent`, returning its frame. `foreign`
    /// names the element's namespace when it is not the root's.
    #[allow(clippy::too_many_arguments)]
    fn open(
        &mut self,
        parent: Frame,
        attrs: &[Attr],
        local: &str,
        foreign: Option<String>,
        pos: Pos,
        window: &str,
        sink: &mut dyn Sink,
    ) -> Frame {
        if let Some(ns) = foreign {
            if parent != Frame::Skip {
                self.unknown_name(&format!("{local} (xmlns=\"{ns}\")"), pos);
            }
            return Frame::Skip;
        }
        let target = self.profile.xml_target_bytes(local.as_bytes());
        let frame = match (parent, target) {
            (Frame::Skip, _) | (Frame::Field(_), _) => {
                if parent != Frame::Skip {
                    self.unknown_name(local, pos);
                }
                return Frame::Skip;
            }
            (Frame::Root, Some(Target::Record(Kind::Innhinfo))) => {
                self.stray_attributes(attrs, window, pos);
                self.header.innhinfo = Some(Record::new(pos));
                Frame::Innhinfo
            }
            (Frame::Root, Some(Target::Record(Kind::Person))) => {
                self.send_header(sink);
                self.persons += 1;
                if self.pool.needs_persons() {
                    sink.recycle(&mut self.pool);
                }
                let mut p = self.pool.person(self.persons as u32, pos);
                self.attributes(attrs, Kind::Person, &mut p.rec, pos, window);
                self.person = Some(p);
                self.file_pending(sink);
                Frame::Person
            }
            (Frame::Innhinfo, Some(Target::Record(Kind::Kontakt))) => {
                self.stray_attributes(attrs, window, pos);
                self.kontakt = Some(Record::new(pos));
                Frame::Kontakt
            }
            (Frame::Person, Some(Target::Record(k)))
                if matches!(
                    k,
                    Kind::Personoppl
                        | Kind::Funksjon
                        | Kind::Tjeneste
                        | Kind::Diagnose
                        | Kind::Dogntilbud
                ) =>
            {
                let mut r = self.pool.record(pos);
                self.attributes(attrs, k, &mut r, pos, window);
                self.child = Some(r);
                self.file_pending(sink);
                Frame::Child(k)
            }
            // `fid` and `typeID` are the identmelding's and the CSV's, never
            // elements of the fagmelding.
            (_, Some(Target::Field(Field::fid | Field::typeID))) => {
                self.unknown_name(local, pos);
                return Frame::Skip;
            }
            (_, Some(Target::Field(f)))
                if !f.def().attribute && Some(f.def().kind) == frame_kind(parent) =>
            {
                if matches!(f, Field::peDiagReserv | Field::peFnr)
                    && self.strict
                    && !self.period_before_2018()
                {
                    self.not_in_2018(f, pos, sink);
                }
                if f == Field::peDiagReserv {
                    return Frame::Skip;
                }
                self.stray_attributes(attrs, window, pos);
                Frame::Field(f)
            }
            _ => {
                self.unknown_name(local, pos);
                return Frame::Skip;
            }
        };
        self.fresh = self.check_order(parent, frame, pos, sink);
        if matches!(frame, Frame::Field(_)) {
            self.field_pos = pos;
        } else {
            self.order.push(0);
        }
        self.text.clear();
        frame
    }

    /// FIL-11: schema order within a record. Whether the element comes
    /// after every element before it in the record (a field that does
    /// cannot have been given before).
    fn check_order(&mut self, parent: Frame, frame: Frame, pos: Pos, sink: &mut dyn Sink) -> bool {
        let rank = match frame {
            Frame::Field(f) => f.order() * 2,
            Frame::Kontakt => Field::iiBydelsnr.order() * 2 + 1,
            Frame::Child(k) => 10_000 + k as usize,
            _ => return false,
        };
        let Some(&last) = self.order.last() else {
            return false;
        };
        if let Some(l) = self.order.last_mut() {
            *l = rank.max(last);
        }
        if rank < last {
            let name = self.frame_name(frame);
            let parent_name = self.frame_name(parent);
            let note = Note::new(
                "FIL-11",
                pos,
                format!("<{name}> står i feil rekkefølge i <{parent_name}>: skjemaet krever en fast rekkefølge."),
                format!("<{name}> is out of order in <{parent_name}>: the schema requires a fixed order."),
            )
            .schema();
            self.note_here(note, sink);
        }
        rank > last
    }

    /// A note about the current person if there is one, else about the file.
    fn note_here(&mut self, note: Note, sink: &mut dyn Sink) {
        match self.person.as_mut() {
            Some(p) => p.notes.push(note),
            None => sink.note(note),
        }
    }

    fn attributes(&mut self, attrs: &[Attr], kind: Kind, rec: &mut Record, pos: Pos, window: &str) {
        for a in attrs {
            let name = a.name(window);
            match self.ns.attribute_plain(name) {
                None => continue,
                Some(false) => {
                    self.unknown_name(name, pos);
                    continue;
                }
                Some(true) => {}
            }
            match self.profile.xml_target_bytes(name.as_bytes()) {
                Some(Target::Field(f)) if f.def().attribute && f.def().kind == kind => {
                    let raw = value_of(a, window);
                    let (keep, breaks) = settle(f, &raw);
                    if breaks {
                        self.pending.push(padding_note(f, &raw, pos));
                    }
                    rec.set(f, &raw[keep], pos)
                }
                _ => self.unknown_name(name, pos),
            }
        }
    }

    /// Attributes on an element that has none in the schema (a field,
    /// `INNHINFO`, a contact): each is unknown.
    #[inline]
    fn stray_attributes(&mut self, attrs: &[Attr], window: &str, pos: Pos) {
        // Nearly every such element has none.
        if !attrs.is_empty() {
            self.stray_attributes_slow(attrs, window, pos);
        }
    }

    #[cold]
    fn stray_attributes_slow(&mut self, attrs: &[Attr], window: &str, pos: Pos) {
        for a in attrs {
            let name = a.name(window);
            if self.ns.attribute_plain(name).is_some() {
                self.unknown_name(name, pos);
            }
        }
    }

    /// Notes made while the attributes were read, now that the record is open.
    fn file_pending(&mut self, sink: &mut dyn Sink) {
        if self.pending.is_empty() {
            return;
        }
        let notes = std::mem::take(&mut self.pending);
        for n in notes {
            self.note_here(n, sink);
        }
    }

    /// `peFnr` or `peDiagReserv` in a file that declares the 2018 schema,
    /// which removed both: schema-level FIL-09. `peFnr` is still read.
    fn not_in_2018(&mut self, f: Field, pos: Pos, sink: &mut dyn Sink) {
        let name = f.name();
        let (nb, en) = if f == Field::peFnr {
            (
                format!("<{name}> finnes ikke i 2018-skjemaet som filen oppgir: fra 2018 står fødselsnummeret bare i identmeldingen. Fjern elementet."),
                format!("<{name}> is not in the 2018 schema the file declares: from 2018 the identity number belongs in the identmelding only. Remove the element."),
            )
        } else {
            (
                format!("<{name}> finnes ikke i 2018-skjemaet som filen oppgir (diagnosereservasjon er tatt bort). Fjern elementet."),
                format!("<{name}> is not in the 2018 schema the file declares (diagnosis reservation was removed). Remove the element."),
            )
        };
        self.note_here(Note::new("FIL-09", pos, nb, en).schema(), sink);
    }

    /// Whitespace the lexer skipped inside a field: part of its value.
    #[cold]
    fn skipped_whitespace(&mut self, ws: &str) {
        if ws.bytes().all(is_ws) {
            self.text.push_str(ws);
        }
    }

    /// The element's namespace, when it is not the root's (`prefixed`: the
    /// name has a prefix).
    #[inline]
    fn foreign(&self, name: &str, prefixed: bool) -> Option<String> {
        // The usual case: no prefix and no declaration below the root.
        if self.root_unprefixed && !self.ns.nested() && !prefixed {
            return None;
        }
        let ns = self.ns.element_ns(name);
        (ns != self.root_ns.as_deref()).then(|| ns.unwrap_or("").to_string())
    }

    fn close(&mut self, frame: Frame, sink: &mut dyn Sink) {
        let pos = self.field_pos;
        match frame {
            Frame::Field(f) => {
                let (keep, breaks) = settle(f, &self.text);
                if breaks {
                    let n = padding_note(f, &self.text, pos);
                    self.note_here(n, sink);
                }
                let raw = &self.text[keep];
                let rec = match f.def().kind {
                    Kind::Innhinfo => self.header.innhinfo.as_mut(),
                    Kind::Kontakt => self.kontakt.as_mut(),
                    Kind::Person => self.person.as_mut().map(|p| &mut p.rec),
                    _ => self.child.as_mut(),
                };
                if let Some(rec) = rec {
                    // A repeated field keeps its first value (and the
                    // record stays small however often it repeats).
                    let dup = !self.fresh && rec.get(f).is_some();
                    if !dup {
                        rec.set(f, raw, pos);
                    }
                    if dup {
                        let note = Note::new(
                            "FIL-11",
                            pos,
                            format!("<{}> er gitt mer enn én gang i samme post.", f.name()),
                            format!("<{}> is given more than once in the same record.", f.name()),
                        )
                        .schema();
                        self.note_here(note, sink);
                    }
                }
                self.text.clear();
            }
            Frame::Kontakt => {
                self.order.pop();
                if let Some(k) = self.kontakt.take() {
                    self.header.kontakter.push(k);
                }
            }
            Frame::Innhinfo | Frame::Root => {
                self.order.pop();
            }
            Frame::Child(kind) => {
                self.order.pop();
                if let (Some(r), Some(p)) = (self.child.take(), self.person.as_mut()) {
                    if let Some(v) = p.records_mut(kind) {
                        v.push(r);
                    }
                }
            }
            Frame::Person => {
                self.order.pop();
                if let Some(p) = self.person.take() {
                    sink.person(p);
                }
            }
            Frame::Skip => {}
        }
    }

    fn send_header(&mut self, sink: &mut dyn Sink) {
        if !self.header_sent {
            self.header_sent = true;
            self.period_year = self
                .header
                .innhinfo
                .as_ref()
                .and_then(|ii| ii.text(Field::iiFraDato))
                .and_then(|d| d.get(..4)?.parse::<u16>().ok());
            sink.header(std::mem::take(&mut self.header));
        }
    }
}

/// The part of a field's text it keeps, and whether the whitespace
/// around it breaks the schema (see [`padding`]; the caller then files
/// [`padding_note`]). Small to return: it runs for every value.
#[inline]
fn settle(f: Field, raw: &str) -> (std::ops::Range<usize>, bool) {
    // Nearly every value: no XML whitespace at either end, kept whole.
    if let (Some(&a), Some(&z)) = (raw.as_bytes().first(), raw.as_bytes().last()) {
        if a > b' ' && z > b' ' {
            return (0..raw.len(), false);
        }
    }
    settle_padded(f, raw)
}

#[cold]
fn settle_padded(f: Field, raw: &str) -> (std::ops::Range<usize>, bool) {
    let trim = || {
        let v = xml_trim(raw);
        let start = v.as_ptr() as usize - raw.as_ptr() as usize;
        (start..start + v.len(), v.is_empty())
    };
    match padding(f.def().ty, raw) {
        Padding::None | Padding::Keep => (0..raw.len(), false),
        Padding::Trim => (trim().0, false),
        Padding::Breaks => match trim() {
            // Only spaces: kept, and judged as the value they are.
            (_, true) => (0..raw.len(), false),
            (keep, false) => (keep, true),
        },
    }
}

fn frame_kind(f: Frame) -> Option<Kind> {
    match f {
        Frame::Innhinfo => Some(Kind::Innhinfo),
        Frame::Kontakt => Some(Kind::Kontakt),
        Frame::Person => Some(Kind::Person),
        Frame::Child(k) => Some(k),
        _ => None,
    }
}

/// The first character XML 1.0 forbids (a C0 control but TAB, LF and CR,
/// or U+FFFE / U+FFFF), with its byte offset. 64 bytes at a time, in a
/// form the compiler turns into vector instructions.
fn forbidden_char(w: &str) -> Option<(usize, char)> {
    let b = w.as_bytes();
    let control = |c: u8| (c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r');
    let mut found = None;
    let mut base = 0;
    for chunk in b.chunks(64) {
        let mut any = false;
        for &c in chunk {
            any |= control(c);
        }
        if any {
            found = chunk.iter().position(|&c| control(c)).map(|k| base + k);
            break;
        }
        base += chunk.len();
    }
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
    let noncharacter = memchr::memchr_iter(0xef, &b[..found.unwrap_or(b.len())])
        .find(|&k| b.get(k + 1) == Some(&0xbf) && matches!(b.get(k + 2), Some(0xbe | 0xbf)));
    let at = noncharacter.or(found)?;
    w[at..].chars().next().map(|ch| (at, ch))
}

//! The IPLOS fagmelding (XML) to records, one PERSON at a time.
//!
//! A streaming pull parser over quick-xml: no tree of the whole file is
//! built, each PERSON goes to the [`Sink`] as soon as its end tag is read.
//! Namespace prefixes are ignored (local names only), DTDs are never
//! fetched and no entity beyond the five of XML and character references is
//! ever expanded. What the reader itself can see is reported here: FIL-01
//! (not well-formed), FIL-02 (not an IPLOS file), FIL-03 (the declared
//! encoding contradicts the bytes), FIL-09 (unknown names) and FIL-11
//! (order and repetition). Everything else is for the rules.

use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::decode::{label_matches, LineIndex};
use crate::model::{Field, Header, Kind, Note, Person, Pos, Record, Sink};
use crate::profile::{Profile, Target};

/// Deeper than this is not an IPLOS file (the real depth is 4).
const MAX_DEPTH: usize = 64;

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

struct State<'s, S: Sink> {
    sink: &'s mut S,
    profile: &'s Profile,
    header: Header,
    header_sent: bool,
    person: Option<Person>,
    child: Option<Record>,
    kontakt: Option<Record>,
    text: String,
    /// Last schema position seen in the open record, per open record level.
    order: Vec<usize>,
    unknown: BTreeMap<String, (usize, Pos)>,
    persons: usize,
    strict: bool,
}

/// Reads a decoded fagmelding. `encoding` is what decoding found (for FIL-03).
pub fn read(text: &str, encoding: &str, profile: &Profile, sink: &mut impl Sink) -> XmlSummary {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut lines = LineIndex::new(text.as_bytes());
    let mut st = State {
        sink,
        profile,
        header: Header::default(),
        header_sent: false,
        person: None,
        child: None,
        kontakt: None,
        text: String::new(),
        order: Vec::new(),
        unknown: BTreeMap::new(),
        persons: 0,
        strict: false,
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut summary = XmlSummary::default();
    let mut seen_root = false;
    loop {
        let before = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let pos = lines.pos(reader.error_position() as usize);
                st.fatal(pos, &format!("XML-feil: {e}"), &format!("XML error: {e}"));
                summary.fatal = true;
                break;
            }
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let pos = lines.pos(before);
                let local = local_name(e);
                if stack.len() >= MAX_DEPTH {
                    st.sink.note(Note::new(
                        "FIL-02",
                        pos,
                        format!("Elementene er nøstet dypere enn {MAX_DEPTH} nivåer (ved <{local}>): dette er ikke en IPLOS-fil."),
                        format!("Elements are nested deeper than {MAX_DEPTH} levels (at <{local}>): this is not an IPLOS file."),
                    ));
                    summary.fatal = true;
                    break;
                }
                if !seen_root {
                    seen_root = true;
                    summary.root = Some(local.clone());
                    if !st.profile.roots.contains(&local) {
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
                        st.sink.note(Note::new("FIL-02", pos, nb, en));
                        summary.fatal = true;
                        break;
                    }
                    st.root(e, pos, &mut summary);
                    stack.push(Frame::Root);
                    st.order.push(0);
                    if empty {
                        stack.pop();
                    }
                    continue;
                }
                let frame = match stack.last() {
                    None => {
                        // A second root element: not well-formed.
                        st.fatal(
                            pos,
                            &format!("Mer enn ett rotelement (<{local}>)."),
                            &format!("More than one root element (<{local}>)."),
                        );
                        summary.fatal = true;
                        break;
                    }
                    Some(&parent) => st.open(parent, e, &local, pos),
                };
                if empty {
                    st.close(frame, pos);
                } else {
                    stack.push(frame);
                }
            }
            Event::End(_) => {
                let pos = lines.pos(before);
                if let Some(frame) = stack.pop() {
                    st.close(frame, pos);
                }
            }
            Event::Text(t) => {
                if let Some(Frame::Field(_)) = stack.last() {
                    match t.decode() {
                        Ok(s) => st.text.push_str(&s),
                        Err(e) => {
                            st.fatal(
                                lines.pos(before),
                                &format!("Ugyldig tekst: {e}"),
                                &format!("Invalid text: {e}"),
                            );
                            summary.fatal = true;
                            break;
                        }
                    }
                } else if !stack.is_empty() && !matches!(stack.last(), Some(Frame::Skip)) {
                    let s = t.decode().unwrap_or_default();
                    if !s.trim().is_empty() {
                        let pos = lines.pos(before);
                        st.unknown_name("(tekst utenfor et felt)", pos);
                    }
                } else if stack.is_empty() {
                    let s = t.decode().unwrap_or_default();
                    if !s.trim().is_empty() {
                        let pos = lines.pos(before);
                        let (nb, en) = if seen_root {
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
                        st.fatal(pos, nb, en);
                        summary.fatal = true;
                        break;
                    }
                }
            }
            Event::CData(c) => {
                if let Some(Frame::Field(_)) = stack.last() {
                    st.text.push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::GeneralRef(r) => {
                let pos = lines.pos(before);
                let name = String::from_utf8_lossy(&r).into_owned();
                let ch = match name.as_str() {
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "amp" => Some('&'),
                    "apos" => Some('\''),
                    "quot" => Some('"'),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                match ch {
                    Some(c) => {
                        if let Some(Frame::Field(_)) = stack.last() {
                            st.text.push(c);
                        }
                    }
                    None => {
                        st.fatal(
                            pos,
                            &format!("Ukjent entitet «&{name};». IPLOS-filer bruker ikke egne entiteter, og de blir aldri utvidet."),
                            &format!("Unknown entity «&{name};». IPLOS files use no entities of their own, and they are never expanded."),
                        );
                        summary.fatal = true;
                        break;
                    }
                }
            }
            Event::DocType(d) => {
                let body = String::from_utf8_lossy(&d);
                if body.contains("<!ENTITY") {
                    st.fatal(
                        lines.pos(before),
                        "Filen har en DTD med entitetsdeklarasjoner. IPLOS-filer skal ikke ha det, og slike entiteter blir aldri utvidet (vern mot «entitetsbomber»).",
                        "The file has a DTD with entity declarations. IPLOS files must not have one, and such entities are never expanded (protection against entity bombs).",
                    );
                    summary.fatal = true;
                    break;
                }
            }
            Event::Decl(d) => {
                if let Some(Ok(label)) = d.encoding() {
                    let label = String::from_utf8_lossy(&label).into_owned();
                    if !label_matches(&label, encoding, text.is_ascii()) {
                        st.sink.note(Note::new(
                            "FIL-03",
                            lines.pos(before),
                            format!("XML-deklarasjonen sier encoding=«{label}», men filen er lagret som {encoding}."),
                            format!("The XML declaration says encoding=«{label}», but the file is stored as {encoding}."),
                        ));
                    }
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => {
                if let Some(open) = stack.last() {
                    let pos = lines.pos(text.len());
                    let name = st.frame_name(*open);
                    st.fatal(
                        pos,
                        &format!("Filen slutter før <{name}> er lukket: den er trolig avkortet. Lag et nytt uttrekk."),
                        &format!("The file ends before <{name}> is closed: it is probably truncated. Make a new extract."),
                    );
                    summary.fatal = true;
                } else if !seen_root {
                    st.sink.note(Note::new(
                        "FIL-02",
                        Pos { line: 1, column: 1 },
                        "Filen har ingen XML-elementer.".into(),
                        "The file has no XML elements.".into(),
                    ));
                    summary.fatal = true;
                }
                break;
            }
        }
    }
    if !summary.fatal {
        st.send_header();
    }
    for (name, (count, pos)) in std::mem::take(&mut st.unknown) {
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
        st.sink.note(if st.strict { note.schema() } else { note });
    }
    summary.persons = st.persons;
    summary
}

fn local_name(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

impl<S: Sink> State<'_, S> {
    fn fatal(&mut self, pos: Pos, nb: &str, en: &str) {
        self.sink
            .note(Note::new("FIL-01", pos, nb.to_string(), en.to_string()));
    }

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
        let e = self.unknown.entry(name.to_string()).or_insert((0, pos));
        e.0 += 1;
    }

    fn root(&mut self, e: &BytesStart, pos: Pos, summary: &mut XmlSummary) {
        self.header.root = Record::new(pos);
        let prefix = e
            .name()
            .prefix()
            .map(|p| String::from_utf8_lossy(p.as_ref()).into_owned());
        for a in e.attributes().flatten() {
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let val = a
                .unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_default();
            let is_ns = match &prefix {
                Some(p) => key == format!("xmlns:{p}"),
                None => key == "xmlns",
            };
            if is_ns {
                self.header.namespace = Some(val);
            } else if key == "versjon" {
                self.header
                    .root
                    .set(Field::versjon, val.trim().to_string(), pos);
            } else if !key.starts_with("xmlns") && !key.starts_with("xsi:") {
                self.unknown_name(&key, pos);
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

    /// Opens an element under `parent`, returning its frame.
    fn open(&mut self, parent: Frame, e: &BytesStart, local: &str, pos: Pos) -> Frame {
        let target = self.profile.xml_target(local);
        let frame = match (parent, target) {
            (Frame::Skip, _) | (Frame::Field(_), _) => {
                if parent != Frame::Skip {
                    self.unknown_name(local, pos);
                }
                return Frame::Skip;
            }
            (Frame::Root, Some(Target::Record(Kind::Innhinfo))) => {
                self.header.innhinfo = Some(Record::new(pos));
                Frame::Innhinfo
            }
            (Frame::Root, Some(Target::Record(Kind::Person))) => {
                self.send_header();
                self.persons += 1;
                let mut p = Person {
                    index: self.persons as u32,
                    rec: Record::new(pos),
                    ..Default::default()
                };
                self.attributes(e, Kind::Person, &mut p.rec, pos);
                self.person = Some(p);
                Frame::Person
            }
            (Frame::Innhinfo, Some(Target::Record(Kind::Kontakt))) => {
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
                let mut r = Record::new(pos);
                self.attributes(e, k, &mut r, pos);
                self.child = Some(r);
                Frame::Child(k)
            }
            (_, Some(Target::Field(f)))
                if !f.def().attribute && Some(f.def().kind) == frame_kind(parent) =>
            {
                if f == Field::peDiagReserv {
                    return Frame::Skip;
                }
                Frame::Field(f)
            }
            _ => {
                self.unknown_name(local, pos);
                return Frame::Skip;
            }
        };
        self.check_order(parent, frame, pos);
        if !matches!(frame, Frame::Field(_)) {
            self.order.push(0);
        }
        self.text.clear();
        frame
    }

    /// FIL-11: schema order within a record.
    fn check_order(&mut self, parent: Frame, frame: Frame, pos: Pos) {
        let rank = match frame {
            Frame::Field(f) => f.order() * 2,
            Frame::Kontakt => Field::iiBydelsnr.order() * 2 + 1,
            Frame::Child(k) => 10_000 + k as usize,
            _ => return,
        };
        let Some(&last) = self.order.last() else {
            return;
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
            self.note_here(note);
        }
    }

    /// A note about the current person if there is one, else about the file.
    fn note_here(&mut self, note: Note) {
        match self.person.as_mut() {
            Some(p) => p.notes.push(note),
            None => self.sink.note(note),
        }
    }

    fn attributes(&mut self, e: &BytesStart, kind: Kind, rec: &mut Record, pos: Pos) {
        for a in e.attributes() {
            let a = match a {
                Ok(a) => a,
                Err(_) => continue,
            };
            let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
            if a.key.as_ref().starts_with(b"xmlns") {
                continue;
            }
            let val = a
                .unescape_value()
                .map(|v| v.trim().to_string())
                .unwrap_or_default();
            match self.profile.xml_target(&key) {
                Some(Target::Field(f)) if f.def().attribute && f.def().kind == kind => {
                    rec.set(f, val, pos)
                }
                _ => self.unknown_name(&key, pos),
            }
        }
    }

    fn close(&mut self, frame: Frame, pos: Pos) {
        match frame {
            Frame::Field(f) => {
                let raw = self.text.trim().to_string();
                self.text.clear();
                let rec = match f.def().kind {
                    Kind::Innhinfo => self.header.innhinfo.as_mut(),
                    Kind::Kontakt => self.kontakt.as_mut(),
                    Kind::Person => self.person.as_mut().map(|p| &mut p.rec),
                    _ => self.child.as_mut(),
                };
                if let Some(rec) = rec {
                    let dup = rec.get(f).is_some();
                    rec.set(f, raw, pos);
                    if dup {
                        let note = Note::new(
                            "FIL-11",
                            pos,
                            format!("<{}> er gitt mer enn én gang i samme post.", f.name()),
                            format!("<{}> is given more than once in the same record.", f.name()),
                        )
                        .schema();
                        self.note_here(note);
                    }
                }
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
                    self.sink.person(p);
                }
            }
            Frame::Skip => {}
        }
    }

    fn send_header(&mut self) {
        if !self.header_sent {
            self.header_sent = true;
            self.sink.header(std::mem::take(&mut self.header));
        }
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

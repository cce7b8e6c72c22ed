//! The KITH hodemelding (`MsgHead`, namespace
//! `http://www.kith.no/xmlstds/msghead/2006-05-24`) around a KPR_IPL or
//! KPR_IDE message, unwrapped as it streams.
//!
//! Since the 2023 data year the fagmelding and the identmelding travel each
//! in its own hodemelding. The payload sits in `Document/RefDoc/Content`:
//! inline XML (`MsgType V="XML"`) or base64, in a KITH `Base64Container`
//! (`MsgType V="A"`). [`Filter`] takes the message in chunks and gives the
//! payload out:
//!
//! - inline: byte for byte the same length as the message, the envelope's
//!   markup turned to blanks (line breaks kept, the XML declaration kept),
//!   so a finding's line and column are those of the saved message;
//! - base64: decoded as it streams (the positions are then the decoded
//!   payload's).
//!
//! Memory stays bounded: the envelope's own markup before the payload is
//! held (at most [`MAX_HEAD`] bytes), the payload never is. Only
//! ASCII-compatible encodings are read this way (UTF-8, ISO-8859-1,
//! Windows-1252); a hodemelding in UTF-16 is said to be one.

use crate::model::{Note, Pos};

/// The envelope's markup before its payload, at most (a real one is a few
/// kilobytes).
pub const MAX_HEAD: usize = 4 << 20;

/// How the payload is carried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Carried {
    Inline,
    Base64,
}

/// What the envelope says of itself (for the provenance and FIL-21).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvelopeInfo {
    /// `MsgInfo/Type/@V`: `KPR_IPL` or `KPR_IDE`.
    #[serde(rename = "type")]
    pub msg_type: Option<String>,
    /// `MsgInfo/MsgId`.
    pub msg_id: Option<String>,
    /// `RefDoc/MimeType`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// Inline XML or base64.
    pub content: Option<Carried>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum St {
    /// The envelope before `Content`: its markup is blanked and held.
    Head,
    /// Just inside `Content`: blanks, then the payload or a `Base64Container`.
    ContentStart,
    Inline,
    Base64,
    /// After the payload: the envelope's end, blanked (inline) or dropped.
    After,
    Failed,
}

/// What is captured from an element's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cap {
    MsgId,
    MimeType,
}

/// The lexer's state inside an inline payload: just enough to know where
/// its root element ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lx {
    Text,
    /// After `<`.
    Lt,
    /// In a start tag; `quote` is the open quote, `slash` a `/` just before.
    Start {
        quote: u8,
        slash: bool,
    },
    End,
    /// After `<!`.
    Bang,
    /// After `<!-`.
    BangDash,
    /// After `<!` and this many bytes of `[CDATA[`.
    BangCdata(u8),
    /// In a comment, with how many `-` were just seen.
    Comment(u8),
    /// In a CDATA section, with how many `]` were just seen.
    CData(u8),
    /// In a processing instruction, `true` after a `?`.
    Pi(bool),
    /// `<!…>` other than a comment or CDATA.
    Decl,
}

/// Unwraps a hodemelding chunk by chunk.
pub struct Filter {
    st: St,
    /// Envelope markup cut by the end of a chunk, finished with the next.
    carry: Vec<u8>,
    /// The envelope's blanked bytes before the payload (inline payloads
    /// keep the positions of the message; a base64 payload drops them).
    head: Vec<u8>,
    path: Vec<String>,
    cap: Option<(Cap, String)>,
    info: EnvelopeInfo,
    /// Some of the envelope has been read (a byte-order mark and the XML
    /// declaration are kept only at its very start).
    started: bool,
    lx: Lx,
    depth: usize,
    /// The payload's root element has started.
    rooted: bool,
    b64: Base64,
    error: Option<Note>,
    payload_started: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Filter::new()
    }
}

fn blank(bytes: &[u8], out: &mut Vec<u8>) {
    out.extend(
        bytes
            .iter()
            .map(|&b| if b == b'\n' || b == b'\r' { b } else { b' ' }),
    );
}

fn local(name: &[u8]) -> &[u8] {
    match memchr::memrchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The value of attribute `want` (by local name) in a start tag's bytes.
fn attr(tag: &[u8], want: &[u8]) -> Option<String> {
    let mut i = 1 + tag[1..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')?;
    while i < tag.len() {
        while i < tag.len() && (tag[i].is_ascii_whitespace() || tag[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < tag.len()
            && !matches!(tag[i], b'=' | b'>' | b'/')
            && !tag[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = &tag[start..i];
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if tag.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let q = *tag.get(i)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let end = i + 1 + memchr::memchr(q, &tag[i + 1..])?;
        if local(name) == want {
            let v = String::from_utf8_lossy(&tag[i + 1..end]);
            return Some(v.trim().chars().take(200).collect());
        }
        i = end + 1;
    }
    None
}

/// Where the markup starting at `data[0] == b'<'` ends (exclusive), or
/// `None` when it runs past the data.
fn markup_end(data: &[u8]) -> Option<usize> {
    let find = |from: usize, pat: &[u8]| {
        memchr::memmem::find(&data[from..], pat).map(|i| from + i + pat.len())
    };
    if data.starts_with(b"<!--") {
        return find(4, b"-->");
    }
    if data.starts_with(b"<![CDATA[") {
        return find(9, b"]]>");
    }
    if data.starts_with(b"<?") {
        return find(2, b"?>");
    }
    if data.len() < 9 && (b"<!--".starts_with(data) || b"<![CDATA[".starts_with(data)) {
        return None;
    }
    if data.starts_with(b"<!") {
        let mut depth = 0i32;
        for (i, &b) in data.iter().enumerate().skip(2) {
            match b {
                b'[' => depth += 1,
                b']' => depth -= 1,
                b'>' if depth <= 0 => return Some(i + 1),
                _ => {}
            }
        }
        return None;
    }
    let mut quote = 0u8;
    for (i, &b) in data.iter().enumerate().skip(1) {
        match (quote, b) {
            (0, b'"' | b'\'') => quote = b,
            (0, b'>') => return Some(i + 1),
            (q, b) if q == b => quote = 0,
            _ => {}
        }
    }
    None
}

impl Filter {
    pub fn new() -> Filter {
        Filter {
            st: St::Head,
            carry: Vec::new(),
            head: Vec::new(),
            path: Vec::new(),
            cap: None,
            info: EnvelopeInfo::default(),
            started: false,
            lx: Lx::Text,
            depth: 0,
            rooted: false,
            b64: Base64::default(),
            error: None,
            payload_started: false,
        }
    }

    /// What the envelope has said of itself so far.
    pub fn info(&self) -> &EnvelopeInfo {
        &self.info
    }

    /// Whether the payload has begun (its first bytes have been given out).
    pub fn payload_started(&self) -> bool {
        self.payload_started
    }

    fn fail(&mut self, nb: String, en: String) {
        self.st = St::Failed;
        self.head = Vec::new();
        self.carry = Vec::new();
        self.error = Some(Note::new("FIL-02", Pos::default(), nb, en));
    }

    /// Takes the next chunk of the message; the payload's bytes are added
    /// to `out`.
    pub fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) {
        if self.st == St::Failed {
            return;
        }
        if self.carry.is_empty() {
            self.run(input, out);
        } else {
            let mut data = std::mem::take(&mut self.carry);
            data.extend_from_slice(input);
            self.run(&data, out);
        }
    }

    /// The end of the message: an error when no payload was found in it.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Result<(), Note> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        match self.st {
            St::Head | St::ContentStart => {
                let nb = "Dette er en hodemelding (MsgHead), men den har ikke noe innhold i Document/RefDoc/Content. Velg meldingen med innholdet, eller IPLOS-filen selv.";
                let en = "This is a hodemelding (MsgHead), but it has no content in Document/RefDoc/Content. Choose the message with the content, or the IPLOS file itself.";
                Err(Note::new("FIL-02", Pos::default(), nb.into(), en.into()))
            }
            St::Base64 => self.b64.finish(out),
            St::Inline | St::After => {
                let carry = std::mem::take(&mut self.carry);
                if self.info.content == Some(Carried::Inline) {
                    // The end of the message, as blanks; or a payload cut short.
                    if self.st == St::Inline {
                        out.extend_from_slice(&carry);
                    } else {
                        blank(&carry, out);
                    }
                }
                Ok(())
            }
            St::Failed => Ok(()),
        }
    }

    fn run(&mut self, data: &[u8], out: &mut Vec<u8>) {
        let mut i = 0;
        while i < data.len() {
            match self.st {
                St::Head => i = self.head_step(data, i),
                St::ContentStart => i = self.content_start(data, i, out),
                St::Inline => {
                    let (used, done) = self.inline(&data[i..]);
                    out.extend_from_slice(&data[i..i + used]);
                    i += used;
                    if done {
                        self.st = St::After;
                    }
                }
                St::Base64 => match memchr::memchr(b'<', &data[i..]) {
                    Some(j) => {
                        if let Err(e) = self.b64.feed(&data[i..i + j], out) {
                            self.st = St::Failed;
                            self.error = Some(e);
                            return;
                        }
                        self.st = St::After;
                        i += j;
                    }
                    None => {
                        if let Err(e) = self.b64.feed(&data[i..], out) {
                            self.st = St::Failed;
                            self.error = Some(e);
                            return;
                        }
                        i = data.len();
                    }
                },
                St::After => {
                    if self.info.content == Some(Carried::Inline) {
                        blank(&data[i..], out);
                    }
                    i = data.len();
                }
                St::Failed => return,
            }
        }
    }

    /// Keeps envelope bytes as blanks (the XML declaration as it is).
    fn keep_head(&mut self, bytes: &[u8], verbatim: bool) {
        if verbatim {
            self.head.extend_from_slice(bytes);
        } else {
            blank(bytes, &mut self.head);
        }
        if self.head.len() > MAX_HEAD {
            self.fail(
                format!("Hodemeldingen har ikke noe innhold (Document/RefDoc/Content) i sine første {} MB.", MAX_HEAD >> 20),
                format!("The hodemelding has no content (Document/RefDoc/Content) in its first {} MB.", MAX_HEAD >> 20),
            );
        }
    }

    /// One step in the envelope before the payload; returns where it ended.
    fn head_step(&mut self, data: &[u8], mut i: usize) -> usize {
        if !self.started && data[i..].starts_with(b"\xEF\xBB\xBF") {
            self.head.extend_from_slice(b"\xEF\xBB\xBF");
            i += 3;
        }
        let Some(j) = memchr::memchr(b'<', &data[i..]).map(|j| i + j) else {
            self.text(&data[i..]);
            self.keep_head(&data[i..], false);
            self.started |= i < data.len();
            return data.len();
        };
        self.text(&data[i..j]);
        self.keep_head(&data[i..j], false);
        let first = !self.started && j == i;
        self.started |= j > i;
        let Some(end) = markup_end(&data[j..]).map(|e| j + e) else {
            if data.len() - j > MAX_HEAD {
                self.fail(
                    "Hodemeldingen har et element som ikke slutter.".into(),
                    "The hodemelding has an element that does not end.".into(),
                );
            } else {
                self.carry = data[j..].to_vec();
            }
            return data.len();
        };
        let m = &data[j..end];
        self.started = true;
        self.keep_head(m, first && m.starts_with(b"<?xml"));
        if self.st == St::Failed {
            return data.len();
        }
        if m.starts_with(b"</") {
            self.cap = None;
            self.path.pop();
        } else if !m.starts_with(b"<!") && !m.starts_with(b"<?") {
            let name_end = m[1..]
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
                .map_or(m.len(), |p| p + 1);
            let name = local(&m[1..name_end]).to_vec();
            let empty = m.ends_with(b"/>");
            let parent = self.path.last().map(String::as_str);
            match (parent, name.as_slice()) {
                (Some("MsgInfo"), b"Type") => self.info.msg_type = attr(m, b"V"),
                (Some("MsgInfo"), b"MsgId") => self.cap = Some((Cap::MsgId, String::new())),
                (Some("RefDoc"), b"MimeType") => self.cap = Some((Cap::MimeType, String::new())),
                _ => {}
            }
            if name == b"Content" && parent == Some("RefDoc") && !empty {
                self.st = St::ContentStart;
            }
            if !empty && self.path.len() < 64 {
                self.path.push(String::from_utf8_lossy(&name).into_owned());
            }
        }
        end
    }

    /// Text of the envelope: kept when it is the message id or MIME type.
    fn text(&mut self, bytes: &[u8]) {
        if let Some((which, s)) = &mut self.cap {
            if s.len() < 200 {
                s.push_str(&String::from_utf8_lossy(bytes));
            }
            let v = s.trim().chars().take(200).collect::<String>();
            match which {
                Cap::MsgId => self.info.msg_id = Some(v),
                Cap::MimeType => self.info.mime_type = Some(v),
            }
        }
    }

    /// Inside `Content`, before the payload: blanks, then either a
    /// `Base64Container` or the payload's root element.
    fn content_start(&mut self, data: &[u8], mut i: usize, out: &mut Vec<u8>) -> usize {
        let ws = data[i..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        self.keep_head(&data[i..i + ws], false);
        i += ws;
        if i == data.len() || self.st == St::Failed {
            return data.len();
        }
        if data[i] != b'<' {
            // Base64 straight in Content.
            self.begin(Carried::Base64, out);
            return i;
        }
        let Some(end) = markup_end(&data[i..]).map(|e| i + e) else {
            self.carry = data[i..].to_vec();
            return data.len();
        };
        let m = &data[i..end];
        if m.starts_with(b"<!--") || m.starts_with(b"<?") {
            self.keep_head(m, false);
            return end;
        }
        let name_end = m[1..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .map_or(m.len(), |p| p + 1);
        if local(&m[1..name_end]) == b"Base64Container" {
            self.begin(Carried::Base64, out);
            if m.ends_with(b"/>") {
                self.st = St::After;
            }
            end
        } else {
            self.begin(Carried::Inline, out);
            i
        }
    }

    fn begin(&mut self, how: Carried, out: &mut Vec<u8>) {
        self.info.content = Some(how);
        self.payload_started = true;
        let head = std::mem::take(&mut self.head);
        match how {
            Carried::Inline => {
                out.extend_from_slice(&head);
                self.st = St::Inline;
            }
            Carried::Base64 => self.st = St::Base64,
        }
    }

    /// Lexes inline payload bytes; returns how many belong to the payload
    /// and whether its root element ended there.
    fn inline(&mut self, data: &[u8]) -> (usize, bool) {
        let mut i = 0;
        while i < data.len() {
            match self.lx {
                Lx::Text => match memchr::memchr(b'<', &data[i..]) {
                    Some(j) => {
                        i += j + 1;
                        self.lx = Lx::Lt;
                    }
                    None => return (data.len(), false),
                },
                Lx::Lt => {
                    self.lx = match data[i] {
                        b'/' => Lx::End,
                        b'!' => Lx::Bang,
                        b'?' => Lx::Pi(false),
                        _ => Lx::Start {
                            quote: 0,
                            slash: false,
                        },
                    };
                    if !matches!(self.lx, Lx::Start { .. }) {
                        i += 1;
                    }
                }
                Lx::Start { quote, slash } => {
                    if quote != 0 {
                        match memchr::memchr(quote, &data[i..]) {
                            Some(j) => {
                                i += j + 1;
                                self.lx = Lx::Start {
                                    quote: 0,
                                    slash: false,
                                };
                            }
                            None => return (data.len(), false),
                        }
                        continue;
                    }
                    let b = data[i];
                    i += 1;
                    match b {
                        b'"' | b'\'' => {
                            self.lx = Lx::Start {
                                quote: b,
                                slash: false,
                            }
                        }
                        b'>' => {
                            self.lx = Lx::Text;
                            if slash {
                                if self.depth == 0 {
                                    return (i, true);
                                }
                            } else {
                                self.depth += 1;
                                self.rooted = true;
                            }
                        }
                        b'/' => {
                            self.lx = Lx::Start {
                                quote: 0,
                                slash: true,
                            }
                        }
                        _ => {
                            if slash && !b.is_ascii_whitespace() {
                                self.lx = Lx::Start {
                                    quote: 0,
                                    slash: false,
                                };
                            }
                        }
                    }
                }
                Lx::End => match memchr::memchr(b'>', &data[i..]) {
                    Some(j) => {
                        i += j + 1;
                        self.lx = Lx::Text;
                        self.depth = self.depth.saturating_sub(1);
                        if self.depth == 0 && self.rooted {
                            return (i, true);
                        }
                    }
                    None => return (data.len(), false),
                },
                Lx::Bang => {
                    self.lx = match data[i] {
                        b'-' => Lx::BangDash,
                        b'[' => Lx::BangCdata(1),
                        b'>' => Lx::Text,
                        _ => Lx::Decl,
                    };
                    i += 1;
                }
                Lx::BangDash => {
                    self.lx = if data[i] == b'-' {
                        Lx::Comment(0)
                    } else {
                        Lx::Decl
                    };
                    i += 1;
                }
                Lx::BangCdata(n) => {
                    const CDATA: &[u8] = b"[CDATA[";
                    let n = usize::from(n);
                    self.lx = if CDATA[n] == data[i] {
                        if n + 1 == CDATA.len() {
                            Lx::CData(0)
                        } else {
                            Lx::BangCdata(n as u8 + 1)
                        }
                    } else {
                        Lx::Decl
                    };
                    i += 1;
                }
                Lx::Comment(dashes) => {
                    let b = data[i];
                    i += 1;
                    self.lx = match (dashes, b) {
                        (d, b'-') => Lx::Comment((d + 1).min(2)),
                        (2, b'>') => Lx::Text,
                        _ => Lx::Comment(0),
                    };
                }
                Lx::CData(br) => {
                    let b = data[i];
                    i += 1;
                    self.lx = match (br, b) {
                        (d, b']') => Lx::CData((d + 1).min(2)),
                        (2, b'>') => Lx::Text,
                        _ => Lx::CData(0),
                    };
                }
                Lx::Pi(q) => {
                    let b = data[i];
                    i += 1;
                    self.lx = match (q, b) {
                        (true, b'>') => Lx::Text,
                        (_, b'?') => Lx::Pi(true),
                        _ => Lx::Pi(false),
                    };
                }
                Lx::Decl => match memchr::memchr(b'>', &data[i..]) {
                    Some(j) => {
                        i += j + 1;
                        self.lx = Lx::Text;
                    }
                    None => return (data.len(), false),
                },
            }
        }
        (data.len(), false)
    }
}

/// A base64 decoder that takes its text in pieces (whitespace skipped).
#[derive(Default)]
struct Base64 {
    quad: [u8; 4],
    n: usize,
    /// `=` seen: only padding and blanks may follow.
    pad: usize,
    /// Characters read, for the position of a bad one.
    read: u64,
}

impl Base64 {
    fn value(c: u8) -> Option<u8> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        })
    }

    fn bad(&self, c: u8) -> Note {
        let shown = if c.is_ascii_graphic() {
            format!("«{}»", c as char)
        } else {
            format!("byte {c:#04x}")
        };
        Note::new(
            "FIL-01",
            Pos::default(),
            format!("Innholdet i hodemeldingen er ikke gyldig base64: {shown} etter {} tegn. Meldingen er trolig ødelagt; lag den på nytt.", self.read),
            format!("The hodemelding's content is not valid base64: {shown} after {} characters. The message is probably damaged; make it again.", self.read),
        )
    }

    fn feed(&mut self, text: &[u8], out: &mut Vec<u8>) -> Result<(), Note> {
        out.reserve(text.len() / 4 * 3 + 3);
        for &c in text {
            if c.is_ascii_whitespace() {
                continue;
            }
            if c == b'=' {
                self.pad += 1;
                self.read += 1;
                if self.n + self.pad > 4 || self.n < 2 {
                    return Err(self.bad(c));
                }
                if self.n + self.pad == 4 {
                    self.flush(out);
                }
                continue;
            }
            if self.pad > 0 {
                if self.n == 0 {
                    // The padding of the last group is done: a new group.
                    self.pad = 0;
                } else {
                    return Err(self.bad(c));
                }
            }
            let Some(v) = Self::value(c) else {
                return Err(self.bad(c));
            };
            self.read += 1;
            self.quad[self.n] = v;
            self.n += 1;
            if self.n == 4 {
                self.flush(out);
            }
        }
        Ok(())
    }

    fn flush(&mut self, out: &mut Vec<u8>) {
        let q = self.quad;
        let bytes = [
            q[0] << 2 | q[1] >> 4,
            q[1] << 4 | q[2] >> 2,
            q[2] << 6 | q[3],
        ];
        let take = match self.n {
            4 => 3,
            3 => 2,
            2 => 1,
            _ => 0,
        };
        out.extend_from_slice(&bytes[..take]);
        self.quad = [0; 4];
        self.n = 0;
    }

    fn finish(&mut self, out: &mut Vec<u8>) -> Result<(), Note> {
        match self.n {
            0 => Ok(()),
            1 => Err(self.bad(b'=')),
            _ => {
                self.flush(out);
                Ok(())
            }
        }
    }
}

/// Unwraps a whole hodemelding (the identmelding is read whole): the
/// payload and what the envelope said.
pub fn unwrap_whole(bytes: &[u8]) -> Result<(Vec<u8>, EnvelopeInfo), Note> {
    let mut f = Filter::new();
    let mut out = Vec::with_capacity(bytes.len());
    f.feed(bytes, &mut out);
    f.finish(&mut out)?;
    Ok((out, f.info))
}

/// Encodes bytes as base64 (the tests build hodemeldinger with it).
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for k in 0..4 {
            if k <= c.len() {
                s.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MsgHead xmlns=\"http://www.kith.no/xmlstds/msghead/2006-05-24\">\n<MsgInfo><Type V=\"KPR_IPL\" DN=\"IPLOS\"/><MsgId>abc-123</MsgId></MsgInfo>\n<Document><RefDoc><MsgType V=\"XML\"/><Content>";

    fn run_chunks(msg: &[u8], size: usize) -> (Vec<u8>, EnvelopeInfo) {
        let mut f = Filter::new();
        let mut out = Vec::new();
        for c in msg.chunks(size) {
            f.feed(c, &mut out);
        }
        f.finish(&mut out).unwrap();
        (out, f.info)
    }

    #[test]
    fn inline_keeps_positions_in_any_chunking() {
        let payload = "<IPLOS a=\"x>y\"><!-- </IPLOS> --><![CDATA[</IPLOS>]]><P/><Q>t</Q></IPLOS>";
        let msg = format!("{HEAD}\n{payload}\n</Content></RefDoc></Document></MsgHead>\n");
        for size in [1, 2, 3, 7, 64, 100_000] {
            let (out, info) = run_chunks(msg.as_bytes(), size);
            assert_eq!(out.len(), msg.len(), "chunk {size}");
            let text = String::from_utf8(out).unwrap();
            assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
            let at = msg.find("<IPLOS").unwrap();
            assert_eq!(&text[at..at + payload.len()], payload, "chunk {size}");
            assert!(text[..at].bytes().skip(39).all(|b| b == b' ' || b == b'\n'));
            assert!(text[at + payload.len()..]
                .bytes()
                .all(|b| b == b' ' || b == b'\n'));
            assert_eq!(info.msg_type.as_deref(), Some("KPR_IPL"));
            assert_eq!(info.msg_id.as_deref(), Some("abc-123"));
            assert_eq!(info.content, Some(Carried::Inline));
        }
    }

    #[test]
    fn base64_is_decoded_in_any_chunking() {
        let payload = "<?xml version=\"1.0\"?>\n<Melding versjon=\"53.1.2\"/>\næøå";
        let b64 = base64(payload.as_bytes());
        let wrapped: String = b64
            .as_bytes()
            .chunks(19)
            .map(|c| std::str::from_utf8(c).unwrap().to_string() + "\r\n")
            .collect();
        let msg = format!("{HEAD}<Base64Container xmlns=\"http://www.kith.no/xmlstds/base64container\">{wrapped}</Base64Container></Content></RefDoc></Document></MsgHead>");
        for size in [1, 5, 64, 100_000] {
            let (out, info) = run_chunks(msg.as_bytes(), size);
            assert_eq!(out, payload.as_bytes(), "chunk {size}");
            assert_eq!(info.content, Some(Carried::Base64));
        }
    }

    #[test]
    fn base64_round_trips_every_length() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            let mut b = Base64::default();
            let mut out = Vec::new();
            b.feed(base64(&bytes).as_bytes(), &mut out).unwrap();
            b.finish(&mut out).unwrap();
            assert_eq!(out, bytes);
        }
    }

    #[test]
    fn bad_base64_and_no_content_are_errors() {
        let msg = format!("{HEAD}<Base64Container>QUJD*</Base64Container></Content></RefDoc></Document></MsgHead>");
        let mut f = Filter::new();
        let mut out = Vec::new();
        f.feed(msg.as_bytes(), &mut out);
        assert_eq!(f.finish(&mut out).unwrap_err().code, "FIL-01");
        let msg = "<MsgHead><MsgInfo/></MsgHead>";
        assert_eq!(unwrap_whole(msg.as_bytes()).unwrap_err().code, "FIL-02");
    }
}

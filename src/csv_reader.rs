//! Flat CSV (docs/format.md §4): decoded text to the logical records of
//! [`crate::model`], row by row.
//!
//! One row is one TJENESTE; the person's columns repeat on every row of that
//! person. [`CsvReader`] takes the text in windows, like the XML reader, and
//! hands a person over as soon as its rows end: when a row with another key
//! (`pePeID`, else the identity in `fid`/`peFnr`) begins. Memory holds the
//! person being read (in a spent person's memory: see [`Pool`]), never the
//! file. Rows of one person that do not stand together therefore become two
//! persons with the same key, which the engine reports (PER-09 on `pePeID`,
//! PER-08 on an identity number); the reader adds a PER-09 note only where
//! the engine cannot see the repeat itself, and remembers only those keys.
//!
//! Which column is which field is the profile's business
//! ([`Profile::csv_target`]). Splitting rows into fields is `csv-core`'s
//! (push-based, no allocation of its own, so it reads window by window);
//! this module owns what `csv-core` leaves to its caller: delimiter
//! detection, trimming, the broken quoting a lenient parser silently reads
//! past (FIL-01), the row length cap, grouping, value normalisation (dates to `YYYYMMDD`,
//! decimal commas to points) and the findings only a reader can make: FIL-01,
//! FIL-02, FIL-09 and FIL-10 for the file, PER-21 on the person. It does not
//! decode bytes ([`crate::decode`] does) and judges no value: the rules do.
//!
//! Positions: `line` is the 1-based physical line where the row starts and,
//! for CSV, `column` is the 1-based *field number* in the row, not a
//! character column.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::{
    Field, FnvBuild, Header, Kind, Note, Person, Pool, Pos, Record, Sink, SmallStr, Ty, Val,
};
use crate::profile::{fold, Profile, Target};

/// What the reader saw of the file's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvSummary {
    /// The detected delimiter: `;`, `,`, TAB or `|`.
    pub delimiter: u8,
    /// Data rows read (not the header, not blank lines).
    pub rows: usize,
    /// Fields in the header row.
    pub columns: usize,
    /// A Fatal note (FIL-01, FIL-02) stopped the reading; nothing was handed
    /// over after it.
    pub fatal: bool,
}

/// The delimiters tried, in order of preference when they split the header
/// equally well.
const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

/// The longest row read, in bytes. A longer one is Fatal (FIL-01): it is
/// nearly always a quote never closed, and holding it would make memory
/// follow the file.
pub const MAX_ROW: usize = 16 * 1024 * 1024;

/// The FIL-02 message for a file without a header row.
const NO_HEADER: (&str, &str) = (
    "Filen har ingen overskriftsrad: første linje i en CSV-fil må være kolonnenavnene.",
    "The file has no header row: the first line of a CSV file must hold the column names.",
);

/// FIL-09 notes with a name of their own; further unused names share one
/// note, so a pathological header cannot flood the report.
const MAX_IGNORED_NAMES: usize = 100;

/// Distinct `posttype` values remembered with their meaning.
const MAX_POSTTYPES: usize = 32;

/// `fnFunkType` values for the `funkN` columns, without allocating.
const FUNK_TYPES: [&str; 21] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "20",
];

/// Reads a whole decoded CSV text (the caller has already turned bytes into
/// UTF-8 text): [`CsvReader::feed`] with all of it, then
/// [`CsvReader::finish`].
pub fn read(text: &str, profile: &Profile, sink: &mut impl Sink) -> CsvSummary {
    let mut r = CsvReader::new(profile.clone());
    let mut at = 0;
    while at < text.len() {
        let used = r.feed(&text[at..], true, sink);
        if used == 0 {
            break;
        }
        at += used;
    }
    r.finish(sink)
}

/// A resumable CSV reader: feed it windows of text, in order, then finish.
///
/// File findings go to [`Sink::note`] as they are met; PER-21 goes on the
/// person. The header is handed over once, before the first person (at the
/// first data row, whose `ii…` columns fill `INNHINFO`), also when the file
/// holds no data row. After a Fatal note (FIL-01 broken quoting or a row
/// longer than [`MAX_ROW`], FIL-02 no header or no known column) nothing
/// more is handed over; the person being read is dropped.
pub struct CsvReader {
    profile: Profile,
    /// The byte-order mark has been looked for.
    started: bool,
    detect: Detect,
    delimiter: Option<u8>,
    cols: Option<Columns>,
    tok: Tokens,
    /// Line of the first byte not yet consumed.
    line: u32,
    build: Builder,
    summary: CsvSummary,
    done: bool,
}

impl CsvReader {
    pub fn new(profile: Profile) -> CsvReader {
        CsvReader {
            profile,
            started: false,
            detect: Detect::default(),
            delimiter: None,
            cols: None,
            tok: Tokens::new(DELIMITERS[0]),
            line: 1,
            build: Builder::default(),
            summary: CsvSummary {
                delimiter: DELIMITERS[0],
                rows: 0,
                columns: 0,
                fatal: false,
            },
            done: false,
        }
    }

    /// Whether the header names a `fid` column (PER-01 asks for one then);
    /// `None` until the header row is read and mapped.
    pub fn has_fid(&self) -> Option<bool> {
        self.cols.as_ref().map(|c| c.col(Field::fid).is_some())
    }

    /// Persons handed over so far.
    pub fn persons(&self) -> usize {
        self.build.emitted
    }

    /// Whether a Fatal problem has ended the reading.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Reads every complete row of `window`; returns how many bytes were
    /// used. The rest, an incomplete last row (a quoted field may hold line
    /// breaks), must come again at the start of the next window, with more
    /// text after it. With `last`, the window is the end of the file.
    ///
    /// The call that reads the header row returns right after it, so the
    /// caller can learn [`CsvReader::has_fid`] before any person is handed
    /// over; call again with the rest.
    pub fn feed(&mut self, window: &str, last: bool, sink: &mut dyn Sink) -> usize {
        if self.done {
            return window.len();
        }
        let mut at = 0;
        if !self.started {
            if window.is_empty() && !last {
                return 0;
            }
            self.started = true;
            if window.starts_with('\u{feff}') {
                at = '\u{feff}'.len_utf8();
            }
        }
        let delim = match self.delimiter {
            Some(d) => d,
            None => match self.detect.run(&window.as_bytes()[at..], last) {
                Some(d) => {
                    self.delimiter = Some(d);
                    self.summary.delimiter = d;
                    self.tok = Tokens::new(d);
                    d
                }
                None => return at,
            },
        };
        while at < window.len() {
            let start = at;
            let scan = self.tok.split(window, start, last);
            let reach = match scan {
                Scan::Row { end, .. } => end,
                Scan::Stray { at, .. } => at,
                Scan::More | Scan::Unclosed { .. } => window.len(),
            };
            if reach - start > MAX_ROW {
                let note = self.too_long(window, start);
                self.fatal(note, sink);
                return window.len();
            }
            let (next, newlines) = match scan {
                Scan::Row { next, newlines, .. } => (next, newlines),
                Scan::More => break,
                Scan::Unclosed { open_nl, field } => {
                    let open = Pos {
                        line: self.line + open_nl,
                        column: field,
                    };
                    self.fatal(unclosed_note(open), sink);
                    return window.len();
                }
                Scan::Stray {
                    open_nl,
                    field,
                    at,
                    at_nl,
                } => {
                    let open = Pos {
                        line: self.line + open_nl,
                        column: field,
                    };
                    let found = window[at..].chars().next().unwrap_or(' ');
                    self.fatal(stray_note(open, self.line + at_nl, found), sink);
                    return window.len();
                }
            };
            let line = self.line;
            self.line += newlines;
            at = next;
            if self.tok.text().trim().is_empty() {
                continue;
            }
            let row = Row {
                text: self.tok.text(),
                ends: self.tok.ends(),
                line,
            };
            match &self.cols {
                None => {
                    let names: Vec<&str> = (0..row.ends.len()).map(|i| row.cell(i)).collect();
                    self.summary.columns = names.len();
                    match Columns::map(&names, line, delim, &self.profile, sink) {
                        Some(cols) => self.cols = Some(cols),
                        None => {
                            self.summary.fatal = true;
                            self.done = true;
                            return window.len();
                        }
                    }
                    return at;
                }
                Some(cols) => {
                    self.summary.rows += 1;
                    if row.ends.len() != self.summary.columns {
                        sink.note(wrong_width(line, row.ends.len(), self.summary.columns));
                    }
                    let prev = self.tok.prev_valid.then_some(Prev {
                        text: &self.tok.prev_out,
                        ends: &self.tok.prev_ends[..self.tok.prev_fields],
                    });
                    if let Some(note) = self.build.row(cols, &row, prev, sink) {
                        self.fatal(note, sink);
                        return window.len();
                    }
                    self.tok.keep_as_prev();
                }
            }
        }
        at
    }

    /// After the last window: the header if not yet handed over, the last
    /// person, and the notes that need the whole file (unknown `posttype`
    /// values, with their count).
    pub fn finish(mut self, sink: &mut dyn Sink) -> CsvSummary {
        if self.done {
            return self.summary;
        }
        if self.cols.is_none() {
            self.fatal(
                Note::new(
                    "FIL-02",
                    Pos { line: 1, column: 1 },
                    NO_HEADER.0.into(),
                    NO_HEADER.1.into(),
                ),
                sink,
            );
            return self.summary;
        }
        self.build.finish(sink);
        self.summary
    }

    fn fatal(&mut self, note: Note, sink: &mut dyn Sink) {
        sink.note(note);
        self.summary.fatal = true;
        self.done = true;
    }

    /// FIL-01 for a row longer than [`MAX_ROW`]: at the quote still open
    /// after its first [`MAX_ROW`] bytes, else at the row's start. Only those
    /// bytes are looked at, so the note does not depend on the windows.
    fn too_long(&mut self, window: &str, start: usize) -> Note {
        let mut cut = start + MAX_ROW;
        while !window.is_char_boundary(cut) {
            cut -= 1;
        }
        self.tok.split(&window[..cut], start, false);
        let mb = MAX_ROW >> 20;
        match self.tok.open {
            Some((nl, field)) => {
                let open = Pos {
                    line: self.line + nl,
                    column: field,
                };
                Note::new(
                    "FIL-01",
                    open,
                    format!(
                        "Anførselstegnet som åpner felt {field} på linje {} lukkes ikke innen {mb} MB, så resten av filen kan ikke deles i felt. Legg til det avsluttende anførselstegnet eller fjern det.",
                        open.line
                    ),
                    format!(
                        "The quote opening field {field} on line {} is not closed within {mb} MB, so the rest of the file cannot be split into fields. Add the closing quote or remove it.",
                        open.line
                    ),
                )
            }
            None => {
                let line = self.line;
                Note::new(
                    "FIL-01",
                    Pos { line, column: 1 },
                    format!("Raden som begynner på linje {line} er lengre enn {mb} MB: dette er ikke en CSV-eksport fra et fagsystem, eller filen er ødelagt."),
                    format!("The row starting on line {line} is longer than {mb} MB: this is not a CSV export from an EPJ system, or the file is damaged."),
                )
            }
        }
    }
}

fn wrong_width(line: u32, fields: usize, columns: usize) -> Note {
    Note::new(
        "FIL-10",
        Pos { line, column: 1 },
        format!(
            "Linje {line} har {fields} felt, men overskriftsraden har {columns}. Feltene som finnes, er lest etter plassen sin."
        ),
        format!(
            "Line {line} has {fields} fields, but the header row has {columns}. The fields present are read by their place."
        ),
    )
}

/// FIL-01: a quoted field still open at the end of the file.
fn unclosed_note(open: Pos) -> Note {
    Note::new(
        "FIL-01",
        open,
        format!(
            "Anførselstegnet som åpner felt {} på linje {} lukkes aldri, så resten av filen kan ikke deles i felt. Legg til det avsluttende anførselstegnet eller fjern det.",
            open.column, open.line
        ),
        format!(
            "The quote opening field {} on line {} is never closed, so the rest of the file cannot be split into fields. Add the closing quote or remove it.",
            open.column, open.line
        ),
    )
}

/// FIL-01: a closing quote followed by something other than blanks, the
/// delimiter or a line break (a stray quote inside a quoted field).
fn stray_note(open: Pos, line: u32, found: char) -> Note {
    Note::new(
        "FIL-01",
        open,
        format!(
            "Anførselstegnet som åpner felt {} på linje {} lukkes feil: på linje {line} kommer «{found}» rett etter det avsluttende anførselstegnet, der det skal stå skilletegn eller linjeskift. Et anførselstegn inne i et felt skrives dobbelt (\"\").",
            open.column, open.line
        ),
        format!(
            "The quote opening field {} on line {} is closed wrongly: on line {line}, «{found}» follows the closing quote where a delimiter or line break belongs. A quote inside a field is written twice (\"\").",
            open.column, open.line
        ),
    )
}

/// Finds the delimiter that splits the first non-blank line into the most
/// fields outside quotes (`;` when none splits it), window by window.
#[derive(Default)]
struct Detect {
    counts: [usize; 4],
    quoted: bool,
    content: bool,
    /// Bytes looked at so far, from the start of the text.
    scanned: usize,
}

impl Detect {
    /// The delimiter once decided: at the end of the first line with
    /// content, at the end of the file, or after [`MAX_ROW`] bytes.
    fn run(&mut self, bytes: &[u8], last: bool) -> Option<u8> {
        let limit = bytes.len().min(MAX_ROW);
        let mut found = false;
        for &b in &bytes[self.scanned.min(limit)..limit] {
            if b == b'"' {
                self.quoted = !self.quoted;
                self.content = true;
            } else if self.quoted {
                continue;
            } else if let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
                self.counts[i] += 1;
            } else if b == b'\n' || b == b'\r' {
                if self.content {
                    found = true;
                    break;
                }
                self.counts = [0; 4];
            } else if !b.is_ascii_whitespace() {
                self.content = true;
            }
        }
        self.scanned = limit;
        if !(found || last || limit == MAX_ROW) {
            return None;
        }
        let mut best = 0;
        for i in 1..DELIMITERS.len() {
            if self.counts[i] > self.counts[best] {
                best = i;
            }
        }
        Some(DELIMITERS[best])
    }
}

/// What splitting a row found.
enum Scan {
    /// A complete row: its text ends at `end`, the next row starts at
    /// `next`, and it spans `newlines` line breaks (its own included).
    Row {
        end: usize,
        next: usize,
        newlines: u32,
    },
    /// The row goes on past the window.
    More,
    /// A quoted field still open at the end of the file; `open_nl` line
    /// breaks into the row, field number `field`.
    Unclosed { open_nl: u32, field: u32 },
    /// Something other than blanks, delimiter or line break at byte `at`
    /// (`at_nl` line breaks into the row) after the quote closing `field`.
    Stray {
        open_nl: u32,
        field: u32,
        at: usize,
        at_nl: u32,
    },
}

/// Splits rows into cells with `csv-core`, reusing its buffers from row to
/// row, and keeps the row before for [`Row::same_cell`].
///
/// `csv-core` reads standard quoting (a quote opens a quoted field only as
/// its first byte; inside, `""` is a quote and delimiters and line breaks
/// are text; a row ends at `\n`, `\r\n` or `\r`) and, by design, never
/// fails: it reads `"a"b` as `ab` and a quote never closed as running to
/// the end of the file. Those are FIL-01 here, so a row holding a quote is
/// looked over by [`check_quotes`], which finds where its quoted fields
/// close.
struct Tokens {
    rdr: csv_core::Reader,
    delim: u8,
    /// `rdr` stopped inside a record (a window ended in it, or the file):
    /// it starts afresh at the next row.
    mid: bool,
    /// The row's fields, unquoted, one after the other (its length is the
    /// room `csv-core` may write to; `len` bytes are the row's).
    out: Vec<u8>,
    len: usize,
    /// Where each field ends in `out` (room for `csv-core`; the row's
    /// fields are the first `fields`).
    ends: Vec<usize>,
    fields: usize,
    /// The quoted field open where the last scan stopped: line breaks
    /// before it in the row, and its field number.
    open: Option<(u32, u32)>,
    /// The row before: its text and field ends, while `prev_valid`.
    prev_out: Vec<u8>,
    prev_ends: Vec<usize>,
    prev_fields: usize,
    prev_valid: bool,
}

/// Buffers grown past this for one long row are given back after it.
const KEEP_BUFFER: usize = 1 << 20;

impl Tokens {
    fn new(delim: u8) -> Tokens {
        let mut t = Tokens {
            rdr: csv_core::ReaderBuilder::new().delimiter(delim).build(),
            delim,
            mid: true,
            out: Vec::new(),
            len: 0,
            ends: Vec::new(),
            fields: 0,
            open: None,
            prev_out: Vec::new(),
            prev_ends: Vec::new(),
            prev_fields: 0,
            prev_valid: false,
        };
        t.restart();
        t
    }

    /// A fresh `csv-core` reader, at the start of a record. Its first read
    /// would skip a UTF-8 byte-order mark; that was done once, for the file
    /// (a U+FEFF at a later row's start is text), so a read that writes
    /// nothing (no room for output) uses that up first.
    fn restart(&mut self) {
        self.rdr.reset();
        let _ = self.rdr.read_record(b"x", &mut [], &mut []);
        self.mid = false;
    }

    /// Where the row's fields end in [`Tokens::text`].
    fn ends(&self) -> &[usize] {
        &self.ends[..self.fields]
    }

    /// The row's field text.
    fn text(&self) -> &str {
        std::str::from_utf8(&self.out[..self.len])
            .expect("fields of UTF-8 text split at ASCII bytes are UTF-8")
    }

    /// The row just split becomes the row before the next one.
    fn keep_as_prev(&mut self) {
        std::mem::swap(&mut self.out, &mut self.prev_out);
        std::mem::swap(&mut self.ends, &mut self.prev_ends);
        self.prev_fields = self.fields;
        self.prev_valid = true;
        if self.out.len() > KEEP_BUFFER {
            self.out = Vec::new();
        }
        if self.ends.len() > KEEP_BUFFER / 8 {
            self.ends = Vec::new();
        }
    }

    /// Splits the row starting at `start` (a line break there is a blank
    /// row of its own). Reads at most [`MAX_ROW`] bytes and its line
    /// break: a row not ended by then is [`Scan::More`] however much text
    /// follows, and the caller finds it too long.
    fn split(&mut self, w: &str, start: usize, last: bool) -> Scan {
        self.fields = 0;
        self.len = 0;
        self.open = None;
        let b = w.as_bytes();
        if matches!(b.get(start), Some(b'\r' | b'\n')) {
            return row_end(b, start, 0);
        }
        if self.mid {
            self.restart();
        }
        let limited = b.len() - start > MAX_ROW;
        let input = &b[start..if limited {
            start + MAX_ROW + 1
        } else {
            b.len()
        }];
        let at_eof = last && !limited;
        let line0 = self.rdr.line();
        let (mut nin, mut nout, mut nend) = (0, 0, 0);
        let mut eof_sent = false;
        self.mid = true;
        let done = loop {
            let (res, i, o, e) =
                self.rdr
                    .read_record(&input[nin..], &mut self.out[nout..], &mut self.ends[nend..]);
            nin += i;
            nout += o;
            nend += e;
            match res {
                csv_core::ReadRecordResult::Record => break true,
                csv_core::ReadRecordResult::OutputFull => {
                    let n = (self.out.len() * 2).max(256);
                    self.out.resize(n, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let n = (self.ends.len() * 2).max(64);
                    self.ends.resize(n, 0);
                }
                csv_core::ReadRecordResult::InputEmpty if at_eof && !eof_sent => eof_sent = true,
                csv_core::ReadRecordResult::InputEmpty | csv_core::ReadRecordResult::End => {
                    break false
                }
            }
        };
        if done && !eof_sent {
            self.mid = false;
        }
        let raw = &input[..nin];
        if memchr::memchr(b'"', raw).is_some() {
            match check_quotes(raw, &self.ends[..nend], self.delim, at_eof) {
                Quoting::Fine => {}
                Quoting::Open { open, field } => {
                    let open_nl = count_newlines(&raw[..open]);
                    self.open = Some((open_nl, field));
                    return if done {
                        Scan::Unclosed { open_nl, field }
                    } else {
                        Scan::More
                    };
                }
                Quoting::Stray { open, field, at } => {
                    return Scan::Stray {
                        open_nl: count_newlines(&raw[..open]),
                        field,
                        at: start + at,
                        at_nl: count_newlines(&raw[..at]),
                    }
                }
            }
        }
        if !done {
            return Scan::More;
        }
        self.len = nout;
        self.fields = nend;
        let newlines = (self.rdr.line() - line0) as u32;
        let next = start + nin;
        let end = if eof_sent { next } else { next - 1 };
        Scan::Row {
            end,
            next,
            newlines,
        }
    }
}

/// What [`check_quotes`] found.
enum Quoting {
    Fine,
    /// The quote at `open`, opening field `field`, is not closed in the
    /// text at hand.
    Open {
        open: usize,
        field: u32,
    },
    /// After the quote closing the field that the quote at `open` opened,
    /// byte `at` is something other than blanks, the delimiter or a line
    /// break.
    Stray {
        open: usize,
        field: u32,
        at: usize,
    },
}

/// The first quoting problem in `raw`, a row's text from its start (all of
/// it, or as much as is at hand), given where `csv-core` ended each of its
/// fields that is complete in `raw`. An unquoted field is as long in `raw`
/// as in the output (a quote inside it is text); a quoted one ends at its
/// first quote not followed by another, and only blanks (space, and TAB
/// when it is not the delimiter) may come between that and the delimiter
/// or line break. With `at_eof`, `raw` ends where the file does.
fn check_quotes(raw: &[u8], ends: &[usize], delim: u8, at_eof: bool) -> Quoting {
    let mut p = 0;
    let mut k = 0;
    loop {
        if raw.get(p) == Some(&b'"') {
            let open = p;
            let field = k as u32 + 1;
            let mut q = p + 1;
            loop {
                let Some(j) = memchr::memchr(b'"', &raw[q..]) else {
                    return Quoting::Open { open, field };
                };
                let c = q + j;
                match raw.get(c + 1) {
                    Some(b'"') => q = c + 2,
                    None if !at_eof => return Quoting::Open { open, field },
                    _ => {
                        p = c + 1;
                        break;
                    }
                }
            }
            while let Some(&c) = raw.get(p) {
                if c == b' ' || (c == b'\t' && delim != b'\t') {
                    p += 1;
                } else {
                    break;
                }
            }
            match raw.get(p) {
                None | Some(b'\r' | b'\n') => {}
                Some(&c) if c == delim => {}
                Some(_) => return Quoting::Stray { open, field, at: p },
            }
        } else {
            let Some(&end) = ends.get(k) else {
                return Quoting::Fine;
            };
            p += end - if k == 0 { 0 } else { ends[k - 1] };
        }
        if raw.get(p) != Some(&delim) {
            return Quoting::Fine;
        }
        p += 1;
        k += 1;
    }
}

/// The row ends at the line break at `e` (`\n`, `\r\n` or `\r`).
fn row_end(b: &[u8], e: usize, nl: u32) -> Scan {
    match (b[e], b.get(e + 1)) {
        (b'\r', Some(b'\n')) => Scan::Row {
            end: e,
            next: e + 2,
            newlines: nl + 1,
        },
        (b'\r', _) => Scan::Row {
            end: e,
            next: e + 1,
            newlines: nl,
        },
        _ => Scan::Row {
            end: e,
            next: e + 1,
            newlines: nl + 1,
        },
    }
}

/// `s` without surrounding white space, checking the common case of none
/// in two byte tests.
fn trimmed(s: &str) -> &str {
    let plain = |c: u8| c > b' ' && c < 0x80;
    match s.as_bytes() {
        [f, .., l] | [f @ l] if plain(*f) && plain(*l) => s,
        _ => s.trim(),
    }
}

fn count_newlines(b: &[u8]) -> u32 {
    memchr::memchr_iter(b'\n', b).count() as u32
}

/// What one column is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Slot {
    Field(Field),
    Funk(u8),
    Posttype,
}

/// A header name the reader does not use, with how often it occurs.
struct Ignored<'h> {
    name: &'h str,
    count: usize,
    first: usize,
    /// The column already read as the same field, for a repeated field.
    same_as: Option<usize>,
}

/// The header mapped: for each record kind, which columns fill which fields.
#[derive(Default)]
struct Columns {
    person: Vec<(usize, Field)>,
    oppl: Vec<(usize, Field)>,
    tjeneste: Vec<(usize, Field)>,
    diagnose: Vec<(usize, Field)>,
    dogn: Vec<(usize, Field)>,
    /// FUNKSJON fields other than the dates (one function per row).
    funksjon: Vec<(usize, Field)>,
    innhinfo: Vec<(usize, Field)>,
    funk: Vec<(usize, u8)>,
    posttype: Option<usize>,
    /// The column of each field, indexed by the field.
    by_field: Vec<Option<usize>>,
    /// The columns whose values a row repeats from the one before when it
    /// only adds a service: person, PERSONOPPL and FUNKSJON columns.
    repeated: Vec<usize>,
}

impl Columns {
    /// Maps the header row; notes FIL-09 per unused name (the first
    /// [`MAX_IGNORED_NAMES`], then one note for the rest), or a Fatal FIL-02
    /// (and `None`) when no column is known. Each distinct name is folded
    /// and looked up once, so a header of a million equal names costs one
    /// lookup.
    fn map(
        header: &[&str],
        line: u32,
        delim: u8,
        profile: &Profile,
        sink: &mut dyn Sink,
    ) -> Option<Columns> {
        let mut cols = Columns {
            by_field: vec![None; crate::model::FIELDS.len()],
            ..Columns::default()
        };
        let mut cache: HashMap<&str, Option<Slot>, FnvBuild> = HashMap::default();
        let mut used: HashMap<Slot, usize, FnvBuild> = HashMap::default();
        let mut ignored: Vec<Ignored> = Vec::new();
        let mut ignored_at: HashMap<&str, usize, FnvBuild> = HashMap::default();
        for (i, &name) in header.iter().enumerate() {
            let slot = *cache.entry(name).or_insert_with(|| slot_of(profile, name));
            let same_as = match slot {
                Some(s) => match used.get(&s) {
                    Some(&first) => Some(first),
                    None => {
                        used.insert(s, i);
                        cols.add(i, s);
                        continue;
                    }
                },
                None => None,
            };
            match ignored_at.get(name) {
                Some(&k) => ignored[k].count += 1,
                None => {
                    ignored_at.insert(name, ignored.len());
                    ignored.push(Ignored {
                        name,
                        count: 1,
                        first: i,
                        same_as,
                    });
                }
            }
        }
        if used.is_empty() {
            sink.note(no_known_column(&ignored, line, delim));
            return None;
        }
        cols.repeated = (cols.person.iter().chain(&cols.oppl).chain(&cols.funksjon))
            .map(|&(i, _)| i)
            .chain(cols.funk.iter().map(|&(i, _)| i))
            .chain(cols.col(Field::fnFraDato))
            .chain(cols.col(Field::fnTilDato))
            .collect();
        for ig in ignored.iter().take(MAX_IGNORED_NAMES) {
            sink.note(ignored_note(ig, header, line));
        }
        if let Some(rest) = ignored.get(MAX_IGNORED_NAMES..).filter(|r| !r.is_empty()) {
            let columns: usize = rest.iter().map(|ig| ig.count).sum();
            let names = rest.len();
            sink.note(Note::new(
                "FIL-09",
                Pos {
                    line,
                    column: rest[0].first as u32 + 1,
                },
                format!(
                    "Ytterligere {names} kolonnenavn ({columns} kolonner, første er felt {}) blir ikke lest.",
                    rest[0].first + 1
                ),
                format!(
                    "{names} more column names ({columns} columns, the first is field {}) are not read.",
                    rest[0].first + 1
                ),
            ));
        }
        Some(cols)
    }

    fn add(&mut self, i: usize, slot: Slot) {
        let f = match slot {
            Slot::Funk(n) => return self.funk.push((i, n)),
            Slot::Posttype => return self.posttype = Some(i),
            Slot::Field(f) => f,
        };
        self.by_field[f as usize] = Some(i);
        let list = match f.def().kind {
            Kind::Person => &mut self.person,
            Kind::Personoppl => &mut self.oppl,
            Kind::Tjeneste => &mut self.tjeneste,
            Kind::Diagnose => &mut self.diagnose,
            Kind::Dogntilbud => &mut self.dogn,
            Kind::Innhinfo => &mut self.innhinfo,
            Kind::Funksjon if matches!(f, Field::fnFraDato | Field::fnTilDato) => return,
            Kind::Funksjon => &mut self.funksjon,
            Kind::Iplos | Kind::Kontakt => return,
        };
        list.push((i, f));
    }

    fn col(&self, f: Field) -> Option<usize> {
        self.by_field.get(f as usize).copied().flatten()
    }
}

/// What a header name is read as. `versjon` and the contact fields (`Navn`,
/// `Telefon`, …) belong to the XML header and are not read from a row: a
/// `Navn` column in an export is far more likely the person's name.
fn slot_of(profile: &Profile, name: &str) -> Option<Slot> {
    match profile.csv_target(name)? {
        Target::Field(f) => match f.def().kind {
            Kind::Iplos | Kind::Kontakt => None,
            _ => Some(Slot::Field(f)),
        },
        Target::Funk(n) => Some(Slot::Funk(n)),
        Target::Posttype => Some(Slot::Posttype),
        Target::Record(_) => None,
    }
}

/// A name as shown in a message: never endless.
fn shown(name: &str) -> Cow<'_, str> {
    const MAX: usize = 60;
    match name.char_indices().nth(MAX) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &name[..cut])),
        None => Cow::Borrowed(name),
    }
}

fn delimiter_name(d: u8) -> (&'static str, &'static str) {
    match d {
        b'\t' => ("tabulator", "tab"),
        b',' => ("komma (,)", "comma (,)"),
        b'|' => ("loddrett strek (|)", "vertical bar (|)"),
        _ => ("semikolon (;)", "semicolon (;)"),
    }
}

fn no_known_column(ignored: &[Ignored], line: u32, delim: u8) -> Note {
    let names: Vec<String> = ignored
        .iter()
        .filter(|ig| !ig.name.is_empty())
        .take(5)
        .map(|ig| format!("«{}»", shown(ig.name)))
        .collect();
    let more = if ignored.iter().filter(|ig| !ig.name.is_empty()).count() > names.len() {
        " …"
    } else {
        ""
    };
    let (found_nb, found_en) = if names.is_empty() {
        (
            "ingen kolonnenavn".to_string(),
            "no column names".to_string(),
        )
    } else {
        (
            format!("{}{more}", names.join(", ")),
            format!("{}{more}", names.join(", ")),
        )
    };
    let (d_nb, d_en) = delimiter_name(delim);
    Note::new(
        "FIL-02",
        Pos { line, column: 1 },
        format!(
            "Ingen kolonne i overskriftsraden på linje {line} er et kjent IPLOS-felt (fant {found_nb}; skilletegn {d_nb}). Kolonnene må hete som feltene i IPLOS-meldingen (for eksempel pePeID, peKomnr, tjTjenType) eller et kjent alias."
        ),
        format!(
            "No column of the header row on line {line} is a known IPLOS field (found {found_en}; delimiter {d_en}). Columns must be named like the IPLOS message's fields (e.g. pePeID, peKomnr, tjTjenType) or a known alias."
        ),
    )
}

fn ignored_note(ig: &Ignored, header: &[&str], line: u32) -> Note {
    let pos = Pos {
        line,
        column: ig.first as u32 + 1,
    };
    let field = ig.first + 1;
    let (count_nb, count_en) = if ig.count > 1 {
        (
            format!(
                "{} kolonner med dette navnet, første er felt {field}",
                ig.count
            ),
            format!(
                "{} columns with this name, the first is field {field}",
                ig.count
            ),
        )
    } else {
        (
            format!("1 kolonne, felt {field}"),
            format!("1 column, field {field}"),
        )
    };
    if let Some(k) = ig.same_as {
        let other = shown(header.get(k).copied().unwrap_or(""));
        let name = shown(ig.name);
        return Note::new(
            "FIL-09",
            pos,
            format!(
                "Kolonnen «{name}» ({count_nb}) gir samme felt som kolonnen «{other}» (felt {}) og blir ikke lest.",
                k + 1
            ),
            format!(
                "Column «{name}» ({count_en}) gives the same field as column «{other}» (field {}) and is not read.",
                k + 1
            ),
        );
    }
    if ig.name.is_empty() {
        return Note::new(
            "FIL-09",
            pos,
            format!("Kolonner uten navn blir ikke lest ({count_nb})."),
            format!("Columns without a name are not read ({count_en})."),
        );
    }
    let name = shown(ig.name);
    Note::new(
        "FIL-09",
        pos,
        format!("Ukjent kolonne «{name}» blir ikke lest ({count_nb})."),
        format!("Unknown column «{name}» is not read ({count_en})."),
    )
}

/// A normalised value: dates to `YYYYMMDD` (`YYYY-MM-DD`, `DD.MM.YYYY`, also
/// with one-digit day or month), year-months to `YYYYMM` (`YYYY-MM`,
/// `MM.YYYY`), a decimal comma to a point. Anything else stays as written,
/// so the rules see and report it.
fn normalise(f: Field, v: &str) -> SmallStr {
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let parts3 = |sep: char| {
        let mut it = v.split(sep);
        match (it.next(), it.next(), it.next(), it.next()) {
            (Some(a), Some(b), Some(c), None) => Some((a, b, c)),
            _ => None,
        }
    };
    let parts2 = |sep: char| v.split_once(sep).filter(|(_, b)| !b.contains(sep));
    let out = match f.def().ty {
        // Already plain digits (the common case): nothing to do.
        Ty::Date | Ty::YearMonth if v.bytes().all(|b| b.is_ascii_digit()) => None,
        Ty::Date => {
            if let Some((y, m, d)) = parts3('-')
                .filter(|(y, m, d)| digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 2))
            {
                Some(ymd(y, m, d))
            } else {
                parts3('.')
                    .filter(|(d, m, y)| digits(d, 1, 2) && digits(m, 1, 2) && digits(y, 4, 4))
                    .map(|(d, m, y)| ymd(y, m, d))
            }
        }
        Ty::YearMonth => {
            if let Some((y, m)) = parts2('-').filter(|(y, m)| digits(y, 4, 4) && digits(m, 1, 2)) {
                Some(ymd(y, m, ""))
            } else {
                parts2('.')
                    .filter(|(m, y)| digits(m, 1, 2) && digits(y, 4, 4))
                    .map(|(m, y)| ymd(y, m, ""))
            }
        }
        Ty::Dec52 if v.matches(',').count() == 1 && !v.contains('.') => {
            Some(SmallStr::new(&v.replacen(',', ".", 1)))
        }
        _ => None,
    };
    out.unwrap_or_else(|| SmallStr::new(v))
}

/// `YYYYMMDD` (or `YYYYMM` when `d` is empty) from parts of one or two
/// digits (four for the year), without allocating.
fn ymd(y: &str, m: &str, d: &str) -> SmallStr {
    let mut buf = [0u8; 8];
    let mut n = 0;
    for part in [y, m, d] {
        if part.len() == 1 {
            buf[n] = b'0';
            n += 1;
        }
        buf[n..n + part.len()].copy_from_slice(part.as_bytes());
        n += part.len();
    }
    SmallStr::new(std::str::from_utf8(&buf[..n]).expect("digits"))
}

/// Values of one row for one record, in the record's own form (a full
/// one becomes the record without copying).
type Vals = Vec<(Field, Val)>;

/// What a row stands for, from its `posttype`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowType {
    Tjeneste,
    Dogntilbud,
    Diagnose,
    /// Person data only (`posttype` = `person`).
    Person,
}

/// Which column a row's person key came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    PeId,
    Identity,
}

/// One person being collected, with its key and the fields already
/// reported as PER-21.
/// Rows one person may have: far above any real person (who has at most a
/// few hundred services), low enough that one person's records always fit
/// in memory.
pub const MAX_PERSON_ROWS: usize = 20_000;

struct Current {
    /// Rows read for this person.
    rows: usize,
    kind: Option<KeyKind>,
    key: String,
    person: Person,
    per21: Vec<Field>,
}

/// The identity keys of the persons handed over that the engine does not
/// track itself (not 11 characters long), with the line of each one's first
/// row. Only these can give the reader's own PER-09 note, so only these are
/// kept: a file keyed by `pePeID` or by real identity numbers costs nothing
/// here, however many persons it holds. A key of up to 15 digits is kept as
/// one number (its length keeps "007" apart from "7"), any other as text.
#[derive(Default)]
struct Seen {
    nums: HashMap<u64, u32, FnvBuild>,
    other: HashMap<Box<str>, u32, FnvBuild>,
}

impl Seen {
    /// Whether the reader must remember an identity key: the engine sees a
    /// repeated `pePeID` and a repeated identity of 11 characters itself.
    fn tracks(kind: KeyKind, key: &str) -> bool {
        kind == KeyKind::Identity && key.len() != 11
    }

    /// Remembers an identity key first met on `line`; when it was met
    /// before, the line of its first row then.
    fn first_line(&mut self, key: &str, line: u32) -> Option<u32> {
        use std::collections::hash_map::Entry;
        let b = key.as_bytes();
        if !b.is_empty() && b.len() <= 15 && b.iter().all(u8::is_ascii_digit) {
            let n = b.iter().fold(0u64, |n, &c| n * 10 + u64::from(c - b'0'));
            // 10^15 < 2^50: the length above the digits keeps "007" from "7".
            let n = n | (b.len() as u64) << 50;
            return match self.nums.entry(n) {
                Entry::Occupied(e) => Some(*e.get()),
                Entry::Vacant(e) => {
                    e.insert(line);
                    None
                }
            };
        }
        if let Some(&first) = self.other.get(key) {
            return Some(first);
        }
        self.other.insert(key.into(), line);
        None
    }
}

/// Groups rows into persons and hands each over when its rows end.
#[derive(Default)]
struct Builder {
    header_sent: bool,
    current: Option<Current>,
    seen: Seen,
    /// Spent persons and records, filled again.
    pool: Pool,
    /// Persons begun so far (the next one's index is this plus one).
    begun: u32,
    emitted: usize,
    /// Unknown `posttype` values: value, count, first position, in the
    /// order met.
    posttypes: Vec<(String, usize, Pos)>,
    /// Where each unknown value stands in `posttypes`: a file of a million
    /// different values is read in linear time, not quadratic.
    posttype_at: HashMap<Box<str>, usize, FnvBuild>,
    /// `posttype` values met, with their meaning (`None`: unknown).
    posttype_seen: Vec<(SmallStr, Option<RowType>)>,
    buf: Vals,
    dates: Vals,
}

impl Builder {
    /// Adds a data row; `prev` is the row before it, when still at hand.
    /// Adds a row; a Fatal note when one person has more rows than any real
    /// file gives one (memory is bounded per person).
    fn row(
        &mut self,
        cols: &Columns,
        row: &Row,
        prev: Option<Prev>,
        sink: &mut dyn Sink,
    ) -> Option<Note> {
        if !self.header_sent {
            self.header_sent = true;
            let innhinfo = (!cols.innhinfo.is_empty()).then(|| {
                let mut vals = Vals::new();
                row.values(&cols.innhinfo, &mut vals);
                Record {
                    pos: row.pos(0),
                    fields: vals,
                }
            });
            sink.header(Header {
                innhinfo,
                ..Header::default()
            });
        }
        let row_type = self.row_type(cols, row);
        let key = key_of(cols, row);
        let same = match (&self.current, key) {
            (Some(c), Some((kind, id))) => c.kind == Some(kind) && c.key == id,
            _ => false,
        };
        if !same {
            self.begin(cols, row, key, sink);
        }
        let c = self.current.as_mut().expect("a person");
        c.rows += 1;
        if c.rows > MAX_PERSON_ROWS {
            let first = c.person.rec.pos.line;
            return Some(Note::new(
                "FIL-02",
                row.pos(0),
                format!("Personen som begynner på linje {first} har mer enn {MAX_PERSON_ROWS} rader. Så mange for én person gir ingen ekte IPLOS-fil: kontroller uttrekket (står personnøkkelen i riktig kolonne?)."),
                format!("The person starting on line {first} has more than {MAX_PERSON_ROWS} rows. No real IPLOS file has that many for one person: check the extract (is the person key in the right column?)."),
            ));
        }
        // A row of the same person that repeats the person, PERSONOPPL and
        // FUNKSJON cells of the row before (compared and kept already) adds
        // only its service.
        let repeats =
            same && prev.is_some_and(|prev| cols.repeated.iter().all(|&i| row.same_cell(prev, i)));
        if !repeats {
            if same {
                compare(c, row, &cols.person);
            }
            person_parts(
                cols,
                row,
                &mut c.person,
                &mut self.buf,
                &mut self.dates,
                &mut self.pool,
            );
        }
        let p = &mut c.person;
        let buf = &mut self.buf;
        let pool = &mut self.pool;
        match row_type {
            RowType::Tjeneste => {
                row.values(&cols.tjeneste, buf);
                if !buf.is_empty() {
                    p.tjenester.push(take_record(pool, buf, row.pos(0)));
                }
                row.values(&cols.diagnose, buf);
                push_unique(pool, &mut p.diagnoser, usize::MAX, buf, row.pos(0));
            }
            RowType::Diagnose => {
                row.values(&cols.diagnose, buf);
                row.fallback(buf, Field::diFraDato, cols.col(Field::tjFraDato));
                row.fallback(buf, Field::diTilDato, cols.col(Field::tjTilDato));
                push_unique(pool, &mut p.diagnoser, usize::MAX, buf, row.pos(0));
            }
            RowType::Dogntilbud => {
                row.values(&cols.dogn, buf);
                row.fallback(buf, Field::dgInstOrgnr, cols.col(Field::tjInstOrgnr));
                row.fallback(buf, Field::dgFraDato, cols.col(Field::tjFraDato));
                row.fallback(buf, Field::dgTilDato, cols.col(Field::tjTilDato));
                if !buf.is_empty() {
                    p.dogntilbud.push(take_record(pool, buf, row.pos(0)));
                }
            }
            RowType::Person => {}
        }
        None
    }

    /// Hands over the person being read and begins one from this row. A
    /// key handed over before means the person's rows are split: the rows
    /// become a second person with the same key, and the engine reports
    /// that (PER-09 for a `pePeID`, PER-08 for an identity number of 11
    /// characters, the only ones it tracks). Only for a key the engine
    /// cannot see repeated does the reader note PER-09 itself, so one
    /// problem gives one finding.
    fn begin(
        &mut self,
        cols: &Columns,
        row: &Row,
        key: Option<(KeyKind, &str)>,
        sink: &mut dyn Sink,
    ) {
        let mut key_buf = String::new();
        let mut per21 = Vec::new();
        if let Some(done) = self.current.take() {
            key_buf = done.key;
            per21 = done.per21;
            self.emitted += 1;
            sink.person(done.person);
        }
        self.begun += 1;
        if self.pool.needs_persons() {
            sink.recycle(&mut self.pool);
        }
        let mut person = self.pool.person(self.begun, row.pos(0));
        row.values(&cols.person, &mut person.rec.fields);
        key_buf.clear();
        per21.clear();
        if let Some((kind, id)) = key {
            key_buf.push_str(id);
            if Seen::tracks(kind, id) {
                if let Some(first) = self.seen.first_line(id, row.line) {
                    person.notes.push(split_note(id, first, row.line));
                }
            }
        }
        self.current = Some(Current {
            rows: 0,
            kind: key.map(|k| k.0),
            key: key_buf,
            person,
            per21,
        });
    }

    /// The row's type; an unknown `posttype` is remembered for FIL-09 and
    /// read as a service row.
    fn row_type(&mut self, cols: &Columns, row: &Row) -> RowType {
        let Some(i) = cols.posttype else {
            return RowType::Tjeneste;
        };
        let v = row.cell(i);
        if v.is_empty() {
            return RowType::Tjeneste;
        }
        let known = match self.posttype_seen.iter().find(|(s, _)| s.as_str() == v) {
            Some(&(_, t)) => t,
            None => {
                let t = match fold(v).as_str() {
                    "tjeneste" | "tj" => Some(RowType::Tjeneste),
                    "dogntilbud" | "dogn" | "dg" => Some(RowType::Dogntilbud),
                    "diagnose" | "di" => Some(RowType::Diagnose),
                    "person" | "pe" => Some(RowType::Person),
                    _ => None,
                };
                if self.posttype_seen.len() < MAX_POSTTYPES {
                    self.posttype_seen.push((SmallStr::new(v), t));
                }
                t
            }
        };
        known.unwrap_or_else(|| {
            match self.posttype_at.get(v) {
                Some(&k) => self.posttypes[k].1 += 1,
                None => {
                    self.posttype_at.insert(v.into(), self.posttypes.len());
                    self.posttypes.push((v.to_string(), 1, row.pos(i)));
                }
            }
            RowType::Tjeneste
        })
    }

    fn finish(&mut self, sink: &mut dyn Sink) {
        if !self.header_sent {
            self.header_sent = true;
            sink.header(Header::default());
        }
        if let Some(done) = self.current.take() {
            self.emitted += 1;
            sink.person(done.person);
        }
        for (v, count, pos) in &self.posttypes {
            let v = shown(v);
            sink.note(Note::new(
                "FIL-09",
                *pos,
                format!(
                    "Ukjent posttype «{v}» ({count} rader, første på linje {}) er lest som tjeneste. Kjente posttyper er tjeneste, dogntilbud, diagnose og person.",
                    pos.line
                ),
                format!(
                    "Unknown row type «{v}» ({count} rows, the first on line {}) is read as a service. Known row types are tjeneste, dogntilbud, diagnose and person.",
                    pos.line
                ),
            ));
        }
    }
}

/// A row's PERSONOPPL and FUNKSJON: one FUNKSJON per `funkN` cell, one
/// from `fnFunkType`/`fnFunkVerdi` columns; repeats of what the person has
/// are left out.
fn person_parts(
    cols: &Columns,
    row: &Row,
    p: &mut Person,
    buf: &mut Vals,
    dates: &mut Vals,
    pool: &mut Pool,
) {
    row.values(&cols.oppl, buf);
    push_unique(pool, &mut p.oppl, usize::MAX, buf, row.pos(0));
    dates.clear();
    row.push_value(dates, Field::fnFraDato, cols.col(Field::fnFraDato));
    row.push_value(dates, Field::fnTilDato, cols.col(Field::fnTilDato));
    // This row's `funkN` records differ in fnFunkType: each is compared
    // with the records of earlier rows only.
    let before = p.funksjoner.len();
    for &(i, n) in &cols.funk {
        let v = row.cell(i);
        if v.is_empty() {
            continue;
        }
        buf.clear();
        buf.reserve_exact(2 + dates.len());
        let pos = row.pos(i);
        buf.push((
            Field::fnFunkType,
            Val {
                raw: SmallStr::new(FUNK_TYPES[n as usize]),
                pos,
            },
        ));
        buf.push((
            Field::fnFunkVerdi,
            Val {
                raw: SmallStr::new(v),
                pos,
            },
        ));
        buf.extend(dates.iter().cloned());
        push_unique(pool, &mut p.funksjoner, before, buf, pos);
    }
    if !cols.funksjon.is_empty() {
        row.values(&cols.funksjon, buf);
        if buf
            .iter()
            .any(|(f, _)| matches!(f, Field::fnFunkType | Field::fnFunkVerdi))
        {
            buf.extend(dates.iter().cloned());
            push_unique(pool, &mut p.funksjoner, usize::MAX, buf, row.pos(0));
        }
    }
}

/// The person key of a row: `pePeID`, else the identity (`fid`, else
/// `peFnr`). A row with neither is a person of its own.
fn key_of<'r>(cols: &Columns, row: &Row<'r>) -> Option<(KeyKind, &'r str)> {
    let get = |f| cols.col(f).map(|i| row.cell(i)).filter(|v| !v.is_empty());
    if let Some(id) = get(Field::pePeID) {
        return Some((KeyKind::PeId, id));
    }
    get(Field::fid)
        .or_else(|| get(Field::peFnr))
        .map(|id| (KeyKind::Identity, id))
}

/// PER-09 on the second person made of split rows, for an identity key.
fn split_note(key: &str, first: u32, line: u32) -> Note {
    let key = crate::fnr::mask(key);
    Note::new(
        "PER-09",
        Pos { line, column: 1 },
        format!(
            "Radene for person {key} står ikke samlet (første rad på linje {first}): sorter eksporten på fødselsnummer, eller samle radene."
        ),
        format!(
            "The rows of person {key} do not stand together (first row on line {first}): sort the export by identity number, or gather the rows."
        ),
    )
}

/// Compares a later row's person fields with the person's (PER-21, once
/// per field); a field the person lacks is taken from the row.
fn compare(c: &mut Current, row: &Row, cols: &[(usize, Field)]) {
    for &(i, f) in cols {
        let cell = row.cell(i);
        let rec = &mut c.person.rec;
        let (old_raw, first_line, new) = match rec.get(f) {
            Some(v) if v.raw.as_str() == cell => continue,
            Some(v) => {
                let new = normalise(f, cell);
                if v.raw == new {
                    continue;
                }
                (v.raw.to_string(), v.pos.line, new)
            }
            None if cell.is_empty() => continue,
            None => {
                let new = normalise(f, cell);
                rec.set(f, new.clone(), row.pos(i));
                (String::new(), rec.pos.line, new)
            }
        };
        if c.per21.contains(&f) {
            continue;
        }
        c.per21.push(f);
        let (a_nb, a_en) = person_value(f, &old_raw);
        let (b_nb, b_en) = person_value(f, &new);
        let name = f.name();
        let line = row.line;
        c.person.notes.push(Note::new(
            "PER-21",
            row.pos(i),
            format!(
                "Personfeltet {name} har ulike verdier på radene til samme person: {a_nb} på linje {first_line} og {b_nb} på linje {line}."
            ),
            format!(
                "Person field {name} differs between rows of the same person: {a_en} on line {first_line} and {b_en} on line {line}."
            ),
        ));
    }
}

/// A person value for a message: quoted, identities masked, empty named.
fn person_value(f: Field, v: &str) -> (String, String) {
    if v.is_empty() {
        return ("tom".into(), "empty".into());
    }
    let s = match f {
        Field::fid | Field::peFnr => Cow::Owned(crate::fnr::mask(v)),
        _ => shown(v),
    };
    (format!("«{s}»"), format!("«{s}»"))
}

/// One data row: its fields (where each ends in `text`) and the line it
/// starts on.
struct Row<'r> {
    text: &'r str,
    ends: &'r [usize],
    line: u32,
}

/// Where field `i` starts: where the one before it ends.
fn field_start(ends: &[usize], i: usize) -> usize {
    if i == 0 {
        0
    } else {
        ends[i - 1]
    }
}

/// The row before, for [`Row::same_cell`].
#[derive(Clone, Copy)]
struct Prev<'r> {
    text: &'r [u8],
    ends: &'r [usize],
}

impl<'r> Row<'r> {
    /// The trimmed cell; empty when the row is too short.
    fn cell(&self, i: usize) -> &'r str {
        match self.ends.get(i) {
            Some(&e) => trimmed(&self.text[field_start(self.ends, i)..e]),
            None => "",
        }
    }

    /// Whether field `i` holds the same text as in the row before (as
    /// written: the same text trimmed is then the same too).
    fn same_cell(&self, other: Prev, i: usize) -> bool {
        match (self.ends.get(i), other.ends.get(i)) {
            (Some(&a), Some(&b)) => {
                // Fields are a few bytes: a loop beats a call to memcmp.
                let a = &self.text.as_bytes()[field_start(self.ends, i)..a];
                let b = &other.text[field_start(other.ends, i)..b];
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
            }
            (None, None) => true,
            _ => false,
        }
    }

    fn pos(&self, i: usize) -> Pos {
        Pos {
            line: self.line,
            column: i as u32 + 1,
        }
    }

    /// The non-empty, normalised values of some columns, into `out`.
    fn values(&self, cols: &[(usize, Field)], out: &mut Vals) {
        out.clear();
        out.reserve_exact(cols.len());
        for &(i, f) in cols {
            self.push_value(out, f, Some(i));
        }
    }

    fn push_value(&self, vals: &mut Vals, f: Field, col: Option<usize>) {
        if let Some(i) = col {
            let v = self.cell(i);
            if !v.is_empty() {
                vals.push((
                    f,
                    Val {
                        raw: normalise(f, v),
                        pos: self.pos(i),
                    },
                ));
            }
        }
    }

    /// Fills `f` from the column of `from` when the row has no value for it
    /// (a DOGNTILBUD or DIAGNOSE row in a file with one set of date columns).
    fn fallback(&self, vals: &mut Vals, f: Field, from: Option<usize>) {
        if vals.iter().all(|(g, _)| *g != f) {
            self.push_value(vals, f, from);
        }
    }
}

/// The values as a record, in a spent one's memory; `vals` is left empty
/// (with the spent record's capacity).
fn take_record(pool: &mut Pool, vals: &mut Vals, pos: Pos) -> Record {
    let mut r = pool.record(pos);
    std::mem::swap(&mut r.fields, vals);
    vals.clear();
    r
}

/// Adds the values as a record unless they are empty or a record with the
/// same values is among the first `upto` of the list; `vals` is left empty.
fn push_unique(pool: &mut Pool, list: &mut Vec<Record>, upto: usize, vals: &mut Vals, pos: Pos) {
    if vals.is_empty() {
        return;
    }
    let same = |r: &Record| {
        r.fields.len() == vals.len()
            && r.fields
                .iter()
                .zip(vals.iter())
                .all(|((f, v), (g, w))| f == g && v.raw == w.raw)
    };
    if list.iter().take(upto).any(same) {
        vals.clear();
    } else {
        list.push(take_record(pool, vals, pos));
    }
}

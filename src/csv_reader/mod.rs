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
//!
//! The parts, in the order a row goes through them: `tokens` (delimiter,
//! rows and fields, quoting), `columns` (which column is which field),
//! `values` (normalising) and `persons` (rows grouped into persons); this
//! file holds the reader that drives them and the notes they share.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::{
    Field, FnvBuild, Header, Kind, Note, Person, Pool, Pos, Record, Sink, SmallStr, Ty, Val,
};
use crate::profile::{fold, Profile, Target};
use crate::rules::file_reading::NEEDED_WHERE;

mod columns;
mod persons;
mod tokens;
mod values;

pub(crate) use columns::absent_note;
use columns::*;
use persons::*;
use tokens::*;
use values::*;

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
pub(super) const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

/// The longest row read, in bytes. A longer one is Fatal (FIL-01): it is
/// nearly always a quote never closed, and holding it would make memory
/// follow the file.
pub const MAX_ROW: usize = 16 * 1024 * 1024;

/// The FIL-02 message for a file without a header row.
pub(super) const NO_HEADER: (&str, &str) = (
    "Filen har ingen overskriftsrad: første linje i en CSV-fil må være kolonnenavnene.",
    "The file has no header row: the first line of a CSV file must hold the column names.",
);

/// FIL-09 notes with a name of their own; further unused names share one
/// note, so a pathological header cannot flood the report.
pub(super) const MAX_IGNORED_NAMES: usize = 100;

/// Distinct `posttype` values remembered with their meaning.
pub(super) const MAX_POSTTYPES: usize = 32;

/// `fnFunkType` values for the `funkN` columns, without allocating.
pub(super) const FUNK_TYPES: [&str; 21] = [
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

    /// The columns the schema requires that the header lacks, and the
    /// service columns only some services need (FIL-20, which the engine
    /// raises at the end with [`absent_note`]); empty until the header row
    /// is read and mapped.
    pub fn absent_required(&self) -> Vec<Field> {
        self.cols
            .as_ref()
            .map(Columns::absent_required)
            .unwrap_or_default()
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

pub(super) fn wrong_width(line: u32, fields: usize, columns: usize) -> Note {
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
pub(super) fn unclosed_note(open: Pos) -> Note {
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
pub(super) fn stray_note(open: Pos, line: u32, found: char) -> Note {
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

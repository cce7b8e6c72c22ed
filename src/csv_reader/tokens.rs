//! Splitting the text into rows and fields: the delimiter detected from
//! the header row, `csv-core` under a window that keeps a row whole, and
//! the quoting checks `csv-core` leaves to its caller (FIL-01).

#[allow(unused_imports)]
use super::*;

/// Finds the delimiter that splits the first non-blank line into the most
/// fields outside quotes (`;` when none splits it), window by window.
#[derive(Default)]
pub(super) struct Detect {
    pub(super) counts: [usize; 4],
    pub(super) quoted: bool,
    pub(super) content: bool,
    /// Bytes looked at so far, from the start of the text.
    pub(super) scanned: usize,
}

impl Detect {
    /// The delimiter once decided: at the end of the first line with
    /// content, at the end of the file, or after [`MAX_ROW`] bytes.
    pub(super) fn run(&mut self, bytes: &[u8], last: bool) -> Option<u8> {
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
pub(super) enum Scan {
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
pub(super) struct Tokens {
    pub(super) rdr: csv_core::Reader,
    pub(super) delim: u8,
    /// `rdr` stopped inside a record (a window ended in it, or the file):
    /// it starts afresh at the next row.
    pub(super) mid: bool,
    /// The row's fields, unquoted, one after the other (its length is the
    /// room `csv-core` may write to; `len` bytes are the row's).
    pub(super) out: Vec<u8>,
    pub(super) len: usize,
    /// Where each field ends in `out` (room for `csv-core`; the row's
    /// fields are the first `fields`).
    pub(super) ends: Vec<usize>,
    pub(super) fields: usize,
    /// The quoted field open where the last scan stopped: line breaks
    /// before it in the row, and its field number.
    pub(super) open: Option<(u32, u32)>,
    /// The row before: its text and field ends, while `prev_valid`.
    pub(super) prev_out: Vec<u8>,
    pub(super) prev_ends: Vec<usize>,
    pub(super) prev_fields: usize,
    pub(super) prev_valid: bool,
}

/// Buffers grown past this for one long row are given back after it.
pub(super) const KEEP_BUFFER: usize = 1 << 20;

impl Tokens {
    pub(super) fn new(delim: u8) -> Tokens {
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
    pub(super) fn restart(&mut self) {
        self.rdr.reset();
        let _ = self.rdr.read_record(b"x", &mut [], &mut []);
        self.mid = false;
    }

    /// Where the row's fields end in [`Tokens::text`].
    pub(super) fn ends(&self) -> &[usize] {
        &self.ends[..self.fields]
    }

    /// The row's field text.
    pub(super) fn text(&self) -> &str {
        let row = &self.out[..self.len];
        debug_assert!(std::str::from_utf8(row).is_ok());
        // SAFETY: `split` reads only from a `&str`, and csv-core copies its
        // bytes to `out` leaving out or changing nothing but ASCII bytes
        // (quotes, delimiters, line breaks): what is left of UTF-8 text cut
        // only at ASCII bytes is UTF-8. (Checked again in debug builds; it
        // was checked for every row, at a cost of 2-3 % of the reading.)
        unsafe { std::str::from_utf8_unchecked(row) }
    }

    /// The row just split becomes the row before the next one.
    pub(super) fn keep_as_prev(&mut self) {
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
    pub(super) fn split(&mut self, w: &str, start: usize, last: bool) -> Scan {
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
pub(super) enum Quoting {
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
pub(super) fn check_quotes(raw: &[u8], ends: &[usize], delim: u8, at_eof: bool) -> Quoting {
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
pub(super) fn row_end(b: &[u8], e: usize, nl: u32) -> Scan {
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
pub(super) fn trimmed(s: &str) -> &str {
    let plain = |c: u8| c > b' ' && c < 0x80;
    match s.as_bytes() {
        [f, .., l] | [f @ l] if plain(*f) && plain(*l) => s,
        _ => s.trim(),
    }
}

pub(super) fn count_newlines(b: &[u8]) -> u32 {
    memchr::memchr_iter(b'\n', b).count() as u32
}

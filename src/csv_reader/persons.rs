//! Rows grouped into persons: a person is handed over when a row with
//! another key begins; the person's columns must agree on every row
//! (PER-21), and a key seen before apart is a split person (PER-09).

#[allow(unused_imports)]
use super::*;

/// What a row stands for, from its `posttype`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum RowType {
    Tjeneste,
    Dogntilbud,
    Diagnose,
    /// Person data only (`posttype` = `person`).
    Person,
}

/// Which column a row's person key came from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyKind {
    PeId,
    Identity,
}

/// One person being collected, with its key and the fields already
/// reported as PER-21.
/// Rows one person may have: far above any real person (who has at most a
/// few hundred services), low enough that one person's records always fit
/// in memory.
pub(super) const MAX_PERSON_ROWS: usize = 20_000;

pub(super) struct Current {
    /// Rows read for this person.
    pub(super) rows: usize,
    pub(super) kind: Option<KeyKind>,
    pub(super) key: String,
    pub(super) person: Person,
    pub(super) per21: Vec<Field>,
}

/// The identity keys of the persons handed over that the engine does not
/// track itself (not 11 characters long), with the line of each one's first
/// row. Only these can give the reader's own PER-09 note, so only these are
/// kept: a file keyed by `pePeID` or by real identity numbers costs nothing
/// here, however many persons it holds. A key of up to 15 digits is kept as
/// one number (its length keeps "007" apart from "7"), any other as text.
#[derive(Default)]
pub(super) struct Seen {
    pub(super) nums: HashMap<u64, u32, FnvBuild>,
    pub(super) other: HashMap<Box<str>, u32, FnvBuild>,
}

impl Seen {
    /// Whether the reader must remember an identity key: the engine sees a
    /// repeated `pePeID` and a repeated identity of 11 characters itself.
    pub(super) fn tracks(kind: KeyKind, key: &str) -> bool {
        kind == KeyKind::Identity && key.len() != 11
    }

    /// Remembers an identity key first met on `line`; when it was met
    /// before, the line of its first row then.
    pub(super) fn first_line(&mut self, key: &str, line: u32) -> Option<u32> {
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
pub(super) struct Builder {
    pub(super) header_sent: bool,
    pub(super) current: Option<Current>,
    pub(super) seen: Seen,
    /// Spent persons and records, filled again.
    pub(super) pool: Pool,
    /// Persons begun so far (the next one's index is this plus one).
    pub(super) begun: u32,
    pub(super) emitted: usize,
    /// Unknown `posttype` values: value, count, first position, in the
    /// order met.
    pub(super) posttypes: Vec<(String, usize, Pos)>,
    /// Where each unknown value stands in `posttypes`: a file of a million
    /// different values is read in linear time, not quadratic.
    pub(super) posttype_at: HashMap<Box<str>, usize, FnvBuild>,
    /// `posttype` values met, with their meaning (`None`: unknown).
    pub(super) posttype_seen: Vec<(SmallStr, Option<RowType>)>,
    pub(super) buf: Vals,
    pub(super) dates: Vals,
}

impl Builder {
    /// Adds a data row; `prev` is the row before it, when still at hand.
    /// Adds a row; a Fatal note when one person has more rows than any real
    /// file gives one (memory is bounded per person).
    pub(super) fn row(
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
    pub(super) fn begin(
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
    pub(super) fn row_type(&mut self, cols: &Columns, row: &Row) -> RowType {
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

    pub(super) fn finish(&mut self, sink: &mut dyn Sink) {
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
pub(super) fn person_parts(
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
pub(super) fn key_of<'r>(cols: &Columns, row: &Row<'r>) -> Option<(KeyKind, &'r str)> {
    let get = |f| cols.col(f).map(|i| row.cell(i)).filter(|v| !v.is_empty());
    if let Some(id) = get(Field::pePeID) {
        return Some((KeyKind::PeId, id));
    }
    get(Field::fid)
        .or_else(|| get(Field::peFnr))
        .map(|id| (KeyKind::Identity, id))
}

/// PER-09 on the second person made of split rows, for an identity key.
pub(super) fn split_note(key: &str, first: u32, line: u32) -> Note {
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
pub(super) fn compare(c: &mut Current, row: &Row, cols: &[(usize, Field)]) {
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
pub(super) fn person_value(f: Field, v: &str) -> (String, String) {
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
pub(super) struct Row<'r> {
    pub(super) text: &'r str,
    pub(super) ends: &'r [usize],
    pub(super) line: u32,
}

/// Where field `i` starts: where the one before it ends.
pub(super) fn field_start(ends: &[usize], i: usize) -> usize {
    if i == 0 {
        0
    } else {
        ends[i - 1]
    }
}

/// The row before, for [`Row::same_cell`].
#[derive(Clone, Copy)]
pub(super) struct Prev<'r> {
    pub(super) text: &'r [u8],
    pub(super) ends: &'r [usize],
}

impl<'r> Row<'r> {
    /// The trimmed cell; empty when the row is too short.
    pub(super) fn cell(&self, i: usize) -> &'r str {
        match self.ends.get(i) {
            Some(&e) => trimmed(&self.text[field_start(self.ends, i)..e]),
            None => "",
        }
    }

    /// Whether field `i` holds the same text as in the row before (as
    /// written: the same text trimmed is then the same too).
    pub(super) fn same_cell(&self, other: Prev, i: usize) -> bool {
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

    pub(super) fn pos(&self, i: usize) -> Pos {
        Pos {
            line: self.line,
            column: i as u32 + 1,
        }
    }

    /// The non-empty, normalised values of some columns, into `out`.
    pub(super) fn values(&self, cols: &[(usize, Field)], out: &mut Vals) {
        out.clear();
        out.reserve_exact(cols.len());
        for &(i, f) in cols {
            self.push_value(out, f, Some(i));
        }
    }

    pub(super) fn push_value(&self, vals: &mut Vals, f: Field, col: Option<usize>) {
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
    pub(super) fn fallback(&self, vals: &mut Vals, f: Field, from: Option<usize>) {
        if vals.iter().all(|(g, _)| *g != f) {
            self.push_value(vals, f, from);
        }
    }
}

/// The values as a record, in a spent one's memory; `vals` is left empty
/// (with the spent record's capacity).
pub(super) fn take_record(pool: &mut Pool, vals: &mut Vals, pos: Pos) -> Record {
    let mut r = pool.record(pos);
    std::mem::swap(&mut r.fields, vals);
    vals.clear();
    r
}

/// Adds the values as a record unless they are empty or a record with the
/// same values is among the first `upto` of the list; `vals` is left empty.
pub(super) fn push_unique(
    pool: &mut Pool,
    list: &mut Vec<Record>,
    upto: usize,
    vals: &mut Vals,
    pos: Pos,
) {
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

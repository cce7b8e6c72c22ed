//! Flat CSV (format.md §3): decoded text to the logical records of
//! [`crate::model`].
//!
//! One row is one TJENESTE; the person's columns repeat on every row of that
//! person, and rows are grouped into persons by `pePeID` (else by the
//! identity in `fid`/`peFnr`), wherever in the file they stand. Which column
//! is which field is the profile's business ([`Profile::csv_target`]); this
//! module owns tokenising (delimiter detection and the unclosed-quote check
//! the `csv` crate does not make), grouping, value normalisation (dates to
//! `YYYYMMDD`, decimal commas to points) and the findings only a reader can
//! make: FIL-01, FIL-02, FIL-09 and FIL-10 for the file, PER-21 on the
//! person. It does not decode bytes ([`crate::decode`] does) and judges no
//! value: the rules do.
//!
//! Positions: `line` is the 1-based physical line where the row starts and,
//! for CSV, `column` is the 1-based *field number* in the row, not a
//! character column.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::{Field, Header, Kind, Note, Person, Pos, Record, Sink, Ty};
use crate::profile::{fold, Profile, Target};

/// What [`read`] saw of the file's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvSummary {
    /// The detected delimiter: `;`, `,`, TAB or `|`.
    pub delimiter: u8,
    /// Data rows read (not the header, not blank lines).
    pub rows: usize,
    /// Fields in the header row.
    pub columns: usize,
    /// A Fatal note (FIL-01, FIL-02) stopped the reading; no person was
    /// handed over.
    pub fatal: bool,
}

/// The delimiters tried, in order of preference when they split the header
/// equally well.
const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

/// The FIL-02 message for a file without a header row.
const NO_HEADER: (&str, &str) = (
    "Filen har ingen overskriftsrad: første linje i en CSV-fil må være kolonnenavnene.",
    "The file has no header row: the first line of a CSV file must hold the column names.",
);

/// FIL-09 notes with a name of their own; further unused names share one
/// note, so a pathological header cannot flood the report.
const MAX_IGNORED_NAMES: usize = 100;

/// `fnFunkType` values for the `funkN` columns, without allocating.
const FUNK_TYPES: [&str; 21] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "20",
];

/// Reads a decoded CSV text (the caller has already turned bytes into UTF-8
/// text) and hands the header and each person to the sink, in order of
/// first appearance.
///
/// File findings go to [`Sink::note`] as they are met; PER-21 goes on the
/// person. After a Fatal note (FIL-01 unclosed quote, FIL-02 no known
/// column or no header) nothing else is handed over. Otherwise the header is
/// handed over exactly once, before the first person, also when the file
/// holds no data row.
pub fn read(text: &str, profile: &Profile, sink: &mut impl Sink) -> CsvSummary {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let delimiter = detect_delimiter(bytes);
    let mut summary = CsvSummary {
        delimiter,
        rows: 0,
        columns: 0,
        fatal: false,
    };
    if let Some(note) = unclosed_quote(text, delimiter) {
        sink.note(note);
        summary.fatal = true;
        return summary;
    }

    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut lines = Lines::new(bytes);
    let mut rec = csv::StringRecord::new();
    let header_line = match next_row(&mut rdr, &mut rec, &mut lines) {
        Ok(Some(line)) => line,
        Ok(None) => {
            sink.note(Note::new(
                "FIL-02",
                Pos { line: 1, column: 1 },
                NO_HEADER.0.into(),
                NO_HEADER.1.into(),
            ));
            summary.fatal = true;
            return summary;
        }
        Err(note) => {
            sink.note(note);
            summary.fatal = true;
            return summary;
        }
    };
    summary.columns = rec.len();
    let Some(cols) = Columns::map(&rec, header_line, delimiter, profile, sink) else {
        summary.fatal = true;
        return summary;
    };

    let mut build = Builder::new(&cols);
    loop {
        let line = match next_row(&mut rdr, &mut rec, &mut lines) {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(note) => {
                sink.note(note);
                summary.fatal = true;
                return summary;
            }
        };
        summary.rows += 1;
        if rec.len() != summary.columns {
            sink.note(Note::new(
                "FIL-10",
                Pos { line, column: 1 },
                format!(
                    "Linje {line} har {} felt, men overskriftsraden har {}. Feltene som finnes, er lest etter plassen sin.",
                    rec.len(),
                    summary.columns
                ),
                format!(
                    "Line {line} has {} fields, but the header row has {}. The fields present are read by their place.",
                    rec.len(),
                    summary.columns
                ),
            ));
        }
        build.row(&rec, line);
    }
    build.finish(sink);
    summary
}

/// The next non-blank row and the line it starts on; `Ok(None)` at the end.
fn next_row(
    rdr: &mut csv::Reader<&[u8]>,
    rec: &mut csv::StringRecord,
    lines: &mut Lines,
) -> Result<Option<u32>, Note> {
    loop {
        match rdr.read_record(rec) {
            Ok(true) => {
                if rec.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                let byte = rec.position().map_or(0, |p| p.byte());
                return Ok(Some(lines.row_start(byte as usize)));
            }
            Ok(false) => return Ok(None),
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line()) as u32;
                return Err(Note::new(
                    "FIL-01",
                    Pos { line, column: 1 },
                    format!("CSV-filen kan ikke leses fra linje {line}: {e}."),
                    format!("The CSV file cannot be read from line {line}: {e}."),
                ));
            }
        }
    }
}

/// Line numbers of row starts. The `csv` crate's `Position::line()` points
/// at the end of the previous row (before blank lines and the `\n` of a
/// CRLF), so rows are placed from their byte offset instead.
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u32,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Lines<'a> {
        Lines {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The line of the first byte at or after `byte` that is not a line
    /// break. Offsets must not decrease.
    fn row_start(&mut self, byte: usize) -> u32 {
        let mut end = byte.clamp(self.at, self.bytes.len());
        self.line += count_newlines(&self.bytes[self.at..end]);
        while let Some(&b) = self.bytes.get(end) {
            match b {
                b'\n' => self.line += 1,
                b'\r' => {}
                _ => break,
            }
            end += 1;
        }
        self.at = end;
        self.line
    }
}

fn count_newlines(b: &[u8]) -> u32 {
    b.iter().filter(|&&c| c == b'\n').count() as u32
}

/// The delimiter that splits the first non-blank line into the most fields
/// outside quotes; `;` when none splits it.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 4];
    let mut quoted = false;
    let mut content = false;
    for &b in bytes {
        if b == b'"' {
            quoted = !quoted;
            content = true;
        } else if quoted {
            continue;
        } else if let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
            counts[i] += 1;
        } else if b == b'\n' || b == b'\r' {
            if content {
                break;
            }
            counts = [0; 4];
        } else if !b.is_ascii_whitespace() {
            content = true;
        }
    }
    let mut best = 0;
    for i in 1..DELIMITERS.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    DELIMITERS[best]
}

/// Finds the quoting the `csv` crate would silently read past: a quoted
/// field never closed (it reads to the end of the file), or a closing quote
/// followed by anything but blanks, the delimiter or a line break (a stray
/// quote inside a quoted field). One Fatal FIL-01 note at the opening quote.
fn unclosed_quote(text: &str, delim: u8) -> Option<Note> {
    #[derive(PartialEq)]
    enum S {
        Start,
        Plain,
        Quoted,
        QuoteSeen,
        Closed,
    }
    let bytes = text.as_bytes();
    let mut s = S::Start;
    let (mut line, mut field) = (1u32, 1u32);
    let mut open = Pos::default();
    for (i, &b) in bytes.iter().enumerate() {
        let newline = b == b'\n' || b == b'\r';
        s = match s {
            S::Quoted if b == b'"' => S::QuoteSeen,
            S::Quoted => S::Quoted,
            S::QuoteSeen if b == b'"' => S::Quoted,
            S::Start if b == b'"' => {
                open = Pos {
                    line,
                    column: field,
                };
                S::Quoted
            }
            _ if b == delim => {
                field += 1;
                S::Start
            }
            _ if newline => {
                field = 1;
                S::Start
            }
            S::QuoteSeen | S::Closed if b == b' ' || b == b'\t' => S::Closed,
            S::QuoteSeen | S::Closed => {
                let found: String = text[i..].chars().take(1).collect();
                return Some(Note::new(
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
                ));
            }
            S::Start | S::Plain => S::Plain,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    (s == S::Quoted).then(|| {
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
    })
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
    by_field: HashMap<Field, usize>,
}

impl Columns {
    /// Maps the header row; notes FIL-09 per unused name (the first
    /// [`MAX_IGNORED_NAMES`], then one note for the rest), or a Fatal FIL-02
    /// (and `None`) when no column is known. Each distinct name is looked up
    /// once, so a header of a million equal names costs one lookup.
    fn map(
        header: &csv::StringRecord,
        line: u32,
        delim: u8,
        profile: &Profile,
        sink: &mut impl Sink,
    ) -> Option<Columns> {
        let mut cols = Columns::default();
        let mut cache: HashMap<&str, Option<Slot>> = HashMap::new();
        let mut used: HashMap<Slot, usize> = HashMap::new();
        let mut ignored: Vec<Ignored> = Vec::new();
        let mut ignored_at: HashMap<&str, usize> = HashMap::new();
        for (i, raw) in header.iter().enumerate() {
            let name = raw.trim();
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
        self.by_field.insert(f, i);
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
        self.by_field.get(&f).copied()
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

fn ignored_note(ig: &Ignored, header: &csv::StringRecord, line: u32) -> Note {
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
        let other = shown(header.get(k).unwrap_or("").trim());
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
fn normalise(f: Field, v: &str) -> Cow<'_, str> {
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
            Some(v.replacen(',', ".", 1))
        }
        _ => None,
    };
    out.map_or(Cow::Borrowed(v), Cow::Owned)
}

/// `YYYYMMDD` (or `YYYYMM` when `d` is empty) from parts of one or two
/// digits, without the formatting machinery (it runs for every date cell).
fn ymd(y: &str, m: &str, d: &str) -> String {
    let mut out = String::with_capacity(8);
    out.push_str(y);
    for part in [m, d] {
        if part.len() == 1 {
            out.push('0');
        }
        out.push_str(part);
    }
    out
}

/// Values of one row for one record, borrowed until kept.
type Vals<'r> = Vec<(Field, Cow<'r, str>, Pos)>;

/// What a row stands for, from its `posttype`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowType {
    Tjeneste,
    Dogntilbud,
    Diagnose,
    /// Person data only (`posttype` = `person`).
    Person,
}

/// One person being collected, with the fields already reported as PER-21.
struct Acc {
    person: Person,
    per21: Vec<Field>,
}

/// Collects the rows into persons; they are handed over at the end, since a
/// person's rows need not be adjacent.
struct Builder<'c> {
    cols: &'c Columns,
    persons: Vec<Acc>,
    by_pe_id: HashMap<String, usize>,
    by_fid: HashMap<String, usize>,
    innhinfo: Option<Record>,
    first_row: bool,
    /// Unknown `posttype` values: value, count, first position.
    posttypes: Vec<(String, usize, Pos)>,
}

impl<'c> Builder<'c> {
    fn new(cols: &'c Columns) -> Builder<'c> {
        Builder {
            cols,
            persons: Vec::new(),
            by_pe_id: HashMap::new(),
            by_fid: HashMap::new(),
            innhinfo: None,
            first_row: true,
            posttypes: Vec::new(),
        }
    }

    fn row(&mut self, rec: &csv::StringRecord, line: u32) {
        let cols = self.cols;
        let row = Row { rec, line };
        if self.first_row {
            self.first_row = false;
            if !cols.innhinfo.is_empty() {
                let vals = row.values(&cols.innhinfo);
                self.innhinfo = Some(record(vals, row.pos(0)));
            }
        }
        let row_type = self.row_type(&row);
        let k = self.person_for(&row);
        let acc = &mut self.persons[k];
        acc.compare(&row, &cols.person);
        let p = &mut acc.person;

        push_unique(&mut p.oppl, row.values(&cols.oppl), row.pos(0));
        let mut dates = Vals::new();
        row.push_value(&mut dates, Field::fnFraDato, cols.col(Field::fnFraDato));
        row.push_value(&mut dates, Field::fnTilDato, cols.col(Field::fnTilDato));
        for &(i, n) in &cols.funk {
            let v = row.cell(i);
            if v.is_empty() {
                continue;
            }
            let mut vals: Vals = vec![
                (
                    Field::fnFunkType,
                    Cow::Borrowed(FUNK_TYPES[n as usize]),
                    row.pos(i),
                ),
                (Field::fnFunkVerdi, Cow::Borrowed(v), row.pos(i)),
            ];
            vals.extend(dates.iter().cloned());
            push_unique(&mut p.funksjoner, vals, row.pos(i));
        }
        if !cols.funksjon.is_empty() {
            let mut vals = row.values(&cols.funksjon);
            if vals
                .iter()
                .any(|(f, _, _)| matches!(f, Field::fnFunkType | Field::fnFunkVerdi))
            {
                vals.extend(dates.iter().cloned());
                push_unique(&mut p.funksjoner, vals, row.pos(0));
            }
        }

        match row_type {
            RowType::Tjeneste => {
                let vals = row.values(&cols.tjeneste);
                if !vals.is_empty() {
                    p.tjenester.push(record(vals, row.pos(0)));
                }
                push_unique(&mut p.diagnoser, row.values(&cols.diagnose), row.pos(0));
            }
            RowType::Diagnose => {
                let mut vals = row.values(&cols.diagnose);
                row.fallback(&mut vals, Field::diFraDato, cols.col(Field::tjFraDato));
                row.fallback(&mut vals, Field::diTilDato, cols.col(Field::tjTilDato));
                push_unique(&mut p.diagnoser, vals, row.pos(0));
            }
            RowType::Dogntilbud => {
                let mut vals = row.values(&cols.dogn);
                row.fallback(&mut vals, Field::dgInstOrgnr, cols.col(Field::tjInstOrgnr));
                row.fallback(&mut vals, Field::dgFraDato, cols.col(Field::tjFraDato));
                row.fallback(&mut vals, Field::dgTilDato, cols.col(Field::tjTilDato));
                if !vals.is_empty() {
                    p.dogntilbud.push(record(vals, row.pos(0)));
                }
            }
            RowType::Person => {}
        }
    }

    /// The row's type; an unknown `posttype` is remembered for FIL-09 and
    /// read as a service row.
    fn row_type(&mut self, row: &Row) -> RowType {
        let Some(i) = self.cols.posttype else {
            return RowType::Tjeneste;
        };
        let v = row.cell(i);
        if v.is_empty() {
            return RowType::Tjeneste;
        }
        match fold(v).as_str() {
            "tjeneste" | "tj" => RowType::Tjeneste,
            "dogntilbud" | "dogn" | "dg" => RowType::Dogntilbud,
            "diagnose" | "di" => RowType::Diagnose,
            "person" | "pe" => RowType::Person,
            _ => {
                match self.posttypes.iter_mut().find(|(s, _, _)| s == v) {
                    Some(e) => e.1 += 1,
                    None => self.posttypes.push((v.to_string(), 1, row.pos(i))),
                }
                RowType::Tjeneste
            }
        }
    }

    /// The person the row belongs to: by `pePeID`, else by the identity
    /// (`fid`, else `peFnr`). A row with neither is a person of its own.
    fn person_for(&mut self, row: &Row) -> usize {
        let cols = self.cols;
        let key = |f| cols.col(f).map(|i| row.cell(i)).filter(|v| !v.is_empty());
        let (map, key) = if let Some(id) = key(Field::pePeID) {
            (&mut self.by_pe_id, Some(id))
        } else {
            (
                &mut self.by_fid,
                key(Field::fid).or_else(|| key(Field::peFnr)),
            )
        };
        if let Some(&k) = key.and_then(|id| map.get(id)) {
            return k;
        }
        let k = self.persons.len();
        if let Some(id) = key {
            map.insert(id.to_string(), k);
        }
        let mut rec = Record::new(row.pos(0));
        for (f, v, pos) in row.values(&cols.person) {
            rec.set(f, v.into_owned(), pos);
        }
        self.persons.push(Acc {
            person: Person {
                index: k as u32 + 1,
                rec,
                ..Person::default()
            },
            per21: Vec::new(),
        });
        k
    }

    fn finish(self, sink: &mut impl Sink) {
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
        sink.header(Header {
            innhinfo: self.innhinfo,
            ..Header::default()
        });
        for acc in self.persons {
            sink.person(acc.person);
        }
    }
}

impl Acc {
    /// Compares a later row's person fields with the person's (PER-21, once
    /// per field); a field the person lacks is taken from the row.
    fn compare(&mut self, row: &Row, cols: &[(usize, Field)]) {
        for &(i, f) in cols {
            let new = normalise(f, row.cell(i));
            let rec = &mut self.person.rec;
            let (old_raw, first_line) = match rec.get(f) {
                Some(v) if v.raw.as_str() == new.as_ref() => continue,
                Some(v) => (v.raw.to_string(), v.pos.line),
                None if new.is_empty() => continue,
                None => {
                    rec.set(f, new.to_string(), row.pos(i));
                    (String::new(), rec.pos.line)
                }
            };
            if self.per21.contains(&f) {
                continue;
            }
            self.per21.push(f);
            let (a_nb, a_en) = person_value(f, &old_raw);
            let (b_nb, b_en) = person_value(f, &new);
            let name = f.name();
            let line = row.line;
            self.person.notes.push(Note::new(
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

/// One data row and the line it starts on.
struct Row<'r> {
    rec: &'r csv::StringRecord,
    line: u32,
}

impl<'r> Row<'r> {
    /// The trimmed cell; empty when the row is too short.
    fn cell(&self, i: usize) -> &'r str {
        self.rec.get(i).map_or("", str::trim)
    }

    fn pos(&self, i: usize) -> Pos {
        Pos {
            line: self.line,
            column: i as u32 + 1,
        }
    }

    /// The non-empty, normalised values of some columns.
    fn values(&self, cols: &[(usize, Field)]) -> Vals<'r> {
        let mut vals = Vals::new();
        for &(i, f) in cols {
            self.push_value(&mut vals, f, Some(i));
        }
        vals
    }

    fn push_value(&self, vals: &mut Vals<'r>, f: Field, col: Option<usize>) {
        if let Some(i) = col {
            let v = self.cell(i);
            if !v.is_empty() {
                vals.push((f, normalise(f, v), self.pos(i)));
            }
        }
    }

    /// Fills `f` from the column of `from` when the row has no value for it
    /// (a DOGNTILBUD or DIAGNOSE row in a file with one set of date columns).
    fn fallback(&self, vals: &mut Vals<'r>, f: Field, from: Option<usize>) {
        if vals.iter().all(|(g, _, _)| *g != f) {
            self.push_value(vals, f, from);
        }
    }
}

fn record(vals: Vals, pos: Pos) -> Record {
    let mut rec = Record::new(pos);
    for (f, v, p) in vals {
        rec.set(f, v.into_owned(), p);
    }
    rec
}

/// Adds a record unless it is empty or one with the same values is there.
fn push_unique(list: &mut Vec<Record>, vals: Vals, pos: Pos) {
    if vals.is_empty() {
        return;
    }
    let same = |r: &Record| {
        r.fields.len() == vals.len()
            && r.fields
                .iter()
                .zip(&vals)
                .all(|((f, v), (g, w, _))| f == g && v.raw.as_str() == w.as_ref())
    };
    if !list.iter().any(same) {
        list.push(record(vals, pos));
    }
}

//! ZIP archives and spreadsheet workbooks, opened in memory.
//!
//! A ZIP (how files travel by mail) is held whole, then opened: the
//! fagmelding and identmelding inside are found by content (the same
//! [`crate::sniff`] as for files), anything else is listed and ignored.
//! The fagmelding is decompressed as it is checked, the identmelding read
//! whole. An Excel workbook (.xlsx) or a Calc spreadsheet (.ods) is a ZIP
//! too: its first sheet is read as the CSV export ([`workbook_csv`]), row
//! by row for .xlsx.
//!
//! Nothing is written anywhere. Memory is bounded: an archive above
//! [`MAX_ARCHIVE`] is refused, and so is any entry whose unpacked size is
//! above its limit (a ZIP bomb: a small file that unpacks to gigabytes),
//! before a byte of it is unpacked; the `zip` crate then stops at the
//! declared size.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::model::{Note, Pos};
use crate::sniff::{self, Foreign, Kind, ZipKind};

/// The largest archive held in memory.
pub const MAX_ARCHIVE: usize = 512 << 20;
/// The largest entry read whole (an identmelding, a workbook's strings).
pub const MAX_WHOLE: u64 = 256 << 20;
/// The largest entry decompressed as it is checked (a fagmelding, a sheet).
pub const MAX_STREAMED: u64 = 4 << 30;
/// The most entries an archive may list.
pub const MAX_ENTRIES: usize = 10_000;
/// The largest CSV text a sheet may give (a sheet of a few cells far
/// apart would otherwise give rows of millions of empty fields).
pub const MAX_SHEET_TEXT: u64 = 4 << 30;

/// A ZIP held in memory.
pub type Zip<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// One file in an archive.
#[derive(Clone, Debug)]
pub struct Entry {
    pub index: usize,
    pub name: String,
    pub size: u64,
    pub kind: Kind,
}

/// What an opened ZIP is.
pub enum Opened {
    /// A workbook whose first sheet is read as CSV.
    Workbook(ZipKind),
    /// A document of another kind (Word, PowerPoint, …): FIL-18.
    Foreign(Foreign),
    /// An archive, with its files (directories left out).
    Archive(Vec<Entry>),
}

fn mb(n: u64) -> u64 {
    n >> 20
}

fn damaged(e: impl std::fmt::Display) -> Note {
    Note::new(
        "FIL-01",
        Pos::default(),
        format!("ZIP-filen kan ikke åpnes: den er ødelagt eller ufullstendig ({e}). Last den ned eller pakk den på nytt."),
        format!("The ZIP file cannot be opened: it is damaged or incomplete ({e}). Download or pack it again."),
    )
}

/// The name of an entry as shown: at most 120 characters.
pub fn shown(name: &str) -> String {
    let n: String = name.chars().take(120).collect();
    if n.len() < name.len() {
        format!("{n}…")
    } else {
        n
    }
}

fn too_big(name: &str, size: u64, limit: u64) -> Note {
    let name = shown(name);
    Note::new(
        "FIL-01",
        Pos::default(),
        format!("«{name}» i ZIP-filen blir {} MB utpakket, mer enn de {} MB IPLOS-sjekk pakker ut. En så stor fil er ikke en IPLOS-fil, eller ZIP-filen er laget for å fylle minnet (en «ZIP-bombe»). Pakk ut filen selv og velg IPLOS-filen.", mb(size), mb(limit)),
        format!("«{name}» in the ZIP file unpacks to {} MB, more than the {} MB IPLOS-sjekk unpacks. A file that large is not an IPLOS file, or the ZIP file is made to fill the memory (a \"ZIP bomb\"). Unpack it yourself and choose the IPLOS file.", mb(size), mb(limit)),
    )
}

/// The note for an archive too large to hold.
pub fn archive_too_big() -> Note {
    Note::new(
        "FIL-01",
        Pos::default(),
        format!("ZIP-filen er større enn {} MB, mer enn IPLOS-sjekk åpner i minnet. Pakk den ut og velg IPLOS-filen.", mb(MAX_ARCHIVE as u64)),
        format!("The ZIP file is larger than {} MB, more than IPLOS-sjekk opens in memory. Unpack it and choose the IPLOS file.", mb(MAX_ARCHIVE as u64)),
    )
}

/// Opens a ZIP held in memory and says what it is.
pub fn open(bytes: &[u8]) -> Result<(Zip<'_>, Opened), Note> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if zip.len() > MAX_ENTRIES {
        return Err(Note::new(
            "FIL-01",
            Pos::default(),
            format!("ZIP-filen har {} filer, mer enn de {MAX_ENTRIES} IPLOS-sjekk åpner. Pakk den ut og velg IPLOS-filen.", zip.len()),
            format!("The ZIP file holds {} files, more than the {MAX_ENTRIES} IPLOS-sjekk opens. Unpack it and choose the IPLOS file.", zip.len()),
        ));
    }
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(damaged)?;
        if f.encrypted() {
            return Err(Note::new(
                "FIL-01",
                Pos::default(),
                "ZIP-filen er passordbeskyttet. Pakk den ut selv (med passordet) og velg IPLOS-filen.".into(),
                "The ZIP file is password-protected. Unpack it yourself (with the password) and choose the IPLOS file.".into(),
            ));
        }
        let name = String::from_utf8_lossy(f.name_raw()).into_owned();
        names.push((name, f.size(), f.is_dir()));
    }
    // An Office or OpenDocument package, known by its entries' names.
    let mimetype = names
        .iter()
        .position(|(n, _, _)| n == "mimetype")
        .map(|i| read_limited(&mut zip, i, 200))
        .transpose()?;
    let office = sniff::office_kind(names.iter().map(|(n, _, _)| {
        let data = (n == "mimetype").then_some(mimetype.as_deref()).flatten();
        (n.as_str(), data)
    }));
    match office {
        Some(Kind::Zip(k @ (ZipKind::Xlsx | ZipKind::Ods))) => {
            for (name, size, _) in &names {
                // The sheets are read as they stream; everything else whole.
                let streamed = k == ZipKind::Xlsx && name.starts_with("xl/worksheets/");
                let limit = match (k, streamed) {
                    (_, true) => MAX_STREAMED,
                    // Calc's content.xml is parsed whole, cells and all.
                    (ZipKind::Ods, _) if name == "content.xml" => MAX_WHOLE / 4,
                    _ => MAX_WHOLE,
                };
                if *size > limit {
                    return Err(too_big(name, *size, limit));
                }
            }
            return Ok((zip, Opened::Workbook(k)));
        }
        Some(Kind::Foreign(f)) => return Ok((zip, Opened::Foreign(f))),
        _ => {}
    }
    let mut entries = Vec::new();
    for (index, (name, size, dir)) in names.into_iter().enumerate() {
        if dir {
            continue;
        }
        if size > MAX_STREAMED {
            return Err(too_big(&name, size, MAX_STREAMED));
        }
        let prefix = read_limited(&mut zip, index, sniff::PREFIX as u64)?;
        let kind = sniff::classify(&prefix);
        entries.push(Entry {
            index,
            name,
            size,
            kind,
        });
    }
    Ok((zip, Opened::Archive(entries)))
}

/// The first `n` bytes of an entry.
fn read_limited(zip: &mut Zip<'_>, index: usize, n: u64) -> Result<Vec<u8>, Note> {
    let f = zip.by_index(index).map_err(damaged)?;
    let mut out = Vec::new();
    f.take(n).read_to_end(&mut out).map_err(damaged)?;
    Ok(out)
}

/// An entry read whole (at most [`MAX_WHOLE`] bytes).
pub fn read_whole(zip: &mut Zip<'_>, entry: &Entry) -> Result<Vec<u8>, Note> {
    if entry.size > MAX_WHOLE {
        return Err(too_big(&entry.name, entry.size, MAX_WHOLE));
    }
    let mut f = zip.by_index(entry.index).map_err(damaged)?;
    let mut out = Vec::with_capacity(entry.size as usize);
    f.read_to_end(&mut out).map_err(damaged)?;
    Ok(out)
}

/// An entry decompressed in chunks, each handed to `sink`.
pub fn stream(zip: &mut Zip<'_>, entry: &Entry, sink: &mut dyn FnMut(&[u8])) -> Result<(), Note> {
    let mut f = zip.by_index(entry.index).map_err(damaged)?;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match f.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => sink(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(damaged(e)),
        }
    }
}

/// What was read of a workbook.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// Other sheets, left unread.
    pub others: usize,
    /// Rows with something in them.
    pub rows: u64,
}

fn workbook_error(e: impl std::fmt::Display) -> Note {
    Note::new(
        "FIL-01",
        Pos::default(),
        format!("Arbeidsboken kan ikke leses ({e}). Åpne den i Excel og lagre den som CSV (semikolondelt), eller eksporter XML fra fagsystemet."),
        format!("The workbook cannot be read ({e}). Open it in Excel and save it as CSV (semicolon-separated), or export XML from the EPJ system."),
    )
}

/// Reads the first sheet of a workbook as `;`-separated CSV text, in
/// pieces handed to `sink`: one line per sheet row, so a finding's line is
/// the row number in the sheet and its column (the field number) the
/// column in the sheet (A = 1). Whole numbers are written without `.0`,
/// dates as `YYYY-MM-DD`, text as it stands (leading zeros kept).
pub fn workbook_csv(
    bytes: &[u8],
    kind: ZipKind,
    sink: &mut dyn FnMut(&[u8]),
) -> Result<Sheet, Note> {
    use calamine::Reader;
    let mut w = CsvWriter::new(sink);
    let mut sheet = Sheet::default();
    match kind {
        ZipKind::Ods => {
            let mut book: calamine::Ods<_> =
                calamine::Ods::new(Cursor::new(bytes)).map_err(workbook_error)?;
            let names = book.sheet_names();
            sheet.name = names.first().cloned().unwrap_or_default();
            sheet.others = names.len().saturating_sub(1);
            if let Some(range) = book.worksheet_range_at(0) {
                let range = range.map_err(workbook_error)?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (i, row) in range.rows().enumerate() {
                    for (j, v) in row.iter().enumerate() {
                        w.cell(r0 + i as u32, c0 + j as u32, cell_text(v).as_ref())?;
                    }
                }
            }
        }
        _ => {
            let mut book: calamine::Xlsx<_> =
                calamine::Xlsx::new(Cursor::new(bytes)).map_err(workbook_error)?;
            let names = book.sheet_names();
            let Some(first) = names.first().cloned() else {
                return Err(workbook_error("ingen ark / no sheets"));
            };
            sheet.name = first.clone();
            sheet.others = names.len() - 1;
            let mut cells = book
                .worksheet_cells_reader(&first)
                .map_err(workbook_error)?;
            while let Some(c) = cells.next_cell().map_err(workbook_error)? {
                let (r, col) = c.get_position();
                w.cell(r, col, cell_text(c.get_value()).as_ref())?;
            }
        }
    }
    sheet.rows = w.finish()?;
    Ok(sheet)
}

fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

fn date(d: &calamine::ExcelDateTime) -> String {
    if d.is_datetime() {
        let (y, m, day, ..) = d.to_ymd_hms_milli();
        format!("{y:04}-{m:02}-{day:02}")
    } else {
        number(d.as_f64())
    }
}

/// An ISO date-time's date (`2025-01-01T00:00:00` → `2025-01-01`).
fn iso_date(s: &str) -> String {
    match s.split_once('T') {
        Some((d, _)) if d.len() == 10 => d.to_string(),
        _ => s.to_string(),
    }
}

/// A cell as CSV text, for the cells of either reader (`Data` of a whole
/// sheet, `DataRef` of a streamed one).
fn cell_text<T: calamine::DataType>(v: &T) -> std::borrow::Cow<'_, str> {
    if let Some(i) = v.get_int() {
        i.to_string().into()
    } else if let Some(f) = v.get_float() {
        number(f).into()
    } else if let Some(s) = v.get_string() {
        s.into()
    } else if let Some(b) = v.get_bool() {
        b.to_string().into()
    } else if let Some(d) = v.get_datetime() {
        date(&d).into()
    } else if let Some(s) = v.get_datetime_iso() {
        iso_date(s).into()
    } else if let Some(s) = v.get_duration_iso() {
        s.into()
    } else if let Some(e) = v.get_error() {
        e.to_string().into()
    } else {
        "".into()
    }
}

/// Cells in sheet order to CSV lines.
struct CsvWriter<'s> {
    sink: &'s mut dyn FnMut(&[u8]),
    buf: Vec<u8>,
    /// The row being written (0-based) and its cells so far.
    row: Option<u32>,
    cells: Vec<String>,
    /// The next line to write is this row (0-based): rows between are blank lines.
    next_line: u32,
    /// Fields in the header (the first row with something in it).
    width: Option<usize>,
    rows: u64,
    written: u64,
}

impl<'s> CsvWriter<'s> {
    fn new(sink: &'s mut dyn FnMut(&[u8])) -> Self {
        CsvWriter {
            sink,
            buf: Vec::with_capacity(1 << 20),
            row: None,
            cells: Vec::new(),
            next_line: 0,
            width: None,
            rows: 0,
            written: 0,
        }
    }

    fn cell(&mut self, row: u32, col: u32, text: &str) -> Result<(), Note> {
        if self.row != Some(row) {
            self.end_row()?;
            self.row = Some(row);
        }
        if text.is_empty() {
            return Ok(());
        }
        let col = col as usize;
        if col >= 16_384 {
            return Ok(()); // beyond Excel's last column: not a real cell
        }
        if self.cells.len() <= col {
            self.cells.resize(col + 1, String::new());
        }
        self.cells[col] = text.to_string();
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), Note> {
        let Some(row) = self.row.take() else {
            return Ok(());
        };
        let mut cells = std::mem::take(&mut self.cells);
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if cells.is_empty() {
            return Ok(());
        }
        // Blank lines for the rows between, so line numbers are row numbers.
        for _ in self.next_line..row {
            self.buf.push(b'\n');
        }
        let width = *self.width.get_or_insert(cells.len());
        let fields = cells.len().max(width);
        for i in 0..fields {
            if i > 0 {
                self.buf.push(b';');
            }
            let v = cells.get(i).map_or("", String::as_str);
            if v.contains([';', '"', '\n', '\r']) {
                self.buf.push(b'"');
                self.buf
                    .extend_from_slice(v.replace('"', "\"\"").as_bytes());
                self.buf.push(b'"');
            } else {
                self.buf.extend_from_slice(v.as_bytes());
            }
        }
        self.buf.push(b'\n');
        self.next_line = row + 1;
        self.rows += 1;
        cells.clear();
        self.cells = cells;
        if self.buf.len() >= 1 << 20 {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Note> {
        self.written += self.buf.len() as u64;
        if self.written > MAX_SHEET_TEXT {
            return Err(workbook_error(format!(
                "arket gir mer enn {} MB tekst / the sheet gives more than {} MB of text",
                mb(MAX_SHEET_TEXT),
                mb(MAX_SHEET_TEXT)
            )));
        }
        (self.sink)(&self.buf);
        self.buf.clear();
        Ok(())
    }

    fn finish(mut self) -> Result<u64, Note> {
        self.end_row()?;
        self.flush()?;
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates() {
        assert_eq!(number(301.0), "301");
        assert_eq!(number(7.5), "7.5");
        assert_eq!(number(-2.0), "-2");
        assert_eq!(iso_date("2025-01-31T00:00:00"), "2025-01-31");
        let d = calamine::ExcelDateTime::new(45658.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date(&d), "2025-01-01");
    }

    #[test]
    fn rows_keep_their_numbers_and_width() {
        let mut out = Vec::new();
        let mut sink = |b: &[u8]| out.extend_from_slice(b);
        let mut w = CsvWriter::new(&mut sink);
        w.cell(0, 0, "a").unwrap();
        w.cell(0, 2, "c").unwrap();
        w.cell(2, 1, "x;y").unwrap();
        w.cell(3, 0, "").unwrap();
        w.cell(4, 0, "1").unwrap();
        w.cell(4, 3, "\"q\"").unwrap();
        w.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a;;c\n\n;\"x;y\";\n\n1;;;\"\"\"q\"\"\"\n"
        );
    }
}

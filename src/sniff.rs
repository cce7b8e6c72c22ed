//! What a file is, from its first bytes; never from its name.
//!
//! A caseworker picks what her EPJ, her mail or her spreadsheet gave her.
//! [`classify`] looks at the first bytes of a file (after a byte-order mark,
//! UTF-16 decoded) and tells an IPLOS fagmelding (`<IPLOS>`, any namespace
//! or none), an identmelding (`<Melding>`), a hodemelding envelope
//! (`<MsgHead>`), a CSV export, a ZIP archive (an Excel or Calc workbook, a
//! Word document, or an archive to open), and the kinds people pick by
//! mistake (PDF, images, HTML, JSON, old Office files, other archives).
//! Those last get one Fatal FIL-18 finding that names the kind and what to
//! choose instead ([`Foreign::message`]).

use std::borrow::Cow;

/// What a file's first bytes say it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// XML with the root `<IPLOS>`: the fagmelding.
    Fagmelding,
    /// XML with the root `<Melding>`: the identmelding (53.1.2).
    Identmelding,
    /// A KITH hodemelding (`<MsgHead>`), with its message type (`KPR_IPL`,
    /// `KPR_IDE`) and the kind of its payload when the first bytes hold them.
    Envelope {
        msg_type: Option<String>,
        payload: Option<Box<Kind>>,
    },
    /// XML with another root element (the XML reader names it: FIL-02).
    OtherXml(String),
    /// Text that is not XML, whose first line names IPLOS columns: a CSV export.
    Csv,
    /// Other text (a note, a CSV of something else): read as CSV when it is
    /// the only file, passed over beside an IPLOS file.
    Text,
    /// A ZIP archive.
    Zip(ZipKind),
    /// A kind of file that is not an IPLOS file: FIL-18.
    Foreign(Foreign),
    /// No bytes, or only blanks.
    Empty,
}

/// What a ZIP archive is, from the names of its entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipKind {
    /// An Excel workbook (`xl/…`): its first sheet is read as CSV.
    Xlsx,
    /// An OpenDocument spreadsheet (LibreOffice Calc): read as CSV too.
    Ods,
    /// An archive to open: the fagmelding and identmelding are found inside.
    Archive,
}

/// The kinds of file people pick by mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Foreign {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Bmp,
    Tiff,
    Webp,
    /// An old binary Excel workbook (.xls).
    Xls,
    /// An old binary Word document (.doc).
    Doc,
    /// A password-protected Office file (an encrypted .xlsx or .docx).
    EncryptedOffice,
    /// Another old binary Office file.
    OldOffice,
    /// Excel's "XML Spreadsheet 2003".
    Spreadsheet2003,
    Docx,
    Pptx,
    /// An OpenDocument text, presentation or drawing.
    OpenDocument,
    Rtf,
    Json,
    Html,
    Gzip,
    SevenZip,
    Rar,
}

impl Foreign {
    /// The FIL-18 message: what the file is and what to choose instead.
    pub fn message(self) -> (String, String) {
        use Foreign::*;
        const EXPORT_NB: &str =
            "Velg IPLOS-filen (XML) som fagsystemet laget, eller en CSV-eksport av den.";
        const EXPORT_EN: &str =
            "Choose the IPLOS file (XML) the EPJ system made, or a CSV export of it.";
        let (nb, en): (&str, &str) = match self {
            Pdf => ("Dette er en PDF-fil, ikke en IPLOS-fil. En utskrift eller rapport av IPLOS-dataene kan ikke kontrolleres.", "This is a PDF file, not an IPLOS file. A printout or report of the IPLOS data cannot be checked."),
            Png => ("Dette er et bilde (PNG), ikke en IPLOS-fil.", "This is an image (PNG), not an IPLOS file."),
            Jpeg => ("Dette er et bilde (JPEG), ikke en IPLOS-fil.", "This is an image (JPEG), not an IPLOS file."),
            Gif => ("Dette er et bilde (GIF), ikke en IPLOS-fil.", "This is an image (GIF), not an IPLOS file."),
            Bmp => ("Dette er et bilde (BMP), ikke en IPLOS-fil.", "This is an image (BMP), not an IPLOS file."),
            Tiff => ("Dette er et bilde (TIFF), ikke en IPLOS-fil.", "This is an image (TIFF), not an IPLOS file."),
            Webp => ("Dette er et bilde (WebP), ikke en IPLOS-fil.", "This is an image (WebP), not an IPLOS file."),
            Xls => return (
                "Dette er en gammel Excel-arbeidsbok (.xls). Åpne den i Excel og lagre den som Excel-arbeidsbok (.xlsx) eller CSV (semikolondelt), eller eksporter XML fra fagsystemet.".into(),
                "This is an old Excel workbook (.xls). Open it in Excel and save it as an Excel workbook (.xlsx) or CSV (semicolon-separated), or export XML from the EPJ system.".into(),
            ),
            Doc => ("Dette er et Word-dokument (.doc), ikke en IPLOS-fil.", "This is a Word document (.doc), not an IPLOS file."),
            EncryptedOffice => return (
                "Dette er en passordbeskyttet Office-fil. Åpne den, fjern passordet og lagre den som Excel-arbeidsbok (.xlsx) eller CSV (semikolondelt), eller eksporter XML fra fagsystemet.".into(),
                "This is a password-protected Office file. Open it, remove the password and save it as an Excel workbook (.xlsx) or CSV (semicolon-separated), or export XML from the EPJ system.".into(),
            ),
            OldOffice => ("Dette er en gammel Office-fil (Word, Excel eller PowerPoint i binærformat), ikke en IPLOS-fil.", "This is an old Office file (Word, Excel or PowerPoint in binary format), not an IPLOS file."),
            Spreadsheet2003 => return (
                "Dette er et Excel-regneark lagret som «XML-regneark 2003». Åpne det i Excel og lagre det som Excel-arbeidsbok (.xlsx) eller CSV (semikolondelt), eller eksporter XML fra fagsystemet.".into(),
                "This is an Excel sheet saved as \"XML Spreadsheet 2003\". Open it in Excel and save it as an Excel workbook (.xlsx) or CSV (semicolon-separated), or export XML from the EPJ system.".into(),
            ),
            Docx => ("Dette er et Word-dokument (.docx), ikke en IPLOS-fil.", "This is a Word document (.docx), not an IPLOS file."),
            Pptx => ("Dette er en PowerPoint-presentasjon, ikke en IPLOS-fil.", "This is a PowerPoint presentation, not an IPLOS file."),
            OpenDocument => ("Dette er et OpenDocument-dokument (tekst eller presentasjon), ikke en IPLOS-fil.", "This is an OpenDocument file (text or presentation), not an IPLOS file."),
            Rtf => ("Dette er et tekstdokument (RTF), ikke en IPLOS-fil.", "This is a text document (RTF), not an IPLOS file."),
            Json => ("Dette er en JSON-fil, ikke en IPLOS-fil. IPLOS-sjekk leser IPLOS-meldingen som XML eller CSV; er dette en rapport fra IPLOS-sjekk, velg filen som ble kontrollert.", "This is a JSON file, not an IPLOS file. IPLOS-sjekk reads the IPLOS message as XML or CSV; if this is a report from IPLOS-sjekk, choose the file that was checked."),
            Html => ("Dette er en nettside (HTML), kanskje lagret fra nettleseren eller e-posten. Lagre selve vedlegget, IPLOS-filen i XML.", "This is a web page (HTML), perhaps saved from the browser or the mail. Save the attachment itself, the IPLOS file in XML."),
            Gzip => ("Dette er et komprimert arkiv (gzip). IPLOS-sjekk åpner bare ZIP: pakk det ut og velg IPLOS-filen.", "This is a compressed archive (gzip). IPLOS-sjekk opens ZIP only: unpack it and choose the IPLOS file."),
            SevenZip => ("Dette er et komprimert arkiv (7z). IPLOS-sjekk åpner bare ZIP: pakk det ut og velg IPLOS-filen.", "This is a compressed archive (7z). IPLOS-sjekk opens ZIP only: unpack it and choose the IPLOS file."),
            Rar => ("Dette er et komprimert arkiv (RAR). IPLOS-sjekk åpner bare ZIP: pakk det ut og velg IPLOS-filen.", "This is a compressed archive (RAR). IPLOS-sjekk opens ZIP only: unpack it and choose the IPLOS file."),
        };
        (format!("{nb} {EXPORT_NB}"), format!("{en} {EXPORT_EN}"))
    }

    /// A short name of the kind, for lists ("en PDF-fil").
    pub fn name(self) -> (&'static str, &'static str) {
        use Foreign::*;
        match self {
            Pdf => ("en PDF-fil", "a PDF file"),
            Png | Jpeg | Gif | Bmp | Tiff | Webp => ("et bilde", "an image"),
            Xls => (
                "en gammel Excel-arbeidsbok (.xls)",
                "an old Excel workbook (.xls)",
            ),
            Doc | Docx | Rtf => ("et Word-dokument", "a Word document"),
            EncryptedOffice => (
                "en passordbeskyttet Office-fil",
                "a password-protected Office file",
            ),
            OldOffice => ("en gammel Office-fil", "an old Office file"),
            Spreadsheet2003 => ("et XML-regneark 2003", "an XML Spreadsheet 2003"),
            Pptx => ("en PowerPoint-presentasjon", "a PowerPoint presentation"),
            OpenDocument => ("et OpenDocument-dokument", "an OpenDocument file"),
            Json => ("en JSON-fil", "a JSON file"),
            Html => ("en nettside (HTML)", "a web page (HTML)"),
            Gzip | SevenZip | Rar => ("et komprimert arkiv", "a compressed archive"),
        }
    }
}

impl Kind {
    /// A short name of the kind, for messages that list files.
    pub fn name(&self) -> (&'static str, &'static str) {
        match self {
            Kind::Fagmelding => (
                "en fagmelding (IPLOS-melding)",
                "a fagmelding (IPLOS message)",
            ),
            Kind::Identmelding => ("en identmelding", "an identmelding"),
            Kind::Envelope { .. } => match self.role() {
                Role::Ident => (
                    "en hodemelding med identmelding",
                    "a hodemelding holding an identmelding",
                ),
                _ => (
                    "en hodemelding med fagmelding",
                    "a hodemelding holding a fagmelding",
                ),
            },
            Kind::OtherXml(_) => ("en annen XML-fil", "another XML file"),
            Kind::Csv => ("en CSV-eksport", "a CSV export"),
            Kind::Text => ("en tekstfil", "a text file"),
            Kind::Zip(ZipKind::Xlsx) => ("en Excel-arbeidsbok", "an Excel workbook"),
            Kind::Zip(ZipKind::Ods) => ("et Calc-regneark (.ods)", "a Calc spreadsheet (.ods)"),
            Kind::Zip(ZipKind::Archive) => ("en ZIP-fil", "a ZIP file"),
            Kind::Foreign(f) => f.name(),
            Kind::Empty => ("en tom fil", "an empty file"),
        }
    }

    /// Which part of a check this kind can play.
    pub fn role(&self) -> Role {
        match self {
            Kind::Fagmelding | Kind::Csv | Kind::Zip(ZipKind::Xlsx | ZipKind::Ods) => {
                Role::Fagmelding
            }
            Kind::Identmelding => Role::Ident,
            Kind::Envelope { msg_type, payload } => {
                match (msg_type.as_deref(), payload.as_deref()) {
                    (_, Some(Kind::Identmelding)) | (Some("KPR_IDE"), None) => Role::Ident,
                    _ => Role::Fagmelding,
                }
            }
            Kind::Zip(ZipKind::Archive) => Role::Container,
            Kind::OtherXml(_) | Kind::Text | Kind::Foreign(_) | Kind::Empty => Role::Other,
        }
    }
}

/// The part a file can play in a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The fagmelding (XML, CSV, a workbook, or a hodemelding holding one).
    Fagmelding,
    /// The identmelding (or a hodemelding holding one).
    Ident,
    /// An archive that may hold both.
    Container,
    /// Nothing an IPLOS check can read.
    Other,
}

/// Bytes looked at to tell a file's kind (the engine's sniffing window).
pub const PREFIX: usize = crate::decode::SNIFF_LEN;

/// Tells what a file is from its first bytes (up to [`PREFIX`] of them).
pub fn classify(prefix: &[u8]) -> Kind {
    if let Some(k) = binary(prefix) {
        return k;
    }
    let text = as_text(prefix);
    classify_text(&text, prefix)
}

/// Signatures of binary formats.
fn binary(b: &[u8]) -> Option<Kind> {
    use Foreign::*;
    let f = |x| Some(Kind::Foreign(x));
    if b.starts_with(b"%PDF-") {
        return f(Pdf);
    }
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return f(Png);
    }
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return f(Jpeg);
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return f(Gif);
    }
    if b.starts_with(b"BM") && b.len() >= 26 && b[6..10] == [0, 0, 0, 0] {
        return f(Bmp);
    }
    if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        return f(Tiff);
    }
    if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        return f(Webp);
    }
    if b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return f(ole(b));
    }
    if b.starts_with(&[0x1F, 0x8B]) {
        return f(Gzip);
    }
    if b.starts_with(b"7z\xBC\xAF\x27\x1C") {
        return f(SevenZip);
    }
    if b.starts_with(b"Rar!\x1A\x07") {
        return f(Rar);
    }
    if b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06") || b.starts_with(b"PK\x07\x08")
    {
        return Some(zip_kind(b));
    }
    None
}

/// An OLE compound file: which Office program made it, from the names of
/// its streams (UTF-16 in the directory, usually within the first bytes).
fn ole(b: &[u8]) -> Foreign {
    let has = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        memchr::memmem::find(b, &utf16).is_some()
    };
    if has("EncryptedPackage") {
        Foreign::EncryptedOffice
    } else if has("Workbook") || has("Book") {
        Foreign::Xls
    } else if has("WordDocument") {
        Foreign::Doc
    } else {
        Foreign::OldOffice
    }
}

/// Entry names from the ZIP local headers within the first bytes.
pub fn zip_names(b: &[u8]) -> Vec<(String, Option<&[u8]>)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    let u16_at = |i: usize| {
        b.get(i..i + 2)
            .map(|s| u16::from_le_bytes([s[0], s[1]]) as usize)
    };
    let u32_at = |i: usize| {
        b.get(i..i + 4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
    };
    while b.get(at..at + 4) == Some(b"PK\x03\x04") && out.len() < 64 {
        let (Some(flags), Some(method), Some(csize), Some(nlen), Some(xlen)) = (
            u16_at(at + 6),
            u16_at(at + 8),
            u32_at(at + 18),
            u16_at(at + 26),
            u16_at(at + 28),
        ) else {
            break;
        };
        let name_at = at + 30;
        let Some(name) = b.get(name_at..name_at + nlen) else {
            break;
        };
        let data_at = name_at + nlen + xlen;
        // The stored (uncompressed) content, when it is within reach.
        let data = (method == 0)
            .then(|| b.get(data_at..data_at + csize))
            .flatten();
        out.push((String::from_utf8_lossy(name).into_owned(), data));
        if flags & 8 != 0 && csize == 0 {
            break; // sizes follow the data: the next header cannot be found here
        }
        at = data_at + csize;
    }
    out
}

fn zip_kind(b: &[u8]) -> Kind {
    let names = zip_names(b);
    match office_kind(names.iter().map(|(n, d)| (n.as_str(), *d))) {
        Some(k) => k,
        None => Kind::Zip(ZipKind::Archive),
    }
}

/// What an Office or OpenDocument package is, from its entries' names (and
/// the content of an OpenDocument's `mimetype`); `None` for a plain archive.
pub fn office_kind<'a>(entries: impl Iterator<Item = (&'a str, Option<&'a [u8]>)>) -> Option<Kind> {
    for (name, data) in entries {
        if name == "mimetype" {
            if let Some(d) = data {
                let m = String::from_utf8_lossy(d);
                let m = m.trim();
                if m == "application/vnd.oasis.opendocument.spreadsheet" {
                    return Some(Kind::Zip(ZipKind::Ods));
                }
                if m.starts_with("application/vnd.oasis.opendocument.") {
                    return Some(Kind::Foreign(Foreign::OpenDocument));
                }
            }
        }
        if name.starts_with("xl/") {
            return Some(Kind::Zip(ZipKind::Xlsx));
        }
        if name.starts_with("word/") {
            return Some(Kind::Foreign(Foreign::Docx));
        }
        if name.starts_with("ppt/") {
            return Some(Kind::Foreign(Foreign::Pptx));
        }
    }
    None
}

/// The first bytes as text: a byte-order mark dropped, UTF-16 decoded,
/// anything else read as UTF-8 with invalid bytes replaced (only the
/// structure matters here, which is ASCII).
fn as_text(b: &[u8]) -> Cow<'_, str> {
    use encoding_rs::{UTF_16BE, UTF_16LE};
    let utf16 = match b {
        [0xFF, 0xFE, rest @ ..] => Some((UTF_16LE, rest)),
        [0xFE, 0xFF, rest @ ..] => Some((UTF_16BE, rest)),
        [a, 0, ..] if a.is_ascii_graphic() || a.is_ascii_whitespace() => Some((UTF_16LE, b)),
        [0, a, ..] if a.is_ascii_graphic() || a.is_ascii_whitespace() => Some((UTF_16BE, b)),
        _ => None,
    };
    match utf16 {
        Some((enc, rest)) => {
            let even = rest.len() & !1;
            Cow::Owned(
                enc.decode_without_bom_handling(&rest[..even])
                    .0
                    .into_owned(),
            )
        }
        None => {
            let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
            String::from_utf8_lossy(b)
        }
    }
}

fn classify_text(text: &str, raw: &[u8]) -> Kind {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.is_empty() {
        return Kind::Empty;
    }
    if t.starts_with("{\\rtf") {
        return Kind::Foreign(Foreign::Rtf);
    }
    if looks_like_json(t) {
        return Kind::Foreign(Foreign::Json);
    }
    if !t.starts_with('<') {
        return if csv_header_known(t) {
            Kind::Csv
        } else {
            Kind::Text
        };
    }
    match root_element(t) {
        Root::Html => Kind::Foreign(Foreign::Html),
        Root::Name(name) => {
            let local = name.rsplit(':').next().unwrap_or(&name);
            match local {
                "IPLOS" => Kind::Fagmelding,
                "Melding" => Kind::Identmelding,
                "MsgHead" => envelope_kind(raw),
                "Workbook" if t.contains("urn:schemas-microsoft-com:office:spreadsheet") => {
                    Kind::Foreign(Foreign::Spreadsheet2003)
                }
                l if l.eq_ignore_ascii_case("html") => Kind::Foreign(Foreign::Html),
                _ => Kind::OtherXml(local.to_string()),
            }
        }
        // XML whose root lies beyond the first bytes, or text starting with
        // `<` that is not XML: the XML reader says what is wrong.
        Root::Unknown => Kind::OtherXml(String::new()),
    }
}

/// A hodemelding: its message type and the kind of its payload, as far as
/// the first bytes hold them.
fn envelope_kind(raw: &[u8]) -> Kind {
    let mut f = crate::envelope::Filter::new();
    let mut out = Vec::new();
    f.feed(raw, &mut out);
    let info = f.info();
    let payload = f.payload_started().then(|| {
        let k = classify(&out);
        Box::new(k)
    });
    Kind::Envelope {
        msg_type: info.msg_type.clone(),
        payload: payload.filter(|k| !matches!(**k, Kind::Envelope { .. } | Kind::Empty)),
    }
}

/// Whether the first line splits, on one of the CSV delimiters, into
/// fields of which one is an IPLOS column (official name or alias).
fn csv_header_known(t: &str) -> bool {
    static PROFILE: std::sync::OnceLock<crate::profile::Profile> = std::sync::OnceLock::new();
    let p =
        PROFILE.get_or_init(|| crate::profile::Profile::builtin("iplos-csv").expect("built in"));
    let line = t.lines().next().unwrap_or("");
    [';', ',', '\t', '|'].iter().any(|d| {
        line.split(*d).count() > 1
            && line
                .split(*d)
                .any(|c| p.csv_target(c.trim().trim_matches('"')).is_some())
    })
}

fn looks_like_json(t: &str) -> bool {
    let mut chars = t.chars();
    let first = chars.next();
    let next = chars.as_str().trim_start().chars().next();
    match first {
        Some('{') => matches!(next, Some('"') | Some('}') | None),
        Some('[') => matches!(next, Some('{' | '[' | '"' | ']' | '-' | '0'..='9') | None),
        _ => false,
    }
}

enum Root {
    Name(String),
    Html,
    Unknown,
}

/// The name of the first element, past the XML declaration, comments,
/// processing instructions and a document type declaration.
fn root_element(mut t: &str) -> Root {
    loop {
        t = t.trim_start();
        if let Some(rest) = t.strip_prefix("<?") {
            match rest.find("?>") {
                Some(i) => t = &rest[i + 2..],
                None => return Root::Unknown,
            }
        } else if let Some(rest) = t.strip_prefix("<!--") {
            match rest.find("-->") {
                Some(i) => t = &rest[i + 3..],
                None => return Root::Unknown,
            }
        } else if let Some(rest) = t.strip_prefix("<!") {
            let word: String = rest
                .chars()
                .take(12)
                .collect::<String>()
                .to_ascii_lowercase();
            if word.starts_with("doctype") && word[7..].trim_start().starts_with("html") {
                return Root::Html;
            }
            // A document type declaration, perhaps with an internal subset.
            let mut depth = 0i32;
            let mut end = None;
            for (i, c) in rest.char_indices() {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    '>' if depth <= 0 => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            match end {
                Some(i) => t = &rest[i + 1..],
                None => return Root::Unknown,
            }
        } else if let Some(rest) = t.strip_prefix('<') {
            let name: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/'))
                .take(200)
                .collect();
            return if name.is_empty() {
                Root::Unknown
            } else {
                Root::Name(name)
            };
        } else {
            return Root::Unknown;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_roots() {
        assert_eq!(
            classify(b"<?xml version=\"1.0\"?>\n<IPLOS xmlns=\"x\">"),
            Kind::Fagmelding
        );
        assert_eq!(
            classify(b"\xEF\xBB\xBF<!-- c --><ns:IPLOS>"),
            Kind::Fagmelding
        );
        assert_eq!(
            classify(b"<Melding versjon=\"53.1.2\">"),
            Kind::Identmelding
        );
        assert_eq!(
            classify(b"<!DOCTYPE html><html>"),
            Kind::Foreign(Foreign::Html)
        );
        assert_eq!(classify(b"<HTML><body>"), Kind::Foreign(Foreign::Html));
        assert_eq!(classify(b"<Root/>"), Kind::OtherXml("Root".into()));
        let utf16: Vec<u8> = "\u{feff}<IPLOS/>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(classify(&utf16), Kind::Fagmelding);
    }

    #[test]
    fn text_and_binary() {
        assert_eq!(classify(b"pePeID;peKomnr\n1;0301\n"), Kind::Csv);
        assert_eq!(classify(b"\"Kommunenr\",\"Tjenestekode\"\n"), Kind::Csv);
        assert_eq!(classify(b"Sendes innen 15. januar, til KPR.\n"), Kind::Text);
        assert_eq!(classify(b"{\"verdict\": 1}"), Kind::Foreign(Foreign::Json));
        assert_eq!(classify(b"[{\"a\":1}]"), Kind::Foreign(Foreign::Json));
        assert_eq!(classify(b"%PDF-1.7\n"), Kind::Foreign(Foreign::Pdf));
        assert_eq!(classify(b"   \n "), Kind::Empty);
        assert_eq!(classify(b""), Kind::Empty);
        assert_eq!(classify(b"GIF89a...."), Kind::Foreign(Foreign::Gif));
    }
}

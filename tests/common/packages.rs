//! Containers made by the tests at run time: ZIP archives (with the `zip`
//! crate's writer), Excel workbooks built from their XML parts, and KITH
//! hodemeldinger around a generated message. Shared by the native tests
//! (`tests/inputs.rs`) and the wasm tests (`tests/wasm.rs`, by path).

#![allow(dead_code, unreachable_pub)]

use std::io::Write;

/// A ZIP of the given files, deflated.
pub fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A ZIP whose first entry starts with `head` and goes on with zeros to
/// `size` bytes (a few hundred kilobytes that unpack to `size`), then `rest`.
pub fn zip_bomb(name: &str, head: &[u8], size: u64, rest: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(size >= u32::MAX as u64);
    w.start_file(name, opts).unwrap();
    w.write_all(head).unwrap();
    let zeros = vec![0u8; 1 << 20];
    let mut left = size - head.len() as u64;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        w.write_all(&zeros[..n]).unwrap();
        left -= n as u64;
    }
    for (name, bytes) in rest {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A cell of a test workbook.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// An Excel date (days since 1899-12-30), formatted as a date.
    Date(f64),
    Empty,
}

/// The cells of a `;`-separated text: numbers without a leading zero (and
/// short enough to be exact) as numbers, everything else as text, as
/// Excel keeps them when the cells are formatted as text or general.
pub fn cells_of_csv(text: &str) -> Vec<Vec<Cell>> {
    text.lines()
        .map(|line| {
            line.split(';')
                .map(|v| {
                    let numeric = !v.is_empty()
                        && v.len() <= 15
                        && !(v.len() > 1 && v.starts_with('0'))
                        && v.parse::<f64>().is_ok()
                        && v.bytes()
                            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
                    if v.is_empty() {
                        Cell::Empty
                    } else if numeric {
                        Cell::Number(v.parse().unwrap())
                    } else {
                        Cell::Text(v.to_string())
                    }
                })
                .collect()
        })
        .collect()
}

fn col_name(mut c: usize) -> String {
    let mut s = Vec::new();
    c += 1;
    while c > 0 {
        let r = (c - 1) % 26;
        s.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An Excel workbook (.xlsx) whose first sheet holds `rows` (text in the
/// shared strings, dates with the built-in date format 14), and a second
/// sheet that must not be read.
pub fn xlsx_of(rows: &[Vec<Cell>], sheet_name: &str) -> Vec<u8> {
    let mut strings: Vec<String> = Vec::new();
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet += &format!("<row r=\"{}\">", r + 1);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", col_name(c), r + 1);
            match cell {
                Cell::Empty => {}
                Cell::Number(n) => sheet += &format!("<c r=\"{at}\"><v>{n}</v></c>"),
                Cell::Date(d) => sheet += &format!("<c r=\"{at}\" s=\"1\"><v>{d}</v></c>"),
                Cell::Text(t) => {
                    strings.push(t.clone());
                    sheet += &format!("<c r=\"{at}\" t=\"s\"><v>{}</v></c>", strings.len() - 1);
                }
            }
        }
        sheet += "</row>";
    }
    sheet += "</sheetData></worksheet>";
    let shared: String = strings
        .iter()
        .map(|s| format!("<si><t xml:space=\"preserve\">{}</t></si>", esc(s)))
        .collect();
    let shared = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">{shared}</sst>"#,
        n = strings.len()
    );
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/><sheet name="Notater" sheetId="2" r:id="rId2"/></sheets></workbook>"#,
        esc(sheet_name)
    );
    let workbook_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
    let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
    let sheet2 = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ikke les meg</t></is></c></row></sheetData></worksheet>"#;
    zip_of(&[
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes()),
        ("xl/styles.xml", styles.as_bytes()),
        ("xl/sharedStrings.xml", shared.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/worksheets/sheet2.xml", sheet2.as_bytes()),
    ])
}

/// A Word document (.docx): only the parts that tell what it is.
pub fn docx() -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("word/document.xml", b"<w:document/>".as_slice()),
    ])
}

/// A KITH hodemelding of type `msg_type` around `payload`: inline XML, or
/// base64 in a `Base64Container` (lines of 76 characters, as mail does).
pub fn hodemelding(payload: &[u8], msg_type: &str, msg_id: &str, base64: bool) -> Vec<u8> {
    let (doc_type, content) = if base64 {
        let b64 = iplos_sjekk::envelope::base64(payload);
        let lines: Vec<&str> = b64
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        (
            r#"<MsgType V="A" DN="Vedlegg"/><MimeType>text/xml</MimeType>"#,
            format!(
                "<Base64Container xmlns=\"http://www.kith.no/xmlstds/base64container\">{}</Base64Container>",
                lines.join("\r\n")
            ),
        )
    } else {
        let text = String::from_utf8(payload.to_vec()).unwrap();
        // Inline, the payload's own XML declaration cannot stay.
        let body = match text.find("?>") {
            Some(i) if text.starts_with("<?xml") => text[i + 2..].trim_start().to_string(),
            _ => text,
        };
        (
            r#"<MsgType V="XML" DN="XML-instans"/>"#,
            format!("\n{body}"),
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<MsgHead xmlns="http://www.kith.no/xmlstds/msghead/2006-05-24" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <MsgInfo>
    <Type V="{msg_type}" DN="IPLOS"/>
    <MIGversion>v1.2 2006-05-24</MIGversion>
    <GenDate>2026-01-05T10:00:00</GenDate>
    <MsgId>{msg_id}</MsgId>
    <Sender><Organisation><OrganisationName>Testkommune</OrganisationName></Organisation></Sender>
    <Receiver><Organisation><OrganisationName>KPR</OrganisationName></Organisation></Receiver>
  </MsgInfo>
  <Document>
    <RefDoc>
      <IssueDate V="2026-01-05"/>
      {doc_type}
      <Content>{content}</Content>
    </RefDoc>
  </Document>
</MsgHead>
"#
    )
    .into_bytes()
}

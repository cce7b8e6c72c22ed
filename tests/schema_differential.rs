//! FIL-17 against the official schemas, as a differential test: thousands
//! of single, seeded mutations of clean generated files are judged by
//! `xmllint --schema` (libxml2) and by the engine. FIL-17 on the fagmelding
//! must be raised exactly when xmllint rejects the fagmelding against the
//! 2018 schema, and FIL-17 on the identmelding exactly when xmllint rejects
//! the identmelding against its schema (53.1.2); never otherwise. Any
//! difference, either way, fails and is listed with the mutation.
//!
//! Mutations: elements deleted, duplicated, swapped, moved, renamed,
//! emptied; values padded with spaces, replaced by odd ones (letters, too
//! long, decimals, negative, dates off, character references, CDATA) or by
//! another field's value; attributes changed, removed and added; unknown,
//! foreign and misplaced elements, text, comments and processing
//! instructions inserted. The number of mutations is bounded (default
//! below, `IPLOS_SCHEMA_MUTATIONS` to run more) and xmllint is called once
//! per batch of files, so the test stays quick in `npm test`.
//!
//! Needs the official schemas beside the repository (skipped visibly
//! without them, see `common::official_schemas`) and xmllint.

mod common;

use std::path::Path;
use std::process::Command;

use iplos_sjekk::date::Date;
use iplos_sjekk::fnr::{synthetic_fnr, Sex};
use iplos_sjekk::generate::{to_bytes, Config};
use iplos_sjekk::report::Source;
use iplos_sjekk::{check, Input, Options, Report, Severity};

const FAGMELDING_XSD: &str = "IPLOS(2018)rev2018_10_10.xsd";
const IDENT_XSD: &str = "XPR(ide).xsd";

/// Mutations per file kind unless `IPLOS_SCHEMA_MUTATIONS` says otherwise.
const DEFAULT_FAGMELDING: usize = 3000;
const DEFAULT_IDENT: usize = 1000;

/// xorshift64: every run tries the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// One attribute of a start tag: `name="value"`, by byte offsets.
#[derive(Clone, Debug)]
struct At {
    name: String,
    /// The space before the name up to the closing quote.
    start: usize,
    end: usize,
    val_start: usize,
    val_end: usize,
}

/// One element of a clean file, by byte offsets.
#[derive(Clone, Debug)]
struct El {
    name: String,
    start: usize,
    /// Just after the start tag's `>`.
    open_end: usize,
    /// Where the end tag starts (`open_end` for an empty-element tag).
    close_start: usize,
    end: usize,
    empty_tag: bool,
    depth: usize,
    attrs: Vec<At>,
    children: Vec<usize>,
}

impl El {
    fn is_leaf(&self) -> bool {
        self.children.is_empty() && !self.empty_tag
    }
}

/// The elements of a clean generated file (plain markup: no comments in
/// the body, double-quoted attributes, no `>` inside values).
fn elements(s: &str) -> Vec<El> {
    let b = s.as_bytes();
    let mut out: Vec<El> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(k) = s[i..].find('<') {
        let at = i + k;
        let close = at + s[at..].find('>').expect("a closed tag");
        i = close + 1;
        match b[at + 1] {
            b'?' | b'!' => continue,
            b'/' => {
                let e = stack.pop().expect("an open element");
                out[e].close_start = at;
                out[e].end = close + 1;
                continue;
            }
            _ => {}
        }
        let empty_tag = b[close - 1] == b'/';
        let tag_end = if empty_tag { close - 1 } else { close };
        let name_end = at
            + 1
            + s[at + 1..tag_end]
                .find([' ', '\n'])
                .unwrap_or(tag_end - at - 1);
        let name = s[at + 1..name_end].to_string();
        let mut attrs = Vec::new();
        let mut j = name_end;
        while let Some(eq) = s[j..tag_end].find("=\"") {
            let name_start = j + s[j..j + eq].rfind(' ').expect("a space before the name") + 1;
            let val_start = j + eq + 2;
            let val_end = val_start + s[val_start..].find('"').expect("a closing quote");
            attrs.push(At {
                name: s[name_start..j + eq].to_string(),
                start: name_start - 1,
                end: val_end + 1,
                val_start,
                val_end,
            });
            j = val_end + 1;
        }
        let idx = out.len();
        if let Some(&p) = stack.last() {
            out[p].children.push(idx);
        }
        out.push(El {
            name,
            start: at,
            open_end: close + 1,
            close_start: close + 1,
            end: close + 1,
            empty_tag,
            depth: stack.len(),
            attrs,
            children: Vec::new(),
        });
        if !empty_tag {
            stack.push(idx);
        }
    }
    assert!(stack.is_empty(), "the clean file is well-formed");
    out
}

fn splice(s: &str, from: usize, to: usize, with: &str) -> String {
    format!("{}{with}{}", &s[..from], &s[to..])
}

/// The element with new content (an empty-element tag is opened up).
fn with_content(s: &str, e: &El, content: &str) -> String {
    if e.empty_tag {
        let head = s[e.start..e.end - 2].trim_end();
        splice(s, e.start, e.end, &format!("{head}>{content}</{}>", e.name))
    } else {
        splice(s, e.open_end, e.close_start, content)
    }
}

/// Places where a child may be inserted: after the start tag and after
/// each child (an empty-element tag has none).
fn child_slots(e: &El, all: &[El]) -> Vec<usize> {
    if e.empty_tag {
        return Vec::new();
    }
    let mut v = vec![e.open_end];
    v.extend(e.children.iter().map(|&c| all[c].end));
    if e.children.is_empty() {
        v.push(e.close_start);
    }
    v
}

/// Odd values, the same for every field: each is right for some field and
/// wrong for most.
const ODD: &[&str] = &[
    "",
    " ",
    "x",
    "abc",
    "æøå",
    "K",
    "M",
    "k",
    "P",
    "B",
    "E",
    "ICD-10",
    "ICPC-2",
    "ICD10",
    "1",
    "2",
    "3",
    "4",
    "5",
    "7",
    "9",
    "10",
    "12",
    "16",
    "0",
    "00",
    "01",
    "03",
    "99",
    "-1",
    "-0",
    "+5",
    "05",
    "1.5",
    "1.50",
    "7,5",
    "1.234",
    "1.230",
    "0.001",
    ".5",
    "5.",
    ".",
    "-",
    "+",
    "123456",
    "99999",
    "999.99",
    "12345.6",
    "32767",
    "32768",
    "-32768",
    "-32769",
    "2147483647",
    "2147483648",
    "-2147483648",
    "1e3",
    "0x1F",
    "20240101",
    "20241301",
    "20240231",
    "20240100",
    "20240132",
    "2024-01-01",
    "2024010",
    "202401011",
    "00000000",
    "99991231",
    "202402",
    "202413",
    "202400",
    "0301",
    "301",
    "4601",
    "030",
    "991000011",
    "99100001",
    "9910000111",
    "F03",
    "F03.1",
    "F03.12345678",
    "A01",
    "3.5",
    "3.7",
    "53.1.2",
    "\u{663}",
    "\u{ff11}",
    "&#x31;",
    "&#32;1",
    "1&#x9;",
    "&lt;",
    "&amp;x",
    "1<!-- c -->2",
    "<![CDATA[1]]>",
    "<![CDATA[ 1 ]]>",
    "<?pi x?>1",
    "2024-1-1",
    "2024-02-30",
    "2024-01-01Z",
    "2024-01-01+01:00",
    "24-01-01",
    "2024-13-01",
    "{12345678-1234-1234-1234-123456789abc}",
    "12345678-1234-1234-1234-123456789abc",
    "12345678-1234-1234-1234-123456789ab",
];

/// Values made from the one there: padded, lengthened, shortened, signed.
fn derived(v: &str, rng: &mut Rng) -> String {
    match rng.below(16) {
        0 => format!(" {v}"),
        1 => format!("{v} "),
        2 => format!("\n  {v}\n"),
        3 => format!("\t{v}"),
        4 => format!("\u{a0}{v}"),
        5 => format!("{v}\u{a0}"),
        6 => format!("{v}{v}{v}"),
        7 => format!("{v}0"),
        8 => format!("0{v}"),
        9 => v.chars().skip(1).collect(),
        10 => format!("-{v}"),
        11 => format!("{v}.5"),
        12 => format!("+{v}"),
        13 => v.to_lowercase(),
        14 => format!("{v}\u{2003}"),
        _ => format!("{v}.00"),
    }
}

/// A value fit for an attribute (no markup, quotes escaped).
fn for_attribute(v: &str) -> Option<String> {
    (!v.contains('<')).then(|| v.replace('"', "&quot;"))
}

/// Attributes to add, each a whole ` name="value"` (with declarations it needs).
const ADDED_ATTRIBUTES: &[&str] = &[
    " x=\"1\"",
    " id=\"a\"",
    " pePeID=\"1\"",
    " tjTjID=\"1\"",
    " pid=\"1\"",
    " versjon=\"3.5\"",
    " xml:lang=\"no\"",
    " xmlns:q=\"urn:q\" q:a=\"1\"",
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"",
    " xmlns:q=\"urn:q\"",
    " xmlns=\"urn:other\"",
];

/// Elements to insert, known and unknown.
const INSERTED: &[&str] = &[
    "<x/>",
    "<Ukjent>1</Ukjent>",
    "<peFnr>12345</peFnr>",
    "<peDiagReserv>1</peDiagReserv>",
    "<fid>1</fid>",
    "<q:x xmlns:q=\"urn:q\"/>",
    "x",
    "\u{a0}",
    " \n\t ",
    "<!-- a comment -->",
    "<?pi data?>",
    "&#32;",
    "&#x41;",
    "<![CDATA[ ]]>",
    "<![CDATA[x]]>",
];

/// Names to rename an element to (besides the file's own names).
const RENAMED: &[&str] = &["x", "Person", "person", "PasientIdent", "tjTjentype"];

/// One mutation of `s`: a description and the mutated text.
fn mutate(s: &str, all: &[El], ns: &str, rng: &mut Rng) -> (String, String) {
    // An element by name first, so that rare names get their share.
    let mut names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let pick_named = |rng: &mut Rng, name: &str| -> usize {
        let of: Vec<usize> = (0..all.len()).filter(|&i| all[i].name == name).collect();
        *rng.pick(&of)
    };
    let name = *rng.pick(&names);
    let i = pick_named(rng, name);
    let e = &all[i];
    let root = e.depth == 0;
    let leaves: Vec<usize> = (0..all.len()).filter(|&k| all[k].is_leaf()).collect();
    let op = rng.below(15);
    let out = match op {
        0 if !root => ("delete".to_string(), splice(s, e.start, e.end, "")),
        1 if !root => (
            "duplicate".to_string(),
            splice(s, e.end, e.end, &s[e.start..e.end]),
        ),
        2 if !root => {
            let parent = all
                .iter()
                .find(|p| p.children.contains(&i))
                .expect("a parent");
            let at = parent.children.iter().position(|&c| c == i).unwrap();
            let Some(&next) = parent.children.get(at + 1) else {
                return mutate(s, all, ns, rng);
            };
            let n = &all[next];
            let text = format!(
                "{}{}{}",
                &s[n.start..n.end],
                &s[e.end..n.start],
                &s[e.start..e.end]
            );
            (
                "swap with the next".to_string(),
                splice(s, e.start, n.end, &text),
            )
        }
        3 => ("empty".to_string(), with_content(s, e, "")),
        4 if e.is_leaf() => {
            let v = *rng.pick(ODD);
            (format!("value «{v}»"), with_content(s, e, v))
        }
        5 if e.is_leaf() => {
            let v = derived(&s[e.open_end..e.close_start], rng);
            (format!("value «{v}»"), with_content(s, e, &v))
        }
        6 if e.is_leaf() => {
            let other = &all[*rng.pick(&leaves)];
            let v = &s[other.open_end..other.close_start];
            (
                format!("value «{v}» of <{}>", other.name),
                with_content(s, e, v),
            )
        }
        7 if !e.attrs.is_empty() => {
            let a = rng.pick(&e.attrs);
            if root && a.name.starts_with("xmlns") {
                return mutate(s, all, ns, rng);
            }
            let v = if rng.chance(50) {
                rng.pick(ODD).to_string()
            } else {
                derived(&s[a.val_start..a.val_end], rng)
            };
            let Some(v) = for_attribute(&v) else {
                return mutate(s, all, ns, rng);
            };
            (
                format!("attribute {}=«{v}»", a.name),
                splice(s, a.val_start, a.val_end, &v),
            )
        }
        8 if !e.attrs.is_empty() => {
            let a = rng.pick(&e.attrs);
            if root && a.name.starts_with("xmlns") {
                return mutate(s, all, ns, rng);
            }
            (
                format!("attribute {} removed", a.name),
                splice(s, a.start, a.end, ""),
            )
        }
        9 => {
            let add = *rng.pick(ADDED_ATTRIBUTES);
            if root && add.contains("xmlns=") {
                return mutate(s, all, ns, rng);
            }
            let at = e.start + 1 + e.name.len();
            (format!("attribute{add} added"), splice(s, at, at, add))
        }
        10 | 11 => {
            // Into any element: unknown, foreign or known but misplaced.
            let slots = child_slots(e, all);
            if slots.is_empty() {
                let what = *rng.pick(INSERTED);
                return (
                    format!("content «{what}» in an empty element"),
                    with_content(s, e, what),
                );
            }
            let at = *rng.pick(&slots);
            let what = if op == 10 {
                rng.pick(INSERTED).to_string()
            } else {
                // A field from elsewhere (any element where there are none).
                let from: Vec<usize> = if leaves.is_empty() {
                    (1..all.len()).collect()
                } else {
                    leaves.clone()
                };
                let other = &all[*rng.pick(&from)];
                s[other.start..other.end].to_string()
            };
            (format!("«{what}» inserted"), splice(s, at, at, &what))
        }
        12 if !root => {
            let to = match rng.below(4) {
                0 => rng.pick(RENAMED).to_string(),
                1 => rng.pick(&names).to_string(),
                2 => format!("{}x", e.name),
                _ => format!("ipl:{}", e.name),
            };
            let decl = if to.starts_with("ipl:") {
                if rng.chance(50) {
                    format!(" xmlns:ipl=\"{ns}\"")
                } else {
                    " xmlns:ipl=\"urn:other\"".to_string()
                }
            } else {
                String::new()
            };
            let head = format!("<{to}{decl}");
            let text = if e.empty_tag {
                format!("{head}{}", &s[e.start + 1 + e.name.len()..e.end])
            } else {
                format!(
                    "{head}{}</{to}>",
                    &s[e.start + 1 + e.name.len()..e.close_start]
                )
            };
            (
                format!("renamed <{to}{decl}>"),
                splice(s, e.start, e.end, &text),
            )
        }
        13 if !root => {
            // Moved into another element.
            let targets: Vec<usize> = (0..all.len())
                .filter(|&k| !all[k].empty_tag && (all[k].end <= e.start || all[k].start >= e.end))
                .collect();
            let t = &all[*rng.pick(&targets)];
            let at = *rng.pick(&child_slots(t, all));
            let piece = &s[e.start..e.end];
            let text = if at <= e.start {
                format!("{}{piece}{}{}", &s[..at], &s[at..e.start], &s[e.end..])
            } else {
                format!("{}{}{piece}{}", &s[..e.start], &s[e.end..at], &s[at..])
            };
            (format!("moved into <{}>", t.name), text)
        }
        14 if e.is_leaf() => {
            let v = &s[e.open_end..e.close_start];
            let v = match rng.below(4) {
                0 => format!("<![CDATA[{v}]]>"),
                1 => format!("{v}<!-- c -->"),
                2 => v
                    .chars()
                    .map(|c| format!("&#{};", c as u32))
                    .collect::<String>(),
                _ => format!("{v}<x/>"),
            };
            (format!("value «{v}»"), with_content(s, e, &v))
        }
        _ => return mutate(s, all, ns, rng),
    };
    (format!("<{}> {}", e.name, out.0), out.1)
}

/// For each file in `dir`, whether xmllint finds it valid against `xsd`.
/// One xmllint run per batch; every file must get a verdict.
fn xmllint_valid(xsd: &Path, dir: &Path, names: &[String]) -> Vec<bool> {
    let mut valid = Vec::with_capacity(names.len());
    for batch in names.chunks(250) {
        let out = Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(xsd)
            .args(batch)
            .current_dir(dir)
            .output()
            .expect("xmllint is installed by `npm test` (Debian libxml2-utils)");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("failed to compile") && !stderr.contains("internal error"),
            "xmllint could not judge: {}",
            &stderr[..stderr.len().min(2000)]
        );
        let lines: std::collections::HashSet<&str> = stderr.lines().collect();
        for name in batch {
            let ok = lines.contains(format!("{name} validates").as_str());
            let bad = lines.contains(format!("{name} fails to validate").as_str())
                || stderr.contains(&format!("{name}:"));
            assert!(ok != bad, "{name}: no clear verdict from xmllint");
            valid.push(ok);
        }
    }
    valid
}

/// The engine's answer: whether it says the file breaks its schema.
/// A Fatal finding (the file could not be read) counts as a rejection.
fn engine_rejects(r: &Report, file: Source) -> bool {
    r.findings
        .iter()
        .any(|f| (f.code == "FIL-17" && f.file == file) || f.severity == Severity::Fatal)
}

fn run(main: &[u8], ident: &[u8]) -> Report {
    check(
        Input::new("fag.xml", main),
        Some(Input::new("ident.xml", ident)),
        &Options::default(),
    )
}

/// A person with every optional element the generator does not write,
/// valid against the schema, and its `PasientIdent`.
fn complete_person(year: u16) -> (String, String) {
    let y = year;
    let fag = format!(
        r#"  <PERSON pePeID="9001">
    <peAlder>80</peAlder>
    <peKjonn>M</peKjonn>
    <peKomnr>0301</peKomnr>
    <peBydelsnr>01</peBydelsnr>
    <peFraDato>{y}0105</peFraDato>
    <peDodDato>{y}1201</peDodDato>
    <peEndrDato>{y}1201</peEndrDato>
    <PERSONOPPL poPeID="9001" poPoID="1"><poHusstand>1</poHusstand><poOmsorgBarn>2</poOmsorgBarn><poPrivHjelp>3</poPrivHjelp><poBoligTilr>1</poBoligTilr><poVurdTann>{y}03</poVurdTann><poVurdLege>{y}04</poVurdLege><poIndPlan>2</poIndPlan><poHarKoordinator>1</poHarKoordinator><poArbBistBehov>2</poArbBistBehov><poArbBistMottar>3</poArbBistMottar><poArbTranspBehov>9</poArbTranspBehov><poArbTranspMottar>1</poArbTranspMottar><poFriBistBehov>1</poFriBistBehov><poFriBistMottar>2</poFriBistMottar><poFriTranspBehov>2</poFriTranspBehov><poFriTranspMottar>3</poFriTranspMottar><poLegeMiddGj>1</poLegeMiddGj><poLegeMiddGjDato>{y}0201</poLegeMiddGjDato><poErnKartlagt>1</poErnKartlagt><poErnKartlagtDato>{y}0202</poErnKartlagtDato><poErnRisiko>2</poErnRisiko><poErnRisikoDato>{y}0203</poErnRisikoDato><poErnPlan>9</poErnPlan><poErnPlanDato>{y}0204</poErnPlanDato><poFraDato>{y}0105</poFraDato><poTilDato>{y}1201</poTilDato></PERSONOPPL>
    <FUNKSJON fnPeID="9001" fnFnID="1"><fnFunkType>1</fnFunkType><fnFunkVerdi>2</fnFunkVerdi><fnFraDato>{y}0110</fnFraDato><fnTilDato>{y}1201</fnTilDato></FUNKSJON>
    <TJENESTE tjPeID="9001" tjTjID="1" tjVeID="1" tjVeNrID="1"><tjTjenType>8</tjTjenType><tjTjenUnderType>1</tjTjenUnderType><tjSoknadDato>{y}0102</tjSoknadDato><tjVedtDato>{y}0106</tjVedtDato><tjVedtak>2</tjVedtak><tjResTimerUke>2.5</tjResTimerUke><tjRullerende>1</tjRullerende><tjInstOrgnr>991000011</tjInstOrgnr><tjFraDato>{y}0110</tjFraDato><tjTilDato>{y}1130</tjTilDato><tjKlageMottatt>{y}0201</tjKlageMottatt><tjKlageBesvart>{y}0215</tjKlageBesvart></TJENESTE>
    <DIAGNOSE diPeID="9001" diDiID="1"><diKodeVersjon>ICPC-2</diKodeVersjon><diDiagKode>K74</diDiagKode><diFraDato>{y}0110</diFraDato><diTilDato>{y}1201</diTilDato></DIAGNOSE>
    <DOGNTILBUD dgPeID="9001" dgDgID="1"><dgInstOrgnr>991000011</dgInstOrgnr><dgFraDato>{y}0301</dgFraDato><dgTilDato>{y}0310</dgTilDato></DOGNTILBUD>
  </PERSON>
"#
    );
    let fid = synthetic_fnr(Date::new(1944, 6, 2).unwrap(), 301, Sex::Male);
    let ident = format!(
        "    <PasientIdent pid=\"9001\" fid=\"{fid}\" typeID=\"1\" pasientGUID=\"{{0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d}}\"/>\n"
    );
    (fag, ident)
}

/// Clean pairs: generated files of several years, each with one complete
/// person added, and a second contact person and institution in the
/// identmelding.
fn bases() -> Vec<(u16, String, String)> {
    [2018u16, 2020, 2023, 2025]
        .iter()
        .enumerate()
        .map(|(k, &year)| {
            let (fag, ident) = to_bytes(&Config::new(3, year, 11 + k as u64));
            let fag = String::from_utf8(fag).unwrap();
            let ident = String::from_utf8(ident.expect("an identmelding from 2018")).unwrap();
            let (p, pi) = complete_person(year);
            let fag = fag.replacen("</IPLOS>", &format!("{p}</IPLOS>"), 1);
            let ident = ident
                .replacen(
                    "  <Institusjon",
                    "  <Kontaktperson kontPerson=\"Ola\" meldTelefon=\"55000001\" meldEpost1=\"ola@example.invalid\" meldEpost2=\"o@example.invalid\" typeKontaktperson=\"8\"/>\n  <Institusjon",
                    1,
                )
                .replacen(
                    "  </Institusjon>",
                    &format!(
                        "{pi}  </Institusjon>\n  <Institusjon institusjonID=\"9999\">\n{}  </Institusjon>",
                        pi.replace("9001", "9002")
                    ),
                    1,
                );
            (year, fag, ident)
        })
        .collect()
}

fn count(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Case {
    what: String,
    fag: String,
    ident: String,
}

/// Writes the files, asks xmllint and the engine, and returns the
/// disagreements with the number of rejections (xmllint's).
fn judge(
    xsd_dir: &Path,
    schema: &str,
    cases: &[Case],
    ident_side: bool,
    tag: &str,
) -> (Vec<String>, usize) {
    let dir = std::env::temp_dir().join(format!("iplos-schema-diff-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let names: Vec<String> = (0..cases.len()).map(|i| format!("m{i}.xml")).collect();
    for (c, n) in cases.iter().zip(&names) {
        let text = if ident_side { &c.ident } else { &c.fag };
        std::fs::write(dir.join(n), text).unwrap();
    }
    let valid = xmllint_valid(&xsd_dir.join(schema), &dir, &names);
    std::fs::remove_dir_all(&dir).ok();
    let (file, other) = if ident_side {
        (Source::Ident, Source::Fagmelding)
    } else {
        (Source::Fagmelding, Source::Ident)
    };
    let mut wrong = Vec::new();
    for (c, ok) in cases.iter().zip(&valid) {
        let r = run(c.fag.as_bytes(), c.ident.as_bytes());
        let ours = engine_rejects(&r, file);
        let theirs = !ok;
        let fil17: Vec<&iplos_sjekk::Finding> =
            r.findings.iter().filter(|f| f.code == "FIL-17").collect();
        if ours != theirs {
            let codes: Vec<String> = r
                .findings
                .iter()
                .filter(|f| f.severity <= Severity::Error || f.code == "FIL-09")
                .map(|f| format!("{}{}", f.code, if f.schema { "*" } else { "" }))
                .collect();
            wrong.push(format!(
                "{}: xmllint {}, engine {}; {codes:?}",
                c.what,
                if theirs { "rejects" } else { "accepts" },
                if ours { "rejects" } else { "accepts" },
            ));
        } else if fil17.iter().any(|f| f.file == other) {
            wrong.push(format!(
                "{}: FIL-17 on the file that was not changed",
                c.what
            ));
        } else if let Some(f) = fil17.iter().find(|f| f.file == file) {
            let named = if ident_side {
                f.message.contains("identmelding")
            } else {
                f.message.contains("IPLOS-skjemaet")
            };
            if !named {
                wrong.push(format!(
                    "{}: FIL-17 names the wrong schema: {}",
                    c.what, f.message
                ));
            }
        }
    }
    (wrong, valid.iter().filter(|v| !**v).count())
}

fn cases_for(ident_side: bool, n: usize, seed: u64) -> Vec<Case> {
    let bases = bases();
    let mut rng = Rng(seed);
    let parsed: Vec<(Vec<El>, Vec<El>)> = bases
        .iter()
        .map(|(_, f, i)| (elements(f), elements(i)))
        .collect();
    (0..n)
        .map(|k| {
            let b = k % bases.len();
            let (year, fag, ident) = &bases[b];
            let (what, fag, ident) = if ident_side {
                let (w, t) = mutate(
                    ident,
                    &parsed[b].1,
                    "http://www.npr.no/xmlstds/53_1_2_ide",
                    &mut rng,
                );
                (w, fag.clone(), t)
            } else {
                let (w, t) = mutate(
                    fag,
                    &parsed[b].0,
                    "http://www.npr.no/xmlstds/iplos/2018",
                    &mut rng,
                );
                (w, t, ident.clone())
            };
            Case {
                what: format!("#{k} ({year}) {what}"),
                fag,
                ident,
            }
        })
        .collect()
}

fn report(side: &str, n: usize, rejected: usize, wrong: &[String]) {
    // Every disagreement, for working through a long list.
    if let Some(path) = std::env::var_os("IPLOS_SCHEMA_DIFF_OUT") {
        let path = std::path::PathBuf::from(path).join(format!("{side}.txt"));
        std::fs::write(path, wrong.join("\n")).ok();
    }
    eprintln!(
        "{side}: {n} mutations, xmllint rejects {rejected}, accepts {}; disagreements {}",
        n - rejected,
        wrong.len()
    );
    assert!(
        wrong.is_empty(),
        "{side}: {} of {n} mutations judged differently from xmllint:\n{}",
        wrong.len(),
        wrong
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Not vacuous: both verdicts well represented.
    assert!(
        rejected * 5 > n && (n - rejected) * 10 > n,
        "{side}: {rejected} of {n} rejected"
    );
}

#[test]
fn clean_bases_are_valid_for_both() {
    let Some(xsd) = common::official_schemas("schema_differential::clean_bases_are_valid_for_both")
    else {
        return;
    };
    let bases = bases();
    let cases: Vec<Case> = bases
        .iter()
        .map(|(y, f, i)| Case {
            what: format!("clean {y}"),
            fag: f.clone(),
            ident: i.clone(),
        })
        .collect();
    for ident_side in [false, true] {
        let schema = if ident_side {
            IDENT_XSD
        } else {
            FAGMELDING_XSD
        };
        let (wrong, rejected) = judge(&xsd, schema, &cases, ident_side, "clean");
        assert_eq!(rejected, 0, "a clean base breaks {schema}");
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
    for (_, f, i) in &bases {
        let r = run(f.as_bytes(), i.as_bytes());
        assert!(
            r.findings.iter().all(|f| f.severity > Severity::Error),
            "a clean base has errors: {:#?}",
            r.findings
        );
    }
}

#[test]
fn fil17_agrees_with_xmllint_on_mutated_fagmeldinger() {
    let Some(xsd) = common::official_schemas(
        "schema_differential::fil17_agrees_with_xmllint_on_mutated_fagmeldinger",
    ) else {
        return;
    };
    let n = count("IPLOS_SCHEMA_MUTATIONS", DEFAULT_FAGMELDING);
    let cases = cases_for(false, n, 0x1234_5678_9abc_def1);
    let (wrong, rejected) = judge(&xsd, FAGMELDING_XSD, &cases, false, "fag");
    report("fagmelding", n, rejected, &wrong);
}

#[test]
fn fil17_agrees_with_xmllint_on_mutated_identmeldinger() {
    let Some(xsd) = common::official_schemas(
        "schema_differential::fil17_agrees_with_xmllint_on_mutated_identmeldinger",
    ) else {
        return;
    };
    let n = count("IPLOS_SCHEMA_MUTATIONS", DEFAULT_IDENT * 3) / 3;
    let cases = cases_for(true, n, 0x0fed_cba9_8765_4321);
    let (wrong, rejected) = judge(&xsd, IDENT_XSD, &cases, true, "ident");
    report("identmelding", n, rejected, &wrong);
}

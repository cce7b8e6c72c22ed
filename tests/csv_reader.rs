//! The flat CSV reader (docs/format.md §4): delimiters, column aliases, value
//! normalisation, grouping of adjacent rows into persons, reading window by
//! window, and the reader's own findings (FIL-01, FIL-02, FIL-09, FIL-10,
//! PER-09, PER-21). Identity numbers are synthetic (month + 80) or plainly
//! fake where the value does not matter.

use iplos_sjekk::csv_reader::{read, CsvReader, CsvSummary, MAX_ROW};
use iplos_sjekk::date::Date;
use iplos_sjekk::fnr::{self, Sex};
use iplos_sjekk::model::{Field, Header, Note, Person, Pos, Record, Sink};
use iplos_sjekk::profile::Profile;

#[derive(Default)]
struct Collect {
    headers: Vec<Header>,
    persons: Vec<Person>,
    notes: Vec<Note>,
    /// Persons handed over before the header.
    early: usize,
    /// A Fatal note (FIL-01, FIL-02) was handed over.
    fatal: bool,
    /// Headers and persons handed over after a Fatal note.
    late: usize,
}

impl Sink for Collect {
    fn header(&mut self, header: Header) {
        self.late += usize::from(self.fatal);
        self.headers.push(header);
    }
    fn person(&mut self, person: Person) {
        if self.headers.is_empty() {
            self.early += 1;
        }
        self.late += usize::from(self.fatal);
        self.persons.push(person);
    }
    fn note(&mut self, note: Note) {
        self.fatal |= matches!(note.code, "FIL-01" | "FIL-02");
        self.notes.push(note);
    }
}

impl Collect {
    fn codes(&self) -> Vec<&'static str> {
        self.notes.iter().map(|n| n.code).collect()
    }

    fn person_codes(&self) -> Vec<&'static str> {
        self.persons
            .iter()
            .flat_map(|p| p.notes.iter().map(|n| n.code))
            .collect()
    }
}

fn run(text: &str) -> (CsvSummary, Collect) {
    let profile = Profile::builtin("iplos-csv").unwrap();
    let mut sink = Collect::default();
    let summary = read(text, &profile, &mut sink);
    assert_eq!(sink.early, 0, "a person came before the header");
    assert_eq!(summary.fatal, sink.fatal);
    assert_eq!(sink.late, 0, "nothing is handed over after a Fatal note");
    if summary.fatal {
        assert!(sink.headers.len() <= 1);
    } else {
        assert_eq!(sink.headers.len(), 1, "the header is handed over once");
    }
    (summary, sink)
}

/// Reads `text` in windows of `size` bytes the way the engine does: what
/// a call leaves unread comes again with the next window.
fn run_in_windows(text: &str, size: usize) -> (CsvSummary, Collect) {
    let mut r = CsvReader::new(Profile::builtin("iplos-csv").unwrap());
    let mut sink = Collect::default();
    let mut pending = String::new();
    let mut at = 0;
    loop {
        let mut end = (at + size).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        pending.push_str(&text[at..end]);
        at = end;
        let last = at == text.len();
        let mut used = r.feed(&pending, last, &mut sink);
        if r.has_fid().is_some() {
            used += r.feed(&pending[used..], last, &mut sink);
        }
        pending.drain(..used);
        if last {
            break;
        }
    }
    let summary = r.finish(&mut sink);
    assert_eq!(sink.early, 0, "a person came before the header");
    assert_eq!(sink.late, 0, "nothing is handed over after a Fatal note");
    (summary, sink)
}

/// What a reading handed over, comparable across window sizes.
fn seen(s: &CsvSummary, c: &Collect) -> String {
    format!("{s:?}\n{:?}\n{:?}\n{:?}", c.headers, c.persons, c.notes)
}

fn text(rec: &Record, f: Field) -> Option<&str> {
    rec.text(f)
}

fn fid(day: u8, month: u8, year: u16, sex: Sex) -> String {
    fnr::synthetic_fnr(Date::new(year, month, day).unwrap(), 100, sex)
}

/// The longest run of digits: an identity number must never show whole.
fn longest_digit_run(s: &str) -> usize {
    s.split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

#[test]
fn delimiter_is_detected() {
    let cases = [
        ("pePeID;tjTjenType;timer\n1;15;7,5\n", b';'),
        ("pePeID,tjTjenType,timer\n1,15,\"7,5\"\n", b','),
        ("pePeID\ttjTjenType\ttimer\n1\t15\t7,5\n", b'\t'),
        ("pePeID|tjTjenType|timer\n1|15|7,5\n", b'|'),
        // Delimiters inside quotes do not count.
        ("\"pe;Pe;ID\",tjTjenType,timer\n1,15,\"7,5\"\n", b','),
        // Blank lines before the header are skipped.
        ("\n  \npePeID|tjTjenType|timer\n1|15|7,5\n", b'|'),
    ];
    for (csv, delim) in cases {
        let (s, c) = run(csv);
        assert_eq!(s.delimiter, delim, "{csv:?}");
        assert_eq!(s.columns, 3, "{csv:?}");
        assert_eq!(s.rows, 1, "{csv:?}");
        let tj = &c.persons[0].tjenester[0];
        assert_eq!(text(tj, Field::tjTjenType), Some("15"), "{csv:?}");
        assert_eq!(text(tj, Field::tjTimerUke), Some("7.5"), "{csv:?}");
    }
}

#[test]
fn aliases_fold_case_and_separators() {
    let f = fid(12, 4, 1938, Sex::Female);
    let csv = format!(
        "BRUKERNR;Kjønn;Fødselsnummer;Fra dato;til-dato;Timer;TJ_TJEN_TYPE;kommune_nr;Bydel;Husstand;ALDER\n\
         7;K;{f};01.02.2025;2025-12-31;4,5;15;4601;03;1;87\n"
    );
    let (_, c) = run(&csv);
    assert!(c.notes.is_empty(), "{:?}", c.notes);
    let p = &c.persons[0];
    assert_eq!(p.pe_id(), Some("7"));
    assert_eq!(p.fid(), Some(f.as_str()));
    assert_eq!(text(&p.rec, Field::peKjonn), Some("K"));
    assert_eq!(text(&p.rec, Field::peKomnr), Some("4601"));
    assert_eq!(text(&p.rec, Field::peBydelsnr), Some("03"));
    assert_eq!(text(&p.rec, Field::peAlder), Some("87"));
    assert_eq!(text(&p.oppl[0], Field::poHusstand), Some("1"));
    let tj = &p.tjenester[0];
    assert_eq!(text(tj, Field::tjFraDato), Some("20250201"));
    assert_eq!(text(tj, Field::tjTilDato), Some("20251231"));
    assert_eq!(text(tj, Field::tjTimerUke), Some("4.5"));
    assert_eq!(text(tj, Field::tjTjenType), Some("15"));
}

#[test]
fn values_are_trimmed_and_normalised() {
    // (column, cell, expected value; None = absent)
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("tjFraDato", "20250301", Some("20250301")),
        ("tjFraDato", "2025-03-01", Some("20250301")),
        ("tjFraDato", "01.03.2025", Some("20250301")),
        ("tjFraDato", "1.3.2025", Some("20250301")),
        ("tjFraDato", "  01.03.2025 ", Some("20250301")),
        // An impossible day keeps its digits: the rules report it.
        ("tjFraDato", "31.02.2025", Some("20250231")),
        // Not a known form: kept as written.
        ("tjFraDato", "2025/03/01", Some("2025/03/01")),
        ("tjFraDato", "01.03.25", Some("01.03.25")),
        ("tjFraDato", "   ", None),
        ("tjTimerUke", "7,5", Some("7.5")),
        ("tjTimerUke", "7.5", Some("7.5")),
        ("tjTimerUke", "1.234,5", Some("1.234,5")),
        ("tjResTimerUke", "0,25", Some("0.25")),
        // Only decimals get the comma treatment.
        ("tjInstOrgnr", "974,123452", Some("974,123452")),
        ("tjVedtDato", "2025-1-9", Some("20250109")),
    ];
    for &(col, cell, want) in cases {
        let csv = format!("pePeID;tjTjenType;{col}\n1;15;\"{cell}\"\n");
        let (_, c) = run(&csv);
        let f = Field::from_name(col).unwrap();
        let got = c.persons[0].tjenester[0].get(f).map(|v| v.raw.as_str());
        assert_eq!(got, want, "{col} = {cell:?}");
    }
    let (_, c) = run("pePeID;poVurdTann;peFraDato\n1;2025-03;15.01.2025\n");
    let p = &c.persons[0];
    assert_eq!(text(&p.oppl[0], Field::poVurdTann), Some("202503"));
    assert_eq!(text(&p.rec, Field::peFraDato), Some("20250115"));
}

#[test]
fn positions_are_line_and_field_number() {
    // Blank lines and CRLF endings must not shift the line numbers.
    let csv = "pePeID;tjTjenType;tjTimerUke\r\n\r\n1;15;5\r\n\r\n\r\n2;1;\"3\r\n\"\r\n2;7;4\r\n";
    let (s, c) = run(csv);
    assert_eq!(s.rows, 3);
    let p1 = &c.persons[0];
    assert_eq!(p1.rec.pos, Pos { line: 3, column: 1 });
    assert_eq!(
        p1.tjenester[0].pos_of(Field::tjTimerUke),
        Pos { line: 3, column: 3 }
    );
    let p2 = &c.persons[1];
    assert_eq!(p2.rec.pos.line, 6);
    assert_eq!(
        p2.tjenester[1].pos_of(Field::tjTjenType),
        Pos { line: 8, column: 2 }
    );
}

#[test]
fn adjacent_rows_group_into_one_person() {
    let csv = "pePeID;peKomnr;tjTjenType\n\
               20;4601;15\n\
               20;4601;7\n\
               10;4601;1\n\
               10;4601;9\n\
               30;4601;\n";
    let (s, c) = run(csv);
    assert_eq!(s.rows, 5);
    let ids: Vec<_> = c.persons.iter().map(|p| p.pe_id().unwrap()).collect();
    assert_eq!(ids, ["20", "10", "30"]);
    let idx: Vec<_> = c.persons.iter().map(|p| p.index).collect();
    assert_eq!(idx, [1, 2, 3]);
    let services: Vec<_> = c.persons.iter().map(|p| p.tjenester.len()).collect();
    assert_eq!(
        services,
        [2, 2, 0],
        "a row without service columns adds no TJENESTE"
    );
    assert_eq!(c.persons[0].rec.pos.line, 2);
    assert_eq!(c.persons[1].rec.pos.line, 4);
    assert!(c.person_codes().is_empty());
}

/// Rows are read as they come: a person whose rows do not stand together
/// becomes two persons with the same key, and the report says so once.
#[test]
fn split_rows_are_two_persons_reported_once() {
    let csv = "pePeID;peKomnr;tjTjenType\n\
               20;4601;15\n\
               10;4601;1\n\
               20;4601;7\n\
               30;4601;\n\
               10;4601;9\n";
    let (s, c) = run(csv);
    assert_eq!(s.rows, 5);
    let ids: Vec<_> = c.persons.iter().map(|p| p.pe_id().unwrap()).collect();
    assert_eq!(ids, ["20", "10", "20", "30", "10"]);
    let idx: Vec<_> = c.persons.iter().map(|p| p.index).collect();
    assert_eq!(idx, [1, 2, 3, 4, 5]);
    // A repeated pePeID is the engine's PER-09; the reader adds nothing.
    assert!(c.person_codes().is_empty());
    let codes = |csv: &str| {
        let r = iplos_sjekk::check(
            iplos_sjekk::Input::new("f.csv", csv.as_bytes()),
            None,
            &iplos_sjekk::Options {
                year: Some(2025),
                ..Default::default()
            },
        );
        r.findings
            .iter()
            .filter(|f| matches!(f.code, "PER-08" | "PER-09"))
            .map(|f| (f.code, f.line.unwrap(), f.message.clone()))
            .collect::<Vec<_>>()
    };
    let found = codes(csv);
    let lines: Vec<_> = found.iter().map(|(c, l, _)| (*c, *l)).collect();
    assert_eq!(lines, [("PER-09", 4), ("PER-09", 6)]);
    assert!(found[0].2.contains("linje 2"), "{}", found[0].2);
    assert!(found[1].2.contains("linje 3"), "{}", found[1].2);

    // Keyed by an identity number: the engine's PER-08, once.
    let a = fid(3, 11, 1951, Sex::Male);
    let b = fid(20, 6, 2009, Sex::Female);
    let found = codes(&format!("fnr;tjTjenType\n{a};1\n{b};7\n{a};15\n"));
    let lines: Vec<_> = found.iter().map(|(c, l, _)| (*c, *l)).collect();
    assert_eq!(lines, [("PER-08", 4)]);

    // An identity the engine does not track: the reader's PER-09, once.
    let csv = "fnr;tjTjenType\nX-17;1\nX-18;7\nX-17;15\n";
    let (_, c) = run(csv);
    assert_eq!(c.person_codes(), ["PER-09"]);
    let note = &c.persons[2].notes[0];
    assert_eq!(note.pos, Pos { line: 4, column: 1 });
    assert!(
        note.nb.contains("står ikke samlet") && note.nb.contains("linje 2"),
        "{}",
        note.nb
    );
    assert!(note.en.contains("sort the export"), "{}", note.en);
    let found = codes(csv);
    let lines: Vec<_> = found.iter().map(|(c, l, _)| (*c, *l)).collect();
    assert_eq!(lines, [("PER-09", 4)]);
}

#[test]
fn without_pe_pe_id_rows_group_by_identity() {
    let a = fid(3, 11, 1951, Sex::Male);
    let b = fid(20, 6, 2009, Sex::Female);
    let csv = format!("fnr;tjTjenType\n{a};1\n{a};15\n{b};7\n");
    let (_, c) = run(&csv);
    assert_eq!(c.persons.len(), 2);
    assert_eq!(c.persons[0].fid(), Some(a.as_str()));
    assert_eq!(c.persons[0].tjenester.len(), 2);
    // A pePeID, where there is one, wins over the identity.
    let csv = format!("pePeID;fnr;tjTjenType\n1;{a};1\n2;{a};15\n");
    let (_, c) = run(&csv);
    assert_eq!(c.persons.len(), 2);
    // Neither column: every row is a person of its own.
    let (_, c) = run("peKomnr;tjTjenType\n4601;1\n4601;2\n");
    assert_eq!(c.persons.len(), 2);
}

#[test]
fn differing_person_fields_are_per_21_once_per_field() {
    let a = fid(12, 4, 1938, Sex::Female);
    let b = fid(13, 4, 1938, Sex::Female);
    let csv = format!(
        "pePeID;fid;peKjonn;peBydelsnr;tjTjenType\n\
         1;{a};K;03;15\n\
         1;{b};M;;1\n\
         1;{a};M;03;7\n\
         2;{b};K;;1\n\
         2;{b};K;05;1\n"
    );
    let (_, c) = run(&csv);
    let p1 = &c.persons[0];
    let fields: Vec<_> = p1.notes.iter().map(|n| (n.code, n.pos)).collect();
    assert_eq!(
        fields,
        [
            ("PER-21", Pos { line: 3, column: 2 }),
            ("PER-21", Pos { line: 3, column: 3 }),
            ("PER-21", Pos { line: 3, column: 4 }),
        ]
    );
    let fid_note = &p1.notes[0];
    for part in ["fid", "linje 2", "linje 3", "*****"] {
        assert!(fid_note.nb.contains(part), "{part}: {}", fid_note.nb);
    }
    for n in c.persons.iter().flat_map(|p| &p.notes) {
        assert!(longest_digit_run(&n.nb) < 11, "{}", n.nb);
        assert!(longest_digit_run(&n.en) < 11, "{}", n.en);
        assert!(!n.schema);
    }
    let kjonn = &p1.notes[1];
    assert!(
        kjonn.nb.contains("peKjonn") && kjonn.nb.contains("«K»") && kjonn.nb.contains("«M»"),
        "{}",
        kjonn.nb
    );
    // The first value stays.
    assert_eq!(text(&p1.rec, Field::peKjonn), Some("K"));
    // A value missing on the first row is filled in, and reported.
    let p2 = &c.persons[1];
    assert_eq!(p2.notes.len(), 1);
    assert!(
        p2.notes[0].nb.contains("peBydelsnr") && p2.notes[0].nb.contains("tom"),
        "{}",
        p2.notes[0].nb
    );
    assert_eq!(text(&p2.rec, Field::peBydelsnr), Some("05"));
    assert!(c.notes.is_empty());
}

#[test]
fn rows_with_too_few_or_many_fields_are_fil_10() {
    let csv = "pePeID;tjTjenType;tjTimerUke\n1;15;5\n2;1\n3;7;4;extra\n";
    let (s, c) = run(csv);
    assert_eq!(s.rows, 3);
    assert_eq!(c.codes(), ["FIL-10", "FIL-10"]);
    assert_eq!(c.notes[0].pos.line, 3);
    assert!(
        c.notes[0].nb.contains("2 felt") && c.notes[0].nb.contains("har 3"),
        "{}",
        c.notes[0].nb
    );
    assert_eq!(c.notes[1].pos.line, 4);
    assert!(c.notes[1].en.contains("4 fields"), "{}", c.notes[1].en);
    // The fields that are there are still read.
    assert_eq!(c.persons.len(), 3);
    assert_eq!(
        text(&c.persons[1].tjenester[0], Field::tjTjenType),
        Some("1")
    );
    assert_eq!(
        text(&c.persons[2].tjenester[0], Field::tjTimerUke),
        Some("4")
    );
}

#[test]
fn broken_quoting_is_fil_01_at_the_opening_quote() {
    let cases: &[(&str, Pos)] = &[
        // Never closed: the csv crate would read to the end of the file.
        (
            "pePeID;tjTjenType\n1;15\n2;\"15\n3;7\n",
            Pos { line: 3, column: 2 },
        ),
        ("pePeID;tjTjenType\n\"1;15\n", Pos { line: 2, column: 1 }),
        // Closed, then followed by text.
        ("pePeID;tjTjenType\n1;\"15\"x\n", Pos { line: 2, column: 2 }),
        (
            "pePeID;tjTjenType\n1;\"15\n\"\" \" 7;\n",
            Pos { line: 2, column: 2 },
        ),
        // In the header.
        ("pePeID;\"tjTjenType\n1;15\n", Pos { line: 1, column: 2 }),
    ];
    for &(csv, pos) in cases {
        let (s, c) = run(csv);
        assert!(s.fatal, "{csv:?}");
        assert_eq!(c.codes(), ["FIL-01"], "{csv:?}");
        assert_eq!(c.notes[0].pos, pos, "{csv:?}");
        let line = format!("linje {}", pos.line);
        assert!(c.notes[0].nb.contains(&line), "{}", c.notes[0].nb);
    }
    // Good quoting: escaped quotes, line breaks and delimiters inside,
    // blanks after the closing quote, quotes inside an unquoted field.
    let fine = "pePeID;tjTjenType;peKomnr\n\
                \"1\";\"1\"\"5\";\"46\n01\"  \n\
                2;5\" tommer;\"a;b\"\n";
    let (s, c) = run(fine);
    assert!(!s.fatal && c.notes.is_empty(), "{:?}", c.notes);
    assert_eq!(
        text(&c.persons[0].tjenester[0], Field::tjTjenType),
        Some("1\"5")
    );
    assert_eq!(text(&c.persons[0].rec, Field::peKomnr), Some("46\n01"));
    assert_eq!(c.persons[1].rec.pos.line, 4);
}

#[test]
fn a_header_without_known_columns_is_fil_02() {
    for csv in [
        "navn;adresse;telefon\nKari;Gata 1;12345678\n",
        "",
        "\n\n  \n",
        ";;;\n1;2;3\n",
    ] {
        let (s, c) = run(csv);
        assert!(s.fatal, "{csv:?}");
        assert_eq!(c.codes(), ["FIL-02"], "{csv:?}");
        assert!(c.persons.is_empty());
    }
    let (_, c) = run("navn;adresse;telefon\nKari;Gata 1;12345678\n");
    assert!(c.notes[0].nb.contains("«navn»"), "{}", c.notes[0].nb);
}

#[test]
fn unknown_columns_are_fil_09_once_per_name_with_a_count() {
    let csv =
        "pePeID;merknad;tjTjenType;merknad;Navn;;;merknad;fnr;fødselsnummer\n1;a;15;b;Kari;;;c;;\n";
    let (s, c) = run(csv);
    assert!(!s.fatal);
    assert_eq!(c.codes(), ["FIL-09"; 4]);
    let merknad = &c.notes[0];
    assert_eq!(merknad.pos, Pos { line: 1, column: 2 });
    assert!(
        merknad.nb.contains("«merknad»") && merknad.nb.contains("3 kolonner"),
        "{}",
        merknad.nb
    );
    assert!(merknad.en.contains("3 columns"), "{}", merknad.en);
    // A contact field of the XML header is not read from a row.
    assert!(c.notes[1].nb.contains("«Navn»"), "{}", c.notes[1].nb);
    assert!(
        c.notes[2].nb.contains("uten navn") && c.notes[2].nb.contains("2 kolonner"),
        "{}",
        c.notes[2].nb
    );
    // A second column for the same field is not read.
    let dup = &c.notes[3];
    assert!(
        dup.nb.contains("«fødselsnummer»") && dup.nb.contains("«fnr»"),
        "{}",
        dup.nb
    );
    assert!(c.notes.iter().all(|n| !n.schema));
    assert_eq!(c.persons.len(), 1);
}

#[test]
fn a_million_empty_columns_finish() {
    let mut csv = String::from("pePeID;tjTjenType");
    csv.push_str(&";".repeat(1_000_000));
    csv.push_str("\n1;15\n");
    let (s, c) = run(&csv);
    assert_eq!(s.columns, 1_000_002);
    assert_eq!(c.codes(), ["FIL-09", "FIL-10"]);
    assert!(
        c.notes[0].nb.contains("1000000 kolonner"),
        "{}",
        c.notes[0].nb
    );
    assert_eq!(c.persons.len(), 1);

    // Only empty columns: nothing is known.
    let (s, c) = run(&";".repeat(1_000_000));
    assert!(s.fatal);
    assert_eq!(c.codes(), ["FIL-02"]);
}

#[test]
fn funk_columns_give_one_funksjon_each() {
    let mut header = String::from("pePeID;tjTjenType");
    let mut row = String::from("1;15");
    for n in 1..=20 {
        header.push_str(&format!(";funk{n}"));
        row.push_str(&format!(";{}", if n == 20 { 9 } else { n % 5 + 1 }));
    }
    header.push_str(";fnFraDato;fnTilDato");
    let csv = format!(
        "{header}\n{row};01.02.2025;31.12.2025\n{row};01.02.2025;31.12.2025\n1;7{};;\n",
        ";".repeat(20)
    );
    let (_, c) = run(&csv);
    assert!(c.notes.is_empty(), "{:?}", c.notes);
    let p = &c.persons[0];
    assert_eq!(p.tjenester.len(), 3);
    assert_eq!(p.funksjoner.len(), 20, "identical repeats are one FUNKSJON");
    for (i, f) in p.funksjoner.iter().enumerate() {
        let n = i + 1;
        assert_eq!(text(f, Field::fnFunkType), Some(n.to_string().as_str()));
        assert_eq!(
            f.pos_of(Field::fnFunkVerdi),
            Pos {
                line: 2,
                column: n as u32 + 2
            }
        );
        assert_eq!(text(f, Field::fnFraDato), Some("20250201"));
        assert_eq!(text(f, Field::fnTilDato), Some("20251231"));
    }
    assert_eq!(text(&p.funksjoner[19], Field::fnFunkVerdi), Some("9"));
    // A changed score is a second FUNKSJON of that type.
    let (_, c) = run("pePeID;funk3;fnFraDato\n1;2;20250101\n1;4;20250601\n");
    assert_eq!(c.persons[0].funksjoner.len(), 2);
}

#[test]
fn posttype_rows_give_dogntilbud_and_diagnose() {
    let csv = "pePeID;posttype;tjTjenType;orgnr;fra dato;til dato;dgInstOrgnr;dgFraDato;diKodeVersjon;diagnosekode\n\
               1;;15;974123452;01.01.2025;;;;;\n\
               1;dogntilbud;;;;;974123460;2025-03-01;;\n\
               1;Døgntilbud;;974123452;05.05.2025;10.05.2025;;;;\n\
               1;diagnose;;;01.02.2025;;;;ICPC-2;P70\n\
               1;DIAGNOSE;;;01.02.2025;;;;ICPC-2;P70\n\
               1;person;;;;;;;;\n\
               1;ukjent;1;;;;;;;\n";
    let (_, c) = run(csv);
    let p = &c.persons[0];
    assert_eq!(
        p.tjenester.len(),
        2,
        "the service row and the unknown posttype"
    );
    assert_eq!(p.dogntilbud.len(), 2);
    let d1 = &p.dogntilbud[0];
    assert_eq!(text(d1, Field::dgInstOrgnr), Some("974123460"));
    assert_eq!(text(d1, Field::dgFraDato), Some("20250301"));
    assert_eq!(d1.pos, Pos { line: 3, column: 1 });
    // Shared columns fill the DOGNTILBUD fields.
    let d2 = &p.dogntilbud[1];
    assert_eq!(text(d2, Field::dgInstOrgnr), Some("974123452"));
    assert_eq!(text(d2, Field::dgFraDato), Some("20250505"));
    assert_eq!(text(d2, Field::dgTilDato), Some("20250510"));
    assert_eq!(p.diagnoser.len(), 1, "identical repeats are one DIAGNOSE");
    let di = &p.diagnoser[0];
    assert_eq!(text(di, Field::diDiagKode), Some("P70"));
    assert_eq!(text(di, Field::diFraDato), Some("20250201"));
    assert_eq!(c.codes(), ["FIL-09"]);
    assert!(c.notes[0].nb.contains("«ukjent»"), "{}", c.notes[0].nb);
    assert_eq!(c.notes[0].pos, Pos { line: 8, column: 2 });
}

#[test]
fn personoppl_is_one_record_per_distinct_content() {
    let csv = "pePeID;husstand;poIndPlan;tjTjenType\n1;1;2;15\n1;1;2;1\n1;2;2;7\n2;;;1\n";
    let (_, c) = run(csv);
    assert_eq!(c.persons[0].oppl.len(), 2);
    assert_eq!(text(&c.persons[0].oppl[1], Field::poHusstand), Some("2"));
    assert!(c.persons[1].oppl.is_empty());
}

#[test]
fn innhinfo_columns_fill_the_header_from_the_first_row() {
    let csv = "iiKomnr;iiFraDato;iiTilDato;iiSysID;pePeID;tjTjenType\n\
               4601;01.01.2025;31.12.2025;Fagsystem;1;15\n\
               4601;01.01.2025;31.12.2025;Fagsystem;2;1\n";
    let (_, c) = run(csv);
    let h = &c.headers[0];
    assert!(h.root.fields.is_empty() && h.namespace.is_none());
    let ii = h.innhinfo.as_ref().unwrap();
    assert_eq!(text(ii, Field::iiKomnr), Some("4601"));
    assert_eq!(text(ii, Field::iiFraDato), Some("20250101"));
    assert_eq!(text(ii, Field::iiSysID), Some("Fagsystem"));
    assert_eq!(ii.pos.line, 2);
    assert_eq!(c.persons.len(), 2);

    let (_, c) = run("pePeID;tjTjenType\n1;15\n");
    assert!(c.headers[0].innhinfo.is_none());
}

#[test]
fn a_header_only_file_has_no_persons() {
    let (s, c) = run("pePeID;tjTjenType\r\n");
    assert!(!s.fatal);
    assert_eq!(s.rows, 0);
    assert!(c.persons.is_empty() && c.notes.is_empty());
    assert_eq!(c.headers.len(), 1);
}

/// Both fixtures hold the same clean file for Bergen (4601), 2025, with
/// bydel: one in UTF-8, one in Windows-1252.
#[test]
fn the_fixtures_read_cleanly_in_both_encodings() {
    let utf8 = include_str!("fixtures/csv-utf8.csv");
    let cp1252 = include_bytes!("fixtures/csv-cp1252.csv");
    assert!(
        cp1252.contains(&0xF8),
        "the cp1252 fixture has ø as one byte"
    );
    let (decoded, _, bad) = encoding_rs::WINDOWS_1252.decode(cp1252);
    assert!(!bad);
    assert_eq!(decoded, utf8);

    let (s, c) = run(utf8);
    assert_eq!(s.delimiter, b';');
    assert_eq!(s.rows, 5);
    assert!(
        c.notes.is_empty() && c.person_codes().is_empty(),
        "{:?}",
        c.notes
    );
    assert_eq!(c.persons.len(), 3);
    for p in &c.persons {
        assert_eq!(text(&p.rec, Field::peKomnr), Some("4601"));
        assert_eq!(p.funksjoner.len(), 20);
        assert_eq!(p.oppl.len(), 1);
        assert!(!p.tjenester.is_empty());
        let id = fnr::analyse(p.fid().unwrap());
        assert!(id.synthetic, "fixtures use synthetic identities");
        assert_eq!(id.check, fnr::CheckDigits::Valid);
        let male = text(&p.rec, Field::peKjonn) == Some("M");
        assert_eq!(id.sex == Some(Sex::Male), male);
        for tj in &p.tjenester {
            if let Some(org) = text(tj, Field::tjInstOrgnr) {
                assert!(fnr::orgnr_valid(org), "{org}");
            }
        }
    }
    assert_eq!(
        text(&c.persons[1].tjenester[0], Field::tjTimerUke),
        Some("3.5")
    );
}

#[test]
fn very_many_unknown_names_share_one_note_after_the_first_hundred() {
    let mut csv = String::from("pePeID;tjTjenType");
    for i in 0..150 {
        csv.push_str(&format!(";x{i};x{i}"));
    }
    csv.push_str("\n1;15\n");
    let (_, c) = run(&csv);
    let fil09: Vec<_> = c.notes.iter().filter(|n| n.code == "FIL-09").collect();
    assert_eq!(fil09.len(), 101);
    assert!(fil09[99].nb.contains("«x99»"), "{}", fil09[99].nb);
    let rest = fil09[100];
    assert!(
        rest.nb.contains("50 kolonnenavn") && rest.nb.contains("100 kolonner"),
        "{}",
        rest.nb
    );
    assert_eq!(rest.pos.column, 203);
}

/// A file with what makes streaming hard: a byte-order mark, CRLF, blank
/// lines, quoted fields holding line breaks, delimiters and doubled quotes,
/// non-ASCII text, a short row, an unknown `posttype` and a split person.
fn awkward_csv() -> String {
    let a = fid(12, 4, 1938, Sex::Female);
    let b = fid(3, 11, 1951, Sex::Male);
    format!(
        "\u{feff}pePeID;fid;merknad;posttype;tjTjenType;tjTimerUke;fra dato\r\n\
         \r\n\
         1;{a};\"første linje\r\nandre; linje\";;15;\"7,5\";01.02.2025\r\n\
         1;{a};\"sitat: \"\"Åse\"\"\n\n;\";ukjent;1;2;2025-03-01\r\n\
         2;{b};;;7;;\r\n\
         2;{b};kort\r\n\
         \"1\";{a};\"\";dogntilbud;;;\r\n\
         3;{b};\"ende\"  "
    )
}

#[test]
fn every_window_size_reads_the_same() {
    let csv = awkward_csv();
    let (s, c) = run(&csv);
    assert!(!s.fatal, "{:?}", c.notes);
    assert_eq!(s.rows, 6);
    let ids: Vec<_> = c.persons.iter().map(|p| p.pe_id().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "1", "3"]);
    let lines: Vec<_> = c.persons.iter().map(|p| p.rec.pos.line).collect();
    assert_eq!(lines, [3, 8, 10, 11]);
    let p1 = &c.persons[0];
    assert_eq!(p1.tjenester.len(), 2);
    assert_eq!(text(&p1.tjenester[0], Field::tjTimerUke), Some("7.5"));
    assert_eq!(
        p1.tjenester[1].pos_of(Field::tjFraDato),
        Pos { line: 5, column: 7 }
    );
    assert_eq!(c.codes(), ["FIL-09", "FIL-10", "FIL-10", "FIL-09"]);
    assert_eq!(c.notes[1].pos.line, 9);
    assert_eq!(c.notes[2].pos.line, 11);
    let whole = seen(&s, &c);
    for size in 1..=csv.len() {
        let (s, c) = run_in_windows(&csv, size);
        assert_eq!(seen(&s, &c), whole, "windows of {size} bytes");
    }
}

/// One byte-order mark is the file's; csv-core, which would skip one at
/// the start of what it reads (and again after each restart, as when a
/// window ends inside a row), must not take one at a row's start.
#[test]
fn only_the_file_s_byte_order_mark_is_skipped() {
    let csv = "\u{feff}pePeID;tjTjenType\n1;11\n\u{feff}2;11\n";
    for size in 1..=csv.len() {
        let (_, c) = run_in_windows(csv, size);
        let ids: Vec<_> = c.persons.iter().map(|p| p.pe_id().unwrap()).collect();
        assert_eq!(ids, ["1", "\u{feff}2"], "windows of {size} bytes");
    }
}

#[test]
fn broken_quoting_is_found_in_any_window() {
    let mut cases = vec![
        "pePeID;tjTjenType\n1;15\n2;\"15\n3;7\n".to_string(),
        "pePeID;tjTjenType\n1;\"15\"x\n2;7\n".to_string(),
        "pePeID;\"tjTjenType\n1;15\n".to_string(),
    ];
    // A quote left open in the last row, after complete persons.
    cases.push(format!("{}\n4;\"7\r\n\r\n", awkward_csv()));
    for csv in &cases {
        let (s, c) = run(csv);
        assert!(s.fatal && c.codes().last() == Some(&"FIL-01"), "{csv:?}");
        let whole = seen(&s, &c);
        for size in 1..=csv.len() {
            let (s, c) = run_in_windows(csv, size);
            assert_eq!(seen(&s, &c), whole, "{csv:?} in windows of {size}");
        }
    }
    let (_, c) = run(&cases[3]);
    assert_eq!(
        c.notes.last().unwrap().pos,
        Pos {
            line: 12,
            column: 2
        }
    );
    assert_eq!(c.persons.len(), 3, "the persons before the break");
}

/// Memory is bounded: a row longer than [`MAX_ROW`] is not held but
/// refused, at the quote left open, the same way in any window.
#[test]
fn a_row_longer_than_max_row_is_fil_01() {
    let mut quoted = String::from("pePeID;tjTjenType\n1;15\n\n2;\"15");
    quoted.push_str(&"x\n".repeat(MAX_ROW / 2 + 8));
    quoted.push_str("\"\n3;7\n");
    let mut plain = String::from("pePeID;tjTjenType\n1;15\n2;");
    plain.push_str(&"x".repeat(MAX_ROW + 8));
    for (csv, pos, words) in [
        (
            &quoted,
            Pos { line: 4, column: 2 },
            "lukkes ikke innen 16 MB",
        ),
        (&plain, Pos { line: 3, column: 1 }, "lengre enn 16 MB"),
    ] {
        let (s, c) = run(csv);
        assert!(s.fatal);
        assert_eq!(c.codes(), ["FIL-01"]);
        assert_eq!(c.notes[0].pos, pos);
        assert!(c.notes[0].nb.contains(words), "{}", c.notes[0].nb);
        let (s2, c2) = run_in_windows(csv, 3 << 20);
        assert_eq!(seen(&s2, &c2), seen(&s, &c));
    }
}

/// The reader keeps only the identity keys the engine does not track, and
/// keeps them exactly: leading zeros, digits past what fits a number, text,
/// and the same text as a `pePeID` and as an identity are all different
/// keys.
#[test]
fn split_identity_keys_are_told_apart_exactly() {
    // (rows' fnr, the persons whose rows are split, by index from 1)
    let long = "1234567890123456"; // 16 digits: kept as text
    let cases: Vec<(Vec<&str>, Vec<u32>)> = vec![
        (vec!["0123", "123", "0123"], vec![3]),
        (vec!["123", "0123", "00123", "123"], vec![4]),
        (vec!["7", "07", "007", "0007"], vec![]),
        (vec!["000", "00", "000"], vec![3]),
        (
            vec!["123456789012345", "12345678901234", "123456789012345"],
            vec![3],
        ),
        (vec![long, "123456789012345", long], vec![3]),
        (vec!["X-1", "x-1", "X-1", "X-1 "], vec![3]),
        (vec!["Ø1", "O1", "Ø1"], vec![3]),
        // 11 characters: the engine's PER-08, not the reader's note.
        (vec!["12345678901", "1", "12345678901"], vec![]),
        (vec!["ABCDEFGHIJK", "1", "ABCDEFGHIJK"], vec![]),
    ];
    for (keys, split) in cases {
        let mut csv = String::from("fnr;tjTjenType\n");
        for k in &keys {
            csv.push_str(&format!("{k};1\n"));
        }
        let (_, c) = run(&csv);
        let noted: Vec<u32> = c
            .persons
            .iter()
            .filter(|p| p.notes.iter().any(|n| n.code == "PER-09"))
            .map(|p| p.index)
            .collect();
        assert_eq!(noted, split, "{keys:?}");
        for p in &c.persons {
            for n in &p.notes {
                // The first row's line: the first person with that key.
                assert!(
                    n.nb.contains("linje 2") || n.nb.contains("linje 3"),
                    "{}",
                    n.nb
                );
            }
        }
    }
    // A row with a pePeID is keyed by it; one without by its identity. The
    // same text in both is two keys, and a repeated pePeID is the engine's.
    let csv = "pePeID;fnr;tjTjenType\n\
               123;;1\n\
               ;123;1\n\
               5;;1\n\
               123;;1\n\
               ;123;1\n";
    let (_, c) = run(csv);
    let noted: Vec<u32> = c
        .persons
        .iter()
        .filter(|p| !p.notes.is_empty())
        .map(|p| p.index)
        .collect();
    assert_eq!(noted, [5]);
    assert!(c.persons[4].notes[0].nb.contains("linje 3"));
}

/// A sink that hands its persons back to the reader's pool at once, the way
/// the engine does: reused persons and records must read exactly like new
/// ones (no value, note or PER-21 left over from the person before).
#[derive(Default)]
struct Recycle {
    inner: Collect,
    spent: Vec<Person>,
    recycled: usize,
}

impl Sink for Recycle {
    fn header(&mut self, header: Header) {
        self.inner.header(header);
    }
    fn person(&mut self, person: Person) {
        self.inner.person(person.clone());
        self.spent.push(person);
    }
    fn note(&mut self, note: Note) {
        self.inner.note(note);
    }
    fn recycle(&mut self, pool: &mut iplos_sjekk::model::Pool) {
        self.recycled += self.spent.len();
        for p in self.spent.drain(..) {
            pool.give(p);
        }
    }
}

#[test]
fn reused_persons_read_like_new_ones() {
    let a = fid(12, 4, 1938, Sex::Female);
    let b = fid(3, 11, 1951, Sex::Male);
    let mut csv = String::from(
        "pePeID;fid;peKomnr;posttype;tjTjenType;funk1;funk2;poHusstand;diKodeVersjon;diDiagKode\n",
    );
    for i in 0..600 {
        let (id, komnr) = if i % 3 == 0 {
            (&a, "4601")
        } else {
            (&b, "0301")
        };
        csv.push_str(&format!("{i};{id};{komnr};;15;{};3;1;;\n", i % 5));
        csv.push_str(&format!(
            "{i};{id};{};diagnose;;2;;;ICPC-2;P76\n",
            if i % 7 == 0 { "5001" } else { komnr }
        ));
        if i % 11 == 0 {
            csv.push_str(&format!("X-{i};;;dogntilbud;;;;;;\n"));
            csv.push_str(&format!(";X-{};;;7;;;;;\n", i / 2));
        }
    }
    csv.push_str(&awkward_csv());
    let (s, c) = run(&csv);
    let profile = Profile::builtin("iplos-csv").unwrap();
    let mut sink = Recycle::default();
    let s2 = read(&csv, &profile, &mut sink);
    assert!(sink.recycled > 500, "{}", sink.recycled);
    assert_eq!(seen(&s2, &sink.inner), seen(&s, &c));
    assert!(c.persons.iter().any(|p| !p.notes.is_empty()));
}

/// Unknown `posttype` values are counted per value and noted in the order
/// first met, however many different ones there are (each is looked up,
/// not searched for among the others).
#[test]
fn unknown_posttypes_are_counted_in_the_order_met() {
    let mut csv = String::from("pePeID;posttype;tjTjenType\n");
    for (i, v) in ["x", "y", "x", "z", "y", "x", "tjeneste"]
        .iter()
        .enumerate()
    {
        csv.push_str(&format!("{i};{v};1\n"));
    }
    for i in 0..20_000 {
        csv.push_str(&format!("{};pt{i};1\n", 100 + i));
    }
    let (_, c) = run(&csv);
    let fil09: Vec<&Note> = c.notes.iter().filter(|n| n.code == "FIL-09").collect();
    assert_eq!(fil09.len(), 3 + 20_000);
    for (n, (v, count, line)) in fil09.iter().zip([("x", 3, 2), ("y", 2, 3), ("z", 1, 5)]) {
        assert!(n.en.contains(&format!("«{v}» ({count} rows")), "{}", n.en);
        assert_eq!(n.pos, Pos { line, column: 2 });
    }
    assert!(fil09[3].en.contains("«pt0» (1 rows"), "{}", fil09[3].en);
    assert!(fil09.last().unwrap().en.contains("«pt19999» (1 rows"));
}

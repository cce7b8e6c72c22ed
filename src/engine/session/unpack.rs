//! Inputs that hold the fagmelding rather than being it, in front of the
//! readers: a hodemelding (unwrapped as it streams), a ZIP archive or a
//! workbook (held whole, then opened), and the kinds of file that are no
//! IPLOS file at all (one FIL-18). Each opened layer is a [`Front`]; the
//! bytes it gives out go on to the next, and the last feeds the same
//! stages a plain file goes through. What was opened is said once (FIL-21)
//! and kept for the provenance.

use super::*;
use crate::container::{self, Opened};
use crate::envelope::{Carried, EnvelopeInfo, Filter};
use crate::ident::IdentFile;
use crate::sniff::{self, Kind, Role, ZipKind};

/// One opened layer of the input.
pub(super) enum Front {
    /// A hodemelding: its payload goes on.
    Envelope(Box<Filter>),
    /// A ZIP or workbook, collected until the end of the input.
    Held(Vec<u8>),
    /// Nothing more is read (the input is of a kind that cannot be).
    Discard,
}

/// What was unwrapped, for the provenance.
#[derive(Default)]
pub(super) struct Unwrapped {
    pub envelope: Option<EnvelopeInfo>,
    /// What was opened, in the user's words, outermost first.
    pub layers: Vec<String>,
    /// The next stage reads CSV whatever its first bytes (a sheet).
    pub force_csv: bool,
    /// Inside a ZIP already (a ZIP in it is not opened).
    pub in_zip: bool,
}

fn fil21(nb: String, en: String) -> Note {
    Note::new("FIL-21", Pos::default(), nb, en)
}

fn msg_type_text(info: &EnvelopeInfo) -> (String, String) {
    let t = info.msg_type.as_deref().unwrap_or("uten meldingstype");
    let te = info.msg_type.as_deref().unwrap_or("without message type");
    let id = info
        .msg_id
        .as_deref()
        .map(|id| (format!(", MsgId {id}"), format!(", MsgId {id}")))
        .unwrap_or_default();
    (format!("{t}{}", id.0), format!("{te}{}", id.1))
}

/// The FIL-21 note for an opened hodemelding.
fn envelope_note(info: &EnvelopeInfo, what_nb: &str, what_en: &str) -> Note {
    let (t, te) = msg_type_text(info);
    let (how_nb, how_en) = match info.content {
        Some(Carried::Base64) => (
            " Innholdet var base64-kodet; linjenumrene gjelder det dekodede innholdet.",
            " The content was base64-encoded; line numbers are those of the decoded content.",
        ),
        _ => (
            " Linjenumrene gjelder hodemeldingen slik den er lagret.",
            " Line numbers are those of the saved hodemelding.",
        ),
    };
    fil21(
        format!("Filen er en hodemelding ({t}). Den er åpnet, og innholdet er kontrollert som {what_nb}.{how_nb}"),
        format!("The file is a hodemelding ({te}). It was opened, and its content was checked as {what_en}.{how_en}"),
    )
}

impl Session {
    /// Hands a chunk of the input to the first front, or to the readers.
    pub(super) fn push_payload(&mut self, chunk: &[u8]) {
        self.push_at(0, chunk);
    }

    fn push_at(&mut self, level: usize, chunk: &[u8]) {
        if level == self.fronts.len() {
            self.feed_plain(chunk);
            return;
        }
        match &mut self.fronts[level] {
            Front::Envelope(f) => {
                let mut out = Vec::with_capacity(chunk.len());
                f.feed(chunk, &mut out);
                if !out.is_empty() {
                    self.push_at(level + 1, &out);
                }
            }
            Front::Held(bytes) => {
                if bytes.len() + chunk.len() > container::MAX_ARCHIVE {
                    self.fronts[level] = Front::Discard;
                    self.stage = Stage::Stopped;
                    self.eng
                        .file_note(container::archive_too_big(), Source::Fagmelding);
                } else {
                    bytes.extend_from_slice(chunk);
                }
            }
            Front::Discard => {}
        }
    }

    /// Looks at the first bytes of what is to be read: a hodemelding, a ZIP
    /// or a file of another kind gets a front. Returns whether it did; the
    /// bytes have then gone into it.
    pub(super) fn open_front(&mut self, prefix: &[u8]) -> bool {
        if self.unwrapped.force_csv {
            return false;
        }
        let kind = sniff::classify(&prefix[..prefix.len().min(sniff::PREFIX)]);
        match kind {
            Kind::Envelope { .. } => {
                if self.unwrapped.envelope.is_some() {
                    self.stop(Note::new(
                        "FIL-02",
                        Pos::default(),
                        "Hodemeldingen inneholder en ny hodemelding. Velg meldingen med IPLOS-filen i.".into(),
                        "The hodemelding holds another hodemelding. Choose the message holding the IPLOS file.".into(),
                    ));
                    return true;
                }
                self.unwrapped.envelope = Some(EnvelopeInfo::default());
                self.fronts.push(Front::Envelope(Box::default()));
            }
            Kind::Zip(z) => {
                if self.unwrapped.in_zip && z == ZipKind::Archive {
                    self.stop(Note::new(
                        "FIL-18",
                        Pos::default(),
                        "ZIP-filen inneholder en ny ZIP-fil. Pakk ut den innerste og velg IPLOS-filen i den.".into(),
                        "The ZIP file holds another ZIP file. Unpack the innermost and choose the IPLOS file in it.".into(),
                    ));
                    return true;
                }
                self.fronts.push(Front::Held(Vec::new()));
            }
            Kind::Foreign(f) => {
                let (nb, en) = f.message();
                self.main_info.file.format = f.name().0.to_string();
                self.stop(Note::new("FIL-18", Pos::default(), nb, en));
                return true;
            }
            _ => return false,
        }
        self.stage = Stage::Sniff(Vec::new());
        let level = self.fronts.len() - 1;
        self.push_at(level, prefix);
        true
    }

    /// Nothing more is read: the note says why.
    fn stop(&mut self, note: Note) {
        self.fronts.push(Front::Discard);
        self.stage = Stage::Stopped;
        self.eng.file_note(note, Source::Fagmelding);
    }

    /// The end of the input: each front is finished in turn, outermost
    /// first, and the readers get their last bytes.
    pub(super) fn end_input(&mut self) {
        let mut level = 0;
        loop {
            if level == self.fronts.len() {
                if matches!(self.stage, Stage::Sniff(_)) {
                    self.start(true);
                    if level < self.fronts.len() {
                        continue; // the payload's first bytes opened a front
                    }
                } else {
                    self.feed(&[], true);
                }
                return;
            }
            let front = std::mem::replace(&mut self.fronts[level], Front::Discard);
            match front {
                Front::Envelope(mut f) => {
                    let mut out = Vec::new();
                    let end = f.finish(&mut out);
                    if !out.is_empty() {
                        self.push_at(level + 1, &out);
                    }
                    let info = f.info().clone();
                    match end {
                        Ok(()) => self.unwrapped.envelope = Some(info),
                        Err(note) => {
                            self.unwrapped.envelope = Some(info);
                            self.stop_at(level, note);
                            return;
                        }
                    }
                }
                Front::Held(bytes) => {
                    if let Err(note) = self.open_held(level, &bytes) {
                        self.stop_at(level, note);
                        return;
                    }
                }
                Front::Discard => return,
            }
            level += 1;
        }
    }

    /// A front failed: what the readers had is finished quietly, and the
    /// note says why the check stops.
    fn stop_at(&mut self, level: usize, note: Note) {
        self.fronts.truncate(level + 1);
        if let Stage::Xml { reader, .. } = std::mem::replace(&mut self.stage, Stage::Stopped) {
            let s = reader.finish_quiet();
            self.main_info.file.schema_version = s.versjon;
            self.main_info.namespace = s.namespace;
        }
        self.eng.file_note(note, Source::Fagmelding);
    }

    /// Opens a ZIP or workbook held whole and feeds what it holds on.
    fn open_held(&mut self, level: usize, bytes: &[u8]) -> Result<(), Note> {
        let (mut zip, opened) = container::open(bytes)?;
        match opened {
            Opened::Foreign(f) => {
                let (nb, en) = f.message();
                self.main_info.file.format = f.name().0.to_string();
                Err(Note::new("FIL-18", Pos::default(), nb, en))
            }
            Opened::Workbook(kind) => {
                drop(zip);
                self.unwrapped.force_csv = true;
                // Rows are handed on as they are made (about 1 MB at a time).
                let sheet =
                    container::workbook_csv(bytes, kind, &mut |b| self.push_at(level + 1, b))?;
                let (book_nb, book_en) = match kind {
                    ZipKind::Ods => ("et Calc-regneark (.ods)", "a Calc spreadsheet (.ods)"),
                    _ => ("en Excel-arbeidsbok (.xlsx)", "an Excel workbook (.xlsx)"),
                };
                let sheet_name = container::shown(&sheet.name);
                let (others_nb, others_en) = match sheet.others {
                    0 => (String::new(), String::new()),
                    1 => (
                        " Det andre arket er ikke lest.".to_string(),
                        " The other sheet was not read.".to_string(),
                    ),
                    n => (
                        format!(" De {n} andre arkene er ikke lest."),
                        format!(" The {n} other sheets were not read."),
                    ),
                };
                self.eng.file_note(
                    fil21(
                        format!("Filen er {book_nb}. Det første arket, «{sheet_name}», er lest som en CSV-eksport ({} rader med innhold); linjenummer er radnummeret i arket, og kolonne er kolonnen i arket (A = 1).{others_nb}", sheet.rows),
                        format!("The file is {book_en}. Its first sheet, «{sheet_name}», was read as a CSV export ({} rows with content); the line is the row number in the sheet, and the column the sheet's column (A = 1).{others_en}", sheet.rows),
                    ),
                    Source::Fagmelding,
                );
                self.unwrapped
                    .layers
                    .push(format!("{book_nb}, ark «{sheet_name}»"));
                Ok(())
            }
            Opened::Archive(entries) => self.open_archive(level, &mut zip, &entries),
        }
    }

    fn open_archive(
        &mut self,
        level: usize,
        zip: &mut container::Zip<'_>,
        entries: &[container::Entry],
    ) -> Result<(), Note> {
        let find = |role: Role| entries.iter().position(|e| e.kind.role() == role);
        let main = find(Role::Fagmelding);
        let listed = |skip: &[Option<usize>]| -> (String, String) {
            let others: Vec<&container::Entry> = entries
                .iter()
                .enumerate()
                .filter(|(i, _)| !skip.contains(&Some(*i)))
                .map(|(_, e)| e)
                .collect();
            let shown: Vec<String> = others
                .iter()
                .take(10)
                .map(|e| format!("«{}»", container::shown(&e.name)))
                .collect();
            let more = others.len().saturating_sub(10);
            let (mnb, men) = if more > 0 {
                (format!(" og {more} til"), format!(" and {more} more"))
            } else {
                (String::new(), String::new())
            };
            (
                format!("{}{mnb}", shown.join(", ")),
                format!("{}{men}", shown.join(", ")),
            )
        };
        let Some(main) = main else {
            let (nb, en) = if entries.is_empty() {
                ("ingen filer".to_string(), "no files".to_string())
            } else {
                listed(&[])
            };
            return Err(Note::new(
                "FIL-18",
                Pos::default(),
                format!("ZIP-filen inneholder ingen IPLOS-fil (den har {nb}). Velg ZIP-filen med IPLOS-meldingen, eller pakk den ut og velg IPLOS-filen."),
                format!("The ZIP file holds no IPLOS file (it has {en}). Choose the ZIP file with the IPLOS message, or unpack it and choose the IPLOS file."),
            ));
        };
        let ident = find(Role::Ident);
        // The identmelding first: the persons are joined with it as they come.
        let mut ident_used = None;
        if let Some(i) = ident {
            let e = &entries[i];
            if self.has_ident {
                ident_used = Some(false);
            } else {
                let bytes = container::read_whole(zip, e)?;
                let input = Input::new(&e.name, &bytes);
                let (mut info, notes, file) = read_ident(&input);
                info.file.file_name = format!("{} / {}", self.main_info.file.file_name, e.name);
                for n in notes {
                    self.eng.file_note(n, Source::Ident);
                }
                if let Some(f) = file {
                    self.eng.load_ident(f);
                    self.has_ident = true;
                }
                self.infos.push(info);
                ident_used = Some(true);
            }
        }
        let name = |i: usize| format!("«{}»", container::shown(&entries[i].name));
        let (rest_nb, rest_en) = listed(&[Some(main), ident]);
        let mut nb = format!("Filen er en ZIP-fil. Den er åpnet i minnet (ingenting er lagret): {} er kontrollert som fagmelding", name(main));
        let mut en = format!("The file is a ZIP file. It was opened in memory (nothing was saved): {} was checked as the fagmelding", name(main));
        match (ident, ident_used) {
            (Some(i), Some(true)) => {
                nb += &format!(", og {} er lest som identmelding", name(i));
                en += &format!(", and {} was read as the identmelding", name(i));
            }
            (Some(i), _) => {
                nb += &format!("; identmeldingen i den, {}, er ikke brukt, siden en identmelding var valgt for seg", name(i));
                en += &format!("; its identmelding, {}, was not used, since an identmelding was chosen on its own", name(i));
            }
            _ => {}
        }
        nb.push('.');
        en.push('.');
        if !rest_nb.is_empty() {
            nb += &format!(" Ikke lest: {rest_nb}.");
            en += &format!(" Not read: {rest_en}.");
        }
        self.eng.file_note(fil21(nb, en), Source::Fagmelding);
        self.unwrapped.layers.push(format!(
            "ZIP-fil, {}",
            container::shown(&entries[main].name)
        ));
        self.unwrapped.in_zip = true;
        let e = entries[main].clone();
        // The fagmelding is decompressed as it is checked.
        container::stream(zip, &e, &mut |chunk| self.push_at(level + 1, chunk))
    }

    /// The provenance's words for what was opened, and the envelope.
    pub(super) fn describe(&mut self) {
        let mut layers = std::mem::take(&mut self.unwrapped.layers);
        if let Some(info) = &self.unwrapped.envelope {
            let (t, _) = msg_type_text(info);
            layers.push(format!("hodemelding {t}"));
            self.main_info.envelope = Some(info.clone());
            let what = if self.main_info.file.format.is_empty() {
                ("innhold", "content")
            } else {
                ("IPLOS-melding", "IPLOS message")
            };
            if info.content.is_some() {
                self.eng
                    .file_note(envelope_note(info, what.0, what.1), Source::Fagmelding);
            }
        }
        if !layers.is_empty() {
            let inner = if self.main_info.file.format.is_empty() {
                String::new()
            } else {
                format!("{}, ", self.main_info.file.format)
            };
            self.main_info.file.format = format!("{inner}fra {}", layers.join(" i "));
        }
    }
}

/// Reads the identmelding given whole: unwrapped from a hodemelding or a
/// ZIP when it comes in one. Returns its file information, the notes to
/// report (on the identmelding) and the identities, when it is one.
pub(super) fn read_ident(i: &Input) -> (FileInfo, Vec<Note>, Option<IdentFile>) {
    let mut info = file_info("identmelding", i);
    info.file.format = "identmelding (XML)".into();
    let mut notes = Vec::new();
    let prefix = &i.bytes[..i.bytes.len().min(sniff::PREFIX)];
    let kind = sniff::classify(prefix);
    let not_ident = |kind: &Kind| {
        let (nb, en) = kind.name();
        let name = container::shown(i.name);
        fil21(
            format!("«{name}» var valgt som identmelding, men er {nb}; den er ikke lest, og identitetene er ikke kontrollert."),
            format!("«{name}» was given as the identmelding, but is {en}; it was not read, and the identities were not checked."),
        )
    };
    let payload: std::borrow::Cow<[u8]> = match &kind {
        Kind::Envelope { .. } => match crate::envelope::unwrap_whole(i.bytes) {
            Ok((bytes, env)) => {
                let inner = sniff::classify(&bytes[..bytes.len().min(sniff::PREFIX)]);
                if inner.role() != Role::Ident && !matches!(inner, Kind::OtherXml(_) | Kind::Empty)
                {
                    notes.push(not_ident(&inner));
                    info.file.format = inner.name().0.to_string();
                    return (info, notes, None);
                }
                notes.push(envelope_note(&env, "identmelding", "the identmelding"));
                let (t, _) = msg_type_text(&env);
                info.file.format = format!("identmelding (XML), fra hodemelding {t}");
                info.envelope = Some(env);
                bytes.into()
            }
            Err(n) => {
                notes.push(n);
                return (info, notes, None);
            }
        },
        Kind::Zip(ZipKind::Archive) => {
            match container::open(i.bytes) {
                Ok((mut zip, Opened::Archive(entries))) => {
                    match entries.iter().find(|e| e.kind.role() == Role::Ident) {
                        Some(e) => {
                            match container::read_whole(&mut zip, e) {
                                Ok(bytes) => {
                                    let inner = Input::new(&e.name, &bytes);
                                    let (mut ii, mut nn, f) = read_ident(&inner);
                                    ii.file.file_name = format!("{} / {}", i.name, e.name);
                                    nn.push(fil21(
                                format!("Identmeldingen var i en ZIP-fil; «{}» i den er lest.", container::shown(&e.name)),
                                format!("The identmelding was in a ZIP file; «{}» in it was read.", container::shown(&e.name)),
                            ));
                                    return (ii, nn, f);
                                }
                                Err(n) => {
                                    notes.push(n);
                                    return (info, notes, None);
                                }
                            }
                        }
                        None => {
                            notes.push(not_ident(&kind));
                            return (info, notes, None);
                        }
                    }
                }
                Ok(_) => {
                    notes.push(not_ident(&kind));
                    return (info, notes, None);
                }
                Err(n) => {
                    notes.push(n);
                    return (info, notes, None);
                }
            }
        }
        Kind::Fagmelding | Kind::Csv | Kind::Zip(_) | Kind::Foreign(_) => {
            notes.push(not_ident(&kind));
            info.file.format = kind.name().0.to_string();
            return (info, notes, None);
        }
        _ => i.bytes.into(),
    };
    match crate::decode::decode(&payload) {
        Ok(d) => {
            info.file.encoding = d.encoding.to_string();
            let f = crate::ident::read(&d.text, d.encoding);
            info.file.schema_version = f.header.attr("versjon").map(str::to_string);
            info.namespace = f.header.namespace.clone();
            (info, notes, Some(f))
        }
        Err(note) => {
            notes.push(note);
            (info, notes, None)
        }
    }
}

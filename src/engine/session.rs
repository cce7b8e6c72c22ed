//! A check session: the fagmelding pushed chunk by chunk (or whole, with
//! [`check`]), its encoding and format decided from the first bytes, and
//! its text handed to the XML or CSV reader, whose records go to the
//! engine through the [`super::pipe`].

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::pipe::Handle;
use super::Engine;
use crate::finding::{Note, Pos, Severity, Source};
use crate::privacy;
use crate::profile::{Profile, ProfileKind};
use crate::report::{FileFacts, FileInfo, Provenance, Report, Verdict};
use crate::rules;

mod unpack;

/// One input file: its name (for the report only) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The file's name, for the report only.
    pub name: &'a str,
    /// The file's bytes.
    pub bytes: &'a [u8],
}

impl<'a> Input<'a> {
    /// The file `name` with contents `bytes`.
    pub const fn new(name: &'a str, bytes: &'a [u8]) -> Input<'a> {
        Input { name, bytes }
    }
}

/// What the caller decides: the reporting year when the file has none, the
/// sending municipality for a CSV, a format profile, and the time of the
/// check (the engine never reads a clock).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The reporting year to use when the file states none.
    pub year: Option<u16>,
    /// The sending municipality, for a CSV that does not say it.
    pub kommune: Option<String>,
    /// A format profile; by default the engine picks one from the content.
    pub profile: Option<Profile>,
    /// When the check was made (ISO 8601), for the provenance: the engine never reads a clock.
    pub checked_at: Option<String>,
    /// Put the whole identity number in each finding (`fidFull`) besides
    /// the masked one. Off by default; only for an export the user asked for.
    pub reveal_identities: bool,
    /// List the duty of every service record in the report (memory grows
    /// with the number of records, so only when asked).
    pub record_duties: bool,
    /// Leave `sha256` empty: the caller hashes the file elsewhere (the page
    /// does it in a second worker, so both cores work).
    pub skip_hash: bool,
    /// Keep at most this many findings of one code; the rest are counted
    /// (`counts`, `findingsOmitted`) but not listed. A file where every
    /// person has the same problem then still fits in memory.
    pub max_findings_per_code: Option<usize>,
    /// Keep what a comparison with another year needs (`report.roster`):
    /// one small entry per person (`crate::compare`).
    pub comparable: bool,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn file_info(role: &str, input: &Input) -> FileInfo {
    FileInfo {
        role: role.to_string(),
        file: FileFacts {
            file_name: input.name.to_string(),
            size: input.bytes.len() as u64,
            sha256: sha256_hex(input.bytes),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// How the whole-buffer [`check`] feeds the session: the same path as a
/// streamed file, in chunks of this size.
pub(crate) const CHUNK: usize = 1 << 20;

/// Checks a fagmelding (XML, CSV, a workbook, a hodemelding or a ZIP),
/// with its identmelding when given. The two are told apart by content: a
/// pair given the wrong way round is put right (FIL-21).
pub fn check(main: Input, ident: Option<Input>, opts: &Options) -> Report {
    use crate::inputs::Slot;
    let mut files = vec![(main, Slot::Main)];
    files.extend(ident.map(|i| (i, Slot::Ident)));
    crate::inputs::check_files(&files, opts)
}

/// How far a streamed check has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    /// Bytes of the fagmelding pushed so far.
    pub bytes: u64,
    /// PERSON records read so far.
    pub persons: usize,
}

enum Stage {
    /// Collecting the first bytes to decide encoding and format.
    Sniff(Vec<u8>),
    Xml {
        dec: crate::decode::StreamDecoder,
        reader: Box<crate::xml::XmlReader>,
        pending: String,
    },
    /// CSV, read row by row; a person is handed over when its rows end.
    Csv {
        dec: crate::decode::StreamDecoder,
        reader: Box<crate::csv_reader::CsvReader>,
        pending: String,
        /// The engine knows whether the header has a `fid` column.
        fid_sent: bool,
    },
    /// Nothing more to read: empty, undecodable, or finished.
    Stopped,
}

/// An incremental check: push the fagmelding chunk by chunk, then finish.
/// Memory is bounded by the chunk size plus one person's records (and the
/// keys of the persons read), never by the size of the file.
pub struct Session {
    eng: Handle,
    main_info: FileInfo,
    infos: Vec<FileInfo>,
    profile_name: String,
    stage: Stage,
    /// The caller's profile, if any (the engine owns the options).
    profile: Option<Profile>,
    persons_read: usize,
    skip_hash: bool,
    /// Layers opened in front of the readers (hodemelding, ZIP, workbook).
    fronts: Vec<unpack::Front>,
    unwrapped: unpack::Unwrapped,
    /// An identmelding is loaded (given, or found in a ZIP).
    has_ident: bool,
}

impl Session {
    /// Starts a check of the fagmelding `name`; the identmelding, small,
    /// comes whole.
    pub fn new(name: &str, ident: Option<Input>, opts: Options) -> Session {
        let profile_choice = opts.profile.clone();
        let skip_hash = opts.skip_hash;
        let mut eng = Engine::new(opts);
        let mut infos = Vec::new();
        let mut has_ident = false;
        if let Some(i) = ident {
            // Unwrapped from a hodemelding or ZIP when it comes in one; a
            // file that is no identmelding is said to be one, not read.
            let (info, notes, file) = unpack::read_ident(&i);
            for n in notes {
                eng.file_note(n, Source::Ident);
            }
            if let Some(f) = file {
                eng.load_ident(f);
                has_ident = true;
            }
            infos.push(info);
        }
        Session {
            eng: Handle::start(eng),
            main_info: FileInfo {
                role: "fagmelding".into(),
                file: FileFacts {
                    file_name: name.to_string(),
                    ..Default::default()
                },
                ..Default::default()
            },
            infos,
            profile_name: String::new(),
            stage: Stage::Sniff(Vec::new()),
            profile: profile_choice,
            persons_read: 0,
            skip_hash,
            fronts: Vec::new(),
            unwrapped: Default::default(),
            has_ident,
        }
    }

    /// Adds a file-level note (the FIL-21 of a [`crate::inputs::Plan`]).
    pub fn note(&mut self, n: Note) {
        self.eng.file_note(n, Source::Fagmelding);
    }

    /// Feeds the next chunk of the fagmelding.
    pub fn push(&mut self, chunk: &[u8]) -> Progress {
        if !self.skip_hash {
            self.eng.hash(chunk);
        }
        self.take(chunk);
        self.progress()
    }

    /// Feeds the next chunk of the fagmelding, read into `buf[..n]`, and
    /// gives back a buffer of the same length to read the next one into.
    /// Natively `buf` itself travels to the rules thread to be hashed, so
    /// the bytes are not copied once more on the reading thread.
    pub fn push_buffer(&mut self, buf: Vec<u8>, n: usize) -> (Vec<u8>, Progress) {
        self.take(&buf[..n]);
        let buf = if self.skip_hash {
            buf
        } else {
            self.eng.hash_owned(buf, n)
        };
        (buf, self.progress())
    }

    fn take(&mut self, chunk: &[u8]) {
        self.main_info.file.size += chunk.len() as u64;
        if self.fronts.is_empty() {
            self.feed_plain(chunk);
        } else {
            self.push_payload(chunk);
        }
    }

    /// Bytes for the readers (after any hodemelding, ZIP or workbook).
    fn feed_plain(&mut self, chunk: &[u8]) {
        match &mut self.stage {
            Stage::Sniff(prefix) => {
                prefix.extend_from_slice(chunk);
                if prefix.len() >= crate::decode::SNIFF_LEN {
                    self.start(false);
                }
            }
            _ => self.feed(chunk, false),
        }
    }

    /// How far the check has come: bytes pushed and persons read.
    pub fn progress(&self) -> Progress {
        Progress {
            bytes: self.main_info.file.size,
            persons: self.persons_read,
        }
    }

    /// Decides encoding and format from the first bytes and starts reading.
    fn start(&mut self, whole: bool) {
        let Stage::Sniff(prefix) = std::mem::replace(&mut self.stage, Stage::Stopped) else {
            return;
        };
        if whole && prefix.iter().all(u8::is_ascii_whitespace) {
            self.eng.file_note(
                Note::new(
                    "FIL-02",
                    Pos { line: 1, column: 1 },
                    format!(
                        "Filen er tom ({} byte): velg IPLOS-filen fra fagsystemet.",
                        prefix.len()
                    ),
                    format!(
                        "The file is empty ({} bytes): choose the IPLOS file from the EPJ system.",
                        prefix.len()
                    ),
                ),
                Source::Fagmelding,
            );
            return;
        }
        // A hodemelding, a ZIP or workbook, or no IPLOS file at all.
        if self.open_front(&prefix) {
            return;
        }
        let n = prefix.len().min(crate::decode::SNIFF_LEN);
        let mut dec = crate::decode::StreamDecoder::sniff(&prefix[..n], whole && n == prefix.len());
        self.main_info.file.encoding = dec.encoding.to_string();
        let mut text = String::new();
        let error = dec.decode(&prefix, whole, &mut text).err();
        let force_csv = self.unwrapped.force_csv;
        let profile = self.profile.clone().unwrap_or_else(|| {
            let xml = !force_csv && text.trim_start().starts_with('<');
            Profile::builtin(if xml { "iplos-2018" } else { "iplos-csv" }).expect("built in")
        });
        self.profile_name = profile.name.clone();
        match profile.kind {
            ProfileKind::Csv => {
                self.main_info.file.format = "CSV".into();
                self.eng.set_csv(None, Vec::new());
                let mut reader = Box::new(crate::csv_reader::CsvReader::new(profile));
                match error {
                    Some(note) => {
                        // What came before the bad byte is still read and judged.
                        feed_csv(&mut reader, &text, false, &mut self.eng, &mut false);
                        self.eng.file_note(note, Source::Fagmelding);
                    }
                    None => {
                        self.stage = Stage::Csv {
                            dec,
                            reader,
                            pending: text,
                            fid_sent: false,
                        };
                        self.feed(&[], whole);
                    }
                }
            }
            ProfileKind::FagmeldingXml | ProfileKind::IdentXml => {
                self.main_info.file.format = "IPLOS-melding (XML)".into();
                let mut reader = crate::xml::XmlReader::new(profile);
                match error {
                    Some(note) => {
                        // What came before the bad byte is still read and judged.
                        reader.feed(&text, false, &mut self.eng);
                        self.eng.file_note(note, Source::Fagmelding);
                        let s = reader.finish_quiet();
                        self.main_info.file.schema_version = s.versjon;
                        self.main_info.namespace = s.namespace;
                    }
                    None => {
                        self.stage = Stage::Xml {
                            dec,
                            reader: Box::new(reader),
                            pending: text,
                        };
                        self.feed(&[], whole);
                    }
                }
            }
        }
    }

    fn feed(&mut self, chunk: &[u8], last: bool) {
        match &mut self.stage {
            Stage::Xml {
                dec,
                reader,
                pending,
            } => {
                if reader.is_done() {
                    return;
                }
                if let Some(text) = dec.borrow(chunk, last) {
                    let eng = &mut self.eng;
                    stitched(pending, text, last, |w, l| reader.feed(w, l, eng));
                    self.persons_read = reader.persons();
                    return;
                }
                if let Err(note) = dec.decode(chunk, last, pending) {
                    // What came before the bad byte is still read and judged.
                    reader.feed(pending, false, &mut self.eng);
                    self.eng.file_note(note, Source::Fagmelding);
                    let Stage::Xml { reader, .. } =
                        std::mem::replace(&mut self.stage, Stage::Stopped)
                    else {
                        unreachable!()
                    };
                    let s = reader.finish_quiet();
                    self.main_info.file.schema_version = s.versjon;
                    self.main_info.namespace = s.namespace;
                    return;
                }
                let used = reader.feed(pending, last, &mut self.eng);
                pending.drain(..used);
                self.persons_read = reader.persons();
            }
            Stage::Csv {
                dec,
                reader,
                pending,
                fid_sent,
            } => {
                if reader.is_done() {
                    return;
                }
                if let Some(text) = dec.borrow(chunk, last) {
                    let eng = &mut self.eng;
                    stitched(pending, text, last, |w, l| {
                        feed_csv(reader, w, l, eng, fid_sent)
                    });
                    self.persons_read = reader.persons();
                    return;
                }
                if let Err(note) = dec.decode(chunk, last, pending) {
                    // What came before the bad byte is still read and judged.
                    feed_csv(reader, pending, false, &mut self.eng, fid_sent);
                    self.eng.file_note(note, Source::Fagmelding);
                    self.persons_read = reader.persons();
                    self.stage = Stage::Stopped;
                    return;
                }
                let used = feed_csv(reader, pending, last, &mut self.eng, fid_sent);
                pending.drain(..used);
                self.persons_read = reader.persons();
            }
            Stage::Sniff(_) | Stage::Stopped => {}
        }
    }

    /// The end of the fagmelding: the report.
    pub fn finish(mut self) -> Report {
        self.end_input();
        match std::mem::replace(&mut self.stage, Stage::Stopped) {
            Stage::Xml { reader, dec, .. } => {
                self.main_info.file.encoding = dec.encoding.to_string();
                let s = reader.finish(&mut self.eng, dec.encoding, dec.is_ascii());
                self.main_info.file.schema_version = s.versjon;
                self.main_info.namespace = s.namespace;
            }
            Stage::Csv { reader, dec, .. } => {
                self.main_info.file.encoding = dec.encoding.to_string();
                reader.finish(&mut self.eng);
            }
            Stage::Sniff(_) | Stage::Stopped => {}
        }
        self.describe();
        let Session {
            eng,
            mut main_info,
            infos,
            profile_name,
            skip_hash,
            ..
        } = self;
        let (mut engine, digest) = eng.join();
        if !skip_hash {
            main_info.file.sha256 = digest.iter().map(|b| format!("{b:02x}")).collect();
        }
        let eng = &mut engine;
        let year = eng.ctx.as_ref().map(|c| c.year);
        let kommune = eng.finish().map(|k| privacy::field(&k, privacy::Lang::Nb));
        eng.enforce_cap();
        let usable = year.is_some() && !eng.stopped;
        let duties = year
            .filter(|_| usable)
            .map(|y| std::mem::take(&mut eng.duty).finish(y, kommune.as_deref()));
        let stats = eng.stats.take().filter(|_| usable).map(|s| s.finish());
        let roster = eng.roster.take().filter(|_| usable);
        let mut files = vec![main_info.clone()];
        files.extend(infos);
        // File names and what the file says of itself are text from outside
        // too: the same masking step as every finding.
        let text = |s: &str| privacy::field(s, privacy::Lang::Nb);
        let opt = |s: &Option<String>| s.as_deref().map(text);
        for f in &mut files {
            f.file.file_name = text(&f.file.file_name);
            f.file.format = text(&f.file.format);
            f.file.schema_version = opt(&f.file.schema_version);
            f.namespace = opt(&f.namespace);
            if let Some(e) = &mut f.envelope {
                e.msg_type = opt(&e.msg_type);
                e.msg_id = opt(&e.msg_id);
                e.mime_type = opt(&e.mime_type);
            }
        }
        let mut report = Report {
            verdict: Verdict::Klar,
            verdict_text: String::new(),
            verdict_text_en: String::new(),
            counts: Default::default(),
            persons: eng.persons,
            records: eng.records,
            persons_with_errors: eng.persons_with_errors,
            year,
            kommune,
            findings: std::mem::take(&mut eng.findings),
            findings_omitted: std::mem::take(&mut eng.omitted)
                .into_iter()
                .collect::<BTreeMap<_, _>>()
                .into_iter()
                .map(|(code, (count, _, _))| crate::report::Omitted {
                    code,
                    count,
                    severity: rules::rule(code).map_or(Severity::Error, |r| r.severity),
                })
                .collect(),
            duties,
            stats,
            record_duties: eng.record_duties.take(),
            comparison: None,
            comparison_problem: None,
            roster,
            provenance: Provenance {
                file: files[0].file.clone(),
                year,
                rules_version: rules::RULES_VERSION.to_string(),
                engine_version: crate::ENGINE_VERSION.to_string(),
                checked_at: opt(&eng.opts.checked_at),
                profile: text(&profile_name),
                files,
            },
        };
        report.finish();
        report
    }
}

/// How much of a new chunk's text joins the unfinished end of the text
/// before it, so that a token split between two chunks is read whole.
const STITCH: usize = 4096;

/// Feeds `text`, the next chunk's text, to a reader (`feed` takes a window
/// and whether it is the end of the file, and says how much of it was
/// used) after `pending`, the unused end of the text before it, without
/// copying all of `text` behind it: first `pending` with a few KB of `text`,
/// which finishes the token cut by the chunk's edge, then the rest of `text`
/// from where the reader stopped, as it stands. What the reader leaves at
/// the end stays in `pending`. A token longer than the few KB takes the old
/// way: all of `text` behind `pending`.
fn stitched(
    pending: &mut String,
    text: &str,
    last: bool,
    mut feed: impl FnMut(&str, bool) -> usize,
) {
    let mut from = 0;
    if !pending.is_empty() {
        let before = pending.len();
        let mut cut = STITCH.min(text.len());
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        pending.push_str(&text[..cut]);
        let whole = cut == text.len();
        let used = feed(pending, last && whole);
        pending.drain(..used);
        if whole {
            return;
        }
        if used < before {
            // Still inside the token from before.
            pending.push_str(&text[cut..]);
            let used = feed(pending, last);
            pending.drain(..used);
            return;
        }
        // What is left in `pending` is `text[used - before..cut]`.
        from = used - before;
        pending.clear();
    }
    let used = feed(&text[from..], last);
    pending.push_str(&text[from + used..]);
}

/// Feeds a CSV window; returns the bytes used. When the header row has
/// just been read, the engine learns whether it has a `fid` column before
/// the reader hands over the header and the first person (the rules read
/// it from the year's context, made with the header).
fn feed_csv(
    reader: &mut crate::csv_reader::CsvReader,
    window: &str,
    last: bool,
    eng: &mut Handle,
    fid_sent: &mut bool,
) -> usize {
    let mut used = reader.feed(window, last, eng);
    if !*fid_sent {
        if let Some(has_fid) = reader.has_fid() {
            *fid_sent = true;
            eng.set_csv(Some(has_fid), reader.absent_required());
            used += reader.feed(&window[used..], last, eng);
        }
    }
    used
}

//! The check pipeline: decode, read, judge, report.
//!
//! The engine owns what no single record can say: the reporting year and
//! the sender (FIL-04, -05, -06), the join with the identmelding (IDE,
//! PER-08, PER-09), the empty file (FIL-08, FIL-16) and the schema summary
//! (FIL-17). Persons are judged one at a time as the reader hands them
//! over and then dropped, so memory follows the number of persons, not the
//! size of their records.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sha2::{Digest, Sha256};

use crate::codes::{self, KommuneStatus, FIRST_YEAR, LAST_YEAR};
use crate::date::Date;
use crate::fnr;
use crate::ident::IdentFile;
use crate::model::{Field, Header, Ident, Note, Person, Pos, Sink, SmallStr};
use crate::privacy;
use crate::profile::{Profile, ProfileKind};
use crate::report::{FileInfo, Finding, Provenance, Records, Report, Severity, Source, Verdict};
use crate::rules::{self, Check, Ctx, Hit, Out, RULES};

/// One input file: its name (for the report only) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// What the caller decides: the reporting year when the file has none, the
/// sending municipality for a CSV, a format profile, and the time of the
/// check (the engine never reads a clock).
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub year: Option<u16>,
    pub kommune: Option<String>,
    pub profile: Option<Profile>,
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
        file_name: input.name.to_string(),
        size: input.bytes.len() as u64,
        sha256: sha256_hex(input.bytes),
        ..Default::default()
    }
}

/// How the whole-buffer [`check`] feeds the session: the same path as a
/// streamed file, in chunks of this size.
const CHUNK: usize = 1 << 20;

/// Checks a fagmelding (XML or CSV), with its identmelding when given.
pub fn check(main: Input, ident: Option<Input>, opts: &Options) -> Report {
    let mut s = Session::new(main.name, ident, opts.clone());
    for chunk in main.bytes.chunks(CHUNK) {
        s.push(chunk);
    }
    s.finish()
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
}

impl Session {
    /// Starts a check of the fagmelding `name`; the identmelding, small,
    /// comes whole.
    pub fn new(name: &str, ident: Option<Input>, opts: Options) -> Session {
        let profile_choice = opts.profile.clone();
        let skip_hash = opts.skip_hash;
        let mut eng = Engine::new(opts);
        let mut infos = Vec::new();
        if let Some(i) = ident {
            let mut info = file_info("identmelding", &i);
            info.format = "identmelding (XML)".into();
            match crate::decode::decode(i.bytes) {
                Ok(d) => {
                    info.encoding = d.encoding.to_string();
                    let f = crate::ident::read(&d.text, d.encoding);
                    info.schema_version = f.header.attr("versjon").map(str::to_string);
                    info.namespace = f.header.namespace.clone();
                    eng.load_ident(f);
                }
                Err(note) => eng.file_note(note, Source::Ident),
            }
            infos.push(info);
        }
        Session {
            eng: Handle::start(eng),
            main_info: FileInfo {
                role: "fagmelding".into(),
                file_name: name.to_string(),
                ..Default::default()
            },
            infos,
            profile_name: String::new(),
            stage: Stage::Sniff(Vec::new()),
            profile: profile_choice,
            persons_read: 0,
            skip_hash,
        }
    }

    /// Feeds the next chunk of the fagmelding.
    pub fn push(&mut self, chunk: &[u8]) -> Progress {
        if !self.skip_hash {
            self.eng.hash(chunk);
        }
        self.main_info.size += chunk.len() as u64;
        match &mut self.stage {
            Stage::Sniff(prefix) => {
                prefix.extend_from_slice(chunk);
                if prefix.len() >= crate::decode::SNIFF_LEN {
                    self.start(false);
                }
            }
            _ => self.feed(chunk, false),
        }
        self.progress()
    }

    pub fn progress(&self) -> Progress {
        Progress {
            bytes: self.main_info.size,
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
        let n = prefix.len().min(crate::decode::SNIFF_LEN);
        let mut dec = crate::decode::StreamDecoder::sniff(&prefix[..n], whole && n == prefix.len());
        self.main_info.encoding = dec.encoding.to_string();
        let mut text = String::new();
        let error = dec.decode(&prefix, whole, &mut text).err();
        let profile = self.profile.clone().unwrap_or_else(|| {
            let xml = text.trim_start().starts_with('<');
            Profile::builtin(if xml { "iplos-2018" } else { "iplos-csv" }).expect("built in")
        });
        self.profile_name = profile.name.clone();
        match profile.kind {
            ProfileKind::Csv => {
                self.main_info.format = "CSV".into();
                self.eng.set_csv(None);
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
                self.main_info.format = "IPLOS-melding (XML)".into();
                let mut reader = crate::xml::XmlReader::new(profile);
                match error {
                    Some(note) => {
                        // What came before the bad byte is still read and judged.
                        reader.feed(&text, false, &mut self.eng);
                        self.eng.file_note(note, Source::Fagmelding);
                        let s = reader.finish_quiet();
                        self.main_info.schema_version = s.versjon;
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
                    self.main_info.schema_version = s.versjon;
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
        if matches!(self.stage, Stage::Sniff(_)) {
            self.start(true);
        } else {
            self.feed(&[], true);
        }
        match std::mem::replace(&mut self.stage, Stage::Stopped) {
            Stage::Xml { reader, dec, .. } => {
                self.main_info.encoding = dec.encoding.to_string();
                let s = reader.finish(&mut self.eng, dec.encoding, dec.is_ascii());
                self.main_info.schema_version = s.versjon;
                self.main_info.namespace = s.namespace;
            }
            Stage::Csv { reader, dec, .. } => {
                self.main_info.encoding = dec.encoding.to_string();
                reader.finish(&mut self.eng);
            }
            Stage::Sniff(_) | Stage::Stopped => {}
        }
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
            main_info.sha256 = digest.iter().map(|b| format!("{b:02x}")).collect();
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
        let mut files = vec![main_info.clone()];
        files.extend(infos);
        // File names and what the file says of itself are text from outside
        // too: the same masking step as every finding.
        let text = |s: &str| privacy::field(s, privacy::Lang::Nb);
        let opt = |s: &Option<String>| s.as_deref().map(text);
        for f in &mut files {
            f.file_name = text(&f.file_name);
            f.schema_version = opt(&f.schema_version);
            f.namespace = opt(&f.namespace);
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
                .map(|(code, (count, _, _))| crate::report::Omitted { code, count })
                .collect(),
            duties,
            stats,
            record_duties: eng.record_duties.take(),
            provenance: Provenance {
                file_name: text(&main_info.file_name),
                size: main_info.size,
                sha256: main_info.sha256,
                encoding: main_info.encoding,
                format: main_info.format,
                schema_version: opt(&main_info.schema_version),
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
            eng.set_csv(Some(has_fid));
            used += reader.feed(&window[used..], last, eng);
        }
    }
    used
}

/// A rule's check of one person.
type PersonCheck = fn(&Ctx, &Person, &mut Out);

/// The engine, on a thread of its own where there is one.
///
/// Natively the rules run on a second thread while this one reads (two
/// cores: reading and judging overlap); in the browser's worker, with one
/// thread, they run inline. Messages keep their order, so the report is the
/// same either way. Persons go over in batches and come back to be dropped
/// here, where they were made: glibc's allocator is slow when memory is
/// freed on another thread than the one that took it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
enum Handle {
    /// The engine, the digest and the persons judged, to be reused.
    Inline(Box<Engine>, Sha256, Vec<Person>),
    #[cfg(not(target_arch = "wasm32"))]
    Thread(Box<Pipe>),
}

#[cfg(not(target_arch = "wasm32"))]
struct Pipe {
    tx: std::sync::mpsc::SyncSender<Msg>,
    back: std::sync::mpsc::Receiver<Back>,
    handle: std::thread::JoinHandle<(Engine, Sha256)>,
    batch: Vec<Person>,
    /// Byte buffers come back from hashing to be filled again.
    spare: Vec<Vec<u8>>,
    /// Judged persons back from the rules thread, for the reader's pool.
    spent: Vec<Person>,
}

/// What the rules thread hands back to be reused or dropped here.
#[cfg(not(target_arch = "wasm32"))]
enum Back {
    Persons(Vec<Person>),
    Bytes(Vec<u8>),
}

#[cfg(not(target_arch = "wasm32"))]
enum Msg {
    Hash(Vec<u8>),
    Header(Box<Header>),
    Persons(Vec<Person>),
    Note(Note, Source),
    Csv(Option<bool>),
}

/// Persons handed to the rules thread at a time (and kept for reuse).
const BATCH: usize = 32;

impl Handle {
    fn start(eng: Engine) -> Handle {
        #[cfg(not(target_arch = "wasm32"))]
        {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Msg>(8);
            let (back_tx, back) = std::sync::mpsc::channel::<Back>();
            let spawned = std::thread::Builder::new()
                .name("iplos-regler".into())
                .spawn(move || {
                    let mut eng = eng;
                    let mut hasher = Sha256::new();
                    for msg in rx {
                        match msg {
                            Msg::Hash(bytes) => {
                                hasher.update(&bytes);
                                let _ = back_tx.send(Back::Bytes(bytes));
                            }
                            Msg::Header(h) => eng.header(*h),
                            Msg::Persons(mut ps) => {
                                for p in ps.iter_mut() {
                                    eng.judge(p);
                                }
                                // Dropped by the reading thread, which made them.
                                let _ = back_tx.send(Back::Persons(ps));
                            }
                            Msg::Note(n, src) => eng.file_note(n, src),
                            Msg::Csv(f) => eng.apply_csv(f),
                        }
                    }
                    (eng, hasher)
                });
            Handle::Thread(Box::new(Pipe {
                tx,
                back,
                handle: spawned.expect("the system gives a thread for the rules"),
                batch: Vec::with_capacity(BATCH),
                spare: Vec::new(),
                spent: Vec::new(),
            }))
        }
        #[cfg(target_arch = "wasm32")]
        Handle::Inline(Box::new(eng), Sha256::new(), Vec::new())
    }

    /// Adds bytes of the fagmelding to its SHA-256.
    fn hash(&mut self, chunk: &[u8]) {
        match self {
            Handle::Inline(_, h, _) => h.update(chunk),
            #[cfg(not(target_arch = "wasm32"))]
            Handle::Thread(pipe) => {
                let mut buf = pipe.spare.pop().unwrap_or_default();
                buf.clear();
                buf.extend_from_slice(chunk);
                Self::send(pipe, Msg::Hash(buf));
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn send(pipe: &mut Pipe, msg: Msg) {
        // The receiver lives until `join`; a failed send means the rules
        // thread panicked, which `join` reports.
        let _ = pipe.tx.send(msg);
        Self::take_back(pipe);
    }

    /// Takes what the rules thread is done with: buffers and persons to
    /// reuse (a few), the rest to drop here, where it was made.
    #[cfg(not(target_arch = "wasm32"))]
    fn take_back(pipe: &mut Pipe) {
        while let Ok(done) = pipe.back.try_recv() {
            match done {
                Back::Persons(ps) => {
                    let room = (2 * BATCH).saturating_sub(pipe.spent.len());
                    let mut ps = ps;
                    let keep = ps.len().min(room);
                    pipe.spent.extend(ps.drain(..keep));
                }
                Back::Bytes(b) if pipe.spare.len() < 4 => pipe.spare.push(b),
                Back::Bytes(b) => drop(b),
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn flush(pipe: &mut Pipe) {
        if !pipe.batch.is_empty() {
            let batch = std::mem::replace(&mut pipe.batch, Vec::with_capacity(BATCH));
            Self::send(pipe, Msg::Persons(batch));
        }
    }

    fn file_note(&mut self, n: Note, src: Source) {
        match self {
            Handle::Inline(e, _, _) => e.file_note(n, src),
            #[cfg(not(target_arch = "wasm32"))]
            Handle::Thread(pipe) => {
                Self::flush(pipe);
                Self::send(pipe, Msg::Note(n, src));
            }
        }
    }

    fn set_csv(&mut self, has_fid: Option<bool>) {
        match self {
            Handle::Inline(e, _, _) => e.apply_csv(has_fid),
            #[cfg(not(target_arch = "wasm32"))]
            Handle::Thread(pipe) => {
                Self::flush(pipe);
                Self::send(pipe, Msg::Csv(has_fid));
            }
        }
    }

    /// Waits until everything sent is judged: the engine and the digest.
    fn join(self) -> (Engine, [u8; 32]) {
        let (eng, hasher) = match self {
            Handle::Inline(e, h, _) => (*e, h),
            #[cfg(not(target_arch = "wasm32"))]
            Handle::Thread(mut pipe) => {
                Self::flush(&mut pipe);
                let Pipe {
                    tx, back, handle, ..
                } = *pipe;
                drop(tx);
                let done = match handle.join() {
                    Ok(x) => x,
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                drop(back);
                done
            }
        };
        (eng, hasher.finalize().into())
    }
}

impl Sink for Handle {
    fn header(&mut self, h: Header) {
        match self {
            Handle::Inline(e, _, _) => e.header(h),
            #[cfg(not(target_arch = "wasm32"))]
            Handle::Thread(pipe) => {
                Self::flush(pipe);
                Self::send(pipe, Msg::Header(Box::new(h)));
            }
        }
    }

    fn person(&mut self, p: Person) {
        match self {
            Handle::Inline(e, _, spent) => {
                let mut p = p;
                e.judge(&mut p);
                if spent.len() < BATCH {
                    spent.push(p);
                }
            }
            #[cfg(not(target_arch = "wasm32"))]
            Handle::Thread(pipe) => {
                pipe.batch.push(p);
                if pipe.batch.len() >= BATCH {
                    Self::flush(pipe);
                }
            }
        }
    }

    fn recycle(&mut self, pool: &mut crate::model::Pool) {
        let spent = match self {
            Handle::Inline(_, _, spent) => spent,
            #[cfg(not(target_arch = "wasm32"))]
            Handle::Thread(pipe) => {
                Self::take_back(pipe);
                &mut pipe.spent
            }
        };
        for p in spent.drain(..) {
            pool.give(p);
        }
    }

    fn note(&mut self, n: Note) {
        self.file_note(n, Source::Fagmelding);
    }
}

impl Engine {
    fn apply_csv(&mut self, has_fid: Option<bool>) {
        self.csv = true;
        if let Some(f) = has_fid {
            self.csv_has_fid = f;
        }
    }
}

/// Identifiers seen, each with a value: digits as a number (with their
/// count, so `0123` and `123` stay apart) in a table of plain numbers,
/// anything else as text in a table of its own. A person costs one number
/// and its value, not an enum the size of a boxed string.
struct IdTable<V> {
    nums: HashMap<u64, V, crate::model::FnvBuild>,
    text: HashMap<Box<str>, V, crate::model::FnvBuild>,
}

impl<V: Copy> Default for IdTable<V> {
    fn default() -> Self {
        IdTable {
            nums: HashMap::default(),
            text: HashMap::default(),
        }
    }
}

impl<V: Copy> IdTable<V> {
    fn number(s: &str) -> Option<u64> {
        ((1..=17).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| {
            let n = s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
            n * 32 + s.len() as u64
        })
    }

    fn get(&self, s: &str) -> Option<V> {
        match Self::number(s) {
            Some(n) => self.nums.get(&n).copied(),
            None => self.text.get(s).copied(),
        }
    }

    /// Keeps `v` for `s` unless `s` has a value already.
    fn keep_first(&mut self, s: &str, v: V) {
        match Self::number(s) {
            Some(n) => {
                self.nums.entry(n).or_insert(v);
            }
            None if self.text.contains_key(s) => {}
            None => {
                self.text.insert(s.into(), v);
            }
        }
    }
}

struct Engine {
    /// Findings kept per code, and those left out over the cap.
    kept: HashMap<&'static str, usize, crate::model::FnvBuild>,
    /// Findings over the cap, per code: (count, of which schema violations).
    /// Per code: how many, of which schema violations in the fagmelding
    /// and in the identmelding.
    omitted: HashMap<&'static str, (usize, usize, usize), crate::model::FnvBuild>,
    /// `findings[..capped_upto]` have been held to the cap.
    capped_upto: usize,
    persons_with_errors: usize,
    opts: Options,
    findings: Vec<Finding>,
    /// Shared, so that judging a person does not copy it.
    ctx: Option<std::sync::Arc<Ctx>>,
    /// The per-person checks of the year (0 until known).
    person_checks: (u16, Vec<(&'static str, PersonCheck)>),
    stopped: bool,
    csv: bool,
    csv_has_fid: bool,
    idents: Option<Vec<Ident>>,
    ident_index: IdTable<u32>,
    ident_used: Vec<bool>,
    ident_header: Option<crate::model::IdentHeader>,
    /// Every `pePeID` and identity number seen, for PER-08 and PER-09
    /// (memory per person: a number, not a string, for the usual digits).
    /// `pePeID`: the person's index and the line of its start.
    pe_ids: IdTable<(u32, u32)>,
    fids: IdTable<u32>,
    persons: usize,
    records: Records,
    person_kommuner: BTreeSet<String>,
    any_pe_fnr: bool,
    /// Persons whose `pePeID` reads as an identity number (PER-28): how
    /// many, where the first is, and a few masked examples.
    pe_id_fnr: (usize, Pos, Vec<String>),
    hits: Vec<Hit>,
    /// Duplicate `pid`s (first, again), reported once the year is known.
    pending_dups: Vec<(usize, usize)>,
    /// The repeated pids that break the identmelding's schema (the same
    /// `Institusjon`, the same text): see `IdentFile::schema_dups`.
    schema_dups: Vec<usize>,
    duty: crate::duty::DutyAcc,
    stats: Option<crate::stats::StatsAcc>,
    record_duties: Option<Vec<crate::report::RecordDutyRow>>,
}

impl Engine {
    fn new(opts: Options) -> Engine {
        Engine {
            findings: Vec::new(),
            ctx: None,
            person_checks: (0, Vec::new()),
            stopped: false,
            csv: false,
            csv_has_fid: false,
            idents: None,
            ident_index: IdTable::default(),
            ident_used: Vec::new(),
            ident_header: None,
            pe_ids: IdTable::default(),
            fids: IdTable::default(),
            persons: 0,
            records: Records::default(),
            person_kommuner: BTreeSet::new(),
            any_pe_fnr: false,
            pe_id_fnr: (0, Pos { line: 0, column: 0 }, Vec::new()),
            hits: Vec::new(),
            pending_dups: Vec::new(),
            schema_dups: Vec::new(),
            duty: crate::duty::DutyAcc::new(),
            stats: None,
            record_duties: opts.record_duties.then(Vec::new),
            kept: HashMap::default(),
            omitted: HashMap::default(),
            capped_upto: 0,
            persons_with_errors: 0,
            opts,
        }
    }

    fn applies(&self, code: &str) -> bool {
        let r = rules::rule(code).expect("registered");
        self.ctx.as_ref().is_none_or(|c| r.applies(c.year))
    }

    fn push(
        &mut self,
        code: &'static str,
        pos: Pos,
        nb: String,
        en: String,
        file: Source,
        person: Option<&Person>,
    ) -> &mut Finding {
        let severity = rules::rule(code).map_or(Severity::Error, |r| r.severity);
        if severity == Severity::Fatal {
            self.stopped = true;
        }
        // Every text of a finding passes the one masking step here
        // (`privacy`): identity numbers wherever they stand, control
        // characters, long values.
        self.findings.push(Finding {
            code,
            severity,
            message: privacy::message(nb, privacy::Lang::Nb),
            message_en: privacy::message(en, privacy::Lang::En),
            line: Some(pos.line).filter(|l| *l > 0),
            column: Some(pos.column).filter(|c| *c > 0),
            file,
            person: person.map(|p| p.index),
            pe_pe_id: person
                .and_then(|p| p.pe_id())
                .map(|id| privacy::field(id, privacy::Lang::Nb)),
            fid: person
                .and_then(|p| p.fid())
                .map(|fid| privacy::field(&fnr::mask(fid), privacy::Lang::Nb)),
            fid_full: person
                .filter(|_| self.opts.reveal_identities)
                .and_then(|p| p.fid())
                .map(str::to_string),
            tj_tjen_type: None,
            schema: false,
        });
        self.findings.last_mut().expect("just pushed")
    }

    /// Whether `code` has as many findings kept as the cap allows.
    fn over_cap(&self, code: &str) -> bool {
        self.opts
            .max_findings_per_code
            .is_some_and(|cap| self.kept.get(code).is_some_and(|&n| n >= cap))
    }

    /// Holds the findings added since the last call to the cap per code:
    /// those over it are counted (with whether they broke the schema, for
    /// FIL-17) and dropped.
    fn enforce_cap(&mut self) {
        let Some(cap) = self.opts.max_findings_per_code else {
            return;
        };
        let tail = self
            .findings
            .split_off(self.capped_upto.min(self.findings.len()));
        for f in tail {
            let n = self.kept.entry(f.code).or_default();
            if *n < cap {
                *n += 1;
                self.findings.push(f);
            } else {
                let o = self.omitted.entry(f.code).or_default();
                o.0 += 1;
                if f.file == Source::Ident {
                    o.2 += usize::from(f.schema);
                } else {
                    o.1 += usize::from(f.schema);
                }
            }
        }
        self.capped_upto = self.findings.len();
    }

    fn file_note(&mut self, n: Note, file: Source) {
        if !self.applies(n.code) {
            return;
        }
        let schema = n.schema;
        self.push(n.code, n.pos, n.nb, n.en, file, None).schema = schema;
    }

    fn load_ident(&mut self, f: IdentFile) {
        for n in f.notes {
            self.file_note(n, Source::Ident);
        }
        if f.fatal {
            return;
        }
        let mut dups: Vec<(usize, usize)> = Vec::new();
        for (i, id) in f.idents.iter().enumerate() {
            match self.ident_index.get(&id.pid) {
                Some(first) => dups.push((first as usize, i)),
                None => self.ident_index.keep_first(&id.pid, i as u32),
            }
        }
        self.ident_used = vec![false; f.idents.len()];
        // IDE-03 needs the year, which the fagmelding brings: kept until then.
        self.ident_header = Some(f.header);
        self.idents = Some(f.idents);
        self.pending_dups = dups;
        self.schema_dups = f.schema_dups;
    }
}

impl Engine {
    fn year_from(h: &Header) -> Option<u16> {
        let ii = h.innhinfo.as_ref()?;
        [Field::iiFraDato, Field::iiTilDato]
            .iter()
            .find_map(|f| rules::date(ii, *f).map(|d| d.year))
    }

    fn ident_pair_checks(&mut self, h: &Header) {
        let Some(ih) = self.ident_header.clone() else {
            return;
        };
        // IDE-05: the header of the identmelding.
        const REQUIRED: &[&str] = &[
            "versjon",
            "meldingstype",
            "fraDatoPeriode",
            "uttakDato",
            "leverandor",
            "navnEPJ",
            "versjonEPJ",
            "versjonUt",
            "lopenr",
            "tilDatoPeriode",
        ];
        // Missing breaks the schema; empty is allowed there (a string),
        // but the header is still incomplete.
        let absent = |a: &&str| !ih.attrs.iter().any(|(k, _)| k == a);
        let missing: Vec<&str> = REQUIRED.iter().copied().filter(absent).collect();
        let empty: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|a| !absent(a) && ih.attr(a).is_none())
            .collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            self.push(
                "IDE-05",
                ih.pos,
                format!("Identmeldingens <Melding> mangler {list}."),
                format!("The identmelding's <Melding> lacks {list}."),
                Source::Ident,
                None,
            )
            .schema = true;
        }
        if !empty.is_empty() {
            let list = empty.join(", ");
            self.push(
                "IDE-05",
                ih.pos,
                format!("Identmeldingens <Melding> har tom {list}."),
                format!("The identmelding's <Melding> has an empty {list}."),
                Source::Ident,
                None,
            );
        }
        if ih.kontaktpersoner == 0 {
            self.push(
                "IDE-05",
                ih.pos,
                "Identmeldingen har ingen <Kontaktperson>.".into(),
                "The identmelding has no <Kontaktperson>.".into(),
                Source::Ident,
                None,
            )
            .schema = true;
        }
        // IDE-04: the pair disagrees.
        let Some(ii) = h.innhinfo.as_ref() else {
            return;
        };
        if let (Some(a), Some(b)) = (ii.text(Field::iiLopenr), ih.attr("lopenr")) {
            // Spaces around either are not taken for a different number.
            let (a, b) = (a.trim(), b.trim());
            if a != b {
                self.push(
                    "IDE-04",
                    ii.pos_of(Field::iiLopenr),
                    format!("Løpenummeret i IPLOS-meldingen ({a}) er ikke det samme som i identmeldingen ({b}): filene hører ikke sammen.{PAIR_SKIPPED_NB}"),
                    format!("The serial number in the IPLOS message ({a}) differs from the identmelding's ({b}): the files do not belong together.{PAIR_SKIPPED_EN}"),
                    Source::Fagmelding,
                    None,
                );
            }
        }
        for (f, attr) in [
            (Field::iiFraDato, "fraDatoPeriode"),
            (Field::iiTilDato, "tilDatoPeriode"),
        ] {
            let ours = rules::date(ii, f);
            let theirs = ih.attr(attr).and_then(|v| Date::parse(&v.replace('-', "")));
            if let (Some(a), Some(b)) = (ours, theirs) {
                if a != b {
                    self.push(
                        "IDE-04",
                        ii.pos_of(f),
                        format!("Perioden er ulik: {} er {a} i IPLOS-meldingen, men {attr} er {b} i identmeldingen.{PAIR_SKIPPED_NB}", f.name()),
                        format!("The periods differ: {} is {a} in the IPLOS message, but {attr} is {b} in the identmelding.{PAIR_SKIPPED_EN}", f.name()),
                        Source::Fagmelding,
                        None,
                    );
                }
            }
        }
    }

    /// FIL-17 for one file: one finding counting the findings that break
    /// its official schema, by code, and naming the schema.
    fn schema_summary(&mut self, file: Source, strict_2018: bool) {
        let mut by_code: BTreeMap<&'static str, usize> = BTreeMap::new();
        for f in self.findings.iter().filter(|f| f.schema && f.file == file) {
            *by_code.entry(f.code).or_default() += 1;
        }
        for (code, (_, fag, ident)) in &self.omitted {
            let n = if file == Source::Ident { *ident } else { *fag };
            if n > 0 {
                *by_code.entry(code).or_default() += n;
            }
        }
        let total: usize = by_code.values().sum();
        if total == 0 {
            return;
        }
        let list = by_code
            .iter()
            .map(|(c, n)| format!("{c} ({n})"))
            .collect::<Vec<_>>()
            .join(", ");
        let (times_nb, times_en) = if total == 1 {
            ("gang", "time")
        } else {
            ("ganger", "times")
        };
        let (nb, en) = if file == Source::Ident {
            (
                format!("Identmeldingen bryter det offisielle skjemaet for identmeldingen (NPR ide, versjon 53.1.2) {total} {times_nb} ({list}). Mottakeren kontrollerer mot skjemaet og vil trolig avvise filen."),
                format!("The identmelding breaks the identmelding's official schema (NPR ide, version 53.1.2) {total} {times_en} ({list}). The receiver validates against the schema and will probably reject the file."),
            )
        } else {
            let (nb_note, en_note) = if strict_2018 {
                ("", "")
            } else {
                (
                    " Skjemaet for versjon 3.7 er ikke offentlig; filen er kontrollert mot 2018-skjemaet så langt strukturen er den samme.",
                    " The schema for version 3.7 is not public; the file was checked against the 2018 schema as far as the structure is the same.",
                )
            };
            (
                format!("Filen bryter det offisielle IPLOS-skjemaet {total} {times_nb} ({list}). Mottakeren kontrollerer mot skjemaet og vil trolig avvise hele filen.{nb_note}"),
                format!("The file breaks the official IPLOS schema {total} {times_en} ({list}). The receiver validates against the schema and will probably reject the whole file.{en_note}"),
            )
        };
        self.push("FIL-17", Pos { line: 1, column: 1 }, nb, en, file, None);
    }

    fn sender_check(&mut self, h: &Header) -> Option<String> {
        let ii_komnr = h.innhinfo.as_ref().and_then(|ii| {
            ii.text(Field::iiKomnr)
                .map(|v| (v.to_string(), ii.pos_of(Field::iiKomnr)))
        });
        let (nr, pos) = match ii_komnr {
            Some(x) => x,
            None if self.csv => {
                let nr = self.opts.kommune.clone()?;
                (nr, Pos::default())
            }
            None => {
                let pos = h.innhinfo.as_ref().map_or(h.root.pos, |ii| ii.pos);
                self.push(
                    "FIL-06",
                    pos,
                    "Avsenderkommunen (iiKomnr) mangler i INNHINFO.".into(),
                    "The sending municipality (iiKomnr) is missing in INNHINFO.".into(),
                    Source::Fagmelding,
                    None,
                )
                .schema = true;
                return self.opts.kommune.clone();
            }
        };
        let year = self.ctx.as_ref().map_or(LAST_YEAR, |c| c.year);
        if !matches!(codes::kommune(&nr, year), KommuneStatus::Valid { .. }) {
            let f = self.push(
                "FIL-06",
                pos,
                format!("Avsenderkommunen «{nr}» er ikke en kommune i {year}."),
                format!("The sending municipality «{nr}» is not a municipality in {year}."),
                Source::Fagmelding,
                None,
            );
            f.schema = !nr.is_empty() && nr.chars().count() != 4;
        }
        Some(nr)
    }

    fn run_header_rules(&mut self, h: &Header) {
        let Some(ctx) = self.ctx.clone() else { return };
        let mut hits = std::mem::take(&mut self.hits);
        for r in RULES.iter().filter(|r| r.applies(ctx.year)) {
            let f = match r.check {
                Check::Header(f) | Check::HeaderAndPerson(f, _) => f,
                _ => continue,
            };
            f(
                &ctx,
                h,
                &mut Out {
                    code: r.code,
                    hits: &mut hits,
                },
            );
        }
        for hit in hits.drain(..) {
            self.push_hit(hit, None);
        }
        self.hits = hits;
    }

    fn push_hit(&mut self, hit: Hit, person: Option<&Person>) {
        let f = self.push(hit.code, hit.pos, hit.nb, hit.en, hit.file, person);
        f.schema = hit.schema;
        f.tj_tjen_type = hit
            .tj_tjen_type
            .map(|t| privacy::field(&t, privacy::Lang::Nb));
    }

    fn join_ident(&mut self, p: &mut Person) {
        let Some(idents) = self.idents.as_ref() else {
            return;
        };
        let Some(pid) = p.pe_id() else { return };
        match self.ident_index.get(pid).map(|i| i as usize) {
            Some(i) => {
                self.ident_used[i] = true;
                let id = &idents[i];
                if let Some(fid) = &id.fid {
                    p.rec.set(Field::fid, fid.clone(), id.pos);
                }
                if let Some(t) = &id.type_id {
                    p.rec.set(Field::typeID, t.clone(), id.pos);
                }
                p.ident_pos = Some(id.pos);
            }
            None => {
                let mismatch = self.ctx.as_ref().is_some_and(|c| c.pair_mismatch);
                if self.applies("IDE-01") && !mismatch {
                    let pos = p.rec.pos;
                    self.push(
                        "IDE-01",
                        pos,
                        format!("Personen med pePeID {pid} finnes ikke i identmeldingen (ingen PasientIdent med pid {pid})."),
                        format!("The person with pePeID {pid} is not in the identmelding (no PasientIdent with pid {pid})."),
                        Source::Fagmelding,
                        Some(p),
                    );
                }
            }
        }
    }

    fn cross_person(&mut self, p: &Person) {
        let mut same_pe_id = false;
        if let Some(id) = p.pe_id() {
            if looks_like_identity(id) {
                let (n, first, examples) = &mut self.pe_id_fnr;
                if *n == 0 {
                    *first = p.rec.pos;
                }
                *n += 1;
                if examples.len() < 3 {
                    examples.push(fnr::mask(id));
                }
            }
            if let Some((first, line)) = self.pe_ids.get(id) {
                same_pe_id = true;
                self.push(
                    "PER-09",
                    p.rec.pos,
                    format!("pePeID {id} er brukt før, på person nr. {first} (linje {line})."),
                    format!("pePeID {id} was used before, on person no. {first} (line {line})."),
                    Source::Fagmelding,
                    Some(p),
                );
            } else {
                self.pe_ids.keep_first(id, (p.index, p.rec.pos.line));
            }
        }
        if let Some(fid) = p.fid() {
            // The same pePeID and number again is one problem (PER-09), not two.
            if let Some(first) = self.fids.get(fid).filter(|_| !same_pe_id) {
                let pos = p.ident_pos.unwrap_or(p.rec.pos);
                let file = if p.ident_pos.is_some() {
                    Source::Ident
                } else {
                    Source::Fagmelding
                };
                self.push(
                    "PER-08",
                    pos,
                    format!("Fødselsnummeret {} er brukt på mer enn én person (også person nr. {first}).", fnr::mask(fid)),
                    format!("Identity number {} is used on more than one person (also person no. {first}).", fnr::mask(fid)),
                    file,
                    Some(p),
                );
            } else if fid.len() == 11 {
                self.fids.keep_first(fid, p.index);
            }
        }
    }

    fn count(&mut self, p: &Person) {
        self.persons += 1;
        self.records.personoppl += p.oppl.len();
        self.records.funksjon += p.funksjoner.len();
        self.records.tjeneste += p.tjenester.len();
        self.records.diagnose += p.diagnoser.len();
        self.records.dogntilbud += p.dogntilbud.len();
    }

    /// End of input: file-level rules and the FIL-17 summary. Returns the sender.
    fn finish(&mut self) -> Option<String> {
        let ctx = self.ctx.clone()?;
        if !self.stopped {
            if self.persons == 0 {
                self.push(
                    "FIL-08",
                    Pos { line: 1, column: 1 },
                    "Filen har ingen personer (PERSON). En tom fil må også sendes, men sjekk at uttrekket er riktig.".into(),
                    "The file has no persons (PERSON). An empty file must also be sent, but check the extract.".into(),
                    Source::Fagmelding,
                    None,
                );
            }
            if self.pe_id_fnr.0 > 0 && self.applies("PER-28") {
                let (n, pos, examples) = std::mem::take(&mut self.pe_id_fnr);
                let examples = examples.join(", ");
                let (pn, pe) = if n == 1 {
                    ("person", "person")
                } else {
                    ("personer", "persons")
                };
                self.push(
                    "PER-28",
                    pos,
                    format!("{n} {pn} har en pePeID som ser ut som et fødselsnummer (for eksempel {examples}). Registeret får da identiteten i fagmeldingen."),
                    format!("{n} {pe} have a pePeID that looks like an identity number (for example {examples}). The register then gets the identity in the data message."),
                    Source::Fagmelding,
                    None,
                );
            }
            if let (Some(idents), true, false) = (
                self.idents.as_ref(),
                self.applies("IDE-02"),
                ctx.pair_mismatch,
            ) {
                let unused: Vec<(SmallStr, Pos)> = idents
                    .iter()
                    .zip(&self.ident_used)
                    .filter(|(_, used)| !**used)
                    // A pid given twice for a person who exists is IDE-03's
                    // alone: its second entry is unused, not unmatched.
                    .filter(|(id, _)| self.pe_ids.get(&id.pid).is_none())
                    .map(|(id, _)| (id.pid.clone(), id.pos))
                    .collect();
                for (pid, pos) in unused {
                    self.push(
                        "IDE-02",
                        pos,
                        format!("PasientIdent med pid {pid} har ingen person i IPLOS-meldingen."),
                        format!("PasientIdent with pid {pid} has no person in the IPLOS message."),
                        Source::Ident,
                        None,
                    );
                }
            }
            if !self.csv
                && self.idents.is_none()
                && !self.any_pe_fnr
                && self.applies("FIL-16")
                && self.persons > 0
            {
                self.push(
                    "FIL-16",
                    Pos { line: 1, column: 1 },
                    "Ingen identmelding er lagt ved: fødselsnumrene er ikke kontrollert. Legg ved identmeldingen for en full kontroll.".into(),
                    "No identmelding was given: identity numbers were not checked. Add the identmelding for a full check.".into(),
                    Source::Fagmelding,
                    None,
                );
            }
        }
        let mut kommune = ctx.kommune.clone();
        if self.csv && kommune.is_none() {
            if self.person_kommuner.len() == 1 {
                kommune = self.person_kommuner.iter().next().cloned();
            } else if self.persons > 0 {
                self.push(
                    "FIL-06",
                    Pos::default(),
                    "Avsenderkommunen er ukjent: CSV-filen har ingen kommunekolonne for avsender, og personene hører til flere kommuner. Oppgi kommunen (--kommune).".into(),
                    "The sending municipality is unknown: the CSV has no sender column, and the persons belong to several municipalities. Give the municipality (--kommune).".into(),
                    Source::Fagmelding,
                    None,
                );
            }
        }
        if codes::schema_2018_applies(ctx.year) {
            self.enforce_cap();
            if !self.csv {
                self.schema_summary(Source::Fagmelding, ctx.strict_2018);
            }
            if self.idents.is_some() || self.ident_header.is_some() {
                self.schema_summary(Source::Ident, true);
            }
        }
        self.findings.sort_by_key(|f| {
            (
                f.file == Source::Ident,
                f.line.unwrap_or(0),
                f.column.unwrap_or(0),
            )
        });
        kommune
    }
}

impl Sink for Engine {
    fn header(&mut self, h: Header) {
        if self.stopped {
            return;
        }
        let file_year = Self::year_from(&h);
        let pos = h
            .innhinfo
            .as_ref()
            .map_or(h.root.pos, |ii| ii.pos_of(Field::iiFraDato));
        if let (Some(fy), Some(uy)) = (file_year, self.opts.year) {
            if fy != uy {
                self.push(
                    "FIL-05",
                    pos,
                    format!("Du valgte rapporteringsår {uy}, men filen gjelder {fy}. Filen er kontrollert for {fy}."),
                    format!("You chose reporting year {uy}, but the file is for {fy}. The file was checked for {fy}."),
                    Source::Fagmelding,
                    None,
                );
            }
        }
        let Some(year) = file_year.or(self.opts.year) else {
            self.push(
                "FIL-04",
                pos,
                "Filen har ingen rapporteringsperiode, og ingen rapporteringsår er valgt. Velg året filen gjelder.".into(),
                "The file has no reporting period, and no reporting year was chosen. Choose the year the file is for.".into(),
                Source::Fagmelding,
                None,
            );
            return;
        };
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            self.push(
                "FIL-04",
                pos,
                format!("Rapporteringsåret {year} støttes ikke; IPLOS-sjekk kjenner årene {FIRST_YEAR}–{LAST_YEAR}."),
                format!("Reporting year {year} is not supported; IPLOS-sjekk knows the years {FIRST_YEAR}–{LAST_YEAR}."),
                Source::Fagmelding,
                None,
            );
            return;
        }
        let strict_2018 = h.root.text(Field::versjon) == Some("3.5")
            || h.namespace.as_deref().is_some_and(|n| n.ends_with("/2018"));
        self.ctx = Some(std::sync::Arc::new(Ctx {
            year,
            kommune: None,
            csv: self.csv,
            csv_has_fid: self.csv_has_fid,
            has_ident: self.idents.is_some(),
            strict_2018,
            pair_mismatch: false,
        }));
        // Findings made before the year was known, for rules that do not apply to it.
        self.findings
            .retain(|f| rules::rule(f.code).is_none_or(|r| r.applies(year)));
        let kommune = self.sender_check(&h);
        if let Some(c) = self.ctx.as_mut() {
            std::sync::Arc::make_mut(c).kommune = kommune;
        }
        if self.applies("IDE-03") {
            for (first, dup) in std::mem::take(&mut self.pending_dups) {
                let idents = self.idents.as_ref().expect("dups imply idents");
                let (pid, pos, first_line) = (
                    idents[dup].pid.clone(),
                    idents[dup].pos,
                    idents[first].pos.line,
                );
                self.push(
                    "IDE-03",
                    pos,
                    format!(
                        "pid {pid} står to ganger i identmeldingen (også på linje {first_line})."
                    ),
                    format!(
                        "pid {pid} appears twice in the identmelding (also on line {first_line})."
                    ),
                    Source::Ident,
                    None,
                )
                .schema = self.schema_dups.contains(&dup);
            }
        }
        if self.applies("IDE-04") {
            let before = self.findings.len();
            self.ident_pair_checks(&h);
            if self.findings[before..].iter().any(|f| f.code == "IDE-04") {
                if let Some(c) = self.ctx.as_mut() {
                    std::sync::Arc::make_mut(c).pair_mismatch = true;
                }
            }
        }
        self.stats = Some(crate::stats::StatsAcc::new(year));
        self.run_header_rules(&h);
    }

    fn person(&mut self, mut p: Person) {
        self.judge(&mut p);
    }

    fn note(&mut self, n: Note) {
        self.file_note(n, Source::Fagmelding);
    }
}

impl Engine {
    /// Judges one person (the caller keeps it, to drop where it was made).
    fn judge(&mut self, p: &mut Person) {
        self.count(p);
        if self.stopped {
            return;
        }
        let Some(ctx) = self.ctx.clone() else { return };
        let findings_before = self.findings.len();
        if p.rec.get(Field::peFnr).is_some() {
            self.any_pe_fnr = true;
        }
        self.join_ident(p);
        self.cross_person(&*p);
        if let Some(k) = p.rec.text(Field::peKomnr) {
            if self.csv && !self.person_kommuner.contains(k) {
                self.person_kommuner.insert(k.to_string());
            }
        }
        let mut hits = std::mem::take(&mut self.hits);
        if self.person_checks.0 != ctx.year {
            self.person_checks = (
                ctx.year,
                RULES
                    .iter()
                    .filter(|r| r.applies(ctx.year))
                    .filter_map(|r| match r.check {
                        Check::Person(f) | Check::HeaderAndPerson(_, f) => Some((r.code, f)),
                        _ => None,
                    })
                    .collect(),
            );
        }
        for &(code, f) in &self.person_checks.1 {
            f(
                &ctx,
                &*p,
                &mut Out {
                    code,
                    hits: &mut hits,
                },
            );
        }
        for n in std::mem::take(&mut p.notes) {
            if self.applies(n.code) {
                hits.push(Hit {
                    code: n.code,
                    pos: n.pos,
                    nb: n.nb,
                    en: n.en,
                    schema: n.schema,
                    file: Source::Fagmelding,
                    tj_tjen_type: None,
                });
            }
        }
        // Severities of this person's hits, also of those over the cap.
        let (mut hit_error, mut hit_fatal) = (false, false);
        for hit in hits.drain(..) {
            let severity = rules::rule(hit.code).map_or(Severity::Error, |r| r.severity);
            hit_error |= severity == Severity::Error;
            hit_fatal |= severity == Severity::Fatal;
            if severity != Severity::Fatal && self.over_cap(hit.code) {
                // Only counted: no finding is built for it (a file where
                // every person has the same fault stays fast).
                let o = self.omitted.entry(hit.code).or_default();
                o.0 += 1;
                if hit.file == Source::Ident {
                    o.2 += usize::from(hit.schema);
                } else {
                    o.1 += usize::from(hit.schema);
                }
            } else {
                self.push_hit(hit, Some(&*p));
            }
        }
        self.hits = hits;
        let new = &self.findings[findings_before..];
        let has_error = hit_error || hit_fatal || new.iter().any(|f| f.severity <= Severity::Error);
        if hit_error || new.iter().any(|f| f.severity == Severity::Error) {
            self.persons_with_errors += 1;
        }
        self.enforce_cap();
        self.duty.add(&*p);
        if let Some(s) = self.stats.as_mut() {
            s.add(&*p, has_error);
        }
        if let Some(rows) = self.record_duties.as_mut() {
            for t in &*p.tjenester {
                let Some(duty) = crate::rules::tjeneste::code(t)
                    .and_then(|c| crate::duty::record_duty(ctx.year, c))
                else {
                    continue;
                };
                rows.push(crate::report::RecordDutyRow {
                    person: p.index,
                    pe_pe_id: p.pe_id().map(str::to_string),
                    line: t.pos.line,
                    duty,
                });
            }
        }
    }
}

/// Whether a `pePeID` reads as a Norwegian identity number: eleven digits
/// with a possible birth date and valid check digits (any kind: F, D, H or
/// synthetic; classic or 2032 rule). PER-28.
fn looks_like_identity(id: &str) -> bool {
    if id.len() != 11 {
        return false;
    }
    let a = fnr::analyse(id);
    a.eleven_digits && a.date_ok && a.check != fnr::CheckDigits::Invalid
}

/// IDE-04's note on what it stops: the checks that join the pair person by
/// person would only repeat the mismatch.
const PAIR_SKIPPED_NB: &str = " Kontrollene som kobler filene person for person (PER-25, PER-26, TJE-29 fra fødselsdatoen, IDE-01 og IDE-02) er derfor ikke kjørt.";
const PAIR_SKIPPED_EN: &str = " The checks that join the files person by person (PER-25, PER-26, TJE-29 from the birth date, IDE-01 and IDE-02) were therefore not run.";

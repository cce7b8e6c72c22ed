//! How persons travel from the reader to the engine: over a channel to a
//! rules thread natively, inline in the browser's single-threaded worker.

use sha2::{Digest, Sha256};

use super::Engine;
use crate::finding::{Note, Source};
use crate::ident::IdentFile;
use crate::model::{Field, Header, Person, Sink};

/// The engine, on a thread of its own where there is one.
///
/// Natively the rules run on a second thread while this one reads (two
/// cores: reading and judging overlap); in the browser's worker, with one
/// thread, they run inline. Messages keep their order, so the report is the
/// same either way. Persons go over in batches and come back to be dropped
/// here, where they were made: glibc's allocator is slow when memory is
/// freed on another thread than the one that took it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(super) enum Handle {
    /// The engine, the digest and the persons judged, to be reused.
    Inline(Box<Engine>, Sha256, Vec<Person>),
    #[cfg(not(target_arch = "wasm32"))]
    Thread(Box<Pipe>),
}

#[cfg(not(target_arch = "wasm32"))]
pub(super) struct Pipe {
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
    /// Bytes to hash: the first `usize` of the buffer.
    Hash(Vec<u8>, usize),
    Persons(Vec<Person>),
    Event(Event),
}

/// What the reader tells the engine besides persons, in file order.
enum Event {
    Header(Box<Header>),
    Note(Note, Source),
    Csv(Option<bool>, Vec<Field>),
    Ident(Box<IdentFile>),
}

impl Engine {
    fn apply(&mut self, ev: Event) {
        match ev {
            Event::Header(h) => self.header(*h),
            Event::Note(n, src) => self.file_note(n, src),
            Event::Csv(f, absent) => self.apply_csv(f, absent),
            Event::Ident(f) => self.load_ident(*f),
        }
    }
}

/// Persons handed to the rules thread at a time (and kept for reuse).
const BATCH: usize = 32;

impl Handle {
    pub(super) fn start(eng: Engine) -> Handle {
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
                            Msg::Hash(bytes, n) => {
                                hasher.update(&bytes[..n]);
                                let _ = back_tx.send(Back::Bytes(bytes));
                            }
                            Msg::Persons(mut ps) => {
                                for p in ps.iter_mut() {
                                    eng.judge(p);
                                }
                                // Dropped by the reading thread, which made them.
                                let _ = back_tx.send(Back::Persons(ps));
                            }
                            Msg::Event(ev) => eng.apply(ev),
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
    pub(super) fn hash(&mut self, chunk: &[u8]) {
        match self {
            Handle::Inline(_, h, _) => h.update(chunk),
            #[cfg(not(target_arch = "wasm32"))]
            Handle::Thread(pipe) => {
                let mut buf = pipe.spare.pop().unwrap_or_default();
                buf.clear();
                buf.extend_from_slice(chunk);
                let n = buf.len();
                Self::send(pipe, Msg::Hash(buf, n));
            }
        }
    }

    /// Adds `buf[..n]` to the SHA-256, taking the buffer (natively it goes
    /// to the rules thread as it is, not copied), and gives back a buffer
    /// of the same length to read the next bytes into.
    pub(super) fn hash_owned(&mut self, buf: Vec<u8>, n: usize) -> Vec<u8> {
        match self {
            Handle::Inline(_, h, _) => {
                h.update(&buf[..n]);
                buf
            }
            #[cfg(not(target_arch = "wasm32"))]
            Handle::Thread(pipe) => {
                let len = buf.len();
                Self::send(pipe, Msg::Hash(buf, n));
                let mut next = pipe.spare.pop().unwrap_or_default();
                // Zeroed once, when the buffer is new (or was shorter).
                next.resize(len, 0);
                next
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

    /// An event, after the persons read before it.
    fn event(&mut self, ev: Event) {
        match self {
            Handle::Inline(e, _, _) => e.apply(ev),
            #[cfg(not(target_arch = "wasm32"))]
            Handle::Thread(pipe) => {
                Self::flush(pipe);
                Self::send(pipe, Msg::Event(ev));
            }
        }
    }

    pub(super) fn file_note(&mut self, n: Note, src: Source) {
        self.event(Event::Note(n, src));
    }

    /// An identmelding found after the start (in a ZIP), before any person.
    pub(super) fn load_ident(&mut self, f: IdentFile) {
        self.event(Event::Ident(Box::new(f)));
    }

    pub(super) fn set_csv(&mut self, has_fid: Option<bool>, absent: Vec<Field>) {
        self.event(Event::Csv(has_fid, absent));
    }

    /// Waits until everything sent is judged: the engine and the digest.
    pub(super) fn join(self) -> (Engine, [u8; 32]) {
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
        self.event(Event::Header(Box::new(h)));
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

//! Arbitrary bytes through decoding and both XML readers (fagmelding and
//! identmelding): never a panic, a hang or unbounded memory. The fagmelding
//! is also read in small windows, as a stream arrives, and must give exactly
//! what reading it whole gives (persons, notes and their positions).
#![no_main]

use iplos_sjekk::model::{Header, Note, Person, Pos, Sink};
use iplos_sjekk::profile::Profile;
use iplos_sjekk::xml::XmlReader;
use libfuzzer_sys::fuzz_target;

/// What a reading gave: the persons (index, start, notes) and file notes.
#[derive(Default, Debug, PartialEq)]
struct Seen {
    persons: Vec<(u32, Pos, Vec<Note>)>,
    notes: Vec<Note>,
    headers: usize,
}

impl Sink for Seen {
    fn header(&mut self, _: Header) {
        self.headers += 1;
    }
    fn person(&mut self, p: Person) {
        self.persons.push((p.index, p.rec.pos, p.notes));
    }
    fn note(&mut self, n: Note) {
        self.notes.push(n);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(d) = iplos_sjekk::decode::decode(data) else {
        return;
    };
    let profile = Profile::builtin("iplos-2018").expect("built in");
    let ascii = d.text.is_ascii();

    let mut whole = Seen::default();
    let mut r = XmlReader::new(profile.clone());
    r.feed(&d.text, true, &mut whole);
    r.finish(&mut whole, d.encoding, ascii);

    // Windows of 1 to 64 bytes (at character boundaries), the rest of each
    // window kept and sent again with the next, as the engine does.
    let step = 1 + usize::from(data.first().copied().unwrap_or(0) % 64);
    let mut streamed = Seen::default();
    let mut r = XmlReader::new(profile);
    let mut pending = String::new();
    let mut at = 0;
    while at < d.text.len() && !r.is_done() {
        let mut end = (at + step).min(d.text.len());
        while !d.text.is_char_boundary(end) {
            end += 1;
        }
        pending.push_str(&d.text[at..end]);
        at = end;
        let used = r.feed(&pending, false, &mut streamed);
        pending.drain(..used);
    }
    if !r.is_done() {
        r.feed(&pending, true, &mut streamed);
    }
    r.finish(&mut streamed, d.encoding, ascii);
    assert_eq!(whole, streamed, "window of {step} bytes");

    let _ = iplos_sjekk::ident::read(&d.text, d.encoding);
});

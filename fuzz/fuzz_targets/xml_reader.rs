//! Arbitrary bytes through decoding and both XML readers (fagmelding and
//! identmelding): never a panic, a hang or unbounded memory.
#![no_main]

use iplos_sjekk::model::{Header, Note, Person, Sink};
use iplos_sjekk::profile::Profile;
use libfuzzer_sys::fuzz_target;

struct Null;

impl Sink for Null {
    fn header(&mut self, _: Header) {}
    fn person(&mut self, _: Person) {}
    fn note(&mut self, _: Note) {}
}

fuzz_target!(|data: &[u8]| {
    let Ok(d) = iplos_sjekk::decode::decode(data) else {
        return;
    };
    let profile = Profile::builtin("iplos-2018").expect("built in");
    let _ = iplos_sjekk::xml::read(&d.text, d.encoding, &profile, &mut Null);
    let _ = iplos_sjekk::ident::read(&d.text, d.encoding);
});

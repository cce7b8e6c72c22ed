//! Arbitrary bytes through decoding and the CSV reader.
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
    let profile = Profile::builtin("iplos-csv").expect("built in");
    let _ = iplos_sjekk::csv_reader::read(&d.text, &profile, &mut Null);
});

//! Arbitrary text as a user's format profile (JSON): a broken one is an
//! error, never a panic; an accepted one is then used on a real file.
#![no_main]

use iplos_sjekk::profile::Profile;
use iplos_sjekk::{check, Input, Options};
use libfuzzer_sys::fuzz_target;

const XML: &[u8] = include_bytes!("../../tests/fixtures/klar-2025.xml");
const CSV: &[u8] = include_bytes!("../../tests/fixtures/csv-utf8.csv");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(profile) = Profile::from_json(text) else {
        return;
    };
    let opts = Options {
        year: Some(2025),
        profile: Some(profile),
        ..Options::default()
    };
    for bytes in [XML, CSV] {
        let _ = check(Input::new("f", bytes), None, &opts);
    }
});

//! The whole check on arbitrary bytes, alone or with an identmelding half.
//! The first byte chooses: even, the rest is one file; odd, the next two
//! bytes (little-endian) are the fagmelding's length, and what follows it
//! is the identmelding.
#![no_main]

use iplos_sjekk::{check, Input, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let opts = Options {
        year: Some(2025),
        ..Options::default()
    };
    if mode & 1 == 0 {
        let _ = check(
            Input::new("f", rest),
            None,
            &opts,
        );
        return;
    }
    let [a, b, rest @ ..] = rest else {
        return;
    };
    let at = usize::from(u16::from_le_bytes([*a, *b])).min(rest.len());
    let (main, ident) = rest.split_at(at);
    let _ = check(
        Input::new("f", main),
        Some(Input::new("i", ident)),
        &opts,
    );
});

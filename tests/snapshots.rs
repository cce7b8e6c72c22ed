//! Snapshot tests (insta) of the text report a person reads for each
//! described fixture (tests/fixtures/README.md). A change in wording,
//! grouping or findings shows up as a reviewed diff.

use iplos_sjekk::render::{text, Lang};
use iplos_sjekk::{check, Input, Options};

fn report(name: &str, ident: Option<&str>, lang: Lang) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let bytes = std::fs::read(format!("{dir}{name}")).unwrap();
    let ident_bytes = ident.map(|i| std::fs::read(format!("{dir}{i}")).unwrap());
    let r = check(
        Input::new(name, &bytes),
        ident
            .zip(ident_bytes.as_deref())
            .map(|(name, bytes)| Input { name, bytes }),
        &Options {
            year: Some(2025),
            ..Default::default()
        },
    );
    text(&r, lang)
}

macro_rules! snap {
    ($test:ident, $file:literal, $ident:expr) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!(report($file, $ident, Lang::Nb));
        }
    };
}

snap!(klar_2025, "klar-2025.xml", Some("klar-2025-ident.xml"));
snap!(
    feil_i_poster_2025,
    "feil-i-poster-2025.xml",
    Some("feil-i-poster-2025-ident.xml")
);
snap!(avvises_2025, "avvises-2025.xml", None);
snap!(trunkert_2025, "trunkert-2025.xml", None);
snap!(iplos_2017_pefnr, "iplos-2017-pefnr.xml", None);
snap!(csv_utf8, "csv-utf8.csv", None);

#[test]
fn feil_i_poster_2025_en() {
    insta::assert_snapshot!(report(
        "feil-i-poster-2025.xml",
        Some("feil-i-poster-2025-ident.xml"),
        Lang::En
    ));
}

//! The synthetic data generator: clean files are `klar`, planted errors are
//! found exactly (no more, no fewer), and a seed always gives the same bytes.

use iplos_sjekk::generate::{self, Config, Format, PlantedKind};
use iplos_sjekk::{check, Input, Options, Severity, Verdict};

mod common;

const YEARS: [u16; 4] = [2016, 2017, 2019, 2025];

fn config(persons: u64, year: u16, seed: u64, format: Format, rate: f64) -> Config {
    Config {
        persons,
        year,
        seed,
        format,
        error_rate: rate,
        kommune: if seed.is_multiple_of(2) {
            "0301"
        } else {
            "1103"
        }
        .into(),
    }
}

fn run(cfg: &Config) -> iplos_sjekk::Report {
    let (main, ident) = generate::to_bytes(cfg);
    let opts = Options {
        year: Some(cfg.year),
        ..Options::default()
    };
    check(
        Input::new("generert", &main),
        ident
            .as_deref()
            .map(|bytes| Input::new("generert-ident", bytes)),
        &opts,
    )
}

/// `(pePeID, code)` of every Error and Warning except PER-07, sorted.
fn found(report: &iplos_sjekk::Report) -> Vec<(u64, String)> {
    let mut v: Vec<(u64, String)> = report
        .findings
        .iter()
        .filter(|f| {
            matches!(
                f.severity,
                Severity::Error | Severity::Warning | Severity::Fatal
            )
        })
        .filter(|f| f.code != "PER-07")
        .map(|f| {
            let id = f
                .pe_pe_id
                .as_deref()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            (id, f.code.to_string())
        })
        .collect();
    v.sort();
    v
}

fn expected(cfg: &Config) -> Vec<(u64, String)> {
    let mut v: Vec<(u64, String)> = generate::planted(cfg)
        .map(|p| (p.pe_pe_id, p.code.to_string()))
        .collect();
    v.sort();
    v
}

#[test]
fn clean_files_are_ready_to_send() {
    for format in [Format::Xml, Format::Csv] {
        for year in YEARS.into_iter().chain([2018, 2026]) {
            let cfg = config(400, year, u64::from(year), format, 0.0);
            let r = run(&cfg);
            assert_eq!(
                r.verdict,
                Verdict::Klar,
                "{format:?} {year}: {:?}",
                found(&r)
            );
            assert_eq!(found(&r), vec![], "{format:?} {year}");
            // Every person shows as synthetic, once.
            let per07 = r.findings.iter().filter(|f| f.code == "PER-07").count();
            assert_eq!(per07, 400, "{format:?} {year}");
            let other_info: Vec<_> = r
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Info)
                .map(|f| f.code)
                .collect();
            assert_eq!(other_info, Vec::<&str>::new(), "{format:?} {year}");
        }
    }
}

#[test]
fn without_its_identmelding_a_clean_file_only_notes_fil_16() {
    let cfg = config(50, 2025, 7, Format::Xml, 0.0);
    let (main, _) = generate::to_bytes(&cfg);
    let r = check(Input::new("generert", &main), None, &Options::default());
    assert_eq!(r.verdict, Verdict::Klar);
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, vec!["FIL-16"]);
}

/// The property: over many seeds and sizes, the checker finds exactly the
/// planted errors, in XML (with the identmelding) and CSV, in several years.
#[test]
fn the_checker_finds_exactly_the_planted_errors() {
    let mut planted_total = 0;
    let mut codes_seen = std::collections::BTreeSet::new();
    for format in [Format::Xml, Format::Csv] {
        for year in YEARS {
            for seed in 0..12u64 {
                let persons = 1 + (seed * 37) % 160;
                let rate = [0.05, 0.3, 0.8, 1.0][(seed % 4) as usize];
                let cfg = config(persons, year, seed * 1_000 + u64::from(year), format, rate);
                let want = expected(&cfg);
                let got = found(&run(&cfg));
                assert_eq!(
                    got, want,
                    "{format:?} {year} seed {} persons {persons} rate {rate}",
                    cfg.seed
                );
                planted_total += want.len();
                codes_seen.extend(want.into_iter().map(|(_, c)| c));
            }
        }
    }
    assert!(planted_total > 1_000, "{planted_total}");
    for k in PlantedKind::ALL {
        assert!(codes_seen.contains(k.code()), "{} never planted", k.code());
    }
}

#[test]
fn a_seed_gives_the_same_bytes() {
    for format in [Format::Xml, Format::Csv] {
        let cfg = config(200, 2025, 42, format, 0.2);
        let (a, ai) = generate::to_bytes(&cfg);
        let (b, bi) = generate::to_bytes(&cfg);
        assert_eq!(a, b);
        assert_eq!(ai, bi);
        let other = config(200, 2025, 44, format, 0.2);
        assert_ne!(a, generate::to_bytes(&other).0);
        let mut j1 = Vec::new();
        let mut j2 = Vec::new();
        generate::write_planted_json(&cfg, &mut j1).unwrap();
        generate::write_planted_json(&cfg, &mut j2).unwrap();
        assert_eq!(j1, j2);
        let list: serde_json::Value = serde_json::from_slice(&j1).unwrap();
        assert_eq!(list.as_array().unwrap().len(), expected(&cfg).len());
    }
}

#[test]
fn no_real_looking_identity_is_written() {
    for format in [Format::Xml, Format::Csv] {
        for year in [2016, 2025] {
            let cfg = config(300, year, 3, format, 0.5);
            let (main, ident) = generate::to_bytes(&cfg);
            for bytes in std::iter::once(main).chain(ident) {
                let text = String::from_utf8(bytes).unwrap();
                for run in text
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|s| s.len() == 11)
                {
                    let a = iplos_sjekk::fnr::analyse(run);
                    let month: u8 = run[2..4].parse().unwrap();
                    assert!(
                        month > 80 || a.check == iplos_sjekk::fnr::CheckDigits::Invalid,
                        "{run}"
                    );
                }
            }
        }
    }
}

/// Generated XML follows the official schemas (2018 fagmelding, 53.1.2
/// identmelding), planted errors included: they are all content errors.
#[test]
fn generated_xml_follows_the_official_schemas() {
    use std::process::Command;
    let Some(xsd_dir) =
        common::official_schemas("generate::generated_xml_follows_the_official_schemas")
    else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("iplos-generate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (year, rate) in [(2018, 0.0), (2025, 0.0), (2025, 1.0)] {
        let cfg = config(150, year, 11, Format::Xml, rate);
        let (main, ident) = generate::to_bytes(&cfg);
        let files = [
            ("IPLOS(2018)rev2018_10_10.xsd", main, "fag.xml"),
            ("XPR(ide).xsd", ident.unwrap(), "fag-ident.xml"),
        ];
        for (schema, bytes, name) in files {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let out = Command::new("xmllint")
                .args(["--noout", "--nonet", "--schema"])
                .arg(xsd_dir.join(schema))
                .arg(&path)
                .current_dir(&xsd_dir)
                .output()
                .expect("xmllint is installed by `npm test` (Debian libxml2-utils)");
            assert!(
                out.status.success(),
                "{year} rate {rate} {name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

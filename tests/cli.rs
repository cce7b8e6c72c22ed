//! The command line as a user meets it: exit codes, formats, usage errors.

use std::process::{Command, Output};

fn bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iplos-sjekk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
}

/// `check` of the clean 2025 fixture and its identmelding, with `more`.
fn check_klar(more: &[&str]) -> Output {
    let pair = [
        "check",
        "tests/fixtures/klar-2025.xml",
        "--ident",
        "tests/fixtures/klar-2025-ident.xml",
    ];
    bin(&[&pair[..], more].concat())
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn exit_codes_follow_the_verdict() {
    let clean = check_klar(&[]);
    assert_eq!(code(&clean), 0, "{}", stdout(&clean));
    let errors = bin(&[
        "check",
        "tests/fixtures/feil-i-poster-2025.xml",
        "--ident",
        "tests/fixtures/feil-i-poster-2025-ident.xml",
    ]);
    assert_eq!(code(&errors), 1);
    let rejected = bin(&["check", "tests/fixtures/avvises-2025.xml"]);
    assert_eq!(code(&rejected), 1);
    let truncated = bin(&["check", "tests/fixtures/trunkert-2025.xml"]);
    assert_eq!(code(&truncated), 2);
    assert!(stdout(&truncated).contains("FIL-01"));
}

#[test]
fn text_report_puts_the_verdict_first() {
    let o = bin(&[
        "check",
        "tests/fixtures/feil-i-poster-2025.xml",
        "--ident",
        "tests/fixtures/feil-i-poster-2025-ident.xml",
    ]);
    let out = stdout(&o);
    let verdict = out.find("Vurdering:").expect("verdict line");
    let first_rule = out.find("TJE-").expect("a finding");
    assert!(verdict < first_rule);
    assert!(out.contains("Slik retter du:"), "{out}");
    let en = stdout(&bin(&[
        "check",
        "tests/fixtures/feil-i-poster-2025.xml",
        "--lang",
        "en",
    ]));
    assert!(
        en.contains("Verdict:") && en.contains("How to fix:"),
        "{en}"
    );
}

#[test]
fn json_report_keeps_the_contract() {
    let o = check_klar(&[
        "--format",
        "json",
        "--checked-at",
        "2026-01-05T10:00:00Z",
        "--record-duties",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["verdict"], "klar");
    assert_eq!(v["persons"], 3);
    for k in ["fatal", "error", "warning", "info"] {
        assert!(v["counts"][k].is_number(), "counts.{k}");
    }
    assert_eq!(v["duties"]["registers"], serde_json::json!(["KPR"]));
    assert_eq!(v["duties"]["deadline"], "2026-01-15");
    assert!(v["duties"]["byService"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["code"] == 15));
    assert!(v["stats"]["byService"].is_array());
    let rd = v["recordDuties"]
        .as_array()
        .expect("per-record duties in the JSON export");
    assert_eq!(rd.len(), 5, "one per service record");
    assert!(rd
        .iter()
        .all(|r| r["registers"] == serde_json::json!(["KPR"])));
    let p = &v["provenance"];
    assert_eq!(p["checkedAt"], "2026-01-05T10:00:00Z");
    assert_eq!(p["year"], 2025);
    assert_eq!(p["encoding"], "UTF-8");
    assert_eq!(p["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(p["files"][1]["encoding"], "windows-1252");
    for f in v["findings"].as_array().unwrap() {
        for k in [
            "code", "severity", "message", "line", "column", "pePeID", "fid",
        ] {
            assert!(f.get(k).is_some(), "finding lacks {k}");
        }
    }
}

#[test]
fn csv_output_masks_identities() {
    let out = stdout(&check_klar(&["--format", "csv"]));
    assert!(out.starts_with("\u{feff}Kode;Alvorlighet;Regel;"));
    assert!(out.lines().count() > 1);
    assert!(
        !out.split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() == 11),
        "an 11-digit number in:\n{out}"
    );
}

#[test]
fn the_file_year_wins_over_the_chosen_one() {
    let o = bin(&[
        "check",
        "tests/fixtures/klar-2025.xml",
        "--year",
        "2024",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["year"], 2025);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "FIL-05"));
}

#[test]
fn bad_usage_is_64_with_a_helpful_message() {
    for args in [
        &["check"][..],
        &["check", "tests/fixtures/klar-2025.xml", "--format", "pdf"],
        &["check", "tests/fixtures/klar-2025.xml", "--year", "tjue"],
        &["check", "tests/fixtures/finnes-ikke.xml"],
        &["check", "tests/fixtures/klar-2025.xml", "--kommune", "46"],
        &["sjekk"],
        &["rules", "--format", "pdf"],
    ] {
        let o = bin(args);
        assert_eq!(code(&o), 64, "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("Bruk:"), "{args:?}: {err}");
        assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"));
    }
}

#[test]
fn a_broken_profile_names_the_bad_key() {
    let dir = std::env::temp_dir().join(format!("iplos-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("profil.json");
    std::fs::write(
        &p,
        r#"{"name":"leverandør","kind":"csv","fields":{"Kommune":"peKommune"}}"#,
    )
    .unwrap();
    let o = bin(&[
        "check",
        "tests/fixtures/csv-utf8.csv",
        "--profile",
        p.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 64);
    assert!(String::from_utf8_lossy(&o.stderr).contains("fields.Kommune"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rules_lists_the_catalogue() {
    let v: serde_json::Value =
        serde_json::from_slice(&bin(&["rules", "--format", "json"]).stdout).unwrap();
    let rules = v.as_array().unwrap();
    let registry: Vec<&str> = iplos_sjekk::rules::RULES.iter().map(|r| r.code).collect();
    let listed: Vec<&str> = rules.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(listed, registry);
    for r in rules {
        assert!(r["severity"].is_string() && r["title"].is_string());
    }
    let md = stdout(&bin(&["rules", "--format", "markdown"]));
    let text = stdout(&bin(&["rules"]));
    let lines: Vec<&str> = text.lines().map(|l| &l[..6]).collect();
    assert_eq!(lines, registry);
    for code in &registry {
        assert!(
            md.contains(&format!("| {code} |")),
            "{code} not in the markdown"
        );
    }
}

#[test]
fn version_and_help() {
    assert!(stdout(&bin(&["--version"])).starts_with("iplos-sjekk "));
    assert!(stdout(&bin(&["--help"])).contains("check"));
}

/// docs/rules.md is generated from the table; it must not drift.
#[test]
fn docs_rules_md_matches_the_table() {
    let generated = stdout(&bin(&["rules", "--format", "markdown"]));
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md"))
        .expect("docs/rules.md");
    assert!(
        generated == committed,
        "docs/rules.md is out of date: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

/// A bug in the program reaches the user as a plain message and exit 70,
/// never as a Rust panic with a backtrace.
#[test]
fn a_panic_is_a_message_not_a_backtrace() {
    let o = Command::new(env!("CARGO_BIN_EXE_iplos-sjekk"))
        .args(["check", "tests/fixtures/klar-2025.xml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("IPLOS_SJEKK_SELVTEST_PANIKK", "1")
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    assert_eq!(code(&o), 70);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Intern feil i IPLOS-sjekk: selvtest"), "{err}");
    assert!(
        !err.contains("panicked")
            && !err.contains("stack backtrace")
            && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_internal_error() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = std::env::temp_dir().join(format!("iplos-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("stor.xml");
    let made = bin(&[
        "generate",
        "--persons",
        "3000",
        "--year",
        "2025",
        "--seed",
        "3",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code(&made), 0, "{}", String::from_utf8_lossy(&made.stderr));
    // The JSON (with a row per service) is far larger than a pipe holds:
    // reading 100 bytes and closing makes the writer meet a closed pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_iplos-sjekk"))
        .args(["check", file.to_str().unwrap(), "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut head = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(code(&out), 70, "{stderr}");
    assert!(!stderr.contains("Intern feil"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The per-record duty list is opt-in: it repeats `duties.byService` once
/// per record and makes up most of a large file's JSON report.
#[test]
fn record_duties_only_when_asked() {
    let v: serde_json::Value =
        serde_json::from_slice(&check_klar(&["--format", "json"]).stdout).expect("valid JSON");
    assert!(
        v.get("recordDuties").is_none(),
        "not asked for: {:?}",
        v.get("recordDuties")
    );
    assert!(v["duties"]["byService"].is_array());
    let asked = check_klar(&["--format", "json", "--record-duties"]);
    let v: serde_json::Value = serde_json::from_slice(&asked.stdout).expect("valid JSON");
    assert_eq!(v["recordDuties"].as_array().map(Vec::len), Some(5));
}

/// `generate --years` writes a pair, `check --previous` compares it: the
/// planted incomplete extract is FJO-01 and FJO-04 in the JSON, with
/// `comparison`; a file of another year is refused with exit 64, in words.
#[test]
fn a_generated_pair_is_compared_with_previous() {
    let dir = std::env::temp_dir().join(format!("iplos-pair-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("par.xml");
    let out = out.to_str().unwrap();
    let g = bin(&[
        "generate",
        "--persons",
        "300",
        "--years",
        "2024,2025",
        "--seed",
        "4",
        "--plant-incomplete",
        "0.2",
        "-o",
        out,
    ]);
    assert_eq!(code(&g), 0, "{}", String::from_utf8_lossy(&g.stderr));
    let path = |s: &str| dir.join(s).to_str().unwrap().to_string();
    let dropped = std::fs::read_to_string(path("par-2025.xml.dropped.json")).unwrap();
    let n_dropped = dropped.matches("pePeIDLastYear").count();
    assert!(n_dropped > 0);
    let o = bin(&[
        "check",
        &path("par-2025.xml"),
        "--ident",
        &path("par-2025-ident.xml"),
        "--previous",
        &path("par-2024.xml"),
        "--previous-ident",
        &path("par-2024-ident.xml"),
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["comparison"]["previousYear"], 2024);
    assert_eq!(
        v["comparison"]["missingOpenEnded"]["count"].as_u64(),
        Some(n_dropped as u64)
    );
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"FJO-01") && codes.contains(&"FJO-04"));

    let wrong = bin(&[
        "check",
        &path("par-2025.xml"),
        "--previous",
        &path("par-2025.xml"),
    ]);
    assert_eq!(code(&wrong), 64);
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(err.contains("Fjorårets fil gjelder 2025"), "{err}");
    assert!(err.contains("Last year's file covers 2025"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

//! The WebAssembly boundary, run in headless Chromium by
//! `wasm-bindgen-test-runner` (see `scripts/test.mjs`): fixture bytes in, a
//! plain JS object with the JSON contract's keys out.

#![cfg(target_arch = "wasm32")]

use iplos_sjekk::wasm;
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KLAR: &[u8] = include_bytes!("fixtures/klar-2025.xml");
const KLAR_IDENT: &[u8] = include_bytes!("fixtures/klar-2025-ident.xml");
const FEIL_I_POSTER: &[u8] = include_bytes!("fixtures/feil-i-poster-2025.xml");
const TRUNKERT: &[u8] = include_bytes!("fixtures/trunkert-2025.xml");
const CSV_CP1252: &[u8] = include_bytes!("fixtures/csv-cp1252.csv");

fn year_2025() -> JsValue {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"year".into(), &2025.into()).unwrap();
    js_sys::Reflect::set(&o, &"checkedAt".into(), &"2026-01-05T10:00:00Z".into()).unwrap();
    o.into()
}

fn run(main: &[u8], name: &str, ident: Option<(&[u8], &str)>) -> Value {
    let report = wasm::check(
        main,
        name.to_string(),
        ident.map(|(b, _)| b.to_vec()),
        ident.map(|(_, n)| n.to_string()),
        year_2025(),
    )
    .unwrap_or_else(|_| panic!("check threw for {name}"));
    serde_wasm_bindgen::from_value(report).expect("the report is plain JSON")
}

fn count(report: &Value, severity: &str) -> u64 {
    report["counts"][severity]
        .as_u64()
        .expect("counts.* is a number")
}

#[wasm_bindgen_test]
fn klar_with_ident_is_ready() {
    let r = run(
        KLAR,
        "klar-2025.xml",
        Some((KLAR_IDENT, "klar-2025-ident.xml")),
    );
    assert_eq!(r["verdict"], "klar", "{r}");
    assert_eq!(count(&r, "fatal"), 0);
    assert_eq!(count(&r, "error"), 0);
    assert!(r["persons"].as_u64().unwrap() > 0);
    assert!(!r["verdictText"].as_str().unwrap().is_empty());
    assert_eq!(r["provenance"]["fileName"], "klar-2025.xml");
    assert_eq!(r["provenance"]["checkedAt"], "2026-01-05T10:00:00Z");
}

#[wasm_bindgen_test]
fn record_errors_give_feil_i_poster() {
    let r = run(FEIL_I_POSTER, "feil-i-poster-2025.xml", None);
    assert_eq!(r["verdict"], "feil_i_poster", "{r}");
    assert_eq!(count(&r, "fatal"), 0);
    assert!(count(&r, "error") > 0);
    let findings = r["findings"].as_array().unwrap();
    assert_eq!(
        findings.iter().filter(|f| f["severity"] == "error").count() as u64,
        count(&r, "error")
    );
}

#[wasm_bindgen_test]
fn truncated_file_cannot_be_checked() {
    let r = run(TRUNKERT, "trunkert-2025.xml", None);
    assert_eq!(r["verdict"], "kan_ikke_kontrolleres", "{r}");
    assert!(count(&r, "fatal") >= 1);
    let findings = r["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["code"] == "FIL-01"), "{r}");
}

#[wasm_bindgen_test]
fn windows_1252_csv_is_read() {
    let r = run(CSV_CP1252, "csv-cp1252.csv", None);
    assert_eq!(count(&r, "fatal"), 0, "{r}");
    assert!(r["persons"].as_u64().unwrap() > 0, "{r}");
}

#[wasm_bindgen_test]
fn no_full_identity_number_leaves_the_engine() {
    for (bytes, name) in [
        (FEIL_I_POSTER, "feil-i-poster-2025.xml"),
        (CSV_CP1252, "csv-cp1252.csv"),
    ] {
        // Findings only: the provenance's SHA-256 may hold long digit runs.
        let text = run(bytes, name, None)["findings"].to_string();
        let digits_run = text
            .split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .max()
            .unwrap_or(0);
        assert!(
            digits_run < 11,
            "an 11-digit number in the report of {name}"
        );
    }
}

#[wasm_bindgen_test]
fn missing_options_are_allowed_and_unknown_ones_are_not() {
    let r = wasm::check(KLAR, "klar-2025.xml".into(), None, None, JsValue::UNDEFINED);
    assert!(r.is_ok());
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"yaer".into(), &2025.into()).unwrap();
    assert!(wasm::check(KLAR, "klar-2025.xml".into(), None, None, o.into()).is_err());
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), iplos_sjekk::ENGINE_VERSION);
    assert_eq!(wasm::last_panic(), None);
}

#[wasm_bindgen_test]
fn rule_catalogue_is_sorted_and_titled() {
    let rules: Value = serde_wasm_bindgen::from_value(wasm::rules().unwrap()).unwrap();
    let rules = rules.as_array().expect("an array of rules");
    assert!(!rules.is_empty());
    let codes: Vec<&str> = rules.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "codes not sorted");
    assert!(codes.contains(&"FIL-01"));
    assert!(rules
        .iter()
        .all(|r| r["title"].as_str().is_some_and(|t| !t.is_empty())));
}

#[wasm_bindgen_test]
fn a_bad_profile_is_an_error_not_a_panic() {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"profile".into(), &"{not json".into()).unwrap();
    assert!(wasm::check(KLAR, "klar-2025.xml".into(), None, None, o.into()).is_err());
    assert_eq!(wasm::last_panic(), None);
}

/// The streamed session gives the same report as one call, chunk by chunk.
#[wasm_bindgen_test]
fn a_streamed_session_matches_check() {
    let main = include_bytes!("fixtures/feil-i-poster-2025.xml");
    let ident = include_bytes!("fixtures/feil-i-poster-2025-ident.xml");
    let whole = iplos_sjekk::wasm::check(
        main,
        "f.xml".into(),
        Some(ident.to_vec()),
        Some("i.xml".into()),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let mut s = iplos_sjekk::wasm::Session::new(
        "f.xml".into(),
        Some(ident.to_vec()),
        Some("i.xml".into()),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let mut persons = 0.0;
    for chunk in main.chunks(97) {
        let p = s.push(chunk).unwrap();
        persons = js_sys::Reflect::get(&p, &"persons".into())
            .unwrap()
            .as_f64()
            .unwrap();
    }
    assert!(persons >= 0.0);
    let streamed = s.finish().unwrap();
    let key = |v: &JsValue, k: &str| {
        js_sys::JSON::stringify(&js_sys::Reflect::get(v, &k.into()).unwrap())
            .unwrap()
            .as_string()
            .unwrap()
    };
    assert_eq!(key(&streamed, "verdict"), "\"feil_i_poster\"");
    assert_eq!(key(&streamed, "findings"), key(&whole, "findings"));
    assert!(
        s.push(b"x").is_err(),
        "a finished session refuses more input"
    );
}

fn fatal_code(report: &JsValue) -> Option<String> {
    let v: Value = serde_wasm_bindgen::from_value(report.clone()).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["severity"] == "fatal")
        .map(|f| f["code"].as_str().unwrap().to_string())
}

fn check_bytes(bytes: &[u8]) -> JsValue {
    wasm::check(bytes, "x".into(), None, None, year_2025()).unwrap()
}

/// The adversarial corpus ends in a clear Fatal finding in the browser too.
#[wasm_bindgen_test]
fn hostile_input_ends_in_a_fatal_finding() {
    let bomb = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"a\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><IPLOS>&b;</IPLOS>";
    assert_eq!(
        fatal_code(&check_bytes(bomb.as_bytes())).as_deref(),
        Some("FIL-01")
    );
    let depth = 200_000;
    let deep = format!(
        "<IPLOS>{}{}</IPLOS>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    assert_eq!(
        fatal_code(&check_bytes(deep.as_bytes())).as_deref(),
        Some("FIL-02")
    );
    assert_eq!(
        fatal_code(&check_bytes(b"<IPLOS>\0</IPLOS>")).as_deref(),
        Some("FIL-01")
    );
    let mut odd = vec![0xFF, 0xFE];
    odd.extend("<IPLOS/>".encode_utf16().flat_map(u16::to_le_bytes));
    odd.push(b'x');
    assert_eq!(fatal_code(&check_bytes(&odd)).as_deref(), Some("FIL-01"));
    let mut big = String::from("<IPLOS versjon=\"");
    big.push_str(&"x".repeat(50 << 20));
    big.push_str("\"/>");
    assert_eq!(
        fatal_code(&check_bytes(big.as_bytes())).as_deref(),
        Some("FIL-01")
    );
    let cut = &KLAR[..KLAR.len() / 2];
    assert_eq!(fatal_code(&check_bytes(cut)).as_deref(), Some("FIL-01"));
    let mut columns = String::from("pePeID;peKomnr");
    columns.push_str(&";".repeat(1_000_000));
    columns.push_str("\n1;4601\n");
    assert_eq!(fatal_code(&check_bytes(columns.as_bytes())), None);
    // One PERSON that never ends: stopped, memory stays per person.
    let endless = format!(
        "<IPLOS><PERSON pePeID=\"1\">{}</PERSON></IPLOS>",
        "<TJENESTE tjPeID=\"1\" tjTjID=\"1\"/>".repeat(150_000)
    );
    assert_eq!(
        fatal_code(&check_bytes(endless.as_bytes())).as_deref(),
        Some("FIL-02")
    );
    // A tag with 200 000 attributes and one of them twice.
    let mut tag = String::from("<IPLOS><PERSON");
    for i in 0..200_000 {
        tag.push_str(&format!(" a{i}=\"{i}\""));
    }
    tag.push_str(" a7=\"x\"/></IPLOS>");
    assert_eq!(
        fatal_code(&check_bytes(tag.as_bytes())).as_deref(),
        Some("FIL-01")
    );
}

/// The page's second worker hashes with this; it must agree with the report.
#[wasm_bindgen_test]
fn the_hasher_matches_the_report() {
    let mut h = wasm::Hasher::new();
    for c in KLAR.chunks(333) {
        h.update(c);
    }
    let report: Value = serde_wasm_bindgen::from_value(check_bytes(KLAR)).unwrap();
    assert_eq!(h.finish(), report["provenance"]["sha256"].as_str().unwrap());
}

/// The worker warms the engine up on a synthetic file before the user's.
#[wasm_bindgen_test]
fn warm_up_checks_a_synthetic_file() {
    let bytes = wasm::warm_up(5);
    // Five persons as XML with its identmelding, then as CSV: some kB.
    assert!(bytes > 2_000.0, "{bytes}");
    // The engine is still usable afterwards.
    let r = run(
        KLAR,
        "klar-2025.xml",
        Some((KLAR_IDENT, "klar-2025-ident.xml")),
    );
    assert_eq!(r["verdict"], "klar");
}

/// The page's CSV (`findingsCsv` on the report object the page holds) is
/// byte for byte the CLI's (`render::findings_csv` on the same report).
#[wasm_bindgen_test]
fn the_page_s_findings_csv_is_the_cli_s() {
    use iplos_sjekk::render::{findings_csv, Lang};
    let ident = Some(iplos_sjekk::Input::new(
        "feil-i-poster-2025-ident.xml",
        include_bytes!("fixtures/feil-i-poster-2025-ident.xml"),
    ));
    for (reveal, full) in [(false, false), (true, true)] {
        let native = iplos_sjekk::check(
            iplos_sjekk::Input::new("feil-i-poster-2025.xml", FEIL_I_POSTER),
            ident,
            &iplos_sjekk::Options {
                year: Some(2025),
                checked_at: Some("2026-01-05T10:00:00Z".into()),
                reveal_identities: reveal,
                ..Default::default()
            },
        );
        let opts = year_2025();
        js_sys::Reflect::set(&opts, &"revealIdentities".into(), &reveal.into()).unwrap();
        let page = wasm::check(
            FEIL_I_POSTER,
            "feil-i-poster-2025.xml".into(),
            Some(include_bytes!("fixtures/feil-i-poster-2025-ident.xml").to_vec()),
            Some("feil-i-poster-2025-ident.xml".into()),
            opts,
        )
        .unwrap_or_else(|_| panic!("check threw"));
        for (lang, key) in [(Lang::Nb, "nb"), (Lang::En, "en")] {
            let o = js_sys::Object::new();
            js_sys::Reflect::set(&o, &"lang".into(), &key.into()).unwrap();
            js_sys::Reflect::set(&o, &"fullIdentities".into(), &full.into()).unwrap();
            let csv = wasm::findings_csv(page.clone(), o.into())
                .unwrap_or_else(|_| panic!("findingsCsv threw"));
            assert!(csv.lines().count() > 2, "{csv}");
            assert_eq!(csv, findings_csv(&native, lang, full));
        }
    }
}

#[wasm_bindgen_test]
fn option_keys_are_the_options_read() {
    let keys = wasm::option_keys();
    for key in [
        "year",
        "checkedAt",
        "revealIdentities",
        "maxFindingsPerCode",
        "comparable",
    ] {
        assert!(keys.iter().any(|k| k == key), "{key} not in {keys:?}");
    }
    // Every listed key is accepted (undefined is a left-out value).
    let o = js_sys::Object::new();
    for key in &keys {
        js_sys::Reflect::set(&o, &key.into(), &JsValue::UNDEFINED).unwrap();
    }
    assert!(wasm::check(KLAR, "klar-2025.xml".into(), None, None, o.into()).is_ok());
}

/// Last year's file streamed in its own session, this year's compared with
/// it: a planted incomplete extract gives FJO-01 and FJO-04 with exactly
/// the persons left out, masked; one call (`checkPair`) gives the same.
#[wasm_bindgen_test]
fn a_streamed_comparison_finds_the_incomplete_extract() {
    use iplos_sjekk::generate::{Config, Pair, Side};
    let mut pair = Pair::new(Config::new(400, 2025, 3));
    pair.plant_incomplete = 0.2;
    let dropped = pair.dropped();
    assert!(!dropped.is_empty());
    let (prev, prev_ident) = pair.to_bytes(Side::Previous);
    let (main, ident) = pair.to_bytes(Side::Current);

    let mut p = previous_session("fjor.xml", &prev, prev_ident.clone());
    for chunk in prev.chunks(64 * 1024) {
        p.push(chunk).unwrap();
    }
    let mut previous = p.finish_as_previous().unwrap();
    assert_eq!(previous.year(), Some(2024));

    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"comparable".into(), &true.into()).unwrap();
    let mut s = wasm::Session::new(
        "i-aar.xml".into(),
        ident.clone(),
        Some("i-aar-ident.xml".into()),
        o.into(),
    )
    .unwrap();
    for chunk in main.chunks(64 * 1024) {
        s.push(chunk).unwrap();
    }
    let r: Value =
        serde_wasm_bindgen::from_value(s.finish_compared_with(&mut previous).unwrap()).unwrap();
    let listed: Vec<(String, String)> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "FJO-04")
        .map(|f| {
            (
                f["pePeID"].as_str().unwrap().to_string(),
                f["fid"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String)> = dropped
        .iter()
        .map(|d| (d.pe_pe_id.to_string(), iplos_sjekk::fnr::mask(&d.fid)))
        .collect();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    expected.sort();
    assert_eq!(listed_sorted, expected);
    assert!(r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "FJO-01"));
    assert_eq!(r["comparison"]["persons"]["joinedOn"], "identity");
    let text = r.to_string();
    assert!(dropped.iter().all(|d| !text.contains(&d.fid)));

    let whole: Value = serde_wasm_bindgen::from_value(
        wasm::check_pair(
            &main,
            "i-aar.xml".into(),
            ident,
            Some("i-aar-ident.xml".into()),
            &prev,
            "fjor.xml".into(),
            prev_ident,
            Some("fjor-ident.xml".into()),
            JsValue::UNDEFINED,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(whole["comparison"]["findings"], r["comparison"]["findings"]);
}

/// A previous file that is not the year before is refused in words.
#[wasm_bindgen_test]
fn a_previous_file_of_another_year_is_refused() {
    use iplos_sjekk::generate::{Config, Pair, Side};
    let (main, ident) = Pair::new(Config::new(20, 2025, 1)).to_bytes(Side::Current);
    let (other, other_ident) = Pair::new(Config::new(20, 2022, 1)).to_bytes(Side::Current);
    let e = wasm::check_pair(
        &main,
        "a.xml".into(),
        ident.clone(),
        None,
        &other,
        "b.xml".into(),
        other_ident.clone(),
        None,
        JsValue::UNDEFINED,
    );
    assert!(e.is_err());

    // Streamed, as the page does it: this year's report is kept, and says
    // in both languages why there is no comparison.
    let mut p = previous_session("b.xml", &other, other_ident);
    p.push(&other).unwrap();
    let mut previous = p.finish_as_previous().unwrap();
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"comparable".into(), &true.into()).unwrap();
    let mut s = wasm::Session::new("a.xml".into(), ident.clone(), None, o.into()).unwrap();
    s.push(&main).unwrap();
    let r: Value =
        serde_wasm_bindgen::from_value(s.finish_compared_with(&mut previous).unwrap()).unwrap();
    let alone: Value = serde_wasm_bindgen::from_value(
        wasm::check(&main, "a.xml".into(), ident, None, JsValue::UNDEFINED).unwrap(),
    )
    .unwrap();
    assert!(r.get("comparison").is_none());
    assert!(r["comparisonProblem"]["nb"]
        .as_str()
        .unwrap()
        .contains("2022"));
    assert!(r["comparisonProblem"]["en"]
        .as_str()
        .unwrap()
        .contains("2022"));
    assert_eq!(r["verdict"], alone["verdict"]);
    assert_eq!(r["counts"], alone["counts"]);
}

/// Last year's file in its own session, planned as the page plans it.
fn previous_session(name: &str, bytes: &[u8], ident: Option<Vec<u8>>) -> wasm::Session {
    let mut plan = wasm::Plan::new();
    let prefix = |b: &[u8]| b[..b.len().min(wasm::prefix_length())].to_vec();
    plan.add(name.into(), &prefix(bytes), "main".into());
    if let Some(ident) = &ident {
        plan.add(format!("{name}-ident"), &prefix(ident), "ident".into());
    }
    plan.decide().unwrap();
    plan.session_for_previous(ident, JsValue::UNDEFINED)
        .unwrap()
}

//! The report's TypeScript types (`src/types.rs`), declared once: real reports,
//! serialised as the CLI and the page give them, match it: every key an
//! interface declares (optional ones may be left out), no other key, and
//! every value of its declared type.

use std::collections::{BTreeMap, BTreeSet};

use iplos_sjekk::render::json;
use iplos_sjekk::types::REPORT_TS;
use iplos_sjekk::{check, Input, Options};
use serde_json::Value;

mod common;

#[derive(Debug, Clone, PartialEq)]
enum Ty {
    String,
    Number,
    Boolean,
    Null,
    Literal(String),
    Named(String),
    Array(Box<Ty>),
}

#[derive(Debug)]
enum Decl {
    Alias(Vec<Ty>),
    Interface(Vec<(String, bool, Vec<Ty>)>),
}

/// The declarations without comments.
fn uncommented(ts: &str) -> String {
    let mut out = String::new();
    let mut rest = ts;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("*/").expect("a closed comment");
        rest = &rest[i + end + 2..];
    }
    out.push_str(rest);
    out.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_ty(t: &str) -> Vec<Ty> {
    t.split('|')
        .map(|a| {
            let a = a.trim();
            if let Some(inner) = a.strip_suffix("[]") {
                let inner = parse_ty(inner);
                assert_eq!(inner.len(), 1, "an array of one type: {a}");
                return Ty::Array(Box::new(inner[0].clone()));
            }
            match a {
                "string" => Ty::String,
                "number" => Ty::Number,
                "boolean" => Ty::Boolean,
                "null" => Ty::Null,
                _ if a.starts_with('\'') && a.ends_with('\'') => {
                    Ty::Literal(a[1..a.len() - 1].to_string())
                }
                _ => {
                    assert!(
                        a.chars().all(|c| c.is_ascii_alphanumeric()),
                        "a type outside the subset: {a:?}"
                    );
                    Ty::Named(a.to_string())
                }
            }
        })
        .collect()
}

fn parse(ts: &str) -> BTreeMap<String, Decl> {
    let text = uncommented(ts);
    let mut decls = BTreeMap::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("export ") {
        rest = &rest[i + "export ".len()..];
        if let Some(r) = rest.strip_prefix("type ") {
            let (name, r) = r.split_once('=').expect("type X = …");
            let (ty, r) = r.split_once(';').expect("type X = …;");
            decls.insert(name.trim().to_string(), Decl::Alias(parse_ty(ty)));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("interface ") {
            let (head, r) = r.split_once('{').expect("interface X {");
            let (body, r) = r.split_once('}').expect("interface X { … }");
            // `interface X extends A, B {`: A's and B's fields first (they
            // are declared before X).
            let (name, bases) = head.split_once(" extends ").unwrap_or((head, ""));
            let mut fields: Vec<_> = bases
                .split(',')
                .map(str::trim)
                .filter(|b| !b.is_empty())
                .flat_map(|b| match decls.get(b) {
                    Some(Decl::Interface(f)) => f.clone(),
                    _ => panic!("{name} extends {b}, which is not an interface declared before it"),
                })
                .collect();
            fields.extend(
                body.split(';')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(|f| {
                        let (key, ty) = f.split_once(':').expect("key: type");
                        let (key, optional) = match key.trim().strip_suffix('?') {
                            Some(k) => (k, true),
                            None => (key.trim(), false),
                        };
                        (key.to_string(), optional, parse_ty(ty))
                    }),
            );
            decls.insert(name.trim().to_string(), Decl::Interface(fields));
            rest = r;
        } else {
            panic!("export of something else: {}", &rest[..rest.len().min(40)]);
        }
    }
    decls
}

fn matches(v: &Value, ty: &Ty, decls: &BTreeMap<String, Decl>, path: &str) -> Result<(), String> {
    match (ty, v) {
        (Ty::String, Value::String(_))
        | (Ty::Number, Value::Number(_))
        | (Ty::Boolean, Value::Bool(_))
        | (Ty::Null, Value::Null) => Ok(()),
        (Ty::Literal(l), Value::String(s)) if l == s => Ok(()),
        (Ty::Array(t), Value::Array(items)) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, x)| matches(x, t, decls, &format!("{path}[{i}]"))),
        (Ty::Named(n), _) => conforms(v, n, decls, path),
        _ => Err(format!("{path}: {v} is not {ty:?}")),
    }
}

fn one_of(v: &Value, tys: &[Ty], decls: &BTreeMap<String, Decl>, path: &str) -> Result<(), String> {
    let errors: Vec<String> = tys
        .iter()
        .map(|t| matches(v, t, decls, path))
        .filter_map(Result::err)
        .collect();
    if errors.len() < tys.len() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

fn conforms(
    v: &Value,
    name: &str,
    decls: &BTreeMap<String, Decl>,
    path: &str,
) -> Result<(), String> {
    match decls.get(name) {
        None => Err(format!("{path}: type {name} is not declared")),
        Some(Decl::Alias(tys)) => one_of(v, tys, decls, path),
        Some(Decl::Interface(fields)) => {
            let obj = v
                .as_object()
                .ok_or_else(|| format!("{path}: {v} is not an object ({name})"))?;
            let declared: BTreeSet<&str> = fields.iter().map(|(k, _, _)| k.as_str()).collect();
            for key in obj.keys() {
                if !declared.contains(key.as_str()) {
                    return Err(format!("{path}.{key}: not declared in {name}"));
                }
            }
            for (key, optional, tys) in fields {
                match obj.get(key) {
                    None if *optional => {}
                    None => return Err(format!("{path}.{key}: missing ({name})")),
                    Some(x) => one_of(x, tys, decls, &format!("{path}.{key}"))?,
                }
            }
            Ok(())
        }
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Reports of every kind: each verdict, XML and CSV, a file before 2018,
/// with and without the options that add keys.
fn reports() -> Vec<(String, Value)> {
    let cases: [(&str, Option<&str>, bool); 7] = [
        ("klar-2025.xml", Some("klar-2025-ident.xml"), false),
        (
            "feil-i-poster-2025.xml",
            Some("feil-i-poster-2025-ident.xml"),
            true,
        ),
        ("feil-i-poster-2025.xml", None, false),
        ("avvises-2025.xml", None, true),
        ("trunkert-2025.xml", None, false),
        ("iplos-2017-pefnr.xml", None, true),
        ("csv-utf8.csv", None, true),
    ];
    let mut out = Vec::new();
    for (main, ident, extra) in cases {
        let bytes = fixture(main);
        let ident_bytes = ident.map(fixture);
        let opts = Options {
            year: Some(2025),
            checked_at: extra.then(|| "2026-01-05T10:00:00Z".to_string()),
            reveal_identities: extra,
            record_duties: extra,
            max_findings_per_code: extra.then_some(1),
            ..Options::default()
        };
        let r = check(
            Input::new(main, &bytes),
            ident
                .zip(ident_bytes.as_deref())
                .map(|(name, bytes)| Input { name, bytes }),
            &opts,
        );
        out.push((
            format!("{main} (options: {extra})"),
            serde_json::from_str(&json(&r)).unwrap(),
        ));
    }
    let main = common::fagmelding();
    let r = check(
        Input::new("m.xml", main.as_bytes()),
        None,
        &Options::default(),
    );
    out.push(("no year".into(), serde_json::from_str(&json(&r)).unwrap()));
    // Compared with last year's file (an incomplete extract, so FJO
    // findings and missing persons are there), and with a file of another
    // year, which the page keeps with `comparisonProblem`.
    use iplos_sjekk::generate::{Config, Pair};
    let mut pair = Pair::new(Config::new(300, 2025, 5));
    pair.plant_incomplete = 0.2;
    let r = common::cases::run_pair(&pair, &Options::default()).unwrap();
    out.push(("compared".into(), serde_json::from_str(&json(&r)).unwrap()));
    let comparable = Options {
        comparable: true,
        ..Options::default()
    };
    let (this, _) =
        Pair::new(Config::new(30, 2025, 6)).to_bytes(iplos_sjekk::generate::Side::Current);
    let (other, _) =
        Pair::new(Config::new(30, 2021, 6)).to_bytes(iplos_sjekk::generate::Side::Current);
    let mut r = check(Input::new("a.xml", &this), None, &comparable);
    let mut prev = check(
        Input::new("b.xml", &other),
        None,
        &iplos_sjekk::compare::previous_options(&comparable),
    );
    iplos_sjekk::compare::apply_or_note(&mut r, &mut prev, None);
    assert!(r.comparison_problem.is_some());
    out.push((
        "another year".into(),
        serde_json::from_str(&json(&r)).unwrap(),
    ));
    out
}

#[test]
fn reports_match_the_declared_types() {
    let decls = parse(REPORT_TS);
    assert!(decls.contains_key("Report") && decls.contains_key("Finding"));
    let mut seen_keys: BTreeSet<String> = BTreeSet::new();
    for (name, report) in reports() {
        if let Err(e) = conforms(&report, "Report", &decls, "report") {
            panic!("{name}: {e}");
        }
        for k in ["findingsOmitted", "recordDuties"] {
            if report.get(k).is_some() {
                seen_keys.insert(k.to_string());
            }
        }
        for f in report["findings"].as_array().unwrap() {
            for k in ["fidFull", "tjTjenType"] {
                if f.get(k).is_some() {
                    seen_keys.insert(k.to_string());
                }
            }
            seen_keys.insert(format!("file={}", f["file"].as_str().unwrap()));
        }
    }
    // The optional keys and both files were there to be checked.
    for k in [
        "findingsOmitted",
        "recordDuties",
        "fidFull",
        "tjTjenType",
        "file=fagmelding",
        "file=ident",
    ] {
        assert!(seen_keys.contains(k), "no report had {k}");
    }
}

#[test]
fn a_wrong_report_is_told() {
    let decls = parse(REPORT_TS);
    let (_, mut report) = reports().swap_remove(1);
    report["findings"][0]["file"] = "identmelding".into();
    assert!(conforms(&report, "Report", &decls, "report").is_err());
    let (_, mut report) = reports().swap_remove(1);
    report["surprise"] = 1.into();
    assert!(conforms(&report, "Report", &decls, "report").is_err());
    let (_, mut report) = reports().swap_remove(1);
    report.as_object_mut().unwrap().remove("counts");
    assert!(conforms(&report, "Report", &decls, "report").is_err());
}

/// `www/embed/iplos-sjekk.d.ts` holds no copy of the report's types: a
/// marker line, which `scripts/build-embed.mjs` replaces with `REPORT_TS`
/// when it writes `dist/iplos-sjekk.d.ts` (the end-to-end test
/// `tests/e2e/types.test.mjs` reads the result).
#[test]
fn the_embed_types_are_not_copied() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/embed/iplos-sjekk.d.ts");
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches("// <report types from src/types.rs>\n")
            .count(),
        1,
        "the marker line, once"
    );
    for name in parse(REPORT_TS).keys() {
        for kind in ["interface", "type"] {
            assert!(
                !text.contains(&format!("export {kind} {name} ")),
                "www/embed/iplos-sjekk.d.ts declares {name} again: it comes from src/types.rs"
            );
        }
    }
}

//! The WebAssembly binding: bytes in, one report out.
//!
//! Thin glue only (built for `wasm32` alone): it turns the page's options
//! object into [`Options`], calls [`crate::check`], and hands the report back
//! as a plain JS object with the same keys as the JSON contract. Everything
//! behind the boundary is tested natively; `tests/wasm.rs` checks the
//! boundary itself in a browser.
//!
//! A panic aborts the wasm instance. The hook installed at start keeps the
//! panic's message, so the worker that catches the thrown `RuntimeError` can
//! ask [`last_panic`] what happened and show that instead of "unreachable".

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{Input, Options};

/// The options object the page passes; every key may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsOptions {
    year: Option<u16>,
    kommune: Option<String>,
    /// A format profile as JSON text.
    profile: Option<String>,
    /// When the check ran (ISO 8601), since the engine reads no clock.
    checked_at: Option<String>,
    /// Whole identity numbers in `fidFull`, for an export the user chose.
    reveal_identities: Option<bool>,
    /// The duty of every service record (`recordDuties`), for the JSON export.
    record_duties: Option<bool>,
    /// Leave `sha256` empty: the page hashes in a second worker (`Hasher`).
    skip_hash: Option<bool>,
    /// List at most this many findings per code (the rest are counted).
    max_findings_per_code: Option<usize>,
    /// Keep what a comparison with last year's file needs (`compare`).
    comparable: Option<bool>,
}

/// The keys of a serde struct, as its derived `Deserialize` names them to
/// the deserializer: the one list of [`JsOptions`]' keys, so a key added
/// there is known here (and to the page, [`option_keys`]) without a copy.
fn keys_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Keys(&'static [&'static str]);
    #[derive(Debug)]
    struct Found;
    impl std::fmt::Display for Found {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("keys found")
        }
    }
    impl std::error::Error for Found {}
    impl serde::de::Error for Found {
        fn custom<M: std::fmt::Display>(_: M) -> Found {
            Found
        }
    }
    impl<'de> serde::Deserializer<'de> for &mut Keys {
        type Error = Found;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Found> {
            Err(Found)
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Found> {
            self.0 = fields;
            Err(Found)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut keys = Keys(&[]);
    let _ = T::deserialize(&mut keys);
    keys.0
}

/// The option keys `check()` and `new Session()` take (the keys of
/// [`JsOptions`]), for the page.
#[wasm_bindgen(js_name = optionKeys)]
pub fn option_keys() -> Vec<String> {
    keys_of::<JsOptions>()
        .iter()
        .map(|k| k.to_string())
        .collect()
}

/// The report's TypeScript types ([`crate::types`]), for `wasm-bindgen`'s
/// own `.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
const REPORT_TS: &'static str = crate::types::REPORT_TS;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Runs once when the module is instantiated: keeps panic messages.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        // A panic's message may quote a value from the file: masked too.
        let message = crate::privacy::message(info.to_string(), crate::privacy::Lang::En);
        console_error(&message);
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
    }));
}

/// The message of the last panic, if the engine has panicked.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::ENGINE_VERSION.to_string()
}

/// The rule catalogue, sorted by code: `[{code, severity, title, titleEn,
/// why, whyEn, fix, fixEn, …}]`.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    crate::rules::catalogue()
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The supported reporting years and what changes between them:
/// `{first, last, identmeldingFrom, kommunerConfirmedUntil}` (one table,
/// `codes::YEARS`; the page keeps no copy).
#[wasm_bindgen]
pub fn years() -> Result<JsValue, JsError> {
    crate::codes::YEARS
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The severities' labels in both languages, `{nb: {fatal, error,
/// warning, info}, en: {…}}`: the engine's words (the CLI's too), so the
/// page keeps no copy.
#[wasm_bindgen(js_name = severityLabels)]
pub fn severity_labels() -> Result<JsValue, JsError> {
    use crate::finding::Severity;
    let all = [
        Severity::Fatal,
        Severity::Error,
        Severity::Warning,
        Severity::Info,
    ];
    let map = |label: fn(Severity) -> &'static str| {
        all.iter()
            .map(|s| (s.key(), label(*s)))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let labels = std::collections::BTreeMap::from([
        ("nb", map(Severity::label_nb)),
        ("en", map(Severity::label_en)),
    ]);
    labels
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Reads the page's options object into [`Options`].
fn options(options: JsValue) -> Result<Options, JsError> {
    let js: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        if let Some(obj) = options.dyn_ref::<js_sys::Object>() {
            for key in js_sys::Object::keys(obj) {
                let key = key.as_string().unwrap_or_default();
                let known = keys_of::<JsOptions>();
                if !known.contains(&key.as_str()) {
                    return Err(JsError::new(&format!(
                        "ukjent valg (unknown option) \"{key}\"; kjente: {}",
                        known.join(", ")
                    )));
                }
            }
        }
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("ugyldige valg (invalid options): {e}")))?
    };
    Ok(Options {
        year: js.year,
        kommune: js.kommune,
        profile: match js.profile {
            Some(text) => {
                Some(crate::profile::Profile::from_json(&text).map_err(|e| JsError::new(&e))?)
            }
            None => None,
        },
        checked_at: js.checked_at,
        reveal_identities: js.reveal_identities.unwrap_or(false),
        record_duties: js.record_duties.unwrap_or(false),
        skip_hash: js.skip_hash.unwrap_or(false),
        max_findings_per_code: js.max_findings_per_code,
        comparable: js.comparable.unwrap_or(false),
    })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Checks a fagmelding (XML or CSV) and, when given, its identmelding.
///
/// `options` is `undefined` or `{year?, kommune?, profile?, checkedAt?}`,
/// where `profile` is a format profile's JSON text. Returns the report as a
/// plain object; throws only when the options cannot be read.
#[wasm_bindgen]
pub fn check(
    main: &[u8],
    main_name: String,
    ident: Option<Vec<u8>>,
    ident_name: Option<String>,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let opts = self::options(options)?;
    let ident_name = ident_name.unwrap_or_default();
    let ident = ident.as_deref().map(|bytes| Input::new(&ident_name, bytes));
    let report = crate::check(Input::new(&main_name, main), ident, &opts);
    to_js(&report)
}

/// A streamed check: `new Session(name, ident, identName, options)`, then
/// `push(chunk)` for each chunk of the file (returns `{bytes, persons}`),
/// then `finish()` for the report. Memory stays bounded by the chunk size
/// plus one person, so a file of any size can be checked in the page.
#[wasm_bindgen]
pub struct Session {
    inner: Option<crate::engine::Session>,
    /// The cap per code, for the FJO findings a comparison adds.
    cap: Option<usize>,
}

#[wasm_bindgen]
impl Session {
    /// Starts a streamed check (see the struct's documentation).
    #[wasm_bindgen(constructor)]
    pub fn new(
        main_name: String,
        ident: Option<Vec<u8>>,
        ident_name: Option<String>,
        options: JsValue,
    ) -> Result<Session, JsError> {
        let ident_name = ident_name.unwrap_or_default();
        let ident = ident.as_deref().map(|bytes| Input::new(&ident_name, bytes));
        Ok(Session::around(
            |opts| crate::engine::Session::new(&main_name, ident, opts),
            self::options(options)?,
        ))
    }

    /// The session `make` starts with `opts`, keeping the cap per code.
    fn around(
        make: impl FnOnce(crate::Options) -> crate::engine::Session,
        opts: crate::Options,
    ) -> Session {
        let cap = opts.max_findings_per_code;
        Session {
            inner: Some(make(opts)),
            cap,
        }
    }

    /// Feeds the next chunk; returns the progress `{bytes, persons}`.
    pub fn push(&mut self, chunk: &[u8]) -> Result<JsValue, JsError> {
        let s = self
            .inner
            .as_mut()
            .ok_or_else(|| JsError::new("økten er avsluttet (the session has finished)"))?;
        to_js(&s.push(chunk))
    }

    /// Ends the file and returns the report; the session cannot be used after.
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        to_js(&self.take()?.finish())
    }

    fn take(&mut self) -> Result<crate::engine::Session, JsError> {
        self.inner
            .take()
            .ok_or_else(|| JsError::new("økten er avsluttet (the session has finished)"))
    }

    /// Ends last year's file: what a comparison needs, for `finishComparedWith`.
    #[wasm_bindgen(js_name = finishAsPrevious)]
    pub fn finish_as_previous(&mut self) -> Result<PreviousYear, JsError> {
        Ok(PreviousYear {
            inner: self.take()?.finish(),
        })
    }

    /// Ends this year's file (a session made with `comparable: true`) and
    /// compares it with last year's: the report with `comparison` and the
    /// FJO findings, or, when the two cannot be compared (the years do not
    /// follow each other), the report with `comparisonProblem` in bokmål
    /// and English.
    #[wasm_bindgen(js_name = finishComparedWith)]
    pub fn finish_compared_with(
        &mut self,
        previous: &mut PreviousYear,
    ) -> Result<JsValue, JsError> {
        let cap = self.cap;
        let mut report = self.take()?.finish();
        if report.year.is_some() && report.roster.is_none() {
            return Err(JsError::new(
                "økten ble ikke startet med comparable: true (the session was not started with comparable: true)",
            ));
        }
        // Last year's file that cannot be compared (another year, say)
        // does not cost the user this year's check: the report says why.
        crate::compare::apply_or_note(&mut report, &mut previous.inner, cap);
        to_js(&report)
    }
}

/// Checks this year's file and last year's and compares them (`comparison`
/// and the FJO findings in the report). Throws, in bokmål and English, when
/// last year's file is not the year before, or the options cannot be read.
#[wasm_bindgen(js_name = checkPair)]
#[allow(clippy::too_many_arguments)]
pub fn check_pair(
    main: &[u8],
    main_name: String,
    ident: Option<Vec<u8>>,
    ident_name: Option<String>,
    previous: &[u8],
    previous_name: String,
    previous_ident: Option<Vec<u8>>,
    previous_ident_name: Option<String>,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let opts = self::options(options)?;
    let (ident_name, previous_ident_name) = (
        ident_name.unwrap_or_default(),
        previous_ident_name.unwrap_or_default(),
    );
    let report = crate::compare::check_pair(
        Input::new(&main_name, main),
        ident.as_deref().map(|bytes| Input::new(&ident_name, bytes)),
        Input::new(&previous_name, previous),
        previous_ident
            .as_deref()
            .map(|bytes| Input::new(&previous_ident_name, bytes)),
        &opts,
    )
    .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&report)
}

/// Last year's file, checked (`Plan.sessionForPrevious(…)`, then
/// `finishAsPrevious()`): only what a comparison needs is kept, one small
/// entry per person. Give it to `finishComparedWith` of this year's session.
#[wasm_bindgen]
pub struct PreviousYear {
    inner: crate::Report,
}

#[wasm_bindgen]
impl PreviousYear {
    /// The year of last year's file, if it could be read.
    #[wasm_bindgen(getter)]
    pub fn year(&self) -> Option<u16> {
        self.inner.year
    }
}

/// Bytes of a file's start that [`Plan::add`] looks at.
#[wasm_bindgen(js_name = prefixLength)]
pub fn prefix_length() -> usize {
    crate::sniff::PREFIX
}

/// Files given together, given their roles by content (no file name
/// counts): `new Plan()`, `add(name, firstBytes, slot)` for each file
/// (`slot` is `'main'`, `'ident'`, or `''` for a file given without a
/// role; `firstBytes` its first `prefixLength()` bytes), then `decide()`,
/// which answers `{main, ident}` (indexes, `ident` may be null), then
/// `session(identBytes, options)` for the streamed check of the file at
/// `main`, which says in FIL-21 what was put right or left unread.
#[wasm_bindgen]
pub struct Plan {
    inner: crate::inputs::Plan,
}

#[derive(Serialize)]
struct Roles {
    main: Option<usize>,
    ident: Option<usize>,
}

#[wasm_bindgen]
impl Plan {
    /// An empty plan.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Plan {
        Plan {
            inner: crate::inputs::Plan::new(),
        }
    }

    /// Adds a file; returns its index.
    pub fn add(&mut self, name: String, prefix: &[u8], slot: String) -> usize {
        self.inner
            .add(&name, prefix, crate::inputs::Slot::parse(&slot))
    }

    /// Picks the fagmelding and the identmelding: `{main, ident}`.
    pub fn decide(&mut self) -> Result<JsValue, JsError> {
        self.inner.decide();
        to_js(&Roles {
            main: self.inner.main,
            ident: self.inner.ident,
        })
    }

    /// The streamed check of the planned fagmelding, with the bytes of the
    /// planned identmelding (whole) when there is one.
    pub fn session(&self, ident: Option<Vec<u8>>, options: JsValue) -> Result<Session, JsError> {
        let opts = self::options(options)?;
        Ok(Session::around(
            |o| self.inner.session(ident.as_deref(), o),
            opts,
        ))
    }

    /// The streamed check of last year's planned file (its findings only
    /// counted), to end with `finishAsPrevious()`.
    #[wasm_bindgen(js_name = sessionForPrevious)]
    pub fn session_for_previous(
        &self,
        ident: Option<Vec<u8>>,
        options: JsValue,
    ) -> Result<Session, JsError> {
        let opts = crate::compare::previous_options(&self::options(options)?);
        Ok(Session::around(
            |o| self.inner.session(ident.as_deref(), o),
            opts,
        ))
    }
}

impl Default for Plan {
    fn default() -> Plan {
        Plan::new()
    }
}

/// The options of [`findings_csv`]; both may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CsvOptions {
    /// `nb` (default) or `en`: headers, severity labels, rule titles and
    /// messages.
    lang: Option<String>,
    /// The identity column holds `fidFull` (a report made with
    /// `revealIdentities`).
    full_identities: Option<bool>,
}

/// The findings CSV of a report (README, "Funn som CSV"), the same bytes
/// as the CLI's `--format csv`: `findingsCsv(report, {lang, fullIdentities})`
/// with the report object `check()` or `Session.finish()` gave.
#[wasm_bindgen(js_name = findingsCsv)]
pub fn findings_csv(report: JsValue, options: JsValue) -> Result<String, JsError> {
    let report: crate::render::CsvReport = serde_wasm_bindgen::from_value(report)
        .map_err(|e| JsError::new(&format!("ugyldig rapport (invalid report): {e}")))?;
    let opts: CsvOptions = if options.is_undefined() || options.is_null() {
        CsvOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("ugyldige valg (invalid options): {e}")))?
    };
    let lang = match opts.lang.as_deref() {
        None | Some("nb") => crate::render::Lang::Nb,
        Some("en") => crate::render::Lang::En,
        Some(other) => {
            return Err(JsError::new(&format!(
                "ukjent språk (unknown language) \"{other}\": nb eller en"
            )))
        }
    };
    Ok(crate::render::findings_csv_of(
        &report,
        lang,
        opts.full_identities.unwrap_or(false),
    ))
}

/// Checks a small synthetic file (XML with its identmelding, then CSV) and
/// drops the reports. The browser compiles wasm first with a quick baseline
/// compiler and only optimises a function once it has run a while; the
/// worker calls this while it waits for a file, so the user's file is read
/// by optimised code from its first chunk. Returns the bytes checked.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up(persons: u32) -> f64 {
    use crate::generate::{self, Config, Format};
    let mut checked = 0;
    for format in [Format::Xml, Format::Csv] {
        let mut cfg = Config::new(u64::from(persons), 2025, 1);
        cfg.format = format;
        cfg.error_rate = 0.05;
        let (main, ident) = generate::to_bytes(&cfg);
        let ident = ident
            .as_deref()
            .map(|bytes| Input::new("oppvarming-ident.xml", bytes));
        let name = match format {
            Format::Xml => "oppvarming.xml",
            Format::Csv => "oppvarming.csv",
        };
        let opts = Options {
            skip_hash: true,
            max_findings_per_code: Some(10),
            ..Options::default()
        };
        let mut session = crate::engine::Session::new(name, ident, opts);
        for chunk in main.chunks(64 * 1024) {
            session.push(chunk);
        }
        drop(session.finish());
        checked += main.len();
    }
    checked as f64
}

/// Panics on purpose, so the page's tests can prove that a bug in the
/// engine reaches the user as a message (`lastPanic`), not a frozen page.
#[wasm_bindgen(js_name = selfTestPanic)]
pub fn self_test_panic() {
    panic!("selvtest: bevisst programfeil");
}

/// SHA-256 of a file fed in chunks, for a second worker: the page hashes
/// the file there while the first worker checks it, so both cores work.
#[wasm_bindgen]
pub struct Hasher {
    inner: sha2::Sha256,
}

#[wasm_bindgen]
impl Hasher {
    /// A hasher with nothing hashed yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Hasher {
        use sha2::Digest;
        Hasher {
            inner: sha2::Sha256::new(),
        }
    }

    /// Hashes the next chunk of the file.
    pub fn update(&mut self, chunk: &[u8]) {
        use sha2::Digest;
        self.inner.update(chunk);
    }

    /// The digest as lowercase hex; the hasher starts over.
    pub fn finish(&mut self) -> String {
        use sha2::Digest;
        let digest = std::mem::take(&mut self.inner).finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl Default for Hasher {
    fn default() -> Hasher {
        Hasher::new()
    }
}

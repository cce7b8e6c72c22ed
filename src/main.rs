//! The `iplos-sjekk` command line: the engine for EPJ vendors, municipal IT
//! and CI. Reads files, passes the time of the check in, prints a report.
//!
//! Exit codes: 0 no Error or Fatal, 1 Error, 2 Fatal, 64 bad usage.

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use iplos_sjekk::date::Date;
use iplos_sjekk::inputs::{Plan, Slot};
use iplos_sjekk::profile::Profile;
use iplos_sjekk::render::{self, Lang};
use iplos_sjekk::{rules, Options};

const USAGE: &str = "\
IPLOS-sjekk: kontrollerer kommunens IPLOS/KPR-fil lokalt.

Bruk:
  iplos-sjekk check FIL [FIL …] [--ident FIL] [--year ÅR] [--kommune NNNN]
                        [--profile FIL] [--format text|json|csv] [--lang nb|en]
                        [--all-findings] [--record-duties]
                        [--previous FJORÅRSFIL [--previous-ident FIL]]
  iplos-sjekk rules [--format text|json|markdown] [--lang nb|en]
  iplos-sjekk duties --year ÅR [--format text|json|markdown] [--lang nb|en]
  iplos-sjekk generate --persons N --year ÅR --seed S [--format xml|csv] [--error-rate R] [--kommune NNNN] -o FIL
  iplos-sjekk generate --persons N --years ÅR1,ÅR2 --seed S [--plant-incomplete R] [--renumber] -o FIL
  iplos-sjekk --version

check     kontrollerer en IPLOS-melding (XML), en CSV-eksport, en Excel-arbeidsbok
          (.xlsx), en hodemelding (KPR_IPL/KPR_IDE) eller en ZIP-fil med dem.
          Filene kjennes på innholdet, ikke navnet: gi fagmelding og
          identmelding i hvilken som helst rekkefølge.
          --ident    identmeldingen som hører til (fra 2018)
          --year     rapporteringsår når filen ikke har periode (filens år går foran)
          --kommune  avsenderkommune for en CSV uten den
          --profile  egen formatprofil (JSON) for en leverandørs eksport
          --all-findings  list alle funn (ellers høyst 1000 per regel; resten telles)
          --record-duties med --format json: plikten for hver tjenestepost (recordDuties)
          --previous fjorårets fil: sammenlign med den (FJO-reglene, comparison i JSON)
          --previous-ident  identmeldingen til fjorårets fil
rules     skriver regelkatalogen.
duties    skriver rapporteringsplikten for et år: registre, hjemmel, mottaker, frist.
generate  lager syntetiske testfiler; med --years et par av to år etter hverandre
          (FIL-2024.xml og FIL-2025.xml), der --plant-incomplete R utelater andelen R
          av fjorårets personer med løpende tjeneste (fra hjemmesykepleien) og
          --renumber gir personene nye pePeID.

Avslutningskoder: 0 ingen feil, 1 feil, 2 kritisk feil, 64 feil bruk.
";

struct Usage(String);

fn usage(msg: impl Into<String>) -> Usage {
    Usage(msg.into())
}

/// Now, as RFC 3339 in UTC (the CLI owns the clock; the engine never reads it).
fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let date = Date::from_day_number(days + Date::UNIX_EPOCH_DAY).unwrap_or(Date::year_start(1970));
    let (y, m, d) = (date.year, date.month, date.day);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn read(path: &str, what: &str) -> Result<Vec<u8>, Usage> {
    std::fs::read(path).map_err(|e| usage(format!("Kan ikke lese {what} «{path}»: {e}")))
}

/// The first bytes of a file, which tell what it is.
fn prefix(path: &str) -> Result<Vec<u8>, Usage> {
    use std::io::Read;
    let mut out = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            f.take(iplos_sjekk::sniff::PREFIX as u64)
                .read_to_end(&mut out)
        })
        .map_err(|e| usage(format!("Kan ikke lese filen «{path}»: {e}")))?;
    Ok(out)
}

fn lang_of(v: Option<String>) -> Result<Lang, Usage> {
    match v.as_deref() {
        None | Some("nb") => Ok(Lang::Nb),
        Some("en") => Ok(Lang::En),
        Some(x) => Err(usage(format!("Ukjent språk «{x}»: bruk nb eller en."))),
    }
}

/// Findings listed per code unless `--all-findings`; the rest are counted.
const MAX_LISTED: usize = 1000;

/// Pulls a flag without a value out of the arguments.
fn take_flag(args: &mut Vec<String>, name: &str) -> bool {
    match args.iter().position(|a| a == name) {
        Some(i) => {
            args.remove(i);
            true
        }
        None => false,
    }
}

/// Pulls `--name VALUE` (or `--name=VALUE`) out of the arguments.
fn take(args: &mut Vec<String>, name: &str) -> Result<Option<String>, Usage> {
    let eq = format!("{name}=");
    if let Some(i) = args.iter().position(|a| a == name || a.starts_with(&eq)) {
        let a = args.remove(i);
        if let Some(v) = a.strip_prefix(&eq) {
            return Ok(Some(v.to_string()));
        }
        if i < args.len() {
            return Ok(Some(args.remove(i)));
        }
        return Err(usage(format!("{name} mangler en verdi.")));
    }
    Ok(None)
}

/// Writes a report to standard output. A reader that stops early (`| head`)
/// is not an error; a full disk is said in words.
fn emit(out: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("Kunne ikke skrive rapporten: {e}. / Could not write the report: {e}.");
            std::process::exit(74);
        }
    }
}

/// Checks the files given, streamed from disk: the fagmelding and the
/// identmelding told apart by content (`given` names each file's slot).
fn stream_files(given: &[(String, Slot)], opts: Options) -> Result<iplos_sjekk::Report, Usage> {
    let mut plan = Plan::new();
    for (p, slot) in given {
        plan.add(p, &prefix(p)?, *slot);
    }
    plan.decide();
    let path = plan
        .main
        .map_or_else(|| given[0].0.clone(), |i| given[i].0.clone());
    let ident_bytes = match plan.ident {
        Some(i) => Some(read(&given[i].0, "identmeldingen")?),
        None => None,
    };
    let mut file = std::fs::File::open(&path)
        .map_err(|e| usage(format!("Kan ikke lese filen «{path}»: {e}")))?;
    // Streamed in chunks: memory does not grow with the file.
    let mut session = plan.session(ident_bytes.as_deref(), opts);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match std::io::Read::read(&mut file, &mut buf) {
            Ok(0) => break,
            Ok(n) => {
                buf = session.push_buffer(buf, n).0;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(usage(format!("Kan ikke lese filen «{path}»: {e}"))),
        }
    }
    Ok(session.finish())
}

fn run(mut args: Vec<String>) -> Result<ExitCode, Usage> {
    // Lets the tests prove that a bug reaches the user as a message, not a backtrace.
    if std::env::var_os("IPLOS_SJEKK_SELVTEST_PANIKK").is_some() {
        panic!("selvtest: bevisst programfeil");
    }
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    if args[0] == "--version" || args[0] == "-V" {
        println!(
            "iplos-sjekk {} (regler {})",
            iplos_sjekk::ENGINE_VERSION,
            rules::RULES_VERSION
        );
        return Ok(ExitCode::SUCCESS);
    }
    let cmd = args.remove(0);
    let format = take(&mut args, "--format")?;
    let lang = lang_of(take(&mut args, "--lang")?)?;
    match cmd.as_str() {
        "rules" => {
            if let Some(a) = args.first() {
                return Err(usage(format!("Ukjent argument «{a}».")));
            }
            let cat = rules::catalogue();
            let out = match format.as_deref() {
                None | Some("text") => render::rules_text(&cat, lang),
                Some("json") => render::rules_json(&cat) + "\n",
                Some("markdown") | Some("md") => render::rules_markdown(&cat),
                Some(x) => {
                    return Err(usage(format!(
                        "Ukjent format «{x}»: bruk text, json eller markdown."
                    )))
                }
            };
            emit(&out);
            Ok(ExitCode::SUCCESS)
        }
        "duties" => {
            use iplos_sjekk::codes::{FIRST_YEAR, LAST_YEAR};
            let year = match take(&mut args, "--year")? {
                None => return Err(usage("duties trenger --year ÅR.")),
                Some(y) => y
                    .parse::<u16>()
                    .ok()
                    .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
                    .ok_or_else(|| {
                        usage(format!(
                            "«{y}» er ikke et støttet rapporteringsår ({FIRST_YEAR}–{LAST_YEAR})."
                        ))
                    })?,
            };
            if let Some(a) = args.first() {
                return Err(usage(format!("Ukjent argument «{a}».")));
            }
            let d = iplos_sjekk::duty::duties_for_year(year, None);
            let out = match format.as_deref() {
                None | Some("text") => render::duties_text(&d, lang),
                Some("json") => render::duties_json(&d) + "\n",
                Some("markdown") | Some("md") => render::duties_markdown(&d, lang),
                Some(x) => {
                    return Err(usage(format!(
                        "Ukjent format «{x}»: bruk text, json eller markdown."
                    )))
                }
            };
            emit(&out);
            Ok(ExitCode::SUCCESS)
        }
        "check" => {
            let ident_path = take(&mut args, "--ident")?;
            let previous_path = take(&mut args, "--previous")?;
            let previous_ident_path = take(&mut args, "--previous-ident")?;
            if previous_ident_path.is_some() && previous_path.is_none() {
                return Err(usage("--previous-ident trenger --previous."));
            }
            let all_findings = take_flag(&mut args, "--all-findings");
            let record_duties = take_flag(&mut args, "--record-duties");
            let year = match take(&mut args, "--year")? {
                None => None,
                Some(y) => Some(
                    y.parse::<u16>()
                        .map_err(|_| usage(format!("«{y}» er ikke et årstall.")))?,
                ),
            };
            let kommune = take(&mut args, "--kommune")?;
            if let Some(k) = &kommune {
                if k.len() != 4 || !k.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(usage(format!("Kommunenummer «{k}» skal være fire sifre.")));
                }
            }
            let profile = match take(&mut args, "--profile")? {
                None => None,
                Some(p) => {
                    let text = String::from_utf8(read(&p, "profilen")?)
                        .map_err(|_| usage(format!("Profilen «{p}» er ikke UTF-8-tekst.")))?;
                    Some(
                        Profile::from_json(&text)
                            .map_err(|e| usage(format!("Profilen «{p}»: {e}")))?,
                    )
                }
            };
            let checked_at = take(&mut args, "--checked-at")?.or_else(|| Some(now_rfc3339()));
            if args.is_empty() {
                return Err(usage("check trenger en fil."));
            }
            if let Some(flag) = args.iter().find(|a| a.starts_with("--")) {
                return Err(usage(format!("Ukjent valg «{flag}».")));
            }
            // Every file is known by its content: one file is the IPLOS
            // file, several are given their roles (and --ident its own).
            let slot = if args.len() == 1 {
                Slot::Main
            } else {
                Slot::Any
            };
            let mut given: Vec<(String, Slot)> = args.iter().map(|p| (p.clone(), slot)).collect();
            given.extend(ident_path.iter().map(|p| (p.clone(), Slot::Ident)));
            let opts = Options {
                year,
                kommune,
                profile,
                checked_at,
                reveal_identities: false,
                // One entry per record, the same for every record of a code
                // (`duties.byService` says it once): asked for, not default.
                record_duties: record_duties && format.as_deref() == Some("json"),
                skip_hash: false,
                max_findings_per_code: (!all_findings).then_some(MAX_LISTED),
                comparable: previous_path.is_some(),
            };
            let cap = opts.max_findings_per_code;
            // Last year's file first, streamed too; only its roster and statistics are kept.
            let previous = match &previous_path {
                Some(p) => {
                    let mut last: Vec<(String, Slot)> = vec![(p.clone(), Slot::Main)];
                    last.extend(previous_ident_path.iter().map(|p| (p.clone(), Slot::Ident)));
                    Some(stream_files(
                        &last,
                        iplos_sjekk::compare::previous_options(&opts),
                    )?)
                }
                None => None,
            };
            let mut report = stream_files(&given, opts)?;
            if let Some(mut prev) = previous {
                iplos_sjekk::compare::apply(&mut report, &mut prev, cap)
                    .map_err(|e| usage(format!("{}\n{}", e.nb, e.en)))?;
            }
            let out = match format.as_deref() {
                None | Some("text") => render::text(&report, lang),
                Some("json") => render::json(&report) + "\n",
                Some("csv") => render::findings_csv(&report, lang, false),
                Some(x) => {
                    return Err(usage(format!(
                        "Ukjent format «{x}»: bruk text, json eller csv."
                    )))
                }
            };
            emit(&out);
            Ok(ExitCode::from(report.verdict.exit_code() as u8))
        }
        "generate" => {
            use iplos_sjekk::generate::{self as gen, Config, Format};
            let number = |name: &str, v: Option<String>| -> Result<u64, Usage> {
                let v = v.ok_or_else(|| usage(format!("generate trenger {name}.")))?;
                v.parse::<u64>()
                    .map_err(|_| usage(format!("{name} «{v}» er ikke et heltall.")))
            };
            let persons = number("--persons", take(&mut args, "--persons")?)?;
            let years = take(&mut args, "--years")?;
            let plant_incomplete = match take(&mut args, "--plant-incomplete")? {
                None => None,
                Some(r) => Some(
                    r.parse::<f64>()
                        .map_err(|_| usage(format!("--plant-incomplete «{r}» er ikke et tall.")))?,
                ),
            };
            let renumber = take_flag(&mut args, "--renumber");
            let year = match &years {
                Some(ys) => pair_years(ys)?,
                None => u16::try_from(number("--year", take(&mut args, "--year")?)?)
                    .map_err(|_| usage("--year er for stort."))?,
            };
            if years.is_none() && (plant_incomplete.is_some() || renumber) {
                return Err(usage(
                    "--plant-incomplete og --renumber gjelder et par: bruk --years.",
                ));
            }
            let seed = number("--seed", take(&mut args, "--seed")?)?;
            let error_rate = match take(&mut args, "--error-rate")? {
                None => 0.0,
                Some(r) => r
                    .parse::<f64>()
                    .map_err(|_| usage(format!("--error-rate «{r}» er ikke et tall.")))?,
            };
            let kommune = take(&mut args, "--kommune")?.unwrap_or_else(|| "0301".into());
            let out = match take(&mut args, "-o")? {
                Some(o) => o,
                None => {
                    take(&mut args, "--output")?.ok_or_else(|| usage("generate trenger -o FIL."))?
                }
            };
            if let Some(a) = args.first() {
                return Err(usage(format!("Ukjent argument «{a}».")));
            }
            let format = match format.as_deref() {
                None | Some("xml") => Format::Xml,
                Some("csv") => Format::Csv,
                Some(x) => return Err(usage(format!("Ukjent format «{x}»: bruk xml eller csv."))),
            };
            let cfg = Config {
                persons,
                year,
                seed,
                format,
                error_rate,
                kommune,
            };
            if years.is_some() {
                let mut pair = gen::Pair::new(cfg);
                pair.plant_incomplete = plant_incomplete.unwrap_or(0.0);
                pair.renumber = renumber;
                pair.validate().map_err(usage)?;
                return write_pair(&pair, &out);
            }
            cfg.validate().map_err(usage)?;
            let sum = write_file(&out, |w| gen::write_fagmelding(&cfg, w))?;
            wrote(&out, &sum);
            if cfg.has_ident() {
                let path = gen::ident_path(&out);
                write_file(&path, |w| gen::write_identmelding(&cfg, w))?;
                eprintln!("Skrev identmeldingen {path}.");
            }
            if cfg.error_rate > 0.0 {
                let path = gen::planted_path(&out);
                let n = write_file(&path, |w| gen::write_planted_json(&cfg, w))?;
                eprintln!("Skrev {n} plantede feil til {path}.");
            }
            Ok(ExitCode::SUCCESS)
        }
        other => Err(usage(format!(
            "Ukjent kommando «{other}»: bruk check, rules, duties eller generate."
        ))),
    }
}

/// Writes the file at `path` with `write`, buffered; a file that cannot be
/// created or written is a usage error naming it.
fn write_file<T>(
    path: &str,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<T>,
) -> Result<T, Usage> {
    let failed = |e: std::io::Error| usage(format!("Kan ikke skrive «{path}»: {e}"));
    let mut w = std::fs::File::create(path)
        .map(std::io::BufWriter::new)
        .map_err(failed)?;
    let got = write(&mut w).map_err(failed)?;
    std::io::Write::flush(&mut w).map_err(failed)?;
    Ok(got)
}

/// Says on stderr what a generated fagmelding holds.
fn wrote(path: &str, sum: &iplos_sjekk::generate::Summary) {
    eprintln!(
        "Skrev {path}: {} personer, {} tjenester, {} byte.",
        sum.persons, sum.services, sum.bytes
    );
}

/// The later year of `--years A,B`, where B = A + 1.
fn pair_years(ys: &str) -> Result<u16, Usage> {
    let parsed: Vec<Option<u16>> = ys.split(',').map(|y| y.trim().parse().ok()).collect();
    match parsed.as_slice() {
        [Some(a), Some(b)] if *b == a + 1 => Ok(*b),
        _ => Err(usage(format!(
            "--years «{ys}» skal være to år etter hverandre, som 2024,2025."
        ))),
    }
}

/// Writes both years of a pair: `FIL-ÅR1.xml` and `FIL-ÅR2.xml` (with
/// their identmeldinger), and the persons a planted incomplete extract left out.
fn write_pair(pair: &iplos_sjekk::generate::Pair, out: &str) -> Result<ExitCode, Usage> {
    use iplos_sjekk::generate::{self as gen, Side};
    for side in [Side::Previous, Side::Current] {
        let cfg = pair.config(side);
        let path = gen::year_path(out, cfg.year);
        let sum = write_file(&path, |w| pair.write_fagmelding(side, w))?;
        wrote(&path, &sum);
        if cfg.has_ident() {
            let ipath = gen::ident_path(&path);
            write_file(&ipath, |w| pair.write_identmelding(side, w))?;
            eprintln!("Skrev identmeldingen {ipath}.");
        }
    }
    if pair.plant_incomplete > 0.0 {
        let dropped = pair.dropped();
        let path = format!("{}.dropped.json", gen::year_path(out, pair.cfg.year));
        let mut text = String::from("[");
        for (i, d) in dropped.iter().enumerate() {
            text.push_str(if i == 0 { "\n" } else { ",\n" });
            text.push_str(&format!("  {{ \"pePeIDLastYear\": {} }}", d.pe_pe_id));
        }
        text.push_str(if dropped.is_empty() { "]\n" } else { "\n]\n" });
        write_file(&path, |w| std::io::Write::write_all(w, text.as_bytes()))?;
        eprintln!(
            "Utelot {} personer fra årets fil; listen er i {path}.",
            dropped.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    // A caseworker never sees a Rust backtrace: a bug is reported as one.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        // A panic's message may quote a value from the file: masked too.
        let what = iplos_sjekk::privacy::message(what, iplos_sjekk::privacy::Lang::Nb);
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "Intern feil i IPLOS-sjekk: {what}{at}.\nDette er en feil i programmet, ikke i filen din. Meld den gjerne til oss, uten selve filen."
        );
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    match std::panic::catch_unwind(|| run(args)) {
        Ok(Ok(code)) => code,
        Ok(Err(Usage(msg))) => {
            eprintln!("{msg}\n\n{USAGE}");
            ExitCode::from(64)
        }
        Err(_) => ExitCode::from(70),
    }
}

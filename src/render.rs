//! Reports and the catalogue as people and programs read them: text for a
//! terminal (verdict first, findings grouped by rule with why and how to
//! fix), JSON (the contract), CSV of findings (`;`, for Excel), and the
//! catalogue as JSON or Markdown.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Deserialize;

use crate::finding::{Finding, Severity, Source};
use crate::report::Report;
use crate::rules::{self, RuleInfo};

/// Language of the human-readable outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Norwegian bokmål.
    Nb,
    /// English.
    En,
}

fn sev_label(s: Severity, lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => s.label_nb(),
        Lang::En => s.label_en(),
    }
}

fn place(f: &Finding, lang: Lang) -> String {
    let mut s = String::new();
    if f.file == Source::Ident {
        s.push_str("identmelding ");
    }
    if let Some(l) = f.line {
        let _ = write!(s, "{} {l}", if lang == Lang::Nb { "linje" } else { "line" });
        if let Some(c) = f.column {
            let _ = write!(s, ":{c}");
        }
    }
    if let Some(p) = f.person {
        if !s.is_empty() {
            s.push_str(", ");
        }
        let _ = write!(s, "person {p}");
        if let Some(id) = &f.pe_pe_id {
            let _ = write!(s, " (pePeID {id}");
            if let Some(fid) = &f.fid {
                let _ = write!(s, ", {fid}");
            }
            s.push(')');
        }
    } else if let Some(id) = &f.pe_pe_id {
        // A person of last year's file (FJO-04): looked up by pePeID.
        if !s.is_empty() {
            s.push_str(", ");
        }
        let _ = write!(s, "pePeID {id}");
        if let Some(fid) = &f.fid {
            let _ = write!(s, ", {fid}");
        }
    }
    s
}

/// The report for a terminal.
pub fn text(r: &Report, lang: Lang) -> String {
    let nb = lang == Lang::Nb;
    let mut out = String::new();
    let p = &r.provenance;
    let _ = writeln!(
        out,
        "IPLOS-sjekk {} · {} ({}, {})",
        p.engine_version,
        p.file.file_name,
        if p.file.format.is_empty() {
            "?"
        } else {
            &p.file.format
        },
        if p.file.encoding.is_empty() {
            "?"
        } else {
            &p.file.encoding
        }
    );
    let year = r.year.map_or("?".to_string(), |y| y.to_string());
    let kommune = r.kommune.clone().unwrap_or_else(|| "?".into());
    if nb {
        let _ = writeln!(
            out,
            "Rapporteringsår {year} · kommune {kommune} · {} {}",
            r.persons,
            if r.persons == 1 { "person" } else { "personer" }
        );
    } else {
        let _ = writeln!(
            out,
            "Reporting year {year} · municipality {kommune} · {} {}",
            r.persons,
            if r.persons == 1 { "person" } else { "persons" }
        );
    }
    let _ = writeln!(out);
    let verdict = if nb {
        &r.verdict_text
    } else {
        &r.verdict_text_en
    };
    let _ = writeln!(
        out,
        "{}: {verdict}",
        if nb { "Vurdering" } else { "Verdict" }
    );
    let c = r.counts;
    let _ = writeln!(
        out,
        "{} {} · {} {} · {} {} · {} {}",
        sev_label(Severity::Fatal, lang),
        c.fatal,
        sev_label(Severity::Error, lang),
        c.error,
        sev_label(Severity::Warning, lang),
        c.warning,
        sev_label(Severity::Info, lang),
        c.info
    );
    if let Some(d) = &r.duties {
        let regs = d.registers.join(" og ");
        let (y, m, day) = (&d.deadline[0..4], &d.deadline[5..7], &d.deadline[8..10]);
        let receiver = if nb { d.receiver } else { d.receiver_en };
        let _ = writeln!(
            out,
            "{}: {regs} · {} {day}.{m}.{y} · {receiver}",
            if nb { "Plikt" } else { "Duty" },
            if nb { "frist" } else { "deadline" }
        );
    }
    if let Some(st) = &r.stats {
        let _ = writeln!(out, "{}", if nb { &st.note_nb } else { &st.note_en });
    }
    if let Some(c) = &r.comparison {
        out.push_str(&crate::compare::text(c, nb));
    }
    let mut groups: BTreeMap<(Severity, &str), Vec<&Finding>> = BTreeMap::new();
    for f in &r.findings {
        groups.entry((f.severity, f.code)).or_default().push(f);
    }
    for ((sev, code), fs) in groups {
        let Some(rule) = rules::rule(code) else {
            continue;
        };
        let t = rule;
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{code} {} · {} ({})",
            sev_label(sev, lang),
            if nb { t.title_nb } else { t.title_en },
            fs.len() + omitted(r, code).unwrap_or(0)
        );
        let _ = writeln!(
            out,
            "  {}: {}",
            if nb { "Hvorfor" } else { "Why" },
            if nb { t.why_nb } else { t.why_en }
        );
        let _ = writeln!(
            out,
            "  {}: {}",
            if nb { "Slik retter du" } else { "How to fix" },
            if nb { t.fix_nb } else { t.fix_en }
        );
        for f in fs {
            let at = place(f, lang);
            let msg = if nb { &f.message } else { &f.message_en };
            if at.is_empty() {
                let _ = writeln!(out, "  - {msg}");
            } else {
                let _ = writeln!(out, "  - {at}: {msg}");
            }
        }
        if let Some(n) = omitted(r, code) {
            let _ = writeln!(
                out,
                "  … {}",
                if nb {
                    format!("og {n} flere funn av denne typen (ikke listet; --all-findings lister alle)")
                } else {
                    format!("and {n} more of this kind (not listed; --all-findings lists them all)")
                }
            );
        }
    }
    out
}

/// Findings of `code` counted but not listed, if any.
fn omitted(r: &Report, code: &str) -> Option<usize> {
    r.findings_omitted
        .iter()
        .find(|o| o.code == code)
        .map(|o| o.count)
}

/// The report as the JSON contract.
pub fn json(r: &Report) -> String {
    serde_json::to_string_pretty(r).expect("a report always serialises")
}

/// A code's findings left out of the list, and how many.
// Keys of the report\'s JSON contract, documented once in src/types.rs.
#[allow(missing_docs)]
#[derive(Clone, Debug, Deserialize)]
pub struct CsvOmitted {
    pub code: String,
    pub count: usize,
}

/// The part of a report the findings CSV is made from.
// Keys of the report\'s JSON contract, documented once in src/types.rs.
#[allow(missing_docs)]
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvReport {
    #[serde(default)]
    pub findings: Vec<Finding<String>>,
    #[serde(default)]
    pub findings_omitted: Vec<CsvOmitted>,
}

/// The findings CSV's header row.
fn csv_header(lang: Lang, full_identities: bool) -> [&'static str; 11] {
    let fid = match (lang, full_identities) {
        (Lang::Nb, false) => "Fødselsnummer (maskert)",
        (Lang::Nb, true) => "Fødselsnummer (fullt)",
        (Lang::En, false) => "Identity number (masked)",
        (Lang::En, true) => "Identity number (full)",
    };
    match lang {
        Lang::Nb => [
            "Kode",
            "Alvorlighet",
            "Regel",
            "Linje",
            "Kolonne",
            "Fil",
            "Person nr.",
            "pePeID",
            fid,
            "Tjeneste",
            "Melding",
        ],
        Lang::En => [
            "Code",
            "Severity",
            "Rule",
            "Line",
            "Column",
            "File",
            "Person no.",
            "pePeID",
            fid,
            "Service",
            "Message",
        ],
    }
}

/// A cell as a spreadsheet will see it: one starting with `=`, `+`, `-`,
/// `@`, TAB or CR would be read as a formula (a value in the file such as
/// `=HYPERLINK(…)` would become a live link), so it gets a leading `'`, as
/// OWASP advises for CSV injection.
fn defused(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The findings as CSV (README, "Funn som CSV"): UTF-8 with a byte-order
/// mark, `;`-separated, CRLF line ends, a header row, one row per finding
/// and one per code whose further findings were left out. Identities are
/// masked; with `full_identities` (a report made with
/// `Options::reveal_identities`), the whole number, written `'05018012345`
/// so a spreadsheet keeps it as text with its leading zero.
pub fn findings_csv(r: &Report, lang: Lang, full_identities: bool) -> String {
    let omitted = r.findings_omitted.iter().map(|o| (o.code, o.count));
    write_findings_csv(&r.findings, omitted, lang, full_identities)
}

/// [`findings_csv`] of a report read back from its JSON (the page's copy).
pub fn findings_csv_of(r: &CsvReport, lang: Lang, full_identities: bool) -> String {
    let omitted = r
        .findings_omitted
        .iter()
        .map(|o| (o.code.as_str(), o.count));
    write_findings_csv(&r.findings, omitted, lang, full_identities)
}

/// The CSV of findings with either kind of code, and of the counts left out.
fn write_findings_csv<'a, C: AsRef<str>>(
    findings: &[Finding<C>],
    omitted: impl Iterator<Item = (&'a str, usize)>,
    lang: Lang,
    full_identities: bool,
) -> String {
    let nb = lang == Lang::Nb;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    // `formula_fid`: cell 8 is a whole identity number written as the
    // formula `="…"` (digits only, checked below), so it is not defused.
    let mut row = |cells: [&str; 11], formula_fid: bool| {
        let cells = cells.iter().enumerate().map(|(i, c)| {
            if formula_fid && i == 8 {
                (*c).to_string()
            } else {
                defused(c).into_owned()
            }
        });
        w.write_record(cells)
            .expect("writing to memory cannot fail");
    };
    row(csv_header(lang, full_identities), false);
    let title =
        |code: &str| rules::rule(code).map_or("", |r| if nb { r.title_nb } else { r.title_en });
    let num = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
    for f in findings {
        let code = f.code.as_ref();
        // A whole identity number as Excel keeps it, as text with its
        // leading zero: `="01018012345"`. Only for digits and nothing else,
        // so nothing from the file can ride in on the formula.
        let whole = f
            .fid_full
            .as_deref()
            .filter(|_| full_identities)
            .filter(|v| (1..=20).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()));
        let fid = match (whole, full_identities) {
            (Some(full), _) => format!("=\"{full}\""),
            (None, true) => f
                .fid_full
                .clone()
                .or_else(|| f.fid.clone())
                .unwrap_or_default(),
            (None, false) => f.fid.clone().unwrap_or_default(),
        };
        row(
            [
                code,
                sev_label(f.severity, lang),
                title(code),
                &num(f.line),
                &num(f.column),
                match f.file {
                    Source::Fagmelding => "fagmelding",
                    Source::Ident => "identmelding",
                },
                &num(f.person),
                f.pe_pe_id.as_deref().unwrap_or_default(),
                &fid,
                f.tj_tjen_type.as_deref().unwrap_or_default(),
                if nb { &f.message } else { &f.message_en },
            ],
            whole.is_some(),
        );
    }
    for (code, count) in omitted {
        let sev = rules::rule(code).map_or(Severity::Error, |x| x.severity);
        let msg = if nb {
            format!("{count} flere funn med denne koden er ikke listet.")
        } else {
            format!("{count} more findings with this code are not listed.")
        };
        row(
            [
                code,
                sev_label(sev, lang),
                title(code),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                &msg,
            ],
            false,
        );
    }
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("the cells are UTF-8 text")
}

/// The catalogue as JSON.
pub fn rules_json(rules: &[RuleInfo]) -> String {
    serde_json::to_string_pretty(rules).expect("the catalogue serialises")
}

/// The catalogue as Markdown, for people (docs/rules.md is generated from it).
pub fn rules_markdown(rules: &[RuleInfo]) -> String {
    let mut out = String::from(
        "# IPLOS-sjekk: regelkatalog\n\nGenerert av `iplos-sjekk rules --format markdown`; ikke rediger for hånd.\n\n| kode | alvorlighet | tittel | år |\n|---|---|---|---|\n",
    );
    for r in rules {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}–{} |",
            r.code,
            r.severity.label_nb(),
            r.title,
            r.from_year,
            r.to_year
        );
    }
    for r in rules {
        let _ = write!(
            out,
            "\n## {} {}\n\n*{}* · {} · år {}–{}\n\n**Hvorfor:** {}\n\n**Slik retter du:** {}\n\n*English:* {}. {} {}\n",
            r.code,
            r.title,
            r.severity.label_nb(),
            match r.confidence {
                crate::finding::Confidence::Confirmed => "kilde sikker",
                crate::finding::Confidence::Inferred => "kilde antatt",
            },
            r.from_year,
            r.to_year,
            r.why,
            r.fix,
            r.title_en,
            r.why_en,
            r.fix_en
        );
    }
    out
}

/// The catalogue for a terminal: code, severity, title.
pub fn rules_text(rules: &[RuleInfo], lang: Lang) -> String {
    let mut out = String::new();
    for r in rules {
        let _ = writeln!(
            out,
            "{}  {:<8}  {}",
            r.code,
            sev_label(r.severity, lang),
            if lang == Lang::Nb {
                r.title
            } else {
                r.title_en
            }
        );
    }
    out
}

/// `DD.MM.YYYY` from an ISO date, as Norwegians write it.
fn duties_date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

fn duties_scope(s: Option<bool>, lang: Lang) -> &'static str {
    match (s, lang) {
        (Some(true), Lang::Nb) => "ja",
        (Some(false), Lang::Nb) => "nei",
        (None, Lang::Nb) => "usikkert",
        (Some(true), Lang::En) => "yes",
        (Some(false), Lang::En) => "no",
        (None, Lang::En) => "uncertain",
    }
}

/// The duty's facts both renderings give one a line: receiver, channel,
/// deadline (with its note), sender, identity in the data.
fn duty_facts(d: &crate::duty::Duties, lang: Lang) -> [(&'static str, String); 5] {
    let nb = lang == Lang::Nb;
    let pick = |a: &'static str, b: &'static str| if nb { a } else { b };
    let date = if nb {
        duties_date(&d.deadline)
    } else {
        d.deadline.clone()
    };
    let deadline = match (d.deadline_note, d.deadline_note_en) {
        (Some(n), Some(e)) => format!("{date} ({})", pick(n, e)),
        _ => date,
    };
    let sender = match &d.sender {
        Some(s) => format!("{s}. {}", pick(d.sender_rule, d.sender_rule_en)),
        None => pick(d.sender_rule, d.sender_rule_en).to_string(),
    };
    [
        (
            pick("Mottaker", "Receiver"),
            pick(d.receiver, d.receiver_en).to_string(),
        ),
        (
            pick("Kanal", "Channel"),
            pick(d.channel, d.channel_en).to_string(),
        ),
        (pick("Frist", "Deadline"), deadline),
        (pick("Avsender", "Sender"), sender),
        (
            pick("Identitet i dataene", "Identity in the data"),
            pick(d.identity.text, d.identity.text_en).to_string(),
        ),
    ]
}

/// The letter that made the year's report fulfil another duty: who, when, what.
fn letter_text(l: &crate::duty::Letter, lang: Lang) -> String {
    format!(
        "{} {} (ref. {}): {}",
        l.from,
        duties_date(l.date),
        l.reference,
        if lang == Lang::Nb { l.text } else { l.text_en }
    )
}

/// The duty panel and per-code table for a terminal (docs/duties.md §7).
pub fn duties_text(d: &crate::duty::Duties, lang: Lang) -> String {
    let nb = lang == Lang::Nb;
    let pick = |a: &'static str, b: &'static str| if nb { a } else { b };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}",
        pick("Rapporteringsplikt for", "Reporting duty for"),
        d.year
    );
    let _ = writeln!(
        out,
        "{}: {}",
        pick("Registre", "Registers"),
        d.registers.join(pick(" og ", " and "))
    );
    let _ = writeln!(out, "{}:", pick("Hjemmel", "Legal basis"));
    for b in &d.basis {
        let _ = writeln!(out, "  - {}", pick(b.text, b.text_en));
    }
    for (k, v) in duty_facts(d, lang) {
        let _ = writeln!(out, "{k}: {v}");
    }
    if let Some(l) = &d.letter {
        let _ = writeln!(out, "{}: {}", pick("Brev", "Letter"), letter_text(l, lang));
    }
    let _ = writeln!(
        out,
        "{}:",
        pick("Filen dekker ikke", "The file does not cover")
    );
    for n in &d.not_covered {
        let _ = writeln!(out, "  - {}", pick(n.name, n.name_en));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}:", pick("Tjenester", "Services"));
    let counts = d.by_service.iter().any(|s| s.records > 0);
    for s in &d.by_service {
        let _ = write!(out, "{:>4}  {}", s.code, pick(s.name, s.name_en));
        if counts {
            let _ = write!(
                out,
                " · {} {}, {} {}",
                s.records,
                pick("poster", "records"),
                s.persons,
                pick("personer", "persons")
            );
        }
        if !s.valid_in_year {
            let _ = write!(
                out,
                " · {} {}",
                pick("gjelder ikke i", "not valid in"),
                d.year
            );
        }
        out.push('\n');
        let _ = writeln!(
            out,
            "      {} · {}: {} · {}: {}",
            s.registers.join(", "),
            pick(s.basis_label, s.basis_label_en),
            pick(s.basis, s.basis_en),
            pick(
                "innenfor IPLOS-forskriften § 1-1a",
                "inside the IPLOS Regulation § 1-1a"
            ),
            duties_scope(s.in_iplos_scope, lang)
        );
        if let (Some(n), Some(e)) = (s.note, s.note_en) {
            let _ = writeln!(out, "      {}", pick(n, e));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", pick(d.basis_note, d.basis_note_en));
    out
}

/// The duty table as JSON (the `duties` key of the report contract).
pub fn duties_json(d: &crate::duty::Duties) -> String {
    serde_json::to_string_pretty(d).expect("a duty table always serialises")
}

fn duties_md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The duty table as Markdown, for people and docs.
pub fn duties_markdown(d: &crate::duty::Duties, lang: Lang) -> String {
    let nb = lang == Lang::Nb;
    let pick = |a: &'static str, b: &'static str| if nb { a } else { b };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} {}\n",
        pick("Rapporteringsplikt for", "Reporting duty for"),
        d.year
    );
    let basis: Vec<&str> = d.basis.iter().map(|b| pick(b.text, b.text_en)).collect();
    let mut rows = vec![
        (pick("Registre", "Registers"), d.registers.join(", ")),
        (pick("Hjemmel", "Legal basis"), basis.join("; ")),
    ];
    rows.extend(duty_facts(d, lang));
    let _ = writeln!(out, "| | |\n|---|---|");
    for (k, v) in rows {
        let _ = writeln!(out, "| {k} | {} |", duties_md_cell(&v));
    }
    if let Some(l) = &d.letter {
        let _ = writeln!(
            out,
            "\n{}: {}",
            pick("**Brev**", "**Letter**"),
            letter_text(l, lang)
        );
    }
    let _ = writeln!(
        out,
        "\n{}:\n",
        pick("**Filen dekker ikke**", "**The file does not cover**")
    );
    for n in &d.not_covered {
        let _ = writeln!(out, "- {}", pick(n.name, n.name_en));
    }
    let _ = writeln!(
        out,
        "\n| {} | {} | {} | {} | {} | {} | § 1-1a | {} |\n|---|---|---|---|---|---|---|---|",
        pick("kode", "code"),
        pick("tjeneste", "service"),
        pick("poster", "records"),
        pick("personer", "persons"),
        pick("registre", "registers"),
        pick("hjemmel", "legal basis"),
        pick("merknad", "note")
    );
    for s in &d.by_service {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {}: {} | {} | {} |",
            s.code,
            duties_md_cell(pick(s.name, s.name_en)),
            s.records,
            s.persons,
            s.registers.join(", "),
            pick(s.basis_label, s.basis_label_en),
            duties_md_cell(pick(s.basis, s.basis_en)),
            duties_scope(s.in_iplos_scope, lang),
            duties_md_cell(match (s.note, s.note_en) {
                (Some(n), Some(e)) => pick(n, e),
                _ => "",
            })
        );
    }
    let _ = writeln!(out, "\n{}", pick(d.basis_note, d.basis_note_en));
    out
}

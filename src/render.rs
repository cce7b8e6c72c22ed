//! Reports and the catalogue as people and programs read them: text for a
//! terminal (verdict first, findings grouped by rule with why and how to
//! fix), JSON (the contract), CSV of findings (`;`, for Excel), and the
//! catalogue as JSON or Markdown.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::report::{Finding, Report, Severity, Source};
use crate::rules::{self, RuleInfo};

/// Language of the human-readable outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Nb,
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
        p.file_name,
        if p.format.is_empty() { "?" } else { &p.format },
        if p.encoding.is_empty() {
            "?"
        } else {
            &p.encoding
        }
    );
    let year = r.year.map_or("?".to_string(), |y| y.to_string());
    let kommune = r.kommune.clone().unwrap_or_else(|| "?".into());
    if nb {
        let _ = writeln!(
            out,
            "Rapporteringsår {year} · kommune {kommune} · {} personer",
            r.persons
        );
    } else {
        let _ = writeln!(
            out,
            "Reporting year {year} · municipality {kommune} · {} persons",
            r.persons
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
    let mut groups: BTreeMap<(Severity, &str), Vec<&Finding>> = BTreeMap::new();
    for f in &r.findings {
        groups.entry((f.severity, f.code)).or_default().push(f);
    }
    for ((sev, code), fs) in groups {
        let Some(rule) = rules::rule(code) else {
            continue;
        };
        let t = rule.text();
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{code} {} · {} ({})",
            sev_label(sev, lang),
            if nb { t.title_nb } else { t.title_en },
            fs.len()
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
    }
    out
}

/// The report as the JSON contract.
pub fn json(r: &Report) -> String {
    serde_json::to_string_pretty(r).expect("a report always serialises")
}

fn csv_cell(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The findings as CSV, `;`-separated, identities masked.
pub fn csv(r: &Report, lang: Lang) -> String {
    let mut out =
        String::from("kode;alvorlighet;fil;linje;kolonne;person;pePeID;fid;tjTjenType;melding\n");
    for f in &r.findings {
        let row = [
            f.code.to_string(),
            sev_label(f.severity, lang).to_string(),
            match f.file {
                Source::Fagmelding => "fagmelding".into(),
                Source::Ident => "identmelding".into(),
            },
            f.line.map(|v| v.to_string()).unwrap_or_default(),
            f.column.map(|v| v.to_string()).unwrap_or_default(),
            f.person.map(|v| v.to_string()).unwrap_or_default(),
            f.pe_pe_id.clone().unwrap_or_default(),
            f.fid.clone().unwrap_or_default(),
            f.tj_tjen_type.clone().unwrap_or_default(),
            if lang == Lang::Nb {
                f.message.clone()
            } else {
                f.message_en.clone()
            },
        ];
        out.push_str(
            &row.iter()
                .map(|c| csv_cell(c))
                .collect::<Vec<_>>()
                .join(";"),
        );
        out.push('\n');
    }
    out
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
                rules::texts::Confidence::Confirmed => "kilde sikker",
                rules::texts::Confidence::Inferred => "kilde antatt",
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

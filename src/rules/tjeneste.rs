//! TJE rules on one service record: code, dates, hours, decision date.
//!
//! "Granted" means `tjVedtak` is not 1 (avslag). The remaining service
//! rules are in `tjeneste_vedtak` (what the decision says beyond code and
//! dates) and `tjeneste_perioder` (across a person's records).
//!
//! This file also owns the small helpers every service-aware rule file
//! shares: the code and name of a record, whether it is granted, and hours
//! per week as exact hundredths.

use super::{date, Ctx, Out};
use crate::codes::{self, Tjenestekode};
use crate::date::Date;
use crate::model::{Field, Person, Record};

pub(crate) use code_of as code;

/// The service code of a record, when it is an integer.
pub(crate) fn code_of(rec: &Record) -> Option<u16> {
    rec.text(Field::tjTjenType)?.parse().ok()
}

/// The code-list entry of a record's service code (none for 10 or junk).
pub(crate) fn kode(rec: &Record) -> Option<&'static Tjenestekode> {
    codes::tjeneste(code_of(rec)?)
}

/// Granted: `tjVedtak` is anything but 1 (avslag), absent included.
pub(crate) fn granted(rec: &Record) -> bool {
    rec.text(Field::tjVedtak) != Some("1")
}

/// "tjeneste 15 (Helsetjenester i hjemmet)" and its English twin.
pub(crate) fn label(rec: &Record) -> (Label<'_>, Label<'_>) {
    (Label(rec, true), Label(rec, false))
}

/// "tjeneste 15 (Helsetjenester i hjemmet)" (or English), written only when
/// a message is: most records raise nothing, and formatting is not free.
pub(crate) struct Label<'a>(&'a Record, bool);

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (rec, nb) = (self.0, self.1);
        match (kode(rec), nb) {
            (Some(t), true) => write!(f, "tjeneste {} ({})", t.code, t.name_nb),
            (Some(t), false) => write!(f, "service {} ({})", t.code, t.name_en),
            (None, nb) => {
                let raw = rec.text(Field::tjTjenType).unwrap_or("?");
                write!(f, "{} {raw}", if nb { "tjeneste" } else { "service" })
            }
        }
    }
}

/// Hours per week as whole hundredths, so 168.00 and 168.01 compare
/// exactly; a decimal comma (CSV) is accepted. `None` when not a number.
pub(crate) fn hundredths(s: &str) -> Option<i64> {
    let x: f64 = s.trim().replace(',', ".").parse().ok()?;
    x.is_finite().then(|| (x * 100.0).round() as i64)
}

/// Hundredths of an hour as text with the given decimal separator: 7,5.
pub(crate) fn fmt_hours(h: i64, sep: char) -> String {
    let (whole, frac) = (h / 100, (h % 100).abs());
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}{sep}{}", f / 10),
        f => format!("{whole}{sep}{f:02}"),
    }
}

/// `tjTimerUke` as a number, when it is a valid decimal.
pub fn hours(rec: &Record) -> Option<f64> {
    let v = rec.text(Field::tjTimerUke)?;
    crate::rules::schema::is_dec52(v)
        .then(|| v.parse().ok())
        .flatten()
}

/// TJE-01: no service code.
pub fn code_missing(c: &Ctx, p: &Person, o: &mut Out) {
    for r in p
        .tjenester
        .iter()
        .filter(|r| r.text(Field::tjTjenType).is_none())
    {
        let h = o.hit(
            r.pos,
            "Tjenesten mangler tjenestekode (tjTjenType).".into(),
            "The service lacks a service code (tjTjenType).".into(),
        );
        h.schema = !c.csv;
    }
}

/// TJE-02: a code that is not in code list 9151 at all.
pub fn code_unknown(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(n) = code(r).filter(|n| codes::tjeneste(*n).is_none()) {
            o.service_hit(
                r,
                r.pos_of(Field::tjTjenType),
                format!("Tjenestekode {n} finnes ikke i kodeverket (9151)."),
                format!("Service code {n} does not exist in the code list (9151)."),
            );
        }
    }
}

/// TJE-03: a code that exists but is not valid in year Y.
pub fn code_not_in_year(c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        let Some(t) = code(r).and_then(codes::tjeneste) else {
            continue;
        };
        if !t.valid_in(c.year) {
            let span = if t.to == codes::OPEN {
                format!("fra {}", t.from)
            } else {
                format!("{}–{}", t.from, t.to)
            };
            let span_en = span.replace("fra", "from");
            o.service_hit(
                r,
                r.pos_of(Field::tjTjenType),
                format!(
                    "Tjenestekode {} ({}) gjelder bare {span}, ikke i {}.",
                    t.code, t.name_nb, c.year
                ),
                format!(
                    "Service code {} ({}) applies only {span_en}, not in {}.",
                    t.code, t.name_en, c.year
                ),
            );
        }
    }
}

/// TJE-04: a granted service without a start date.
pub fn granted_without_start(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in p
        .tjenester
        .iter()
        .filter(|r| granted(r) && r.get(Field::tjFraDato).is_none())
    {
        o.service_hit(
            r,
            r.pos,
            format!("Innvilget {} mangler fra-dato (tjFraDato).", label(r).0),
            format!("Granted {} lacks a start date (tjFraDato).", label(r).1),
        );
    }
}

/// TJE-05: starts after it ends.
pub fn start_after_end(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let (Some(fra), Some(til)) = (date(r, Field::tjFraDato), date(r, Field::tjTilDato)) {
            if fra > til {
                o.service_hit(
                    r,
                    r.pos_of(Field::tjFraDato),
                    format!("{}: fra-dato {fra} er etter til-dato {til}.", label(r).0),
                    format!("{}: start date {fra} is after end date {til}.", label(r).1),
                );
            }
        }
    }
}

/// TJE-06: starts after the year.
pub fn start_after_year(c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(fra) = date(r, Field::tjFraDato).filter(|d| *d > Date::year_end(c.year)) {
            o.service_hit(
                r,
                r.pos_of(Field::tjFraDato),
                format!(
                    "{}: fra-dato {fra} er etter rapporteringsåret {}.",
                    label(r).0,
                    c.year
                ),
                format!(
                    "{}: start date {fra} is after the reporting year {}.",
                    label(r).1,
                    c.year
                ),
            );
        }
    }
}

/// TJE-07: starts before 1980.
pub fn start_before_1980(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(fra) = date(r, Field::tjFraDato).filter(|d| *d < Date::year_start(1980)) {
            o.service_hit(
                r,
                r.pos_of(Field::tjFraDato),
                format!("{}: fra-dato {fra} er før 1980; sjekk datoen.", label(r).0),
                format!(
                    "{}: start date {fra} is before 1980; check the date.",
                    label(r).1
                ),
            );
        }
    }
}

/// TJE-08: ended before the year.
pub fn ended_before_year(c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(til) = date(r, Field::tjTilDato).filter(|d| *d < Date::year_start(c.year)) {
            o.service_hit(
                r,
                r.pos_of(Field::tjTilDato),
                format!(
                    "{} sluttet {til}, før rapporteringsåret {}: den hører ikke hjemme i filen.",
                    label(r).0,
                    c.year
                ),
                format!(
                    "{} ended {til}, before the reporting year {}: it does not belong in the file.",
                    label(r).1,
                    c.year
                ),
            );
        }
    }
}

/// TJE-09: more than 168 hours a week.
pub fn hours_above_168(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(h) = hours(r).filter(|h| *h > 168.0) {
            o.service_hit(
                r,
                r.pos_of(Field::tjTimerUke),
                format!(
                    "{}: {h} timer per uke er mer enn det finnes i en uke (168).",
                    label(r).0
                ),
                format!(
                    "{}: {h} hours per week is more than a week has (168).",
                    label(r).1
                ),
            );
        }
    }
}

/// TJE-10: negative hours.
pub fn hours_negative(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(h) = hours(r).filter(|h| *h < 0.0) {
            o.service_hit(
                r,
                r.pos_of(Field::tjTimerUke),
                format!("{}: timer per uke er negativ ({h}).", label(r).0),
                format!("{}: hours per week is negative ({h}).", label(r).1),
            );
        }
    }
}

/// TJE-25: no decision date.
pub fn decision_date_missing(c: &Ctx, p: &Person, o: &mut Out) {
    for r in p
        .tjenester
        .iter()
        .filter(|r| r.get(Field::tjVedtDato).is_none())
    {
        let h = o.service_hit(
            r,
            r.pos,
            format!(
                "{} mangler vedtaksdato (tjVedtDato), som skjemaet krever.",
                label(r).0
            ),
            format!(
                "{} lacks a decision date (tjVedtDato), which the schema requires.",
                label(r).1
            ),
        );
        h.schema = !c.csv;
    }
}

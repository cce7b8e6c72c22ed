//! Rules on the function assessment: one FUNKSJON record is one scored
//! variable of code list 9111 (FUN-01–08).
//!
//! Which variables exist and from which year they are in use is data in
//! [`crate::codes`] (`funksjonsvariabel`, `funksjonsvariabler_in`); the
//! rules only compare. A `fnFunkType` or date that is not a number or not a
//! real date is FIL-12's finding and is skipped here; a missing date is
//! FUN-03's. Whether a service needs an assessment is the code list's
//! `decision_based` flag.

use super::tjeneste::{granted, kode, label};
use super::tjeneste_perioder::{overlapping, period};
use super::{date, Ctx, Out};
use crate::codes::{self, Funksjonsvariabel};
use crate::date::Date;
use crate::model::{Field, Person, Record};

/// The variable code of a record, when it is a number.
fn type_of(rec: &Record) -> Option<i64> {
    rec.text(Field::fnFunkType)?.parse().ok()
}

fn variable(rec: &Record) -> Option<&'static Funksjonsvariabel> {
    codes::funksjonsvariabel(u16::try_from(type_of(rec)?).ok()?)
}

/// "funksjonsvariabel 7 (Personlig hygiene)" and its English twin.
fn label_of(rec: &Record) -> (String, String) {
    match variable(rec) {
        Some(v) => (
            format!("funksjonsvariabel {} ({})", v.code, v.name_nb),
            format!("function variable {} ({})", v.code, v.name_en),
        ),
        None => {
            let raw = rec.text(Field::fnFunkType).unwrap_or("?");
            (
                format!("funksjonsvariabel {raw}"),
                format!("function variable {raw}"),
            )
        }
    }
}

/// A score outside 1–5 and 9 (FUN-01): breaks the schema's enumeration.
pub fn score_invalid(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.funksjoner {
        let Some(v) = rec.text(Field::fnFunkVerdi) else {
            continue;
        };
        if !matches!(v, "1" | "2" | "3" | "4" | "5" | "9") {
            let (nb, en) = label_of(rec);
            o.schema_hit(
                rec.pos_of(Field::fnFunkVerdi),
                format!("{nb} har fnFunkVerdi «{v}»: gyldige skårer er 1–5 og 9 (ikke relevant)"),
                format!("{en} has fnFunkVerdi \"{v}\": valid scores are 1–5 and 9 (not relevant)"),
            );
        }
    }
}

/// A variable number outside code list 9111 (FUN-02).
pub fn variable_unknown(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.funksjoner {
        if type_of(rec).is_some() && variable(rec).is_none() {
            let raw = rec.text(Field::fnFunkType).unwrap_or_default();
            o.hit(
                rec.pos_of(Field::fnFunkType),
                format!("fnFunkType «{raw}» er ikke en funksjonsvariabel (kodeverk 9111 har 1–20)"),
                format!(
                    "fnFunkType \"{raw}\" is not a function variable (code list 9111 has 1–20)"
                ),
            );
        }
    }
}

/// A missing `fnFraDato` or `fnTilDato` (FUN-03), once per record: both
/// are required by the schema.
pub fn dates_missing(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.funksjoner {
        let missing: Vec<&str> = [Field::fnFraDato, Field::fnTilDato]
            .into_iter()
            .filter(|f| rec.text(*f).is_none())
            .map(Field::name)
            .collect();
        if !missing.is_empty() {
            let (nb, en) = label_of(rec);
            let names = missing.join(" og ");
            let names_en = missing.join(" and ");
            o.schema_hit(
                rec.pos,
                format!("{nb} mangler {names}"),
                format!("{en} has no {names_en}"),
            );
        }
    }
}

/// An assessment starting after the year or after its own end (FUN-04),
/// once per record with every reason that applies.
pub fn dates_out_of_order(c: &Ctx, p: &Person, o: &mut Out) {
    let end = Date::year_end(c.year);
    for rec in &p.funksjoner {
        let Some(fra) = date(rec, Field::fnFraDato) else {
            continue;
        };
        let til = date(rec, Field::fnTilDato);
        let mut nb = Vec::new();
        let mut en = Vec::new();
        if fra > end {
            nb.push(format!("etter rapporteringsåret {}", c.year));
            en.push(format!("after the reporting year {}", c.year));
        }
        if let Some(t) = til.filter(|t| fra > *t) {
            nb.push(format!("etter fnTilDato {t}"));
            en.push(format!("after fnTilDato {t}"));
        }
        if !nb.is_empty() {
            let (lnb, len) = label_of(rec);
            o.hit(
                rec.pos_of(Field::fnFraDato),
                format!("{lnb}: fnFraDato {fra} er {}", nb.join(" og ")),
                format!("{len}: fnFraDato {fra} is {}", en.join(" and ")),
            );
        }
    }
}

/// A person with an assessment that lacks variables in use in the year
/// (FUN-05). A variable counts as present when any record has it,
/// whatever its score or period. Once per person, listing the missing.
pub fn variables_missing(c: &Ctx, p: &Person, o: &mut Out) {
    let Some(first) = p.funksjoner.first() else {
        return;
    };
    // The variables present, as bits: one pass over the records.
    let present = p
        .funksjoner
        .iter()
        .filter_map(type_of)
        .filter(|t| (1..=63).contains(t))
        .fold(0u64, |bits, t| bits | 1 << t);
    let missing: Vec<&Funksjonsvariabel> = codes::FUNKSJONSVARIABLER
        .iter()
        .filter(|v| v.from <= c.year && present & (1 << v.code) == 0)
        .collect();
    if missing.is_empty() {
        return;
    }
    let nb = missing
        .iter()
        .map(|v| format!("{} {}", v.code, v.name_nb))
        .collect::<Vec<_>>()
        .join(", ");
    let en = missing
        .iter()
        .map(|v| format!("{} {}", v.code, v.name_en))
        .collect::<Vec<_>>()
        .join(", ");
    o.hit(
        first.pos,
        format!(
            "Funksjonsvurderingen mangler {} av variablene som brukes i {}: {nb}",
            missing.len(),
            c.year
        ),
        format!(
            "The function assessment lacks {} of the variables in use in {}: {en}",
            missing.len(),
            c.year
        ),
    );
}

/// The same variable twice with overlapping periods (FUN-06), once per
/// later record. Identical periods count as an overlap.
pub fn same_variable_overlaps(_c: &Ctx, p: &Person, o: &mut Out) {
    let items = p.funksjoner.iter().enumerate().filter_map(|(i, r)| {
        Some((
            type_of(r)?,
            date(r, Field::fnFraDato)?,
            date(r, Field::fnTilDato)?,
            i,
        ))
    });
    for (later, earlier) in overlapping(items.collect(), false) {
        let (rec, other) = (&p.funksjoner[later], &p.funksjoner[earlier]);
        let span = |r: &Record| {
            date(r, Field::fnFraDato)
                .zip(date(r, Field::fnTilDato))
                .map_or_else(String::new, |(f, t)| period(f, t))
        };
        let (nb, en) = label_of(rec);
        let line = other.pos.line;
        o.hit(
            rec.pos_of(Field::fnFraDato),
            format!(
                "{nb} {} overlapper med en annen vurdering av samme variabel {} (linje {line})",
                span(rec),
                span(other)
            ),
            format!(
                "{en} {} overlaps another assessment of the same variable {} (line {line})",
                span(rec),
                span(other)
            ),
        );
    }
}

/// A granted decision-based service and no assessment at all (FUN-07),
/// once per person at the first such service.
pub fn decision_without_assessment(_c: &Ctx, p: &Person, o: &mut Out) {
    if !p.funksjoner.is_empty() {
        return;
    }
    if let Some(rec) = p
        .tjenester
        .iter()
        .find(|r| granted(r) && kode(r).is_some_and(|t| t.decision_based))
    {
        let (nb, en) = label(rec);
        o.service_hit(rec, rec.pos, format!("{nb} er innvilget ved vedtak, men personen har ingen funksjonsvurdering (FUNKSJON)"), format!("{en} is granted by decision, but the person has no function assessment (FUNKSJON)"));
    }
}

/// A variable used in a year before it came into use (FUN-08).
pub fn variable_before_its_year(c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.funksjoner {
        let Some(v) = variable(rec).filter(|v| v.from > c.year) else {
            continue;
        };
        o.hit(
            rec.pos_of(Field::fnFunkType),
            format!(
                "Funksjonsvariabel {} ({}) brukes først fra {}, ikke i {}",
                v.code, v.name_nb, v.from, c.year
            ),
            format!(
                "Function variable {} ({}) is in use only from {}, not in {}",
                v.code, v.name_en, v.from, c.year
            ),
        );
    }
}

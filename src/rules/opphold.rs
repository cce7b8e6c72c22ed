//! Rules on DOGNTILBUD records, stays in the specialist health service or
//! another non-municipal døgntilbud (OPP-01–04): the institution's org.nr,
//! the required dates, and home services that run on through a stay.
//!
//! All three fields are required by the 2018 schema, and `dgInstOrgnr` has
//! exactly 9 characters there, so a missing field or a wrong length is a
//! schema-level finding; a bad check digit is only a content finding.

use super::tjeneste::{code_of, granted, label};
use super::tjeneste_perioder::{period, HJEMMETJENESTER, OPEN_END};
use super::tjeneste_vedtak::orgnr_fault;
use super::{date, Ctx, Out};
use crate::date::Date;
use crate::model::{Field, Person};

/// `dgInstOrgnr` not a valid org.nr (OPP-01); schema-level when it is not
/// 9 characters long.
pub fn orgnr_invalid(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.dogntilbud {
        let Some(s) = rec.text(Field::dgInstOrgnr) else {
            continue;
        };
        let Some((why_nb, why_en)) = orgnr_fault(s) else {
            continue;
        };
        let h = o.hit(
            rec.pos_of(Field::dgInstOrgnr),
            format!("dgInstOrgnr «{s}» {why_nb}"),
            format!("dgInstOrgnr \"{s}\" {why_en}"),
        );
        h.schema = s.chars().count() != 9;
    }
}

/// `dgInstOrgnr` missing or empty (OPP-02).
pub fn orgnr_missing(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in p
        .dogntilbud
        .iter()
        .filter(|r| r.text(Field::dgInstOrgnr).is_none())
    {
        o.schema_hit(
            rec.pos,
            "Oppholdet (DOGNTILBUD) mangler dgInstOrgnr, organisasjonsnummeret til institusjonen"
                .into(),
            "The stay (DOGNTILBUD) has no dgInstOrgnr, the institution's organisation number"
                .into(),
        );
    }
}

/// A missing date (schema-level) or a start after the end (OPP-03), once
/// per record.
pub fn dates_missing_or_reversed(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.dogntilbud {
        let missing: Vec<&str> = [Field::dgFraDato, Field::dgTilDato]
            .into_iter()
            .filter(|f| rec.text(*f).is_none())
            .map(Field::name)
            .collect();
        if !missing.is_empty() {
            o.schema_hit(
                rec.pos,
                format!("Oppholdet (DOGNTILBUD) mangler {}", missing.join(" og ")),
                format!("The stay (DOGNTILBUD) has no {}", missing.join(" and ")),
            );
        } else if let (Some(fra), Some(til)) =
            (date(rec, Field::dgFraDato), date(rec, Field::dgTilDato))
        {
            if fra > til {
                o.hit(
                    rec.pos_of(Field::dgFraDato),
                    format!("Oppholdet (DOGNTILBUD): dgFraDato {fra} er etter dgTilDato {til}"),
                    format!("The stay (DOGNTILBUD): dgFraDato {fra} is after dgTilDato {til}"),
                );
            }
        }
    }
}

/// Granted home services (1, 2, 15) that began on or before the first day
/// of a stay of at least one night and go on to its last day or beyond
/// (OPP-04). Stays wholly outside the year are left alone. Once per home
/// service, at the first such stay.
pub fn home_services_through_stay(c: &Ctx, p: &Person, o: &mut Out) {
    let (ys, ye) = (Date::year_start(c.year), Date::year_end(c.year));
    let stays: Vec<(Date, Date)> = p
        .dogntilbud
        .iter()
        .filter_map(|r| Some((date(r, Field::dgFraDato)?, date(r, Field::dgTilDato)?)))
        .filter(|&(f, t)| f < t && t >= ys && f <= ye)
        .collect();
    if stays.is_empty() {
        return;
    }
    for rec in p
        .tjenester
        .iter()
        .filter(|r| granted(r) && code_of(r).is_some_and(|c| HJEMMETJENESTER.contains(&c)))
    {
        let Some(from) = date(rec, Field::tjFraDato) else {
            continue;
        };
        let til = match rec.text(Field::tjTilDato) {
            None => OPEN_END,
            Some(_) => match date(rec, Field::tjTilDato) {
                Some(t) => t,
                None => continue,
            },
        };
        if let Some(&(sf, st)) = stays.iter().find(|&&(sf, st)| from <= sf && til >= st) {
            let (nb, en) = label(rec);
            o.service_hit(
                rec,
                rec.pos_of(Field::tjTilDato),
                format!(
                    "{nb} {} løper gjennom hele oppholdet i spesialisthelsetjenesten {}",
                    period(from, til),
                    period(sf, st)
                ),
                format!(
                    "{en} {} runs through the whole stay in the specialist health service {}",
                    period(from, til),
                    period(sf, st)
                ),
            );
        }
    }
}

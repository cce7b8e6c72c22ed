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
use super::{date, Check, Ctx, Out, Rule, ALL_YEARS};
use crate::date::Date;
use crate::finding::{Confidence, Severity};
use crate::model::{Field, Person};

/// The OPP rules: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "OPP-01",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Ugyldig organisasjonsnummer på opphold i spesialisthelsetjenesten",
        title_en: "Invalid organisation number on a specialist health service stay",
        why_nb: "`dgInstOrgnr` skal være organisasjonsnummeret til enheten der personen var innlagt: 9 sifre med riktig kontrollsiffer. Et ugyldig nummer gjør at oppholdet ikke kan knyttes til et sted. Kilde: IPLOS-skjemaet 2018 og Brønnøysundregistrene (sikkert).",
        why_en: "`dgInstOrgnr` must be the organisation number of the unit where the person was admitted: 9 digits with a correct check digit. An invalid number means the stay cannot be tied to a place. Source: the IPLOS schema 2018 and the Brønnøysund Register Centre (confirmed).",
        fix_nb: "Rett organisasjonsnummeret for sykehusenheten i fagsystemet; bruk underenhetens (bedriftens) nummer fra Enhetsregisteret, ikke foretakets. Lag så et nytt uttrekk.",
        fix_en: "Correct the organisation number of the hospital unit in the EPJ system; use the sub-unit's (establishment's) number from the Central Coordinating Register, not the enterprise's. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(orgnr_invalid),
        raised_by: &[],
    },
    Rule {
        code: "OPP-02",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Organisasjonsnummer mangler på opphold i spesialisthelsetjenesten",
        title_en: "Organisation number missing on a specialist health service stay",
        why_nb: "Skjemaet krever organisasjonsnummer på hvert opphold (`DOGNTILBUD`). Mangler det, validerer ikke filen, og den vil trolig bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The schema requires an organisation number on every stay (`DOGNTILBUD`). If it is missing, the file fails validation and will probably be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Registrer hvilken sykehusenhet personen var innlagt på (underenhetens organisasjonsnummer) i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Record which hospital unit the person was admitted to (the sub-unit's organisation number) in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(orgnr_missing),
        raised_by: &[],
    },
    Rule {
        code: "OPP-03",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Oppholdet mangler datoer, eller datoene er i feil rekkefølge",
        title_en: "The stay lacks dates, or the dates are out of order",
        why_nb: "Skjemaet krever både `dgFraDato` og `dgTilDato`, så et opphold uten dem gjør at filen ikke validerer. En fradato etter tildatoen er umulig, og oppholdet kan da ikke brukes. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The schema requires both `dgFraDato` and `dgTilDato`, so a stay without them makes the file fail validation. A from date after the to date is impossible, and the stay cannot then be used. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Registrer inn- og utskrivningsdato for oppholdet i fagsystemet, eller rett den som er feil. Lag så et nytt uttrekk.",
        fix_en: "Record the admission and discharge dates of the stay in the EPJ system, or correct the wrong one. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(dates_missing_or_reversed),
        raised_by: &[],
    },
    Rule {
        code: "OPP-04",
        severity: Severity::Info,
        years: ALL_YEARS,
        title_nb: "Hjemmetjenester løper gjennom et sykehusopphold",
        title_en: "Home services run through a hospital stay",
        why_nb: "Under et opphold i spesialisthelsetjenesten skal hjemmetjenester (1, 2, 15) stanses, med mindre kommunalt personell følger med personen. Ellers ser det ut som personen fikk hjemmetjenester mens den var innlagt. Kilde: Helsedirektoratets spørsmål og svar om IPLOS-registrering (sikkert).",
        why_en: "During a stay in the specialist health service, home services (1, 2, 15) are to be stopped unless municipal staff go along with the person. Otherwise it looks as if the person received home services while admitted. Source: Helsedirektoratet's questions and answers on IPLOS recording (confirmed).",
        fix_nb: "Ingen handling er nødvendig hvis kommunalt personell fulgte med. Ellers avslutter du hjemmetjenestene fra innleggelsen og starter dem igjen ved utskrivning i fagsystemet, og lager et nytt uttrekk.",
        fix_en: "No action is needed if municipal staff went along. Otherwise end the home services at admission and start them again at discharge in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(home_services_through_stay),
        raised_by: &[],
    },
];

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

/// `dgInstOrgnr` missing or empty (OPP-02); a CSV without the column has
/// FIL-20 instead.
pub fn orgnr_missing(c: &Ctx, p: &Person, o: &mut Out) {
    if c.column_absent(Field::dgInstOrgnr) {
        return;
    }
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
/// per record. A CSV without the column has FIL-20 instead.
pub fn dates_missing_or_reversed(c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.dogntilbud {
        let missing: Vec<&str> = [Field::dgFraDato, Field::dgTilDato]
            .into_iter()
            .filter(|f| rec.text(*f).is_none() && !c.column_absent(*f))
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

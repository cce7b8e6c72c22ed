//! Service rules on what a decision (vedtak) says beyond the basic code
//! and date checks of [`super::tjeneste`]: extent in hours,
//! `tjRullerende`, the executing unit's org.nr, decision, application and
//! appeal dates, refusals, and the housing codes replaced in 2019
//! (TJE-11–17, 20, 21, 26–28), one TJENESTE record at a time. What each
//! code is (hour-based, org.nr rule, valid years) comes from
//! [`crate::codes`], never from the rule bodies.

use super::tjeneste::{code_of, granted, hundredths, kode, label};
use super::{date, Ctx, Out};
use crate::codes::{self, Gruppe, OrgnrRule};
use crate::date::Date;
use crate::fnr;
use crate::model::{Field, Person};

/// Granted services on which the hours are missing or 0 (TJE-11).
pub fn hours_missing(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.tjenester {
        if !(granted(rec) && kode(rec).is_some_and(|t| t.hour_based)) {
            continue;
        }
        let (nb, en) = label(rec);
        match rec.text(Field::tjTimerUke) {
            None => {
                o.service_hit(
                    rec,
                    rec.pos,
                    format!("{nb} er innvilget, men mangler tjTimerUke (timer per uke)"),
                    format!("{en} is granted but has no tjTimerUke (hours per week)"),
                );
            }
            Some(s) if hundredths(s) == Some(0) => {
                o.service_hit(rec, rec.pos_of(Field::tjTimerUke), format!("{nb} er innvilget med tjTimerUke «{s}»: omfanget skal være timer per uke"), format!("{en} is granted with tjTimerUke \"{s}\": the extent should be hours per week"));
            }
            Some(_) => {}
        }
    }
}

/// Hours on a granted service that is not measured in hours (TJE-12). A 0
/// is harmless and an avslag with hours is TJE-20's.
pub fn hours_on_non_hour_service(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in p.tjenester.iter().filter(|r| granted(r)) {
        let Some(t) = kode(rec) else { continue };
        let Some(s) = rec.text(Field::tjTimerUke) else {
            continue;
        };
        if t.hour_based || hundredths(s).is_none_or(|h| h == 0) {
            continue;
        }
        let (nb, en) = label(rec);
        o.service_hit(
            rec,
            rec.pos_of(Field::tjTimerUke),
            format!("tjTimerUke «{s}» på {nb}, som ikke rapporteres i timer per uke"),
            format!("tjTimerUke \"{s}\" on {en}, which is not reported in hours per week"),
        );
    }
}

/// Avlastning i institusjon without the rullerende mark (TJE-13).
const AVLASTNING_I_INSTITUSJON: u16 = 8;

pub fn rullerende_missing(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.tjenester {
        if granted(rec)
            && code_of(rec) == Some(AVLASTNING_I_INSTITUSJON)
            && rec.text(Field::tjRullerende).is_none()
        {
            let (nb, en) = label(rec);
            o.service_hit(
                rec,
                rec.pos,
                format!("{nb} mangler tjRullerende (1 rullerende, 2 ikke rullerende)"),
                format!("{en} has no tjRullerende (1 rotating, 2 not rotating)"),
            );
        }
    }
}

/// Why an org.nr fails, in both languages; `None` when it is valid.
pub(crate) fn orgnr_fault(s: &str) -> Option<(&'static str, &'static str)> {
    if fnr::orgnr_valid(s) {
        None
    } else if s.len() == 9 && s.bytes().all(|b| b.is_ascii_digit()) {
        Some(("kontrollsifferet stemmer ikke", "the check digit is wrong"))
    } else {
        Some(("er ikke 9 siffer", "is not 9 digits"))
    }
}

/// `tjInstOrgnr` not a valid org.nr (TJE-14); over 9 characters also
/// breaks the schema's `maxLength`.
pub fn orgnr_invalid(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.tjenester {
        let Some(s) = rec.text(Field::tjInstOrgnr) else {
            continue;
        };
        let Some((why_nb, why_en)) = orgnr_fault(s) else {
            continue;
        };
        let (nb, en) = label(rec);
        let h = o.service_hit(
            rec,
            rec.pos_of(Field::tjInstOrgnr),
            format!("tjInstOrgnr «{s}» på {nb} {why_nb}"),
            format!("tjInstOrgnr \"{s}\" on {en} {why_en}"),
        );
        h.schema = s.chars().count() > 9;
    }
}

/// A granted service that must name its executing unit and does not
/// (TJE-15). A refusal has no executing unit.
pub fn orgnr_missing(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.tjenester {
        let required = kode(rec).is_some_and(|t| t.orgnr == OrgnrRule::Required);
        if required && granted(rec) && rec.text(Field::tjInstOrgnr).is_none() {
            let (nb, en) = label(rec);
            o.service_hit(
                rec,
                rec.pos,
                format!("{nb} mangler tjInstOrgnr (organisasjonsnummeret til utførende enhet)"),
                format!("{en} has no tjInstOrgnr (the executing unit's organisation number)"),
            );
        }
    }
}

/// Decision dated after the start of a granted service (TJE-16).
pub fn decision_after_start(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in p.tjenester.iter().filter(|r| granted(r)) {
        let (Some(vedt), Some(fra)) = (date(rec, Field::tjVedtDato), date(rec, Field::tjFraDato))
        else {
            continue;
        };
        if vedt > fra {
            let (nb, en) = label(rec);
            o.service_hit(
                rec,
                rec.pos_of(Field::tjVedtDato),
                format!("{nb}: vedtaksdato {vedt} er etter startdato {fra}"),
                format!("{en}: decision date {vedt} is after start date {fra}"),
            );
        }
    }
}

/// Decision dated after the reporting year (TJE-17).
pub fn decision_after_year(c: &Ctx, p: &Person, o: &mut Out) {
    let end = Date::year_end(c.year);
    for rec in &p.tjenester {
        let Some(vedt) = date(rec, Field::tjVedtDato) else {
            continue;
        };
        if vedt > end {
            let (nb, en) = label(rec);
            o.service_hit(
                rec,
                rec.pos_of(Field::tjVedtDato),
                format!(
                    "{nb}: vedtaksdato {vedt} er etter rapporteringsåret {}",
                    c.year
                ),
                format!(
                    "{en}: decision date {vedt} is after the reporting year {}",
                    c.year
                ),
            );
        }
    }
}

/// An avslag carrying a period or hours (TJE-20), once per record.
pub fn refusal_with_service_data(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in p.tjenester.iter().filter(|r| !granted(r)) {
        let present: Vec<Field> = [Field::tjFraDato, Field::tjTilDato, Field::tjTimerUke]
            .into_iter()
            .filter(|f| rec.text(*f).is_some())
            .collect();
        let Some(first) = present.first() else {
            continue;
        };
        let names = present
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ");
        let (nb, en) = label(rec);
        o.service_hit(
            rec,
            rec.pos_of(*first),
            format!("Avslag på {nb} har {names}: et avslag skal ikke ha periode eller omfang"),
            format!("Refusal of {en} has {names}: a refusal has no period or extent"),
        );
    }
}

/// An avslag decided before the year (TJE-21). After the year is TJE-17.
pub fn refusal_outside_year(c: &Ctx, p: &Person, o: &mut Out) {
    let start = Date::year_start(c.year);
    for rec in p.tjenester.iter().filter(|r| !granted(r)) {
        let Some(vedt) = date(rec, Field::tjVedtDato) else {
            continue;
        };
        if vedt < start {
            let (nb, en) = label(rec);
            o.service_hit(
                rec,
                rec.pos_of(Field::tjVedtDato),
                format!(
                    "Avslag på {nb} med vedtaksdato {vedt}, før rapporteringsåret {}",
                    c.year
                ),
                format!(
                    "Refusal of {en} decided {vedt}, before the reporting year {}",
                    c.year
                ),
            );
        }
    }
}

/// An org.nr on a service that must not carry one (TJE-26).
pub fn orgnr_forbidden(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.tjenester {
        let Some(t) = kode(rec) else { continue };
        let Some(s) = rec.text(Field::tjInstOrgnr) else {
            continue;
        };
        let (why_nb, why_en) = match t.orgnr {
            OrgnrRule::Forbidden => (
                "skal ikke ha organisasjonsnummer",
                "must not carry an organisation number",
            ),
            OrgnrRule::ForbiddenInferred => (
                "skal etter alt å dømme ikke ha organisasjonsnummer (som 12 og 13)",
                "most likely must not carry an organisation number (like 12 and 13)",
            ),
            _ => continue,
        };
        let (nb, en) = label(rec);
        o.service_hit(
            rec,
            rec.pos_of(Field::tjInstOrgnr),
            format!("tjInstOrgnr «{s}» på {nb}, som {why_nb}"),
            format!("tjInstOrgnr \"{s}\" on {en}, which {why_en}"),
        );
    }
}

/// Application after decision, or appeal answered before received (TJE-27).
pub fn application_or_appeal_dates_reversed(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.tjenester {
        let (nb, en) = label(rec);
        if let (Some(s), Some(v)) = (date(rec, Field::tjSoknadDato), date(rec, Field::tjVedtDato)) {
            if s > v {
                o.service_hit(
                    rec,
                    rec.pos_of(Field::tjSoknadDato),
                    format!("{nb}: søknadsdato {s} er etter vedtaksdato {v}"),
                    format!("{en}: application date {s} is after decision date {v}"),
                );
            }
        }
        if let (Some(m), Some(b)) = (
            date(rec, Field::tjKlageMottatt),
            date(rec, Field::tjKlageBesvart),
        ) {
            if b < m {
                o.service_hit(
                    rec,
                    rec.pos_of(Field::tjKlageBesvart),
                    format!("{nb}: klagen er besvart {b}, før den ble mottatt {m}"),
                    format!("{en}: the appeal was answered {b}, before it was received {m}"),
                );
            }
        }
    }
}

/// A housing code no longer in use in the year (12, 13 after 2018): the
/// register counts it as the housing code that is (29). Run from 2019.
pub fn housing_code_after_2018(c: &Ctx, p: &Person, o: &mut Out) {
    let current = codes::TJENESTEKODER
        .iter()
        .find(|t| t.gruppe == Gruppe::Bolig && t.valid_in(c.year));
    for rec in &p.tjenester {
        let Some(t) = kode(rec) else { continue };
        if t.gruppe != Gruppe::Bolig || t.valid_in(c.year) {
            continue;
        }
        let (nb, en) = label(rec);
        let (to_nb, to_en) = match current {
            Some(n) => (
                format!("tjeneste {} ({})", n.code, n.name_nb),
                format!("service {} ({})", n.code, n.name_en),
            ),
            None => ("dagens boligkode".into(), "the current housing code".into()),
        };
        o.service_hit(
            rec,
            rec.pos_of(Field::tjTjenType),
            format!(
                "{nb} brukes ikke etter {}: registeret teller den som {to_nb}. Send {to_nb}",
                t.to
            ),
            format!(
                "{en} is not used after {}: the register counts it as {to_en}. Send {to_en}",
                t.to
            ),
        );
    }
}

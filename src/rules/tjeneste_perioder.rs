//! Service rules that compare records within one person: duplicates and
//! overlaps of the same service, services after death or before birth, the
//! weekly hours of all services together, and a long-term stay alongside
//! home services (TJE-18, 19, 22, 23, 24, 29).
//!
//! Period rules look at granted services only (an avslag carrying a period
//! is TJE-20's finding). Two periods overlap when they share more than their
//! boundary day, or start on the same day: one service ending the day the
//! next one starts is a handover, not an overlap. Every check works on one
//! person's records, so memory grows with that person, not with the file.
//! The overlap sweep here is shared with FUN-06 and DIA-03.

use std::collections::HashMap;

use super::tjeneste::{code_of, fmt_hours, granted, hundredths, label};
use super::{date, Check, Ctx, Out, Rule, ALL_YEARS};
use crate::date::Date;
use crate::finding::{Confidence, Severity};
use crate::fnr::{self, IdKind};
use crate::model::{Field, Person, Record};

/// The TJE rules across a person's service periods: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "TJE-18",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Samme tjeneste registrert to ganger",
        title_en: "The same service reported twice",
        why_nb: "To poster med samme tjenestekode, startdato og sluttdato for samme person er en dobbeltregistrering, og tjenesten og timene telles to ganger. Antatt: regelen er vår egen; ingen kilde fra mottakeren beskriver den.",
        why_en: "Two records with the same service code, start date and end date for the same person are a duplicate, and the service and its hours are counted twice. Inferred: the rule is our own; no source from the receiver describes it.",
        fix_nb: "Slett det doble vedtaket eller den doble tjenesten i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Delete the duplicate decision or service in the EPJ system, and make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(same_service_twice),
        raised_by: &[],
    },
    Rule {
        code: "TJE-19",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Overlappende perioder for samme tjeneste",
        title_en: "Overlapping periods of the same service",
        why_nb: "Når samme tjeneste har to perioder som overlapper, telles timene dobbelt i overlappen. Det kan være riktig, men er ofte en glemt sluttdato på et gammelt vedtak. Antatt: Helsedirektoratet nevner overlappende langtidsopphold, men har ikke publisert en regel.",
        why_en: "When the same service has two overlapping periods, the hours are counted twice during the overlap. It can be right, but is often a forgotten end date on an old decision. Inferred: Helsedirektoratet mentions overlapping long-term stays but has published no rule.",
        fix_nb: "Sett sluttdato på det gamle vedtaket dagen før det nye starter i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Set an end date on the old decision the day before the new one starts in the EPJ system, and make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(periods_overlap),
        raised_by: &[],
    },
    Rule {
        code: "TJE-22",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Tjenesten starter etter dødsdatoen",
        title_en: "Service starts after the date of death",
        why_nb: "En tjeneste kan ikke starte etter at personen er død, så enten dødsdatoen eller startdatoen er feil. Antatt: en rimelighetskontroll, ikke en publisert regel fra mottakeren.",
        why_en: "A service cannot start after the person has died, so either the date of death or the start date is wrong. Inferred: a plausibility check, not a published rule of the receiver.",
        fix_nb: "Sjekk dødsdatoen mot folkeregisteret og startdatoen på vedtaket i fagsystemet, og rett den som er feil. Lag så et nytt uttrekk.",
        fix_en: "Check the date of death against the population register and the start date on the decision in the EPJ system, and correct the wrong one. Then make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(starts_after_death),
        raised_by: &[],
    },
    Rule {
        code: "TJE-23",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Over 168 timer per uke til sammen på én dag",
        title_en: "More than 168 hours per week in total on one day",
        why_nb: "På minst én dag i året gir personens aktive tjenester til sammen flere timer per uke enn en uke har. Ofte er et gammelt vedtak ikke avsluttet, eller timer per måned er ført som timer per uke. Kilde: Helsedirektoratets grense på 168 timer per tjeneste (sikkert); å bruke grensen på summen er antatt.",
        why_en: "On at least one day of the year the person's active services add up to more hours per week than a week has. Often an old decision was not ended, or hours per month were entered as hours per week. Source: Helsedirektoratet's limit of 168 hours per service (confirmed); applying the limit to the total is inferred.",
        fix_nb: "Sjekk at gamle vedtak har sluttdato og at omfanget er ført i timer per uke, og rett det i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Check that old decisions have an end date and that the extent is entered in hours per week, and correct it in the EPJ system. Then make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(hours_above_168_in_total),
        raised_by: &[],
    },
    Rule {
        code: "TJE-24",
        severity: Severity::Info,
        years: ALL_YEARS,
        title_nb: "Langtidsopphold og hjemmetjenester samme dag",
        title_en: "Long-term stay and home services on the same day",
        why_nb: "Personen har langtidsopphold (21) og samtidig praktisk bistand eller helsetjenester i hjemmet (1, 2, 15). Det kan være riktig rundt en innflytting, men er ofte hjemmetjenester som ikke er avsluttet; mottakeren kontrollerer ikke dette selv. Kilde: Helsedirektoratets telleregler for KPR-data (sikkert).",
        why_en: "The person has a long-term stay (21) and at the same time practical assistance or home health care (1, 2, 15). That can be right around a move, but is often home services that were not ended; the receiver does not check this itself. Source: Helsedirektoratet's counting rules for KPR data (confirmed).",
        fix_nb: "Er hjemmetjenestene avsluttet i virkeligheten, sett sluttdato på dem i fagsystemet og lag et nytt uttrekk. Ellers trenger du ikke gjøre noe.",
        fix_en: "If the home services have in fact ended, set an end date on them in the EPJ system and make a new extract. Otherwise nothing needs doing.",
        confidence: Confidence::Confirmed,
        check: Check::Person(long_term_stay_with_home_services),
        raised_by: &[],
    },
    Rule {
        code: "TJE-29",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Tjenesten starter før personen ble født",
        title_en: "Service starts before the person was born",
        why_nb: "En tjeneste kan ikke starte før personen er født, og mottakeren forkaster slike poster. Fødselsdatoen tas fra fødselsnummeret, ellers regnes fødselsåret ut fra alderen. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "A service cannot start before the person was born, and the receiver drops such records. The date of birth is taken from the identity number, otherwise the year of birth is worked out from the age. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Rett startdatoen på vedtaket, eller personens fødselsnummer eller alder, i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Correct the start date on the decision, or the person's identity number or age, in the EPJ system. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(start_before_birth),
        raised_by: &[],
    },
];

/// The end of a period without an end date.
pub(crate) const OPEN_END: Date = Date {
    year: 9999,
    month: 12,
    day: 31,
};

/// A period as text: "15.01.2024–31.12.2024", "15.01.2024–" when open.
pub(crate) fn period(from: Date, til: Date) -> String {
    if til == OPEN_END {
        format!("{from}–")
    } else {
        format!("{from}–{til}")
    }
}

/// Overlaps within groups of periods `(group, from, til, index)`: pairs
/// `(later, earlier)`, at most one per later period, found by a sweep over
/// the periods sorted by start. With `skip_identical`, a period equal to the
/// previous one (same start and end) is left to a duplicate rule.
pub(crate) fn overlapping<K: Ord>(
    mut items: Vec<(K, Date, Date, usize)>,
    skip_identical: bool,
) -> Vec<(usize, usize)> {
    items.sort();
    let mut out = Vec::new();
    let mut prev: Option<&(K, Date, Date, usize)> = None;
    let mut reach: Option<(Date, usize)> = None;
    for it in &items {
        if prev.is_some_and(|p| p.0 != it.0) {
            prev = None;
            reach = None;
        }
        if let Some(p) = prev {
            if p.1 == it.1 {
                if !(skip_identical && p.2 == it.2) {
                    out.push((it.3, p.3));
                }
            } else if let Some((_, ri)) = reach.filter(|(r, _)| it.1 < *r) {
                out.push((it.3, ri));
            }
        }
        if reach.is_none_or(|(r, _)| it.2 > r) {
            reach = Some((it.2, it.3));
        }
        prev = Some(it);
    }
    out
}

/// A granted service's period: start, and end or [`OPEN_END`]; `None`
/// without a valid start, or with an end that is not a valid date.
fn service_period(rec: &Record) -> Option<(Date, Date)> {
    let from = date(rec, Field::tjFraDato)?;
    let til = match rec.text(Field::tjTilDato) {
        None => OPEN_END,
        Some(_) => date(rec, Field::tjTilDato)?,
    };
    (granted(rec) && from <= til).then_some((from, til))
}

/// The same code with the same start and end twice (TJE-18).
pub fn same_service_twice(_c: &Ctx, p: &Person, o: &mut Out) {
    let mut seen: HashMap<(u16, Date, Date), usize> = HashMap::new();
    for (i, rec) in p.tjenester.iter().enumerate() {
        let (Some(code), Some((from, til))) = (code_of(rec), service_period(rec)) else {
            continue;
        };
        if let Some(&first) = seen.get(&(code, from, til)) {
            let (nb, en) = label(rec);
            let line = p.tjenester[first].pos.line;
            o.service_hit(
                rec,
                rec.pos,
                format!(
                    "{nb} {} er registrert to ganger (også linje {line})",
                    period(from, til)
                ),
                format!(
                    "{en} {} is reported twice (also line {line})",
                    period(from, til)
                ),
            );
        } else {
            seen.insert((code, from, til), i);
        }
    }
}

/// Two periods of the same code overlap (TJE-19); exact duplicates are
/// TJE-18's.
pub fn periods_overlap(_c: &Ctx, p: &Person, o: &mut Out) {
    let items = p.tjenester.iter().enumerate().filter_map(|(i, r)| {
        let (from, til) = service_period(r)?;
        Some((code_of(r)?, from, til, i))
    });
    for (later, earlier) in overlapping(items.collect(), true) {
        let (rec, other) = (&p.tjenester[later], &p.tjenester[earlier]);
        let (Some(a), Some(b)) = (service_period(rec), service_period(other)) else {
            continue;
        };
        let (nb, en) = label(rec);
        let line = other.pos.line;
        o.service_hit(
            rec,
            rec.pos_of(Field::tjFraDato),
            format!(
                "{nb} {} overlapper med samme tjeneste {} (linje {line})",
                period(a.0, a.1),
                period(b.0, b.1)
            ),
            format!(
                "{en} {} overlaps the same service {} (line {line})",
                period(a.0, a.1),
                period(b.0, b.1)
            ),
        );
    }
}

/// A granted service starting after the person died (TJE-22).
pub fn starts_after_death(_c: &Ctx, p: &Person, o: &mut Out) {
    let Some(death) = date(&p.rec, Field::peDodDato) else {
        return;
    };
    for rec in p.tjenester.iter().filter(|r| granted(r)) {
        let Some(from) = date(rec, Field::tjFraDato) else {
            continue;
        };
        if from > death {
            let (nb, en) = label(rec);
            o.service_hit(
                rec,
                rec.pos_of(Field::tjFraDato),
                format!("{nb} starter {from}, etter dødsdatoen {death}"),
                format!("{en} starts {from}, after the date of death {death}"),
            );
        }
    }
}

/// The highest weekly total of granted services with hours, over the days
/// of the year (TJE-23). A sweep over start and end events: each service
/// adds its hours on its first day in the year and removes them the day
/// after its last, an open end counting to 31.12. A single service above
/// 168 is TJE-09's and negative hours TJE-10's; neither is counted.
pub fn hours_above_168_in_total(c: &Ctx, p: &Person, o: &mut Out) {
    const LIMIT: i64 = 16_800;
    let (ys, ye) = (Date::year_start(c.year), Date::year_end(c.year));
    let active: Vec<(&Record, Date, Date, i64)> = p
        .tjenester
        .iter()
        .filter_map(|r| {
            let h = hundredths(r.text(Field::tjTimerUke)?).filter(|h| (1..=LIMIT).contains(h))?;
            let (from, til) = service_period(r)?;
            let (from, til) = (from.max(ys), til.min(ye));
            (from <= til).then_some((r, from, til, h))
        })
        .collect();
    // A hand-over (one service ends the day another starts, as EPJ systems
    // write a changed vedtak) does not add up: the ending one counts to
    // the day before.
    let active: Vec<(&Record, Date, Date, i64)> = active
        .iter()
        .enumerate()
        .filter_map(|(i, &(r, from, til, h))| {
            let handed_over = active.iter().enumerate().any(|(j, other)| {
                j != i
                    && other.1 > from
                    && service_period(other.0).is_some_and(|(start, _)| start == til)
            });
            let til = if handed_over {
                Date::from_day_number(til.day_number() - 1)?
            } else {
                til
            };
            (from <= til).then_some((r, from, til, h))
        })
        .collect();
    let mut events: Vec<(i64, i64)> = active
        .iter()
        .flat_map(|&(_, f, t, h)| [(f.day_number(), h), (t.day_number() + 1, -h)])
        .collect();
    events.sort_unstable();
    let (mut total, mut best) = (0i64, None::<(i64, i64)>);
    for (i, &(day, delta)) in events.iter().enumerate() {
        total += delta;
        let day_done = events.get(i + 1).is_none_or(|n| n.0 != day);
        if day_done && total > LIMIT && best.is_none_or(|(_, b)| total > b) {
            best = Some((day, total));
        }
    }
    // The total only rises on a start, so the peak day is some service's start.
    let Some((day, total)) = best else { return };
    let Some(on) = active.iter().map(|a| a.1).find(|f| f.day_number() == day) else {
        return;
    };
    let parts: Vec<&(&Record, Date, Date, i64)> =
        active.iter().filter(|a| a.1 <= on && on <= a.2).collect();
    let list = |sep: char| {
        parts
            .iter()
            .map(|a| {
                format!(
                    "{} {} t",
                    code_of(a.0).map_or("?".into(), |c| c.to_string()),
                    fmt_hours(a.3, sep)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    o.hit(
        p.rec.pos,
        format!(
            "{on} har personen tjenester på til sammen {} timer per uke, over 168 (tjeneste {})",
            fmt_hours(total, ','),
            list(',')
        ),
        format!(
            "On {on} the person's services add up to {} hours per week, above 168 (service {})",
            fmt_hours(total, '.'),
            list('.')
        ),
    );
}

/// Long-term stay (21) and home services (1, 2, 15) active on the same day
/// in the year (TJE-24), once per home service.
const LANGTIDSOPPHOLD: u16 = 21;
pub(crate) const HJEMMETJENESTER: [u16; 3] = [1, 2, 15];

/// TJE-24: a long-term stay and home services on the same day.
pub fn long_term_stay_with_home_services(c: &Ctx, p: &Person, o: &mut Out) {
    let (ys, ye) = (Date::year_start(c.year), Date::year_end(c.year));
    let stays: Vec<(Date, Date)> = p
        .tjenester
        .iter()
        .filter(|r| code_of(r) == Some(LANGTIDSOPPHOLD))
        .filter_map(service_period)
        .collect();
    for rec in p
        .tjenester
        .iter()
        .filter(|r| code_of(r).is_some_and(|c| HJEMMETJENESTER.contains(&c)))
    {
        let Some((from, til)) = service_period(rec) else {
            continue;
        };
        let hit = stays.iter().find_map(|&(sf, st)| {
            let overlaps = sf == from || from.max(sf) < til.min(st);
            let first = from.max(sf).max(ys);
            (overlaps && first <= til.min(st).min(ye)).then_some((sf, st, first))
        });
        if let Some((sf, st, first)) = hit {
            let (nb, en) = label(rec);
            o.service_hit(
                rec,
                rec.pos_of(Field::tjFraDato),
                format!(
                    "{nb} er aktiv samtidig med langtidsopphold (tjeneste 21) {} fra {first}",
                    period(sf, st)
                ),
                format!(
                    "{en} is active alongside a long-term stay (service 21) {} from {first}",
                    period(sf, st)
                ),
            );
        }
    }
}

/// A service starting before the person was born (TJE-29). The birth date
/// comes from a fødselsnummer or H-number; a D-number's date part may be a
/// registration date, so it falls back to `peAlder`, which only bounds the
/// birth to 01.01 of (Y − peAlder − 1) at the earliest.
pub fn start_before_birth(c: &Ctx, p: &Person, o: &mut Out) {
    // The birth date from the identity only when the pair belongs together.
    let from_fid = p
        .fid()
        .filter(|_| !c.pair_mismatch)
        .map(|f| fnr::analyse(f.trim()))
        .filter(|a| a.kind != IdKind::DNummer)
        .and_then(|a| a.birth_date);
    // The words for the limit are made only for a hit (this runs for
    // every person).
    let (limit, age) = match from_fid {
        Some(b) => (b, None),
        None => {
            let Some(age) = p
                .rec
                .text(Field::peAlder)
                .and_then(|s| s.parse::<i32>().ok())
                .filter(|a| *a >= 0)
            else {
                return;
            };
            let Some(y) = u16::try_from(i32::from(c.year) - age - 1)
                .ok()
                .filter(|y| *y > 0)
            else {
                return;
            };
            (Date::year_start(y), Some(age))
        }
    };
    let how = || match age {
        None => (
            format!("fødselsdatoen {limit} i fødselsnummeret"),
            format!("the birth date {limit} in the identity number"),
        ),
        Some(age) => {
            let y = limit.year;
            (
                format!("01.01.{y}, det tidligste personen kan være født med peAlder {age}"),
                format!("01.01.{y}, the earliest birth possible with peAlder {age}"),
            )
        }
    };
    for rec in &p.tjenester {
        let Some(from) = date(rec, Field::tjFraDato) else {
            continue;
        };
        if from < limit {
            let (nb, en) = label(rec);
            let (how_nb, how_en) = how();
            o.service_hit(
                rec,
                rec.pos_of(Field::tjFraDato),
                format!("{nb} starter {from}, før {how_nb}"),
                format!("{en} starts {from}, before {how_en}"),
            );
        }
    }
}

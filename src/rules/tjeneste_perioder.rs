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
use super::{date, Ctx, Out};
use crate::date::Date;
use crate::fnr::{self, IdKind};
use crate::model::{Field, Person, Record};

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
    let from_fid = p
        .fid()
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

//! Rules on DIAGNOSE records (DIA-01–04): the code system, the shape of
//! the code in that system, repeated diagnoses and the dates.
//!
//! Only the shape of a code is checked, not whether it exists in the
//! year's edition of ICPC-2 or ICD-10: the checker carries neither list.
//! Codes are compared as written: lower-case letters are not accepted,
//! since the registers' lists are upper case.

use super::tjeneste_perioder::{overlapping, period};
use super::{date, Check, Ctx, Out, Rule, ALL_YEARS};
use crate::date::Date;
use crate::finding::{Confidence, Severity};
use crate::model::{Field, Person, Record};

/// The DIA rules: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "DIA-01",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Ukjent kodeverk for diagnose",
        title_en: "Unknown diagnosis code system",
        why_nb: "`diKodeVersjon` skal være nøyaktig `ICPC-2` eller `ICD-10`. En annen skrivemåte (som ICD10 uten bindestrek) bryter skjemaet, og filen kan bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`diKodeVersjon` must be exactly `ICPC-2` or `ICD-10`. Any other spelling (such as ICD10 without the hyphen) breaks the schema, and the file may be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett kodeverket på diagnosen i fagsystemet, eller meld fra til leverandøren hvis det er uttrekket som skriver det feil. Lag så et nytt uttrekk.",
        fix_en: "Correct the code system on the diagnosis in the EPJ system, or tell the vendor if it is the extract that writes it wrongly. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(kodeverk_unknown),
        raised_by: &[],
    },
    Rule {
        code: "DIA-02",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Diagnosekoden har feil form",
        title_en: "Malformed diagnosis code",
        why_nb: "En ICPC-2-kode er en kapittelbokstav og to sifre (som T90); en ICD-10-kode er en bokstav og to sifre, eventuelt med punktum og ett eller to tegn til (som F03 eller E11.9). En kode med feil form kan ikke tolkes og telles ikke. Kilde: kodeverkene ICPC-2 og ICD-10 (sikkert).",
        why_en: "An ICPC-2 code is a chapter letter and two digits (such as T90); an ICD-10 code is a letter and two digits, optionally followed by a full stop and one or two more characters (such as F03 or E11.9). A malformed code cannot be read and is not counted. Source: the ICPC-2 and ICD-10 code systems (confirmed).",
        fix_nb: "Rett diagnosekoden i fagsystemet, helst ved å velge den fra kodelisten i stedet for å skrive den inn. Lag så et nytt uttrekk.",
        fix_en: "Correct the diagnosis code in the EPJ system, preferably by picking it from the code list instead of typing it. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(code_malformed),
        raised_by: &[],
    },
    Rule {
        code: "DIA-03",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Samme diagnose to ganger i samme periode",
        title_en: "The same diagnosis twice in the same period",
        why_nb: "Når samme diagnose er registrert to ganger på en person med overlappende perioder, er det som regel en dobbeltregistrering, og tallene for diagnoser blir for høye. Kilde: IPLOS-skjemaet 2018, én post per diagnose (sikkert).",
        why_en: "When the same diagnosis is recorded twice for a person with overlapping periods, it is usually a duplicate entry, and the diagnosis figures come out too high. Source: the IPLOS schema 2018, one record per diagnosis (confirmed).",
        fix_nb: "Slett den doble registreringen i fagsystemet, eller avslutt den ene med riktig tildato. Lag så et nytt uttrekk.",
        fix_en: "Delete the duplicate entry in the EPJ system, or end one of them with the correct to date. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(same_diagnosis_overlaps),
        raised_by: &[],
    },
    Rule {
        code: "DIA-04",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Diagnosedatoene er i feil rekkefølge eller etter året",
        title_en: "Diagnosis dates out of order or after the year",
        why_nb: "`diFraDato` kan ikke være etter `diTilDato`, og en diagnose som starter etter 31. desember, hører ikke til rapporteringsåret. Diagnosen kan da ikke brukes. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`diFraDato` cannot be after `diTilDato`, and a diagnosis that starts after 31 December does not belong to the reporting year. The diagnosis cannot be used. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett fra- og tildato på diagnosen i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the from and to dates on the diagnosis in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(dates_out_of_order),
        raised_by: &[],
    },
];

const ICPC2: &str = "ICPC-2";
const ICD10: &str = "ICD-10";

/// The chapter letters of ICPC-2.
const ICPC2_CHAPTERS: &str = "ABDFHKLNPRSTUWXYZ";

/// The schema's `maxLength` of `diDiagKode`.
const MAX_LEN: usize = 10;

/// An ICPC-2 code: a chapter letter and two digits (P70).
fn icpc2_ok(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3
        && ICPC2_CHAPTERS.as_bytes().contains(&b[0])
        && b[1..].iter().all(u8::is_ascii_digit)
}

/// An ICD-10 code: a letter, two digits, optionally `.` and 1–2 more
/// letters or digits (F03, F00.1, M54.16).
fn icd10_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let stem =
        b.len() >= 3 && b[0].is_ascii_uppercase() && b[1].is_ascii_digit() && b[2].is_ascii_digit();
    let tail = &b[b.len().min(3)..];
    stem && (tail.is_empty()
        || (tail[0] == b'.'
            && (2..=3).contains(&tail.len())
            && tail[1..]
                .iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())))
}

fn label_of(rec: &Record) -> String {
    format!(
        "{} {}",
        rec.text(Field::diKodeVersjon).unwrap_or("?"),
        rec.text(Field::diDiagKode).unwrap_or("?")
    )
}

/// `diKodeVersjon` not ICPC-2 or ICD-10 (DIA-01): breaks the schema's
/// enumeration. A missing one is FIL-11's.
pub fn kodeverk_unknown(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.diagnoser {
        let Some(v) = rec.text(Field::diKodeVersjon) else {
            continue;
        };
        if v != ICPC2 && v != ICD10 {
            o.schema_hit(
                rec.pos_of(Field::diKodeVersjon),
                format!("diKodeVersjon «{v}» er ikke {ICPC2} eller {ICD10}"),
                format!("diKodeVersjon \"{v}\" is not {ICPC2} or {ICD10}"),
            );
        }
    }
}

/// A code that does not have its system's shape (DIA-02). A code over 10
/// characters also breaks the schema, whatever the system; with an unknown
/// system (DIA-01) the shape is not judged.
pub fn code_malformed(_c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.diagnoser {
        let Some(code) = rec.text(Field::diDiagKode) else {
            continue;
        };
        let pos = rec.pos_of(Field::diDiagKode);
        if code.chars().count() > MAX_LEN {
            o.schema_hit(
                pos,
                format!("diDiagKode «{code}» er lengre enn {MAX_LEN} tegn"),
                format!("diDiagKode \"{code}\" is longer than {MAX_LEN} characters"),
            );
            continue;
        }
        let (ok, shape_nb, shape_en) = match rec.text(Field::diKodeVersjon) {
            Some(ICPC2) => (
                icpc2_ok(code),
                "en kapittelbokstav og to siffer, som P70",
                "a chapter letter and two digits, like P70",
            ),
            Some(ICD10) => (
                icd10_ok(code),
                "en bokstav, to siffer og eventuelt punktum med 1–2 tegn, som F00.1",
                "a letter, two digits and optionally a dot with 1–2 characters, like F00.1",
            ),
            _ => continue,
        };
        if !ok {
            let v = rec.text(Field::diKodeVersjon).unwrap_or_default();
            o.hit(
                pos,
                format!("diDiagKode «{code}» er ikke en gyldig {v}-kode: ventet {shape_nb}"),
                format!("diDiagKode \"{code}\" is not a valid {v} code: expected {shape_en}"),
            );
        }
    }
}

/// The same diagnosis (system and code) twice with overlapping periods
/// (DIA-03), once per later record. Identical periods count.
pub fn same_diagnosis_overlaps(_c: &Ctx, p: &Person, o: &mut Out) {
    let items = p.diagnoser.iter().enumerate().filter_map(|(i, r)| {
        let key = (r.text(Field::diKodeVersjon)?, r.text(Field::diDiagKode)?);
        Some((
            key,
            date(r, Field::diFraDato)?,
            date(r, Field::diTilDato)?,
            i,
        ))
    });
    for (later, earlier) in overlapping(items.collect(), false) {
        let (rec, other) = (&p.diagnoser[later], &p.diagnoser[earlier]);
        let span = |r: &Record| {
            date(r, Field::diFraDato)
                .zip(date(r, Field::diTilDato))
                .map_or_else(String::new, |(f, t)| period(f, t))
        };
        let line = other.pos.line;
        let name = label_of(rec);
        o.hit(
            rec.pos_of(Field::diFraDato),
            format!(
                "Diagnosen {name} {} overlapper med samme diagnose {} (linje {line})",
                span(rec),
                span(other)
            ),
            format!(
                "Diagnosis {name} {} overlaps the same diagnosis {} (line {line})",
                span(rec),
                span(other)
            ),
        );
    }
}

/// `diFraDato` after `diTilDato` or after the year (DIA-04), once per
/// record with every reason that applies.
pub fn dates_out_of_order(c: &Ctx, p: &Person, o: &mut Out) {
    let end = Date::year_end(c.year);
    for rec in &p.diagnoser {
        let Some(fra) = date(rec, Field::diFraDato) else {
            continue;
        };
        let mut nb = Vec::new();
        let mut en = Vec::new();
        if fra > end {
            nb.push(format!("etter rapporteringsåret {}", c.year));
            en.push(format!("after the reporting year {}", c.year));
        }
        if let Some(t) = date(rec, Field::diTilDato).filter(|t| fra > *t) {
            nb.push(format!("etter diTilDato {t}"));
            en.push(format!("after diTilDato {t}"));
        }
        if !nb.is_empty() {
            let name = label_of(rec);
            o.hit(
                rec.pos_of(Field::diFraDato),
                format!("Diagnosen {name}: diFraDato {fra} er {}", nb.join(" og ")),
                format!("Diagnosis {name}: diFraDato {fra} is {}", en.join(" and ")),
            );
        }
    }
}

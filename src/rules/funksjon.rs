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
use super::{date, Check, Ctx, Out, Rule, ALL_YEARS};
use crate::codes::{self, Funksjonsvariabel};
use crate::date::Date;
use crate::finding::{Confidence, Severity};
use crate::model::{Field, Person, Record};

/// The FUN rules: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "FUN-01",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Ugyldig skår på funksjonsvariabel",
        title_en: "Invalid score on a function variable",
        why_nb: "Hver funksjonsvariabel skåres 1–5, eller 9 når den ikke er relevant. En annen verdi i `fnFunkVerdi` bryter skjemaet, og filen kan bli avvist. Kilde: IPLOS-skjemaet 2018 og Helsedirektoratets veiledning om skåring (sikkert).",
        why_en: "Each function variable is scored 1–5, or 9 when it is not relevant. Any other value in `fnFunkVerdi` breaks the schema, and the file may be rejected. Source: the IPLOS schema 2018 and Helsedirektoratet's guidance on scoring (confirmed).",
        fix_nb: "Åpne funksjonsvurderingen (IPLOS-kartleggingen) for personen i fagsystemet og sett en gyldig skår, 1–5 eller 9. Lag så et nytt uttrekk.",
        fix_en: "Open the function assessment (the IPLOS assessment) for the person in the EPJ system and set a valid score, 1–5 or 9. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(score_invalid),
        raised_by: &[],
    },
    Rule {
        code: "FUN-02",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Ukjent funksjonsvariabel",
        title_en: "Unknown function variable",
        why_nb: "`fnFunkType` skal være en av funksjonsvariablene 1–20 i kodeverk 9111 (for eksempel 7 personlig hygiene eller 15 hukommelse). En annen kode kan ikke tolkes, og vurderingen telles ikke. Kilde: kodeverk 9111 i Volven/FinnKode (sikkert).",
        why_en: "`fnFunkType` must be one of the function variables 1–20 in code list 9111 (for example 7 personal hygiene or 15 memory). Any other code cannot be read, and the assessment is not counted. Source: code list 9111 in Volven/FinnKode (confirmed).",
        fix_nb: "Dette skyldes som regel oppsettet av funksjonsvariabler i fagsystemet. Meld fra til EPJ-administrator eller leverandøren, og lag et nytt uttrekk når det er rettet.",
        fix_en: "This is usually caused by how the function variables are set up in the EPJ system. Tell the EPJ administrator or the vendor, and make a new extract once it is fixed.",
        confidence: Confidence::Confirmed,
        check: Check::Person(variable_unknown),
        raised_by: &[],
    },
    Rule {
        code: "FUN-03",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Funksjonsvurdering mangler fra- eller tildato",
        title_en: "Function assessment missing its from or to date",
        why_nb: "Skjemaet krever både `fnFraDato` og `fnTilDato` på hver vurderte variabel. Uten dem vet ikke mottakeren når vurderingen gjaldt, og filen validerer ikke. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The schema requires both `fnFraDato` and `fnTilDato` on every assessed variable. Without them the receiver cannot tell when the assessment applied, and the file fails validation. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Registrer datoen for funksjonsvurderingen i fagsystemet. Mangler tildatoen på en vurdering som fortsatt gjelder, er det en feil i uttrekket: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Record the date of the function assessment in the EPJ system. If the to date is missing on an assessment that still applies, the extract is at fault: tell the vendor and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(dates_missing),
        raised_by: &[],
    },
    Rule {
        code: "FUN-04",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Funksjonsvurdering med fradato etter året eller etter tildato",
        title_en: "Function assessment dated after the year or after its to date",
        why_nb: "En vurdering som starter etter 31. desember, hører ikke til rapporteringsåret, og en fradato etter tildatoen er umulig. Vurderingen kan da ikke brukes. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "An assessment that starts after 31 December does not belong to the reporting year, and a from date after the to date is impossible. The assessment cannot be used. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett datoene på funksjonsvurderingen i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the dates on the function assessment in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(dates_out_of_order),
        raised_by: &[],
    },
    Rule {
        code: "FUN-05",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Funksjonsvurderingen mangler variabler",
        title_en: "The function assessment lacks variables",
        why_nb: "En fullstendig vurdering har alle funksjonsvariablene som gjelder for året: 1–17, 18 fra 2018 og 19–20 fra 2019. Variabler som mangler, telles som uoppgitt og kan gi feil samlet bistandsbehov. Kilde: kodeverk 9111 og Helsedirektoratet, som oppgir 20 variabler (sikkert); at 19 og 20 gjelder fra 2019, er antatt.",
        why_en: "A complete assessment has all the function variables in use for the year: 1–17, 18 from 2018 and 19–20 from 2019. Missing variables count as not stated and can give a wrong overall need for assistance. Source: code list 9111 and Helsedirektoratet, which states 20 variables (confirmed); that 19 and 20 apply from 2019 is inferred.",
        fix_nb: "Fullfør funksjonsvurderingen for personen i fagsystemet ved å skåre variablene som er listet opp, og bruk 9 der en variabel ikke er relevant. Lag så et nytt uttrekk.",
        fix_en: "Complete the function assessment for the person in the EPJ system by scoring the variables listed, using 9 where a variable is not relevant. Then make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(variables_missing),
        raised_by: &[],
    },
    Rule {
        code: "FUN-06",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Samme funksjonsvariabel to ganger i samme periode",
        title_en: "The same function variable twice in the same period",
        why_nb: "En variabel kan bare ha én skår om gangen. To overlappende vurderinger av samme variabel gjør at mottakeren ikke vet hvilken som gjelder. Kilde: IPLOS-skjemaet 2018, én post per variabel (sikkert).",
        why_en: "A variable can have only one score at a time. Two overlapping assessments of the same variable leave the receiver unable to tell which one applies. Source: the IPLOS schema 2018, one record per variable (confirmed).",
        fix_nb: "Avslutt den gamle vurderingen med tildato dagen før den nye starter, eller slett den doble registreringen i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "End the old assessment with a to date the day before the new one starts, or delete the duplicate entry in the EPJ system. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(same_variable_overlaps),
        raised_by: &[],
    },
    Rule {
        code: "FUN-07",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Innvilget tjeneste uten funksjonsvurdering",
        title_en: "Granted service without a function assessment",
        why_nb: "Funksjon og bistandsbehov skal alltid vurderes når det fattes et nytt vedtak. Uten vurdering mangler personen i tallene for bistandsbehov. Kilde: Helsedirektoratets rapport om kommunale helse- og omsorgstjenester 2022 (sikkert).",
        why_en: "Function and need for assistance must always be assessed when a new decision is made. Without an assessment the person is missing from the figures on need for assistance. Source: Helsedirektoratet's report on municipal health and care services 2022 (confirmed).",
        fix_nb: "Gjør en funksjonsvurdering (IPLOS-kartlegging) av personen og registrer den i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Carry out a function assessment (IPLOS assessment) of the person and record it in the EPJ system. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(decision_without_assessment),
        raised_by: &[],
    },
    Rule {
        code: "FUN-08",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Funksjonsvariabel brukt før den ble innført",
        title_en: "Function variable used before it was introduced",
        why_nb: "Variabel 18 (ivareta egen økonomi) kom i 2018, og 19 (initiativevne) og 20 (opplevelse av trygghet) i 2019. Brukt i et tidligere år kan vurderingen bli feiltolket eller ikke telt. Kilde: kodeverk 9111 (sikkert); at 19 og 20 gjelder fra 2019, er antatt.",
        why_en: "Variable 18 (managing own finances) came in 2018, and 19 (initiative) and 20 (feeling of safety) in 2019. Used in an earlier year, the assessment may be misread or not counted. Source: code list 9111 (confirmed); that 19 and 20 apply from 2019 is inferred.",
        fix_nb: "Sjekk først at rapporteringsåret er riktig. Er det det, fjern vurderingen av variabelen for dette året i fagsystemet eller meld fra til leverandøren, og lag et nytt uttrekk.",
        fix_en: "First check that the reporting year is right. If it is, remove the assessment of that variable for this year in the EPJ system or tell the vendor, and make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(variable_before_its_year),
        raised_by: &[],
    },
];

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
/// are required by the schema. A CSV without the column has FIL-20 instead.
pub fn dates_missing(c: &Ctx, p: &Person, o: &mut Out) {
    for rec in &p.funksjoner {
        let missing: Vec<&str> = [Field::fnFraDato, Field::fnTilDato]
            .into_iter()
            .filter(|f| rec.text(*f).is_none() && !c.column_absent(*f))
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

//! PER rules on the rest of the person: municipality and district,
//! household, dates of registration and death, sex and age, services, and
//! the doctor's and dentist's assessments.

use super::{date, Check, Ctx, Out, Rule, ALL_YEARS};
use crate::codes::{self, BydelStatus, KommuneStatus};
use crate::date::Date;
use crate::finding::{Confidence, Severity};
use crate::model::{Field, Person};

/// The PER rules on the rest of the person: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "PER-10",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Bostedskommunen mangler eller er ugyldig for året",
        title_en: "Home municipality missing or invalid for the year",
        why_nb: "`peKomnr` skal være et kommunenummer som gjaldt i rapporteringsåret. Et nummer som ikke fantes det året, for eksempel et gammelt nummer etter en sammenslåing, gjør at personen ikke telles på riktig kommune. Kilde: Helsedirektoratets krav til rapportering og SSBs kommuneliste (sikkert).",
        why_en: "`peKomnr` must be a municipality number valid in the reporting year. A number that did not exist that year, for example an old number after a merger, means the person is not counted in the right municipality. Source: Helsedirektoratet's reporting requirements and SSB's list of municipalities (confirmed).",
        fix_nb: "Rett bostedskommunen på personen i fagsystemet; er nummeret utgått ved en sammenslåing, bruk det nye nummeret som meldingen viser. Lag så et nytt uttrekk.",
        fix_en: "Correct the home municipality on the person in the EPJ system; if the number was retired by a merger, use the new number shown in the message. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(kommune_invalid),
        raised_by: &[],
    },
    Rule {
        code: "PER-11",
        severity: Severity::Info,
        years: ALL_YEARS,
        title_nb: "Bostedskommunen er en annen enn rapporterende kommune",
        title_en: "Home municipality differs from the reporting municipality",
        why_nb: "Det kan være helt riktig, for eksempel for personer som får tjenester under ferie eller et midlertidig opphold i kommunen. Kilde: Helsedirektoratets regler for hvem som skal rapporteres (sikkert).",
        why_en: "This can be quite right, for example for persons who receive services during a holiday or a temporary stay in the municipality. Source: Helsedirektoratet's rules on whom to report (confirmed).",
        fix_nb: "Ingen handling er nødvendig hvis det stemmer. Er bostedskommunen feil, rett den på personen i fagsystemet og lag et nytt uttrekk.",
        fix_en: "No action is needed if it is correct. If the home municipality is wrong, correct it on the person in the EPJ system and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(kommune_differs_from_sender),
        raised_by: &[],
    },
    Rule {
        code: "PER-12",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Bydel mangler for en by med bydeler",
        title_en: "District missing for a city with districts",
        why_nb: "Oslo, Bergen, Stavanger og Trondheim skal oppgi bydel (`peBydelsnr`) for hver person, og tomt felt eller 00 (ingen bydel) er ikke nok. Uten bydel kan tallene ikke fordeles på bydelene. Kilde: Helsedirektoratets krav til rapportering og IPLOS-skjemaet 2018 (sikkert).",
        why_en: "Oslo, Bergen, Stavanger and Trondheim must give the district (`peBydelsnr`) for every person, and an empty field or 00 (no district) is not enough. Without a district the figures cannot be split by district. Source: Helsedirektoratet's reporting requirements and the IPLOS schema 2018 (confirmed).",
        fix_nb: "Registrer bydelen på personen i fagsystemet ut fra adressen i folkeregisteret, og lag et nytt uttrekk.",
        fix_en: "Record the district on the person in the EPJ system from the address in the population register, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(bydel_missing_for_city),
        raised_by: &[],
    },
    Rule {
        code: "PER-13",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Ukjent bydel for kommunen",
        title_en: "Unknown district for the municipality",
        why_nb: "Bydelsnummeret finnes ikke blant byens bydeler i rapporteringsåret, så personen kan ikke telles på riktig bydel. Kilde: kodeverk 3403 for bydeler i Volven/FinnKode (sikkert).",
        why_en: "The district number is not among the city's districts in the reporting year, so the person cannot be counted in the right district. Source: code list 3403 for districts in Volven/FinnKode (confirmed).",
        fix_nb: "Rett bydelen på personen i fagsystemet til en gyldig bydel, og lag et nytt uttrekk. Har mange personer samme feil, be EPJ-administrator kontrollere oppsettet av bydelskoder.",
        fix_en: "Correct the district on the person in the EPJ system to a valid one, and make a new extract. If many persons have the same error, ask the EPJ administrator to check how the district codes are set up.",
        confidence: Confidence::Confirmed,
        check: Check::Person(bydel_not_in_city),
        raised_by: &[],
    },
    Rule {
        code: "PER-14",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Husstand er ikke oppgitt",
        title_en: "Household not reported",
        why_nb: "Husstand (bor alene, bor sammen med andre, bor sammen med foreldre) skal alltid rapporteres. Uten den blir personen uoppgitt i statistikken over hjemmeboende. Kilde: forskrift om kommunalt pasient- og brukerregister § 2-1 og SSBs statistikk etter husstand (sikkert).",
        why_en: "Household (lives alone, lives with others, lives with parents) must always be reported. Without it the person is recorded as not stated in the statistics on people living at home. Source: the KPR regulation § 2-1 and SSB's statistics by household (confirmed).",
        fix_nb: "Registrer husstand i IPLOS-opplysningene om personen i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Record the household in the person's IPLOS details in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(husstand_missing),
        raised_by: &[],
    },
    Rule {
        code: "PER-15",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Ugyldig verdi for husstand",
        title_en: "Invalid household value",
        why_nb: "`poHusstand` kan bare være 1 (bor alene), 2 (bor sammen med andre) eller 3 (bor sammen med foreldre). En annen verdi bryter skjemaet, og filen kan bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`poHusstand` can only be 1 (lives alone), 2 (lives with others) or 3 (lives with parents). Any other value breaks the schema, and the file may be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Velg riktig husstand for personen i fagsystemet, og lag et nytt uttrekk. Lager fagsystemet selv den ugyldige verdien, meld fra til leverandøren.",
        fix_en: "Choose the right household for the person in the EPJ system, and make a new extract. If the EPJ system itself writes the invalid value, tell the vendor.",
        confidence: Confidence::Confirmed,
        check: Check::Person(husstand_invalid),
        raised_by: &[],
    },
    Rule {
        code: "PER-16",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Dødsdato etter rapporteringsåret",
        title_en: "Date of death after the reporting year",
        why_nb: "Filen gjelder bare rapporteringsåret, og en dødsdato etter 31. desember er enten feilskrevet eller hører til neste års rapportering. Mottakeren kan da behandle personen feil. Kilde: rapporteringsperioden i IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The file covers only the reporting year, and a date of death after 31 December is either mistyped or belongs to next year's report. The receiver may then treat the person wrongly. Source: the reporting period in the IPLOS schema 2018 (confirmed).",
        fix_nb: "Sjekk dødsdatoen mot folkeregisteret og rett den i fagsystemet. Er datoen riktig, skal den ikke være med i årets uttrekk: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Check the date of death against the population register and correct it in the EPJ system. If the date is right, it should not be in this year's extract: tell the vendor and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(death_after_year),
        raised_by: &[],
    },
    Rule {
        code: "PER-17",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Personen døde før rapporteringsåret",
        title_en: "The person died before the reporting year",
        why_nb: "Mottakeren fjerner alle poster for personer som døde før året startet, så det som er registrert på personen, telles ikke. Ofte er en tjeneste ikke avsluttet ved dødsfallet. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "The receiver removes all records of persons who died before the year began, so what is recorded on the person is not counted. Often a service was not ended at the death. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Avslutt tjenestene med sluttdato senest på dødsdatoen i fagsystemet, eller rett dødsdatoen hvis den er feil. Lag så et nytt uttrekk.",
        fix_en: "End the services with an end date no later than the date of death in the EPJ system, or correct the date of death if it is wrong. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(died_before_year),
        raised_by: &[],
    },
    Rule {
        code: "PER-18",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Personen har ingen tjenester eller opphold",
        title_en: "The person has no services or stays",
        why_nb: "Filen skal gi opplysninger om personer som har søkt om eller fått tjenester. En person uten `TJENESTE` og uten `DOGNTILBUD` bidrar ikke til tallene og tyder ofte på at tjenester har falt ut av uttrekket. Kilde: Helsedirektoratets beskrivelse av hva som rapporteres til KPR (sikkert).",
        why_en: "The file is to describe persons who have applied for or received services. A person with no `TJENESTE` and no `DOGNTILBUD` adds nothing to the figures and often means services have dropped out of the extract. Source: Helsedirektoratet's description of what is reported to KPR (confirmed).",
        fix_nb: "Kontroller i fagsystemet om personen skulle hatt en tjeneste eller et avslag i året, og registrer det som mangler. Er personen ikke lenger bruker, avslutt IPLOS-registreringen, og lag et nytt uttrekk.",
        fix_en: "Check in the EPJ system whether the person should have had a service or a refusal during the year, and record what is missing. If the person is no longer a user, close the IPLOS registration, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(no_services),
        raised_by: &[],
    },
    Rule {
        code: "PER-19",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Ugyldig kjønn eller negativ alder",
        title_en: "Invalid sex or negative age",
        why_nb: "`peKjonn` kan bare være M eller K; en annen verdi bryter skjemaet, og filen kan bli avvist. En negativ `peAlder` er umulig og gir feil aldersgruppe. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`peKjonn` can only be M or K; any other value breaks the schema, and the file may be rejected. A negative `peAlder` is impossible and gives the wrong age group. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett kjønn eller fødselsdato på personen i fagsystemet (begge hentes normalt fra folkeregisteret), og lag et nytt uttrekk.",
        fix_en: "Correct the sex or date of birth on the person in the EPJ system (both normally come from the population register), and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(sex_or_age_invalid),
        raised_by: &[],
    },
    Rule {
        code: "PER-20",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Alder over 120 år",
        title_en: "Age above 120",
        why_nb: "En alder over 120 år er nesten alltid en feil i fødselsdatoen, for eksempel feil århundre, og personen havner i feil aldersgruppe. Kilde: Helsedirektoratets statistikk etter aldersgruppe (sikkert); grensen på 120 år er vår egen.",
        why_en: "An age above 120 is almost always an error in the date of birth, for example the wrong century, and puts the person in the wrong age group. Source: Helsedirektoratet's statistics by age group (confirmed); the limit of 120 years is our own.",
        fix_nb: "Sjekk fødselsdato og fødselsnummer mot folkeregisteret, rett dem i fagsystemet og lag et nytt uttrekk.",
        fix_en: "Check the date of birth and identity number against the population register, correct them in the EPJ system and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(age_above_120),
        raised_by: &[],
    },
    Rule {
        code: "PER-21",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Personopplysningene er ulike på radene for samme person",
        title_en: "Person fields differ between rows of the same person",
        why_nb: "I en CSV-fil gjentas personens felt (kommune, kjønn, alder og så videre) på hver rad. Er de ulike, vet vi ikke hvilken verdi som er riktig, og personen kan bli telt feil. Kilde: CSV-formatet som IPLOS-sjekk leser (sikkert).",
        why_en: "In a CSV file the person's fields (municipality, sex, age and so on) repeat on every row. If they differ, we cannot tell which value is right, and the person may be counted wrongly. Source: the CSV format IPLOS-sjekk reads (confirmed).",
        fix_nb: "Rett personopplysningene i fagsystemet slik at de er like, og lag et nytt uttrekk. Er CSV-filen satt sammen for hånd, kontroller at radene med samme `pePeID` eller fødselsnummer virkelig gjelder samme person.",
        fix_en: "Correct the person details in the EPJ system so they agree, and make a new extract. If the CSV file was put together by hand, check that rows with the same `pePeID` or identity number really are the same person.",
        confidence: Confidence::Confirmed,
        check: Check::Reader,
        raised_by: &["csv_reader"],
    },
    Rule {
        code: "PER-22",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Lege- eller tannhelsevurdering etter rapporteringsåret",
        title_en: "Doctor or dental assessment after the reporting year",
        why_nb: "`poVurdLege` og `poVurdTann` (år og måned) sier når personen sist ble vurdert av lege eller tannhelsepersonell. En måned etter desember i rapporteringsåret ligger utenfor perioden og kan ikke brukes. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`poVurdLege` and `poVurdTann` (year and month) say when the person was last assessed by a doctor or dental staff. A month after December of the reporting year lies outside the period and cannot be used. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett datoen for siste lege- eller tannhelsevurdering i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the date of the last doctor or dental assessment in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(assessment_after_year),
        raised_by: &[],
    },
    Rule {
        code: "PER-24",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Uvanlig bydelsverdi (99 uoppgitt, eller ikke 00)",
        title_en: "Unusual district value (99 not stated, or not 00)",
        why_nb: "99 betyr uoppgitt bydel, og personen telles da ikke på noen bydel. Kommuner uten bydeler må likevel fylle feltet med to tegn, og 00 er den vanlige verdien. Kilde: kodeverk 3403 og IPLOS-skjemaet 2018 (sikkert); at 00 er riktig fyllverdi, er antatt.",
        why_en: "99 means district not stated, and the person is then counted in no district. Municipalities without districts must still fill the field with two characters, and 00 is the usual value. Source: code list 3403 and the IPLOS schema 2018 (confirmed); that 00 is the right filler is inferred.",
        fix_nb: "I byene: registrer riktig bydel på personen i fagsystemet. I andre kommuner: be EPJ-administrator eller leverandøren sette bydel til 00 i uttrekket. Lag så et nytt uttrekk.",
        fix_en: "In the cities: record the right district on the person in the EPJ system. In other municipalities: ask the EPJ administrator or the vendor to set the district to 00 in the extract. Then make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(bydel_unusual),
        raised_by: &[],
    },
    Rule {
        code: "PER-27",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Personens startdato er etter året, eller endringsdato mangler",
        title_en: "Person start date after the year, or change date missing",
        why_nb: "`peFraDato` etter 31. desember betyr at personen ikke hører til rapporteringsåret. `peEndrDato` er påkrevd i skjemaet, så en person uten den gjør at filen ikke validerer og kan bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`peFraDato` after 31 December means the person does not belong to the reporting year. `peEndrDato` is required by the schema, so a person without it makes the file fail validation, and it may be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett datoen for når personen ble registrert i IPLOS i fagsystemet. Mangler endringsdatoen, er det en feil i uttrekket: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Correct the date the person was registered in IPLOS in the EPJ system. If the change date is missing, the extract is at fault: tell the vendor and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(person_dates_wrong),
        raised_by: &[],
    },
];

/// PER-10: `peKomnr` missing or not a municipality in year Y.
pub fn kommune_invalid(c: &Ctx, p: &Person, o: &mut Out) {
    let pos = p.rec.pos_of(Field::peKomnr);
    let Some(nr) = p.rec.text(Field::peKomnr) else {
        if c.column_absent(Field::peKomnr) {
            return;
        }
        let h = o.hit(
            p.rec.pos,
            "Personen mangler kommunenummer (peKomnr).".into(),
            "The person lacks a municipality number (peKomnr).".into(),
        );
        h.schema = !c.csv;
        return;
    };
    let y = c.year;
    let (nb, en) = match codes::kommune(nr, y) {
        KommuneStatus::Valid { .. } => return,
        KommuneStatus::Retired { name, last_year, successor: Some((s, sname)) } => (
            format!("Kommunenummer {nr} ({name}) gjaldt til og med {last_year}; i {y} er det {s} ({sname})."),
            format!("Municipality number {nr} ({name}) was valid until {last_year}; in {y} it is {s} ({sname})."),
        ),
        KommuneStatus::Retired { name, last_year, successor: None } => (
            format!("Kommunenummer {nr} ({name}) gjaldt bare til og med {last_year}; bruk nummeret kommunen har i {y}."),
            format!("Municipality number {nr} ({name}) was valid only until {last_year}; use the municipality's number in {y}."),
        ),
        KommuneStatus::NotYet { name, first_year } => (
            format!("Kommunenummer {nr} ({name}) gjelder først fra {first_year}, ikke i {y}."),
            format!("Municipality number {nr} ({name}) applies only from {first_year}, not in {y}."),
        ),
        KommuneStatus::Unknown => (
            format!("«{nr}» er ikke et kommunenummer i {y}."),
            format!("«{nr}» is not a municipality number in {y}."),
        ),
    };
    let (nb, en) = if codes::kommuneliste_antatt(y) {
        (
            format!("{nb} (Kommunelisten for {y} er antatt uendret fra {}: ingen kilde bekrefter den ennå.)", codes::KOMMUNER_CONFIRMED_UNTIL),
            format!("{en} (The municipality list for {y} is assumed unchanged from {}: no source confirms it yet.)", codes::KOMMUNER_CONFIRMED_UNTIL),
        )
    } else {
        (nb, en)
    };
    let h = o.hit(pos, nb, en);
    h.schema = !c.csv && nr.chars().count() != 4;
}

/// PER-11: the person's municipality differs from the sender.
pub fn kommune_differs_from_sender(c: &Ctx, p: &Person, o: &mut Out) {
    let (Some(nr), Some(sender)) = (p.rec.text(Field::peKomnr), c.kommune.as_deref()) else {
        return;
    };
    if nr != sender && matches!(codes::kommune(nr, c.year), KommuneStatus::Valid { .. }) {
        o.hit(
            p.rec.pos_of(Field::peKomnr),
            format!("Personen er registrert i kommune {nr}, mens filen sendes fra {sender} (kan være riktig, for eksempel ved ferieopphold)."),
            format!("The person is registered in municipality {nr}, while the file is sent by {sender} (may be right, e.g. for holiday stays)."),
        );
    }
}

fn bydel_ctx<'p>(c: &Ctx, p: &'p Person) -> Option<(&'p str, Option<&'p str>)> {
    let nr = p.rec.text(Field::peKomnr)?;
    matches!(codes::kommune(nr, c.year), KommuneStatus::Valid { .. })
        .then(|| (nr, p.rec.text(Field::peBydelsnr)))
}

/// PER-12: district missing or `00` for a city with districts.
pub fn bydel_missing_for_city(c: &Ctx, p: &Person, o: &mut Out) {
    let Some((nr, bydel)) = bydel_ctx(c, p) else {
        return;
    };
    if !codes::has_bydeler(nr, c.year) {
        return;
    }
    // A CSV without the column has FIL-20 instead.
    if (bydel.is_none() && !c.column_absent(Field::peBydelsnr)) || bydel == Some("00") {
        let name = codes::kommune_name(nr).unwrap_or("");
        let h = o.hit(
            p.rec.pos_of(Field::peBydelsnr),
            format!("{name} ({nr}) har bydeler, men personen mangler bydelsnummer (peBydelsnr)."),
            format!("{name} ({nr}) has city districts, but the person lacks a district number (peBydelsnr)."),
        );
        h.schema = bydel.is_none() && !c.csv;
    }
}

/// PER-13: district not one of that city's in year Y (or not two characters).
pub fn bydel_not_in_city(c: &Ctx, p: &Person, o: &mut Out) {
    let Some(b) = p.rec.text(Field::peBydelsnr) else {
        return;
    };
    if b.chars().count() != 2 {
        let h = o.hit(
            p.rec.pos_of(Field::peBydelsnr),
            format!("Bydelsnummer «{b}» skal ha to tegn."),
            format!("District number «{b}» must have two characters."),
        );
        h.schema = !c.csv;
        return;
    }
    let Some((nr, _)) = bydel_ctx(c, p) else {
        return;
    };
    if b != "00" && codes::bydel(nr, b, c.year) == BydelStatus::NotADistrict {
        let name = codes::kommune_name(nr).unwrap_or("");
        o.hit(
            p.rec.pos_of(Field::peBydelsnr),
            format!("Bydel {b} finnes ikke i {name} ({nr}) i {}.", c.year),
            format!(
                "District {b} does not exist in {name} ({nr}) in {}.",
                c.year
            ),
        );
    }
}

/// PER-24: `99` (uoppgitt) for a city, or not `00` without districts.
pub fn bydel_unusual(c: &Ctx, p: &Person, o: &mut Out) {
    let Some((nr, Some(b))) = bydel_ctx(c, p) else {
        return;
    };
    let (nb, en) = match codes::bydel(nr, b, c.year) {
        BydelStatus::Uoppgitt => (
            "Bydel 99 (uoppgitt): finn personens bydel hvis mulig.".to_string(),
            "District 99 (unknown): find the person's district if possible.".to_string(),
        ),
        BydelStatus::NoDistricts if b != "00" => (
            format!("Kommune {nr} har ikke bydeler, men bydelsnummer er «{b}» (ventet 00)."),
            format!("Municipality {nr} has no districts, but the district number is «{b}» (expected 00)."),
        ),
        _ => return,
    };
    o.hit(p.rec.pos_of(Field::peBydelsnr), nb, en);
}

/// PER-14: no `poHusstand` in any PERSONOPPL (a CSV without the column
/// has FIL-20 instead).
pub fn husstand_missing(c: &Ctx, p: &Person, o: &mut Out) {
    if !c.column_absent(Field::poHusstand)
        && !p.oppl.iter().any(|r| r.get(Field::poHusstand).is_some())
    {
        o.hit(
            p.rec.pos,
            "Husstand (poHusstand) mangler: den skal alltid rapporteres.".into(),
            "Household (poHusstand) is missing: it must always be reported.".into(),
        );
    }
}

/// PER-15: `poHusstand` not 1, 2 or 3.
pub fn husstand_invalid(c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.oppl {
        if let Some(v) = r.get(Field::poHusstand) {
            if !["1", "2", "3"].contains(&v.raw.as_str()) {
                let h = o.hit(
                    v.pos,
                    format!("Husstand «{}» er ugyldig: bruk 1 (bor alene), 2 (bor sammen med andre) eller 3 (bor sammen med foreldre).", v.raw),
                    format!("Household «{}» is invalid: use 1 (lives alone), 2 (lives with others) or 3 (lives with parents).", v.raw),
                );
                h.schema = !c.csv;
            }
        }
    }
}

/// PER-16: died after the year.
pub fn death_after_year(c: &Ctx, p: &Person, o: &mut Out) {
    if let Some(d) = date(&p.rec, Field::peDodDato).filter(|d| *d > Date::year_end(c.year)) {
        o.hit(
            p.rec.pos_of(Field::peDodDato),
            format!("Dødsdato {d} er etter rapporteringsåret {}.", c.year),
            format!("Date of death {d} is after the reporting year {}.", c.year),
        );
    }
}

/// PER-17: died before the year, yet in the file.
pub fn died_before_year(c: &Ctx, p: &Person, o: &mut Out) {
    if let Some(d) = date(&p.rec, Field::peDodDato).filter(|d| *d < Date::year_start(c.year)) {
        o.hit(
            p.rec.pos_of(Field::peDodDato),
            format!("Personen døde {d}, før rapporteringsåret {}: mottakeren forkaster postene.", c.year),
            format!("The person died {d}, before the reporting year {}: the receiver drops the records.", c.year),
        );
    }
}

/// PER-18: no service and no stay at all.
pub fn no_services(_c: &Ctx, p: &Person, o: &mut Out) {
    if p.tjenester.is_empty() && p.dogntilbud.is_empty() {
        o.hit(
            p.rec.pos,
            "Personen har ingen tjenester (TJENESTE) og ingen døgnopphold (DOGNTILBUD): hvorfor er personen med i filen?".into(),
            "The person has no services (TJENESTE) and no stays (DOGNTILBUD): why is the person in the file?".into(),
        );
    }
}

/// PER-19: `peKjonn` not M or K, or `peAlder` negative.
pub fn sex_or_age_invalid(c: &Ctx, p: &Person, o: &mut Out) {
    match p.rec.get(Field::peKjonn) {
        Some(v) if v.raw == "M" || v.raw == "K" => {}
        Some(v) => {
            let h = o.hit(
                v.pos,
                format!("Kjønn «{}» er ugyldig: bruk M eller K.", v.raw),
                format!("Sex «{}» is invalid: use M or K.", v.raw),
            );
            h.schema = !c.csv;
        }
        None if c.column_absent(Field::peKjonn) => {}
        None => {
            let h = o.hit(
                p.rec.pos,
                "Kjønn (peKjonn) mangler.".into(),
                "Sex (peKjonn) is missing.".into(),
            );
            h.schema = !c.csv;
        }
    }
    if let Some(a) = p
        .rec
        .text(Field::peAlder)
        .and_then(|v| v.parse::<i32>().ok())
        .filter(|a| *a < 0)
    {
        o.hit(
            p.rec.pos_of(Field::peAlder),
            format!("Alder {a} er negativ."),
            format!("Age {a} is negative."),
        );
    }
}

/// PER-20: age above 120.
pub fn age_above_120(_c: &Ctx, p: &Person, o: &mut Out) {
    if let Some(a) = p
        .rec
        .text(Field::peAlder)
        .and_then(|v| v.parse::<i32>().ok())
        .filter(|a| *a > 120)
    {
        o.hit(
            p.rec.pos_of(Field::peAlder),
            format!("Alder {a} er over 120 år: sjekk fødselsdatoen."),
            format!("Age {a} is above 120: check the date of birth."),
        );
    }
}

/// PER-22: a doctor's or dental assessment month after the year.
pub fn assessment_after_year(c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.oppl {
        for f in [Field::poVurdLege, Field::poVurdTann] {
            let Some(v) = r.get(f) else { continue };
            let year = v.raw.get(0..4).and_then(|y| y.parse::<u16>().ok());
            if v.raw.len() == 6 && year.is_some_and(|y| y > c.year) {
                o.hit(
                    v.pos,
                    format!(
                        "{} er {}, etter rapporteringsåret {}.",
                        f.name(),
                        v.raw,
                        c.year
                    ),
                    format!(
                        "{} is {}, after the reporting year {}.",
                        f.name(),
                        v.raw,
                        c.year
                    ),
                );
            }
        }
    }
}

/// PER-27: registered after the year, or `peEndrDato` missing.
pub fn person_dates_wrong(c: &Ctx, p: &Person, o: &mut Out) {
    if let Some(d) = date(&p.rec, Field::peFraDato).filter(|d| *d > Date::year_end(c.year)) {
        o.hit(
            p.rec.pos_of(Field::peFraDato),
            format!("peFraDato {d} er etter rapporteringsåret {}.", c.year),
            format!("peFraDato {d} is after the reporting year {}.", c.year),
        );
    }
    if p.rec.get(Field::peEndrDato).is_none() && !c.csv {
        o.schema_hit(
            p.rec.pos,
            "Endringsdato (peEndrDato) mangler; skjemaet krever den.".into(),
            "Change date (peEndrDato) is missing; the schema requires it.".into(),
        );
    }
}

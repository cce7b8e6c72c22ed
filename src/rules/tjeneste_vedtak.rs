//! Service rules on what a decision (vedtak) says beyond the basic code
//! and date checks of [`super::tjeneste`]: extent in hours,
//! `tjRullerende`, the executing unit's org.nr, decision, application and
//! appeal dates, refusals, and the housing codes replaced in 2019
//! (TJE-11–17, 20, 21, 26–28), one TJENESTE record at a time. What each
//! code is (hour-based, org.nr rule, valid years) comes from
//! [`crate::codes`], never from the rule bodies.

use super::tjeneste::{code_of, granted, hundredths, kode, label};
use super::{date, Check, Ctx, Out, Rule, ALL_YEARS, FROM_2019};
use crate::codes::{self, Gruppe, OrgnrRule};
use crate::date::Date;
use crate::finding::{Confidence, Severity};
use crate::fnr;
use crate::model::{Field, Person};

/// The TJE rules on what the decision says: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "TJE-11",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Timetjeneste uten timer per uke",
        title_en: "Hour-based service without hours per week",
        why_nb: "For tjenestene 1, 2, 3, 4, 7, 9, 11, 15, 17 og 22 summeres de tildelte timene per uke. Mangler omfanget, eller er det 0, blir tildelte timer for lave i statistikken. Kilde: SSBs definisjon av tildelte timer per uke (sikkert).",
        why_en: "For services 1, 2, 3, 4, 7, 9, 11, 15, 17 and 22 the granted hours per week are added up. If the extent is missing or 0, granted hours come out too low in the statistics. Source: SSB's definition of granted hours per week (confirmed).",
        fix_nb: "Registrer vedtatt omfang i timer per uke på vedtaket i fagsystemet (timer per måned deles på 4), og lag et nytt uttrekk.",
        fix_en: "Record the granted extent in hours per week on the decision in the EPJ system (hours per month are divided by 4), and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(hours_missing),
        raised_by: &[],
    },
    Rule {
        code: "TJE-12",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Timer per uke på en tjeneste som ikke måles i timer",
        title_en: "Hours per week on a service not measured in hours",
        why_nb: "Bare timetjenestene (1, 2, 3, 4, 7, 9, 11, 15, 17 og 22) har omfang i timer. På andre tjenester brukes ikke timene, og de kan tyde på feil tjenestekode. Kilde: SSBs definisjon av tildelte timer (sikkert); at de andre tjenestene ikke skal ha timer, er antatt.",
        why_en: "Only the hour-based services (1, 2, 3, 4, 7, 9, 11, 15, 17 and 22) have an extent in hours. On other services the hours are not used, and they may point to a wrong service code. Source: SSB's definition of granted hours (confirmed); that the other services should carry no hours is inferred.",
        fix_nb: "Sjekk at tjenestekoden er riktig. Er den det, fjern timer per uke fra vedtaket i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Check that the service code is right. If it is, remove the hours per week from the decision in the EPJ system, and make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(hours_on_non_hour_service),
        raised_by: &[],
    },
    Rule {
        code: "TJE-13",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Avlastning i institusjon uten rullerende ja/nei",
        title_en: "Respite in an institution without rotating yes/no",
        why_nb: "For avlastning i institusjon (kode 8) skiller statistikken mellom rullerende (fast, gjentakende) og annen avlastning, og uten `tjRullerende` blir oppholdet uoppgitt. Kilde: SSBs statistikk om avlastning (sikkert); at 1 betyr ja og 2 betyr nei, er antatt.",
        why_en: "For respite in an institution (code 8) the statistics separate rotating (fixed, recurring) respite from other respite, and without `tjRullerende` the stay is recorded as not stated. Source: SSB's statistics on respite (confirmed); that 1 means yes and 2 means no is inferred.",
        fix_nb: "Marker på vedtaket i fagsystemet om avlastningen er rullerende (1 = ja, 2 = nei), og lag et nytt uttrekk.",
        fix_en: "Mark on the decision in the EPJ system whether the respite is rotating (1 = yes, 2 = no), and make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(rullerende_missing),
        raised_by: &[],
    },
    Rule {
        code: "TJE-14",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Ugyldig organisasjonsnummer på tjenesten",
        title_en: "Invalid organisation number on the service",
        why_nb: "`tjInstOrgnr` skal være et organisasjonsnummer på 9 sifre med riktig kontrollsiffer. Med et ugyldig nummer vet ikke mottakeren hvor tjenesten ble gitt, og SSB utelater slike vedtak fra sykehjemstallene. Kilde: Brønnøysundregistrene og SSBs indikatordefinisjon for langtidsopphold (sikkert).",
        why_en: "`tjInstOrgnr` must be an organisation number of 9 digits with a correct check digit. With an invalid number the receiver cannot tell where the service was given, and SSB leaves such decisions out of the nursing-home figures. Source: the Brønnøysund Register Centre and SSB's indicator definition for long-term stays (confirmed).",
        fix_nb: "Rett organisasjonsnummeret for enheten som gir tjenesten i oppsettet i fagsystemet; bruk underenhetens (bedriftens) nummer fra Enhetsregisteret. Lag så et nytt uttrekk.",
        fix_en: "Correct the organisation number of the unit providing the service in the EPJ system set-up; use the sub-unit's (establishment's) number from the Central Coordinating Register. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(orgnr_invalid),
        raised_by: &[],
    },
    Rule {
        code: "TJE-15",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Organisasjonsnummer mangler på tjenesten",
        title_en: "Organisation number missing on the service",
        why_nb: "Helsedirektoratet krever organisasjonsnummer for tjenestene 1, 2, 3, 4, 8, 15, 17–22 og 25, fordi det viser hvor tjenesten gis. Uten det faller vedtaket blant annet ut av SSBs sykehjemstall. Kilde: Helsedirektoratets spørsmål og svar om organisasjonsnummer (sikkert).",
        why_en: "Helsedirektoratet requires an organisation number for services 1, 2, 3, 4, 8, 15, 17–22 and 25, because it shows where the service is given. Without it the decision drops out of, among others, SSB's nursing-home figures. Source: Helsedirektoratet's questions and answers on organisation numbers (confirmed).",
        fix_nb: "Knytt vedtaket i fagsystemet til enheten (institusjonen eller tjenestestedet) som utfører tjenesten, slik at underenhetens organisasjonsnummer kommer med. Lag så et nytt uttrekk.",
        fix_en: "Link the decision in the EPJ system to the unit (institution or service site) that provides the service, so that the sub-unit's organisation number is included. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(orgnr_missing),
        raised_by: &[],
    },
    Rule {
        code: "TJE-16",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Vedtaksdatoen er etter startdatoen",
        title_en: "Decision date after the start date",
        why_nb: "Vanligvis fattes vedtaket før tjenesten starter. Det kan være riktig når hjelp må gis straks, men ofte er en av datoene feil, og tiden fra vedtak til start blir feil i statistikken. Antatt: en rimelighetskontroll; feltene `tjVedtDato` og `tjFraDato` er sikre (IPLOS-skjemaet 2018).",
        why_en: "Usually the decision is made before the service starts. It can be right when help has to be given at once, but often one of the dates is wrong, and the time from decision to start comes out wrong in the statistics. Inferred: a plausibility check; the fields `tjVedtDato` and `tjFraDato` are confirmed (the IPLOS schema 2018).",
        fix_nb: "Sjekk vedtaksdato (`tjVedtDato`) og startdato (`tjFraDato`) i fagsystemet og rett den som er feil. Har du rettet noe, lag et nytt uttrekk; er begge riktige, trenger du ikke gjøre noe.",
        fix_en: "Check the decision date (`tjVedtDato`) and the start date (`tjFraDato`) in the EPJ system and correct the wrong one. If you corrected anything, make a new extract; if both are right, nothing needs doing.",
        confidence: Confidence::Inferred,
        check: Check::Person(decision_after_start),
        raised_by: &[],
    },
    Rule {
        code: "TJE-17",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Vedtaksdato etter rapporteringsåret",
        title_en: "Decision date after the reporting year",
        why_nb: "Et vedtak fattet etter 31. desember hører til neste års rapportering og kan ikke brukes i årets fil. Kilde: rapporteringsperioden i IPLOS-skjemaet 2018 (sikkert).",
        why_en: "A decision made after 31 December belongs to next year's report and cannot be used in this year's file. Source: the reporting period in the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett vedtaksdatoen hvis den er feilskrevet. Er den riktig, skal vedtaket ikke være med i årets uttrekk: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Correct the decision date if it is mistyped. If it is right, the decision should not be in this year's extract: tell the vendor and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(decision_after_year),
        raised_by: &[],
    },
    Rule {
        code: "TJE-20",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Avslag med startdato, sluttdato eller timer",
        title_en: "Refusal with a start date, end date or hours",
        why_nb: "Et avslag (`tjVedtak` 1) gir ingen tjeneste, så startdato, sluttdato og timer hører ikke hjemme der. Det tyder på at vedtaket er registrert som avslag ved en feil, eller at feltene er fylt ut ved en feil. Antatt: en rimelighetskontroll ut fra at avslag rapporteres uten tjeneste.",
        why_en: "A refusal (`tjVedtak` 1) gives no service, so a start date, end date and hours do not belong on it. It suggests the decision was recorded as a refusal by mistake, or the fields were filled in by mistake. Inferred: a plausibility check based on refusals being reported without a service.",
        fix_nb: "Sjekk vedtaket i fagsystemet: er det et avslag, fjern startdato, sluttdato og timer; er tjenesten innvilget, rett vedtaksresultatet. Lag så et nytt uttrekk.",
        fix_en: "Check the decision in the EPJ system: if it is a refusal, remove the start date, end date and hours; if the service was granted, correct the outcome. Then make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(refusal_with_service_data),
        raised_by: &[],
    },
    Rule {
        code: "TJE-21",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Avslag med vedtaksdato utenfor året",
        title_en: "Refusal with a decision date outside the year",
        why_nb: "Et avslag har ingen tjenesteperiode og hører derfor til året det ble gitt. Et avslag fra et annet år hører ikke hjemme i årets fil og kan bli telt i feil år. Antatt: regelen er avledet av hvordan avslag rapporteres.",
        why_en: "A refusal has no service period and therefore belongs to the year it was given. A refusal from another year does not belong in this year's file and may be counted in the wrong year. Inferred: the rule is derived from how refusals are reported.",
        fix_nb: "Rett vedtaksdatoen hvis den er feil. Er den riktig, skal avslaget ikke være med i årets uttrekk: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Correct the decision date if it is wrong. If it is right, the refusal should not be in this year's extract: tell the vendor and make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(refusal_outside_year),
        raised_by: &[],
    },
    Rule {
        code: "TJE-26",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Organisasjonsnummer på en tjeneste som ikke skal ha det",
        title_en: "Organisation number on a service that must not have one",
        why_nb: "Tildeling av bolig (12, 13) og lokaliseringsteknologi (26) skal ikke ha organisasjonsnummer, og et nummer kan gi feil fordeling på tjenestesteder. Kilde: Helsedirektoratets spørsmål og svar om organisasjonsnummer (sikkert); at det samme gjelder bolig (29) fra 2019, er antatt.",
        why_en: "Allocation of housing (12, 13) and location technology (26) must not carry an organisation number, and a number may give a wrong split by service site. Source: Helsedirektoratet's questions and answers on organisation numbers (confirmed); that the same applies to housing (29) from 2019 is inferred.",
        fix_nb: "Fjern organisasjonsnummeret fra vedtaket, eller fjern koblingen til enhet i IPLOS-oppsettet for denne tjenesten i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Remove the organisation number from the decision, or remove the link to a unit in the IPLOS set-up for this service in the EPJ system. Then make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(orgnr_forbidden),
        raised_by: &[],
    },
    Rule {
        code: "TJE-27",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Datoene for søknad, vedtak og klage er i feil rekkefølge",
        title_en: "Application, decision and appeal dates out of order",
        why_nb: "Søknaden må komme før vedtaket (`tjSoknadDato` før `tjVedtDato`), og en klage må være mottatt før den er besvart. Feil rekkefølge gir feil saksbehandlingstid i statistikken. Kilde: IPLOS-skjemaet 2018 og kodeverk 9169 for datotyper (sikkert).",
        why_en: "The application must come before the decision (`tjSoknadDato` before `tjVedtDato`), and an appeal must be received before it is answered. The wrong order gives wrong processing times in the statistics. Source: the IPLOS schema 2018 and code list 9169 for date types (confirmed).",
        fix_nb: "Rett søknads-, vedtaks- eller klagedatoen som er feil i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the wrong application, decision or appeal date in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(application_or_appeal_dates_reversed),
        raised_by: &[],
    },
    Rule {
        code: "TJE-28",
        severity: Severity::Warning,
        years: FROM_2019,
        title_nb: "Boligkode 12 eller 13 etter 2018: bruk 29",
        title_en: "Housing code 12 or 13 after 2018: use 29",
        why_nb: "Fra 2019 er omsorgsbolig (12) og annen bolig (13) erstattet av 29, bolig kommunen disponerer for helse- og omsorgsformål. Mottakeren regner om 12 og 13 til 29, så tjenesten telles, men filen følger ikke kodelisten. Kilde: Helsedirektoratets telleregler for KPR-data og kodeverk 9151 (sikkert).",
        why_en: "From 2019 sheltered housing (12) and other housing (13) are replaced by 29, housing the municipality has at its disposal for health and care purposes. The receiver recodes 12 and 13 to 29, so the service is counted, but the file does not follow the code list. Source: Helsedirektoratet's counting rules for KPR data and code list 9151 (confirmed).",
        fix_nb: "Be EPJ-administrator endre IPLOS-koden for boligvedtak til 29 i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Ask the EPJ administrator to change the IPLOS code for housing decisions to 29 in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(housing_code_after_2018),
        raised_by: &[],
    },
];

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

/// TJE-13: respite in an institution without `tjRullerende` (rotating yes/no).
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

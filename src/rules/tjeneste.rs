//! TJE rules on one service record: code, dates, hours, decision date.
//!
//! "Granted" means `tjVedtak` is not 1 (avslag). The remaining service
//! rules are in `tjeneste_vedtak` (what the decision says beyond code and
//! dates) and `tjeneste_perioder` (across a person's records).
//!
//! This file also owns the small helpers every service-aware rule file
//! shares: the code and name of a record, whether it is granted, and hours
//! per week as exact hundredths.

use super::{date, Check, Ctx, Out, Rule, ALL_YEARS};
use crate::codes::{self, Tjenestekode};
use crate::date::Date;
use crate::model::{Field, Person, Record};

use crate::finding::{Confidence, Severity};
pub(crate) use code_of as code;

/// The TJE rules on one service record: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "TJE-01",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Tjenestekode mangler",
        title_en: "Service code missing",
        why_nb: "Uten `tjTjenType` vet ikke mottakeren hvilken tjeneste det gjelder. Feltet er påkrevd i skjemaet, så filen validerer ikke og kan bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "Without `tjTjenType` the receiver cannot tell which service it is. The field is required by the schema, so the file fails validation and may be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Knytt vedtaket til riktig IPLOS-tjeneste i fagsystemet; ofte mangler en tjeneste eller vedtaksmal IPLOS-kode i oppsettet. Lag så et nytt uttrekk.",
        fix_en: "Link the decision to the right IPLOS service in the EPJ system; often a service or decision template lacks an IPLOS code in the set-up. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(code_missing),
        raised_by: &[],
    },
    Rule {
        code: "TJE-02",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Ukjent tjenestekode",
        title_en: "Unknown service code",
        why_nb: "Tjenestekoden finnes ikke i kodeverk 9151 (kode 10 finnes for eksempel ikke). Mottakeren regner en post med ugyldig tjenestekode som ugyldig, og tjenesten telles ikke. Kilde: kodeverk 9151 og Helsedirektoratets telleregler for KPR-data (sikkert).",
        why_en: "The service code is not in code list 9151 (code 10, for example, does not exist). The receiver treats a record with an invalid service code as invalid, and the service is not counted. Source: code list 9151 and Helsedirektoratet's counting rules for KPR data (confirmed).",
        fix_nb: "Be EPJ-administrator rette koblingen mellom kommunens tjenester og IPLOS-tjenestekodene i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Ask the EPJ administrator to correct the mapping between the municipality's services and the IPLOS service codes in the EPJ system. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(code_unknown),
        raised_by: &[],
    },
    Rule {
        code: "TJE-03",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Tjenestekoden gjelder ikke i rapporteringsåret",
        title_en: "Service code not valid in the reporting year",
        why_nb: "Kodelisten ble endret i 2019: 16 (rehabilitering utenfor institusjon) ble en opplysning på personen, og 27, 28 og 29 kom til. En kode brukt utenfor årene den gjelder, telles ikke riktig. Kilde: kodeverk 9151 og SSBs og Helsedirektoratets omtale av endringene i 2019 (sikkert).",
        why_en: "The code list changed in 2019: 16 (rehabilitation outside an institution) became an item on the person, and 27, 28 and 29 were added. A code used outside the years it is valid is not counted correctly. Source: code list 9151 and SSB's and Helsedirektoratet's notes on the 2019 changes (confirmed).",
        fix_nb: "Oppdater IPLOS-oppsettet i fagsystemet til kodelisten for rapporteringsåret; fra 2019 registreres rehabilitering utenfor institusjon på personen, ikke som tjeneste. Lag så et nytt uttrekk.",
        fix_en: "Update the IPLOS set-up in the EPJ system to the code list of the reporting year; from 2019 rehabilitation outside an institution is recorded on the person, not as a service. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(code_not_in_year),
        raised_by: &[],
    },
    Rule {
        code: "TJE-04",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Innvilget tjeneste uten startdato",
        title_en: "Granted service without a start date",
        why_nb: "Mottakeren tar ikke med tjenester uten startdato (`tjFraDato`), så tjenesten telles ikke. Kilde: Helsedirektoratets telleregler for KPR-data (sikkert).",
        why_en: "The receiver leaves out services without a start date (`tjFraDato`), so the service is not counted. Source: Helsedirektoratet's counting rules for KPR data (confirmed).",
        fix_nb: "Registrer datoen tjenesten startet på vedtaket i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Record the date the service started on the decision in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(granted_without_start),
        raised_by: &[],
    },
    Rule {
        code: "TJE-05",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Tjenestens startdato er etter sluttdatoen",
        title_en: "Service start date after its end date",
        why_nb: "En tjeneste kan ikke slutte før den starter, og mottakeren forkaster slike poster. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "A service cannot end before it starts, and the receiver drops such records. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Rett start- eller sluttdato (`tjFraDato`, `tjTilDato`) på vedtaket i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the start or end date (`tjFraDato`, `tjTilDato`) on the decision in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(start_after_end),
        raised_by: &[],
    },
    Rule {
        code: "TJE-06",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Tjenesten starter etter rapporteringsåret",
        title_en: "Service starts after the reporting year",
        why_nb: "En tjeneste som starter etter 31. desember, hører til neste års rapportering, og mottakeren forkaster posten. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "A service that starts after 31 December belongs to next year's report, and the receiver drops the record. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Rett startdatoen hvis den er feilskrevet. Er den riktig, skal tjenesten ikke være med i årets uttrekk: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Correct the start date if it is mistyped. If it is right, the service should not be in this year's extract: tell the vendor and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(start_after_year),
        raised_by: &[],
    },
    Rule {
        code: "TJE-07",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Tjenesten startet før 1980",
        title_en: "Service started before 1980",
        why_nb: "En startdato før 1980 er nesten alltid en feil, og Helsedirektoratet har forkastet slike poster i sine analyser. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "A start date before 1980 is almost always an error, and Helsedirektoratet has dropped such records in its analyses. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Sjekk startdatoen på vedtaket i fagsystemet og rett den hvis den er feil; ofte er det feil århundre eller en standardverdi. Lag så et nytt uttrekk.",
        fix_en: "Check the start date on the decision in the EPJ system and correct it if it is wrong; often it is the wrong century or a default value. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(start_before_1980),
        raised_by: &[],
    },
    Rule {
        code: "TJE-08",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Tjenesten sluttet før rapporteringsåret",
        title_en: "Service ended before the reporting year",
        why_nb: "En tjeneste med sluttdato før 1. januar var ikke aktiv i året og hører ikke hjemme i filen, og mottakeren forkaster posten. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "A service with an end date before 1 January was not active during the year and does not belong in the file, and the receiver drops the record. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Sjekk sluttdatoen på vedtaket i fagsystemet og rett den hvis den er feil. Er den riktig, skal tjenesten ikke være med i uttrekket: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Check the end date on the decision in the EPJ system and correct it if it is wrong. If it is right, the service should not be in the extract: tell the vendor and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(ended_before_year),
        raised_by: &[],
    },
    Rule {
        code: "TJE-09",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Timer per uke over 168",
        title_en: "Hours per week above 168",
        why_nb: "En uke har 168 timer, og Helsedirektoratet sier at mer enn 168 timer per uke på én tjeneste ikke er tillatt. Tallet er nesten alltid timer per måned eller per år ført som timer per uke. Kilde: Helsedirektoratets spørsmål og svar om tjenester (sikkert).",
        why_en: "A week has 168 hours, and Helsedirektoratet states that more than 168 hours per week on one service is not allowed. The figure is almost always hours per month or per year entered as hours per week. Source: Helsedirektoratet's questions and answers on services (confirmed).",
        fix_nb: "Rett omfanget (`tjTimerUke`) på vedtaket i fagsystemet til timer per uke; timer per måned deles på 4. Lag så et nytt uttrekk.",
        fix_en: "Correct the extent (`tjTimerUke`) on the decision in the EPJ system to hours per week; hours per month are divided by 4. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(hours_above_168),
        raised_by: &[],
    },
    Rule {
        code: "TJE-10",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Negativt antall timer per uke",
        title_en: "Negative hours per week",
        why_nb: "Et negativt omfang er umulig og gir feil sum av tildelte timer. Kilde: Helsedirektoratets spørsmål og svar om tjenester og IPLOS-skjemaet 2018 (sikkert).",
        why_en: "A negative extent is impossible and gives a wrong total of granted hours. Source: Helsedirektoratet's questions and answers on services and the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett omfanget (`tjTimerUke`) på vedtaket i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the extent (`tjTimerUke`) on the decision in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(hours_negative),
        raised_by: &[],
    },
    Rule {
        code: "TJE-25",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Vedtaksdato mangler",
        title_en: "Decision date missing",
        why_nb: "Skjemaet krever vedtaksdato (`tjVedtDato`) på hver tjeneste, også på avslag. Mangler den, validerer ikke filen, og den vil trolig bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The schema requires a decision date (`tjVedtDato`) on every service, refusals included. If it is missing, the file fails validation and will probably be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Registrer datoen for vedtaket eller beslutningen på tjenesten i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Record the date of the decision on the service in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(decision_date_missing),
        raised_by: &[],
    },
];

/// The service code of a record, when it is an integer.
pub(crate) fn code_of(rec: &Record) -> Option<u16> {
    rec.text(Field::tjTjenType)?.parse().ok()
}

/// The code-list entry of a record's service code (none for 10 or junk).
pub(crate) fn kode(rec: &Record) -> Option<&'static Tjenestekode> {
    codes::tjeneste(code_of(rec)?)
}

/// Granted: `tjVedtak` is anything but 1 (avslag), absent included.
pub(crate) fn granted(rec: &Record) -> bool {
    rec.text(Field::tjVedtak) != Some("1")
}

/// "tjeneste 15 (Helsetjenester i hjemmet)" and its English twin.
pub(crate) fn label(rec: &Record) -> (Label<'_>, Label<'_>) {
    (Label(rec, true), Label(rec, false))
}

/// "tjeneste 15 (Helsetjenester i hjemmet)" (or English), written only when
/// a message is: most records raise nothing, and formatting is not free.
pub(crate) struct Label<'a>(&'a Record, bool);

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (rec, nb) = (self.0, self.1);
        match (kode(rec), nb) {
            (Some(t), true) => write!(f, "tjeneste {} ({})", t.code, t.name_nb),
            (Some(t), false) => write!(f, "service {} ({})", t.code, t.name_en),
            (None, nb) => {
                let raw = rec.text(Field::tjTjenType).unwrap_or("?");
                write!(f, "{} {raw}", if nb { "tjeneste" } else { "service" })
            }
        }
    }
}

/// Hours per week as whole hundredths, so 168.00 and 168.01 compare
/// exactly; a decimal comma (CSV) is accepted. `None` when not a number.
pub(crate) fn hundredths(s: &str) -> Option<i64> {
    let x: f64 = s.trim().replace(',', ".").parse().ok()?;
    x.is_finite().then(|| (x * 100.0).round() as i64)
}

/// Hundredths of an hour as text with the given decimal separator: 7,5.
pub(crate) fn fmt_hours(h: i64, sep: char) -> String {
    let (whole, frac) = (h / 100, (h % 100).abs());
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}{sep}{}", f / 10),
        f => format!("{whole}{sep}{f:02}"),
    }
}

/// `tjTimerUke` as a number, when it is a valid decimal.
pub fn hours(rec: &Record) -> Option<f64> {
    let v = rec.text(Field::tjTimerUke)?;
    crate::rules::schema::is_dec52(v)
        .then(|| v.parse().ok())
        .flatten()
}

/// TJE-01: no service code.
pub fn code_missing(c: &Ctx, p: &Person, o: &mut Out) {
    if c.column_absent(Field::tjTjenType) {
        return;
    }
    for r in p
        .tjenester
        .iter()
        .filter(|r| r.text(Field::tjTjenType).is_none())
    {
        let h = o.hit(
            r.pos,
            "Tjenesten mangler tjenestekode (tjTjenType).".into(),
            "The service lacks a service code (tjTjenType).".into(),
        );
        h.schema = !c.csv;
    }
}

/// TJE-02: a code that is not in code list 9151 at all.
pub fn code_unknown(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(n) = code(r).filter(|n| codes::tjeneste(*n).is_none()) {
            o.service_hit(
                r,
                r.pos_of(Field::tjTjenType),
                format!("Tjenestekode {n} finnes ikke i kodeverket (9151)."),
                format!("Service code {n} does not exist in the code list (9151)."),
            );
        }
    }
}

/// TJE-03: a code that exists but is not valid in year Y.
pub fn code_not_in_year(c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        let Some(t) = code(r).and_then(codes::tjeneste) else {
            continue;
        };
        // 12 and 13 after 2018: the register still counts them (as 29),
        // so they are TJE-28's warning alone, not an error here.
        let counted_as_29 = matches!(t.code, 12 | 13) && c.year > 2018;
        if !t.valid_in(c.year) && !counted_as_29 {
            let span = if t.to == codes::OPEN {
                format!("fra {}", t.from)
            } else {
                format!("{}–{}", t.from, t.to)
            };
            let span_en = span.replace("fra", "from");
            let (code, year, name, name_en) = (t.code, c.year, t.name_nb, t.name_en);
            o.service_hit(
                r,
                r.pos_of(Field::tjTjenType),
                format!("Tjenestekode {code} ({name}) gjelder bare {span}, ikke i {year}."),
                format!("Service code {code} ({name_en}) applies only {span_en}, not in {year}."),
            );
        }
    }
}

/// TJE-04: a granted service without a start date.
pub fn granted_without_start(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in p
        .tjenester
        .iter()
        .filter(|r| granted(r) && r.get(Field::tjFraDato).is_none())
    {
        o.service_hit(
            r,
            r.pos,
            format!("Innvilget {} mangler fra-dato (tjFraDato).", label(r).0),
            format!("Granted {} lacks a start date (tjFraDato).", label(r).1),
        );
    }
}

/// TJE-05: starts after it ends.
pub fn start_after_end(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let (Some(fra), Some(til)) = (date(r, Field::tjFraDato), date(r, Field::tjTilDato)) {
            if fra > til {
                o.service_hit(
                    r,
                    r.pos_of(Field::tjFraDato),
                    format!("{}: fra-dato {fra} er etter til-dato {til}.", label(r).0),
                    format!("{}: start date {fra} is after end date {til}.", label(r).1),
                );
            }
        }
    }
}

/// TJE-06: starts after the year.
pub fn start_after_year(c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(fra) = date(r, Field::tjFraDato).filter(|d| *d > Date::year_end(c.year)) {
            o.service_hit(
                r,
                r.pos_of(Field::tjFraDato),
                format!(
                    "{}: fra-dato {fra} er etter rapporteringsåret {}.",
                    label(r).0,
                    c.year
                ),
                format!(
                    "{}: start date {fra} is after the reporting year {}.",
                    label(r).1,
                    c.year
                ),
            );
        }
    }
}

/// TJE-07: starts before 1980.
pub fn start_before_1980(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(fra) = date(r, Field::tjFraDato).filter(|d| *d < Date::year_start(1980)) {
            o.service_hit(
                r,
                r.pos_of(Field::tjFraDato),
                format!("{}: fra-dato {fra} er før 1980; sjekk datoen.", label(r).0),
                format!(
                    "{}: start date {fra} is before 1980; check the date.",
                    label(r).1
                ),
            );
        }
    }
}

/// TJE-08: ended before the year.
pub fn ended_before_year(c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(til) = date(r, Field::tjTilDato).filter(|d| *d < Date::year_start(c.year)) {
            o.service_hit(
                r,
                r.pos_of(Field::tjTilDato),
                format!(
                    "{} sluttet {til}, før rapporteringsåret {}: den hører ikke hjemme i filen.",
                    label(r).0,
                    c.year
                ),
                format!(
                    "{} ended {til}, before the reporting year {}: it does not belong in the file.",
                    label(r).1,
                    c.year
                ),
            );
        }
    }
}

/// TJE-09: more than 168 hours a week.
pub fn hours_above_168(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(h) = hours(r).filter(|h| *h > 168.0) {
            o.service_hit(
                r,
                r.pos_of(Field::tjTimerUke),
                format!(
                    "{}: {h} timer per uke er mer enn det finnes i en uke (168).",
                    label(r).0
                ),
                format!(
                    "{}: {h} hours per week is more than a week has (168).",
                    label(r).1
                ),
            );
        }
    }
}

/// TJE-10: negative hours.
pub fn hours_negative(_c: &Ctx, p: &Person, o: &mut Out) {
    for r in &p.tjenester {
        if let Some(h) = hours(r).filter(|h| *h < 0.0) {
            o.service_hit(
                r,
                r.pos_of(Field::tjTimerUke),
                format!("{}: timer per uke er negativ ({h}).", label(r).0),
                format!("{}: hours per week is negative ({h}).", label(r).1),
            );
        }
    }
}

/// TJE-25: no decision date.
pub fn decision_date_missing(c: &Ctx, p: &Person, o: &mut Out) {
    if c.column_absent(Field::tjVedtDato) {
        return;
    }
    for r in p
        .tjenester
        .iter()
        .filter(|r| r.get(Field::tjVedtDato).is_none())
    {
        let h = o.service_hit(
            r,
            r.pos,
            format!(
                "{} mangler vedtaksdato (tjVedtDato), som skjemaet krever.",
                label(r).0
            ),
            format!(
                "{} lacks a decision date (tjVedtDato), which the schema requires.",
                label(r).1
            ),
        );
        h.schema = !c.csv;
    }
}

//! PER rules: the person, the identity number, residence and household.
//!
//! The identity number comes from `peFnr` (files up to 2017), a CSV `fid`
//! column, or the identmelding (joined by the engine, which then points
//! the finding into the identmelding). Messages never print the number.

use super::{date, Ctx, Out};
use crate::codes::{self, BydelStatus, KommuneStatus};
use crate::date::Date;
use crate::fnr::{self, CheckDigits, IdAnalysis, IdKind, Sex};
use crate::model::{Field, Person};
use crate::report::Source;

/// Identity kinds 9032 says must be 11-digit Norwegian numbers.
const NORWEGIAN_TYPES: &[&str] = &["1", "2", "3", "12"];

fn fid_hit(p: &Person, o: &mut Out, nb: String, en: String) {
    let pos = p
        .ident_pos
        .unwrap_or_else(|| p.rec.pos_of(Field::fid).min(p.rec.pos_of(Field::peFnr)));
    let h = o.hit(pos, nb, en);
    if p.ident_pos.is_some() {
        h.file = Source::Ident;
    }
}

/// The identity number and its analysis, when it is meant to be Norwegian.
fn analysed(p: &Person) -> Option<(&str, IdAnalysis)> {
    let fid = p.fid()?;
    let t = p.rec.text(Field::typeID);
    if t.is_some_and(|t| !NORWEGIAN_TYPES.contains(&t)) {
        return None;
    }
    Some((fid, fnr::analyse(fid)))
}

/// Analysis of a well-formed 11-digit number with valid check digits.
fn valid_fid(p: &Person) -> Option<IdAnalysis> {
    analysed(p)
        .map(|(_, a)| a)
        .filter(|a| a.eleven_digits && a.check != CheckDigits::Invalid && a.date_ok && a.century_ok)
}

/// PER-01: no identity where the file itself must carry it.
pub fn identity_missing(c: &Ctx, p: &Person, o: &mut Out) {
    if p.fid().is_some() {
        return;
    }
    let (nb, en) = if c.csv && c.csv_has_fid {
        (
            "Personen har tomt fødselsnummer (fid).",
            "The person has an empty identity number (fid).",
        )
    } else if !c.csv && !crate::codes::separate_identmelding(c.year) {
        (
            "Personen mangler <peFnr>: før 2018 skal fødselsnummeret stå i selve IPLOS-meldingen.",
            "The person lacks <peFnr>: before 2018 the identity number belongs in the IPLOS message itself.",
        )
    } else {
        return;
    };
    o.hit(p.rec.pos, nb.into(), en.into());
}

/// PER-02: not exactly 11 digits.
pub fn fid_not_eleven_digits(_c: &Ctx, p: &Person, o: &mut Out) {
    if let Some((fid, a)) = analysed(p) {
        if !a.eleven_digits {
            let n = fid.chars().count();
            fid_hit(
                p,
                o,
                format!(
                    "Fødselsnummeret ({}) har {n} tegn, men skal være 11 sifre.",
                    fnr::mask(fid)
                ),
                format!(
                    "The identity number ({}) has {n} characters, but must be 11 digits.",
                    fnr::mask(fid)
                ),
            );
        }
    }
}

/// PER-03: check digits wrong (and not valid under the 2032 rule either).
pub fn fid_check_digits_wrong(_c: &Ctx, p: &Person, o: &mut Out) {
    if let Some((fid, a)) = analysed(p) {
        if a.eleven_digits && a.check == CheckDigits::Invalid {
            fid_hit(
                p,
                o,
                format!(
                    "Kontrollsifrene i fødselsnummeret {} stemmer ikke: nummeret er feilskrevet.",
                    fnr::mask(fid)
                ),
                format!(
                    "The check digits of identity number {} are wrong: the number is mistyped.",
                    fnr::mask(fid)
                ),
            );
        }
    }
}

/// PER-04: date part impossible, or the individnummer fits no century.
pub fn fid_date_impossible(_c: &Ctx, p: &Person, o: &mut Out) {
    if let Some((fid, a)) = analysed(p) {
        if a.eleven_digits && (!a.date_ok || !a.century_ok) {
            let (nb, en) = if !a.date_ok {
                (
                    "datodelen er ingen virkelig dato",
                    "its date part is not a real date",
                )
            } else {
                (
                    "individnummeret passer ikke med fødselsåret",
                    "its individual number does not fit the birth year",
                )
            };
            fid_hit(
                p,
                o,
                format!("Fødselsnummeret {} er ugyldig: {nb}.", fnr::mask(fid)),
                format!("Identity number {} is invalid: {en}.", fnr::mask(fid)),
            );
        }
    }
}

/// PER-05: `typeID` missing, unknown, or contradicting the number. Never
/// schema-level: the identmelding's reader judges `typeID` against the
/// schema for every `PasientIdent` (FIL-11, FIL-12).
pub fn type_id_wrong(c: &Ctx, p: &Person, o: &mut Out) {
    if p.ident_pos.is_none() || !c.has_ident {
        return;
    }
    let Some(fid) = p.fid() else { return };
    let known = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12"];
    let (nb, en) = match p.rec.text(Field::typeID) {
        None => (
            "Identmeldingen mangler typeID for personen.".to_string(),
            "The identmelding lacks typeID for the person.".to_string(),
        ),
        Some(t) if !known.contains(&t) => (
            format!("typeID «{t}» finnes ikke i kodeverk 9032."),
            format!("typeID «{t}» is not in code list 9032."),
        ),
        Some(t) => {
            let a = fnr::analyse(fid);
            if !a.eleven_digits || fnr::type_id_matches(t, &a) {
                return;
            }
            (
                format!(
                    "typeID «{t}» stemmer ikke med nummeret {}, som ser ut som {}.",
                    fnr::mask(fid),
                    kind_nb(a.kind)
                ),
                format!(
                    "typeID «{t}» contradicts number {}, which looks like {}.",
                    fnr::mask(fid),
                    kind_en(a.kind)
                ),
            )
        }
    };
    fid_hit(p, o, nb, en);
}

fn kind_nb(k: IdKind) -> &'static str {
    match k {
        IdKind::Fodselsnummer => "et fødselsnummer",
        IdKind::DNummer => "et D-nummer",
        IdKind::HNummer => "et H-nummer",
        IdKind::FellesHjelpenummer => "et felles hjelpenummer",
    }
}

fn kind_en(k: IdKind) -> &'static str {
    match k {
        IdKind::Fodselsnummer => "a birth number",
        IdKind::DNummer => "a D number",
        IdKind::HNummer => "an H number",
        IdKind::FellesHjelpenummer => "a common help number",
    }
}

/// PER-06: an H-number or felles hjelpenummer.
pub fn help_number(_c: &Ctx, p: &Person, o: &mut Out) {
    let by_type = p
        .rec
        .text(Field::typeID)
        .is_some_and(|t| t == "3" || t == "12");
    let by_digits = analysed(p).is_some_and(|(_, a)| {
        a.eleven_digits && matches!(a.kind, IdKind::HNummer | IdKind::FellesHjelpenummer)
    });
    if by_type || by_digits {
        let masked = p.fid().map(fnr::mask).unwrap_or_default();
        fid_hit(
            p,
            o,
            format!("{masked} er et hjelpenummer: bytt det ut med personens fødselsnummer eller D-nummer når det er kjent."),
            format!("{masked} is a help number: replace it with the person's birth number or D number when known."),
        );
    }
}

/// PER-07: a synthetic test identity (month + 80).
pub fn synthetic_identity(_c: &Ctx, p: &Person, o: &mut Out) {
    if let Some((fid, a)) = analysed(p) {
        if a.eleven_digits && a.synthetic {
            fid_hit(
                p,
                o,
                format!(
                    "{} er et syntetisk testnummer (måned + 80), ikke en virkelig person.",
                    fnr::mask(fid)
                ),
                format!(
                    "{} is a synthetic test number (month + 80), not a real person.",
                    fnr::mask(fid)
                ),
            );
        }
    }
}

/// PER-23: valid only under the 2032 check-digit rule.
pub fn check_digits_2032(_c: &Ctx, p: &Person, o: &mut Out) {
    if let Some((fid, a)) = analysed(p) {
        if a.eleven_digits && a.check == CheckDigits::Rule2032 {
            fid_hit(
                p,
                o,
                format!("Kontrollsifrene i {} følger bare den nye regelen for fødselsnummer (fra 2032). Kontroller nummeret.", fnr::mask(fid)),
                format!("The check digits of {} follow only the new rule for birth numbers (from 2032). Check the number.", fnr::mask(fid)),
            );
        }
    }
}

/// PER-25: `peKjonn` contradicts digit 9 of the number.
pub fn sex_contradicts_fid(c: &Ctx, p: &Person, o: &mut Out) {
    if c.pair_mismatch {
        return; // the identity may be another person's (IDE-04)
    }
    let Some(a) = valid_fid(p) else { return };
    if a.synthetic || a.check != CheckDigits::Valid || a.kind == IdKind::FellesHjelpenummer {
        return;
    }
    let given = match p.rec.text(Field::peKjonn) {
        Some("M") => Sex::Male,
        Some("K") => Sex::Female,
        _ => return,
    };
    if a.sex.is_some_and(|s| s != given) {
        let (nb, en) = if given == Sex::Male {
            ("M", "male")
        } else {
            ("K", "female")
        };
        o.hit(
            p.rec.pos_of(Field::peKjonn),
            format!("peKjonn er {nb}, men fødselsnummeret sier det motsatte kjønnet."),
            format!("peKjonn is {en}, but the identity number says the other sex."),
        );
    }
}

/// PER-26: `peAlder` more than one year from the age the number gives at 31.12.Y.
pub fn age_contradicts_fid(c: &Ctx, p: &Person, o: &mut Out) {
    if c.pair_mismatch {
        return; // the identity may be another person's (IDE-04)
    }
    let Some(born) = valid_fid(p).and_then(|a| a.birth_date) else {
        return;
    };
    let Some(alder) = p
        .rec
        .text(Field::peAlder)
        .and_then(|v| v.parse::<i32>().ok())
    else {
        return;
    };
    let age = born.age_at(Date::year_end(c.year));
    if (alder - age).abs() > 1 {
        o.hit(
            p.rec.pos_of(Field::peAlder),
            format!(
                "peAlder er {alder}, men fødselsnummeret gir alder {age} per 31.12.{}.",
                c.year
            ),
            format!(
                "peAlder is {alder}, but the identity number gives age {age} at 31.12.{}.",
                c.year
            ),
        );
    }
}

/// PER-10: `peKomnr` missing or not a municipality in year Y.
pub fn kommune_invalid(c: &Ctx, p: &Person, o: &mut Out) {
    let pos = p.rec.pos_of(Field::peKomnr);
    let Some(nr) = p.rec.text(Field::peKomnr) else {
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
    if bydel.is_none() || bydel == Some("00") {
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

/// PER-14: no `poHusstand` in any PERSONOPPL.
pub fn husstand_missing(_c: &Ctx, p: &Person, o: &mut Out) {
    if !p.oppl.iter().any(|r| r.get(Field::poHusstand).is_some()) {
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

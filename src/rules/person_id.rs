//! PER rules on the identity number: present where it must be, eleven
//! digits, check digits, a real date, the identity type, help and synthetic
//! numbers, and sex and age against the number.
//!
//! The identity number comes from `peFnr` (files up to 2017), a CSV `fid`
//! column, or the identmelding (joined by the engine, which then points
//! the finding into the identmelding). Messages never print the number.

use super::{Ctx, Out};
use crate::date::Date;
use crate::finding::Source;
use crate::fnr::{self, CheckDigits, IdAnalysis, IdKind, Sex};
use crate::model::{Field, Person};

/// The last reporting year whose fagmelding carried `peFnr` itself.
const FNR_IN_FAGMELDING_UNTIL: u16 = 2017;

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
    } else if !c.csv && c.year <= FNR_IN_FAGMELDING_UNTIL {
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

/// PER-05: `typeID` missing, unknown, or contradicting the number.
pub fn type_id_wrong(c: &Ctx, p: &Person, o: &mut Out) {
    if p.ident_pos.is_none() || !c.has_ident {
        return;
    }
    let Some(fid) = p.fid() else { return };
    let known = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12"];
    let (nb, en, schema) = match p.rec.text(Field::typeID) {
        None => (
            "Identmeldingen mangler typeID for personen.".to_string(),
            "The identmelding lacks typeID for the person.".to_string(),
            true,
        ),
        Some(t) if !known.contains(&t) => (
            format!("typeID «{t}» finnes ikke i kodeverk 9032."),
            format!("typeID «{t}» is not in code list 9032."),
            true,
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
                false,
            )
        }
    };
    fid_hit(p, o, nb, en);
    if let Some(h) = o.hits.last_mut() {
        h.schema = schema;
    }
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
pub fn sex_contradicts_fid(_c: &Ctx, p: &Person, o: &mut Out) {
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

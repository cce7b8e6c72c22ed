//! FIL rules on the file header (`INNHINFO` and the root element).
//!
//! The rules about decoding, structure, the reporting year and the
//! sender (FIL-01 to FIL-06, FIL-08 to FIL-10, FIL-16, FIL-17) are raised by
//! the readers and the engine; these judge the header's content. A CSV
//! export has no header, so they leave it alone.

use super::{date, Ctx, Out};
use crate::date::Date;
use crate::model::{Field, Header};

/// FIL-07: `iiSysID` or `iiSysVersjon` missing.
pub fn system_missing(c: &Ctx, h: &Header, o: &mut Out) {
    let Some(ii) = h.innhinfo.as_ref().filter(|_| !c.csv) else {
        return;
    };
    for f in [Field::iiSysID, Field::iiSysVersjon] {
        if ii.get(f).is_none() {
            o.schema_hit(
                ii.pos,
                format!("<{}> mangler i INNHINFO: mottakeren ser ikke hvilket fagsystem filen kommer fra.", f.name()),
                format!("<{}> is missing in INNHINFO: the receiver cannot see which system made the file.", f.name()),
            );
        } else if ii.text(f).is_none() {
            o.hit(
                ii.pos_of(f),
                format!("<{}> er tom.", f.name()),
                format!("<{}> is empty.", f.name()),
            );
        }
    }
}

/// FIL-13: `INNHINFO` missing or wrong: type, contacts.
pub fn innhinfo_wrong(c: &Ctx, h: &Header, o: &mut Out) {
    if c.csv {
        return;
    }
    let Some(ii) = h.innhinfo.as_ref() else {
        o.schema_hit(
            h.root.pos,
            "Filen mangler <INNHINFO>, hodet med kommune, periode og kontaktpersoner.".into(),
            "The file lacks <INNHINFO>, the header with municipality, period and contacts.".into(),
        );
        return;
    };
    match ii.text(Field::iiInnhType) {
        Some("P") => {}
        Some(v) => {
            o.schema_hit(
                ii.pos_of(Field::iiInnhType),
                format!("<iiInnhType> er «{v}», men skal alltid være «P»."),
                format!("<iiInnhType> is «{v}», but must always be «P»."),
            );
        }
        // An empty element takes the schema's fixed value «P», so the
        // schema accepts it; the file should still say it.
        None if ii.get(Field::iiInnhType).is_some() => {
            o.hit(
                ii.pos_of(Field::iiInnhType),
                "<iiInnhType> er tom (skal være «P»).".into(),
                "<iiInnhType> is empty (must be «P»).".into(),
            );
        }
        None => {
            o.schema_hit(
                ii.pos,
                "<iiInnhType> mangler (skal være «P»).".into(),
                "<iiInnhType> is missing (must be «P»).".into(),
            );
        }
    }
    let n = h.kontakter.len();
    if !(2..=3).contains(&n) {
        o.schema_hit(
            ii.pos,
            format!("INNHINFO har {n} kontaktpersoner (<iiKontakt>), men skal ha 2 eller 3: innsendingsansvarlig og IPLOS-kontaktperson, eventuelt en alternativ."),
            format!("INNHINFO has {n} contacts (<iiKontakt>), but must have 2 or 3: the person responsible for sending and the IPLOS contact, optionally an alternate."),
        );
    }
    for (i, k) in h.kontakter.iter().enumerate() {
        let nr = i + 1;
        match k.text(Field::Type) {
            Some("1" | "2" | "3") => {}
            Some(v) => {
                o.schema_hit(
                    k.pos_of(Field::Type),
                    format!("Kontaktperson {nr} har Type «{v}»; gyldige verdier er 1, 2 og 3."),
                    format!("Contact {nr} has Type «{v}»; valid values are 1, 2 and 3."),
                );
            }
            None => {
                o.schema_hit(
                    k.pos,
                    format!("Kontaktperson {nr} mangler <Type>."),
                    format!("Contact {nr} lacks <Type>."),
                );
            }
        }
        for f in [Field::Navn, Field::Telefon, Field::Epost] {
            if k.get(f).is_none() {
                o.schema_hit(
                    k.pos,
                    format!("Kontaktperson {nr} mangler <{}>.", f.name()),
                    format!("Contact {nr} lacks <{}>.", f.name()),
                );
            } else if k.text(f).is_none() {
                o.hit(
                    k.pos_of(f),
                    format!("Kontaktperson {nr} har tom <{}>.", f.name()),
                    format!("Contact {nr} has an empty <{}>.", f.name()),
                );
            }
        }
    }
}

/// FIL-14: the period is not one whole calendar year.
pub fn period_not_a_year(c: &Ctx, h: &Header, o: &mut Out) {
    let Some(ii) = h.innhinfo.as_ref() else {
        return;
    };
    let (fra, til) = (date(ii, Field::iiFraDato), date(ii, Field::iiTilDato));
    for f in [Field::iiFraDato, Field::iiTilDato] {
        if ii.get(f).is_none() && !c.csv {
            o.schema_hit(
                ii.pos,
                format!("<{}> mangler i INNHINFO.", f.name()),
                format!("<{}> is missing in INNHINFO.", f.name()),
            );
        }
    }
    if let (Some(fra), Some(til)) = (fra, til) {
        if fra != Date::year_start(fra.year) || til != Date::year_end(fra.year) {
            o.hit(
                ii.pos_of(Field::iiFraDato),
                format!("Perioden er {fra}–{til}, men skal være ett helt kalenderår (01.01.–31.12.)."),
                format!("The period is {fra}–{til}, but must be one whole calendar year (01.01.–31.12.)."),
            );
        }
    }
}

/// The versions the checker knows by name.
const KNOWN_VERSIONS: &[&str] = &["3.5", "3.7", "3.7.1"];
const NAMESPACE_STEM: &str = "http://www.npr.no/xmlstds/iplos/";

/// FIL-15: `versjon` or namespace not one the checker knows.
pub fn version_unknown(c: &Ctx, h: &Header, o: &mut Out) {
    if c.csv {
        return;
    }
    let pos = h.root.pos;
    match h.root.text(Field::versjon) {
        None => {
            let hit = o.hit(
                pos,
                "<IPLOS> mangler attributtet versjon; filen er kontrollert som 2018-skjemaet (3.5).".into(),
                "<IPLOS> lacks the versjon attribute; the file was checked as the 2018 schema (3.5).".into(),
            );
            hit.schema = crate::codes::schema_2018_applies(c.year);
        }
        Some(v) if !KNOWN_VERSIONS.contains(&v) => {
            let hit = o.hit(
                pos,
                format!("Ukjent versjon «{v}»; filen er kontrollert som 2018-skjemaet (3.5)."),
                format!("Unknown version «{v}»; the file was checked as the 2018 schema (3.5)."),
            );
            hit.schema = c.strict_2018;
        }
        Some(v) if v != "3.5" && c.strict_2018 => {
            o.schema_hit(
                pos,
                format!("Filen bruker 2018-navnerommet, men versjon «{v}»; 2018-skjemaet krever 3.5."),
                format!("The file uses the 2018 namespace but version «{v}»; the 2018 schema requires 3.5."),
            );
        }
        Some(_) => {}
    }
    if let Some(ns) = h.namespace.as_deref() {
        let known = ns
            .strip_prefix(NAMESPACE_STEM)
            .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
        if !known {
            o.hit(
                pos,
                format!("Ukjent navnerom «{ns}»; filen er kontrollert som 2018-skjemaet (3.5)."),
                format!("Unknown namespace «{ns}»; the file was checked as the 2018 schema (3.5)."),
            );
        }
    }
}

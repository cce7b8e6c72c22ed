//! IDE rules: the identmelding and whether it belongs with the fagmelding.
//!
//! A PERSON without its `PasientIdent` (IDE-01), a `PasientIdent` without
//! its PERSON (IDE-02), a `pid` twice (IDE-03), two messages that disagree
//! on serial number or period (IDE-04), and an incomplete identmelding
//! header (IDE-05). They apply from the 2018 data year, when the identity
//! numbers moved into a message of their own.

use super::{Check, Rule, FROM_2018};
use crate::finding::{Confidence, Severity};

/// The IDE rules: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "IDE-01",
        severity: Severity::Error,
        years: FROM_2018,
        title_nb: "Personen mangler i identmeldingen",
        title_en: "The person is missing from the identity message",
        why_nb: "Hver person i IPLOS-filen må ha en `PasientIdent` med samme nummer i identmeldingen; ellers kan mottakeren ikke knytte opplysningene til et fødselsnummer, og personen faller ut. Kilde: skjemaet for identmeldingen 2018 (sikkert); at koblingen går via `pid` = `pePeID`, er antatt.",
        why_en: "Every person in the IPLOS file needs a `PasientIdent` with the same number in the identity message; otherwise the receiver cannot tie the data to an identity number, and the person drops out. Source: the identity message schema 2018 (confirmed); that the link is `pid` = `pePeID` is inferred.",
        fix_nb: "Lag IPLOS-filen og identmeldingen i samme uttrekk, slik at de hører sammen. Mangler personen fortsatt, sjekk at personen har fødselsnummer eller D-nummer i fagsystemet, og meld fra til leverandøren.",
        fix_en: "Make the IPLOS file and the identity message in the same extract, so that they belong together. If the person is still missing, check that the person has an identity number in the EPJ system, and tell the vendor.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "IDE-02",
        severity: Severity::Warning,
        years: FROM_2018,
        title_nb: "Identitet uten person i IPLOS-filen",
        title_en: "Identity with no person in the IPLOS file",
        why_nb: "Identmeldingen har en `PasientIdent` som ingen person i IPLOS-filen peker på. Det tyder på at filene kommer fra ulike uttrekk, eller at personer har falt ut av IPLOS-filen. Antatt: at koblingen går via `pid` = `pePeID`, står ikke i noen kilde vi har sett.",
        why_en: "The identity message has a `PasientIdent` that no person in the IPLOS file points to. This suggests the files come from different extracts, or that persons have dropped out of the IPLOS file. Inferred: that the link is `pid` = `pePeID` is not stated in any source we have seen.",
        fix_nb: "Lag begge filene på nytt i samme uttrekk i fagsystemet, og kontroller dem sammen.",
        fix_en: "Make both files again in the same extract from the EPJ system, and check them together.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "IDE-03",
        severity: Severity::Error,
        years: FROM_2018,
        title_nb: "Samme pid to ganger i identmeldingen",
        title_en: "The same pid twice in the identity message",
        why_nb: "`pid` skal være unik i identmeldingen. To like gjør at mottakeren ikke vet hvilket fødselsnummer som hører til personen, og meldingen validerer ikke. Kilde: skjemaet for identmeldingen, NPR ide 53.1.2 (sikkert).",
        why_en: "`pid` must be unique in the identity message. Two equal ones leave the receiver unable to tell which identity number belongs to the person, and the message fails validation. Source: the identity message schema, NPR ide 53.1.2 (confirmed).",
        fix_nb: "Dette er en feil i uttrekket. Meld fra til leverandøren av fagsystemet, og lag et nytt uttrekk når den er rettet.",
        fix_en: "This is an error in the extract. Tell the vendor of the EPJ system, and make a new extract once it is fixed.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "IDE-04",
        severity: Severity::Error,
        years: FROM_2018,
        title_nb: "IPLOS-filen og identmeldingen hører ikke sammen",
        title_en: "The IPLOS file and the identity message do not match",
        why_nb: "Løpenummeret i identmeldingen (`lopenr`) skal være det samme som i IPLOS-filen (`iiLopenr`), og periodene skal være like. Ellers kan mottakeren ikke koble filene, og de vil trolig bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The serial number in the identity message (`lopenr`) must equal the one in the IPLOS file (`iiLopenr`), and the periods must be the same. Otherwise the receiver cannot link the files, and they will probably be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Send de to filene fra samme uttrekk. Er du i tvil, lag et nytt uttrekk av begge i fagsystemet.",
        fix_en: "Send the two files from the same extract. If in doubt, make a new extract of both in the EPJ system.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "IDE-05",
        severity: Severity::Error,
        years: FROM_2018,
        title_nb: "Hodet i identmeldingen er ufullstendig",
        title_en: "The identity message header is incomplete",
        why_nb: "Skjemaet for identmeldingen krever blant annet periode, uttaksdato, fagsystem og løpenummer i `Melding`, og minst én `Kontaktperson`. Mangler noe, validerer ikke meldingen, og den vil trolig bli avvist. Kilde: skjemaet for identmeldingen, NPR ide 53.1.2 (sikkert).",
        why_en: "The identity message schema requires, among other things, the period, extract date, EPJ system and serial number in `Melding`, and at least one `Kontaktperson`. If anything is missing, the message fails validation and will probably be rejected. Source: the identity message schema, NPR ide 53.1.2 (confirmed).",
        fix_nb: "Legg inn kontaktperson for identmeldingen i oppsettet for uttrekket i fagsystemet, eller meld fra til leverandøren om feltene som mangler. Lag så et nytt uttrekk.",
        fix_en: "Enter a contact person for the identity message in the extract settings of the EPJ system, or tell the vendor about the missing fields. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &[],
    },
];

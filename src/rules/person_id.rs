//! PER rules on the identity number: present where it must be, eleven
//! digits, check digits, a real date, the identity type, help and synthetic
//! numbers, and sex and age against the number.
//!
//! The identity number comes from `peFnr` (files up to 2017), a CSV `fid`
//! column, or the identmelding (joined by the engine, which then points
//! the finding into the identmelding). Messages never print the number.

use super::ids::IdTable;
use super::{Check, Ctx, FlowOut, Out, Rule, ALL_YEARS};
use crate::date::Date;
use crate::finding::{Confidence, Severity, Source};
use crate::fnr::{self, CheckDigits, IdAnalysis, IdKind, Sex};
use crate::model::{Field, Person};

/// The PER rules on the identity number: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "PER-01",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Personen mangler fødselsnummer",
        title_en: "The person has no identity number",
        why_nb: "Uten fødselsnummer kan mottakeren ikke knytte opplysningene til en person, og posten kan ikke brukes. Før 2018 skulle `peFnr` stå i selve filen, og i en CSV-fil med kolonnen `fid` skal den være fylt ut. Kilde: IPLOS-skjemaet 2018, endringsloggen om `peFnr` (sikkert).",
        why_en: "Without an identity number the receiver cannot tie the data to a person, and the record cannot be used. Before 2018 `peFnr` had to be in the file itself, and in a CSV file with a `fid` column it must be filled in. Source: the IPLOS schema 2018, change log on `peFnr` (confirmed).",
        fix_nb: "Registrer fødselsnummer eller D-nummer på personen i fagsystemet (hent det fra folkeregisteret), og lag et nytt uttrekk.",
        fix_en: "Record the national identity number or D number on the person in the EPJ system (from the population register), and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(identity_missing),
        raised_by: &[],
    },
    Rule {
        code: "PER-02",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Fødselsnummeret har ikke 11 sifre",
        title_en: "The identity number does not have 11 digits",
        why_nb: "Fødselsnummer, D-nummer og hjelpenummer har alltid nøyaktig 11 sifre. Et nummer med feil lengde kan ikke kobles til folkeregisteret, og personen faller ut eller telles dobbelt. Kilde: reglene for fødselsnummer (Skatteetaten, e-helse) (sikkert).",
        why_en: "National identity numbers, D numbers and help numbers always have exactly 11 digits. A number of the wrong length cannot be linked to the population register, and the person drops out or is counted twice. Source: the rules for identity numbers (Skatteetaten, e-helse) (confirmed).",
        fix_nb: "Rett nummeret på personen i fagsystemet. Ofte mangler en null først (særlig hvis filen har vært åpnet i Excel), eller det har fått mellomrom eller bindestrek; lag så et nytt uttrekk.",
        fix_en: "Correct the number on the person in the EPJ system. Often a leading zero is missing (especially if the file has been opened in Excel), or spaces or hyphens have crept in; then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(fid_not_eleven_digits),
        raised_by: &[],
    },
    Rule {
        code: "PER-03",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Kontrollsifrene i fødselsnummeret stemmer ikke",
        title_en: "The identity number's check digits are wrong",
        why_nb: "De to siste sifrene er kontrollsifre regnet ut fra de ni første. Stemmer de ikke, er nummeret feilskrevet og kan ikke kobles til riktig person. Kilde: reglene for fødselsnummer (Skatteetaten) og SSBs kontrollprogram (sikkert).",
        why_en: "The last two digits are check digits computed from the first nine. If they do not match, the number is mistyped and cannot be linked to the right person. Source: the rules for identity numbers (Skatteetaten) and SSB's control program (confirmed).",
        fix_nb: "Sjekk nummeret mot folkeregisteret og rett det på personen i fagsystemet; ofte er to sifre byttet om. Lag så et nytt uttrekk.",
        fix_en: "Check the number against the population register and correct it on the person in the EPJ system; often two digits have been swapped. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(fid_check_digits_wrong),
        raised_by: &[],
    },
    Rule {
        code: "PER-04",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Fødselsnummeret har en umulig dato eller individnummer",
        title_en: "The identity number has an impossible date or individual number",
        why_nb: "De seks første sifrene er en dato; i et D-nummer er første siffer økt med 4, og i et H-nummer er måneden økt med 40. En dato som ikke finnes, eller et individnummer som ikke passer med noe århundre, betyr at nummeret er feil. Kilde: reglene for fødselsnummer og D-nummer (Skatteetaten, e-helse) (sikkert).",
        why_en: "The first six digits are a date; in a D number the first digit is raised by 4, and in an H number the month is raised by 40. A date that does not exist, or an individual number that fits no century, means the number is wrong. Source: the rules for identity and D numbers (Skatteetaten, e-helse) (confirmed).",
        fix_nb: "Sjekk nummeret mot folkeregisteret og rett det på personen i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Check the number against the population register and correct it on the person in the EPJ system. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(fid_date_impossible),
        raised_by: &[],
    },
    Rule {
        code: "PER-05",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Type identitetsnummer mangler eller stemmer ikke med nummeret",
        title_en: "Identity type missing or inconsistent with the number",
        why_nb: "I identmeldingen sier `typeID` hva slags nummer `fid` er (1 fødselsnummer, 2 D-nummer, 3 H-nummer og så videre). En type som mangler eller er feil, kan gjøre at mottakeren leser nummeret feil. Kilde: skjemaet for identmeldingen og kodeverk 9032 (sikkert).",
        why_en: "In the identity message `typeID` says what kind of number `fid` is (1 national identity number, 2 D number, 3 H number and so on). A missing or wrong type may make the receiver read the number wrongly. Source: the identity message schema and code list 9032 (confirmed).",
        fix_nb: "Rett nummertypen på personen i fagsystemet, eller meld fra til leverandøren hvis typen settes automatisk. Lag så et nytt uttrekk.",
        fix_en: "Correct the number type on the person in the EPJ system, or tell the vendor if the type is set automatically. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(type_id_wrong),
        raised_by: &[],
    },
    Rule {
        code: "PER-06",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Hjelpenummer i stedet for fødselsnummer",
        title_en: "Help number instead of a national identity number",
        why_nb: "H-nummer og felles hjelpenummer er midlertidige numre i helsetjenesten og kan ikke kobles til folkeregisteret, så personen kan bli telt to ganger eller falle ut. De skal erstattes med fødselsnummer eller D-nummer når det er kjent. Kilde: e-helse om hjelpenummer (sikkert).",
        why_en: "H numbers and common help numbers are temporary numbers in the health service and cannot be linked to the population register, so the person may be counted twice or drop out. They are to be replaced by the national identity number or D number once it is known. Source: e-helse on help numbers (confirmed).",
        fix_nb: "Slå opp personen i folkeregisteret, registrer fødselsnummeret eller D-nummeret i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Look the person up in the population register, record the national identity number or D number in the EPJ system, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(help_number),
        raised_by: &[],
    },
    Rule {
        code: "PER-07",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Syntetisk testperson i filen",
        title_en: "A synthetic test person in the file",
        why_nb: "Nummeret har måneden økt med 80, noe som bare brukes for syntetiske testpersoner i Skatteetatens testmiljø. En testperson er ingen ekte bruker og gir feil tall; Helsedirektoratet fant slike testbrukere i dataene for 2022. Kilde: SSBs kontrollprogram og Helsedirektoratets telleregler for KPR-data (sikkert).",
        why_en: "The number has its month raised by 80, which is used only for synthetic test persons in Skatteetaten's test environment. A test person is not a real user and distorts the figures; Helsedirektoratet found such test users in the 2022 data. Source: SSB's control program and Helsedirektoratet's counting rules for KPR data (confirmed).",
        fix_nb: "Slett eller inaktiver testpersonen i produksjonsbasen i fagsystemet, eller hold den utenfor uttrekket. Lag så et nytt uttrekk.",
        fix_en: "Delete or deactivate the test person in the production database of the EPJ system, or keep it out of the extract. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(synthetic_identity),
        raised_by: &[],
    },
    Rule {
        code: "PER-08",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Samme fødselsnummer på flere personer",
        title_en: "The same identity number on more than one person",
        why_nb: "Hver person skal stå én gang i filen. Når to personer har samme nummer, blir de slått sammen eller telt dobbelt hos mottakeren, og tjenester kan havne på feil person. Antatt: regelen følger av datamodellen, men ingen kilde fra mottakeren sier det rett ut.",
        why_en: "Each person is to appear once in the file. When two persons share a number, the receiver merges them or counts them twice, and services may end up on the wrong person. Inferred: the rule follows from the data model, but no source from the receiver states it outright.",
        fix_nb: "Finn de to personene i fagsystemet: er det samme person registrert to ganger, slå dem sammen; er ett av numrene feil, rett det. Lag så et nytt uttrekk.",
        fix_en: "Find the two persons in the EPJ system: if the same person is registered twice, merge them; if one of the numbers is wrong, correct it. Then make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "PER-09",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Samme person-ID (pePeID) på flere personer",
        title_en: "The same person ID (pePeID) on more than one person",
        why_nb: "`pePeID` er personens nøkkel i filen, og tjenester, vurderinger og diagnoser henger på den. To personer med samme nøkkel blir blandet sammen hos mottakeren. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`pePeID` is the person's key in the file, and services, assessments and diagnoses hang on it. Two persons with the same key get mixed up at the receiver. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Dette er nesten alltid en feil i uttrekket. Meld fra til leverandøren av fagsystemet, og lag et nytt uttrekk når feilen er rettet.",
        fix_en: "This is almost always an error in the extract. Tell the vendor of the EPJ system, and make a new extract once the error is fixed.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &["csv_reader"],
    },
    Rule {
        code: "PER-23",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Fødselsnummer etter ny regel for kontrollsifre (fra 2032)",
        title_en: "Identity number under the new check-digit rule (from 2032)",
        why_nb: "Nummeret er gyldig bare etter Skatteetatens nye regel for kontrollsifre, som skal gi flere mulige fødselsnumre fra 2032. Det er uvanlig i en fil for dette året og kan være en skrivefeil. Antatt: regelen bygger på Skatteetatens omtale av det nye fødselsnummeret, ikke på en kilde vi har lest i sin helhet.",
        why_en: "The number is valid only under Skatteetaten's new check-digit rule, meant to provide more identity numbers from 2032. That is unusual in a file for this year and may be a typing error. Inferred: the rule rests on Skatteetaten's description of the new identity number, not on a source we have read in full.",
        fix_nb: "Sjekk nummeret mot folkeregisteret. Er det riktig, trenger du ikke gjøre noe; er det feil, rett det i fagsystemet og lag et nytt uttrekk.",
        fix_en: "Check the number against the population register. If it is right, nothing needs doing; if it is wrong, correct it in the EPJ system and make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Person(check_digits_2032),
        raised_by: &[],
    },
    Rule {
        code: "PER-25",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Kjønn stemmer ikke med fødselsnummeret",
        title_en: "Sex does not match the identity number",
        why_nb: "Det niende sifferet i fødselsnummeret er et oddetall for menn og et partall for kvinner. Når `peKjonn` sier noe annet, er enten kjønnet eller nummeret registrert feil. Kilde: reglene for fødselsnummer (e-helse) (sikkert).",
        why_en: "The ninth digit of the identity number is odd for men and even for women. When `peKjonn` says otherwise, either the sex or the number is recorded wrongly. Source: the rules for identity numbers (e-helse) (confirmed).",
        fix_nb: "Sjekk personen i folkeregisteret og rett kjønn eller fødselsnummer i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Check the person in the population register and correct the sex or identity number in the EPJ system. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(sex_contradicts_fid),
        raised_by: &[],
    },
    Rule {
        code: "PER-26",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Alderen stemmer ikke med fødselsnummeret",
        title_en: "Age does not match the identity number",
        why_nb: "`peAlder` avviker med mer enn ett år fra alderen fødselsnummeret gir ved utgangen av året, så personen havner i feil aldersgruppe. Kilde: reglene for fødselsnummer (e-helse) og IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`peAlder` differs by more than one year from the age the identity number gives at the end of the year, so the person lands in the wrong age group. Source: the rules for identity numbers (e-helse) and the IPLOS schema 2018 (confirmed).",
        fix_nb: "Sjekk fødselsdatoen i folkeregisteret og rett den eller fødselsnummeret i fagsystemet. Regner fagsystemet alderen feil, meld fra til leverandøren; lag så et nytt uttrekk.",
        fix_en: "Check the date of birth in the population register and correct it or the identity number in the EPJ system. If the EPJ system computes the age wrongly, tell the vendor; then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Person(age_contradicts_fid),
        raised_by: &[],
    },
    Rule {
        code: "PER-28",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Person-ID-en (pePeID) ser ut som et fødselsnummer",
        title_en: "The person ID (pePeID) looks like an identity number",
        why_nb: "Fra 2018 skal fagmeldingen ikke inneholde fødselsnummer: det står bare i identmeldingen, og fagmeldingen kobles til den med `pePeID`, en intern nøkkel i fagsystemet. Er `pePeID` selve fødselsnummeret, får registeret identiteten i fagmeldingen også, og den følger med i hver rad for personen. Før 2018 skulle fødselsnummeret stå i `peFnr`, ikke i `pePeID`. Kilde: IPLOS-skjemaet 2018 og KPR-forskriften om pseudonymisert fagmelding (antatt at registeret ikke avviser filen for dette).",
        why_en: "From 2018 the data message must not hold identity numbers: they belong in the identmelding only, linked to the data message by `pePeID`, an internal key of the EPJ system. When `pePeID` is the identity number itself, the register gets the identity in the data message too, in every row of the person. Before 2018 the identity number belonged in `peFnr`, not in `pePeID`. Source: the IPLOS schema 2018 and the KPR Regulation on the pseudonymised data message (inferred that the register does not reject the file for this).",
        fix_nb: "Ikke send filen slik. Be leverandøren av fagsystemet om å bruke personens interne nummer (ikke fødselsnummeret) som `pePeID` i uttrekket, og lag et nytt uttrekk.",
        fix_en: "Do not send the file like this. Ask the vendor of the EPJ system to use the person's internal number (not the identity number) as `pePeID` in the extract, and make a new extract.",
        confidence: Confidence::Inferred,
        check: Check::Flow,
        raised_by: &[],
    },
];

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

/// Every `pePeID` and identity number seen, for PER-08 and PER-09
/// (memory per person: a number, not a string, for the usual digits).
#[derive(Default)]
pub(crate) struct SeenPersons {
    /// `pePeID`: the person's index and the line of its start.
    pe_ids: IdTable<(u32, u32)>,
    fids: IdTable<u32>,
    /// Persons whose `pePeID` reads as an identity number (PER-28): how
    /// many, where the first is, and a few masked examples.
    pe_id_fnr: (usize, crate::finding::Pos, Vec<String>),
}

impl SeenPersons {
    /// PER-09, a `pePeID` used before, and PER-08, an identity number used
    /// before on another person; then remembers the person's.
    pub(crate) fn check(&mut self, p: &Person, o: &mut FlowOut) {
        let mut same_pe_id = false;
        if let Some(id) = p.pe_id() {
            if looks_like_identity(id) {
                let (n, first, examples) = &mut self.pe_id_fnr;
                if *n == 0 {
                    *first = p.rec.pos;
                }
                *n += 1;
                if examples.len() < 3 {
                    examples.push(fnr::mask(id));
                }
            }
            if let Some((first, line)) = self.pe_ids.get(id) {
                same_pe_id = true;
                o.push(
                    "PER-09",
                    p.rec.pos,
                    format!("pePeID {id} er brukt før, på person nr. {first} (linje {line})."),
                    format!("pePeID {id} was used before, on person no. {first} (line {line})."),
                    Source::Fagmelding,
                );
            } else {
                self.pe_ids.keep_first(id, (p.index, p.rec.pos.line));
            }
        }
        if let Some(fid) = p.fid() {
            // The same pePeID and number again is one problem (PER-09), not two.
            if let Some(first) = self.fids.get(fid).filter(|_| !same_pe_id) {
                let pos = p.ident_pos.unwrap_or(p.rec.pos);
                let file = if p.ident_pos.is_some() {
                    Source::Ident
                } else {
                    Source::Fagmelding
                };
                o.push(
                    "PER-08",
                    pos,
                    format!("Fødselsnummeret {} er brukt på mer enn én person (også person nr. {first}).", fnr::mask(fid)),
                    format!("Identity number {} is used on more than one person (also person no. {first}).", fnr::mask(fid)),
                    file,
                );
            } else if fid.len() == 11 {
                self.fids.keep_first(fid, p.index);
            }
        }
    }
}

impl SeenPersons {
    /// PER-28, once for the file: the persons whose `pePeID` reads as an
    /// identity number, counted, with up to three masked examples.
    pub(crate) fn pe_ids_as_identities(&mut self, o: &mut FlowOut) {
        let (n, pos, examples) = std::mem::take(&mut self.pe_id_fnr);
        if n == 0 {
            return;
        }
        let examples = examples.join(", ");
        let (pn, pe) = if n == 1 {
            ("person", "person")
        } else {
            ("personer", "persons")
        };
        o.push(
            "PER-28",
            pos,
            format!("{n} {pn} har en pePeID som ser ut som et fødselsnummer (for eksempel {examples}). Registeret får da identiteten i fagmeldingen."),
            format!("{n} {pe} have a pePeID that looks like an identity number (for example {examples}). The register then gets the identity in the data message."),
            Source::Fagmelding,
        );
    }
}

/// Whether a `pePeID` reads as a Norwegian identity number: eleven digits
/// with a possible birth date and valid check digits (any kind: F, D, H or
/// synthetic; classic or 2032 rule). PER-28.
fn looks_like_identity(id: &str) -> bool {
    if id.len() != 11 {
        return false;
    }
    let a = fnr::analyse(id);
    a.eleven_digits && a.date_ok && a.check != CheckDigits::Invalid
}

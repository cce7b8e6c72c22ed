//! FIL rules on the file header (`INNHINFO` and the root element).
//!
//! The rules about decoding, structure, the reporting year and the
//! sender (FIL-01 to FIL-06, FIL-08 to FIL-10, FIL-16, FIL-17) are raised by
//! the readers and the engine; these judge the header's content. A CSV
//! export has no header, so they leave it alone.

use std::collections::BTreeSet;

use super::{date, Check, Ctx, FlowOut, Out, Rule, ALL_YEARS, FROM_2018};
use crate::codes::{self, KommuneStatus, FIRST_YEAR, LAST_YEAR};
use crate::date::Date;
use crate::finding::{Confidence, Pos, Severity, Source};
use crate::model::{Field, Header};

/// The FIL rules on the year, the sender and the header: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "FIL-04",
        severity: Severity::Fatal,
        years: ALL_YEARS,
        title_nb: "Rapporteringsåret mangler eller er utenfor 2016–2026",
        title_en: "Reporting year missing or outside 2016–2026",
        why_nb: "Nesten alle regler avhenger av året: gyldige kommunenummer, tjenestekoder og datogrenser. Uten et år, fra perioden `iiFraDato`–`iiTilDato` eller valgt av deg, kan filen ikke kontrolleres. Kilde: IPLOS-skjemaet 2018 og plikten til å rapportere per kalenderår (sikkert).",
        why_en: "Almost every rule depends on the year: valid municipality numbers, service codes and date limits. Without a year, from the period `iiFraDato`–`iiTilDato` or chosen by you, the file cannot be checked. Source: the IPLOS schema 2018 and the duty to report per calendar year (confirmed).",
        fix_nb: "Velg rapporteringsåret når du kontrollerer en CSV-fil uten periode. Har en XML-fil feil periode, rett uttrekksperioden i fagsystemet og lag et nytt uttrekk.",
        fix_en: "Choose the reporting year when you check a CSV file without a period. If an XML file has the wrong period, correct the extract period in the EPJ system and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "FIL-05",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Filens år er et annet enn året du valgte",
        title_en: "The file's year differs from the year you chose",
        why_nb: "Filen er kontrollert for året i perioden `iiFraDato`–`iiTilDato`, fordi det er det året mottakeren leser den som. Er det feil fil, gjelder kontrollen ikke det året du mente. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The file was checked for the year of its period `iiFraDato`–`iiTilDato`, because that is the year the receiver reads it as. If it is the wrong file, the check does not cover the year you meant. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Sjekk at du har valgt riktig fil. Skal filen gjelde et annet år, lag et nytt uttrekk for riktig periode i fagsystemet.",
        fix_en: "Check that you chose the right file. If the file should cover another year, make a new extract for the right period in the EPJ system.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "FIL-06",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Kommunenummeret i filhodet mangler eller er ugyldig",
        title_en: "Municipality number in the header missing or invalid",
        why_nb: "`iiKomnr` sier hvilken kommune som rapporterer, og skal være nummeret som gjaldt i rapporteringsåret. Er det ukjent for året, kan mottakeren ikke knytte filen til kommunen, og filen vil trolig bli avvist. Kilde: IPLOS-skjemaet 2018 og Helsedirektoratets krav til rapportering (sikkert).",
        why_en: "`iiKomnr` says which municipality is reporting and must be the number valid in the reporting year. If it is unknown for that year, the receiver cannot tie the file to the municipality, and the file will probably be rejected. Source: the IPLOS schema 2018 and Helsedirektoratet's reporting requirements (confirmed).",
        fix_nb: "Rett kommunenummeret i oppsettet for IPLOS-uttrekket i fagsystemet (ofte en innstilling hos EPJ-administrator). Etter en kommunesammenslåing brukes det nye nummeret fra det året det gjelder; lag så et nytt uttrekk.",
        fix_en: "Correct the municipality number in the IPLOS extract settings in the EPJ system (often a setting for the EPJ administrator). After a municipal merger, use the new number from the year it applies; then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "FIL-07",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Fagsystem eller versjon mangler i filhodet",
        title_en: "EPJ system or version missing from the header",
        why_nb: "`iiSysID` og `iiSysVersjon` viser hvilket fagsystem og hvilken versjon som laget filen, slik at feil kan spores til leverandøren. Skjemaet krever begge feltene. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`iiSysID` and `iiSysVersjon` show which EPJ system and which version made the file, so errors can be traced to the vendor. The schema requires both fields. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Feltene fylles ut av fagsystemet selv. Meld fra til leverandøren, og lag et nytt uttrekk når uttrekket er rettet.",
        fix_en: "The EPJ system fills in these fields itself. Tell the vendor, and make a new extract once the extract has been fixed.",
        confidence: Confidence::Confirmed,
        check: Check::Header(system_missing),
        raised_by: &[],
    },
    Rule {
        code: "FIL-08",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Filen inneholder ingen personer",
        title_en: "The file holds no persons",
        why_nb: "Kommunen skal sende filen selv om den er ufullstendig, men en fil uten en eneste person betyr som regel at uttrekket har feilet, og kommunen får da ingen brukere i statistikken. Kilde: Helsedirektoratets side om rapportering til KPR (sikkert).",
        why_en: "The municipality must send the file even when it is incomplete, but a file without a single person usually means the extract failed, and the municipality then gets no service users in the statistics. Source: Helsedirektoratet's page on reporting to KPR (confirmed).",
        fix_nb: "Kontroller utvalget for uttrekket i fagsystemet (periode, enheter og tjenester) og lag et nytt uttrekk. Har kommunen virkelig ingen brukere å rapportere, kan filen sendes som den er.",
        fix_en: "Check the selection for the extract in the EPJ system (period, units and services) and make a new extract. If the municipality really has no users to report, the file can be sent as it is.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &[],
    },
    Rule {
        code: "FIL-13",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Filhodet (INNHINFO) er ufullstendig eller feil",
        title_en: "The file header (INNHINFO) is incomplete or wrong",
        why_nb: "Skjemaet krever `iiInnhType` P og to eller tre kontaktpersoner (`iiKontakt`) med type, navn, telefon og e-post, slik at mottakeren vet hvem som skal kontaktes om feil. Et brudd gjør at filen ikke validerer. Kilde: IPLOS-skjemaet 2018 (sikkert); at filen da avvises, er antatt.",
        why_en: "The schema requires `iiInnhType` P and two or three contact persons (`iiKontakt`) with type, name, telephone and e-mail, so the receiver knows whom to contact about errors. A breach makes the file fail validation. Source: the IPLOS schema 2018 (confirmed); that the file is then rejected is inferred.",
        fix_nb: "Legg inn kontaktpersonene for IPLOS-rapporteringen (innsendingsansvarlig og IPLOS-kontaktperson) med navn, telefon og e-post i oppsettet for uttrekket i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Enter the contact persons for IPLOS reporting (the person responsible for sending and the IPLOS contact) with name, telephone and e-mail in the extract settings of the EPJ system. Then make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Header(innhinfo_wrong),
        raised_by: &[],
    },
    Rule {
        code: "FIL-14",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "Perioden er ikke ett helt kalenderår",
        title_en: "The period is not one whole calendar year",
        why_nb: "IPLOS rapporteres for ett kalenderår om gangen, 1. januar til 31. desember. En kortere eller lengre periode gir feil tall: tjenester mangler eller telles i feil år. Kilde: plikten til å rapportere per kalenderår og IPLOS-skjemaet 2018 (sikkert).",
        why_en: "IPLOS is reported one calendar year at a time, 1 January to 31 December. A shorter or longer period gives wrong figures: services are missing or counted in the wrong year. Source: the duty to report per calendar year and the IPLOS schema 2018 (confirmed).",
        fix_nb: "Sett uttrekksperioden i fagsystemet til 1. januar–31. desember i rapporteringsåret, og lag et nytt uttrekk.",
        fix_en: "Set the extract period in the EPJ system to 1 January–31 December of the reporting year, and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Header(period_not_a_year),
        raised_by: &[],
    },
    Rule {
        code: "FIL-15",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Ukjent versjon eller navnerom",
        title_en: "Unknown version or namespace",
        why_nb: "Filen er kontrollert som IPLOS 2018 (versjon 3.5), det eneste skjemaet som er offentlig. Et versjonsnummer eller navnerom som mottakeren ikke støtter, kan gjøre at filen blir avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The file was checked as IPLOS 2018 (version 3.5), the only schema that is public. A version number or namespace the receiver does not support may get the file rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Sjekk med leverandøren at fagsystemet lager filen i den versjonen mottakeren krever for dette året. Hvis ikke, oppdater fagsystemet og lag et nytt uttrekk.",
        fix_en: "Check with the vendor that the EPJ system writes the file in the version the receiver requires for this year. If not, update the EPJ system and make a new extract.",
        confidence: Confidence::Confirmed,
        check: Check::Header(version_unknown),
        raised_by: &[],
    },
    Rule {
        code: "FIL-16",
        severity: Severity::Info,
        years: FROM_2018,
        title_nb: "Ingen identmelding: identitetskontroller er hoppet over",
        title_en: "No identity message: identity checks skipped",
        why_nb: "Fra 2018 ligger fødselsnumrene i en egen identmelding, ikke i selve IPLOS-filen. Uten den kan vi ikke kontrollere fødselsnummer, kjønn, alder eller koblingen mellom de to filene. Kilde: IPLOS-skjemaet 2018 og skjemaet for identmeldingen (sikkert).",
        why_en: "From 2018 the identity numbers travel in a separate identity message, not in the IPLOS file itself. Without it we cannot check identity numbers, sex, age or the link between the two files. Source: the IPLOS schema 2018 and the identity message schema (confirmed).",
        fix_nb: "Ingen retting er nødvendig. Vil du ha med disse kontrollene, last opp identmeldingen fra samme uttrekk sammen med IPLOS-filen.",
        fix_en: "No correction is needed. To include these checks, load the identity message from the same extract together with the IPLOS file.",
        confidence: Confidence::Confirmed,
        check: Check::Flow,
        raised_by: &[],
    },
];

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

/// The year of the file's period (`iiFraDato`, else `iiTilDato`).
fn year_from(h: &Header) -> Option<u16> {
    let ii = h.innhinfo.as_ref()?;
    [Field::iiFraDato, Field::iiTilDato]
        .iter()
        .find_map(|f| date(ii, *f).map(|d| d.year))
}

/// FIL-05, a year chosen that is not the file's, and FIL-04, no year or
/// one the checker does not know: the year to check the file for, the
/// file's own before the one chosen.
pub(crate) fn reporting_year(h: &Header, chosen: Option<u16>, o: &mut FlowOut) -> Option<u16> {
    let file_year = year_from(h);
    let pos = h
        .innhinfo
        .as_ref()
        .map_or(h.root.pos, |ii| ii.pos_of(Field::iiFraDato));
    if let (Some(fy), Some(uy)) = (file_year, chosen) {
        if fy != uy {
            o.push(
                "FIL-05",
                pos,
                format!("Du valgte rapporteringsår {uy}, men filen gjelder {fy}. Filen er kontrollert for {fy}."),
                format!("You chose reporting year {uy}, but the file is for {fy}. The file was checked for {fy}."),
                Source::Fagmelding,
            );
        }
    }
    let Some(year) = file_year.or(chosen) else {
        o.push(
            "FIL-04",
            pos,
            "Filen har ingen rapporteringsperiode, og ingen rapporteringsår er valgt. Velg året filen gjelder.".into(),
            "The file has no reporting period, and no reporting year was chosen. Choose the year the file is for.".into(),
            Source::Fagmelding,
        );
        return None;
    };
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        o.push(
            "FIL-04",
            pos,
            format!("Rapporteringsåret {year} støttes ikke; IPLOS-sjekk kjenner årene {FIRST_YEAR}–{LAST_YEAR}."),
            format!("Reporting year {year} is not supported; IPLOS-sjekk knows the years {FIRST_YEAR}–{LAST_YEAR}."),
            Source::Fagmelding,
        );
        return None;
    }
    Some(year)
}

/// FIL-06: the sender, `iiKomnr`, missing or not a municipality in the
/// year; a CSV has none and takes the one chosen. Returns the sender.
pub(crate) fn sender(
    c: &Ctx,
    h: &Header,
    chosen: &Option<String>,
    o: &mut FlowOut,
) -> Option<String> {
    let ii_komnr = h.innhinfo.as_ref().and_then(|ii| {
        ii.text(Field::iiKomnr)
            .map(|v| (v.to_string(), ii.pos_of(Field::iiKomnr)))
    });
    let (nr, pos) = match ii_komnr {
        Some(x) => x,
        None if c.csv => {
            let nr = chosen.clone()?;
            (nr, Pos::default())
        }
        None => {
            let pos = h.innhinfo.as_ref().map_or(h.root.pos, |ii| ii.pos);
            o.push(
                "FIL-06",
                pos,
                "Avsenderkommunen (iiKomnr) mangler i INNHINFO.".into(),
                "The sending municipality (iiKomnr) is missing in INNHINFO.".into(),
                Source::Fagmelding,
            )
            .schema = true;
            return chosen.clone();
        }
    };
    let year = c.year;
    if !matches!(codes::kommune(&nr, year), KommuneStatus::Valid { .. }) {
        let f = o.push(
            "FIL-06",
            pos,
            format!("Avsenderkommunen «{nr}» er ikke en kommune i {year}."),
            format!("The sending municipality «{nr}» is not a municipality in {year}."),
            Source::Fagmelding,
        );
        f.schema = !nr.is_empty() && nr.chars().count() != 4;
    }
    Some(nr)
}

/// FIL-06 for a CSV with no sender given: the municipality of its persons
/// when they all have one, else the finding.
pub(crate) fn sender_of_persons(
    kommuner: &BTreeSet<String>,
    persons: usize,
    o: &mut FlowOut,
) -> Option<String> {
    if kommuner.len() == 1 {
        return kommuner.iter().next().cloned();
    } else if persons > 0 {
        o.push(
            "FIL-06",
            Pos::default(),
            "Avsenderkommunen er ukjent: CSV-filen har ingen kommunekolonne for avsender, og personene hører til flere kommuner. Oppgi kommunen (--kommune).".into(),
            "The sending municipality is unknown: the CSV has no sender column, and the persons belong to several municipalities. Give the municipality (--kommune).".into(),
            Source::Fagmelding,
        );
    }
    None
}

/// FIL-08: a file without persons.
pub(crate) fn no_persons(persons: usize, o: &mut FlowOut) {
    if persons == 0 {
        o.push(
            "FIL-08",
            Pos { line: 1, column: 1 },
            "Filen har ingen personer (PERSON). En tom fil må også sendes, men sjekk at uttrekket er riktig.".into(),
            "The file has no persons (PERSON). An empty file must also be sent, but check the extract.".into(),
            Source::Fagmelding,
        );
    }
}

/// FIL-16: an XML file with persons but neither an identmelding nor
/// identity numbers of its own.
pub(crate) fn no_ident(c: &Ctx, any_pe_fnr: bool, persons: usize, o: &mut FlowOut) {
    if !c.csv && !c.has_ident && !any_pe_fnr && persons > 0 {
        o.push(
            "FIL-16",
            Pos { line: 1, column: 1 },
            "Ingen identmelding er lagt ved: fødselsnumrene er ikke kontrollert. Legg ved identmeldingen for en full kontroll.".into(),
            "No identmelding was given: identity numbers were not checked. Add the identmelding for a full check.".into(),
            Source::Fagmelding,
        );
    }
}

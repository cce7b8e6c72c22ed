//! The wording of every rule in the catalogue (`docs/rules.md`):
//! title, "hvorfor" (why the rule exists and on what source) and "slik
//! retter du" (how the caseworker fixes it), in Norwegian bokmål and in
//! English, plus how sure the source behind the rule is.
//!
//! This module owns text only. Detection lives in the rule modules, and the
//! message for a single finding (with the offending value) is built there;
//! keeping the fixed wording apart lets it be reviewed, proof-read and
//! translated without touching any logic.
//!
//! Conventions used in the texts:
//! - "mottakeren" / "the receiver" is the national register that takes in
//!   the file: SSB for data years up to 2017, Helsedirektoratet (KPR) from
//!   the 2018 data year, and FHI from 1.1.2024 (docs/duties.md §3).
//! - Every "why" names its source and ends with "(sikkert)" / "(confirmed)",
//!   or says "antatt" / "inferred" for the part that rests on our own
//!   reasoning. `confidence` is `Inferred` when the fact the rule depends on
//!   is marked INFERRED in docs/domain.md (or docs/format.md, docs/duties.md).
//! - Official element names are kept in backticks so the EPJ administrator
//!   can find the field. No text contains an identity number.

/// How sure the source behind a rule is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Seen in a named public source (schema, code list, Helsedirektoratet, SSB, ...).
    Confirmed,
    /// Our reasoning from the sources; no source states it outright.
    Inferred,
}

/// The fixed wording of one rule.
#[derive(Debug)]
pub struct RuleText {
    /// The stable rule code, e.g. `TJE-09`.
    pub code: &'static str,
    /// Short Norwegian title (at most 70 characters).
    pub title_nb: &'static str,
    /// Short English title (at most 70 characters).
    pub title_en: &'static str,
    /// "Hvorfor": why the rule exists, naming the source (schema, Helsedirektoratet Q&A, SSB, ...) and saying so when the source is inferred.
    pub why_nb: &'static str,
    /// English version of `why_nb`.
    pub why_en: &'static str,
    /// "Slik retter du": what the caseworker does in the EPJ system to fix it.
    pub fix_nb: &'static str,
    /// English version of `fix_nb`.
    pub fix_en: &'static str,
    /// How sure the source behind the rule is.
    pub confidence: Confidence,
}

use Confidence::{Confirmed, Inferred};

/// Sorted by code.
pub static TEXTS: &[RuleText] = &[
    // ------------------------------------------------------------------
    // DIA: diagnoses
    // ------------------------------------------------------------------
    RuleText {
        code: "DIA-01",
        title_nb: "Ukjent kodeverk for diagnose",
        title_en: "Unknown diagnosis code system",
        why_nb: "`diKodeVersjon` skal være nøyaktig `ICPC-2` eller `ICD-10`. En annen skrivemåte (som ICD10 uten bindestrek) bryter skjemaet, og filen kan bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`diKodeVersjon` must be exactly `ICPC-2` or `ICD-10`. Any other spelling (such as ICD10 without the hyphen) breaks the schema, and the file may be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett kodeverket på diagnosen i fagsystemet, eller meld fra til leverandøren hvis det er uttrekket som skriver det feil. Lag så et nytt uttrekk.",
        fix_en: "Correct the code system on the diagnosis in the EPJ system, or tell the vendor if it is the extract that writes it wrongly. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "DIA-02",
        title_nb: "Diagnosekoden har feil form",
        title_en: "Malformed diagnosis code",
        why_nb: "En ICPC-2-kode er en kapittelbokstav og to sifre (som T90); en ICD-10-kode er en bokstav og to sifre, eventuelt med punktum og ett eller to tegn til (som F03 eller E11.9). En kode med feil form kan ikke tolkes og telles ikke. Kilde: kodeverkene ICPC-2 og ICD-10 (sikkert).",
        why_en: "An ICPC-2 code is a chapter letter and two digits (such as T90); an ICD-10 code is a letter and two digits, optionally followed by a full stop and one or two more characters (such as F03 or E11.9). A malformed code cannot be read and is not counted. Source: the ICPC-2 and ICD-10 code systems (confirmed).",
        fix_nb: "Rett diagnosekoden i fagsystemet, helst ved å velge den fra kodelisten i stedet for å skrive den inn. Lag så et nytt uttrekk.",
        fix_en: "Correct the diagnosis code in the EPJ system, preferably by picking it from the code list instead of typing it. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "DIA-03",
        title_nb: "Samme diagnose to ganger i samme periode",
        title_en: "The same diagnosis twice in the same period",
        why_nb: "Når samme diagnose er registrert to ganger på en person med overlappende perioder, er det som regel en dobbeltregistrering, og tallene for diagnoser blir for høye. Kilde: IPLOS-skjemaet 2018, én post per diagnose (sikkert).",
        why_en: "When the same diagnosis is recorded twice for a person with overlapping periods, it is usually a duplicate entry, and the diagnosis figures come out too high. Source: the IPLOS schema 2018, one record per diagnosis (confirmed).",
        fix_nb: "Slett den doble registreringen i fagsystemet, eller avslutt den ene med riktig tildato. Lag så et nytt uttrekk.",
        fix_en: "Delete the duplicate entry in the EPJ system, or end one of them with the correct to date. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "DIA-04",
        title_nb: "Diagnosedatoene er i feil rekkefølge eller etter året",
        title_en: "Diagnosis dates out of order or after the year",
        why_nb: "`diFraDato` kan ikke være etter `diTilDato`, og en diagnose som starter etter 31. desember, hører ikke til rapporteringsåret. Diagnosen kan da ikke brukes. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`diFraDato` cannot be after `diTilDato`, and a diagnosis that starts after 31 December does not belong to the reporting year. The diagnosis cannot be used. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett fra- og tildato på diagnosen i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the from and to dates on the diagnosis in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    // ------------------------------------------------------------------
    // FIL: the file as a whole
    // ------------------------------------------------------------------
    RuleText {
        code: "FIL-01",
        title_nb: "Filen kan ikke leses (ikke gyldig XML eller CSV)",
        title_en: "The file cannot be read (not valid XML or CSV)",
        why_nb: "Filen er ødelagt eller ikke en XML- eller CSV-fil, så ingenting i den kan kontrolleres. En XML-fil som ikke er velformet, kan heller ikke leses av mottakeren og blir avvist i sin helhet. Kilde: XML-standarden og e-helses kodeverk for meldingskvittering, kode T01 (sikkert).",
        why_en: "The file is damaged or is not an XML or CSV file, so nothing in it can be checked. An XML file that is not well-formed cannot be read by the receiver either and is rejected as a whole. Source: the XML standard and e-helse's code list for message receipts, code T01 (confirmed).",
        fix_nb: "Se på linjen og kolonnen i meldingen: ofte er filen avkortet fordi uttrekket ble avbrutt, eller den er åpnet og lagret i et annet program. Lag et nytt uttrekk fra fagsystemet og send det uten å redigere det.",
        fix_en: "Look at the line and column in the message: often the file is truncated because the extract was interrupted, or it has been opened and saved in another program. Make a new extract from the EPJ system and send it without editing it.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-02",
        title_nb: "Ukjent filoppbygging (ikke en IPLOS-fil)",
        title_en: "Unknown file structure (not an IPLOS file)",
        why_nb: "Filen kan leses, men rotelementet er ikke `IPLOS` eller en identmelding, eller CSV-overskriften har ingen kjente kolonnenavn. Da vet vi ikke hva filen inneholder, og ingen regler kan kjøres. Kontrollen stopper også her når filen er bygd slik ingen ekte IPLOS-fil er: elementer nøstet dypere enn 64 nivåer, eller én person med mer enn 100 000 elementer eller 20 000 CSV-rader (slik holder minnebruken seg nede). Kilde: IPLOS-skjemaet 2018 og skjemaet for identmeldingen (sikkert).",
        why_en: "The file can be read, but its root element is not `IPLOS` or an identity message, or the CSV header has no known column names. We cannot tell what the file holds, so no rules can run. The check also stops here when the file is built as no real IPLOS file is: elements nested deeper than 64 levels, or one person with more than 100 000 elements or 20 000 CSV rows (this keeps memory use down). Source: the IPLOS schema 2018 and the identity message schema (confirmed).",
        fix_nb: "Kontroller at du har valgt IPLOS-filen fra fagsystemet og ikke en annen rapport eller en kvittering. En CSV-fil må ha en første linje med feltnavn, for eksempel `peKomnr` og `tjTjenType`, eller kjente navn som kommunenr og tjenestekode.",
        fix_en: "Check that you chose the IPLOS file from the EPJ system and not another report or a receipt. A CSV file needs a first line of field names, for example `peKomnr` and `tjTjenType`, or known names such as kommunenr and tjenestekode.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-03",
        title_nb: "Tegnsettet i XML-deklarasjonen stemmer ikke med filen",
        title_en: "The XML encoding declaration does not match the file",
        why_nb: "Når `encoding=` i første linje sier noe annet enn tegnsettet filen faktisk er lagret i, kan æ, ø og å bli feil hos mottakeren, eller filen kan bli avvist. I 2018-skjemaene er IPLOS-filen UTF-8 og identmeldingen ISO-8859-1. Kilde: XML-standarden og skjemaene fra 2018 (sikkert).",
        why_en: "When `encoding=` in the first line names another character set than the one the file is actually stored in, æ, ø and å may come out wrong at the receiver, or the file may be rejected. In the 2018 schemas the IPLOS file is UTF-8 and the identity message ISO-8859-1. Source: the XML standard and the 2018 schemas (confirmed).",
        fix_nb: "Dette skjer nesten alltid når filen er åpnet og lagret på nytt i et annet program. Lag et nytt uttrekk fra fagsystemet og send det uendret; er feilen der også, meld fra til leverandøren.",
        fix_en: "This almost always happens when the file has been opened and saved again in another program. Make a new extract from the EPJ system and send it unchanged; if the error is there too, tell the vendor.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-04",
        title_nb: "Rapporteringsåret mangler eller er utenfor 2016–2026",
        title_en: "Reporting year missing or outside 2016–2026",
        why_nb: "Nesten alle regler avhenger av året: gyldige kommunenummer, tjenestekoder og datogrenser. Uten et år, fra perioden `iiFraDato`–`iiTilDato` eller valgt av deg, kan filen ikke kontrolleres. Kilde: IPLOS-skjemaet 2018 og plikten til å rapportere per kalenderår (sikkert).",
        why_en: "Almost every rule depends on the year: valid municipality numbers, service codes and date limits. Without a year, from the period `iiFraDato`–`iiTilDato` or chosen by you, the file cannot be checked. Source: the IPLOS schema 2018 and the duty to report per calendar year (confirmed).",
        fix_nb: "Velg rapporteringsåret når du kontrollerer en CSV-fil uten periode. Har en XML-fil feil periode, rett uttrekksperioden i fagsystemet og lag et nytt uttrekk.",
        fix_en: "Choose the reporting year when you check a CSV file without a period. If an XML file has the wrong period, correct the extract period in the EPJ system and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-05",
        title_nb: "Filens år er et annet enn året du valgte",
        title_en: "The file's year differs from the year you chose",
        why_nb: "Filen er kontrollert for året i perioden `iiFraDato`–`iiTilDato`, fordi det er det året mottakeren leser den som. Er det feil fil, gjelder kontrollen ikke det året du mente. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The file was checked for the year of its period `iiFraDato`–`iiTilDato`, because that is the year the receiver reads it as. If it is the wrong file, the check does not cover the year you meant. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Sjekk at du har valgt riktig fil. Skal filen gjelde et annet år, lag et nytt uttrekk for riktig periode i fagsystemet.",
        fix_en: "Check that you chose the right file. If the file should cover another year, make a new extract for the right period in the EPJ system.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-06",
        title_nb: "Kommunenummeret i filhodet mangler eller er ugyldig",
        title_en: "Municipality number in the header missing or invalid",
        why_nb: "`iiKomnr` sier hvilken kommune som rapporterer, og skal være nummeret som gjaldt i rapporteringsåret. Er det ukjent for året, kan mottakeren ikke knytte filen til kommunen, og filen vil trolig bli avvist. Kilde: IPLOS-skjemaet 2018 og Helsedirektoratets krav til rapportering (sikkert).",
        why_en: "`iiKomnr` says which municipality is reporting and must be the number valid in the reporting year. If it is unknown for that year, the receiver cannot tie the file to the municipality, and the file will probably be rejected. Source: the IPLOS schema 2018 and Helsedirektoratet's reporting requirements (confirmed).",
        fix_nb: "Rett kommunenummeret i oppsettet for IPLOS-uttrekket i fagsystemet (ofte en innstilling hos EPJ-administrator). Etter en kommunesammenslåing brukes det nye nummeret fra det året det gjelder; lag så et nytt uttrekk.",
        fix_en: "Correct the municipality number in the IPLOS extract settings in the EPJ system (often a setting for the EPJ administrator). After a municipal merger, use the new number from the year it applies; then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-07",
        title_nb: "Fagsystem eller versjon mangler i filhodet",
        title_en: "EPJ system or version missing from the header",
        why_nb: "`iiSysID` og `iiSysVersjon` viser hvilket fagsystem og hvilken versjon som laget filen, slik at feil kan spores til leverandøren. Skjemaet krever begge feltene. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`iiSysID` and `iiSysVersjon` show which EPJ system and which version made the file, so errors can be traced to the vendor. The schema requires both fields. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Feltene fylles ut av fagsystemet selv. Meld fra til leverandøren, og lag et nytt uttrekk når uttrekket er rettet.",
        fix_en: "The EPJ system fills in these fields itself. Tell the vendor, and make a new extract once the extract has been fixed.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-08",
        title_nb: "Filen inneholder ingen personer",
        title_en: "The file holds no persons",
        why_nb: "Kommunen skal sende filen selv om den er ufullstendig, men en fil uten en eneste person betyr som regel at uttrekket har feilet, og kommunen får da ingen brukere i statistikken. Kilde: Helsedirektoratets side om rapportering til KPR (sikkert).",
        why_en: "The municipality must send the file even when it is incomplete, but a file without a single person usually means the extract failed, and the municipality then gets no service users in the statistics. Source: Helsedirektoratet's page on reporting to KPR (confirmed).",
        fix_nb: "Kontroller utvalget for uttrekket i fagsystemet (periode, enheter og tjenester) og lag et nytt uttrekk. Har kommunen virkelig ingen brukere å rapportere, kan filen sendes som den er.",
        fix_en: "Check the selection for the extract in the EPJ system (period, units and services) and make a new extract. If the municipality really has no users to report, the file can be sent as it is.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-09",
        title_nb: "Ukjent element, attributt eller kolonne",
        title_en: "Unknown element, attribute or column",
        why_nb: "Navnet finnes ikke i IPLOS-skjemaet 2018, så innholdet blir ikke kontrollert. Det kan være et nytt felt fra versjon 3.7, som ikke er offentlig, en skrivefeil eller en ekstra kolonne i et regneark. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The name is not in the IPLOS schema 2018, so its content is not checked. It may be a new field from version 3.7, which is not public, a typing error or an extra column in a spreadsheet. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Ingen handling er nødvendig hvis feltet kommer fra fagsystemet. Har du lagt til eller endret kolonner selv, fjern dem eller bruk de offisielle feltnavnene, og kontroller filen på nytt.",
        fix_en: "No action is needed if the field comes from the EPJ system. If you added or renamed columns yourself, remove them or use the official field names, and check the file again.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-10",
        title_nb: "CSV-rad med feil antall felt",
        title_en: "CSV row with the wrong number of fields",
        why_nb: "Når en rad har flere eller færre felt enn overskriften, havner verdiene i feil kolonne, for eksempel en dato som tjenestekode, og raden kan ikke leses riktig. Kilde: CSV-formatet (RFC 4180) (sikkert).",
        why_en: "When a row has more or fewer fields than the header, values end up in the wrong column, for example a date as the service code, and the row cannot be read correctly. Source: the CSV format (RFC 4180) (confirmed).",
        fix_nb: "Se etter skilletegn inne i en verdi (for eksempel semikolon eller komma i et navn) uten anførselstegn rundt, eller linjeskift inne i et felt. Lag et nytt uttrekk fra fagsystemet, eller rett dataene der, ikke bare i regnearket.",
        fix_en: "Look for a delimiter inside a value (for example a semicolon or comma in a name) without quotes around it, or a line break inside a field. Make a new extract from the EPJ system, or correct the data there, not only in the spreadsheet.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-11",
        title_nb: "Påkrevd felt mangler, eller et felt står to ganger",
        title_en: "Required field missing, or a field given twice",
        why_nb: "Skjemaet sier hvor mange ganger hvert felt skal stå i en post. Et påkrevd felt som mangler, eller et felt som står dobbelt, gjør at filen ikke validerer mot skjemaet. Kilde: IPLOS-skjemaet 2018 (sikkert); at mottakeren da avviser hele filen, er antatt.",
        why_en: "The schema says how many times each field may appear in a record. A missing required field, or a field given twice, makes the file fail validation against the schema. Source: the IPLOS schema 2018 (confirmed); that the receiver then rejects the whole file is inferred.",
        fix_nb: "Finn posten ut fra linjenummeret, og fyll inn det manglende feltet eller fjern den doble registreringen i fagsystemet. Lag så et nytt uttrekk; skyldes feilen selve uttrekket, meld fra til leverandøren.",
        fix_en: "Find the record from the line number, and fill in the missing field or remove the duplicate entry in the EPJ system. Then make a new extract; if the extract itself causes the error, tell the vendor.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-12",
        title_nb: "Ugyldig verdi: feil type eller ikke i kodelisten",
        title_en: "Invalid value: wrong type or not in the code list",
        why_nb: "Verdien kan ikke tolkes: en dato som ikke finnes (som 31. februar), tekst der det skal stå et tall, eller en kode som ikke er i feltets kodeliste. Mottakeren kan ikke bruke verdien, og et brudd på skjemaet kan gjøre at filen avvises. Kilde: IPLOS-skjemaet 2018 og kodeverkene i Volven/FinnKode (sikkert).",
        why_en: "The value cannot be read: a date that does not exist (such as 31 February), text where a number belongs, or a code not in the field's code list. The receiver cannot use the value, and a breach of the schema may get the file rejected. Source: the IPLOS schema 2018 and the Volven/FinnKode code lists (confirmed).",
        fix_nb: "Rett verdien i fagsystemet, for eksempel ved å velge en gyldig kode eller skrive inn riktig dato. Lag så et nytt uttrekk.",
        fix_en: "Correct the value in the EPJ system, for example by choosing a valid code or entering the right date. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-13",
        title_nb: "Filhodet (INNHINFO) er ufullstendig eller feil",
        title_en: "The file header (INNHINFO) is incomplete or wrong",
        why_nb: "Skjemaet krever `iiInnhType` P og to eller tre kontaktpersoner (`iiKontakt`) med type, navn, telefon og e-post, slik at mottakeren vet hvem som skal kontaktes om feil. Et brudd gjør at filen ikke validerer. Kilde: IPLOS-skjemaet 2018 (sikkert); at filen da avvises, er antatt.",
        why_en: "The schema requires `iiInnhType` P and two or three contact persons (`iiKontakt`) with type, name, telephone and e-mail, so the receiver knows whom to contact about errors. A breach makes the file fail validation. Source: the IPLOS schema 2018 (confirmed); that the file is then rejected is inferred.",
        fix_nb: "Legg inn kontaktpersonene for IPLOS-rapporteringen (innsendingsansvarlig og IPLOS-kontaktperson) med navn, telefon og e-post i oppsettet for uttrekket i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Enter the contact persons for IPLOS reporting (the person responsible for sending and the IPLOS contact) with name, telephone and e-mail in the extract settings of the EPJ system. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-14",
        title_nb: "Perioden er ikke ett helt kalenderår",
        title_en: "The period is not one whole calendar year",
        why_nb: "IPLOS rapporteres for ett kalenderår om gangen, 1. januar til 31. desember. En kortere eller lengre periode gir feil tall: tjenester mangler eller telles i feil år. Kilde: plikten til å rapportere per kalenderår og IPLOS-skjemaet 2018 (sikkert).",
        why_en: "IPLOS is reported one calendar year at a time, 1 January to 31 December. A shorter or longer period gives wrong figures: services are missing or counted in the wrong year. Source: the duty to report per calendar year and the IPLOS schema 2018 (confirmed).",
        fix_nb: "Sett uttrekksperioden i fagsystemet til 1. januar–31. desember i rapporteringsåret, og lag et nytt uttrekk.",
        fix_en: "Set the extract period in the EPJ system to 1 January–31 December of the reporting year, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-15",
        title_nb: "Ukjent versjon eller navnerom",
        title_en: "Unknown version or namespace",
        why_nb: "Filen er kontrollert som IPLOS 2018 (versjon 3.5), det eneste skjemaet som er offentlig. Et versjonsnummer eller navnerom som mottakeren ikke støtter, kan gjøre at filen blir avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The file was checked as IPLOS 2018 (version 3.5), the only schema that is public. A version number or namespace the receiver does not support may get the file rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Sjekk med leverandøren at fagsystemet lager filen i den versjonen mottakeren krever for dette året. Hvis ikke, oppdater fagsystemet og lag et nytt uttrekk.",
        fix_en: "Check with the vendor that the EPJ system writes the file in the version the receiver requires for this year. If not, update the EPJ system and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-16",
        title_nb: "Ingen identmelding: identitetskontroller er hoppet over",
        title_en: "No identity message: identity checks skipped",
        why_nb: "Fra 2018 ligger fødselsnumrene i en egen identmelding, ikke i selve IPLOS-filen. Uten den kan vi ikke kontrollere fødselsnummer, kjønn, alder eller koblingen mellom de to filene. Kilde: IPLOS-skjemaet 2018 og skjemaet for identmeldingen (sikkert).",
        why_en: "From 2018 the identity numbers travel in a separate identity message, not in the IPLOS file itself. Without it we cannot check identity numbers, sex, age or the link between the two files. Source: the IPLOS schema 2018 and the identity message schema (confirmed).",
        fix_nb: "Ingen retting er nødvendig. Vil du ha med disse kontrollene, last opp identmeldingen fra samme uttrekk sammen med IPLOS-filen.",
        fix_en: "No correction is needed. To include these checks, load the identity message from the same extract together with the IPLOS file.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FIL-17",
        title_nb: "Filen bryter det offisielle IPLOS-skjemaet",
        title_en: "The file breaks the official IPLOS schema",
        why_nb: "Mottakeren kontrollerer filen mot det offisielle skjemaet, og en fil som ikke validerer, blir etter all sannsynlighet avvist i sin helhet, ikke bare posten med feil (antatt, slik Norsk pasientregister gjør). For filer etter 2018 er skjemaet for versjon 3.7 ikke offentlig, så vi kontrollerer mot skjemaet fra 2018. Kilde: IPLOS-skjemaet 2018 (sikkert); at hele filen avvises, er antatt.",
        why_en: "The receiver validates the file against the official schema, and a file that fails is most likely rejected as a whole, not just the faulty record (inferred, as Norsk pasientregister does). For files after 2018 the version 3.7 schema is not public, so we check against the 2018 schema. Source: the IPLOS schema 2018 (confirmed); that the whole file is rejected is inferred.",
        fix_nb: "Rett hver av feilene som er listet opp (kodene står i meldingen) i fagsystemet; da forsvinner også denne. Lag så et nytt uttrekk og kontroller det på nytt før du sender det.",
        fix_en: "Correct each of the errors listed (their codes are in the message) in the EPJ system; this finding then goes away too. Then make a new extract and check it again before you send it.",
        confidence: Inferred,
    },
    // ------------------------------------------------------------------
    // FUN: function assessment
    // ------------------------------------------------------------------
    RuleText {
        code: "FUN-01",
        title_nb: "Ugyldig skår på funksjonsvariabel",
        title_en: "Invalid score on a function variable",
        why_nb: "Hver funksjonsvariabel skåres 1–5, eller 9 når den ikke er relevant. En annen verdi i `fnFunkVerdi` bryter skjemaet, og filen kan bli avvist. Kilde: IPLOS-skjemaet 2018 og Helsedirektoratets veiledning om skåring (sikkert).",
        why_en: "Each function variable is scored 1–5, or 9 when it is not relevant. Any other value in `fnFunkVerdi` breaks the schema, and the file may be rejected. Source: the IPLOS schema 2018 and Helsedirektoratet's guidance on scoring (confirmed).",
        fix_nb: "Åpne funksjonsvurderingen (IPLOS-kartleggingen) for personen i fagsystemet og sett en gyldig skår, 1–5 eller 9. Lag så et nytt uttrekk.",
        fix_en: "Open the function assessment (the IPLOS assessment) for the person in the EPJ system and set a valid score, 1–5 or 9. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FUN-02",
        title_nb: "Ukjent funksjonsvariabel",
        title_en: "Unknown function variable",
        why_nb: "`fnFunkType` skal være en av funksjonsvariablene 1–20 i kodeverk 9111 (for eksempel 7 personlig hygiene eller 15 hukommelse). En annen kode kan ikke tolkes, og vurderingen telles ikke. Kilde: kodeverk 9111 i Volven/FinnKode (sikkert).",
        why_en: "`fnFunkType` must be one of the function variables 1–20 in code list 9111 (for example 7 personal hygiene or 15 memory). Any other code cannot be read, and the assessment is not counted. Source: code list 9111 in Volven/FinnKode (confirmed).",
        fix_nb: "Dette skyldes som regel oppsettet av funksjonsvariabler i fagsystemet. Meld fra til EPJ-administrator eller leverandøren, og lag et nytt uttrekk når det er rettet.",
        fix_en: "This is usually caused by how the function variables are set up in the EPJ system. Tell the EPJ administrator or the vendor, and make a new extract once it is fixed.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FUN-03",
        title_nb: "Funksjonsvurdering mangler fra- eller tildato",
        title_en: "Function assessment missing its from or to date",
        why_nb: "Skjemaet krever både `fnFraDato` og `fnTilDato` på hver vurderte variabel. Uten dem vet ikke mottakeren når vurderingen gjaldt, og filen validerer ikke. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The schema requires both `fnFraDato` and `fnTilDato` on every assessed variable. Without them the receiver cannot tell when the assessment applied, and the file fails validation. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Registrer datoen for funksjonsvurderingen i fagsystemet. Mangler tildatoen på en vurdering som fortsatt gjelder, er det en feil i uttrekket: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Record the date of the function assessment in the EPJ system. If the to date is missing on an assessment that still applies, the extract is at fault: tell the vendor and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FUN-04",
        title_nb: "Funksjonsvurdering med fradato etter året eller etter tildato",
        title_en: "Function assessment dated after the year or after its to date",
        why_nb: "En vurdering som starter etter 31. desember, hører ikke til rapporteringsåret, og en fradato etter tildatoen er umulig. Vurderingen kan da ikke brukes. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "An assessment that starts after 31 December does not belong to the reporting year, and a from date after the to date is impossible. The assessment cannot be used. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett datoene på funksjonsvurderingen i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the dates on the function assessment in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FUN-05",
        title_nb: "Funksjonsvurderingen mangler variabler",
        title_en: "The function assessment lacks variables",
        why_nb: "En fullstendig vurdering har alle funksjonsvariablene som gjelder for året: 1–17, 18 fra 2018 og 19–20 fra 2019. Variabler som mangler, telles som uoppgitt og kan gi feil samlet bistandsbehov. Kilde: kodeverk 9111 og Helsedirektoratet, som oppgir 20 variabler (sikkert); at 19 og 20 gjelder fra 2019, er antatt.",
        why_en: "A complete assessment has all the function variables in use for the year: 1–17, 18 from 2018 and 19–20 from 2019. Missing variables count as not stated and can give a wrong overall need for assistance. Source: code list 9111 and Helsedirektoratet, which states 20 variables (confirmed); that 19 and 20 apply from 2019 is inferred.",
        fix_nb: "Fullfør funksjonsvurderingen for personen i fagsystemet ved å skåre variablene som er listet opp, og bruk 9 der en variabel ikke er relevant. Lag så et nytt uttrekk.",
        fix_en: "Complete the function assessment for the person in the EPJ system by scoring the variables listed, using 9 where a variable is not relevant. Then make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "FUN-06",
        title_nb: "Samme funksjonsvariabel to ganger i samme periode",
        title_en: "The same function variable twice in the same period",
        why_nb: "En variabel kan bare ha én skår om gangen. To overlappende vurderinger av samme variabel gjør at mottakeren ikke vet hvilken som gjelder. Kilde: IPLOS-skjemaet 2018, én post per variabel (sikkert).",
        why_en: "A variable can have only one score at a time. Two overlapping assessments of the same variable leave the receiver unable to tell which one applies. Source: the IPLOS schema 2018, one record per variable (confirmed).",
        fix_nb: "Avslutt den gamle vurderingen med tildato dagen før den nye starter, eller slett den doble registreringen i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "End the old assessment with a to date the day before the new one starts, or delete the duplicate entry in the EPJ system. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FUN-07",
        title_nb: "Innvilget tjeneste uten funksjonsvurdering",
        title_en: "Granted service without a function assessment",
        why_nb: "Funksjon og bistandsbehov skal alltid vurderes når det fattes et nytt vedtak. Uten vurdering mangler personen i tallene for bistandsbehov. Kilde: Helsedirektoratets rapport om kommunale helse- og omsorgstjenester 2022 (sikkert).",
        why_en: "Function and need for assistance must always be assessed when a new decision is made. Without an assessment the person is missing from the figures on need for assistance. Source: Helsedirektoratet's report on municipal health and care services 2022 (confirmed).",
        fix_nb: "Gjør en funksjonsvurdering (IPLOS-kartlegging) av personen og registrer den i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Carry out a function assessment (IPLOS assessment) of the person and record it in the EPJ system. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "FUN-08",
        title_nb: "Funksjonsvariabel brukt før den ble innført",
        title_en: "Function variable used before it was introduced",
        why_nb: "Variabel 18 (ivareta egen økonomi) kom i 2018, og 19 (initiativevne) og 20 (opplevelse av trygghet) i 2019. Brukt i et tidligere år kan vurderingen bli feiltolket eller ikke telt. Kilde: kodeverk 9111 (sikkert); at 19 og 20 gjelder fra 2019, er antatt.",
        why_en: "Variable 18 (managing own finances) came in 2018, and 19 (initiative) and 20 (feeling of safety) in 2019. Used in an earlier year, the assessment may be misread or not counted. Source: code list 9111 (confirmed); that 19 and 20 apply from 2019 is inferred.",
        fix_nb: "Sjekk først at rapporteringsåret er riktig. Er det det, fjern vurderingen av variabelen for dette året i fagsystemet eller meld fra til leverandøren, og lag et nytt uttrekk.",
        fix_en: "First check that the reporting year is right. If it is, remove the assessment of that variable for this year in the EPJ system or tell the vendor, and make a new extract.",
        confidence: Inferred,
    },
    // ------------------------------------------------------------------
    // IDE: the identity message and the pair
    // ------------------------------------------------------------------
    RuleText {
        code: "IDE-01",
        title_nb: "Personen mangler i identmeldingen",
        title_en: "The person is missing from the identity message",
        why_nb: "Hver person i IPLOS-filen må ha en `PasientIdent` med samme nummer i identmeldingen; ellers kan mottakeren ikke knytte opplysningene til et fødselsnummer, og personen faller ut. Kilde: skjemaet for identmeldingen 2018 (sikkert); at koblingen går via `pid` = `pePeID`, er antatt.",
        why_en: "Every person in the IPLOS file needs a `PasientIdent` with the same number in the identity message; otherwise the receiver cannot tie the data to an identity number, and the person drops out. Source: the identity message schema 2018 (confirmed); that the link is `pid` = `pePeID` is inferred.",
        fix_nb: "Lag IPLOS-filen og identmeldingen i samme uttrekk, slik at de hører sammen. Mangler personen fortsatt, sjekk at personen har fødselsnummer eller D-nummer i fagsystemet, og meld fra til leverandøren.",
        fix_en: "Make the IPLOS file and the identity message in the same extract, so that they belong together. If the person is still missing, check that the person has an identity number in the EPJ system, and tell the vendor.",
        confidence: Inferred,
    },
    RuleText {
        code: "IDE-02",
        title_nb: "Identitet uten person i IPLOS-filen",
        title_en: "Identity with no person in the IPLOS file",
        why_nb: "Identmeldingen har en `PasientIdent` som ingen person i IPLOS-filen peker på. Det tyder på at filene kommer fra ulike uttrekk, eller at personer har falt ut av IPLOS-filen. Antatt: at koblingen går via `pid` = `pePeID`, står ikke i noen kilde vi har sett.",
        why_en: "The identity message has a `PasientIdent` that no person in the IPLOS file points to. This suggests the files come from different extracts, or that persons have dropped out of the IPLOS file. Inferred: that the link is `pid` = `pePeID` is not stated in any source we have seen.",
        fix_nb: "Lag begge filene på nytt i samme uttrekk i fagsystemet, og kontroller dem sammen.",
        fix_en: "Make both files again in the same extract from the EPJ system, and check them together.",
        confidence: Inferred,
    },
    RuleText {
        code: "IDE-03",
        title_nb: "Samme pid to ganger i identmeldingen",
        title_en: "The same pid twice in the identity message",
        why_nb: "`pid` skal være unik i identmeldingen. To like gjør at mottakeren ikke vet hvilket fødselsnummer som hører til personen, og meldingen validerer ikke. Kilde: skjemaet for identmeldingen, NPR ide 53.1.2 (sikkert).",
        why_en: "`pid` must be unique in the identity message. Two equal ones leave the receiver unable to tell which identity number belongs to the person, and the message fails validation. Source: the identity message schema, NPR ide 53.1.2 (confirmed).",
        fix_nb: "Dette er en feil i uttrekket. Meld fra til leverandøren av fagsystemet, og lag et nytt uttrekk når den er rettet.",
        fix_en: "This is an error in the extract. Tell the vendor of the EPJ system, and make a new extract once it is fixed.",
        confidence: Confirmed,
    },
    RuleText {
        code: "IDE-04",
        title_nb: "IPLOS-filen og identmeldingen hører ikke sammen",
        title_en: "The IPLOS file and the identity message do not match",
        why_nb: "Løpenummeret i identmeldingen (`lopenr`) skal være det samme som i IPLOS-filen (`iiLopenr`), og periodene skal være like. Ellers kan mottakeren ikke koble filene, og de vil trolig bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The serial number in the identity message (`lopenr`) must equal the one in the IPLOS file (`iiLopenr`), and the periods must be the same. Otherwise the receiver cannot link the files, and they will probably be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Send de to filene fra samme uttrekk. Er du i tvil, lag et nytt uttrekk av begge i fagsystemet.",
        fix_en: "Send the two files from the same extract. If in doubt, make a new extract of both in the EPJ system.",
        confidence: Confirmed,
    },
    RuleText {
        code: "IDE-05",
        title_nb: "Hodet i identmeldingen er ufullstendig",
        title_en: "The identity message header is incomplete",
        why_nb: "Skjemaet for identmeldingen krever blant annet periode, uttaksdato, fagsystem og løpenummer i `Melding`, og minst én `Kontaktperson`. Mangler noe, validerer ikke meldingen, og den vil trolig bli avvist. Kilde: skjemaet for identmeldingen, NPR ide 53.1.2 (sikkert).",
        why_en: "The identity message schema requires, among other things, the period, extract date, EPJ system and serial number in `Melding`, and at least one `Kontaktperson`. If anything is missing, the message fails validation and will probably be rejected. Source: the identity message schema, NPR ide 53.1.2 (confirmed).",
        fix_nb: "Legg inn kontaktperson for identmeldingen i oppsettet for uttrekket i fagsystemet, eller meld fra til leverandøren om feltene som mangler. Lag så et nytt uttrekk.",
        fix_en: "Enter a contact person for the identity message in the extract settings of the EPJ system, or tell the vendor about the missing fields. Then make a new extract.",
        confidence: Confirmed,
    },
    // ------------------------------------------------------------------
    // OPP: DOGNTILBUD (stays in the specialist health service)
    // ------------------------------------------------------------------
    RuleText {
        code: "OPP-01",
        title_nb: "Ugyldig organisasjonsnummer på opphold i spesialisthelsetjenesten",
        title_en: "Invalid organisation number on a specialist health service stay",
        why_nb: "`dgInstOrgnr` skal være organisasjonsnummeret til enheten der personen var innlagt: 9 sifre med riktig kontrollsiffer. Et ugyldig nummer gjør at oppholdet ikke kan knyttes til et sted. Kilde: IPLOS-skjemaet 2018 og Brønnøysundregistrene (sikkert).",
        why_en: "`dgInstOrgnr` must be the organisation number of the unit where the person was admitted: 9 digits with a correct check digit. An invalid number means the stay cannot be tied to a place. Source: the IPLOS schema 2018 and the Brønnøysund Register Centre (confirmed).",
        fix_nb: "Rett organisasjonsnummeret for sykehusenheten i fagsystemet; bruk underenhetens (bedriftens) nummer fra Enhetsregisteret, ikke foretakets. Lag så et nytt uttrekk.",
        fix_en: "Correct the organisation number of the hospital unit in the EPJ system; use the sub-unit's (establishment's) number from the Central Coordinating Register, not the enterprise's. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "OPP-02",
        title_nb: "Organisasjonsnummer mangler på opphold i spesialisthelsetjenesten",
        title_en: "Organisation number missing on a specialist health service stay",
        why_nb: "Skjemaet krever organisasjonsnummer på hvert opphold (`DOGNTILBUD`). Mangler det, validerer ikke filen, og den vil trolig bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The schema requires an organisation number on every stay (`DOGNTILBUD`). If it is missing, the file fails validation and will probably be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Registrer hvilken sykehusenhet personen var innlagt på (underenhetens organisasjonsnummer) i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Record which hospital unit the person was admitted to (the sub-unit's organisation number) in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "OPP-03",
        title_nb: "Oppholdet mangler datoer, eller datoene er i feil rekkefølge",
        title_en: "The stay lacks dates, or the dates are out of order",
        why_nb: "Skjemaet krever både `dgFraDato` og `dgTilDato`, så et opphold uten dem gjør at filen ikke validerer. En fradato etter tildatoen er umulig, og oppholdet kan da ikke brukes. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The schema requires both `dgFraDato` and `dgTilDato`, so a stay without them makes the file fail validation. A from date after the to date is impossible, and the stay cannot then be used. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Registrer inn- og utskrivningsdato for oppholdet i fagsystemet, eller rett den som er feil. Lag så et nytt uttrekk.",
        fix_en: "Record the admission and discharge dates of the stay in the EPJ system, or correct the wrong one. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "OPP-04",
        title_nb: "Hjemmetjenester løper gjennom et sykehusopphold",
        title_en: "Home services run through a hospital stay",
        why_nb: "Under et opphold i spesialisthelsetjenesten skal hjemmetjenester (1, 2, 15) stanses, med mindre kommunalt personell følger med personen. Ellers ser det ut som personen fikk hjemmetjenester mens den var innlagt. Kilde: Helsedirektoratets spørsmål og svar om IPLOS-registrering (sikkert).",
        why_en: "During a stay in the specialist health service, home services (1, 2, 15) are to be stopped unless municipal staff go along with the person. Otherwise it looks as if the person received home services while admitted. Source: Helsedirektoratet's questions and answers on IPLOS recording (confirmed).",
        fix_nb: "Ingen handling er nødvendig hvis kommunalt personell fulgte med. Ellers avslutter du hjemmetjenestene fra innleggelsen og starter dem igjen ved utskrivning i fagsystemet, og lager et nytt uttrekk.",
        fix_en: "No action is needed if municipal staff went along. Otherwise end the home services at admission and start them again at discharge in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    // ------------------------------------------------------------------
    // PER: the person
    // ------------------------------------------------------------------
    RuleText {
        code: "PER-01",
        title_nb: "Personen mangler fødselsnummer",
        title_en: "The person has no identity number",
        why_nb: "Uten fødselsnummer kan mottakeren ikke knytte opplysningene til en person, og posten kan ikke brukes. Før 2018 skulle `peFnr` stå i selve filen, og i en CSV-fil med kolonnen `fid` skal den være fylt ut. Kilde: IPLOS-skjemaet 2018, endringsloggen om `peFnr` (sikkert).",
        why_en: "Without an identity number the receiver cannot tie the data to a person, and the record cannot be used. Before 2018 `peFnr` had to be in the file itself, and in a CSV file with a `fid` column it must be filled in. Source: the IPLOS schema 2018, change log on `peFnr` (confirmed).",
        fix_nb: "Registrer fødselsnummer eller D-nummer på personen i fagsystemet (hent det fra folkeregisteret), og lag et nytt uttrekk.",
        fix_en: "Record the national identity number or D number on the person in the EPJ system (from the population register), and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-02",
        title_nb: "Fødselsnummeret har ikke 11 sifre",
        title_en: "The identity number does not have 11 digits",
        why_nb: "Fødselsnummer, D-nummer og hjelpenummer har alltid nøyaktig 11 sifre. Et nummer med feil lengde kan ikke kobles til folkeregisteret, og personen faller ut eller telles dobbelt. Kilde: reglene for fødselsnummer (Skatteetaten, e-helse) (sikkert).",
        why_en: "National identity numbers, D numbers and help numbers always have exactly 11 digits. A number of the wrong length cannot be linked to the population register, and the person drops out or is counted twice. Source: the rules for identity numbers (Skatteetaten, e-helse) (confirmed).",
        fix_nb: "Rett nummeret på personen i fagsystemet. Ofte mangler en null først (særlig hvis filen har vært åpnet i Excel), eller det har fått mellomrom eller bindestrek; lag så et nytt uttrekk.",
        fix_en: "Correct the number on the person in the EPJ system. Often a leading zero is missing (especially if the file has been opened in Excel), or spaces or hyphens have crept in; then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-03",
        title_nb: "Kontrollsifrene i fødselsnummeret stemmer ikke",
        title_en: "The identity number's check digits are wrong",
        why_nb: "De to siste sifrene er kontrollsifre regnet ut fra de ni første. Stemmer de ikke, er nummeret feilskrevet og kan ikke kobles til riktig person. Kilde: reglene for fødselsnummer (Skatteetaten) og SSBs kontrollprogram (sikkert).",
        why_en: "The last two digits are check digits computed from the first nine. If they do not match, the number is mistyped and cannot be linked to the right person. Source: the rules for identity numbers (Skatteetaten) and SSB's control program (confirmed).",
        fix_nb: "Sjekk nummeret mot folkeregisteret og rett det på personen i fagsystemet; ofte er to sifre byttet om. Lag så et nytt uttrekk.",
        fix_en: "Check the number against the population register and correct it on the person in the EPJ system; often two digits have been swapped. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-04",
        title_nb: "Fødselsnummeret har en umulig dato eller individnummer",
        title_en: "The identity number has an impossible date or individual number",
        why_nb: "De seks første sifrene er en dato; i et D-nummer er første siffer økt med 4, og i et H-nummer er måneden økt med 40. En dato som ikke finnes, eller et individnummer som ikke passer med noe århundre, betyr at nummeret er feil. Kilde: reglene for fødselsnummer og D-nummer (Skatteetaten, e-helse) (sikkert).",
        why_en: "The first six digits are a date; in a D number the first digit is raised by 4, and in an H number the month is raised by 40. A date that does not exist, or an individual number that fits no century, means the number is wrong. Source: the rules for identity and D numbers (Skatteetaten, e-helse) (confirmed).",
        fix_nb: "Sjekk nummeret mot folkeregisteret og rett det på personen i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Check the number against the population register and correct it on the person in the EPJ system. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-05",
        title_nb: "Type identitetsnummer mangler eller stemmer ikke med nummeret",
        title_en: "Identity type missing or inconsistent with the number",
        why_nb: "I identmeldingen sier `typeID` hva slags nummer `fid` er (1 fødselsnummer, 2 D-nummer, 3 H-nummer og så videre). En type som mangler eller er feil, kan gjøre at mottakeren leser nummeret feil. Kilde: skjemaet for identmeldingen og kodeverk 9032 (sikkert).",
        why_en: "In the identity message `typeID` says what kind of number `fid` is (1 national identity number, 2 D number, 3 H number and so on). A missing or wrong type may make the receiver read the number wrongly. Source: the identity message schema and code list 9032 (confirmed).",
        fix_nb: "Rett nummertypen på personen i fagsystemet, eller meld fra til leverandøren hvis typen settes automatisk. Lag så et nytt uttrekk.",
        fix_en: "Correct the number type on the person in the EPJ system, or tell the vendor if the type is set automatically. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-06",
        title_nb: "Hjelpenummer i stedet for fødselsnummer",
        title_en: "Help number instead of a national identity number",
        why_nb: "H-nummer og felles hjelpenummer er midlertidige numre i helsetjenesten og kan ikke kobles til folkeregisteret, så personen kan bli telt to ganger eller falle ut. De skal erstattes med fødselsnummer eller D-nummer når det er kjent. Kilde: e-helse om hjelpenummer (sikkert).",
        why_en: "H numbers and common help numbers are temporary numbers in the health service and cannot be linked to the population register, so the person may be counted twice or drop out. They are to be replaced by the national identity number or D number once it is known. Source: e-helse on help numbers (confirmed).",
        fix_nb: "Slå opp personen i folkeregisteret, registrer fødselsnummeret eller D-nummeret i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Look the person up in the population register, record the national identity number or D number in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-07",
        title_nb: "Syntetisk testperson i filen",
        title_en: "A synthetic test person in the file",
        why_nb: "Nummeret har måneden økt med 80, noe som bare brukes for syntetiske testpersoner i Skatteetatens testmiljø. En testperson er ingen ekte bruker og gir feil tall; Helsedirektoratet fant slike testbrukere i dataene for 2022. Kilde: SSBs kontrollprogram og Helsedirektoratets telleregler for KPR-data (sikkert).",
        why_en: "The number has its month raised by 80, which is used only for synthetic test persons in Skatteetaten's test environment. A test person is not a real user and distorts the figures; Helsedirektoratet found such test users in the 2022 data. Source: SSB's control program and Helsedirektoratet's counting rules for KPR data (confirmed).",
        fix_nb: "Slett eller inaktiver testpersonen i produksjonsbasen i fagsystemet, eller hold den utenfor uttrekket. Lag så et nytt uttrekk.",
        fix_en: "Delete or deactivate the test person in the production database of the EPJ system, or keep it out of the extract. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-08",
        title_nb: "Samme fødselsnummer på flere personer",
        title_en: "The same identity number on more than one person",
        why_nb: "Hver person skal stå én gang i filen. Når to personer har samme nummer, blir de slått sammen eller telt dobbelt hos mottakeren, og tjenester kan havne på feil person. Antatt: regelen følger av datamodellen, men ingen kilde fra mottakeren sier det rett ut.",
        why_en: "Each person is to appear once in the file. When two persons share a number, the receiver merges them or counts them twice, and services may end up on the wrong person. Inferred: the rule follows from the data model, but no source from the receiver states it outright.",
        fix_nb: "Finn de to personene i fagsystemet: er det samme person registrert to ganger, slå dem sammen; er ett av numrene feil, rett det. Lag så et nytt uttrekk.",
        fix_en: "Find the two persons in the EPJ system: if the same person is registered twice, merge them; if one of the numbers is wrong, correct it. Then make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "PER-09",
        title_nb: "Samme person-ID (pePeID) på flere personer",
        title_en: "The same person ID (pePeID) on more than one person",
        why_nb: "`pePeID` er personens nøkkel i filen, og tjenester, vurderinger og diagnoser henger på den. To personer med samme nøkkel blir blandet sammen hos mottakeren. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`pePeID` is the person's key in the file, and services, assessments and diagnoses hang on it. Two persons with the same key get mixed up at the receiver. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Dette er nesten alltid en feil i uttrekket. Meld fra til leverandøren av fagsystemet, og lag et nytt uttrekk når feilen er rettet.",
        fix_en: "This is almost always an error in the extract. Tell the vendor of the EPJ system, and make a new extract once the error is fixed.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-10",
        title_nb: "Bostedskommunen mangler eller er ugyldig for året",
        title_en: "Home municipality missing or invalid for the year",
        why_nb: "`peKomnr` skal være et kommunenummer som gjaldt i rapporteringsåret. Et nummer som ikke fantes det året, for eksempel et gammelt nummer etter en sammenslåing, gjør at personen ikke telles på riktig kommune. Kilde: Helsedirektoratets krav til rapportering og SSBs kommuneliste (sikkert).",
        why_en: "`peKomnr` must be a municipality number valid in the reporting year. A number that did not exist that year, for example an old number after a merger, means the person is not counted in the right municipality. Source: Helsedirektoratet's reporting requirements and SSB's list of municipalities (confirmed).",
        fix_nb: "Rett bostedskommunen på personen i fagsystemet; er nummeret utgått ved en sammenslåing, bruk det nye nummeret som meldingen viser. Lag så et nytt uttrekk.",
        fix_en: "Correct the home municipality on the person in the EPJ system; if the number was retired by a merger, use the new number shown in the message. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-11",
        title_nb: "Bostedskommunen er en annen enn rapporterende kommune",
        title_en: "Home municipality differs from the reporting municipality",
        why_nb: "Det kan være helt riktig, for eksempel for personer som får tjenester under ferie eller et midlertidig opphold i kommunen. Kilde: Helsedirektoratets regler for hvem som skal rapporteres (sikkert).",
        why_en: "This can be quite right, for example for persons who receive services during a holiday or a temporary stay in the municipality. Source: Helsedirektoratet's rules on whom to report (confirmed).",
        fix_nb: "Ingen handling er nødvendig hvis det stemmer. Er bostedskommunen feil, rett den på personen i fagsystemet og lag et nytt uttrekk.",
        fix_en: "No action is needed if it is correct. If the home municipality is wrong, correct it on the person in the EPJ system and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-12",
        title_nb: "Bydel mangler for en by med bydeler",
        title_en: "District missing for a city with districts",
        why_nb: "Oslo, Bergen, Stavanger og Trondheim skal oppgi bydel (`peBydelsnr`) for hver person, og tomt felt eller 00 (ingen bydel) er ikke nok. Uten bydel kan tallene ikke fordeles på bydelene. Kilde: Helsedirektoratets krav til rapportering og IPLOS-skjemaet 2018 (sikkert).",
        why_en: "Oslo, Bergen, Stavanger and Trondheim must give the district (`peBydelsnr`) for every person, and an empty field or 00 (no district) is not enough. Without a district the figures cannot be split by district. Source: Helsedirektoratet's reporting requirements and the IPLOS schema 2018 (confirmed).",
        fix_nb: "Registrer bydelen på personen i fagsystemet ut fra adressen i folkeregisteret, og lag et nytt uttrekk.",
        fix_en: "Record the district on the person in the EPJ system from the address in the population register, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-13",
        title_nb: "Ukjent bydel for kommunen",
        title_en: "Unknown district for the municipality",
        why_nb: "Bydelsnummeret finnes ikke blant byens bydeler i rapporteringsåret, så personen kan ikke telles på riktig bydel. Kilde: kodeverk 3403 for bydeler i Volven/FinnKode (sikkert).",
        why_en: "The district number is not among the city's districts in the reporting year, so the person cannot be counted in the right district. Source: code list 3403 for districts in Volven/FinnKode (confirmed).",
        fix_nb: "Rett bydelen på personen i fagsystemet til en gyldig bydel, og lag et nytt uttrekk. Har mange personer samme feil, be EPJ-administrator kontrollere oppsettet av bydelskoder.",
        fix_en: "Correct the district on the person in the EPJ system to a valid one, and make a new extract. If many persons have the same error, ask the EPJ administrator to check how the district codes are set up.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-14",
        title_nb: "Husstand er ikke oppgitt",
        title_en: "Household not reported",
        why_nb: "Husstand (bor alene, bor sammen med andre, bor sammen med foreldre) skal alltid rapporteres. Uten den blir personen uoppgitt i statistikken over hjemmeboende. Kilde: forskrift om kommunalt pasient- og brukerregister § 2-1 og SSBs statistikk etter husstand (sikkert).",
        why_en: "Household (lives alone, lives with others, lives with parents) must always be reported. Without it the person is recorded as not stated in the statistics on people living at home. Source: the KPR regulation § 2-1 and SSB's statistics by household (confirmed).",
        fix_nb: "Registrer husstand i IPLOS-opplysningene om personen i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Record the household in the person's IPLOS details in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-15",
        title_nb: "Ugyldig verdi for husstand",
        title_en: "Invalid household value",
        why_nb: "`poHusstand` kan bare være 1 (bor alene), 2 (bor sammen med andre) eller 3 (bor sammen med foreldre). En annen verdi bryter skjemaet, og filen kan bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`poHusstand` can only be 1 (lives alone), 2 (lives with others) or 3 (lives with parents). Any other value breaks the schema, and the file may be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Velg riktig husstand for personen i fagsystemet, og lag et nytt uttrekk. Lager fagsystemet selv den ugyldige verdien, meld fra til leverandøren.",
        fix_en: "Choose the right household for the person in the EPJ system, and make a new extract. If the EPJ system itself writes the invalid value, tell the vendor.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-16",
        title_nb: "Dødsdato etter rapporteringsåret",
        title_en: "Date of death after the reporting year",
        why_nb: "Filen gjelder bare rapporteringsåret, og en dødsdato etter 31. desember er enten feilskrevet eller hører til neste års rapportering. Mottakeren kan da behandle personen feil. Kilde: rapporteringsperioden i IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The file covers only the reporting year, and a date of death after 31 December is either mistyped or belongs to next year's report. The receiver may then treat the person wrongly. Source: the reporting period in the IPLOS schema 2018 (confirmed).",
        fix_nb: "Sjekk dødsdatoen mot folkeregisteret og rett den i fagsystemet. Er datoen riktig, skal den ikke være med i årets uttrekk: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Check the date of death against the population register and correct it in the EPJ system. If the date is right, it should not be in this year's extract: tell the vendor and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-17",
        title_nb: "Personen døde før rapporteringsåret",
        title_en: "The person died before the reporting year",
        why_nb: "Mottakeren fjerner alle poster for personer som døde før året startet, så det som er registrert på personen, telles ikke. Ofte er en tjeneste ikke avsluttet ved dødsfallet. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "The receiver removes all records of persons who died before the year began, so what is recorded on the person is not counted. Often a service was not ended at the death. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Avslutt tjenestene med sluttdato senest på dødsdatoen i fagsystemet, eller rett dødsdatoen hvis den er feil. Lag så et nytt uttrekk.",
        fix_en: "End the services with an end date no later than the date of death in the EPJ system, or correct the date of death if it is wrong. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-18",
        title_nb: "Personen har ingen tjenester eller opphold",
        title_en: "The person has no services or stays",
        why_nb: "Filen skal gi opplysninger om personer som har søkt om eller fått tjenester. En person uten `TJENESTE` og uten `DOGNTILBUD` bidrar ikke til tallene og tyder ofte på at tjenester har falt ut av uttrekket. Kilde: Helsedirektoratets beskrivelse av hva som rapporteres til KPR (sikkert).",
        why_en: "The file is to describe persons who have applied for or received services. A person with no `TJENESTE` and no `DOGNTILBUD` adds nothing to the figures and often means services have dropped out of the extract. Source: Helsedirektoratet's description of what is reported to KPR (confirmed).",
        fix_nb: "Kontroller i fagsystemet om personen skulle hatt en tjeneste eller et avslag i året, og registrer det som mangler. Er personen ikke lenger bruker, avslutt IPLOS-registreringen, og lag et nytt uttrekk.",
        fix_en: "Check in the EPJ system whether the person should have had a service or a refusal during the year, and record what is missing. If the person is no longer a user, close the IPLOS registration, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-19",
        title_nb: "Ugyldig kjønn eller negativ alder",
        title_en: "Invalid sex or negative age",
        why_nb: "`peKjonn` kan bare være M eller K; en annen verdi bryter skjemaet, og filen kan bli avvist. En negativ `peAlder` er umulig og gir feil aldersgruppe. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`peKjonn` can only be M or K; any other value breaks the schema, and the file may be rejected. A negative `peAlder` is impossible and gives the wrong age group. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett kjønn eller fødselsdato på personen i fagsystemet (begge hentes normalt fra folkeregisteret), og lag et nytt uttrekk.",
        fix_en: "Correct the sex or date of birth on the person in the EPJ system (both normally come from the population register), and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-20",
        title_nb: "Alder over 120 år",
        title_en: "Age above 120",
        why_nb: "En alder over 120 år er nesten alltid en feil i fødselsdatoen, for eksempel feil århundre, og personen havner i feil aldersgruppe. Kilde: Helsedirektoratets statistikk etter aldersgruppe (sikkert); grensen på 120 år er vår egen.",
        why_en: "An age above 120 is almost always an error in the date of birth, for example the wrong century, and puts the person in the wrong age group. Source: Helsedirektoratet's statistics by age group (confirmed); the limit of 120 years is our own.",
        fix_nb: "Sjekk fødselsdato og fødselsnummer mot folkeregisteret, rett dem i fagsystemet og lag et nytt uttrekk.",
        fix_en: "Check the date of birth and identity number against the population register, correct them in the EPJ system and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-21",
        title_nb: "Personopplysningene er ulike på radene for samme person",
        title_en: "Person fields differ between rows of the same person",
        why_nb: "I en CSV-fil gjentas personens felt (kommune, kjønn, alder og så videre) på hver rad. Er de ulike, vet vi ikke hvilken verdi som er riktig, og personen kan bli telt feil. Kilde: CSV-formatet som IPLOS-sjekk leser (sikkert).",
        why_en: "In a CSV file the person's fields (municipality, sex, age and so on) repeat on every row. If they differ, we cannot tell which value is right, and the person may be counted wrongly. Source: the CSV format IPLOS-sjekk reads (confirmed).",
        fix_nb: "Rett personopplysningene i fagsystemet slik at de er like, og lag et nytt uttrekk. Er CSV-filen satt sammen for hånd, kontroller at radene med samme `pePeID` eller fødselsnummer virkelig gjelder samme person.",
        fix_en: "Correct the person details in the EPJ system so they agree, and make a new extract. If the CSV file was put together by hand, check that rows with the same `pePeID` or identity number really are the same person.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-22",
        title_nb: "Lege- eller tannhelsevurdering etter rapporteringsåret",
        title_en: "Doctor or dental assessment after the reporting year",
        why_nb: "`poVurdLege` og `poVurdTann` (år og måned) sier når personen sist ble vurdert av lege eller tannhelsepersonell. En måned etter desember i rapporteringsåret ligger utenfor perioden og kan ikke brukes. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`poVurdLege` and `poVurdTann` (year and month) say when the person was last assessed by a doctor or dental staff. A month after December of the reporting year lies outside the period and cannot be used. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett datoen for siste lege- eller tannhelsevurdering i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the date of the last doctor or dental assessment in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-23",
        title_nb: "Fødselsnummer etter ny regel for kontrollsifre (fra 2032)",
        title_en: "Identity number under the new check-digit rule (from 2032)",
        why_nb: "Nummeret er gyldig bare etter Skatteetatens nye regel for kontrollsifre, som skal gi flere mulige fødselsnumre fra 2032. Det er uvanlig i en fil for dette året og kan være en skrivefeil. Antatt: regelen bygger på Skatteetatens omtale av det nye fødselsnummeret, ikke på en kilde vi har lest i sin helhet.",
        why_en: "The number is valid only under Skatteetaten's new check-digit rule, meant to provide more identity numbers from 2032. That is unusual in a file for this year and may be a typing error. Inferred: the rule rests on Skatteetaten's description of the new identity number, not on a source we have read in full.",
        fix_nb: "Sjekk nummeret mot folkeregisteret. Er det riktig, trenger du ikke gjøre noe; er det feil, rett det i fagsystemet og lag et nytt uttrekk.",
        fix_en: "Check the number against the population register. If it is right, nothing needs doing; if it is wrong, correct it in the EPJ system and make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "PER-24",
        title_nb: "Uvanlig bydelsverdi (99 uoppgitt, eller ikke 00)",
        title_en: "Unusual district value (99 not stated, or not 00)",
        why_nb: "99 betyr uoppgitt bydel, og personen telles da ikke på noen bydel. Kommuner uten bydeler må likevel fylle feltet med to tegn, og 00 er den vanlige verdien. Kilde: kodeverk 3403 og IPLOS-skjemaet 2018 (sikkert); at 00 er riktig fyllverdi, er antatt.",
        why_en: "99 means district not stated, and the person is then counted in no district. Municipalities without districts must still fill the field with two characters, and 00 is the usual value. Source: code list 3403 and the IPLOS schema 2018 (confirmed); that 00 is the right filler is inferred.",
        fix_nb: "I byene: registrer riktig bydel på personen i fagsystemet. I andre kommuner: be EPJ-administrator eller leverandøren sette bydel til 00 i uttrekket. Lag så et nytt uttrekk.",
        fix_en: "In the cities: record the right district on the person in the EPJ system. In other municipalities: ask the EPJ administrator or the vendor to set the district to 00 in the extract. Then make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "PER-25",
        title_nb: "Kjønn stemmer ikke med fødselsnummeret",
        title_en: "Sex does not match the identity number",
        why_nb: "Det niende sifferet i fødselsnummeret er et oddetall for menn og et partall for kvinner. Når `peKjonn` sier noe annet, er enten kjønnet eller nummeret registrert feil. Kilde: reglene for fødselsnummer (e-helse) (sikkert).",
        why_en: "The ninth digit of the identity number is odd for men and even for women. When `peKjonn` says otherwise, either the sex or the number is recorded wrongly. Source: the rules for identity numbers (e-helse) (confirmed).",
        fix_nb: "Sjekk personen i folkeregisteret og rett kjønn eller fødselsnummer i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Check the person in the population register and correct the sex or identity number in the EPJ system. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-26",
        title_nb: "Alderen stemmer ikke med fødselsnummeret",
        title_en: "Age does not match the identity number",
        why_nb: "`peAlder` avviker med mer enn ett år fra alderen fødselsnummeret gir ved utgangen av året, så personen havner i feil aldersgruppe. Kilde: reglene for fødselsnummer (e-helse) og IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`peAlder` differs by more than one year from the age the identity number gives at the end of the year, so the person lands in the wrong age group. Source: the rules for identity numbers (e-helse) and the IPLOS schema 2018 (confirmed).",
        fix_nb: "Sjekk fødselsdatoen i folkeregisteret og rett den eller fødselsnummeret i fagsystemet. Regner fagsystemet alderen feil, meld fra til leverandøren; lag så et nytt uttrekk.",
        fix_en: "Check the date of birth in the population register and correct it or the identity number in the EPJ system. If the EPJ system computes the age wrongly, tell the vendor; then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "PER-27",
        title_nb: "Personens startdato er etter året, eller endringsdato mangler",
        title_en: "Person start date after the year, or change date missing",
        why_nb: "`peFraDato` etter 31. desember betyr at personen ikke hører til rapporteringsåret. `peEndrDato` er påkrevd i skjemaet, så en person uten den gjør at filen ikke validerer og kan bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "`peFraDato` after 31 December means the person does not belong to the reporting year. `peEndrDato` is required by the schema, so a person without it makes the file fail validation, and it may be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett datoen for når personen ble registrert i IPLOS i fagsystemet. Mangler endringsdatoen, er det en feil i uttrekket: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Correct the date the person was registered in IPLOS in the EPJ system. If the change date is missing, the extract is at fault: tell the vendor and make a new extract.",
        confidence: Confirmed,
    },
    // ------------------------------------------------------------------
    // TJE: services
    // ------------------------------------------------------------------
    RuleText {
        code: "TJE-01",
        title_nb: "Tjenestekode mangler",
        title_en: "Service code missing",
        why_nb: "Uten `tjTjenType` vet ikke mottakeren hvilken tjeneste det gjelder. Feltet er påkrevd i skjemaet, så filen validerer ikke og kan bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "Without `tjTjenType` the receiver cannot tell which service it is. The field is required by the schema, so the file fails validation and may be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Knytt vedtaket til riktig IPLOS-tjeneste i fagsystemet; ofte mangler en tjeneste eller vedtaksmal IPLOS-kode i oppsettet. Lag så et nytt uttrekk.",
        fix_en: "Link the decision to the right IPLOS service in the EPJ system; often a service or decision template lacks an IPLOS code in the set-up. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-02",
        title_nb: "Ukjent tjenestekode",
        title_en: "Unknown service code",
        why_nb: "Tjenestekoden finnes ikke i kodeverk 9151 (kode 10 finnes for eksempel ikke). Mottakeren regner en post med ugyldig tjenestekode som ugyldig, og tjenesten telles ikke. Kilde: kodeverk 9151 og Helsedirektoratets telleregler for KPR-data (sikkert).",
        why_en: "The service code is not in code list 9151 (code 10, for example, does not exist). The receiver treats a record with an invalid service code as invalid, and the service is not counted. Source: code list 9151 and Helsedirektoratet's counting rules for KPR data (confirmed).",
        fix_nb: "Be EPJ-administrator rette koblingen mellom kommunens tjenester og IPLOS-tjenestekodene i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Ask the EPJ administrator to correct the mapping between the municipality's services and the IPLOS service codes in the EPJ system. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-03",
        title_nb: "Tjenestekoden gjelder ikke i rapporteringsåret",
        title_en: "Service code not valid in the reporting year",
        why_nb: "Kodelisten ble endret i 2019: 16 (rehabilitering utenfor institusjon) ble en opplysning på personen, og 27, 28 og 29 kom til. En kode brukt utenfor årene den gjelder, telles ikke riktig. Kilde: kodeverk 9151 og SSBs og Helsedirektoratets omtale av endringene i 2019 (sikkert).",
        why_en: "The code list changed in 2019: 16 (rehabilitation outside an institution) became an item on the person, and 27, 28 and 29 were added. A code used outside the years it is valid is not counted correctly. Source: code list 9151 and SSB's and Helsedirektoratet's notes on the 2019 changes (confirmed).",
        fix_nb: "Oppdater IPLOS-oppsettet i fagsystemet til kodelisten for rapporteringsåret; fra 2019 registreres rehabilitering utenfor institusjon på personen, ikke som tjeneste. Lag så et nytt uttrekk.",
        fix_en: "Update the IPLOS set-up in the EPJ system to the code list of the reporting year; from 2019 rehabilitation outside an institution is recorded on the person, not as a service. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-04",
        title_nb: "Innvilget tjeneste uten startdato",
        title_en: "Granted service without a start date",
        why_nb: "Mottakeren tar ikke med tjenester uten startdato (`tjFraDato`), så tjenesten telles ikke. Kilde: Helsedirektoratets telleregler for KPR-data (sikkert).",
        why_en: "The receiver leaves out services without a start date (`tjFraDato`), so the service is not counted. Source: Helsedirektoratet's counting rules for KPR data (confirmed).",
        fix_nb: "Registrer datoen tjenesten startet på vedtaket i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Record the date the service started on the decision in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-05",
        title_nb: "Tjenestens startdato er etter sluttdatoen",
        title_en: "Service start date after its end date",
        why_nb: "En tjeneste kan ikke slutte før den starter, og mottakeren forkaster slike poster. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "A service cannot end before it starts, and the receiver drops such records. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Rett start- eller sluttdato (`tjFraDato`, `tjTilDato`) på vedtaket i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the start or end date (`tjFraDato`, `tjTilDato`) on the decision in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-06",
        title_nb: "Tjenesten starter etter rapporteringsåret",
        title_en: "Service starts after the reporting year",
        why_nb: "En tjeneste som starter etter 31. desember, hører til neste års rapportering, og mottakeren forkaster posten. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "A service that starts after 31 December belongs to next year's report, and the receiver drops the record. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Rett startdatoen hvis den er feilskrevet. Er den riktig, skal tjenesten ikke være med i årets uttrekk: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Correct the start date if it is mistyped. If it is right, the service should not be in this year's extract: tell the vendor and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-07",
        title_nb: "Tjenesten startet før 1980",
        title_en: "Service started before 1980",
        why_nb: "En startdato før 1980 er nesten alltid en feil, og Helsedirektoratet har forkastet slike poster i sine analyser. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "A start date before 1980 is almost always an error, and Helsedirektoratet has dropped such records in its analyses. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Sjekk startdatoen på vedtaket i fagsystemet og rett den hvis den er feil; ofte er det feil århundre eller en standardverdi. Lag så et nytt uttrekk.",
        fix_en: "Check the start date on the decision in the EPJ system and correct it if it is wrong; often it is the wrong century or a default value. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-08",
        title_nb: "Tjenesten sluttet før rapporteringsåret",
        title_en: "Service ended before the reporting year",
        why_nb: "En tjeneste med sluttdato før 1. januar var ikke aktiv i året og hører ikke hjemme i filen, og mottakeren forkaster posten. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "A service with an end date before 1 January was not active during the year and does not belong in the file, and the receiver drops the record. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Sjekk sluttdatoen på vedtaket i fagsystemet og rett den hvis den er feil. Er den riktig, skal tjenesten ikke være med i uttrekket: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Check the end date on the decision in the EPJ system and correct it if it is wrong. If it is right, the service should not be in the extract: tell the vendor and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-09",
        title_nb: "Timer per uke over 168",
        title_en: "Hours per week above 168",
        why_nb: "En uke har 168 timer, og Helsedirektoratet sier at mer enn 168 timer per uke på én tjeneste ikke er tillatt. Tallet er nesten alltid timer per måned eller per år ført som timer per uke. Kilde: Helsedirektoratets spørsmål og svar om tjenester (sikkert).",
        why_en: "A week has 168 hours, and Helsedirektoratet states that more than 168 hours per week on one service is not allowed. The figure is almost always hours per month or per year entered as hours per week. Source: Helsedirektoratet's questions and answers on services (confirmed).",
        fix_nb: "Rett omfanget (`tjTimerUke`) på vedtaket i fagsystemet til timer per uke; timer per måned deles på 4. Lag så et nytt uttrekk.",
        fix_en: "Correct the extent (`tjTimerUke`) on the decision in the EPJ system to hours per week; hours per month are divided by 4. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-10",
        title_nb: "Negativt antall timer per uke",
        title_en: "Negative hours per week",
        why_nb: "Et negativt omfang er umulig og gir feil sum av tildelte timer. Kilde: Helsedirektoratets spørsmål og svar om tjenester og IPLOS-skjemaet 2018 (sikkert).",
        why_en: "A negative extent is impossible and gives a wrong total of granted hours. Source: Helsedirektoratet's questions and answers on services and the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett omfanget (`tjTimerUke`) på vedtaket i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the extent (`tjTimerUke`) on the decision in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-11",
        title_nb: "Timetjeneste uten timer per uke",
        title_en: "Hour-based service without hours per week",
        why_nb: "For tjenestene 1, 2, 3, 4, 7, 9, 11, 15, 17 og 22 summeres de tildelte timene per uke. Mangler omfanget, eller er det 0, blir tildelte timer for lave i statistikken. Kilde: SSBs definisjon av tildelte timer per uke (sikkert).",
        why_en: "For services 1, 2, 3, 4, 7, 9, 11, 15, 17 and 22 the granted hours per week are added up. If the extent is missing or 0, granted hours come out too low in the statistics. Source: SSB's definition of granted hours per week (confirmed).",
        fix_nb: "Registrer vedtatt omfang i timer per uke på vedtaket i fagsystemet (timer per måned deles på 4), og lag et nytt uttrekk.",
        fix_en: "Record the granted extent in hours per week on the decision in the EPJ system (hours per month are divided by 4), and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-12",
        title_nb: "Timer per uke på en tjeneste som ikke måles i timer",
        title_en: "Hours per week on a service not measured in hours",
        why_nb: "Bare timetjenestene (1, 2, 3, 4, 7, 9, 11, 15, 17 og 22) har omfang i timer. På andre tjenester brukes ikke timene, og de kan tyde på feil tjenestekode. Kilde: SSBs definisjon av tildelte timer (sikkert); at de andre tjenestene ikke skal ha timer, er antatt.",
        why_en: "Only the hour-based services (1, 2, 3, 4, 7, 9, 11, 15, 17 and 22) have an extent in hours. On other services the hours are not used, and they may point to a wrong service code. Source: SSB's definition of granted hours (confirmed); that the other services should carry no hours is inferred.",
        fix_nb: "Sjekk at tjenestekoden er riktig. Er den det, fjern timer per uke fra vedtaket i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Check that the service code is right. If it is, remove the hours per week from the decision in the EPJ system, and make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "TJE-13",
        title_nb: "Avlastning i institusjon uten rullerende ja/nei",
        title_en: "Respite in an institution without rotating yes/no",
        why_nb: "For avlastning i institusjon (kode 8) skiller statistikken mellom rullerende (fast, gjentakende) og annen avlastning, og uten `tjRullerende` blir oppholdet uoppgitt. Kilde: SSBs statistikk om avlastning (sikkert); at 1 betyr ja og 2 betyr nei, er antatt.",
        why_en: "For respite in an institution (code 8) the statistics separate rotating (fixed, recurring) respite from other respite, and without `tjRullerende` the stay is recorded as not stated. Source: SSB's statistics on respite (confirmed); that 1 means yes and 2 means no is inferred.",
        fix_nb: "Marker på vedtaket i fagsystemet om avlastningen er rullerende (1 = ja, 2 = nei), og lag et nytt uttrekk.",
        fix_en: "Mark on the decision in the EPJ system whether the respite is rotating (1 = yes, 2 = no), and make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "TJE-14",
        title_nb: "Ugyldig organisasjonsnummer på tjenesten",
        title_en: "Invalid organisation number on the service",
        why_nb: "`tjInstOrgnr` skal være et organisasjonsnummer på 9 sifre med riktig kontrollsiffer. Med et ugyldig nummer vet ikke mottakeren hvor tjenesten ble gitt, og SSB utelater slike vedtak fra sykehjemstallene. Kilde: Brønnøysundregistrene og SSBs indikatordefinisjon for langtidsopphold (sikkert).",
        why_en: "`tjInstOrgnr` must be an organisation number of 9 digits with a correct check digit. With an invalid number the receiver cannot tell where the service was given, and SSB leaves such decisions out of the nursing-home figures. Source: the Brønnøysund Register Centre and SSB's indicator definition for long-term stays (confirmed).",
        fix_nb: "Rett organisasjonsnummeret for enheten som gir tjenesten i oppsettet i fagsystemet; bruk underenhetens (bedriftens) nummer fra Enhetsregisteret. Lag så et nytt uttrekk.",
        fix_en: "Correct the organisation number of the unit providing the service in the EPJ system set-up; use the sub-unit's (establishment's) number from the Central Coordinating Register. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-15",
        title_nb: "Organisasjonsnummer mangler på tjenesten",
        title_en: "Organisation number missing on the service",
        why_nb: "Helsedirektoratet krever organisasjonsnummer for tjenestene 1, 2, 3, 4, 8, 15, 17–22 og 25, fordi det viser hvor tjenesten gis. Uten det faller vedtaket blant annet ut av SSBs sykehjemstall. Kilde: Helsedirektoratets spørsmål og svar om organisasjonsnummer (sikkert).",
        why_en: "Helsedirektoratet requires an organisation number for services 1, 2, 3, 4, 8, 15, 17–22 and 25, because it shows where the service is given. Without it the decision drops out of, among others, SSB's nursing-home figures. Source: Helsedirektoratet's questions and answers on organisation numbers (confirmed).",
        fix_nb: "Knytt vedtaket i fagsystemet til enheten (institusjonen eller tjenestestedet) som utfører tjenesten, slik at underenhetens organisasjonsnummer kommer med. Lag så et nytt uttrekk.",
        fix_en: "Link the decision in the EPJ system to the unit (institution or service site) that provides the service, so that the sub-unit's organisation number is included. Then make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-16",
        title_nb: "Vedtaksdatoen er etter startdatoen",
        title_en: "Decision date after the start date",
        why_nb: "Vanligvis fattes vedtaket før tjenesten starter. Det kan være riktig når hjelp må gis straks, men ofte er en av datoene feil, og tiden fra vedtak til start blir feil i statistikken. Antatt: en rimelighetskontroll; feltene `tjVedtDato` og `tjFraDato` er sikre (IPLOS-skjemaet 2018).",
        why_en: "Usually the decision is made before the service starts. It can be right when help has to be given at once, but often one of the dates is wrong, and the time from decision to start comes out wrong in the statistics. Inferred: a plausibility check; the fields `tjVedtDato` and `tjFraDato` are confirmed (the IPLOS schema 2018).",
        fix_nb: "Sjekk vedtaksdato (`tjVedtDato`) og startdato (`tjFraDato`) i fagsystemet og rett den som er feil. Har du rettet noe, lag et nytt uttrekk; er begge riktige, trenger du ikke gjøre noe.",
        fix_en: "Check the decision date (`tjVedtDato`) and the start date (`tjFraDato`) in the EPJ system and correct the wrong one. If you corrected anything, make a new extract; if both are right, nothing needs doing.",
        confidence: Inferred,
    },
    RuleText {
        code: "TJE-17",
        title_nb: "Vedtaksdato etter rapporteringsåret",
        title_en: "Decision date after the reporting year",
        why_nb: "Et vedtak fattet etter 31. desember hører til neste års rapportering og kan ikke brukes i årets fil. Kilde: rapporteringsperioden i IPLOS-skjemaet 2018 (sikkert).",
        why_en: "A decision made after 31 December belongs to next year's report and cannot be used in this year's file. Source: the reporting period in the IPLOS schema 2018 (confirmed).",
        fix_nb: "Rett vedtaksdatoen hvis den er feilskrevet. Er den riktig, skal vedtaket ikke være med i årets uttrekk: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Correct the decision date if it is mistyped. If it is right, the decision should not be in this year's extract: tell the vendor and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-18",
        title_nb: "Samme tjeneste registrert to ganger",
        title_en: "The same service reported twice",
        why_nb: "To poster med samme tjenestekode, startdato og sluttdato for samme person er en dobbeltregistrering, og tjenesten og timene telles to ganger. Antatt: regelen er vår egen; ingen kilde fra mottakeren beskriver den.",
        why_en: "Two records with the same service code, start date and end date for the same person are a duplicate, and the service and its hours are counted twice. Inferred: the rule is our own; no source from the receiver describes it.",
        fix_nb: "Slett det doble vedtaket eller den doble tjenesten i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Delete the duplicate decision or service in the EPJ system, and make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "TJE-19",
        title_nb: "Overlappende perioder for samme tjeneste",
        title_en: "Overlapping periods of the same service",
        why_nb: "Når samme tjeneste har to perioder som overlapper, telles timene dobbelt i overlappen. Det kan være riktig, men er ofte en glemt sluttdato på et gammelt vedtak. Antatt: Helsedirektoratet nevner overlappende langtidsopphold, men har ikke publisert en regel.",
        why_en: "When the same service has two overlapping periods, the hours are counted twice during the overlap. It can be right, but is often a forgotten end date on an old decision. Inferred: Helsedirektoratet mentions overlapping long-term stays but has published no rule.",
        fix_nb: "Sett sluttdato på det gamle vedtaket dagen før det nye starter i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Set an end date on the old decision the day before the new one starts in the EPJ system, and make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "TJE-20",
        title_nb: "Avslag med startdato, sluttdato eller timer",
        title_en: "Refusal with a start date, end date or hours",
        why_nb: "Et avslag (`tjVedtak` 1) gir ingen tjeneste, så startdato, sluttdato og timer hører ikke hjemme der. Det tyder på at vedtaket er registrert som avslag ved en feil, eller at feltene er fylt ut ved en feil. Antatt: en rimelighetskontroll ut fra at avslag rapporteres uten tjeneste.",
        why_en: "A refusal (`tjVedtak` 1) gives no service, so a start date, end date and hours do not belong on it. It suggests the decision was recorded as a refusal by mistake, or the fields were filled in by mistake. Inferred: a plausibility check based on refusals being reported without a service.",
        fix_nb: "Sjekk vedtaket i fagsystemet: er det et avslag, fjern startdato, sluttdato og timer; er tjenesten innvilget, rett vedtaksresultatet. Lag så et nytt uttrekk.",
        fix_en: "Check the decision in the EPJ system: if it is a refusal, remove the start date, end date and hours; if the service was granted, correct the outcome. Then make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "TJE-21",
        title_nb: "Avslag med vedtaksdato utenfor året",
        title_en: "Refusal with a decision date outside the year",
        why_nb: "Et avslag har ingen tjenesteperiode og hører derfor til året det ble gitt. Et avslag fra et annet år hører ikke hjemme i årets fil og kan bli telt i feil år. Antatt: regelen er avledet av hvordan avslag rapporteres.",
        why_en: "A refusal has no service period and therefore belongs to the year it was given. A refusal from another year does not belong in this year's file and may be counted in the wrong year. Inferred: the rule is derived from how refusals are reported.",
        fix_nb: "Rett vedtaksdatoen hvis den er feil. Er den riktig, skal avslaget ikke være med i årets uttrekk: meld fra til leverandøren og lag et nytt uttrekk.",
        fix_en: "Correct the decision date if it is wrong. If it is right, the refusal should not be in this year's extract: tell the vendor and make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "TJE-22",
        title_nb: "Tjenesten starter etter dødsdatoen",
        title_en: "Service starts after the date of death",
        why_nb: "En tjeneste kan ikke starte etter at personen er død, så enten dødsdatoen eller startdatoen er feil. Antatt: en rimelighetskontroll, ikke en publisert regel fra mottakeren.",
        why_en: "A service cannot start after the person has died, so either the date of death or the start date is wrong. Inferred: a plausibility check, not a published rule of the receiver.",
        fix_nb: "Sjekk dødsdatoen mot folkeregisteret og startdatoen på vedtaket i fagsystemet, og rett den som er feil. Lag så et nytt uttrekk.",
        fix_en: "Check the date of death against the population register and the start date on the decision in the EPJ system, and correct the wrong one. Then make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "TJE-23",
        title_nb: "Over 168 timer per uke til sammen på én dag",
        title_en: "More than 168 hours per week in total on one day",
        why_nb: "På minst én dag i året gir personens aktive tjenester til sammen flere timer per uke enn en uke har. Ofte er et gammelt vedtak ikke avsluttet, eller timer per måned er ført som timer per uke. Kilde: Helsedirektoratets grense på 168 timer per tjeneste (sikkert); å bruke grensen på summen er antatt.",
        why_en: "On at least one day of the year the person's active services add up to more hours per week than a week has. Often an old decision was not ended, or hours per month were entered as hours per week. Source: Helsedirektoratet's limit of 168 hours per service (confirmed); applying the limit to the total is inferred.",
        fix_nb: "Sjekk at gamle vedtak har sluttdato og at omfanget er ført i timer per uke, og rett det i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Check that old decisions have an end date and that the extent is entered in hours per week, and correct it in the EPJ system. Then make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "TJE-24",
        title_nb: "Langtidsopphold og hjemmetjenester samme dag",
        title_en: "Long-term stay and home services on the same day",
        why_nb: "Personen har langtidsopphold (21) og samtidig praktisk bistand eller helsetjenester i hjemmet (1, 2, 15). Det kan være riktig rundt en innflytting, men er ofte hjemmetjenester som ikke er avsluttet; mottakeren kontrollerer ikke dette selv. Kilde: Helsedirektoratets telleregler for KPR-data (sikkert).",
        why_en: "The person has a long-term stay (21) and at the same time practical assistance or home health care (1, 2, 15). That can be right around a move, but is often home services that were not ended; the receiver does not check this itself. Source: Helsedirektoratet's counting rules for KPR data (confirmed).",
        fix_nb: "Er hjemmetjenestene avsluttet i virkeligheten, sett sluttdato på dem i fagsystemet og lag et nytt uttrekk. Ellers trenger du ikke gjøre noe.",
        fix_en: "If the home services have in fact ended, set an end date on them in the EPJ system and make a new extract. Otherwise nothing needs doing.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-25",
        title_nb: "Vedtaksdato mangler",
        title_en: "Decision date missing",
        why_nb: "Skjemaet krever vedtaksdato (`tjVedtDato`) på hver tjeneste, også på avslag. Mangler den, validerer ikke filen, og den vil trolig bli avvist. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The schema requires a decision date (`tjVedtDato`) on every service, refusals included. If it is missing, the file fails validation and will probably be rejected. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Registrer datoen for vedtaket eller beslutningen på tjenesten i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Record the date of the decision on the service in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-26",
        title_nb: "Organisasjonsnummer på en tjeneste som ikke skal ha det",
        title_en: "Organisation number on a service that must not have one",
        why_nb: "Tildeling av bolig (12, 13) og lokaliseringsteknologi (26) skal ikke ha organisasjonsnummer, og et nummer kan gi feil fordeling på tjenestesteder. Kilde: Helsedirektoratets spørsmål og svar om organisasjonsnummer (sikkert); at det samme gjelder bolig (29) fra 2019, er antatt.",
        why_en: "Allocation of housing (12, 13) and location technology (26) must not carry an organisation number, and a number may give a wrong split by service site. Source: Helsedirektoratet's questions and answers on organisation numbers (confirmed); that the same applies to housing (29) from 2019 is inferred.",
        fix_nb: "Fjern organisasjonsnummeret fra vedtaket, eller fjern koblingen til enhet i IPLOS-oppsettet for denne tjenesten i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Remove the organisation number from the decision, or remove the link to a unit in the IPLOS set-up for this service in the EPJ system. Then make a new extract.",
        confidence: Inferred,
    },
    RuleText {
        code: "TJE-27",
        title_nb: "Datoene for søknad, vedtak og klage er i feil rekkefølge",
        title_en: "Application, decision and appeal dates out of order",
        why_nb: "Søknaden må komme før vedtaket (`tjSoknadDato` før `tjVedtDato`), og en klage må være mottatt før den er besvart. Feil rekkefølge gir feil saksbehandlingstid i statistikken. Kilde: IPLOS-skjemaet 2018 og kodeverk 9169 for datotyper (sikkert).",
        why_en: "The application must come before the decision (`tjSoknadDato` before `tjVedtDato`), and an appeal must be received before it is answered. The wrong order gives wrong processing times in the statistics. Source: the IPLOS schema 2018 and code list 9169 for date types (confirmed).",
        fix_nb: "Rett søknads-, vedtaks- eller klagedatoen som er feil i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Correct the wrong application, decision or appeal date in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-28",
        title_nb: "Boligkode 12 eller 13 etter 2018: bruk 29",
        title_en: "Housing code 12 or 13 after 2018: use 29",
        why_nb: "Fra 2019 er omsorgsbolig (12) og annen bolig (13) erstattet av 29, bolig kommunen disponerer for helse- og omsorgsformål. Mottakeren regner om 12 og 13 til 29, så tjenesten telles, men filen følger ikke kodelisten. Kilde: Helsedirektoratets telleregler for KPR-data og kodeverk 9151 (sikkert).",
        why_en: "From 2019 sheltered housing (12) and other housing (13) are replaced by 29, housing the municipality has at its disposal for health and care purposes. The receiver recodes 12 and 13 to 29, so the service is counted, but the file does not follow the code list. Source: Helsedirektoratet's counting rules for KPR data and code list 9151 (confirmed).",
        fix_nb: "Be EPJ-administrator endre IPLOS-koden for boligvedtak til 29 i fagsystemet, og lag et nytt uttrekk.",
        fix_en: "Ask the EPJ administrator to change the IPLOS code for housing decisions to 29 in the EPJ system, and make a new extract.",
        confidence: Confirmed,
    },
    RuleText {
        code: "TJE-29",
        title_nb: "Tjenesten starter før personen ble født",
        title_en: "Service starts before the person was born",
        why_nb: "En tjeneste kan ikke starte før personen er født, og mottakeren forkaster slike poster. Fødselsdatoen tas fra fødselsnummeret, ellers regnes fødselsåret ut fra alderen. Kilde: Helsedirektoratets gyldighetskriterier for KPR-data (sikkert).",
        why_en: "A service cannot start before the person was born, and the receiver drops such records. The date of birth is taken from the identity number, otherwise the year of birth is worked out from the age. Source: Helsedirektoratet's validity criteria for KPR data (confirmed).",
        fix_nb: "Rett startdatoen på vedtaket, eller personens fødselsnummer eller alder, i fagsystemet. Lag så et nytt uttrekk.",
        fix_en: "Correct the start date on the decision, or the person's identity number or age, in the EPJ system. Then make a new extract.",
        confidence: Confirmed,
    },
];

/// The wording of the rule with this code, if there is one.
pub fn text(code: &str) -> Option<&'static RuleText> {
    TEXTS
        .binary_search_by(|t| t.code.cmp(code))
        .ok()
        .map(|i| &TEXTS[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_and_unique() {
        for pair in TEXTS.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "not sorted or duplicate: {} then {}",
                pair[0].code,
                pair[1].code
            );
        }
    }

    #[test]
    fn all_94_codes() {
        assert_eq!(TEXTS.len(), 94);
        let expected = [
            ("DIA", 4),
            ("FIL", 17),
            ("FUN", 8),
            ("IDE", 5),
            ("OPP", 4),
            ("PER", 27),
            ("TJE", 29),
        ];
        for (prefix, n) in expected {
            for i in 1..=n {
                let code = format!("{prefix}-{i:02}");
                assert!(text(&code).is_some(), "missing {code}");
            }
        }
    }

    #[test]
    fn no_field_empty() {
        for t in TEXTS {
            for (name, s) in [
                ("title_nb", t.title_nb),
                ("title_en", t.title_en),
                ("why_nb", t.why_nb),
                ("why_en", t.why_en),
                ("fix_nb", t.fix_nb),
                ("fix_en", t.fix_en),
            ] {
                assert!(!s.trim().is_empty(), "{} {name} is empty", t.code);
                assert_eq!(s, s.trim(), "{} {name} has outer whitespace", t.code);
            }
        }
    }

    #[test]
    fn titles_are_short() {
        for t in TEXTS {
            assert!(t.title_nb.chars().count() <= 70, "{} title_nb", t.code);
            assert!(t.title_en.chars().count() <= 70, "{} title_en", t.code);
        }
    }

    #[test]
    fn why_names_a_source_and_inferred_says_so() {
        for t in TEXTS {
            assert!(
                t.why_nb.contains("Kilde:") || t.why_nb.contains("Antatt:"),
                "{} why_nb names no source",
                t.code
            );
            assert!(
                t.why_en.contains("Source:") || t.why_en.contains("Inferred:"),
                "{} why_en names no source",
                t.code
            );
            if t.confidence == Confidence::Inferred {
                assert!(t.why_nb.to_lowercase().contains("antatt"), "{}", t.code);
                assert!(t.why_en.to_lowercase().contains("inferred"), "{}", t.code);
            }
        }
    }

    #[test]
    fn no_identity_numbers_in_texts() {
        for t in TEXTS {
            for s in [
                t.title_nb, t.title_en, t.why_nb, t.why_en, t.fix_nb, t.fix_en,
            ] {
                let mut run = 0;
                for c in s.chars() {
                    run = if c.is_ascii_digit() { run + 1 } else { 0 };
                    assert!(run < 11, "{} holds an 11-digit number", t.code);
                }
            }
        }
    }

    #[test]
    fn lookup() {
        assert_eq!(
            text("TJE-09").map(|t| t.title_nb),
            Some("Timer per uke over 168")
        );
        assert_eq!(
            text("FIL-17").map(|t| t.confidence),
            Some(Confidence::Inferred)
        );
        assert!(text("TJE-30").is_none());
        assert!(text("").is_none());
    }

    #[test]
    fn confidence_serialises_lowercase() {
        assert_eq!(
            serde_json::to_string(&Confidence::Confirmed).unwrap(),
            "\"confirmed\""
        );
        assert_eq!(
            serde_json::to_string(&Confidence::Inferred).unwrap(),
            "\"inferred\""
        );
    }
}

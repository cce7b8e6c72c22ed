//! FIL rules that only reading can see: a file that cannot be decoded or
//! parsed (FIL-01), a structure that is not an IPLOS file (FIL-02), an
//! encoding declaration that lies (FIL-03), unknown names (FIL-09) and CSV
//! rows of the wrong length (FIL-10), a file of another kind than IPLOS
//! (FIL-18), a CSV without columns the schema requires (FIL-20), and
//! what was unpacked or put in its right place (FIL-21).
//!
//! These have no check of their own: the decoder and the readers raise
//! them as they go (each declaration names which, in `raised_by`), and the
//! wording lives here with the other rules.

use super::{Check, Rule, ALL_YEARS};
use crate::finding::{Confidence, Severity};
use crate::model::Field;

/// Service columns a CSV needs only for some services, with the rule that
/// says so of each one: `tjFraDato` for a granted service (TJE-04),
/// `tjInstOrgnr` for a granted service of the codes that name their unit
/// (TJE-15). A file with services but without such a column gets one
/// FIL-20 that names it with the number of services that needed it; those
/// services' findings are not listed one by one. (The warnings' columns,
/// hours and rotation, are left to their rules: FIL-20 is an error.)
pub(crate) const NEEDED_WHERE: &[(Field, &str)] =
    &[(Field::tjFraDato, "TJE-04"), (Field::tjInstOrgnr, "TJE-15")];

/// The FIL rules the decoder and the readers raise: declared once, with their wording, years and check.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "FIL-01",
        severity: Severity::Fatal,
        years: ALL_YEARS,
        title_nb: "Filen kan ikke leses (ikke gyldig XML eller CSV)",
        title_en: "The file cannot be read (not valid XML or CSV)",
        why_nb: "Filen er ødelagt eller ikke en XML- eller CSV-fil, så ingenting i den kan kontrolleres. En XML-fil som ikke er velformet, kan heller ikke leses av mottakeren og blir avvist i sin helhet. Kilde: XML-standarden og e-helses kodeverk for meldingskvittering, kode T01 (sikkert).",
        why_en: "The file is damaged or is not an XML or CSV file, so nothing in it can be checked. An XML file that is not well-formed cannot be read by the receiver either and is rejected as a whole. Source: the XML standard and e-helse's code list for message receipts, code T01 (confirmed).",
        fix_nb: "Se på linjen og kolonnen i meldingen: ofte er filen avkortet fordi uttrekket ble avbrutt, eller den er åpnet og lagret i et annet program. Lag et nytt uttrekk fra fagsystemet og send det uten å redigere det.",
        fix_en: "Look at the line and column in the message: often the file is truncated because the extract was interrupted, or it has been opened and saved in another program. Make a new extract from the EPJ system and send it without editing it.",
        confidence: Confidence::Confirmed,
        check: Check::Reader,
        raised_by: &["decode", "xml", "ident", "csv_reader"],
    },
    Rule {
        code: "FIL-02",
        severity: Severity::Fatal,
        years: ALL_YEARS,
        title_nb: "Ukjent filoppbygging (ikke en IPLOS-fil)",
        title_en: "Unknown file structure (not an IPLOS file)",
        why_nb: "Filen kan leses, men rotelementet er ikke `IPLOS` eller en identmelding, eller CSV-overskriften har ingen kjente kolonnenavn. Da vet vi ikke hva filen inneholder, og ingen regler kan kjøres. Kontrollen stopper også her når filen er bygd slik ingen ekte IPLOS-fil er: elementer nøstet dypere enn 64 nivåer, eller én person med mer enn 100 000 elementer eller 20 000 CSV-rader (slik holder minnebruken seg nede). Kilde: IPLOS-skjemaet 2018 og skjemaet for identmeldingen (sikkert).",
        why_en: "The file can be read, but its root element is not `IPLOS` or an identity message, or the CSV header has no known column names. We cannot tell what the file holds, so no rules can run. The check also stops here when the file is built as no real IPLOS file is: elements nested deeper than 64 levels, or one person with more than 100 000 elements or 20 000 CSV rows (this keeps memory use down). Source: the IPLOS schema 2018 and the identity message schema (confirmed).",
        fix_nb: "Kontroller at du har valgt IPLOS-filen fra fagsystemet og ikke en annen rapport eller en kvittering. En CSV-fil må ha en første linje med feltnavn, for eksempel `peKomnr` og `tjTjenType`, eller kjente navn som kommunenr og tjenestekode.",
        fix_en: "Check that you chose the IPLOS file from the EPJ system and not another report or a receipt. A CSV file needs a first line of field names, for example `peKomnr` and `tjTjenType`, or known names such as kommunenr and tjenestekode.",
        confidence: Confidence::Confirmed,
        check: Check::Reader,
        raised_by: &["engine::session", "xml", "ident", "csv_reader"],
    },
    Rule {
        code: "FIL-03",
        severity: Severity::Warning,
        years: ALL_YEARS,
        title_nb: "Tegnsettet i XML-deklarasjonen stemmer ikke med filen",
        title_en: "The XML encoding declaration does not match the file",
        why_nb: "Når `encoding=` i første linje sier noe annet enn tegnsettet filen faktisk er lagret i, kan æ, ø og å bli feil hos mottakeren, eller filen kan bli avvist. I 2018-skjemaene er IPLOS-filen UTF-8 og identmeldingen ISO-8859-1. Kilde: XML-standarden og skjemaene fra 2018 (sikkert).",
        why_en: "When `encoding=` in the first line names another character set than the one the file is actually stored in, æ, ø and å may come out wrong at the receiver, or the file may be rejected. In the 2018 schemas the IPLOS file is UTF-8 and the identity message ISO-8859-1. Source: the XML standard and the 2018 schemas (confirmed).",
        fix_nb: "Dette skjer nesten alltid når filen er åpnet og lagret på nytt i et annet program. Lag et nytt uttrekk fra fagsystemet og send det uendret; er feilen der også, meld fra til leverandøren.",
        fix_en: "This almost always happens when the file has been opened and saved again in another program. Make a new extract from the EPJ system and send it unchanged; if the error is there too, tell the vendor.",
        confidence: Confidence::Confirmed,
        check: Check::Reader,
        raised_by: &["xml", "ident"],
    },
    Rule {
        code: "FIL-09",
        severity: Severity::Info,
        years: ALL_YEARS,
        title_nb: "Ukjent element, attributt eller kolonne",
        title_en: "Unknown element, attribute or column",
        why_nb: "Navnet finnes ikke i IPLOS-skjemaet 2018, så innholdet blir ikke kontrollert. Det kan være et nytt felt fra versjon 3.7, som ikke er offentlig, en skrivefeil eller en ekstra kolonne i et regneark. Kilde: IPLOS-skjemaet 2018 (sikkert).",
        why_en: "The name is not in the IPLOS schema 2018, so its content is not checked. It may be a new field from version 3.7, which is not public, a typing error or an extra column in a spreadsheet. Source: the IPLOS schema 2018 (confirmed).",
        fix_nb: "Ingen handling er nødvendig hvis feltet kommer fra fagsystemet. Har du lagt til eller endret kolonner selv, fjern dem eller bruk de offisielle feltnavnene, og kontroller filen på nytt.",
        fix_en: "No action is needed if the field comes from the EPJ system. If you added or renamed columns yourself, remove them or use the official field names, and check the file again.",
        confidence: Confidence::Confirmed,
        check: Check::Reader,
        raised_by: &["xml", "csv_reader"],
    },
    Rule {
        code: "FIL-10",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "CSV-rad med feil antall felt",
        title_en: "CSV row with the wrong number of fields",
        why_nb: "Når en rad har flere eller færre felt enn overskriften, havner verdiene i feil kolonne, for eksempel en dato som tjenestekode, og raden kan ikke leses riktig. Kilde: CSV-formatet (RFC 4180) (sikkert).",
        why_en: "When a row has more or fewer fields than the header, values end up in the wrong column, for example a date as the service code, and the row cannot be read correctly. Source: the CSV format (RFC 4180) (confirmed).",
        fix_nb: "Se etter skilletegn inne i en verdi (for eksempel semikolon eller komma i et navn) uten anførselstegn rundt, eller linjeskift inne i et felt. Lag et nytt uttrekk fra fagsystemet, eller rett dataene der, ikke bare i regnearket.",
        fix_en: "Look for a delimiter inside a value (for example a semicolon or comma in a name) without quotes around it, or a line break inside a field. Make a new extract from the EPJ system, or correct the data there, not only in the spreadsheet.",
        confidence: Confidence::Confirmed,
        check: Check::Reader,
        raised_by: &["csv_reader"],
    },
    Rule {
        code: "FIL-18",
        severity: Severity::Fatal,
        years: ALL_YEARS,
        title_nb: "Dette er ikke en IPLOS-fil (PDF, Word, bilde, nettside …)",
        title_en: "This is not an IPLOS file (PDF, Word, image, web page …)",
        why_nb: "IPLOS-filen er en XML-fil som fagsystemet lager (eller en CSV-eksport av den). Filen som er valgt, er noe annet, kjent på innholdet og ikke på navnet: en PDF, et Word-dokument, et bilde, en nettside, en JSON-fil, en gammel Excel-fil (.xls) eller en ZIP-fil uten IPLOS-fil i. Ingenting i den kan kontrolleres. Kilde: IPLOS-skjemaet 2018 og formatene filene har (sikkert).",
        why_en: "The IPLOS file is an XML file the EPJ system makes (or a CSV export of it). The chosen file is something else, known by its content and not its name: a PDF, a Word document, an image, a web page, a JSON file, an old Excel file (.xls) or a ZIP file without an IPLOS file in it. Nothing in it can be checked. Source: the IPLOS schema 2018 and the formats of the files (confirmed).",
        fix_nb: "Velg IPLOS-filen (XML) som fagsystemet eksporterte, eller en CSV-eksport av den. En Excel-arbeidsbok (.xlsx), en ZIP-fil med IPLOS-filen i og en lagret hodemelding kan også velges. Meldingen sier hva filen er og hva du gjør.",
        fix_en: "Choose the IPLOS file (XML) the EPJ system exported, or a CSV export of it. An Excel workbook (.xlsx), a ZIP file holding the IPLOS file and a saved hodemelding can be chosen too. The message says what the file is and what to do.",
        confidence: Confidence::Confirmed,
        check: Check::Reader,
        raised_by: &["engine::session::unpack"],
    },
    Rule {
        code: "FIL-21",
        severity: Severity::Info,
        years: ALL_YEARS,
        title_nb: "Filen er pakket ut eller lagt på riktig plass",
        title_en: "The file was unpacked or put in its right place",
        why_nb: "Det du valgte, er lest slik det var ment: en hodemelding (KPR_IPL eller KPR_IDE) er åpnet og innholdet kontrollert, en ZIP-fil er åpnet i minnet, det første arket i en arbeidsbok er lest som CSV, eller fagmelding og identmelding var valgt i bytte roller og er lagt riktig, kjent på innholdet. Filer som ikke ble lest, er nevnt ved navn. Kilde: formatene filene har, og mottakerens veiledning om hodemeldingen fra 2023 (sikkert).",
        why_en: "What you chose was read as it was meant: a hodemelding (KPR_IPL or KPR_IDE) was opened and its content checked, a ZIP file was opened in memory, a workbook's first sheet was read as CSV, or the fagmelding and identmelding were given in swapped roles and put right, known by their content. Files that were not read are named. Source: the formats of the files, and the receiver's guidance on the hodemelding from 2023 (confirmed).",
        fix_nb: "Ingen retting er nødvendig. Sjekk at det som ble lest, er filene du mente å kontrollere.",
        fix_en: "No correction is needed. Check that what was read is the files you meant to check.",
        confidence: Confidence::Confirmed,
        check: Check::Reader,
        raised_by: &["engine::session::unpack", "inputs"],
    },
    Rule {
        code: "FIL-20",
        severity: Severity::Error,
        years: ALL_YEARS,
        title_nb: "CSV-filen eller arbeidsboken mangler kolonner som skjemaet krever",
        title_en: "The CSV file or workbook lacks columns the schema requires",
        why_nb: "Noen felt skal ha en verdi for hver person (for eksempel `peFraDato`, `peEndrDato`, `peKomnr`, og husstanden `poHusstand`), hver tjeneste (`tjTjenType`, `tjVedtDato`), hver diagnose (`diDiagKode`), hvert opphold (`dgFraDato`) eller hver funksjonsvurdering (`fnFraDato`). Mangler hele kolonnen, mangler verdien på hver eneste rad, og mottakeren kan ikke bruke postene. Kolonner som bare noen tjenester trenger (`tjFraDato` for en innvilget tjeneste, `tjInstOrgnr` for tjenester som skal oppgi utførende enhet), meldes når minst én tjeneste i filen trengte dem, med hvor mange. Det er én feil i uttrekket, ikke én per person, så den meldes én gang. Kilde: IPLOS-skjemaet 2018, som krever feltene, og for husstanden forskrift om kommunalt pasient- og brukerregister § 2-1 (sikkert).",
        why_en: "Some fields must have a value for every person (for example `peFraDato`, `peEndrDato`, `peKomnr`, and the household `poHusstand`), every service (`tjTjenType`, `tjVedtDato`), every diagnosis (`diDiagKode`), every stay (`dgFraDato`) or every function assessment (`fnFraDato`). When the whole column is missing, the value is missing on every single row, and the receiver cannot use the records. Columns only some services need (`tjFraDato` for a granted service, `tjInstOrgnr` for services that must name their executing unit) are reported when at least one service in the file needed them, with how many. It is one fault of the extract, not one per person, so it is reported once. Source: the IPLOS schema 2018, which requires the fields, and for the household the KPR regulation § 2-1 (confirmed).",
        fix_nb: "Ta med kolonnene som meldingen nevner, i uttrekket eller eksporten (navnet på kolonnen står i meldingen). Er filen laget av fagsystemet, be leverandøren rette eksporten; er den satt sammen for hånd, legg til kolonnene. Kontroller filen på nytt.",
        fix_en: "Include the columns the message names in the extract or export (the column names are in the message). If the EPJ system made the file, ask the vendor to correct the export; if it was put together by hand, add the columns. Check the file again.",
        confidence: Confidence::Confirmed,
        check: Check::Reader,
        raised_by: &["csv_reader::columns"],
    },
];

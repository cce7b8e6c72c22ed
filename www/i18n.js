// User-facing text, Norwegian bokmål first and English second. One table per
// language with the same keys; a value is a string or a function of its
// arguments. Nothing here touches the DOM.

const nb = {
  title: 'IPLOS-sjekk',
  tagline: 'Kontroller kommunens IPLOS/KPR-fil før den sendes inn.',
  switchLang: 'English',
  switchLangLabel: 'Switch to English',
  skip: 'Hopp til hovedinnholdet',
  privacyTitle: 'Filen blir på maskinen din',
  privacyText:
    'Kontrollen kjører i denne nettleseren. Siden har en sikkerhetsregel (Content-Security-Policy) som forbyr alle nettverkskall etter at den er lastet, og den lagrer ingenting.',
  privacyTextEmbedded:
    'Kontrollen kjører i denne nettleseren. Filen lastes ikke opp, ingenting lagres, og siden rundt får bare et sammendrag uten fødselsnumre.',
  privacyHow:
    'Slik sjekker du det: åpne utviklerverktøyene (F12), fanen «Nettverk», og velg filen – ingen forespørsler dukker opp. Du kan også koble maskinen fra nettet før du velger filen.',
  chooseHeading: 'Velg fil',
  mainLabel: 'IPLOS-fil (fagmelding, XML eller CSV)',
  mainHint: 'Dra filen hit, eller klikk for å velge. Kontrollen starter straks.',
  identLabel: 'Identmelding (valgfritt, fra 2018)',
  identHint: 'Dra identmeldingen hit, eller klikk for å velge.',
  chooseButton: 'Velg fil',
  yearLabel: 'Rapporteringsår',
  yearHint: 'Står det et år i filen, gjelder det.',
  example: 'Prøv med eksempelfil',
  clear: 'Tøm',
  cancel: 'Avbryt',
  selected: (name, size) => `Valgt: ${name} (${size})`,
  noneSelected: 'Ingen fil valgt.',
  progressLabel: 'Fremdrift',
  progress: (done, total, pct, persons) => `${done} av ${total} lest (${pct} %) · ${persons} personer`,
  starting: 'Starter kontrollmotoren …',
  ready: 'Klar. Velg en fil, eller prøv med eksempelfilen.',
  engineFailed: (m) => `Kontrollmotoren kunne ikke startes: ${m}`,
  checking: (name) => `Kontrollerer ${name} …`,
  checkingPct: (name, pct) => `Kontrollerer ${name}: ${pct} % lest.`,
  done: (name, seconds, mbps) => `Ferdig: ${name} kontrollert på ${seconds} s (${mbps} MB/s).`,
  failed: (m) => `Kontrollen feilet: ${m}`,
  cancelled: 'Kontrollen er avbrutt. Ingen resultat vises.',
  cleared: 'Tømt. Ingenting er lagret.',
  needMain: 'Velg også IPLOS-filen (fagmeldingen).',
  resultHeading: 'Resultat',
  announceResult: (verdict, errors, warnings) => `Resultat: ${verdict} ${errors} feil, ${warnings} advarsler.`,
  onThisPage: 'På denne siden',
  persons: 'Personer',
  records: 'Tjenester',
  personsWithErrors: 'Personer med feil',
  severity: { fatal: 'Kritisk', error: 'Feil', warning: 'Advarsel', info: 'Info' },
  severityPlural: { fatal: 'Kritiske', error: 'Feil', warning: 'Advarsler', info: 'Info' },
  yearNote: (fileYear, chosen) => `Filen gjelder ${fileYear}; det året er brukt, ikke ${chosen}.`,
  findingsHeading: 'Funn',
  noFindings: 'Ingen funn.',
  filters: 'Filtrer funnene',
  filterSeverity: 'Alvorlighet',
  filterRule: 'Regel',
  filterService: 'Tjenestekode',
  all: 'Alle',
  showing: (shown, total, rules) => `Viser ${shown} av ${total} funn under ${rules} regler.`,
  keysHint: 'Tips: med fokus på en regel går pil opp og pil ned til forrige og neste regel.',
  findingsCount: (n) => `${n} funn`,
  omittedNote: (n) => `${n} flere funn av denne typen er telt, men ikke listet. Kommandolinjen med --all-findings lister alle.`,
  why: 'Hvorfor',
  fix: 'Slik retter du',
  colLine: 'Linje',
  colPerson: 'Person nr.',
  colPePeID: 'pePeID',
  colFid: 'Fødselsnummer (maskert)',
  colService: 'Tjeneste',
  colMessage: 'Melding',
  tableCaption: (code) => `Funn for ${code}`,
  showMore: (n) => `Vis ${n} til`,
  dutiesHeading: 'Rapporteringsplikt',
  registers: 'Register',
  basis: 'Hjemmel',
  receiver: 'Mottaker',
  channel: 'Kanal',
  deadline: 'Frist',
  sender: 'Avsender',
  identity: 'Identitet i dataene',
  letter: 'Brev',
  notCovered: 'Filen dekker ikke',
  byServiceHeading: 'Plikt per tjenestekode',
  colCode: 'Kode',
  colName: 'Tjeneste',
  colRecords: 'Poster',
  colPersons: 'Personer',
  colRegisters: 'Register',
  colBasis: 'Hjemmel',
  colScope: 'I IPLOS-forskriften § 1-1a',
  colValid: 'Gyldig i året',
  colNote: 'Merknad',
  yes: 'Ja',
  no: 'Nei',
  uncertain: 'Usikker',
  statsHeading: 'Tallene registeret vil publisere',
  recipientsYear: 'Mottakere i løpet av året',
  recipientsActive: 'Mottakere per 31.12.',
  personsExcluded: 'Holdt utenfor (feil)',
  definitions: 'Definisjoner',
  chartService: 'Personer per tjenestekode per 31.12.',
  chartAge: 'Personer per aldersgruppe per 31.12.',
  chartGroup: 'Personer per tjenestegruppe per 31.12.',
  chartShares: 'Andel mottakere med …',
  shareAssessment: 'funksjonsvurdering',
  shareDiagnosis: 'diagnose',
  shareIndividualPlan: 'individuell plan',
  asTable: 'Vis tallene som tabell',
  colGroup: 'Gruppe',
  colPersonsActive: 'Personer 31.12.',
  colPersonsYear: 'Personer i året',
  colRecordsYear: 'Poster i året',
  colHours: 'Timer per uke 31.12.',
  colShare: 'Andel',
  ageUnknown: (n) => `Ukjent alder: ${n} personer.`,
  provenanceHeading: 'Om filen og kontrollen',
  fileName: 'Fil',
  role: { fagmelding: 'Fagmelding', identmelding: 'Identmelding' },
  size: 'Størrelse',
  sha256: 'SHA-256',
  encoding: 'Tegnsett',
  format: 'Format',
  schemaVersion: 'Skjemaversjon',
  year: 'Rapporteringsår',
  kommune: 'Kommune',
  profile: 'Formatprofil',
  rulesVersion: 'Regelsett',
  engineVersion: 'Kontrollmotor',
  checkedAt: 'Kontrollert',
  exportHeading: 'Last ned og skriv ut',
  exportCsv: 'Funn som CSV',
  exportCsvFull: 'Funn som CSV med fulle fødselsnumre …',
  exportJson: 'Hele rapporten som JSON',
  print: 'Skriv ut / lagre som PDF',
  exportNote: 'Fødselsnumrene er maskert (seks første sifre, så *****) i CSV og JSON.',
  fullTitle: 'Fulle fødselsnumre i CSV-filen',
  fullWarning:
    'Filen du laster ned, vil inneholde helseopplysninger med fulle fødselsnumre. Lagre den bare der kommunen tillater slike opplysninger, del den ikke på e-post, og slett den når feilene er rettet. Numrene vises ikke på siden.',
  fullConfirm: 'Jeg forstår – last ned',
  fullCancel: 'Avbryt',
  fullWorking: 'Lager CSV med fulle fødselsnumre …',
  fullDone: 'CSV med fulle fødselsnumre er lastet ned. Numrene er ikke beholdt på siden.',
  downloaded: (name) => `Lastet ned ${name}.`,
  footer: (v) => `IPLOS-sjekk ${v}. Siden gjør ingen nettverkskall etter at den er lastet, og lagrer ingenting.`,
  bytes: 'byte',
};

const en = {
  title: 'IPLOS-sjekk',
  tagline: "Check the municipality's IPLOS/KPR file before it is sent.",
  switchLang: 'Norsk',
  switchLangLabel: 'Bytt til norsk',
  skip: 'Skip to main content',
  privacyTitle: 'The file stays on your machine',
  privacyText:
    'The check runs in this browser. The page has a security policy (Content-Security-Policy) that forbids every network request after it has loaded, and it stores nothing.',
  privacyTextEmbedded:
    'The check runs in this browser. The file is not uploaded, nothing is stored, and the surrounding page gets only a summary without identity numbers.',
  privacyHow:
    'How to verify: open the developer tools (F12), the "Network" tab, and choose the file – no requests appear. You can also disconnect the machine from the network before choosing the file.',
  chooseHeading: 'Choose a file',
  mainLabel: 'IPLOS file (data message, XML or CSV)',
  mainHint: 'Drop the file here, or click to choose. The check starts at once.',
  identLabel: 'Identity message (optional, from 2018)',
  identHint: 'Drop the identity message here, or click to choose.',
  chooseButton: 'Choose file',
  yearLabel: 'Reporting year',
  yearHint: 'A year stated in the file takes precedence.',
  example: 'Try the example file',
  clear: 'Clear',
  cancel: 'Cancel',
  selected: (name, size) => `Chosen: ${name} (${size})`,
  noneSelected: 'No file chosen.',
  progressLabel: 'Progress',
  progress: (done, total, pct, persons) => `${done} of ${total} read (${pct} %) · ${persons} persons`,
  starting: 'Starting the checking engine …',
  ready: 'Ready. Choose a file, or try the example file.',
  engineFailed: (m) => `The checking engine could not start: ${m}`,
  checking: (name) => `Checking ${name} …`,
  checkingPct: (name, pct) => `Checking ${name}: ${pct} % read.`,
  done: (name, seconds, mbps) => `Done: ${name} checked in ${seconds} s (${mbps} MB/s).`,
  failed: (m) => `The check failed: ${m}`,
  cancelled: 'The check was cancelled. No result is shown.',
  cleared: 'Cleared. Nothing is stored.',
  needMain: 'Choose the IPLOS file (data message) too.',
  resultHeading: 'Result',
  announceResult: (verdict, errors, warnings) => `Result: ${verdict} ${errors} errors, ${warnings} warnings.`,
  onThisPage: 'On this page',
  persons: 'Persons',
  records: 'Services',
  personsWithErrors: 'Persons with errors',
  severity: { fatal: 'Fatal', error: 'Error', warning: 'Warning', info: 'Info' },
  severityPlural: { fatal: 'Fatal', error: 'Errors', warning: 'Warnings', info: 'Info' },
  yearNote: (fileYear, chosen) => `The file is for ${fileYear}; that year is used, not ${chosen}.`,
  findingsHeading: 'Findings',
  noFindings: 'No findings.',
  filters: 'Filter the findings',
  filterSeverity: 'Severity',
  filterRule: 'Rule',
  filterService: 'Service code',
  all: 'All',
  showing: (shown, total, rules) => `Showing ${shown} of ${total} findings under ${rules} rules.`,
  keysHint: 'Tip: with focus on a rule, arrow up and arrow down move to the previous and next rule.',
  findingsCount: (n) => `${n} findings`,
  omittedNote: (n) => `${n} more findings of this kind are counted but not listed. The command line with --all-findings lists them all.`,
  why: 'Why',
  fix: 'How to fix',
  colLine: 'Line',
  colPerson: 'Person no.',
  colPePeID: 'pePeID',
  colFid: 'Identity number (masked)',
  colService: 'Service',
  colMessage: 'Message',
  tableCaption: (code) => `Findings for ${code}`,
  showMore: (n) => `Show ${n} more`,
  dutiesHeading: 'Reporting duty',
  registers: 'Register',
  basis: 'Legal basis',
  receiver: 'Receiver',
  channel: 'Channel',
  deadline: 'Deadline',
  sender: 'Sender',
  identity: 'Identity in the data',
  letter: 'Letter',
  notCovered: 'The file does not cover',
  byServiceHeading: 'Duty per service code',
  colCode: 'Code',
  colName: 'Service',
  colRecords: 'Records',
  colPersons: 'Persons',
  colRegisters: 'Register',
  colBasis: 'Legal basis',
  colScope: 'In the IPLOS Regulation § 1-1a',
  colValid: 'Valid in the year',
  colNote: 'Note',
  yes: 'Yes',
  no: 'No',
  uncertain: 'Uncertain',
  statsHeading: 'The figures the register will publish',
  recipientsYear: 'Recipients during the year',
  recipientsActive: 'Recipients on 31.12.',
  personsExcluded: 'Left out (errors)',
  definitions: 'Definitions',
  chartService: 'Persons per service code on 31.12.',
  chartAge: 'Persons per age group on 31.12.',
  chartGroup: 'Persons per service group on 31.12.',
  chartShares: 'Share of recipients with …',
  shareAssessment: 'a functional assessment',
  shareDiagnosis: 'a diagnosis',
  shareIndividualPlan: 'an individual plan',
  asTable: 'Show the figures as a table',
  colGroup: 'Group',
  colPersonsActive: 'Persons 31.12.',
  colPersonsYear: 'Persons in the year',
  colRecordsYear: 'Records in the year',
  colHours: 'Hours per week 31.12.',
  colShare: 'Share',
  ageUnknown: (n) => `Age unknown: ${n} persons.`,
  provenanceHeading: 'About the file and the check',
  fileName: 'File',
  role: { fagmelding: 'Data message', identmelding: 'Identity message' },
  size: 'Size',
  sha256: 'SHA-256',
  encoding: 'Encoding',
  format: 'Format',
  schemaVersion: 'Schema version',
  year: 'Reporting year',
  kommune: 'Municipality',
  profile: 'Format profile',
  rulesVersion: 'Rule set',
  engineVersion: 'Checking engine',
  checkedAt: 'Checked',
  exportHeading: 'Download and print',
  exportCsv: 'Findings as CSV',
  exportCsvFull: 'Findings as CSV with full identity numbers …',
  exportJson: 'The whole report as JSON',
  print: 'Print / save as PDF',
  exportNote: 'Identity numbers are masked (first six digits, then *****) in CSV and JSON.',
  fullTitle: 'Full identity numbers in the CSV file',
  fullWarning:
    'The file you download will hold health data with full national identity numbers. Keep it only where the municipality allows such data, do not send it by e-mail, and delete it once the errors are fixed. The numbers are not shown on the page.',
  fullConfirm: 'I understand – download',
  fullCancel: 'Cancel',
  fullWorking: 'Making the CSV with full identity numbers …',
  fullDone: 'The CSV with full identity numbers has been downloaded. The numbers are not kept on the page.',
  downloaded: (name) => `Downloaded ${name}.`,
  footer: (v) => `IPLOS-sjekk ${v}. The page makes no network request after it has loaded, and stores nothing.`,
  bytes: 'bytes',
};

export const STRINGS = { nb, en };
export const LANGS = ['nb', 'en'];

/** A translator for `lang`: t('key', ...args). */
export function translator(lang) {
  const table = STRINGS[lang] ?? nb;
  const t = (key, ...args) => {
    const value = table[key] ?? nb[key];
    if (value === undefined) return key;
    return typeof value === 'function' ? value(...args) : value;
  };
  t.lang = lang;
  t.locale = lang === 'en' ? 'en-GB' : 'nb-NO';
  // One formatter per kind, made once: toLocaleString() builds a new one on
  // every call, which costs a lot when a report renders thousands of numbers.
  const numberFormats = new Map();
  t.number = (n, digits = 0) => {
    let format = numberFormats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(t.locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
      numberFormats.set(digits, format);
    }
    return format.format(Number(n ?? 0));
  };
  t.percent = (share) => t.number((share ?? 0) * 100, 1);
  t.bytes = (n) => {
    const units = ['B', 'kB', 'MB', 'GB'];
    let v = Number(n ?? 0);
    let i = 0;
    while (v >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    return `${t.number(v, i === 0 ? 0 : 1)} ${units[i]}`;
  };
  /** Picks the field's English twin (`messageEn`, `nameEn`, `noteEn`) when in English. */
  t.pick = (obj, key) => (lang === 'en' ? obj?.[`${key}En`] ?? obj?.[key] : obj?.[key]) ?? '';
  const dateFormats = {};
  t.date = (iso) => {
    if (!iso) return '';
    const day = iso.length === 10;
    const d = new Date(day ? `${iso}T12:00:00Z` : iso);
    if (Number.isNaN(d.getTime())) return iso;
    const kind = day ? 'day' : 'time';
    dateFormats[kind] ??= new Intl.DateTimeFormat(t.locale, day ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeStyle: 'short' });
    return dateFormats[kind].format(d);
  };
  return t;
}

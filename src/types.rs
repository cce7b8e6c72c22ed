//! The report's TypeScript types: the JSON contract (`--format json`, and
//! the object `check()` and `Session.finish()` give in the page), declared
//! once, here. The wasm build carries them as a custom section (so
//! `wasm-bindgen` emits them with its own types), and the build puts them
//! into `dist/iplos-sjekk.d.ts` in place of the marker line of
//! `www/embed/iplos-sjekk.d.ts` (`scripts/build-embed.mjs`). `tests/types.rs`
//! checks real reports against them: every key an interface declares and
//! no other, and each value of its type.
//!
//! Only the subset of TypeScript that test reads: `export type X = 'a' |
//! 'b';` and `export interface X { key: T; key?: T; }`, where `T` is
//! `string`, `number`, `boolean`, `null`, a string literal, another declared
//! name, `T[]`, or a union of these.

/// The declarations; see the module documentation.
pub const REPORT_TS: &str = r#"/** The verdict: can the file be sent? */
export type Verdict = 'klar' | 'feil_i_poster' | 'avvises' | 'kan_ikke_kontrolleres';

export type Severity = 'fatal' | 'error' | 'warning' | 'info';

/** Which file a finding is in: the fagmelding or its identmelding. */
export type SourceFile = 'fagmelding' | 'ident';

/** How sure a source is: stated in it, or our reading of it. */
export type Confidence = 'confirmed' | 'inferred';

/** The service groups of the statistics preview. */
export type ServiceGroup = 'hjemmeboende' | 'institusjon' | 'bolig' | 'velferdsteknologi' | 'tvang';

export interface Counts {
  fatal: number;
  error: number;
  warning: number;
  info: number;
}

/** Records read, by kind. */
export interface Records {
  personoppl: number;
  funksjon: number;
  tjeneste: number;
  diagnose: number;
  dogntilbud: number;
}

/** One finding. `fid` is always masked (first six digits, then `*****`). */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  messageEn: string;
  line: number | null;
  /** In XML a character column; in CSV the field number. */
  column: number | null;
  file: SourceFile;
  /** 1-based number of the person in the file. */
  person: number | null;
  pePeID: string | null;
  fid: string | null;
  /** The whole identity number: only with the option `revealIdentities`. */
  fidFull?: string;
  /** The service code, when the finding is about a service. */
  tjTjenType?: string;
}

/** A code whose further findings were counted, not listed. */
export interface Omitted {
  code: string;
  count: number;
}

export interface Basis {
  text: string;
  textEn: string;
}

export interface NotCovered {
  key: string;
  name: string;
  nameEn: string;
}

export interface Letter {
  from: string;
  reference: string;
  date: string;
  text: string;
  textEn: string;
}

export interface Identity {
  kind: string;
  text: string;
  textEn: string;
}

/** The duty of one service code. */
export interface ServiceDuty {
  code: number;
  name: string;
  nameEn: string;
  records: number;
  persons: number;
  registers: string[];
  basis: string;
  basisEn: string;
  basisConfidence: Confidence;
  basisLabel: string;
  basisLabelEn: string;
  /** true, false, or null when uncertain. */
  inIplosScope: boolean | null;
  validInYear: boolean;
  note: string | null;
  noteEn: string | null;
}

/** Which register, legal basis, receiver and deadline the file fulfils. */
export interface Duties {
  year: number;
  registers: string[];
  basis: Basis[];
  receiver: string;
  receiverEn: string;
  channel: string;
  channelEn: string;
  /** ISO date. */
  deadline: string;
  deadlineNote: string | null;
  deadlineNoteEn: string | null;
  sender: string | null;
  senderRule: string;
  senderRuleEn: string;
  notCovered: NotCovered[];
  letter: Letter | null;
  identity: Identity;
  basisNote: string;
  basisNoteEn: string;
  byService: ServiceDuty[];
}

/** The duty of one service record (only with the option `recordDuties`). */
export interface RecordDuty {
  person: number;
  pePeID: string | null;
  line: number;
  code: number;
  registers: string[];
  basis: string;
  basisEn: string;
  basisConfidence: Confidence;
  basisLabel: string;
  inIplosScope: boolean | null;
}

export interface ServiceStats {
  code: number;
  name: string;
  nameEn: string;
  personsYear: number;
  recordsYear: number;
  personsActive: number;
  recordsActive: number;
  hoursPerWeekActive: number | null;
}

export interface AgeGroupStats {
  group: string;
  persons: number;
  personsYear: number;
}

export interface GroupStats {
  group: ServiceGroup;
  name: string;
  nameEn: string;
  persons: number;
  personsYear: number;
}

/** A preview of the figures the register will publish. */
export interface Stats {
  year: number;
  noteNb: string;
  noteEn: string;
  definitionsNb: string;
  definitionsEn: string;
  personsIncluded: number;
  personsExcluded: number;
  recipientsYear: number;
  recipientsActive: number;
  byService: ServiceStats[];
  byAgeGroup: AgeGroupStats[];
  ageUnknown: number;
  ageUnknownYear: number;
  byServiceGroup: GroupStats[];
  shareWithAssessment: number;
  shareWithDiagnosis: number;
  shareWithIndividualPlan: number;
}

/** What a file is, as read. */
export interface FileFacts {
  fileName: string;
  size: number;
  sha256: string;
  encoding: string;
  format: string;
  schemaVersion: string | null;
}

/** One file read: the fagmelding, then the identmelding if given. */
export interface FileInfo extends FileFacts {
  role: string;
  namespace: string | null;
}

/** Where the report came from; its file facts are the fagmelding's. */
export interface Provenance extends FileFacts {
  year: number | null;
  rulesVersion: string;
  engineVersion: string;
  checkedAt: string | null;
  profile: string;
  files: FileInfo[];
}

/** The whole report (the engine's JSON contract). */
export interface Report {
  verdict: Verdict;
  verdictText: string;
  verdictTextEn: string;
  counts: Counts;
  persons: number;
  records: Records;
  personsWithErrors: number;
  year: number | null;
  kommune: string | null;
  findings: Finding[];
  /** Present when some code had more findings than were listed. */
  findingsOmitted?: Omitted[];
  duties: Duties | null;
  stats: Stats | null;
  recordDuties?: RecordDuty[];
  /** The comparison with last year's file, when one was given. */
  comparison?: Comparison;
  /** Why last year's file could not be compared (the page keeps the check). */
  comparisonProblem?: ComparisonProblem;
  provenance: Provenance;
}

/** The FJO rules' thresholds: guesses, so `inferred` is always true. */
export interface Thresholds {
  serviceChangeShare: number;
  serviceChangePersons: number;
  serviceVanishedPersons: number;
  totalChangeShare: number;
  openMissingShare: number;
  functionMeanChange: number;
  functionMinScores: number;
  inferred: boolean;
}

/** Persons in one year, the other, or both. */
export interface PersonsCompared {
  thisYear: number;
  lastYear: number;
  inBoth: number;
  onlyLastYear: number;
  onlyThisYear: number;
  joinedOn: 'identity' | 'pePeID';
  joinedOnText: string;
  joinedOnTextEn: string;
  /** Persons whose identity number has another pePeID than last year. */
  renumbered: number;
}

/** One service code, last year and this year (the preview's measures). */
export interface ServiceCompared {
  code: number;
  name: string;
  nameEn: string;
  /** Last year's codes counted under this one (12 and 13 as 29 from 2019). */
  mappedFrom?: number[];
  personsLastYear: number;
  personsThisYear: number;
  personsChange: number;
  personsChangeShare: number | null;
  servicesLastYear: number;
  servicesThisYear: number;
  hoursPerWeekLastYear: number | null;
  hoursPerWeekThisYear: number | null;
}

/** A person of last year's file with an open-ended service, absent now. */
export interface MissingPerson {
  pePeID: string | null;
  /** Masked: the first six digits, then `*****`. */
  fid: string | null;
  lineLastYear: number;
}

export interface MissingOpenEnded {
  openEndedLastYear: number;
  count: number;
  share: number;
  /** At most 200. */
  persons: MissingPerson[];
}

/** One function variable's scores 1-5, last year and this year. */
export interface FunctionCompared {
  variable: number;
  name: string;
  nameEn: string;
  scoresLastYear: number[];
  scoresThisYear: number[];
  notRelevantLastYear: number;
  notRelevantThisYear: number;
  meanLastYear: number | null;
  meanThisYear: number | null;
  meanChange: number | null;
}

export interface AgeGroupCompared {
  group: string;
  personsLastYear: number;
  personsThisYear: number;
  personsYearLastYear: number;
  personsYearThisYear: number;
}

/** How many findings one FJO code raised, those not listed included. */
export interface CodeCount {
  code: string;
  count: number;
}

/** A sentence in bokmål and in English. */
export interface ComparisonProblem {
  nb: string;
  en: string;
}

/** This year's file compared with last year's. */
export interface Comparison {
  year: number;
  previousYear: number;
  previousFiles: FileInfo[];
  thresholds: Thresholds;
  noteNb: string;
  noteEn: string;
  persons: PersonsCompared;
  byService: ServiceCompared[];
  missingOpenEnded: MissingOpenEnded;
  functionScores: FunctionCompared[];
  ageGroups: AgeGroupCompared[];
  findings: CodeCount[];
}
"#;

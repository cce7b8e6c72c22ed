// Types for dist/iplos-sjekk.js: the <iplos-sjekk> element, check() and
// summarize(). The report's types (the engine's JSON contract) are declared
// once, in src/types.rs, and copied here between the markers by
// `UPDATE_TYPES=1 cargo test --test types` (the test fails when they
// differ); the rest, the JavaScript API, is written here.

// <generated from src/types.rs: `UPDATE_TYPES=1 cargo test --test types` writes it>
/** The verdict: can the file be sent? */
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

/** One file read: the fagmelding, then the identmelding if given. */
export interface FileInfo {
  role: string;
  fileName: string;
  size: number;
  sha256: string;
  encoding: string;
  format: string;
  schemaVersion: string | null;
  namespace: string | null;
}

export interface Provenance {
  fileName: string;
  size: number;
  sha256: string;
  encoding: string;
  format: string;
  schemaVersion: string | null;
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
  provenance: Provenance;
}
// </generated>

/**
 * What a host gets from the element's `iplos-result` event and from the
 * iframe: no findings, no `fid`, no `pePeID`, no file name or hash, and no
 * run of 11 digits anywhere.
 */
export interface Summary {
  verdict: Verdict | null;
  verdictText: string | null;
  verdictTextEn: string | null;
  counts: Counts;
  persons: number;
  personsWithErrors: number;
  records: Record<string, number>;
  year: number | null;
  kommune: string | null;
  duties: {
    year: number | null;
    registers: string[];
    deadline: string | null;
    receiver: string | null;
    receiverEn: string | null;
    byService: Array<Pick<ServiceDuty, 'code' | 'name' | 'nameEn' | 'records' | 'persons' | 'registers' | 'basis' | 'basisEn' | 'basisConfidence' | 'inIplosScope' | 'validInYear'>>;
  } | null;
  format: string | null;
  encoding: string | null;
  rulesVersion: string | null;
  engineVersion: string | null;
}

export interface Progress {
  bytesDone: number;
  total: number;
  persons: number;
}

/** File, Blob, ArrayBuffer or a typed array (Uint8Array). */
export type Input = Blob | ArrayBuffer | ArrayBufferView;

export interface CheckOptions {
  /** Reporting year; the file's own period wins (FIL-05). */
  year?: number;
  /** The identmelding (from 2018), as for `input`. */
  ident?: Input;
  /** Name of the identmelding when `ident` is not a File. */
  identName?: string;
  /** Name of the file when `input` is not a File (shown in provenance). */
  name?: string;
  /** A built-in profile's name (`builtInProfiles`), a profile object, or its JSON text. */
  profile?: string | Record<string, unknown>;
  /** Municipality number, when the file does not say. */
  kommune?: string;
  /** When the check ran (ISO 8601); default now. */
  checkedAt?: string;
  /** Read size in bytes (default 2 MiB). */
  chunkSize?: number;
  onProgress?: (progress: Progress) => void;
  /** Aborting rejects with the signal's reason (an AbortError by default). */
  signal?: AbortSignal;
}

/**
 * Checks a file in a Web Worker, with no UI; resolves to the whole report,
 * identity numbers masked (no option reveals them).
 */
export function check(input: Input, options?: CheckOptions): Promise<Report>;

/** The host-safe summary of a report (as in the `iplos-result` event). */
export function summarize(report: Report): Summary;

/** The names of the built-in format profiles. */
export const builtInProfiles: readonly string[];

/**
 * `<iplos-sjekk year="2025" lang="nb" profile="iplos-csv" compact>`.
 * Reflects `verdict="…"` and `data-engine="ready"` on itself.
 */
export class IplosSjekkElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The latest verdict, or null. */
  readonly verdict: Verdict | null;
  /** The latest summary, or null. */
  readonly summary: Summary | null;
  /**
   * The host's opt-in to the export with full identity numbers (the
   * `allow-full-identities` attribute). Off by default; on, the export still
   * runs only on the user's own clicks inside the element.
   */
  allowFullIdentities: boolean;
}

export interface IplosSjekkEventMap {
  'iplos-progress': CustomEvent<Progress>;
  'iplos-result': CustomEvent<Summary>;
  'iplos-error': CustomEvent<{ message: string }>;
}

declare global {
  interface HTMLElementTagNameMap {
    'iplos-sjekk': IplosSjekkElement;
  }
  interface HTMLElementEventMap extends IplosSjekkEventMap {}
}

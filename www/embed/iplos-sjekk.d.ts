// Types for dist/iplos-sjekk.js: the <iplos-sjekk> element, check() and
// summarize(). Hand-written; the report's shape is the JSON contract of the
// engine (README, "Kommandolinje": `--format json`).

/** The verdict key: can the file be sent? */
export type Verdict = 'klar' | 'feil_i_poster' | 'avvises' | 'kan_ikke_kontrolleres';

export type Severity = 'fatal' | 'error' | 'warning' | 'info';

export interface Counts {
  fatal: number;
  error: number;
  warning: number;
  info: number;
}

/** The duty of one service code (duties.md §2). */
export interface ServiceDuty {
  code: number;
  name: string;
  nameEn?: string;
  records: number;
  persons: number;
  registers: string[];
  basis: string;
  basisEn?: string;
  basisConfidence: 'stated' | 'inferred' | string;
  /** true, false, or null when uncertain. */
  inIplosScope: boolean | null;
  validInYear?: boolean;
  [key: string]: unknown;
}

export interface Duties {
  year: number;
  registers: string[];
  deadline: string;
  receiver?: string;
  receiverEn?: string;
  byService: ServiceDuty[];
  [key: string]: unknown;
}

/** One finding. `fid` is always masked (first six digits, then `*****`). */
export interface Finding {
  code: string;
  severity: Severity;
  line?: number;
  column?: number;
  person?: number;
  pePeID?: string;
  fid?: string;
  message: string;
  messageEn: string;
  /** Which file the finding is in: 'fagmelding' or 'identmelding'. */
  file?: string;
  tjTjenType?: string;
  [key: string]: unknown;
}

export interface Provenance {
  fileName: string;
  size: number;
  sha256: string;
  encoding: string;
  format: string;
  schemaVersion?: string;
  year?: number;
  rulesVersion: string;
  engineVersion: string;
  checkedAt?: string;
  profile?: string;
  files?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

/** The whole report (the engine's JSON contract), as check() resolves it. */
export interface Report {
  verdict: Verdict;
  verdictText: string;
  verdictTextEn: string;
  counts: Counts;
  persons: number;
  records: Record<string, number>;
  personsWithErrors: number;
  year: number | null;
  kommune: string | null;
  findings: Finding[];
  duties: Duties | null;
  stats: Record<string, unknown>;
  /** The comparison with last year's file, when one was given (README, "Sammenlign med fjoråret"). */
  comparison?: Comparison;
  provenance: Provenance;
  [key: string]: unknown;
}

/** One service code, last year and this year (the statistics preview's measures). */
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

/** `report.comparison`: this year's file compared with last year's. */
export interface Comparison {
  year: number;
  previousYear: number;
  previousFiles: Array<Record<string, unknown>>;
  /** The FJO rules' thresholds; always `inferred: true`. */
  thresholds: Record<string, number | boolean>;
  noteNb: string;
  noteEn: string;
  persons: {
    thisYear: number;
    lastYear: number;
    inBoth: number;
    onlyLastYear: number;
    onlyThisYear: number;
    joinedOn: 'identity' | 'pePeID';
    joinedOnText: string;
    joinedOnTextEn: string;
    renumbered: number;
  };
  byService: ServiceCompared[];
  missingOpenEnded: {
    openEndedLastYear: number;
    count: number;
    share: number;
    /** At most 200; `fid` masked. */
    persons: Array<{ pePeID: string | null; fid: string | null; lineLastYear: number }>;
  };
  functionScores: Array<{
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
  }>;
  ageGroups: Array<{
    group: string;
    personsLastYear: number;
    personsThisYear: number;
    personsYearLastYear: number;
    personsYearThisYear: number;
  }>;
  /** FJO findings per code, those over the cap included. */
  findings: Record<string, number>;
}

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

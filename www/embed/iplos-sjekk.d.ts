// Types for dist/iplos-sjekk.js: the <iplos-sjekk> element, check() and
// summarize(). The report's types (the engine's JSON contract) are declared
// once, in src/types.rs; scripts/build-embed.mjs puts them in place of the
// marker line below when it writes dist/iplos-sjekk.d.ts. The rest, the
// JavaScript API, is written here.

// <report types from src/types.rs>

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
  /** The comparison with last year's file, counts only (null without one). */
  comparison: {
    year: number | null;
    previousYear: number | null;
    persons: { thisYear: number; lastYear: number; inBoth: number; onlyLastYear: number; onlyThisYear: number; renumbered: number };
    findings: Array<{ code: string; count: number }>;
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
  /**
   * Last year's file, as for `input`: the report gets `comparison` and the
   * FJO findings, or `comparisonProblem` when it is not the year before.
   */
  previous?: Input;
  /** Last year's identmelding (from 2018), as for `input`. */
  previousIdent?: Input;
  /** Names of last year's files when they are not Files. */
  previousName?: string;
  previousIdentName?: string;
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

// The page's handle on the engine in its module worker. The worker runs
// from a blob: URL: a worker loaded from its own URL would not inherit the
// page's meta CSP and could reach the network; a blob worker does inherit
// it, and the CSP allows no other kind (worker-src blob:). The blob holds
// the whole worker (worker.js with its imports and the wasm bytes, bundled
// by scripts/build.mjs into worker-source.js), so starting it makes no
// request either: everything the page needs is loaded with the page. The
// worker has no message that reaches the network
// (tests/e2e/privacy.test.mjs proves no worker a page script starts can).

import workerSource, { workerType } from './worker-source.js';

export class Engine {
  #worker = null;
  /** A second worker from the same source that only hashes the file (SHA-256), so both cores work. */
  #hasher = null;
  #hashRuns = new Map();
  #source;
  #type;
  #ready = null;
  #runs = new Map();
  #nextId = 1;
  version = '';
  /** The rule catalogue by code: {title, why, fix, titleEn, …}. */
  rules = new Map();

  /**
   * `source` is the worker's whole code and `type` its kind: a module worker
   * for the page; a classic one (an iife bundle) for the single file, since
   * Chromium will not start a module worker from a blob: URL on a file://
   * page. Both come from worker-source.js, which the build writes per bundle.
   */
  constructor({ source = workerSource, type = workerType ?? 'module' } = {}) {
    this.#source = source;
    this.#type = type;
  }

  /** Starts the worker once; later calls share the same start. */
  ensure() {
    return this.#ready ?? this.start();
  }

  /** Starts the worker; resolves when the wasm is instantiated. */
  start() {
    const blob = new Blob([this.#source], { type: 'text/javascript' });
    const blobUrl = URL.createObjectURL(blob);
    const worker = new Worker(blobUrl, { type: this.#type, name: 'iplos-sjekk' });
    this.#worker = worker;
    // The blob URL is revoked once both workers have loaded from it.
    let loading = 2;
    const loaded = () => {
      loading -= 1;
      if (loading === 0) URL.revokeObjectURL(blobUrl);
    };
    // Started now, with the checker, so no worker loads after the page has loaded.
    try {
      const hasher = new Worker(blobUrl, { type: this.#type, name: 'iplos-sjekk-sha256' });
      hasher.addEventListener('message', (event) => {
        const m = event.data;
        if (m?.type === 'ready') {
          loaded();
          return;
        }
        const run = this.#hashRuns.get(m?.id);
        if (!run) return;
        this.#hashRuns.delete(m.id);
        if (m.type === 'hash') run.resolve(m.sha256);
        else run.reject(new Error(m.message ?? m.type));
      });
      hasher.addEventListener('error', (event) => {
        event.preventDefault();
        if (this.#hasher === hasher) this.#hasher = null;
        loaded();
      });
      this.#hasher = hasher;
    } catch {
      this.#hasher = null;
      loaded();
    }
    this.#ready = new Promise((resolve, reject) => {
      worker.addEventListener('message', (event) => {
        const m = event.data;
        if (m?.type === 'ready') {
          loaded();
          this.version = m.version;
          this.rules = new Map((m.rules ?? []).map((r) => [r.code, r]));
          this.years = m.years;
          this.severities = m.severities;
          resolve();
          return;
        }
        const run = this.#runs.get(m?.id);
        if (!run) return;
        if (m.type === 'progress') {
          run.onProgress?.(m);
          return;
        }
        this.#runs.delete(m.id);
        if (m.type === 'error') run.reject(Object.assign(new Error(m.message), { panic: m.panic, unreadable: Boolean(m.unreadable) }));
        else if (m.type === 'cancelled') run.reject(Object.assign(new Error('cancelled'), { cancelled: true }));
        else run.resolve(m);
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        loaded();
        const error = new Error(event.message || 'the engine could not start');
        reject(error);
        this.#failAll(error);
      });
    });
    return this.#ready;
  }

  /** Ends the worker (after a panic its instance is unusable) and starts anew. */
  restart() {
    this.#worker?.terminate();
    this.#hasher?.terminate();
    this.#failAll(Object.assign(new Error('restarted'), { cancelled: true }));
    return this.start();
  }

  /** Ends the worker for good (used by "Tøm" before a fresh start). */
  stop() {
    this.#worker?.terminate();
    this.#worker = null;
    this.#hasher?.terminate();
    this.#hasher = null;
    this.#failAll(Object.assign(new Error('stopped'), { cancelled: true }));
  }

  #failAll(error) {
    for (const run of this.#runs.values()) run.reject(error);
    this.#runs.clear();
    for (const run of this.#hashRuns.values()) run.reject(error);
    this.#hashRuns.clear();
  }

  /**
   * The SHA-256 of the main file from the second worker, of the slices the
   * checker sends it over `port`; null without a second worker.
   */
  #hash(id, port) {
    if (!this.#hasher) return null;
    const hasher = this.#hasher;
    return new Promise((resolve, reject) => {
      this.#hashRuns.set(id, { resolve, reject });
      hasher.postMessage({ type: 'hash', id, port }, [port]);
    });
  }

  /**
   * Starts a check. `main` and `ident` are Blobs (Files) with a `name`;
   * `extra` more files given at the same time; `previous` last year's file
   * and its identmelding (any order), to compare with (`report.comparison`). The engine tells them apart
   * by content: a pair given the wrong way round is put right, and a file
   * it does not use is named in the report (FIL-21). With `anyOrder` the
   * files came together without a role (several dropped at once).
   * Returns {id, promise, cancel}; the promise resolves to the worker's
   * answer ({report, millis} or, for mode 'csv-full', {text}) and rejects
   * with `.cancelled` when cancelled.
   */
  run({ main, ident = null, extra = [], previous = [], anyOrder = false, options = {}, chunkSize, mode = 'report', lang = 'nb', onProgress }) {
    const id = this.#nextId++;
    let cancel = () => {
      early = true;
    };
    let early = false;
    const promise = this.#ready.then(
      () =>
        new Promise((resolve, reject) => {
          if (early) {
            reject(Object.assign(new Error('cancelled'), { cancelled: true }));
            return;
          }
          // The report's SHA-256 comes from the second worker, in parallel:
          // the checker hands it each slice it has read.
          const channel = mode === 'report' && this.#hasher ? new MessageChannel() : null;
          const hashed = channel ? this.#hash(id, channel.port2) : null;
          // Handled in done(); a hash that fails after the check did is not an error of its own.
          hashed?.catch(() => {});
          const opts = hashed ? { ...options, skipHash: true } : options;
          const done = (answer) => {
            if (!hashed) return resolve(answer);
            hashed.then(
              (sha256) => {
                const p = answer.report?.provenance;
                if (p) {
                  p.sha256 = sha256;
                  if (p.files?.[0]) p.files[0].sha256 = sha256;
                }
                resolve(answer);
              },
              reject,
            );
          };
          // A failed check ends its hash too (the hasher then answers nothing).
          const fail = (error) => {
            this.#hashRuns.delete(id);
            reject(error);
          };
          this.#runs.set(id, { resolve: done, reject: fail, onProgress });
          cancel = () => {
            this.#worker?.postMessage({ type: 'cancel', id });
            this.#hasher?.postMessage({ type: 'cancel', id });
          };
          const message = {
            type: 'check',
            id,
            main: named(main),
            ident: ident && named(ident),
            extra: extra.map(named),
            previous: previous.filter(Boolean).map(named),
            anyOrder,
            options: opts,
            chunkSize,
            mode,
            lang,
          };
          if (channel) this.#worker.postMessage({ ...message, hashPort: channel.port1 }, [channel.port1]);
          else this.#worker.postMessage(message);
        }),
    );
    return {
      id,
      promise,
      cancel: () => {
        cancel();
        const run = this.#runs.get(id);
        if (run) {
          // Settle now; the worker stops at the next chunk and its answer is ignored.
          this.#runs.delete(id);
          run.reject(Object.assign(new Error('cancelled'), { cancelled: true }));
        }
        this.#hashRuns.delete(id);
      },
    };
  }

  /**
   * The findings CSV of a report the page holds, written by the engine (the
   * same bytes as the CLI's `--format csv`); masked identities.
   */
  async findingsCsv(report, lang = 'nb') {
    await this.#ready;
    const id = this.#nextId++;
    // Only what the CSV is made of goes over, not the whole report.
    const part = { findings: report.findings ?? [], findingsOmitted: report.findingsOmitted ?? [] };
    const answer = await new Promise((resolve, reject) => {
      this.#runs.set(id, { resolve, reject });
      this.#worker.postMessage({ type: 'findings-csv', id, report: part, lang });
    });
    return answer.text;
  }

  /**
   * Makes the engine panic on purpose (tests): rejects with `.panic` and the
   * panic's own message, as a real bug would reach the page.
   */
  async selfTestPanic() {
    await this.#ready;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#runs.set(id, { resolve, reject });
      this.#worker.postMessage({ type: 'self-test-panic', id });
    });
  }
}

/** A File keeps its name through postMessage; a plain Blob gets one. */
function named(blob) {
  return blob instanceof File ? blob : new File([blob], blob.name ?? 'fil', { type: blob.type });
}

export const engine = new Engine();

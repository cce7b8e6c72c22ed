// The module worker that owns the engine (wasm). The page starts it from a
// blob: URL so that the page's Content-Security-Policy, with
// connect-src 'none', binds it too (a worker loaded from its own URL would
// take its policy from HTTP headers only). The wasm comes from bytes inside
// a JS module, instantiated with initSync: no fetch is needed, or allowed.
//
// The main file is streamed: read in slices (one read ahead), each pushed
// into a Session, so memory stays bounded by the chunk size plus the
// engine's per-person state, whatever the file's size.
//
// Messages in:  {type: 'check', id, main: Blob+name, ident?: Blob+name, options, chunkSize, mode}
//                 mode 'report' (default) answers 'result'; mode 'csv-full'
//                 runs with revealIdentities and answers 'csv' with the CSV
//                 text, so that full identity numbers never reach the page
//               {type: 'hash', id, main}   SHA-256 only (the second worker)
//               {type: 'cancel', id}
//               {type: 'probe-network', id, url?}   (privacy self-test)
//               {type: 'self-test-panic', id}         (a deliberate engine bug, for the tests)
// Messages out: {type: 'ready', version, rules}
//               {type: 'progress', id, bytesDone, total, persons}
//               {type: 'result', id, report, millis}
//               {type: 'csv', id, text, name}
//               {type: 'hash', id, sha256}
//               {type: 'cancelled', id}
//               {type: 'error', id, message, panic}
//               {type: 'probe-network', id, refused, detail}

import { findingsCsv } from './csv.js';
import { Hasher, Session, initSync, lastPanic, rules, selfTestPanic, version } from './pkg/iplos_sjekk.js';
import wasmBytes from './pkg/iplos_sjekk_wasm.js';

initSync({ module: wasmBytes });
const catalogue = rules();
const ruleMap = new Map(catalogue.map((r) => [r.code, r]));
self.postMessage({ type: 'ready', version: version(), rules: catalogue });

const DEFAULT_CHUNK = 2 * 1024 * 1024;
const MIN_CHUNK = 4 * 1024;
/** Progress messages at most this often (ms), and always at the end. */
const PROGRESS_EVERY = 40;
const cancelled = new Set();

async function runCheck({ id, main, ident, options = {}, chunkSize, mode = 'report', lang = 'nb' }) {
  const started = performance.now();
  const size = Math.max(MIN_CHUNK, Math.floor(Number(chunkSize) || DEFAULT_CHUNK));
  let session = null;
  try {
    const identBytes = ident ? new Uint8Array(await ident.arrayBuffer()) : undefined;
    const opts = { ...options };
    if (mode === 'csv-full') opts.revealIdentities = true;
    session = new Session(main.name, identBytes, ident?.name, opts);
    const total = main.size;
    const read = (from) => main.slice(from, Math.min(total, from + size)).arrayBuffer();
    let done = 0;
    let lastPost = 0;
    let next = total > 0 ? read(0) : null;
    while (next) {
      const buffer = await next;
      if (cancelled.has(id)) {
        cancelled.delete(id);
        self.postMessage({ type: 'cancelled', id });
        return;
      }
      const end = done + buffer.byteLength;
      next = end < total && buffer.byteLength > 0 ? read(end) : null;
      const progress = session.push(new Uint8Array(buffer));
      done = end;
      const now = performance.now();
      if (now - lastPost >= PROGRESS_EVERY || !next) {
        lastPost = now;
        self.postMessage({ type: 'progress', id, bytesDone: done, total, persons: progress?.persons ?? 0 });
      }
    }
    const report = session.finish();
    if (cancelled.delete(id)) {
      self.postMessage({ type: 'cancelled', id });
      return;
    }
    if (mode === 'csv-full') {
      const text = findingsCsv(report.findings ?? [], ruleMap, lang, { full: true });
      self.postMessage({ type: 'csv', id, text });
    } else {
      self.postMessage({ type: 'result', id, report, millis: performance.now() - started });
    }
  } catch (e) {
    cancelled.delete(id);
    // A panic aborts the instance with a RuntimeError; the hook kept its text.
    const panic = e instanceof WebAssembly.RuntimeError;
    let message = String(e?.message ?? e);
    if (panic) {
      try {
        message = lastPanic() ?? message;
      } catch {
        // the instance is gone; keep the RuntimeError's own text
      }
    }
    self.postMessage({ type: 'error', id, panic, message });
  } finally {
    try {
      session?.free();
    } catch {
      // already consumed by finish(), or the instance has aborted
    }
  }
}

/** Hashes the file in slices (the page runs this in a second worker). */
async function runHash({ id, main }) {
  const hasher = new Hasher();
  try {
    const total = main.size;
    const size = DEFAULT_CHUNK;
    const read = (from) => main.slice(from, Math.min(total, from + size)).arrayBuffer();
    let next = total > 0 ? read(0) : null;
    let done = 0;
    while (next) {
      const buffer = await next;
      if (cancelled.delete(id)) {
        self.postMessage({ type: 'cancelled', id });
        return;
      }
      done += buffer.byteLength;
      next = done < total && buffer.byteLength > 0 ? read(done) : null;
      hasher.update(new Uint8Array(buffer));
    }
    self.postMessage({ type: 'hash', id, sha256: hasher.finish() });
  } catch (e) {
    self.postMessage({ type: 'error', id, panic: false, message: String(e?.message ?? e) });
  } finally {
    hasher.free();
  }
}

async function probeNetwork({ id, url }) {
  try {
    const response = await fetch(url ?? new URL('/index.html', self.location.origin), { cache: 'no-store' });
    self.postMessage({ type: 'probe-network', id, refused: false, detail: `HTTP ${response.status}` });
  } catch (e) {
    self.postMessage({ type: 'probe-network', id, refused: true, detail: String(e?.message ?? e) });
  }
}

self.addEventListener('message', (event) => {
  const message = event.data;
  switch (message?.type) {
    case 'check':
      runCheck(message);
      break;
    case 'hash':
      runHash(message);
      break;
    case 'cancel':
      cancelled.add(message.id);
      break;
    case 'probe-network':
      probeNetwork(message);
      break;
    case 'self-test-panic':
      try {
        selfTestPanic();
      } catch (e) {
        const panic = e instanceof WebAssembly.RuntimeError;
        let text = String(e?.message ?? e);
        try {
          text = lastPanic() ?? text;
        } catch {
          // the instance is gone; keep the RuntimeError's own text
        }
        self.postMessage({ type: 'error', id: message.id, panic, message: text });
      }
      break;
    default:
      self.postMessage({ type: 'error', id: message?.id, panic: false, message: `unknown message type ${message?.type}` });
  }
});

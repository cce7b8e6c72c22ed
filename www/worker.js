// The module worker that owns the engine (wasm). The page starts it from a
// blob: URL so that the page's Content-Security-Policy, with
// connect-src 'none', binds it too (a worker loaded from its own URL would
// take its policy from HTTP headers only). The wasm comes from bytes inside
// a JS module, instantiated with initSync: no fetch is needed, or allowed.
//
// The main file is streamed: read in slices (two read ahead), each pushed
// into a Session, so memory stays bounded by the chunk size plus the
// engine's per-person state, whatever the file's size. Each slice then
// moves on to the second worker, which hashes it, so the file is read once.
//
// Messages in:  {type: 'check', id, main: Blob+name, ident?: Blob+name, previous?: [Blob+name], options, chunkSize, mode, hashPort?}
//                 previous: last year's file(s) (the file and its
//                 identmelding, in any order: roles by content); streamed
//                 first, only its per-person roster kept, then compared
//                 mode 'report' (default) answers 'result'; modes 'csv' and
//                 'json' answer 'csv' / 'json' with the export's text, every
//                 finding in it (the page's own report lists at most 1000 per
//                 rule); mode 'csv-full'
//                 runs with revealIdentities and answers 'csv' with the CSV
//                 text, so that full identity numbers never reach the page;
//                 hashPort (a MessagePort) gets each slice, then {end} or {abort}
//               {type: 'findings-csv', id, report, lang}   the findings CSV of a
//                                          report the page holds: answers 'csv'
//               {type: 'hash', id, port}   SHA-256 only (the second worker), of
//                                          the slices the checker sends over port
//               {type: 'cancel', id}
//               {type: 'self-test-panic', id}         (a deliberate engine bug, for the tests)
// Messages out: {type: 'ready', version, rules, years, severities}
//               {type: 'progress', id, bytesDone, total, persons}
//               {type: 'result', id, report, millis}
//               {type: 'csv', id, text, name}
//               {type: 'hash', id, sha256}
//               {type: 'cancelled', id}
//               {type: 'error', id, message, panic, unreadable?}

import { Hasher, Plan, findingsCsv, initSync, lastPanic, prefixLength, rules, selfTestPanic, severityLabels, version, warmUp, years } from './pkg/iplos_sjekk.js';
import wasmBytes from './pkg/iplos_sjekk_wasm.js';

initSync({ module: wasmBytes });
const catalogue = rules();
self.postMessage({ type: 'ready', version: version(), rules: catalogue, years: years(), severities: severityLabels() });

const DEFAULT_CHUNK = 2 * 1024 * 1024;
const MIN_CHUNK = 4 * 1024;
/** Progress messages at most this often (ms), and always at the end. */
const PROGRESS_EVERY = 40;
/** Slices being read while the engine checks one. */
const READ_AHEAD = 2;
/** Slices sent to the hasher and not yet hashed, at most. */
const HASH_IN_FLIGHT = 4;
const cancelled = new Set();
/** The second worker (engine.js names it) only hashes. */
const HASH_ONLY = self.name === 'iplos-sjekk-sha256';
/** Persons in the synthetic file the engine checks once at start (about 0.4 MB of XML and CSV). */
const WARM_UP_PERSONS = 100;

// Warm-up, while the user picks a file: the browser runs new wasm code with
// its baseline compiler and optimises a function only once it has run a
// while, so the first megabytes of a real file would otherwise go at a
// fraction of the speed. A message that arrives meanwhile waits (~0.1 s).
try {
  if (HASH_ONLY) {
    const hasher = new Hasher();
    hasher.update(new Uint8Array(256 * 1024));
    hasher.finish();
    hasher.free();
  } else {
    warmUp(WARM_UP_PERSONS);
  }
} catch (e) {
  // Only a speed-up: a failure here shows again, as an error, on a real check.
  console.warn('iplos-sjekk: oppvarming feilet (warm-up failed):', e);
}

/**
 * The files' roles by content (a few KB of each): which is the fagmelding,
 * which the identmelding. Returns the plan and the two files.
 */
async function planFiles(given, anyOrder) {
  const plan = new Plan();
  const head = prefixLength();
  for (const [file, slot] of given) {
    const prefix = new Uint8Array(await file.slice(0, head).arrayBuffer());
    plan.add(file.name, prefix, anyOrder ? '' : slot);
  }
  const roles = plan.decide();
  const pick = (i) => (i == null ? null : given[i][0]);
  return { plan, main: pick(roles.main) ?? given[0][0], ident: pick(roles.ident) };
}

/**
 * Streams `file` into `session` in slices (READ_AHEAD read while the engine
 * works on one); `onSlice(buffer)` gets each slice once the engine has it.
 * Returns false when the check was cancelled meanwhile.
 */
async function stream(id, file, session, size, onSlice) {
  const total = file.size;
  const reads = [];
  let asked = 0;
  const readAhead = () => {
    while (reads.length < READ_AHEAD && asked < total) {
      const end = Math.min(total, asked + size);
      reads.push(file.slice(asked, end).arrayBuffer());
      asked = end;
    }
  };
  readAhead();
  while (reads.length) {
    const buffer = await reads.shift();
    if (cancelled.has(id)) return false;
    if (buffer.byteLength === 0) break;
    readAhead();
    const progress = session.push(new Uint8Array(buffer));
    await onSlice(buffer, progress, reads.length === 0);
  }
  return true;
}

async function runCheck({ id, main: chosenMain, ident: chosenIdent, extra = [], previous = [], anyOrder = false, options = {}, chunkSize, mode = 'report', lang = 'nb', hashPort = null }) {
  const started = performance.now();
  const size = Math.max(MIN_CHUNK, Math.floor(Number(chunkSize) || DEFAULT_CHUNK));
  let session = null;
  let lastYear = null;
  const hash = hashPort ? forwarder(hashPort) : null;
  try {
    const given = [[chosenMain, 'main']];
    if (chosenIdent) given.push([chosenIdent, 'ident']);
    for (const file of extra) given.push([file, '']);
    const { plan, main, ident } = await planFiles(given, anyOrder);
    // Full identities only for the CSV of mode 'csv-full' (the report a
    // 'result' carries is always masked, whatever the options say).
    const opts = { ...options, revealIdentities: mode === 'csv-full' };
    // Progress counts last year's bytes and this year's together.
    const total = previous.reduce((n, f) => n + f.size, 0) + main.size;
    let done = 0;
    let lastPost = 0;
    const post = (persons, last) => {
      const now = performance.now();
      if (now - lastPost >= PROGRESS_EVERY || last) {
        lastPost = now;
        self.postMessage({ type: 'progress', id, bytesDone: done, total, persons });
      }
    };
    const stop = () => {
      cancelled.delete(id);
      self.postMessage({ type: 'cancelled', id });
    };
    if (previous.length) {
      // Last year's file first: checked in full, only its roster kept.
      const prev = await planFiles(previous.map((f, i) => [f, i === 0 ? 'main' : 'ident']), previous.length > 1);
      const prevIdent = prev.ident ? new Uint8Array(await prev.ident.arrayBuffer()) : undefined;
      const prevSession = prev.plan.sessionForPrevious(prevIdent, { ...options, revealIdentities: false });
      prev.plan.free();
      try {
        const read = await stream(id, prev.main, prevSession, size, async (buffer) => {
          done += buffer.byteLength;
          post(0, false);
        });
        if (!read) return stop();
        lastYear = prevSession.finishAsPrevious();
      } finally {
        try {
          prevSession.free();
        } catch {
          // consumed by finishAsPrevious()
        }
      }
    }
    const identBytes = ident ? new Uint8Array(await ident.arrayBuffer()) : undefined;
    session = plan.session(identBytes, lastYear ? { ...opts, comparable: true } : opts);
    plan.free();
    const read = await stream(id, main, session, size, async (buffer, progress, last) => {
      done += buffer.byteLength;
      // The engine has copied the bytes; the buffer itself moves on to the hasher.
      if (hash) await hash.send(buffer);
      post(progress?.persons ?? 0, last);
    });
    if (!read) return stop();
    hash?.end();
    const report = lastYear ? session.finishComparedWith(lastYear) : session.finish();
    if (cancelled.delete(id)) {
      self.postMessage({ type: 'cancelled', id });
      return;
    }
    if (mode === 'csv-full' || mode === 'csv') {
      const text = findingsCsv(report, { lang, fullIdentities: mode === 'csv-full' });
      self.postMessage({ type: 'csv', id, text });
    } else if (mode === 'json') {
      self.postMessage({ type: 'json', id, text: JSON.stringify(report, null, 2) });
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
    // A file that changed or vanished on disk after it was chosen: the
    // browser's NotReadableError / NotFoundError, named so the page can say
    // it in the user's language.
    const unreadable = !panic && ['NotReadableError', 'NotFoundError'].includes(e?.name);
    self.postMessage({ type: 'error', id, panic, message, unreadable });
  } finally {
    hash?.abort();
    for (const owned of [session, lastYear]) {
      try {
        owned?.free();
      } catch {
        // already consumed by finish(), or the instance has aborted
      }
    }
  }
}

/**
 * The checker's end of the port to the hasher: each slice, once the engine
 * has copied it, is moved (not copied) to the hasher, so the file is read
 * once. At most HASH_IN_FLIGHT slices wait there, so memory stays bounded
 * when the hasher falls behind.
 */
function forwarder(port) {
  let inFlight = 0;
  let wake = null;
  let open = true;
  port.onmessage = () => {
    inFlight -= 1;
    wake?.();
    wake = null;
  };
  return {
    async send(buffer) {
      port.postMessage({ chunk: buffer }, [buffer]);
      inFlight += 1;
      while (inFlight > HASH_IN_FLIGHT) await new Promise((resolve) => (wake = resolve));
    },
    end() {
      if (open) port.postMessage({ end: true });
      open = false;
    },
    abort() {
      if (open) port.postMessage({ abort: true });
      open = false;
      port.onmessage = null;
    },
  };
}

/**
 * Hashes the slices the checker sends over `port` (the page runs this in
 * the second worker, beside the check); answers 'hash' at the end, nothing
 * when the checker stops early.
 */
function runHashFromPort({ id, port }) {
  const hasher = new Hasher();
  port.onmessage = ({ data }) => {
    if (data?.chunk) {
      hasher.update(new Uint8Array(data.chunk));
      port.postMessage(0);
      return;
    }
    port.onmessage = null;
    port.close();
    try {
      if (cancelled.delete(id)) self.postMessage({ type: 'cancelled', id });
      else if (data?.end) self.postMessage({ type: 'hash', id, sha256: hasher.finish() });
    } catch (e) {
      self.postMessage({ type: 'error', id, panic: false, message: String(e?.message ?? e) });
    } finally {
      hasher.free();
    }
  };
}

self.addEventListener('message', (event) => {
  const message = event.data;
  switch (message?.type) {
    case 'check':
      runCheck(message);
      break;
    case 'hash':
      runHashFromPort(message);
      break;
    case 'findings-csv':
      try {
        self.postMessage({ type: 'csv', id: message.id, text: findingsCsv(message.report, { lang: message.lang }) });
      } catch (e) {
        self.postMessage({ type: 'error', id: message.id, panic: e instanceof WebAssembly.RuntimeError, message: String(e?.message ?? e) });
      }
      break;
    case 'cancel':
      cancelled.add(message.id);
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

// The module worker that owns the engine (wasm). The page starts it from a
// blob: URL so that the page's Content-Security-Policy, with
// connect-src 'none', binds it too.
//
// Messages in:  {type: 'check', id, main: {name, bytes}, ident?: {name, bytes}, options}
//               {type: 'probe-network', id}   (privacy self-test)
// Messages out: {type: 'ready', version, rules}
//               {type: 'result', id, report}
//               {type: 'error', id, message, panic}
//               {type: 'probe-network', id, refused, detail}

import { check, initSync, lastPanic, rules, version } from './pkg/iplos_sjekk.js';
import wasmBytes from './pkg/iplos_sjekk_wasm.js';

initSync({ module: wasmBytes });
self.postMessage({ type: 'ready', version: version(), rules: rules() });

function runCheck({ id, main, ident, options }) {
  try {
    const report = check(
      new Uint8Array(main.bytes),
      main.name,
      ident ? new Uint8Array(ident.bytes) : undefined,
      ident ? ident.name : undefined,
      options ?? {},
    );
    self.postMessage({ type: 'result', id, report });
  } catch (e) {
    // A panic aborts the instance with a RuntimeError; the hook kept its text.
    let panic = null;
    if (e instanceof WebAssembly.RuntimeError) {
      try {
        panic = lastPanic() ?? null;
      } catch {
        panic = null;
      }
    }
    self.postMessage({
      type: 'error',
      id,
      panic: e instanceof WebAssembly.RuntimeError,
      message: panic ?? String(e?.message ?? e),
    });
  }
}

async function probeNetwork({ id }) {
  try {
    const response = await fetch(new URL('/index.html', self.location.origin), { cache: 'no-store' });
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
    case 'probe-network':
      probeNetwork(message);
      break;
    default:
      self.postMessage({ type: 'error', id: message?.id, panic: false, message: `unknown message type ${message?.type}` });
  }
});

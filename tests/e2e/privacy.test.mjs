// End-to-end: nothing leaves the machine and nothing is stored. The CSP is
// a meta tag with connect-src 'none'; the worker, started from a blob: URL,
// is bound by it and cannot fetch (a control worker from a same-origin URL
// can, which shows the probe tells the two apart); no request after load
// through a whole session; no cookie, storage, cache or service worker.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertPrivate, checkFiles, downloadText, launch, openPage } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

describe('nothing leaves the machine', () => {
  test('an enforcing CSP: no other origin, no connections', async () => {
    const { context, page } = await openPage(env);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    const directives = Object.fromEntries(
      csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]),
    );
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['connect-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(directives['worker-src'], ["'self'", 'blob:']);
    assert.deepEqual(directives['style-src'], ["'self'"]);
    for (const values of Object.values(directives)) {
      for (const v of values) assert.ok(/^'|^(blob|data):$/.test(v), `a source other than self/none/blob:/data:: ${v}`);
    }
    // Every resource the page loaded came from its own origin.
    const origins = await page.evaluate(() => [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).origin))]);
    assert.deepEqual(origins.filter((o) => o !== new URL(env.base).origin), []);
    await context.close();
  });

  test('the worker cannot fetch (the page CSP binds the blob-started worker)', async () => {
    const { context, page } = await openPage(env);
    const probe = await page.evaluate(async () => (await import('/app.js')).engine.probeNetwork());
    assert.equal(probe.refused, true, `the worker reached the network: ${probe.detail}`);

    // Control: the same worker started from its own URL is not bound by the
    // page's meta CSP and does reach the server. This is why the page starts
    // it from a blob: URL, and shows the probe above can tell the two apart.
    const unbound = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const worker = new Worker('/worker.js', { type: 'module' });
          worker.onerror = (e) => resolve({ refused: true, detail: `worker error: ${e.message}` });
          worker.onmessage = ({ data }) => {
            if (data.type === 'ready') worker.postMessage({ type: 'probe-network', id: 1 });
            else resolve(data);
            if (data.type !== 'ready') worker.terminate();
          };
        }),
    );
    assert.equal(unbound.refused, false, `control worker: ${unbound.detail}`);
    await context.close();
  });

  test('the page itself cannot fetch', async () => {
    const { context, page } = await openPage(env);
    const refused = await page.evaluate(() =>
      fetch('/index.html').then(
        () => false,
        () => true,
      ),
    );
    assert.equal(refused, true, 'connect-src does not bind the page');
    await context.close();
  });

  test('no request after load through a whole session, and nothing stored', async () => {
    const { context, page, seen } = await openPage(env);
    await checkFiles(page, 'feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
    await downloadText(page, '#last-csv');
    await page.click('header .sprak');
    await page.click('header .sprak');
    await page.click('#tom');
    await checkFiles(page, 'csv-cp1252.csv');
    const stored = await page.evaluate(async () => ({
      cookies: document.cookie,
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      indexedDB: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
      serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
    }));
    assert.deepEqual(stored, { cookies: '', localStorage: 0, sessionStorage: 0, indexedDB: 0, caches: 0, serviceWorkers: 0 });
    assert.deepEqual(await context.cookies(), []);
    const state = await context.storageState();
    assert.deepEqual(state.cookies, []);
    assert.deepEqual(state.origins, []);
    await assertPrivate(page, seen);
    await context.close();
  });
});

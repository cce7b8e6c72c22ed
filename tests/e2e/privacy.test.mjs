// End-to-end: nothing leaves the machine and nothing is stored. The CSP is
// a meta tag with connect-src 'none' and worker-src blob: (a blob worker
// inherits the page's policy; a worker from a URL would not, and the policy
// allows none); no worker any script in the page can start reaches a server
// (a counting server on loopback sees no hit, while the same attempts from
// a page without the policy do reach it); no request after load through a
// whole session; no cookie, storage, cache or service worker; and the
// browser is told not to offer translation (which would send the findings'
// text to a translation service).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertPrivate, checkFiles, downloadText, launch, openPage, startProbe, tryWorkersToNetwork } from './helpers.mjs';

/** A page of the same site without any CSP: the control for the worker probes. */
const CONTROL = '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>kontroll</title></head><body><p>kontroll</p></body></html>';

let env;
let probe;
/** Requests the dist server got, when `recording`. */
const served = [];
let recording = false;
before(async () => {
  probe = await startProbe();
  env = await launch({ pages: { '/kontroll.html': () => CONTROL }, onRequest: (req) => recording && served.push(req.url) });
});
after(async () => {
  await env?.close();
  await probe?.close();
});

describe('nothing leaves the machine', () => {
  test('an enforcing CSP: no other origin, no connections, workers from blob: only', async () => {
    const { context, page } = await openPage(env);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    const directives = Object.fromEntries(
      csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]),
    );
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['connect-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(directives['worker-src'], ['blob:']);
    assert.deepEqual(directives['style-src'], ["'self'"]);
    for (const values of Object.values(directives)) {
      for (const v of values) assert.ok(/^'|^(blob|data):$/.test(v), `a source other than self/none/blob:/data:: ${v}`);
    }
    // Every resource the page loaded came from its own origin.
    const origins = await page.evaluate(() => [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).origin))]);
    assert.deepEqual(origins.filter((o) => o !== new URL(env.base).origin), []);
    // The iframe page has the same policy.
    await page.goto(`${env.base}ramme.html`);
    assert.equal(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), csp);
    await context.close();
  });

  test('no script in the page reaches the network through any worker', async () => {
    // The attempts from a page of the same site without a CSP reach the
    // probe server: the probes work, and only the page's policy stops them.
    const { context: c0, page: p0 } = await openPage(env, { path: 'kontroll.html', waitForEngine: false });
    const control = await tryWorkersToNetwork(p0, probe.url);
    const reachedBy = control.filter(([, outcome]) => /^reached/.test(String(outcome))).map(([name]) => name);
    for (const way of ['Worker(data: URL)', 'Worker(blob:, classic) fetch', 'Worker(blob:, module) fetch', 'SharedWorker(blob:) fetch', 'Worker(blob:, classic) importScripts']) {
      assert.ok(reachedBy.includes(way), `control: ${way} did not reach the probe: ${JSON.stringify(control)}`);
    }
    assert.ok(probe.hits.length > 0, 'control: the probe server saw nothing');
    await c0.close();
    probe.hits.length = 0;

    const { context, page } = await openPage(env);
    served.length = 0;
    recording = true;
    const results = await tryWorkersToNetwork(page, probe.url);
    recording = false;
    assert.ok(results.length >= 20, `attempts: ${results.length}`);
    const through = results.filter(([, outcome]) => /^(reached|registered)/.test(String(outcome)));
    assert.deepEqual(through, [], 'a worker reached the network');
    assert.deepEqual(probe.hits, [], 'the probe server was reached');
    // Not even the site itself: a worker from the site's own URL is refused before it is fetched.
    assert.deepEqual(served, [], 'the site was asked for a worker script');
    // The page's own engine still runs (its worker is a blob: worker).
    assert.equal(await checkFiles(page, 'klar-2025.xml', 'klar-2025-ident.xml'), 'klar');
    await context.close();
  });

  test('the shipped worker has no message that fetches, even without a CSP', async () => {
    // The engine's own worker (worker-source.js, as engine.js starts it),
    // started on the page without a policy and asked for the network probe
    // earlier versions had: it does not know the message, and nothing is
    // fetched.
    const { context, page } = await openPage(env, { path: 'kontroll.html', waitForEngine: false });
    const answers = await page.evaluate(async (target) => {
      const { default: source, workerType } = await import('/worker-source.js');
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: workerType });
      const seen = [];
      await new Promise((resolve) => {
        worker.onmessage = ({ data }) => {
          seen.push({ type: data.type, id: data.id, message: data.message });
          if (data.type === 'ready') {
            worker.postMessage({ type: 'probe-network', id: 1, url: target });
            worker.postMessage({ type: 'fetch', id: 2, url: target });
          } else if (seen.length === 3) resolve();
        };
      });
      worker.terminate();
      return seen;
    }, probe.url);
    assert.equal(answers[0].type, 'ready');
    assert.deepEqual(
      answers.slice(1).map((a) => [a.type, a.id]),
      [
        ['error', 1],
        ['error', 2],
      ],
    );
    assert.match(answers[1].message, /unknown message type probe-network/);
    assert.deepEqual(probe.hits, [], 'the worker reached the probe server');
    await context.close();
  });

  test('no translation offer: translate="no", notranslate, on every page', async () => {
    const { context, page } = await openPage(env);
    for (const path of ['', 'ramme.html']) {
      if (path) await page.goto(env.base + path);
      const marks = await page.evaluate(() => ({
        translate: document.documentElement.getAttribute('translate'),
        notranslate: document.documentElement.classList.contains('notranslate'),
        google: document.querySelector('meta[name="google"]')?.content,
        app: document.getElementById('app').getAttribute('translate'),
      }));
      assert.deepEqual(marks, { translate: 'no', notranslate: true, google: 'notranslate', app: 'no' }, path || 'index.html');
    }
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

// End-to-end: the single-file offline build, dist/iplos-sjekk.html, opened
// from file:// with no server: it checks files, loads nothing but itself
// and its blob: worker, and neither it nor any worker a script in it starts
// can reach a server (a counting server on loopback sees no hit). Its CSP
// allows the inline script and style by hash only; it is marked not to be
// translated.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { ELEVEN_DIGITS, fixture, launch, root, startProbe, tryWorkersToNetwork } from './helpers.mjs';

const FILE_URL = pathToFileURL(join(root, 'dist', 'iplos-sjekk.html')).href;

let env;
let probe;
before(async () => {
  env = await launch();
  probe = await startProbe();
});
after(async () => {
  await env?.close();
  await probe?.close();
});

async function open(query = '') {
  const context = await env.browser.newContext({ locale: 'nb-NO' });
  const page = await context.newPage();
  const seen = { requests: [], errors: [] };
  context.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  await page.goto(FILE_URL + query, { waitUntil: 'load' });
  await page.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
  await page.selectOption('#aar', '2025');
  return { context, page, seen };
}

async function checkFile(page, main, ident) {
  if (ident) await page.setInputFiles('#identfil', fixture(ident));
  await page.setInputFiles('#fil', fixture(main));
  await page.waitForSelector(`#resultat[data-checked="${main}"]:not([aria-busy])`, { timeout: 60_000 });
  return page.getAttribute('[data-verdict]', 'data-verdict');
}

describe('dist/iplos-sjekk.html from file://', () => {
  test('checks files with no server and loads nothing but itself and its worker', async () => {
    const { context, page, seen } = await open();
    assert.equal(await checkFile(page, 'klar-2025.xml', 'klar-2025-ident.xml'), 'klar');
    assert.equal(await checkFile(page, 'feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml'), 'feil_i_poster');
    assert.match(await page.locator('#funn td.fid').first().textContent(), /^\d{6}\*{5}$/);
    assert.equal(await checkFile(page, 'trunkert-2025.xml'), 'kan_ikke_kontrolleres');
    assert.doesNotMatch(await page.evaluate(() => document.body.innerText), ELEVEN_DIGITS);
    const other = seen.requests.filter((u) => u !== FILE_URL && !u.startsWith('blob:'));
    assert.deepEqual(other, [], 'requests besides the file and its blob: worker');
    // The checker and the SHA-256 worker, both from one blob URL made when the page started.
    const blobs = seen.requests.filter((u) => u.startsWith('blob:'));
    assert.ok(blobs.length <= 2 && new Set(blobs).size <= 1, `${seen.requests}`);
    assert.deepEqual(seen.errors, [], 'console errors or CSP violations');
    await context.close();
  });

  test('a CSP of hashes with no connections; neither the page nor any worker can fetch; not translated', async () => {
    const { context, page } = await open();
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    const d = Object.fromEntries(csp.split(';').map((x) => x.trim().split(/\s+/)).filter((x) => x[0]).map(([k, ...v]) => [k, v]));
    assert.deepEqual(d['default-src'], ["'none'"]);
    assert.deepEqual(d['connect-src'], ["'none'"]);
    assert.deepEqual(d['worker-src'], ['blob:']);
    assert.equal(d['script-src'].length, 2);
    assert.match(d['script-src'][0], /^'sha256-[A-Za-z0-9+/]+=*'$/);
    assert.equal(d['script-src'][1], "'wasm-unsafe-eval'");
    assert.match(d['style-src'].join(' '), /^'sha256-[A-Za-z0-9+/]+=*'$/);
    assert.ok(!csp.includes('unsafe-inline') && !/'unsafe-eval'/.test(csp), csp);
    assert.equal(await page.locator('script[src], link[rel="stylesheet"]').count(), 0, 'everything is inline');

    const marks = await page.evaluate(() => [document.documentElement.getAttribute('translate'), document.documentElement.className, document.querySelector('meta[name="google"]')?.content]);
    assert.deepEqual(marks, ['no', 'notranslate', 'notranslate']);

    const fromWorkers = await tryWorkersToNetwork(page, probe.url);
    const through = fromWorkers.filter(([, outcome]) => /^(reached|registered)/.test(String(outcome)));
    assert.deepEqual(through, [], 'a worker reached the network');
    const fromPage = await page.evaluate((url) => fetch(url).then(() => 'reached', (e) => `refused: ${e.message}`), probe.url);
    assert.match(fromPage, /^refused/);
    assert.deepEqual(probe.hits, [], 'the probe server was reached');
    // Control: the same server answers when asked from outside the page.
    const control = await fetch(probe.url).then((r) => r.text());
    assert.match(control, /reached/);
    probe.hits.length = 0;
    await context.close();
  });
});

// Shared by the end-to-end tests: the server for dist/, Debian's Chromium,
// a fresh page per test with every request after load recorded, and the
// checks that every test runs at its end (no request, no console error, no
// full identity number on the page).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { frameSettingsModule, ownerSettings, ownerSettingsModule } from '../../scripts/build-embed.mjs';
import { startServer } from '../../scripts/serve.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const fixture = (name) => join(root, 'tests', 'fixtures', name);

/**
 * The server and browser of a test file: launched before its tests, closed
 * after them. The object answers for the launched one (`env.base`,
 * `env.browser`, …) once the tests run.
 */
export function launchedForFile(options) {
  let env;
  before(async () => {
    env = await launch(options);
  });
  after(async () => {
    await env?.close();
  });
  return new Proxy({}, { get: (_, key) => env[key] });
}

/** A temporary folder for a test file's files, removed after its tests. */
export function tempDirForFile(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The fixture feil-i-poster-2025.xml with `n` more copies of its person
 * 2001 (200 hours a week: TJE-09), numbered from `firstId`: a file with
 * many findings of one rule.
 */
export function withCopiesOfPerson2001(n, firstId = 50000) {
  const fag = readFileSync(fixture('feil-i-poster-2025.xml'), 'utf8');
  const start = fag.indexOf('  <PERSON pePeID="2001">');
  const end = fag.indexOf('</PERSON>', start) + '</PERSON>\n'.length;
  const person = fag.slice(start, end);
  const copies = Array.from({ length: n }, (_, i) => person.replaceAll('"2001"', `"${firstId + i}"`)).join('');
  return fag.slice(0, end) + copies + fag.slice(end);
}
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
/** An identity number in full: 11 digits standing alone (not inside a hash). */
export const FULL_FNR = /(?<![0-9A-Za-z])\d{11}(?![0-9A-Za-z])/;
/** Any 11 digits in a row, the strictest reading. */
export const ELEVEN_DIGITS = /\d{11}/;

/**
 * The server for dist/ and a browser. `frameOrigins(port)` gives the iframe
 * page's built-in allowlist for the port the server got (IPLOS_FRAME_ORIGINS
 * would say it at build time; the port is known only now): the server then
 * serves ramme-oppsett.js as the build would write it for them. `pages`
 * maps more paths to `(port) => html` (a test's own host pages). `owner`
 * is who runs the copy, as the build's environment would say it
 * (IPLOS_OWNER, IPLOS_CONTACT, IPLOS_A11Y_STATEMENT_URL): the server then
 * serves eier-oppsett.js as the build would write it for them.
 * `onRequest(req)` sees every request the server gets.
 */
export async function launch({ frameOrigins, owner, pages = {}, onRequest } = {}) {
  assert.ok(existsSync(join(root, 'dist', 'index.html')), 'dist/ is missing: run `npm run build` first');
  const overrides = {};
  if (frameOrigins) overrides['/ramme-oppsett.js'] = (port) => ({ type: 'text/javascript; charset=utf-8', body: frameSettingsModule(frameOrigins(port)) });
  if (owner) overrides['/eier-oppsett.js'] = () => ({ type: 'text/javascript; charset=utf-8', body: ownerSettingsModule(ownerSettings(owner)) });
  for (const [path, html] of Object.entries(pages)) overrides[path] = (port) => ({ type: 'text/html; charset=utf-8', body: html(port) });
  const { server, url } = await startServer({ dir: join(root, 'dist'), port: 0, overrides });
  if (onRequest) server.on('request', onRequest);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    base: url,
    browser,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A fresh context and page at `base` + `path` + `query` (or at `url`, a host page
 * with no engine of its own to wait for; `waitFor` a selector). Requests are recorded from
 * the page's load event on (the worker is bundled into the page's JS, so
 * nothing may be fetched after it), with console errors and page errors.
 */
export async function openPage(env, { path = '', query = '', url, viewport, contextOptions = {}, waitForEngine = true, waitFor } = {}) {
  const context = await env.browser.newContext({ locale: 'nb-NO', viewport, ...contextOptions });
  const page = await context.newPage();
  const seen = { requests: [], errors: [] };
  let recording = false;
  context.on('request', (r) => recording && seen.requests.push(`${r.method()} ${r.url()}`));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  await page.goto(url ?? env.base + path + query, { waitUntil: 'load' });
  recording = true;
  if (waitFor) await page.waitForSelector(waitFor, { timeout: 30_000 });
  if (waitForEngine && !url) {
    await page.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
    await page.selectOption('#aar', '2025');
  }
  return { context, page, seen };
}

/** Sets the identmelding (if any) first, then the main file; waits for the result. */
export async function checkFiles(page, main, ident) {
  if (ident) await page.setInputFiles('#identfil', fixture(ident));
  await page.setInputFiles('#fil', main.includes('/') ? main : fixture(main));
  const name = main.split('/').pop();
  await page.waitForSelector(`#resultat[data-checked="${name}"]:not([aria-busy])`, { timeout: 60_000 });
  return page.getAttribute('[data-verdict]', 'data-verdict');
}

export async function assertPrivate(page, seen) {
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, ELEVEN_DIGITS, 'eleven digits in a row (an identity number?) on the page');
  const all = await page.evaluate(() => document.documentElement.outerHTML);
  assert.doesNotMatch(all, FULL_FNR, 'a full identity number in the page source');
  assert.deepEqual(seen.requests, [], 'the page made requests after it had loaded');
  assert.deepEqual(seen.errors, [], 'console errors or CSP violations');
}

/** Clicks `selector` and returns the downloaded file's name and text. */
export async function downloadText(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/**
 * A server on loopback that counts every request it gets (HTTP and
 * WebSocket upgrades alike): the target of the network probes. Resolves to
 * `{url, hits, close}`; `hits` is the live list of requested paths.
 */
export async function startProbe() {
  const hits = [];
  const server = createServer((req, res) => {
    hits.push(req.url);
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/javascript' }).end('/* reached */');
  });
  server.on('upgrade', (req, socket) => {
    hits.push(`upgrade ${req.url}`);
    socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    hits,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Every way a script in `page` could try to reach `target` through a worker:
 * workers from the site's own URL (classic and module), from `target`, from
 * a data: URL, shared workers, a service worker, and blob: workers (classic
 * and module, the kind the page's CSP allows) that fetch, use XHR,
 * WebSocket and EventSource, importScripts, import() and start a nested
 * worker. Resolves when each attempt has ended, to `[name, outcome]` pairs;
 * whether anything got through is for the probe server to say.
 */
export function tryWorkersToNetwork(page, target) {
  return page.evaluate(async (target) => {
    const wsTarget = target.replace(/^http/, 'ws');
    // The body each blob worker runs: every way out, each reported back.
    const body = `
      const target = ${JSON.stringify(target)};
      const tries = {
        fetch: () => fetch(target + 'fetch', { cache: 'no-store' }).then((r) => 'reached ' + r.status),
        xhr: () => new Promise((ok, fail) => {
          const x = new XMLHttpRequest();
          x.onload = () => ok('reached ' + x.status);
          x.onerror = () => fail(new Error('xhr error'));
          try { x.open('GET', target + 'xhr'); x.send(); } catch (e) { fail(e); }
        }),
        websocket: () => new Promise((ok, fail) => {
          try {
            const s = new WebSocket(${JSON.stringify(wsTarget)} + 'ws');
            s.onopen = () => ok('reached');
            s.onerror = () => fail(new Error('websocket error'));
          } catch (e) { fail(e); }
        }),
        eventsource: () => new Promise((ok, fail) => {
          try {
            const s = new EventSource(target + 'sse');
            s.onopen = () => ok('reached');
            s.onerror = () => { s.close(); fail(new Error('eventsource error')); };
          } catch (e) { fail(e); }
        }),
        nestedWorker: () => new Promise((ok, fail) => {
          try {
            const w = new Worker(target + 'nested.js');
            w.onerror = () => fail(new Error('nested worker error'));
            setTimeout(() => ok('started'), 500);
          } catch (e) { fail(e); }
        }),
        IMPORT: null,
      };
      async function run() {
        const out = [];
        for (const [name, attempt] of Object.entries(tries)) {
          if (!attempt) continue;
          try { out.push([name, String(await attempt())]); } catch (e) { out.push([name, 'refused: ' + (e && e.message || e)]); }
        }
        return out;
      }
    `;
    const classicBody = body.replace('IMPORT: null', `importScripts: () => { importScripts(target + 'imported.js'); return 'reached'; }`);
    const moduleBody = body.replace('IMPORT: null', `dynamicImport: () => import(target + 'imported.mjs').then(() => 'reached')`);
    const blobUrl = (code) => URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    /** Starts a worker and waits for its report (or its failure). */
    const worker = (make) =>
      new Promise((resolve) => {
        let w;
        try {
          w = make();
        } catch (e) {
          resolve(`refused: ${e.message}`);
          return;
        }
        const port = w.port ?? w;
        port.onmessage = ({ data }) => resolve(data);
        w.onerror = (e) => resolve(`refused: worker error ${e.message ?? ''}`.trim());
        w.port?.start?.();
        setTimeout(() => resolve('no answer'), 10_000);
      });
    const results = [];
    const ownUrl = new URL('/worker.js', location.href).href;
    for (const [name, make] of [
      ['Worker(site URL, module)', () => new Worker(ownUrl, { type: 'module' })],
      ['Worker(site URL, classic)', () => new Worker(ownUrl)],
      ['Worker(target URL)', () => new Worker(`${target}worker.js`)],
      [
        'Worker(data: URL)',
        () => new Worker(`data:text/javascript,${encodeURIComponent(`fetch(${JSON.stringify(`${target}data`)}).then(() => postMessage('reached'), (e) => postMessage('refused: ' + e.message))`)}`),
      ],
      ['SharedWorker(site URL)', () => new SharedWorker(ownUrl)],
      ['SharedWorker(target URL)', () => new SharedWorker(`${target}shared.js`)],
    ]) {
      results.push([name, await worker(make)]);
    }
    results.push([
      'serviceWorker.register',
      await navigator.serviceWorker
        .register(`${target}sw.js`)
        .then(() => 'registered', (e) => `refused: ${e.message}`),
    ]);
    const report = (code) => `${code}\nrun().then((r) => postMessage(r));`;
    const sharedReport = (code) => `${code}\nonconnect = (e) => run().then((r) => e.ports[0].postMessage(r));`;
    for (const [name, make] of [
      ['Worker(blob:, classic)', () => new Worker(blobUrl(report(classicBody)))],
      ['Worker(blob:, module)', () => new Worker(blobUrl(report(moduleBody)), { type: 'module' })],
      ['SharedWorker(blob:)', () => new SharedWorker(blobUrl(sharedReport(classicBody)))],
    ]) {
      const got = await worker(make);
      if (Array.isArray(got)) for (const [what, outcome] of got) results.push([`${name} ${what}`, outcome]);
      else results.push([name, got]);
    }
    return results;
  }, target);
}

/**
 * A real-looking fødselsnummer (15 July 1965, a real birth date, classic
 * check digits; not a synthetic month + 80 one), made at run time so that
 * it is never stored in the repository. The masking tests plant it.
 */
export function plantedFnr() {
  const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const check = (digits, weights) => {
    const r = 11 - (digits.reduce((sum, d, i) => sum + d * weights[i], 0) % 11);
    return r === 11 ? 0 : r;
  };
  for (let i = 100; i < 500; i++) {
    const digits = [...`150765${i}`].map(Number);
    const k1 = check(digits, W1);
    if (k1 === 10) continue;
    const k2 = check([...digits, k1], W2);
    if (k2 === 10) continue;
    return `150765${i}${k1}${k2}`;
  }
  throw new Error('no individnummer with check digits');
}

/** The planted number whole and split as 6 + 5 by a space, dash and dot. */
export function plantings(fnr) {
  const [a, b] = [fnr.slice(0, 6), fnr.slice(6)];
  return [fnr, `${a} ${b}`, `${a}-${b}`, `${a}.${b}`];
}

/**
 * Fails if `text` holds `fnr` in any form: whole, split 6 + 5 by any one
 * character, or its hidden part (the five digits the mask hides) standing
 * alone as a number.
 */
export function assertNoIdentity(text, fnr, label) {
  const [a, b] = [fnr.slice(0, 6), fnr.slice(6)];
  assert.ok(!new RegExp(`${a}[^0-9]?${b}`).test(text), `${label}: the identity number, whole or split`);
  assert.ok(!new RegExp(`(?<![0-9A-Za-z])${b}(?![0-9A-Za-z])`).test(text), `${label}: its hidden five digits`);
}

/**
 * Runs the command-line tool (a built binary when there is one, else
 * through cargo): for tests that generate their files.
 */
export function cli(args) {
  const built = ['release', 'debug'].map((p) => join(root, 'target', p, 'iplos-sjekk')).find((f) => existsSync(f));
  return built ? spawnSync(built, args, { encoding: 'utf8' }) : spawnSync('cargo', ['run', '-q', '--', ...args], { cwd: root, encoding: 'utf8' });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core (WCAG 2.0/2.1 A and AA) over the page as it is now: zero
 * violations, each one printed readably when there are any. axe is
 * evaluated through the DevTools protocol, so the page keeps its CSP.
 */
export async function axe(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS);
  const text = result.violations
    .map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n')}`)
    .join('\n');
  console.log(`axe ${label}: ${result.violations.length} violations, ${result.passes?.length ?? 0} rules passed${text ? `\n${text}` : ''}`);
  assert.equal(result.violations.length, 0, `axe-core violations on ${label}:\n${text}`);
}

/**
 * The example iframe host (examples/ramme-vert.html) on localhost, its frame
 * on 127.0.0.1 (launch the server with `frameOrigins` naming localhost).
 * Resolves to `{context, page, frame, target}`, `target` the frame's origin.
 */
export async function openFrameHost(env) {
  const port = new URL(env.base).port;
  const context = await env.browser.newContext({ locale: 'nb-NO' });
  const page = await context.newPage();
  await page.goto(`http://localhost:${port}/examples/ramme-vert.html`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ramme="klar"]', { timeout: 30_000 });
  const frame = await (await page.$('#ramme')).contentFrame();
  return { context, page, frame, target: `http://127.0.0.1:${port}` };
}

/**
 * Posts `message` (an `iplos-sjekk:check` with its `id`) from the host page
 * to the frame. Values given as `{name, bytes, mimeType?}` become Files in
 * the page. Resolves to every message the host heard until the check's
 * result or error.
 */
export async function checkInFrame(page, target, message) {
  return page.evaluate(
    async ({ message, target }) => {
      const heard = [];
      const listen = (e) => heard.push(e.data);
      window.addEventListener('message', listen);
      const files = Object.fromEntries(
        Object.entries(message).map(([k, v]) => [k, v && typeof v === 'object' && 'bytes' in v ? new File([new Uint8Array(v.bytes)], v.name, { type: v.mimeType ?? '' }) : v]),
      );
      document.getElementById('ramme').contentWindow.postMessage(files, target);
      const end = () => heard.some((m) => m?.id === message.id && /:(result|error)$/.test(m.type));
      await new Promise((resolve) => {
        const wait = () => (end() ? resolve() : setTimeout(wait, 20));
        wait();
      });
      window.removeEventListener('message', listen);
      return heard;
    },
    { message, target },
  );
}

// Shared by the end-to-end tests: the server for dist/, Debian's Chromium,
// a fresh page per test with every request after load recorded, and the
// checks that every test runs at its end (no request, no console error, no
// full identity number on the page).

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const fixture = (name) => join(root, 'tests', 'fixtures', name);
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

export async function launch() {
  assert.ok(existsSync(join(root, 'dist', 'index.html')), 'dist/ is missing: run `npm run build` first');
  const { server, url } = await startServer({ dir: join(root, 'dist'), port: 0 });
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
 * A fresh context and page at `base` + `query`. Requests are recorded from
 * the page's load event on (the worker is bundled into the page's JS, so
 * nothing may be fetched after it), with console errors and page errors.
 */
export async function openPage(env, { query = '', viewport, contextOptions = {} } = {}) {
  const context = await env.browser.newContext({ locale: 'nb-NO', viewport, ...contextOptions });
  const page = await context.newPage();
  const seen = { requests: [], errors: [] };
  let recording = false;
  context.on('request', (r) => recording && seen.requests.push(`${r.method()} ${r.url()}`));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  await page.goto(env.base + query, { waitUntil: 'load' });
  recording = true;
  await page.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
  await page.selectOption('#aar', '2025');
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

// Screenshots of the page's main states, for a person to look at (never
// committed): empty, a klar file, a file with record errors, the English
// view, a fatal file; at 1280 px and 400 px wide.
//
//   node scripts/screenshots.mjs [OUT_DIR]      (default /tmp/iplos-skjermbilder)
// Needs dist/ (npm run build) and Debian's /usr/bin/chromium.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { root } from './env.mjs';
import { startServer } from './serve.mjs';

const out = process.argv[2] ?? '/tmp/iplos-skjermbilder';
mkdirSync(out, { recursive: true });
const fixture = (name) => join(root, 'tests', 'fixtures', name);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const { server, url } = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
try {
  for (const width of [1280, 400]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'nb-NO' });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.log(`console: ${m.text()}`));
    page.on('pageerror', (e) => console.log(`pageerror: ${e}`));
    const shot = async (name) => {
      const file = join(out, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    };
    const check = async (main, ident) => {
      if (ident) await page.setInputFiles('#identfil', fixture(ident));
      await page.setInputFiles('#fil', fixture(main));
      await page.waitForSelector(`#resultat[data-checked="${main}"]:not([aria-busy])`, { timeout: 60_000 });
    };
    await page.goto(url);
    await page.waitForSelector('html[data-engine="ready"]');
    await page.selectOption('#aar', '2025');
    await shot('1-tom');
    await check('klar-2025.xml', 'klar-2025-ident.xml');
    await shot('2-klar');
    await page.click('#tom');
    await check('feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
    await shot('3-feil-i-poster');
    await page.click('header .sprak');
    await shot('4-engelsk');
    await page.click('header .sprak');
    await page.click('#tom');
    await check('trunkert-2025.xml');
    await shot('5-trunkert');
    await page.click('#last-csv-full');
    await shot('6-dialog');
    await page.keyboard.press('Escape');
    await page.emulateMedia({ media: 'print' });
    await shot('7-utskrift');
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

// Screenshots of the page's main states, for a person to look at: empty,
// a klar file, a file with record errors, the English view, a fatal file,
// the per-person view, the comparison with last year (a generated pair);
// at 1280 px and 400 px wide. Full pages, not committed; with --readme,
// the three views the README shows (docs/img/, committed), one screen each.
//
//   node scripts/screenshots.mjs [OUT_DIR]      (default /tmp/iplos-skjermbilder)
//   node scripts/screenshots.mjs --readme       docs/img/*.png
// Needs dist/ (npm run build) and Debian's /usr/bin/chromium.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { root } from './env.mjs';
import { startServer } from './serve.mjs';

const readme = process.argv.includes('--readme');
const out = readme ? join(root, 'docs', 'img') : (process.argv[2] ?? '/tmp/iplos-skjermbilder');
mkdirSync(out, { recursive: true });
const fixture = (name) => join(root, 'tests', 'fixtures', name);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

// A generated pair of consecutive years, the second missing a fifth of its
// home-nursing clients, for the comparison panel.
const pairDir = mkdtempSync(join(tmpdir(), 'iplos-par-'));
const built = join(root, 'target', 'release', 'iplos-sjekk');
const cli = (args) => (existsSync(built) ? spawnSync(built, args) : spawnSync('cargo', ['run', '-q', '--release', '--', ...args], { cwd: root }));
cli(['generate', '--persons', '400', '--years', '2024,2025', '--seed', '7', '--plant-incomplete', '0.2', '-o', join(pairDir, 'par.xml')]);
const pair = (name) => join(pairDir, name);

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
    if (readme) {
      // One screen each: the verdict and the findings per person, and the
      // comparison with last year.
      const screen = async (name, selector) => {
        await page.waitForTimeout(400);
        if (selector) await page.$eval(selector, (n) => n.scrollIntoView({ block: 'start' }));
        const file = join(out, `${name}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      };
      if (width === 400) {
        await check('feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
        await page.click('label[for="vis-person"]');
        await page.$$eval('#funn details', (ds) => ds.forEach((d) => (d.open = true)));
        await screen('per-person-400', '#funn');
      } else {
        await check('feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
        await screen('resultat-1280', '#resultat-tittel');
        await page.click('#fjor > summary');
        await page.setInputFiles('#fjorfil', [pair('par-2024.xml'), pair('par-2024-ident.xml')]);
        await page.setInputFiles('#identfil', pair('par-2025-ident.xml'));
        await page.setInputFiles('#fil', pair('par-2025.xml'));
        await page.waitForSelector('#resultat[data-checked="par-2025.xml"]:not([aria-busy])', { timeout: 60_000 });
        await screen('fjoraaret-1280', '#fjoraaret-tittel');
      }
      await context.close();
      continue;
    }
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
    await page.emulateMedia({ media: 'screen' });
    await page.click('#tom');
    await check('feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
    await page.click('label[for="vis-person"]');
    await shot('8-per-person');
    await page.click('#fjor > summary');
    await page.setInputFiles('#fjorfil', [pair('par-2024.xml'), pair('par-2024-ident.xml')]);
    await page.setInputFiles('#identfil', pair('par-2025-ident.xml'));
    await page.setInputFiles('#fil', pair('par-2025.xml'));
    await page.waitForSelector('#resultat[data-checked="par-2025.xml"]:not([aria-busy])', { timeout: 60_000 });
    await shot('9-fjoraaret');
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

// End-to-end: the worklists a caseworker fixes persons from. Search by
// text, rule, pePeID or the first six digits of an identity number; a
// per-person view with each person's findings, most serious first; each
// row says which file its line points into; the service filter shows
// names; the language switch keeps the view, the search and what is open.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { fixture, launchedForFile, openPage, withCopiesOfPerson2001 } from './helpers.mjs';

const env = launchedForFile();

async function checked(page) {
  await page.setInputFiles('#identfil', fixture('feil-i-poster-2025-ident.xml'));
  await page.setInputFiles('#fil', fixture('feil-i-poster-2025.xml'));
  await page.waitForSelector('#resultat:not([aria-busy]) [data-verdict="feil_i_poster"]', { timeout: 60_000 });
}

/** Types into the search and waits for the list to follow. */
async function search(page, text) {
  await page.fill('#filter-sok', text);
  await page.waitForFunction((want) => document.querySelector('#funn')?.dataset.search === want, text);
}

const groups = (page, attr) => page.$$eval(`#funn > details`, (ds, a) => ds.map((d) => d.getAttribute(a)), attr);

describe('worklists', () => {
  test('a per-person view lists each person once, most serious findings first', async () => {
    const { context, page } = await openPage(env);
    await checked(page);
    await page.check('#vis-person');
    await page.waitForSelector('#funn > details[data-person]');
    assert.deepEqual(await groups(page, 'data-person'), ['1', '2', '3']);
    const severities = await page.$$eval('#funn > details[data-person="2"] tbody tr', (rows) => rows.map((r) => r.cells[0].textContent.trim()));
    assert.deepEqual(severities, ['Feil', 'Feil', 'Advarsel'], 'errors before the warning');
    // Which file each line points into.
    const files = await page.$$eval('#funn > details[data-person="2"] tbody tr', (rows) => rows.map((r) => r.cells[3].textContent.trim()));
    assert.deepEqual(files, ['fagmelding', 'fagmelding', 'identmelding']);
    await context.close();
  });

  test('search by pePeID, by the first six digits of the identity number, and by text', async () => {
    const { context, page } = await openPage(env);
    await checked(page);
    await page.check('#vis-person');
    await search(page, '2002');
    assert.deepEqual(await groups(page, 'data-person'), ['2']);
    await search(page, '308961');
    assert.deepEqual(await groups(page, 'data-person'), ['2'], 'the masked number keeps its first six digits');
    await page.check('#vis-rule');
    await search(page, 'syntetisk');
    assert.deepEqual(await groups(page, 'data-code'), ['PER-07']);
    await search(page, 'TJE-09');
    assert.deepEqual(await groups(page, 'data-code'), ['TJE-09']);
    assert.match(await page.textContent('.funn-antall'), /Viser 1 av 6 funn/);
    await context.close();
  });

  test('the service filter names the services', async () => {
    const { context, page } = await openPage(env);
    await checked(page);
    const options = await page.$$eval('#filter-tjeneste option', (os) => os.map((o) => o.textContent));
    assert.ok(options.some((o) => /^1 Praktisk bistand/.test(o)), options.join(' | '));
    await context.close();
  });

  test('the language switch keeps the view, the search and the open groups', async () => {
    const { context, page } = await openPage(env);
    await checked(page);
    await page.check('#vis-person');
    await search(page, '2002');
    const open = () => page.$eval('#funn > details[data-person="2"]', (d) => d.open);
    if (!(await open())) await page.click('#funn > details[data-person="2"] > summary');
    assert.equal(await open(), true);
    await page.click('.sprak');
    await page.waitForFunction(() => document.documentElement.lang === 'en' || document.querySelector('#funn-tittel')?.textContent === 'Findings');
    assert.equal(await page.isChecked('#vis-person'), true);
    assert.equal(await page.inputValue('#filter-sok'), '2002');
    assert.equal(await open(), true);
    assert.match(await page.textContent('.funn-antall'), /^Showing/);
    await context.close();
  });
});

describe('numbers that agree', () => {
  test('tiles, filter counts and the list count the same findings, those not listed too', async () => {
    // 1100 copies of a person with 200 hours a week (TJE-09): more than the
    // 1000 a rule the page lists.
    const dir = mkdtempSync(join(tmpdir(), 'iplos-tall-'));
    const path = join(dir, 'mange.xml');
    writeFileSync(path, withCopiesOfPerson2001(1100, 50000));
    const { context, page } = await openPage(env);
    await page.setInputFiles('#fil', path);
    await page.waitForSelector('#resultat:not([aria-busy]) [data-verdict]', { timeout: 60_000 });
    const digits = (s) => Number(s.replace(/\D/g, ''));
    let sum = 0;
    for (const s of ['fatal', 'error', 'warning', 'info']) {
      const tile = await page.$(`.tall-${s} dd`);
      const n = tile ? digits(await tile.textContent()) : 0;
      sum += n;
      const label = await page.$(`label[for="filter-${s}"]`);
      if (label) assert.equal(digits(await label.textContent()), n, `${s}: the filter counts what the tile counts`);
      else assert.equal(n, 0, `${s}: a tile with findings has a filter`);
    }
    const line = await page.textContent('.funn-antall');
    const [, shown, total] = /Viser ([\d\s\u00a0\u202f]+) av ([\d\s\u00a0\u202f]+) funn/.exec(line);
    assert.equal(digits(total), sum, `the list's total is the tiles' sum: ${line}`);
    assert.equal(digits(shown), sum - 101, 'the listed ones');
    assert.match(line, /101 funn til er telt, men ikke listet/);
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a file that could not be read to its end shows no count of persons with errors', async () => {
    const { context, page } = await openPage(env);
    await page.setInputFiles('#fil', fixture('trunkert-2025.xml'));
    await page.waitForSelector('#resultat:not([aria-busy]) [data-verdict="kan_ikke_kontrolleres"]', { timeout: 60_000 });
    const tiles = await page.$$eval('#antall .tall', (ts) => ts.map((t) => t.textContent));
    assert.ok(tiles.some((x) => /Personer med feil\s*ikke talt/.test(x)), tiles.join(' | '));
    await context.close();
  });
});

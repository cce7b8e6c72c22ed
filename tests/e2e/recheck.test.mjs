// End-to-end: the caseworker's loop of check, fix in the EPJ, export over
// the same file, check again; the verdict where she looks, with its next
// step. Choosing a file of the same name starts a new
// check; "Kontroller på nytt" reads the chosen file again; a file that
// changed or vanished on disk gets a plain message in the page's language,
// not the browser's English.

import assert from 'node:assert/strict';
import { copyFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { downloadText, fixture, launchedForFile, openPage, tempDirForFile, withCopiesOfPerson2001 } from './helpers.mjs';

const env = launchedForFile();
const dir = tempDirForFile('iplos-igjen-');

const verdictOf = (page) => page.getAttribute('#resultat:not([aria-busy]) [data-verdict]', 'data-verdict');

async function waitForVerdict(page, verdict) {
  await page.waitForSelector(`#resultat:not([aria-busy]) [data-verdict="${verdict}"]`, { timeout: 60_000 });
  return verdictOf(page);
}

describe('check, fix, check again', () => {
  test('a new extract under the same name, chosen again, is checked again', async () => {
    const path = join(dir, 'uttrekk.xml');
    copyFileSync(fixture('feil-i-poster-2025.xml'), path);
    const { context, page } = await openPage(env);
    await page.setInputFiles('#identfil', fixture('feil-i-poster-2025-ident.xml'));
    await page.setInputFiles('#fil', path);
    assert.equal(await waitForVerdict(page, 'feil_i_poster'), 'feil_i_poster');
    // Fixed in the EPJ and exported over the old file.
    copyFileSync(fixture('trunkert-2025.xml'), path);
    await page.setInputFiles('#fil', path);
    assert.equal(await waitForVerdict(page, 'kan_ikke_kontrolleres'), 'kan_ikke_kontrolleres');
    await context.close();
  });

  test('"Kontroller på nytt" reads the chosen file again; a changed or vanished file is named plainly', async () => {
    const path = join(dir, 'uttrekk2.xml');
    copyFileSync(fixture('klar-2025.xml'), path);
    const { context, page } = await openPage(env);
    assert.equal(await page.isHidden('#kontroller-igjen'), true, 'nothing to check again yet');
    await page.setInputFiles('#identfil', fixture('klar-2025-ident.xml'));
    await page.setInputFiles('#fil', path);
    assert.equal(await waitForVerdict(page, 'klar'), 'klar');
    // The file changes on disk after it was chosen: the browser refuses to
    // read it; the page says what to do, in Norwegian.
    copyFileSync(fixture('trunkert-2025.xml'), path);
    await page.click('#kontroller-igjen');
    await page.waitForSelector('#status[data-kind="feil"]', { timeout: 30_000 });
    const status = await page.textContent('#status[data-kind="feil"]');
    assert.match(status, /endret eller flyttet siden du valgte den – velg den på nytt/);
    assert.doesNotMatch(status, /requested file could not be read/i);
    // Chosen again, it is checked as it is now.
    await page.setInputFiles('#fil', path);
    assert.equal(await waitForVerdict(page, 'kan_ikke_kontrolleres'), 'kan_ikke_kontrolleres');
    // Gone from disk: the same plain message.
    unlinkSync(path);
    await page.click('#kontroller-igjen');
    await page.waitForSelector('#status[data-kind="feil"]', { timeout: 30_000 });
    assert.match(await page.textContent('#status[data-kind="feil"]'), /velg den på nytt/);
    await context.close();
  });

  test('the verdict takes the focus and says the next step; a check without identmelding says what was skipped', async () => {
    const { context, page } = await openPage(env, { viewport: { width: 1366, height: 768 } });
    await page.setInputFiles('#fil', fixture('klar-2025.xml'));
    await waitForVerdict(page, 'klar');
    const focus = await page.evaluate(() => ({ id: document.activeElement?.id, tag: document.activeElement?.tagName }));
    assert.deepEqual(focus, { id: 'dom-tekst', tag: 'H3' });
    // In view at a laptop's size.
    const box = await page.locator('#dom-tekst').boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 768, `the verdict is out of view: ${JSON.stringify(box)}`);
    assert.match(await page.textContent('#neste-steg'), /send filen/);
    assert.match(await page.textContent('#uten-ident'), /hoppet over/);
    await page.setInputFiles('#identfil', fixture('feil-i-poster-2025-ident.xml'));
    await page.setInputFiles('#fil', fixture('feil-i-poster-2025.xml'));
    await waitForVerdict(page, 'feil_i_poster');
    assert.match(await page.textContent('#neste-steg'), /rett feilene i fagsystemet og lag et nytt uttrekk/i);
    assert.equal(await page.locator('#uten-ident').count(), 0);
    await context.close();
  });

  test('every export holds every finding, also past the 1000 a rule the page lists', async () => {
    // 1100 copies of a person with 200 hours a week (TJE-09).
    const path = join(dir, 'mange.xml');
    writeFileSync(path, withCopiesOfPerson2001(1100, 50000));
    const { context, page } = await openPage(env);
    await page.setInputFiles('#fil', path);
    await waitForVerdict(page, 'feil_i_poster');
    const csv = await downloadText(page, '#last-csv');
    const csvRows = csv.text.split('\n').filter((l) => l.startsWith('TJE-09;')).length;
    assert.equal(csvRows, 1101, 'the CSV holds every TJE-09 finding');
    const json = JSON.parse((await downloadText(page, '#last-json')).text);
    assert.equal(json.findings.filter((f) => f.code === 'TJE-09').length, 1101, 'the JSON holds every TJE-09 finding');
    await context.close();
  });

  test('a summary for the EPJ vendor with no personal data, and one page for the manager', async () => {
    const { context, page } = await openPage(env);
    await page.setInputFiles('#identfil', fixture('feil-i-poster-2025-ident.xml'));
    await page.setInputFiles('#fil', fixture('feil-i-poster-2025.xml'));
    await waitForVerdict(page, 'feil_i_poster');
    const vendor = await downloadText(page, '#last-leverandor');
    for (const code of ['TJE-09', 'TJE-05', 'TJE-03']) assert.match(vendor.text, new RegExp(`^${code} · `, 'm'));
    assert.match(vendor.text, /Felt: .*tjTimerUke/);
    assert.doesNotMatch(vendor.text, /\d{11}/, 'an identity number');
    assert.doesNotMatch(vendor.text, /\d{6}\*{5}/, 'a masked identity number');
    for (const id of ['2001', '2002', '2003']) assert.ok(!vendor.text.includes(id), `the person id ${id}`);
    assert.doesNotMatch(vendor.text, /linje \d|person nr\./i, 'a line or person of the file');
    const manager = await downloadText(page, '#last-leder');
    assert.match(manager.text, /Vurdering: /);
    assert.match(manager.text, /Frist: /);
    assert.match(manager.text, /Neste steg: .*rett feilene/i);
    assert.match(manager.text, /TJE-09/);
    assert.doesNotMatch(manager.text, /\d{11}|\d{6}\*{5}/);
    await context.close();
  });
});


// End-to-end: the caseworker's loop of check, fix in the EPJ, export over
// the same file, check again. Choosing a file of the same name starts a new
// check; "Kontroller på nytt" reads the chosen file again; a file that
// changed or vanished on disk gets a plain message in the page's language,
// not the browser's English.

import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { fixture, launch, openPage } from './helpers.mjs';

let env;
let dir;
before(async () => {
  env = await launch();
  dir = mkdtempSync(join(tmpdir(), 'iplos-igjen-'));
});
after(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

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
});

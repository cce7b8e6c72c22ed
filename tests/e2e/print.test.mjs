// End-to-end: the print report (the browser's "lagre som PDF"). Printing
// opens every group and renders every listed row (not only the first page
// of 100), starts with municipality, year, verdict, counts, date and the
// file's hash, and the page prints to a PDF. After printing, the groups
// are as the user left them.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { launch, openPage, withCopiesOfPerson2001 } from './helpers.mjs';

let env;
let dir;
before(async () => {
  env = await launch();
  dir = mkdtempSync(join(tmpdir(), 'iplos-utskrift-'));
});
after(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('printing shows every listed row of every rule, after a head with the key facts', async () => {
  // 250 copies of a person with 200 hours a week (TJE-09): more rows than
  // one page of the list.
  const path = join(dir, 'mange.xml');
  writeFileSync(path, withCopiesOfPerson2001(250, 60000));

  const { context, page } = await openPage(env);
  await page.setInputFiles('#fil', path);
  await page.waitForSelector('#resultat:not([aria-busy]) [data-verdict]', { timeout: 60_000 });
  // The user closes a group; the screen shows one page of TJE-09's rows.
  const groups = await page.$$eval('#funn > details', (ds) => ds.length);
  assert.ok(groups >= 2);
  await page.$eval('#funn > details[data-code="TJE-09"]', (d) => (d.open = true));
  const closed = await page.$eval('#funn > details:not([data-code="TJE-09"])', (d) => {
    d.open = false;
    return d.dataset.code;
  });
  assert.equal(await page.$$eval('#funn > details[data-code="TJE-09"] tbody tr', (r) => r.length), 100);
  assert.equal(await page.isVisible('#utskrift-topp'), false, 'the head is for paper only');

  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.$$eval('#funn > details:not([open])', (ds) => ds.length), 0, 'every group open');
  assert.equal(await page.$$eval('#funn > details[data-code="TJE-09"] tbody tr', (r) => r.length), 251, 'every TJE-09 row');
  assert.equal(await page.isVisible('#utskrift-topp'), true);
  const head = await page.textContent('#utskrift-topp');
  for (const want of [/Kommune\s*4601/, /Rapporteringsår\s*2025/, /Vurdering/, /Funn\s*\d+ kritiske, \d+ feil/, /Kontrollert\s*\d{4}-\d\d-\d\d/, /SHA-256\s*[0-9a-f]{64}/]) {
    assert.match(head, want);
  }
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  const isOpen = () => page.$eval(`#funn > details[data-code="${closed}"]`, (d) => d.open);
  assert.equal(await isOpen(), false, 'the group the user closed is closed again');
  // Printing for real (Chromium fires beforeprint and afterprint itself).
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
  assert.equal(await isOpen(), false, 'and after a real print too');
  await context.close();
});

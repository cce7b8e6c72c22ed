// End-to-end: the print report (the browser's "lagre som PDF"). Printing
// opens every group and renders every listed row (not only the first page
// of 100), starts with municipality, year, verdict, counts, date and the
// file's hash, and the page prints to a PDF. After printing, the groups
// are as the user left them.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { cli, launchedForFile, openPage, tempDirForFile, withCopiesOfPerson2001 } from './helpers.mjs';

const env = launchedForFile();
const dir = tempDirForFile('iplos-utskrift-');

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

test('the printed PDF holds every rule and every listed row, read back as text', async () => {
  // A generated file with planted errors of many kinds: more than 12 rules,
  // one of them (PER-07, synthetic identity numbers) with a row per person.
  const main = join(dir, 'mange-regler.xml');
  const gen = cli(['generate', '--persons', '250', '--year', '2025', '--seed', '11', '--error-rate', '0.6', '-o', main]);
  assert.equal(gen.status, 0, gen.stderr);
  const ident = main.replace(/\.xml$/, '-ident.xml');
  const report = JSON.parse(cli(['check', main, '--ident', ident, '--format', 'json']).stdout);
  const byRule = new Map();
  for (const f of report.findings) byRule.set(f.code, [...(byRule.get(f.code) ?? []), f]);
  assert.ok(byRule.size > 12, `rules: ${byRule.size}`);
  assert.ok(Math.max(...[...byRule.values()].map((r) => r.length)) > 100, 'a rule with more than 100 rows');

  const { context, page } = await openPage(env);
  await page.setInputFiles('#identfil', ident);
  await page.setInputFiles('#fil', main);
  await page.waitForSelector('#resultat:not([aria-busy]) [data-verdict]', { timeout: 60_000 });
  const pdfPath = join(dir, 'rapport.pdf');
  writeFileSync(pdfPath, await page.pdf({ format: 'A4' }));
  await context.close();
  const read = spawnSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(read.status, 0, `pdftotext (Debian poppler-utils, installed by scripts/setup.mjs): ${read.stderr ?? read.error}`);
  const text = read.stdout;
  // Every page has its head and its number of all (CSS @page margin boxes).
  const pages = text.split('\f').filter((p) => p.trim());
  assert.ok(pages.length > 3, `pages: ${pages.length}`);
  pages.forEach((p, i) => {
    assert.match(p, /IPLOS-sjekk/, `page ${i + 1} has no head`);
    assert.match(p, new RegExp(`\\b${i + 1} / ${pages.length}\\b`), `page ${i + 1} has no number`);
  });
  // The head, on the first page.
  assert.match(text.slice(0, 3000), /Rapporteringsår\s+2025/);
  assert.match(text, new RegExp(`SHA-256\\s+${report.provenance.sha256}`));
  // Every rule's code, and every row's position in the file, in the PDF's text.
  for (const [code, rows] of byRule) {
    assert.ok(text.includes(code), `${code} is not in the PDF`);
    const missing = rows.filter((f) => f.line != null && !text.includes(f.column == null ? `${f.line}` : `${f.line}:${f.column}`));
    assert.deepEqual(missing.map((f) => `${f.line}:${f.column}`), [], `${code}: rows not in the PDF`);
  }
  // The long rule's rows each once: its masked identity numbers all there.
  const [longest] = [...byRule.entries()].sort((a, b) => b[1].length - a[1].length);
  const fids = longest[1].map((f) => f.fid).filter(Boolean);
  assert.ok(fids.length > 100);
  for (const fid of fids) assert.ok(text.includes(fid), `${longest[0]}: ${fid} not in the PDF`);
});

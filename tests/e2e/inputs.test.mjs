// End-to-end: files known by their content, not their names or the zone
// they were put in. A pair chosen together in any order is read the right
// way round; a pair put in each other's zones is swapped back and the
// report says so; a file that is no IPLOS file gets one plain finding that
// says what it is; a third file is named as not read. Files are copied to
// names that say nothing of what they hold.

import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { downloadText, fixture, launchedForFile, openPage, tempDirForFile } from './helpers.mjs';

const env = launchedForFile();
const dir = tempDirForFile('iplos-inn-');

/** A copy of a fixture under a name that says nothing. */
function anonymous(name, as) {
  const path = join(dir, as);
  copyFileSync(fixture(name), path);
  return path;
}

async function verdict(page) {
  await page.waitForSelector('#resultat:not([aria-busy]) [data-verdict]', { timeout: 60_000 });
  return page.getAttribute('#resultat [data-verdict]', 'data-verdict');
}

async function report(page) {
  const { text } = await downloadText(page, '#last-json');
  return JSON.parse(text);
}

const roles = (r) => Object.fromEntries(r.provenance.files.map((f) => [f.role, f.fileName]));
const codes = (r) => new Set(r.findings.map((f) => f.code));

describe('files known by content', () => {
  test('two files chosen together, identmelding first, are read as the pair', async () => {
    const a = anonymous('klar-2025-ident.xml', 'a.xml');
    const b = anonymous('klar-2025.xml', 'b.xml');
    const { context, page } = await openPage(env);
    await page.setInputFiles('#fil', [a, b]);
    assert.equal(await verdict(page), 'klar');
    const r = await report(page);
    assert.deepEqual(roles(r), { fagmelding: 'b.xml', identmelding: 'a.xml' });
    assert.ok(!codes(r).has('FIL-16'), 'the identity checks ran (no "identmelding missing" note)');
    assert.match(await page.textContent('#fil-valgt'), /a\.xml.*b\.xml.*innholdet/);
    await context.close();
  });

  test('a pair put in each other\'s zones is swapped back, and the report says so', async () => {
    const fag = anonymous('feil-i-poster-2025.xml', 'x.xml');
    const ident = anonymous('feil-i-poster-2025-ident.xml', 'y.xml');
    const { context, page } = await openPage(env);
    await page.setInputFiles('#identfil', fag);
    await page.setInputFiles('#fil', ident);
    assert.equal(await verdict(page), 'feil_i_poster');
    const r = await report(page);
    assert.deepEqual(roles(r), { fagmelding: 'x.xml', identmelding: 'y.xml' });
    const note = r.findings.find((f) => f.code === 'FIL-21');
    assert.ok(note, 'FIL-21 says the roles were put right');
    assert.match(note.message, /bytte roller/);
    assert.match(await page.textContent('#resultat'), /bytte roller/);
    await context.close();
  });

  test('a PDF is named as a PDF, with what to do instead', async () => {
    const pdf = join(dir, 'iplos.xml');
    writeFileSync(pdf, '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n');
    const { context, page } = await openPage(env);
    await page.setInputFiles('#fil', pdf);
    assert.equal(await verdict(page), 'kan_ikke_kontrolleres');
    const r = await report(page);
    const fil18 = r.findings.filter((f) => f.code === 'FIL-18');
    assert.equal(fil18.length, 1, 'one finding for the file');
    assert.match(fil18[0].message, /PDF/);
    assert.ok(!codes(r).has('FIL-01'), 'not a "cannot be read" error about NUL bytes');
    await context.close();
  });

  test('a third file is named as not read; the pair is still checked', async () => {
    const pdf = join(dir, 'vedlegg.bin');
    writeFileSync(pdf, '%PDF-1.4\n');
    const files = [anonymous('klar-2025.xml', 'c.xml'), pdf, anonymous('klar-2025-ident.xml', 'd.xml')];
    const { context, page } = await openPage(env);
    await page.setInputFiles('#fil', files);
    assert.equal(await verdict(page), 'klar');
    const r = await report(page);
    assert.deepEqual(roles(r), { fagmelding: 'c.xml', identmelding: 'd.xml' });
    const notes = r.findings.filter((f) => f.code === 'FIL-21').map((f) => f.message).join(' ');
    assert.match(notes, /vedlegg\.bin/);
    assert.match(notes, /ikke lest/);
    await context.close();
  });
});

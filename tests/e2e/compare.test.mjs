// End-to-end: comparing with last year's file (issue 12) in the page, in
// check() and through the iframe. A generated pair of consecutive years
// with a planted incomplete extract: the panel shows FJO-01 and FJO-04 on
// top, lists exactly the persons left out (masked), and its table has the
// CLI's figures; a file of another year keeps this year's result and says
// why there is no comparison; the manager's summary has the comparison and
// the host's summary only its counts.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ELEVEN_DIGITS, assertPrivate, axe, checkInFrame, cli, downloadText, launch, openFrameHost, openPage } from './helpers.mjs';



let env;
let dir;
/** The generated pair: [last year, its ident, this year, its ident], and the pePeIDs left out. */
let files;
let dropped;
/** The CLI's JSON report of the same pair. */
let cliReport;
before(async () => {
  // The iframe test's host is on localhost, the frame on 127.0.0.1.
  env = await launch({ frameOrigins: (port) => [`http://localhost:${port}`] });
  dir = mkdtempSync(join(tmpdir(), 'iplos-fjor-'));
  const out = join(dir, 'par.xml');
  const gen = cli(['generate', '--persons', '400', '--years', '2024,2025', '--seed', '7', '--plant-incomplete', '0.2', '-o', out]);
  assert.equal(gen.status, 0, gen.stderr);
  files = ['par-2024.xml', 'par-2024-ident.xml', 'par-2025.xml', 'par-2025-ident.xml'].map((n) => join(dir, n));
  dropped = JSON.parse(readFileSync(`${out.replace(/\.xml$/, '-2025.xml')}.dropped.json`, 'utf8')).map((d) => String(d.pePeIDLastYear));
  assert.ok(dropped.length > 20, `persons left out: ${dropped.length}`);
  const check = cli(['check', files[2], '--ident', files[3], '--previous', files[0], '--previous-ident', files[1], '--format', 'json']);
  cliReport = JSON.parse(check.stdout);
  assert.ok(cliReport.comparison, check.stderr);
});
after(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Chooses last year's files (any order) in the collapsed zone, then this year's pair. */
async function compare(page, previous) {
  await page.click('#fjor > summary');
  await page.setInputFiles('#fjorfil', previous);
  // Last year's file alone starts nothing, and says what comes next.
  assert.match(await page.textContent('#status'), /Fjorårets fil er valgt\. Velg årets fil/);
  await page.setInputFiles('#identfil', files[3]);
  await page.setInputFiles('#fil', files[2]);
  await page.waitForSelector('#resultat[data-checked="par-2025.xml"]:not([aria-busy])', { timeout: 60_000 });
  return page.getAttribute('[data-verdict]', 'data-verdict');
}

describe('compare with last year in the page', () => {
  test('an incomplete extract: FJO findings on top, the persons left out listed masked, the CLI\'s figures', async () => {
    const { context, page, seen } = await openPage(env, { viewport: { width: 1366, height: 768 } });
    assert.equal(await page.getAttribute('#fjor', 'open'), null, 'the zone starts collapsed');
    // Last year's identmelding first: the roles come from the content.
    await compare(page, [files[1], files[0]]);
    assert.equal(await page.isVisible('#fjoraaret'), true);
    assert.match(await page.textContent('#fjoraaret-tittel'), /Sammenlignet med fjoråret \(2024\)/);
    assert.match(await page.textContent('#fjor-linje'), new RegExp(`Sammenlignet med 2024: 2 store endringer .*blant dem ${dropped.length} personer`));
    // The FJO findings on top, with the counts of the JSON contract.
    const codes = await page.$$eval('#fjo-funn [data-code]', (n) => n.map((x) => x.dataset.code));
    assert.deepEqual(codes, cliReport.comparison.findings.map((f) => f.code));
    assert.ok(codes.includes('FJO-01') && codes.includes('FJO-04'), `codes: ${codes}`);
    // Exactly the persons left out, each with a masked identity number.
    const rows = await page.$$eval('#fjoraaret table', (tables) => {
      const last = tables.at(-1);
      return [...last.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent));
    });
    assert.deepEqual(rows.map((r) => r[0]).sort(), [...dropped].sort());
    assert.ok(rows.every((r) => /^\d{6}\*{5}$/.test(r[1])), 'masked identity numbers');
    // The table behind the chart has the CLI's figures, code by code.
    const byCode = await page.$$eval('#fjoraaret table', (tables) =>
      [...tables[0].querySelectorAll('tbody tr')].map((tr) => [tr.cells[0].textContent, tr.cells[2].textContent, tr.cells[3].textContent]),
    );
    const digits = (s) => Number(s.replace(/\D/g, ''));
    assert.deepEqual(
      byCode.map(([code, last, now]) => [Number(code), digits(last), digits(now)]),
      cliReport.comparison.byService.map((s) => [s.code, s.personsLastYear, s.personsThisYear]),
    );
    // The chart: both years per code, named in its text for a screen reader.
    const label = await page.getAttribute('#diagram-fjor [role="img"]', 'aria-label');
    assert.match(label, /2024 \d+, 2025 \d+/);
    // The verdict is this year's own, and the nav links to the panel.
    assert.equal(await page.getAttribute('[data-verdict]', 'data-verdict'), cliReport.verdict);
    await page.click('.snarveier a[href="#fjoraaret"]');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'fjoraaret-tittel');
    await axe(page, 'the comparison panel');
    // In English too.
    await page.click('.sprak');
    assert.match(await page.textContent('#fjoraaret-tittel'), /Compared with last year \(2024\)/);
    await page.click('.sprak');
    // The manager's one page has the comparison; no identity number in it.
    const manager = await downloadText(page, '#last-leder');
    assert.match(manager.text, /Sammenlignet med fjoråret \(2024\)/);
    assert.match(manager.text, /FJO-04/);
    assert.doesNotMatch(manager.text, ELEVEN_DIGITS);
    // On paper too: the print report has the panel and its table.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('#fjoraaret table'), true, 'the panel prints');
    await page.emulateMedia({ media: 'screen' });
    // Removing last year's file checks this year's alone.
    await page.click('#fjor-fjern');
    await page.waitForSelector('#resultat:not([aria-busy]) [data-verdict]');
    await page.waitForFunction(() => !document.querySelector('#fjoraaret'));
    assert.equal(await page.$('#fjor-linje'), null);
    await assertPrivate(page, seen);
    await context.close();
  });

  test('last year\'s file of another year: this year\'s result kept, the reason said', async () => {
    const other = join(dir, 'annen.xml');
    assert.equal(cli(['generate', '--persons', '30', '--year', '2021', '--seed', '3', '-o', other]).status, 0);
    const { context, page, seen } = await openPage(env);
    const verdict = await compare(page, [other]);
    assert.ok(verdict);
    assert.match(await page.textContent('#fjor-problem'), /2021/);
    assert.match(await page.textContent('#fjor-linje'), /kunne ikke sammenlignes/);
    assert.ok((await page.$$('#funn-seksjon')).length === 1, 'the findings of this year are shown');
    await assertPrivate(page, seen);
    await context.close();
  });
});

describe('compare with last year in check() and the iframe', () => {
  test('check() takes previous and previousIdent; summarize() gives the counts only', async () => {
    const { context, page, seen } = await openPage(env, { path: 'examples/api.html', waitForEngine: false });
    const [prev, prevIdent, main, ident] = files.map((f) => [...readFileSync(f)]);
    const got = await page.evaluate(
      async ([p, pi, m, i]) => {
        const { check, summarize } = await import('/iplos-sjekk.js');
        const u = (a) => new Uint8Array(a);
        const report = await check(u(m), { ident: u(i), previous: u(pi), previousIdent: u(p), name: 'i-aar.xml' });
        return { comparison: report.comparison, summary: summarize(report) };
      },
      [prev, prevIdent, main, ident],
    );
    assert.deepEqual(got.comparison.findings, cliReport.comparison.findings);
    assert.deepEqual(got.comparison.persons, cliReport.comparison.persons);
    assert.deepEqual(Object.keys(got.summary.comparison).sort(), ['findings', 'persons', 'previousYear', 'year']);
    assert.equal(got.summary.comparison.persons.inBoth, cliReport.comparison.persons.inBoth);
    assert.doesNotMatch(JSON.stringify(got.summary), ELEVEN_DIGITS);
    assert.doesNotMatch(JSON.stringify(got.summary), /"pePeID"|"fid"/);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('the iframe takes previous and previousIdent; its summary has the comparison\'s counts', async () => {
    const { context, page, frame, target } = await openFrameHost(env);
    const [prev, prevIdent, main, ident] = files.map((f) => ({ name: f.split('/').pop(), bytes: [...readFileSync(f)] }));
    const heard = await checkInFrame(page, target, { type: 'iplos-sjekk:check', id: 5, file: main, ident, previous: prev, previousIdent: prevIdent, year: 2025 });
    const summary = heard.find((m) => m?.id === 5 && /:(result|error)$/.test(m.type));
    assert.equal(summary.type, 'iplos-sjekk:result', JSON.stringify(summary));
    assert.deepEqual(summary.summary.comparison.findings, cliReport.comparison.findings);
    assert.equal(summary.summary.comparison.previousYear, 2024);
    assert.doesNotMatch(JSON.stringify(summary), ELEVEN_DIGITS);
    // The frame (compact: verdict and duties only) says it in its verdict banner.
    await frame.waitForSelector('#fjor-linje');
    assert.match(await frame.textContent('#fjor-linje'), /Sammenlignet med 2024/);
    await context.close();
  });
});

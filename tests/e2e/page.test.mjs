// End-to-end: the built page (dist/) in headless Chromium checks real
// fixture files through its worker: the verdict (data-verdict), the findings
// with their filters and keyboard navigation, re-runs on a new identmelding
// or year, the language switch, "Tøm", and the exports. Every test also
// asserts that nothing was requested after load and that no full identity
// number reached the page. Run `npm run build` first (`npm test` does).

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { assertPrivate, checkFiles, downloadText, ELEVEN_DIGITS, fixture, launchedForFile, openPage } from './helpers.mjs';

const env = launchedForFile();

describe('verdicts', () => {
  for (const [main, ident, want] of [
    ['klar-2025.xml', 'klar-2025-ident.xml', 'klar'],
    ['feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml', 'feil_i_poster'],
    ['avvises-2025.xml', null, 'avvises'],
    ['trunkert-2025.xml', null, 'kan_ikke_kontrolleres'],
  ]) {
    test(`${main} is ${want}`, async () => {
      const { context, page, seen } = await openPage(env);
      assert.equal(await checkFiles(page, main, ident), want);
      assert.equal(await page.locator('[data-verdict]').count(), 1, 'exactly one element carries data-verdict');
      assert.notEqual((await page.textContent('[data-verdict]')).trim(), '');
      if (want === 'kan_ikke_kontrolleres') {
        assert.equal(await page.locator('#funn details.gruppe[data-code="FIL-01"]').count(), 1);
      }
      await assertPrivate(page, seen);
      await context.close();
    });
  }

  test('a Windows-1252 CSV is read, and its encoding shown', async () => {
    const { context, page, seen } = await openPage(env);
    const verdict = await checkFiles(page, 'csv-cp1252.csv');
    assert.notEqual(verdict, 'kan_ikke_kontrolleres', await page.textContent('#resultat'));
    const persons = await page.textContent('#antall .tall:first-child dd');
    assert.ok(Number(persons.replace(/\D/g, '')) > 0, `persons read: ${persons}`);
    assert.match(await page.textContent('#kilde'), /windows-1252/i);
    await assertPrivate(page, seen);
    await context.close();
  });
});

describe('working through the findings', () => {
  test('groups by rule with title, why and fix; filters; arrow keys', async () => {
    const { context, page, seen } = await openPage(env);
    assert.equal(await checkFiles(page, 'feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml'), 'feil_i_poster');
    const groups = page.locator('#funn details.gruppe');
    const total = await groups.count();
    assert.ok(total >= 2, `groups shown: ${total}`);
    const first = groups.first();
    assert.match(await first.textContent(), /Hvorfor:.*Slik retter du:/s);
    assert.match(await first.locator('td.fid').first().textContent(), /^\d{6}\*{5}$/);

    // Severity as word and icon, not colour alone.
    assert.ok((await first.locator('summary .alvor svg').count()) === 1);
    assert.match(await first.locator('summary .alvor').textContent(), /Feil|Kritisk|Advarsel|Info/);

    // Only warnings: uncheck "error".
    await page.uncheck('#filter-error');
    const warnings = await page.locator('#funn details.gruppe').evaluateAll((ds) => ds.map((d) => d.dataset.severity));
    assert.ok(warnings.length > 0 && warnings.every((s) => s === 'warning'), `after the filter: ${warnings}`);
    await page.check('#filter-error');
    assert.equal(await groups.count(), total);

    // One rule.
    const code = await first.getAttribute('data-code');
    await page.selectOption('#filter-regel', code);
    assert.deepEqual(await page.locator('#funn details.gruppe').evaluateAll((ds) => ds.map((d) => d.dataset.code)), [code]);
    await page.selectOption('#filter-regel', '');

    // One service code: every row left names it.
    const service = await page.locator('#filter-tjeneste option').nth(1).getAttribute('value');
    await page.selectOption('#filter-tjeneste', service);
    const rowServices = await page.locator('#funn details.gruppe[open] tbody tr td:nth-child(6)').allTextContents();
    assert.ok(rowServices.length > 0 && rowServices.every((s) => s === service), `rows: ${rowServices}`);
    await page.selectOption('#filter-tjeneste', '');

    // Arrow keys move between rules.
    await page.focus('#funn details.gruppe:nth-child(1) > summary');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.closest('details')?.dataset.code), await groups.nth(1).getAttribute('data-code'));
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement.closest('details')?.dataset.code), code);

    await assertPrivate(page, seen);
    await context.close();
  });

  test('adding the identmelding or changing the year runs the check again', async () => {
    const { context, page, seen } = await openPage(env);
    await checkFiles(page, 'feil-i-poster-2025.xml');
    assert.equal(await page.locator('#funn details[data-code="FIL-16"]').count(), 1, 'FIL-16 without identmelding');
    await checkFiles(page, 'feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
    assert.equal(await page.locator('#funn details[data-code="FIL-16"]').count(), 0, 'FIL-16 after the identmelding');
    // A different year: the file's own period wins, and the page says so (FIL-05).
    await page.selectOption('#aar', '2023');
    await page.waitForSelector('#funn details[data-code="FIL-05"]', { timeout: 30_000 });
    assert.match(await page.textContent('#resultat'), /Filen gjelder 2025/);
    await assertPrivate(page, seen);
    await context.close();
  });

  test('English switch, the example, and Tøm', async () => {
    const { context, page, seen } = await openPage(env);
    await page.click('#eksempel');
    await page.waitForSelector('#resultat[data-checked="klar-2025.xml"]:not([aria-busy])', { timeout: 60_000 });
    assert.equal(await page.getAttribute('[data-verdict]', 'data-verdict'), 'klar');
    await page.click('header .sprak');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.textContent('h1 + p'), /See whether the municipality's file can be sent/);
    // The page's heading says what it does; the name is in the header once.
    assert.equal(await page.textContent('h1'), 'Check the IPLOS/KPR file');
    assert.equal(await page.textContent('header .merke'), 'IPLOS-sjekk');
    assert.match(await page.textContent('#resultat'), /Reporting duty/);
    assert.equal(await page.getAttribute('[data-verdict]', 'data-verdict'), 'klar');
    await page.click('header .sprak');
    assert.equal(await page.getAttribute('html', 'lang'), 'nb');

    await page.click('#tom');
    assert.equal(await page.isHidden('#resultat'), true, 'Tøm leaves results on the page');
    assert.equal(await page.locator('[data-verdict]').count(), 0);
    assert.equal(await page.inputValue('#fil'), '');
    await assertPrivate(page, seen);
    await context.close();
  });
});

describe('dropping files', () => {
  test('a fagmelding and its identmelding dropped together are checked together', async () => {
    const { context, page, seen } = await openPage(env);
    // The example module is already loaded, so importing it again fetches nothing.
    await page.evaluate(async () => {
      const example = await import('/example.js');
      const data = new DataTransfer();
      data.items.add(new File([example.ident.bytes], 'klar-2025-ident.xml', { type: 'text/xml' }));
      data.items.add(new File([example.main.bytes], 'klar-2025.xml', { type: 'text/xml' }));
      document.querySelector('label[for="fil"]').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('#resultat[data-checked="klar-2025.xml"]:not([aria-busy])', { timeout: 60_000 });
    assert.equal(await page.getAttribute('[data-verdict]', 'data-verdict'), 'klar');
    // Both are listed as chosen; which is which the engine decided by content.
    assert.match(await page.textContent('#fil-valgt'), /klar-2025-ident\.xml.*klar-2025\.xml/);
    await assertPrivate(page, seen);
    await context.close();
  });
});

describe('exports', () => {
  test('CSV (masked), JSON, and the print view', async () => {
    const { context, page, seen } = await openPage(env);
    await checkFiles(page, 'feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
    const findings = await page.evaluate(() => document.querySelector('.funn-antall').textContent);

    const csv = await downloadText(page, '#last-csv');
    assert.equal(csv.name, 'feil-i-poster-2025-funn.csv');
    assert.ok(csv.text.startsWith('\uFEFFKode;Alvorlighet;Regel;Linje;'), 'a byte-order mark, then the header');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines.length - 1, Number(findings.match(/av (\d+) funn/)[1]), findings);
    assert.doesNotMatch(csv.text, ELEVEN_DIGITS, 'a full identity number in the masked CSV');
    assert.match(csv.text, /\d{6}\*{5}/);

    const json = await downloadText(page, '#last-json');
    const report = JSON.parse(json.text);
    assert.equal(report.verdict, 'feil_i_poster');
    // Hashed in the second worker while the first checked: it must be the file's own SHA-256.
    const expected = createHash('sha256').update(readFileSync(fixture('feil-i-poster-2025.xml'))).digest('hex');
    assert.equal(report.provenance.sha256, expected);
    assert.equal(report.provenance.files[0].sha256, expected);

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isHidden('.velg-og-personvern'), true, 'the form is printed');
    assert.equal(await page.isVisible('[data-verdict]'), true);
    await page.emulateMedia({ media: 'screen' });

    await assertPrivate(page, seen);
    await context.close();
  });

  test('full identity numbers only after a warned choice, never on the page', async () => {
    const { context, page, seen } = await openPage(env);
    await checkFiles(page, 'feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
    await page.click('#last-csv-full');
    assert.equal(await page.isVisible('#fullt-dialog'), true);
    assert.match(await page.textContent('#fullt-dialog'), /fulle fødselsnumre/i);
    await page.click('#fullt-nei');
    assert.equal(await page.isVisible('#fullt-dialog'), false);

    await page.click('#last-csv-full');
    const csv = await downloadText(page, '#fullt-ja');
    assert.match(csv.text, /Fødselsnummer \(fullt\)/);
    // Written as ="..." so that Excel keeps it as text with its leading zero.
    assert.match(csv.text, /;"=""\d{11}""";/, 'the full CSV holds full identity numbers');
    await page.waitForFunction(() => /ikke beholdt/.test(document.querySelector('#status').textContent));
    await assertPrivate(page, seen);
    await context.close();
  });

  test('in English, no Norwegian is left in the status, the verdict, the findings or the panels', async () => {
    const { context, page } = await openPage(env);
    await page.click('header .sprak');
    await checkFiles(page, 'feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
    await page.$$eval('details', (ds) => ds.forEach((d) => (d.open = true)));
    // The fixture's own name ("feil-i-poster") is not the page's wording.
    const text = (await page.evaluate(() => document.body.innerText)).replace(/feil-i-poster-2025(-ident)?\.xml/g, 'FILE');
    const norwegian = text.split('\n').filter((l) => /[æøåÆØÅ]|\b(og|ikke|eller|til|med|fra|personer|tjenesten?|funn|feil)\b/.test(l));
    assert.deepEqual(norwegian, [], 'lines in Norwegian on the English page');
    await context.close();
  });
});

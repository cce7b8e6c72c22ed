// End-to-end accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) over the
// empty page, a result with findings (rules open), the English view and the
// warning dialog; zero violations, printed readably when there are any.
// axe is evaluated through the DevTools protocol, so the page keeps its CSP.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { axe, checkFiles, launchedForFile, openPage } from './helpers.mjs';

const env = launchedForFile();

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  test('empty page, results, English, dialog, narrow', async () => {
    const { context, page } = await openPage(env);
    await axe(page, 'the empty page');
    await checkFiles(page, 'feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
    await page.$$eval('details', (ds) => ds.forEach((d) => (d.open = true)));
    await axe(page, 'a result with findings');
    await page.click('header .sprak');
    await axe(page, 'the English view');
    await page.click('#last-csv-full');
    // Judged once its opening animation has ended (mid-fade its colours are pale).
    await page.waitForFunction(() => document.getElementById('fullt-dialog').getAnimations({ subtree: true }).every((a) => a.playState === 'finished'));
    await axe(page, 'the warning dialog');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 400, height: 800 });
    await checkFiles(page, 'trunkert-2025.xml');
    await axe(page, 'a fatal result, 400 px wide');
    await context.close();
  });

  test('per-person view, print preview, and 390 px: findings as cards with the message on screen', async () => {
    const { context, page } = await openPage(env, { viewport: { width: 390, height: 844 } });
    await checkFiles(page, 'feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
    await page.$$eval('#funn details', (ds) => ds.forEach((d) => (d.open = true)));
    // Each row a card: every cell inside the viewport, the message named by its column.
    const cells = await page.$$eval('#funn .funntabell td', (tds) => tds.filter((td) => td.textContent).map((td) => ({ right: td.getBoundingClientRect().right, label: getComputedStyle(td, '::before').content })));
    assert.ok(cells.length > 10, `cells: ${cells.length}`);
    for (const c of cells) assert.ok(c.right <= 390, `a cell ends at ${c.right} px, off a 390 px screen`);
    assert.ok(cells.some((c) => c.label === '"Melding"'), 'the message cell is labelled');
    // The group's arrow sits beside its code, not on a line of its own.
    const [arrowTop, codeTop] = await page.$eval('#funn details > summary', (s) => [s.getBoundingClientRect().top, s.querySelector('.kode').getBoundingClientRect().top]);
    assert.ok(codeTop - arrowTop < 20, `the code is ${codeTop - arrowTop} px below the summary's top`);
    await axe(page, 'the rule view, 390 px');
    await page.click('label[for="vis-person"]');
    await page.waitForSelector('#funn details[data-person]');
    await page.$$eval('#funn details', (ds) => ds.forEach((d) => (d.open = true)));
    await axe(page, 'the per-person view, 390 px');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.emulateMedia({ media: 'print' });
    await axe(page, 'the print preview');
    await context.close();
  });

  test('keyboard: skip link first, visible focus, landmarks, live regions', async () => {
    const { context, page } = await openPage(env);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'ds-skip-link');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle + getComputedStyle(document.activeElement).boxShadow);
    assert.notEqual(outline, 'nonenone');
    for (const selector of ['header', 'main', 'footer', '[role="status"][aria-live="polite"]', 'html[lang="nb"]', 'label[for="fil"]', 'label[for="aar"]']) {
      assert.equal(await page.locator(selector).count() >= 1, true, selector);
    }
    await context.close();
  });
});

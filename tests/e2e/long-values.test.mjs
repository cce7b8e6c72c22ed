// End-to-end: a file with 40 values of 2 MB each (about 80 MB, written to a
// temporary folder at run time). The engine quotes each as a short excerpt
// with its length, so the page gets a small report and stays responsive: a
// real click on a button answers within 200 ms while the check runs and
// after it (the bound issue 14 asks for, measured in the page from the
// input event's time stamp to the next frame after its handler), and the
// DOM and the JSON export hold no long run of the value.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { downloadText, fixture, launch, openPage } from './helpers.mjs';

const VALUE = 2_000_000;
const ANSWER_MS = 200;

let env;
let dir;
let big;
before(async () => {
  const long = 'A'.repeat(VALUE);
  let fag = readFileSync(fixture('klar-2025.xml'), 'utf8');
  let planted = 0;
  const plant = (from, to) => {
    assert.ok(fag.includes(from), from);
    fag = fag.replace(from, to);
    planted += 1;
  };
  plant('<peKjonn>K</peKjonn>', `<peKjonn>${long}</peKjonn>`);
  plant('<peKomnr>4601</peKomnr>', `<peKomnr>${long}</peKomnr>`);
  plant('<tjTjenType>15</tjTjenType>', `<tjTjenType>${long}</tjTjenType>`);
  plant('<diDiagKode>', `<diDiagKode>${long}`);
  // 36 more: function scores of the persons.
  while (planted < 40) plant(fag.match(/<fnFunkVerdi>\d</)?.[0] ?? 'no score left', `<fnFunkVerdi>${long}<`);
  dir = mkdtempSync(join(tmpdir(), 'iplos-lange-'));
  big = join(dir, 'lange-verdier-2025.xml');
  writeFileSync(big, fag);
  env = await launch();
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** In the page: times every click on the language button, from the input event to the next frame after its handler. */
function timeClicks() {
  window.answers = [];
  document.querySelector('header .sprak').addEventListener(
    'click',
    (event) => {
      const busy = document.querySelector('#resultat').hasAttribute('aria-busy');
      requestAnimationFrame(() => window.answers.push({ ms: performance.now() - event.timeStamp, busy, trusted: event.isTrusted }));
    },
    true,
  );
}

describe('40 values of 2 MB', () => {
  test('the page stays responsive, and no long value reaches the DOM or the report', async () => {
    const { context, page, seen } = await openPage(env, { query: '?chunk=262144' });
    await page.evaluate(timeClicks);
    await page.setInputFiles('#fil', big);
    // Click while the check runs, until the result is there.
    const done = () => page.evaluate(() => document.querySelector('#resultat').dataset.checked === 'lange-verdier-2025.xml' && !document.querySelector('#resultat').hasAttribute('aria-busy'));
    while (!(await done())) await page.click('header .sprak');
    // And after it, then "Tøm".
    for (let i = 0; i < 4; i++) await page.click('header .sprak');
    const answers = await page.evaluate(() => window.answers);
    const during = answers.filter((a) => a.busy);
    console.log(`clicks answered in ms, during the check: ${during.map((a) => a.ms.toFixed(0)).join(', ')}; after: ${answers.filter((a) => !a.busy).map((a) => a.ms.toFixed(0)).join(', ')}`);
    assert.ok(during.length >= 1, 'no click landed while the check ran');
    assert.ok(answers.every((a) => a.trusted));
    for (const a of answers) assert.ok(a.ms <= ANSWER_MS, `a click took ${a.ms.toFixed(0)} ms to answer (${a.busy ? 'during' : 'after'} the check)`);
    assert.match(await page.getAttribute('[data-verdict]', 'data-verdict'), /^(feil_i_poster|avvises)$/);

    // No long value in the DOM: the longest text or attribute is short.
    const longest = await page.evaluate(() => {
      let max = 0;
      const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n = walker.currentNode; n; n = walker.nextNode()) {
        if (n.nodeType === Node.TEXT_NODE) max = Math.max(max, n.data.length);
        else for (const a of n.attributes) max = Math.max(max, a.value.length);
      }
      return max;
    });
    assert.ok(longest < 2000, `a text of ${longest} characters in the DOM`);
    const text = await page.evaluate(() => document.body.innerText);
    assert.match(text, /\(2 000 000 tegn\)/, 'the excerpts say how long the value was');
    assert.ok(!text.includes('A'.repeat(100)));
    const json = await downloadText(page, '#last-json');
    assert.ok(json.text.length < 1_000_000, `the JSON report has ${json.text.length} characters`);
    assert.ok(!json.text.includes('A'.repeat(100)));

    // "Tøm" answers too.
    const clearAnswer = page.evaluate(
      () =>
        new Promise((resolve) => {
          document.querySelector('#tom').addEventListener('click', (e) => requestAnimationFrame(() => resolve(performance.now() - e.timeStamp)), { once: true, capture: true });
        }),
    );
    await page.click('#tom');
    const ms = await clearAnswer;
    assert.ok(ms <= ANSWER_MS, `"Tøm" took ${ms.toFixed(0)} ms`);
    assert.equal(await page.isHidden('#resultat'), true);
    assert.deepEqual(seen.requests, []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
});

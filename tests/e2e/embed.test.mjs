// End-to-end: the embedding ways, through the example host pages in
// www/examples/ (served from dist/examples/): the <iplos-sjekk> element in
// a host page with a strict CSP of its own, check() on bytes, and the iframe
// page's postMessage protocol across two origins (127.0.0.1 and localhost on
// the same port are different origins; the frame's built-in allowlist names
// localhost, as IPLOS_FRAME_ORIGINS would). What a host gets must hold no
// 11-digit run and no fid, pePeID or findings. Refusals of hosts not on the
// list are in framing.test.mjs; what a hostile host script can get is in
// host.test.mjs.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { ELEVEN_DIGITS, fixture, launchedForFile, openPage } from './helpers.mjs';

const env = launchedForFile({ frameOrigins: (port) => [`http://localhost:${port}`] });

/** A fresh page at `url` (a host page); requests after load and errors are recorded. */
const open = (url, { waitFor } = {}) => openPage(env, { url, waitFor });

/** Fails if the summary could carry an identity number or a finding. */
function assertHostSafe(summary, label) {
  const json = JSON.stringify(summary);
  assert.doesNotMatch(json, ELEVEN_DIGITS, `${label}: 11 digits in a row`);
  const keys = new Set();
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) keys.add(k) && walk(x);
  };
  walk(summary);
  for (const k of ['fid', 'fidFull', 'pePeID', 'findings', 'fileName', 'sha256']) assert.ok(!keys.has(k), `${label}: key ${k}`);
}

describe('<iplos-sjekk> in a host page with a strict CSP', () => {
  test('file input → verdict attribute, data-verdict, iplos-result with a safe summary; themed', async () => {
    const { context, page, seen } = await open(`${env.base}examples/element.html`, { waitFor: 'iplos-sjekk[data-engine="ready"]' });
    await page.evaluate(() => {
      window.seen = { results: [], progress: 0 };
      const el = document.querySelector('iplos-sjekk');
      el.addEventListener('iplos-result', (e) => window.seen.results.push(e.detail));
      document.addEventListener('iplos-progress', () => window.seen.progress++);
    });
    assert.equal(await page.evaluate(() => document.querySelector('iplos-sjekk').shadowRoot.mode), 'open');
    await page.setInputFiles('iplos-sjekk input[part~="ident-input"]', fixture('feil-i-poster-2025-ident.xml'));
    await page.setInputFiles('iplos-sjekk input[part~="file-input"]', fixture('feil-i-poster-2025.xml'));
    await page.waitForSelector('iplos-sjekk[verdict]', { timeout: 60_000 });
    assert.equal(await page.getAttribute('iplos-sjekk', 'verdict'), 'feil_i_poster');
    assert.equal(await page.getAttribute('iplos-sjekk [data-verdict]', 'data-verdict'), 'feil_i_poster');
    const { results, progress } = await page.evaluate(() => window.seen);
    assert.equal(results.length, 1);
    assert.ok(progress >= 1, 'iplos-progress bubbles to the document');
    const summary = results[0];
    assert.equal(summary.verdict, 'feil_i_poster');
    assert.equal(summary.year, 2025);
    assert.ok(summary.counts.error > 0);
    assert.ok(summary.duties.byService.length > 0 && 'code' in summary.duties.byService[0] && 'basisConfidence' in summary.duties.byService[0]);
    assertHostSafe(summary, 'iplos-result');
    // The host page shows what it got; the shadow root shows masked numbers only.
    assert.equal(await page.textContent('#vurdering'), 'feil_i_poster');
    assert.doesNotMatch(await page.evaluate(() => document.body.innerText), ELEVEN_DIGITS);
    assert.doesNotMatch(await page.evaluate(() => document.querySelector('iplos-sjekk').shadowRoot.innerHTML), ELEVEN_DIGITS);

    // Styled: Designsystemet inside the shadow root, the host's custom properties and ::part.
    const style = await page.evaluate(() => {
      const shadow = document.querySelector('iplos-sjekk').shadowRoot;
      const cs = (sel) => getComputedStyle(shadow.querySelector(sel));
      return {
        button: cs('.ds-button').display,
        font: cs('main').fontFamily,
        header: cs('[part~="header"]').backgroundColor,
        zone: cs('[part~="drop-zone"]').borderTopStyle,
        accent: cs('.ds-button[data-variant="primary"]').backgroundColor,
      };
    });
    assert.match(style.button, /^(inline-)?flex$/, 'Designsystemet CSS applies in the shadow root');
    assert.match(style.font, /Georgia/, '--iplos-font-family');
    assert.equal(style.header, 'rgb(60, 27, 49)', '::part(header)');
    assert.equal(style.zone, 'dashed', '::part(drop-zone)');
    assert.equal(style.accent, 'rgb(91, 42, 74)', '--iplos-accent');

    assert.deepEqual(seen.requests, [], 'requests after load');
    assert.deepEqual(seen.errors, [], 'console errors or CSP violations');
    await context.close();
  });

  test('attributes: year, lang, compact; a second file replaces the verdict', async () => {
    const { context, page, seen } = await open(`${env.base}examples/element.html`, { waitFor: 'iplos-sjekk[data-engine="ready"]' });
    assert.equal(await page.inputValue('iplos-sjekk select[part~="year"]'), '2025');
    await page.setInputFiles('iplos-sjekk input[part~="file-input"]', fixture('avvises-2025.xml'));
    await page.waitForSelector('iplos-sjekk[verdict="avvises"]', { timeout: 60_000 });
    await page.evaluate(() => document.querySelector('iplos-sjekk').setAttribute('lang', 'en'));
    assert.match(await page.textContent('iplos-sjekk h1 + p'), /See whether the municipality's file can be sent/);
    assert.match(await page.textContent('iplos-sjekk [part~="result"]'), /Reporting duty/);
    await page.evaluate(() => document.querySelector('iplos-sjekk').setAttribute('compact', ''));
    assert.equal(await page.isHidden('iplos-sjekk .intro'), true, 'compact hides the intro');
    assert.equal(await page.isVisible('iplos-sjekk [data-verdict]'), true, 'compact keeps the verdict');
    await page.setInputFiles('iplos-sjekk input[part~="file-input"]', fixture('trunkert-2025.xml'));
    await page.waitForSelector('iplos-sjekk[verdict="kan_ikke_kontrolleres"]', { timeout: 60_000 });
    await page.click('iplos-sjekk #tom');
    await page.waitForFunction(() => !document.querySelector('iplos-sjekk').hasAttribute('verdict'));
    assert.deepEqual(seen.requests, []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
});

describe('check() on bytes', () => {
  test('the example page, and check() on Uint8Array, ArrayBuffer and Blob; abort', async () => {
    const { context, page, seen } = await open(`${env.base}examples/api.html`);
    await page.setInputFiles('#identfil', fixture('klar-2025-ident.xml'));
    await page.setInputFiles('#fil', fixture('klar-2025.xml'));
    await page.waitForSelector('#vurdering[data-verdict]', { timeout: 60_000 });
    assert.equal(await page.getAttribute('#vurdering', 'data-verdict'), 'klar');
    assertHostSafe(JSON.parse(await page.textContent('#sammendrag')), 'summarize()');

    const bytes = [...readFileSync(fixture('feil-i-poster-2025.xml'))];
    const identBytes = [...readFileSync(fixture('feil-i-poster-2025-ident.xml'))];
    const got = await page.evaluate(async ([array, identArray]) => {
      const { check } = await import('/iplos-sjekk.js');
      const data = new Uint8Array(array);
      const progress = [];
      const ident = new Uint8Array(identArray);
      const a = await check(data, { year: 2025, name: 'feil.xml', ident, onProgress: (p) => progress.push(p), chunkSize: 4096 });
      const b = await check(data.buffer, { year: 2025 });
      const c = await check(new Blob([data]), { year: 2025, profile: 'iplos-2018' });
      const early = new AbortController();
      const p = check(data, { signal: early.signal });
      early.abort();
      const aborted = await p.then(
        () => 'resolved',
        (e) => e.name,
      );
      const bad = await check(data, { profile: 'finnes-ikke' }).then(
        () => 'resolved',
        (e) => e.message,
      );
      return {
        verdicts: [a.verdict, b.verdict, c.verdict],
        fileName: a.provenance.fileName,
        fids: a.findings.map((f) => f.fid).filter(Boolean),
        keys: Object.keys(a),
        progress: progress.length,
        last: progress.at(-1),
        aborted,
        bad,
      };
    }, [bytes, identBytes]);
    assert.deepEqual(got.verdicts, ['feil_i_poster', 'feil_i_poster', 'feil_i_poster']);
    assert.equal(got.fileName, 'feil.xml');
    for (const k of ['verdict', 'verdictText', 'verdictTextEn', 'counts', 'persons', 'year', 'kommune', 'findings', 'duties', 'stats', 'provenance']) {
      assert.ok(got.keys.includes(k), `the report has ${k}`);
    }
    assert.ok(got.fids.length > 0 && got.fids.every((f) => /^\d{6}\*{5}$/.test(f)), `masked fid: ${got.fids}`);
    assert.ok(got.progress >= 2, `progress callbacks: ${got.progress}`);
    assert.equal(got.last.bytesDone, bytes.length);
    assert.equal(got.aborted, 'AbortError');
    assert.match(got.bad, /ukjent profil/);
    // check() starts the engine on first use, after load: its two blob: workers
    // (the checker and the SHA-256 worker, from one blob URL) are the only loads allowed.
    assert.deepEqual(seen.requests.filter((r) => !r.startsWith('GET blob:')), []);
    assert.ok(seen.requests.length <= 2, `one pair of workers for all checks: ${seen.requests}`);
    assert.ok(new Set(seen.requests).size <= 1, `one blob URL: ${seen.requests}`);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
});

describe('iframe + postMessage', () => {
  test('an allowed host gets the summary from a frame on another origin', async () => {
    const port = new URL(env.base).port;
    const { context, page, seen } = await open(`http://localhost:${port}/examples/ramme-vert.html`, { waitFor: 'body[data-ramme="klar"]' });
    await page.setInputFiles('#fil', fixture('feil-i-poster-2025.xml'));
    await page.waitForSelector('#vurdering[data-verdict]', { timeout: 60_000 });
    assert.equal(await page.getAttribute('#vurdering', 'data-verdict'), 'feil_i_poster');
    const summary = JSON.parse(await page.textContent('#sammendrag'));
    assert.equal(summary.verdict, 'feil_i_poster');
    assertHostSafe(summary, 'iplos-sjekk:result');
    // The frame is the other origin, and shows the result too.
    const frame = page.frames().find((f) => f.url().startsWith(`http://127.0.0.1:${port}/ramme.html`));
    assert.ok(frame, `frames: ${page.frames().map((f) => f.url())}`);
    assert.equal(await frame.getAttribute('[data-verdict]', 'data-verdict'), 'feil_i_poster');
    assert.deepEqual(seen.requests, []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
});

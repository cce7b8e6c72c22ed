// End-to-end: what a script on the host page can get from <iplos-sjekk> and
// check(). The host (www/examples/element.html) is made hostile before any
// of its scripts run: it wraps Blob, URL.createObjectURL, the anchor's
// click(), every dispatchEvent and every message the engine's worker
// answers, then opens the shadow root, clicks every export, opts in to full
// identities itself, opens the warning dialog and clicks "Jeg forstår"
// programmatically. It must get nothing holding the planted identity
// number (made at run time: a real birth date, valid check digits), while
// the masked form of it does reach what it captures (the capture works).
// With allow-full-identities and the user's own clicks, the export works.
// check() has no option that reveals identity numbers, and the module
// exports no handle on the engine.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { assertNoIdentity, fixture, launch, plantedFnr } from './helpers.mjs';

let env;
const fnr = plantedFnr();
/** feil-i-poster-2025 with its identmelding: person 2001 (with findings) gets the planted number. */
const main = { name: 'feil-i-poster-2025.xml', mimeType: 'text/xml', buffer: readFileSync(fixture('feil-i-poster-2025.xml')) };
const identText = readFileSync(fixture('feil-i-poster-2025-ident.xml'), 'latin1').replace(/pid="2001" fid="\d{11}"/, `pid="2001" fid="${fnr}"`);
const ident = { name: 'feil-i-poster-2025-ident.xml', mimeType: 'text/xml', buffer: Buffer.from(identText, 'latin1') };

before(async () => {
  assert.ok(identText.includes(fnr), 'the number is planted');
  env = await launch();
});
after(async () => {
  await env?.close();
});

/** Installed before any script of the host page: what a hostile script there would wrap. */
function hostile() {
  const caught = { blobs: [], anchors: [], events: [], workerAnswers: [], workerRequests: [] };
  window.caught = caught;
  const OrigBlob = Blob;
  window.Blob = new Proxy(OrigBlob, {
    construct(target, args, newTarget) {
      const blob = Reflect.construct(target, args, newTarget);
      caught.blobs.push(blob);
      return blob;
    },
  });
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    caught.blobs.push(object);
    return createObjectURL.call(this, object);
  };
  const anchorClick = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    caught.anchors.push({ href: this.href, download: this.download });
    return anchorClick.call(this);
  };
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event) {
    let detail;
    try {
      detail = JSON.stringify(event.detail ?? null);
    } catch {
      detail = String(event.detail);
    }
    caught.events.push({ type: event.type, detail });
    return dispatch.call(this, event);
  };
  // What the page asks its worker (the kind of request, not the file it sends).
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    caught.workerRequests.push({ type: message?.type, mode: message?.mode, options: JSON.stringify(message?.options ?? null) });
    return post.call(this, message, ...rest);
  };
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (this instanceof Worker && type === 'message' && typeof listener === 'function') {
      const wrapped = function (event) {
        caught.workerAnswers.push(event.data);
        return listener.call(this, event);
      };
      return add.call(this, type, wrapped, options);
    }
    return add.call(this, type, listener, options);
  };
  // Every event that reaches the document, whoever sends it.
  for (const type of ['iplos-progress', 'iplos-result', 'iplos-error', 'click', 'change', 'input', 'close', 'cancel']) {
    add.call(document, type, (event) => caught.events.push({ type: `seen:${event.type}`, detail: JSON.stringify(event.detail ?? null) }), true);
  }
}

/** Everything the hostile host holds now, as text: captured blobs read whole, events, worker answers, the DOM, the shadow root. */
function collect() {
  return (async () => {
    const { caught } = window;
    const blobs = [];
    for (const b of caught.blobs) {
      // The engine's own worker source is a blob too; it holds no data from the file.
      const text = await b.text();
      blobs.push(text.length > 200_000 ? `[${text.length} characters of code]` : text);
    }
    const el = document.querySelector('iplos-sjekk');
    return {
      blobs,
      anchors: JSON.stringify(caught.anchors),
      events: JSON.stringify(caught.events),
      workerAnswers: JSON.stringify(caught.workerAnswers),
      workerRequests: JSON.stringify(caught.workerRequests),
      dom: document.documentElement.outerHTML,
      shadow: el.shadowRoot.innerHTML,
      shadowText: el.shadowRoot.textContent,
      summary: JSON.stringify(el.summary),
      attributes: JSON.stringify([...el.attributes].map((a) => [a.name, a.value])),
    };
  })();
}

describe('a hostile script on the host page', () => {
  test('gets no full identity number from the element: not by its events, exports, dialog or worker', async () => {
    const context = await env.browser.newContext({ locale: 'nb-NO', acceptDownloads: true });
    await context.addInitScript(hostile);
    const page = await context.newPage();
    const downloads = [];
    page.on('download', (d) => downloads.push(d));
    await page.goto(`${env.base}examples/element.html`, { waitUntil: 'load' });
    await page.waitForSelector('iplos-sjekk[data-engine="ready"]', { timeout: 30_000 });

    // The user checks a file (the host's script does nothing yet).
    await page.setInputFiles('iplos-sjekk input[part~="ident-input"]', ident);
    await page.setInputFiles('iplos-sjekk input[part~="file-input"]', main);
    await page.waitForSelector('iplos-sjekk[verdict]', { timeout: 60_000 });

    // Without allow-full-identities there is no such button or dialog.
    assert.equal(await page.evaluate(() => document.querySelector('iplos-sjekk').shadowRoot.querySelector('#last-csv-full, #fullt-dialog, #fullt-ja')), null);

    // The host script: the masked exports, then its own opt-in and clicks
    // that are not the user's.
    const tried = await page.evaluate(async () => {
      const el = document.querySelector('iplos-sjekk');
      const root = el.shadowRoot;
      const $ = (sel) => root.querySelector(sel);
      const pause = () => new Promise((r) => setTimeout(r, 300));
      $('#last-csv').click();
      $('#last-json').click();
      el.setAttribute('allow-full-identities', '');
      const button = $('#last-csv-full');
      const dialog = $('#fullt-dialog');
      button.click();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      const openedByClick = dialog.open;
      // The host opens the dialog itself, and "clicks" Jeg forstår.
      dialog.showModal();
      $('#fullt-ja').click();
      $('#fullt-ja').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      $('#fullt-ja').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      $('#fullt-ja').dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
      if (dialog.open) dialog.close();
      el.allowFullIdentities = true;
      $('#last-csv-full').click();
      $('#fullt-ja').click();
      await pause();
      return { button: Boolean(button), openedByClick };
    });
    assert.equal(tried.button, true, 'the host can opt in (and then sees the button)');
    assert.equal(tried.openedByClick, false, 'a script click opened the dialog');

    // A full-identity export is a request to the worker in mode 'csv-full'
    // (sent at once on the click), answered by a 'csv' message: neither may
    // be there.
    while (downloads.length < 2) await page.waitForEvent('download', { timeout: 30_000 });
    const got = await page.evaluate(collect);
    assert.ok(got.workerRequests.includes('"check"'), 'the worker requests were caught');
    assert.doesNotMatch(got.workerRequests, /csv-full|revealIdentities/, 'the page asked the worker for full identity numbers');
    // The masked CSV is made by the worker too (the engine writes it): no
    // answer of the worker may hold the whole number.
    const fullCsv = JSON.parse(got.workerAnswers).filter((m) => m?.type === 'csv' && String(m.text).includes(fnr));
    assert.equal(fullCsv.length, 0, 'the worker made a CSV with full identity numbers');
    assert.ok(!got.workerAnswers.includes(fnr), 'a worker answer holds the whole number');
    assert.equal(downloads.length, 2, `downloads: ${downloads.map((d) => d.suggestedFilename())}`);
    assert.doesNotMatch(await page.textContent('iplos-sjekk #status'), /fulle fødselsnumre/i);

    // The capture works: the masked CSV and JSON were caught, and they show the masked number.
    const masked = `${fnr.slice(0, 6)}*****`;
    assert.ok(got.blobs.some((t) => /^\uFEFF?Kode;/.test(t) && t.includes(masked)), 'the masked CSV was caught');
    assert.ok(got.blobs.some((t) => t.includes('"verdict"') && t.includes(masked)), 'the JSON report was caught');
    assert.ok(got.events.includes('iplos-result'), 'the events were caught');
    assert.ok(got.workerAnswers.includes('"result"'), 'the worker answers were caught');
    for (const [what, text] of Object.entries(got)) {
      if (Array.isArray(text)) text.forEach((t, i) => assertNoIdentity(t, fnr, `${what}[${i}]`));
      else assertNoIdentity(String(text), fnr, what);
    }
    for (const d of downloads) assertNoIdentity(readFileSync(await d.path(), 'utf8'), fnr, `download ${d.suggestedFilename()}`);
    await context.close();
  });

  test('with allow-full-identities, the export runs on the user\'s own clicks', async () => {
    const context = await env.browser.newContext({ locale: 'nb-NO', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${env.base}examples/element.html`, { waitUntil: 'load' });
    await page.waitForSelector('iplos-sjekk[data-engine="ready"]', { timeout: 30_000 });
    await page.evaluate(() => document.querySelector('iplos-sjekk').setAttribute('allow-full-identities', ''));
    await page.setInputFiles('iplos-sjekk input[part~="ident-input"]', ident);
    await page.setInputFiles('iplos-sjekk input[part~="file-input"]', main);
    await page.waitForSelector('iplos-sjekk[verdict]', { timeout: 60_000 });
    await page.click('iplos-sjekk #last-csv-full');
    assert.equal(await page.isVisible('iplos-sjekk #fullt-dialog'), true);
    // The safe choice has the focus: a stray Enter cancels.
    assert.equal(await page.evaluate(() => document.querySelector('iplos-sjekk').shadowRoot.activeElement?.id), 'fullt-nei');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('iplos-sjekk #fullt-ja')]);
    const text = readFileSync(await download.path(), 'utf8');
    assert.match(text, /Fødselsnummer \(fullt\)/);
    // Written as ="..." so that Excel keeps it as text with its leading zero.
    assert.ok(text.includes(`;"=""${fnr}""";`), 'the full CSV holds the full number');
    // Still never on the page.
    assertNoIdentity(await page.evaluate(() => document.querySelector('iplos-sjekk').shadowRoot.innerHTML), fnr, 'shadow root');
    // Taking the attribute away takes the button away.
    await page.evaluate(() => document.querySelector('iplos-sjekk').removeAttribute('allow-full-identities'));
    assert.equal(await page.locator('iplos-sjekk #last-csv-full').count(), 0);
    await context.close();
  });

  test('the element and its root are marked not to be translated', async () => {
    const context = await env.browser.newContext({ locale: 'nb-NO' });
    const page = await context.newPage();
    await page.goto(`${env.base}examples/element.html`, { waitUntil: 'load' });
    await page.waitForSelector('iplos-sjekk[data-engine="ready"]', { timeout: 30_000 });
    const marks = await page.evaluate(() => {
      const el = document.querySelector('iplos-sjekk');
      const root = el.shadowRoot.querySelector('[part~="app"]');
      return [el.getAttribute('translate'), root.getAttribute('translate'), root.classList.contains('notranslate')];
    });
    assert.deepEqual(marks, ['no', 'no', true]);
    await context.close();
  });
});

describe('check() and the module', () => {
  test('no option reveals identity numbers, and the module exports no handle on the engine', async () => {
    const context = await env.browser.newContext({ locale: 'nb-NO' });
    const page = await context.newPage();
    await page.goto(`${env.base}examples/api.html`, { waitUntil: 'load' });
    const got = await page.evaluate(
      async ({ mainBytes, identBytes }) => {
        const module = await import('/iplos-sjekk.js');
        const report = await module.check(new Uint8Array(mainBytes), {
          year: 2025,
          ident: new Uint8Array(identBytes),
          // What a host might try: none of it reaches the engine.
          revealIdentities: true,
          mode: 'csv-full',
          full: true,
          options: { revealIdentities: true },
        }).catch((e) => ({ error: e.message }));
        return { exports: Object.keys(module).sort(), report: JSON.stringify(report), fids: (report.findings ?? []).map((f) => f.fid).filter(Boolean) };
      },
      { mainBytes: [...main.buffer], identBytes: [...ident.buffer] },
    );
    assert.deepEqual(got.exports, ['IplosSjekkElement', 'builtInProfiles', 'check', 'summarize']);
    const masked = `${fnr.slice(0, 6)}*****`;
    assert.ok(got.fids.includes(masked), `the planted person's finding, masked: ${got.fids}`);
    assert.doesNotMatch(got.report, /fidFull/);
    assertNoIdentity(got.report, fnr, 'check() report');
    await context.close();
  });
});

// End-to-end: a real-looking identity number (made at run time, never
// stored: helpers.mjs plantedFnr) planted whole and split (`991234 56789`,
// `-`, `.`) in fields, attribute values, element and attribute names, the
// version and namespace of a fagmelding, in the identmelding's attributes,
// in a CSV's header and cells, and in the file names, reaches no output of
// the page (its DOM, the print view, the masked CSV and the JSON export), of
// the <iplos-sjekk> element (its shadow root, events, summary, attributes
// and exports), or of the iframe page (every message it posts, its DOM).
// Each case also shows the masked form reached the output, so the number
// was read and masked, not lost.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { maskIdentities } from '../../www/mask.js';
import { assertNoIdentity, checkInFrame, downloadText, fixture, launch, openFrameHost, openPage, plantedFnr, plantings } from './helpers.mjs';

const fnr = plantedFnr();
/** The masked number, whole or split: `150765*****`, `150765 *****`. */
const MASKED = new RegExp(`${fnr.slice(0, 6)}[ .-]?\\*{5}`);

/** Replaces `from` (once, or every time with `all`) and fails if it is not there. */
function plant(text, from, to, all = false) {
  assert.ok(text.includes(from), `«${from}» is not in the fixture`);
  return all ? text.replaceAll(from, to) : text.replace(from, to);
}

/** The cases: for each form of the number, files with it planted. */
function cases() {
  const fag = readFileSync(fixture('feil-i-poster-2025.xml'), 'utf8');
  const ident = readFileSync(fixture('feil-i-poster-2025-ident.xml'), 'latin1');
  const csv = readFileSync(fixture('csv-utf8.csv'), 'utf8');
  const xml = (name, text) => ({ name, mimeType: 'text/xml', buffer: Buffer.from(text, 'utf8') });
  const identFile = (name, text) => ({ name, mimeType: 'text/xml', buffer: Buffer.from(text, 'latin1') });
  const out = [];
  plantings(fnr).forEach((f, n) => {
    const tag = `s${n}`;
    // Values: a person's id everywhere it stands (pePeID, poPeID, fnPeID,
    // tjPeID, the identmelding's pid), age, municipality, an org number,
    // the file's serial number; in the identmelding its serial and a typeID.
    let fields = plant(fag, '"2002"', `"${f}"`, true);
    fields = plant(fields, '<peAlder>92</peAlder>', `<peAlder>${f}</peAlder>`);
    fields = plant(fields, '<peKomnr>4601</peKomnr>', `<peKomnr>${f}</peKomnr>`);
    fields = plant(fields, '<tjInstOrgnr>991000011</tjInstOrgnr>', `<tjInstOrgnr>${f}</tjInstOrgnr>`);
    fields = plant(fields, '<iiLopenr>L-2025-002</iiLopenr>', `<iiLopenr>${f}</iiLopenr>`);
    let identFields = plant(ident, 'pid="2002"', `pid="${f}"`);
    identFields = plant(identFields, 'lopenr="L-2025-002"', `lopenr="${f}"`);
    assert.match(identFields, /pid="2003" fid="\d{11}" typeID="1"/);
    identFields = identFields.replace(/(pid="2003" fid="\d{11}") typeID="1"/, `$1 typeID="${f}"`);
    out.push({ label: `${tag} fields`, echoes: true, main: xml(`${tag}-felter-${f}.xml`, fields), ident: identFile(`${tag}-ident-${f}.xml`, identFields) });
    // Element and attribute names (a name cannot hold a space).
    if (!f.includes(' ')) {
      let names = plant(fag, '<peAlder>80</peAlder>', `<peAlder a${f}="1">80</peAlder><u${f}>1</u${f}>`);
      names = plant(names, '<peKjonn>', `<x${f}/><peKjonn>`);
      out.push({ label: `${tag} names`, echoes: true, main: xml(`${tag}-navn.xml`, names), ident: identFile('ident.xml', ident) });
    }
    // The file's municipality, version and namespace.
    out.push({ label: `${tag} iiKomnr`, main: xml(`${tag}-komnr.xml`, plant(fag, '<iiKomnr>4601</iiKomnr>', `<iiKomnr>${f}</iiKomnr>`)), ident: identFile('ident.xml', ident) });
    out.push({ label: `${tag} versjon`, main: xml(`${tag}-versjon.xml`, plant(fag, 'versjon="3.5"', `versjon="${f}"`)), ident: identFile('ident.xml', ident) });
    out.push({ label: `${tag} namespace`, main: xml(`${tag}-navnerom.xml`, plant(fag, 'iplos/2018', `iplos/${f}`)), ident: identFile('ident.xml', ident) });
    // A CSV: a header, the person id, the identity number's own column, age and org number.
    const lines = csv.split('\n');
    lines[0] = `${lines[0].replace(/\r$/, '')};x${f}`;
    for (let i = 1; i < lines.length; i++) if (lines[i].trim()) lines[i] = `${lines[i].replace(/\r$/, '')};${i === 1 ? f : '1'}`;
    const cells = lines[2].split(';');
    cells[0] = f; // pePeID
    cells[2] = f; // peAlder
    lines[2] = cells.join(';');
    const row3 = lines[3].split(';');
    row3[1] = f; // fødselsnummer
    row3[15] = f; // tjInstOrgnr
    lines[3] = row3.join(';');
    out.push({ label: `${tag} csv`, echoes: true, main: { name: `${tag}-uttrekk-${f}.csv`, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n'), 'utf8') } });
  });
  return out;
}

const CASES = cases();
let env;
before(async () => {
  assert.ok(CASES.length >= 20, `cases: ${CASES.length}`);
  env = await launch({ frameOrigins: (port) => [`http://localhost:${port}`] });
});
after(async () => {
  await env?.close();
});

/** Checks every text in `outputs` ({label: text}); returns whether the masked number is among them. */
function assertMasked(outputs, label) {
  let masked = false;
  for (const [what, text] of Object.entries(outputs)) {
    assertNoIdentity(String(text), fnr, `${label}: ${what}`);
    masked ||= MASKED.test(String(text));
  }
  assert.ok(masked, `${label}: the masked number is in no output (was it read?)`);
}

describe('a planted identity number reaches no output', () => {
  test('the page: DOM, print view, CSV and JSON exports', async () => {
    const { context, page, seen } = await openPage(env);
    for (const c of CASES) {
      await page.click('#tom');
      if (c.ident) await page.setInputFiles('#identfil', c.ident);
      await page.setInputFiles('#fil', c.main);
      await page.waitForSelector(`#resultat[data-checked="${maskIdentities(c.main.name)}"]:not([aria-busy])`, { timeout: 60_000 });
      const csv = await downloadText(page, '#last-csv');
      const json = await downloadText(page, '#last-json');
      await page.emulateMedia({ media: 'print' });
      const print = await page.evaluate(() => document.body.innerText);
      await page.emulateMedia({ media: 'screen' });
      const outputs = {
        text: await page.evaluate(() => document.body.innerText),
        html: await page.evaluate(() => document.documentElement.outerHTML),
        print,
        csv: csv.text,
        csvName: csv.name,
        json: json.text,
        jsonName: json.name,
      };
      assertMasked(outputs, c.label);
      if (c.echoes) {
        const findings = JSON.parse(json.text).findings.filter((f) => MASKED.test(JSON.stringify(f)));
        assert.ok(findings.length > 0, `${c.label}: no finding quotes the planted value`);
      }
    }
    assert.deepEqual(seen.requests, []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test('the element: shadow root, events, summary, attributes, exports', async () => {
    const context = await env.browser.newContext({ locale: 'nb-NO', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${env.base}examples/element.html`, { waitUntil: 'load' });
    await page.waitForSelector('iplos-sjekk[data-engine="ready"]', { timeout: 30_000 });
    await page.evaluate(() => {
      window.heard = [];
      for (const type of ['iplos-progress', 'iplos-result', 'iplos-error']) {
        document.addEventListener(type, (e) => window.heard.push({ type, detail: e.detail }), true);
      }
    });
    for (const c of CASES) {
      await page.click('iplos-sjekk #tom');
      await page.evaluate(() => (window.heard.length = 0));
      if (c.ident) await page.setInputFiles('iplos-sjekk input[part~="ident-input"]', c.ident);
      await page.setInputFiles('iplos-sjekk input[part~="file-input"]', c.main);
      await page.waitForSelector(`iplos-sjekk #resultat[data-checked="${maskIdentities(c.main.name)}"]:not([aria-busy])`, { timeout: 60_000 });
      const csv = await downloadText(page, 'iplos-sjekk #last-csv');
      const json = await downloadText(page, 'iplos-sjekk #last-json');
      const got = await page.evaluate(() => {
        const el = document.querySelector('iplos-sjekk');
        return {
          events: JSON.stringify(window.heard),
          summary: JSON.stringify(el.summary),
          attributes: JSON.stringify([...el.attributes].map((a) => [a.name, a.value])),
          shadow: el.shadowRoot.innerHTML,
          shadowText: el.shadowRoot.textContent,
          host: document.documentElement.outerHTML,
        };
      });
      assert.ok(got.events.includes('iplos-result'), `${c.label}: no iplos-result`);
      assertMasked({ ...got, csv: csv.text, csvName: csv.name, json: json.text }, c.label);
    }
    await context.close();
  });

  test('the iframe page: every message it posts, and its DOM', async () => {
    const { context, page, frame, target } = await openFrameHost(env);
    let id = 100;
    for (const c of CASES) {
      id += 1;
      const file = (f) => f && { name: f.name, mimeType: f.mimeType, bytes: [...f.buffer] };
      const messages = JSON.stringify(await checkInFrame(page, target, { type: 'iplos-sjekk:check', id, file: file(c.main), ident: file(c.ident), year: 2025 }));
      assert.match(messages, /iplos-sjekk:result/, c.label);
      await frame.waitForSelector('#resultat[data-checked]:not([aria-busy])');
      const dom = await frame.evaluate(() => document.documentElement.outerHTML);
      // The summary holds no file name, so the frame's DOM is where the masked number shows.
      assertNoIdentity(messages, fnr, `${c.label}: messages`);
      assertMasked({ dom }, c.label);
    }
    await context.close();
  });
});

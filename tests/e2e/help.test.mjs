// Help, ownership and plain words (issue 10, point 7): the help section and
// "Om IPLOS-sjekk" in both languages; who runs this copy, set at build time
// (IPLOS_OWNER, IPLOS_CONTACT, IPLOS_A11Y_STATEMENT_URL) and a plain
// default saying the host must fill it in; the link to the offline single
// file; column labels a caseworker knows with the field name in a tooltip;
// rule sources worded "bekreftet", not "sikkert"; axe-core with every
// section open; no request and nothing stored.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { ownerSettings, ownerSettingsModule } from '../../scripts/build-embed.mjs';
import { assertPrivate, axe, checkFiles, launch, openPage, root } from './helpers.mjs';



/** The rule catalogue's own count (docs/rules.md, kept current by tests/cli.rs): [confirmed, inferred]. */
function catalogueConfidence() {
  const md = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');
  const count = (word) => md.match(new RegExp(`^\\*[^*\\n]+\\* · kilde ${word} · `, 'gm'))?.length ?? 0;
  return [count('sikker'), count('antatt')];
}

/** What the help and Om sections say, as the user reads them. */
const sections = (page) =>
  page.evaluate(() => ({
    help: document.querySelector('#hjelp')?.innerText ?? null,
    about: document.querySelector('#om')?.innerText ?? null,
    helpHeading: document.querySelector('#hjelp-tittel')?.textContent,
    aboutHeading: document.querySelector('#om-tittel')?.textContent,
    topics: [...document.querySelectorAll('#hjelp details > summary')].map((s) => s.textContent),
    verdicts: [...document.querySelectorAll('#hjelp [data-verdict-help]')].map((n) => n.dataset.verdictHelp),
  }));

/** Opens every <details> and waits for their opening transitions to end (until then their text is not rendered). */
async function openAll(page) {
  await page.$$eval('details', (ds) => ds.forEach((d) => (d.open = true)));
  // Two frames, so that the transitions have started before they are awaited.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState === 'finished'));
}

describe('the owner settings at build time', () => {
  test('empty by default; trimmed; a statement address must be http(s)', () => {
    assert.deepEqual(ownerSettings({}), { owner: '', contact: '', a11yStatementUrl: '' });
    assert.deepEqual(
      ownerSettings({ IPLOS_OWNER: '  Eksempel kommune ', IPLOS_CONTACT: 'iplos@eksempel.kommune.no', IPLOS_A11Y_STATEMENT_URL: 'https://uustatus.no/nb/erklaringer/publisert/0000' }),
      { owner: 'Eksempel kommune', contact: 'iplos@eksempel.kommune.no', a11yStatementUrl: 'https://uustatus.no/nb/erklaringer/publisert/0000' },
    );
    for (const bad of ['javascript:alert(1)', 'uustatus.no/erklaring', 'file:///c:/erklaring.html']) {
      assert.throws(() => ownerSettings({ IPLOS_A11Y_STATEMENT_URL: bad }), /IPLOS_A11Y_STATEMENT_URL/, bad);
    }
    assert.throws(() => ownerSettings({ IPLOS_OWNER: 'Eksempel\nkommune' }), /IPLOS_OWNER/);
  });

  test('the module carries the values as data, never as code', async () => {
    const settings = ownerSettings({ IPLOS_OWNER: 'Kommune "x"; alert(1) </script>', IPLOS_CONTACT: '`${x}`' });
    const module = ownerSettingsModule(settings);
    const loaded = await import(`data:text/javascript,${encodeURIComponent(module)}`);
    assert.equal(loaded.owner, settings.owner);
    assert.equal(loaded.contact, settings.contact);
    assert.equal(loaded.a11yStatementUrl, '');
  });

  test('dist/ holds the settings of the environment it was built with', () => {
    assert.equal(readFileSync(join(root, 'dist', 'eier-oppsett.js'), 'utf8'), ownerSettingsModule(ownerSettings(process.env)));
  });

  test('helpers: contact links, rule wording, confidence counts', async () => {
    // The built page's module (its ../eier-oppsett.js exists only in dist/).
    const help = await import(pathToFileURL(join(root, 'dist', 'ui', 'help.js')).href);
    assert.equal(help.contactHref('iplos@eksempel.kommune.no'), 'mailto:iplos@eksempel.kommune.no');
    assert.equal(help.contactHref('https://eksempel.kommune.no/kontakt'), 'https://eksempel.kommune.no/kontakt');
    assert.equal(help.contactHref('Servicetorget, tlf. 12 34 56 78'), null);
    assert.equal(help.contactHref('javascript:alert(1)'), null);
    const rules = new Map([
      ['A-01', { code: 'A-01', why: 'Kilde: skjemaet (sikkert).', whyEn: 'Source: the schema (confirmed).', confidence: 'confirmed' }],
      ['A-02', { code: 'A-02', why: 'Kilde: skjemaet (sikkert); koblingen er antatt.', confidence: 'inferred' }],
    ]);
    const plain = help.plainRules(rules);
    assert.equal(plain.get('A-01').why, 'Kilde: skjemaet (bekreftet).');
    assert.equal(plain.get('A-01').whyEn, 'Source: the schema (confirmed).');
    assert.equal(plain.get('A-02').why, 'Kilde: skjemaet (bekreftet); koblingen er antatt.');
    assert.equal(rules.get('A-01').why, 'Kilde: skjemaet (sikkert).', 'the engine catalogue itself is untouched');
    assert.deepEqual(help.confidenceCounts(rules), { confirmed: 1, inferred: 1 });
  });
});

describe('help and Om IPLOS-sjekk, as built (no owner set)', () => {
  let env;
  before(async () => {
    env = await launch();
  });
  after(async () => {
    await env?.close();
  });

  test('both sections in bokmål and English, the host told to fill in the owner, the offline file linked', async () => {
    const { context, page, seen } = await openPage(env);
    await openAll(page);
    let s = await sections(page);
    assert.equal(s.helpHeading, 'Hjelp');
    assert.equal(s.aboutHeading, 'Om IPLOS-sjekk');
    assert.deepEqual(s.topics, ['Fagmeldingen og identmeldingen', 'Frist og mottaker', 'Hva vurderingen betyr', 'Slik ser du at ingenting forlater maskinen']);
    assert.deepEqual(s.verdicts, ['klar', 'feil_i_poster', 'avvises', 'kan_ikke_kontrolleres']);
    for (const words of ['identmeldingen', 'fagsystemet', '15. januar', 'Folkehelseinstituttet (FHI)', 'Helsedirektoratet', 'Klar til innsending', 'fra nettet', '«Nettverk»']) {
      assert.ok(s.help.includes(words), `the help says «${words}»`);
    }
    // The version is the engine's (the footer shows the same).
    const footer = await page.textContent('footer');
    const version = /IPLOS-sjekk (\S+)\./.exec(footer)?.[1];
    assert.ok(version, `a version in the footer: ${footer}`);
    assert.ok(s.about.includes(`IPLOS-sjekk ${version}`), 'the version in Om');
    // Confidence: the page's counts are the catalogue's.
    const [confirmed, inferred] = catalogueConfidence();
    assert.ok(confirmed > 0 && inferred > 0, 'docs/rules.md has both kinds');
    assert.ok(s.about.includes(`${confirmed + inferred} regler: ${confirmed} bekreftet, ${inferred} antatt.`), s.about);
    // No owner set: said plainly, for the host.
    assert.equal(await page.textContent('#om-eier'), 'Ikke fylt inn');
    assert.equal(await page.textContent('#om-erklaering'), 'Ikke fylt inn');
    assert.match(await page.textContent('#om-ikke-satt'), /må gjøres når siden bygges/);
    assert.equal(await page.locator('#om a[href^="http"]').count(), 0, 'no statement link without a setting');

    // The offline single file: a download link to the file the build writes.
    const link = await page.$eval('#last-ned-frakoblet', (a) => ({ href: a.href, attr: a.getAttribute('href'), download: a.getAttribute('download'), text: a.textContent }));
    assert.equal(link.attr, 'iplos-sjekk.html');
    assert.equal(link.download, 'iplos-sjekk.html');
    assert.equal(link.text, 'Last ned IPLOS-sjekk som én fil');
    assert.equal(new URL(link.href).origin, new URL(env.base).origin, 'the same site, not another origin');
    // Fetched by the test, not the page (the page makes no request).
    const served = await fetch(link.href).then((r) => r.text());
    assert.equal(served, readFileSync(join(root, 'dist', 'iplos-sjekk.html'), 'utf8'));

    await axe(page, 'the empty page with help and Om open');

    // English.
    await page.click('header .sprak');
    await openAll(page);
    s = await sections(page);
    assert.equal(s.helpHeading, 'Help');
    assert.equal(s.aboutHeading, 'About IPLOS-sjekk');
    assert.deepEqual(s.topics, ['The data message and the identity message', 'Deadline and receiver', 'What the verdict means', 'How to see that nothing leaves the machine']);
    assert.ok(s.about.includes(`${confirmed + inferred} rules: ${confirmed} confirmed, ${inferred} assumed.`));
    assert.equal(await page.textContent('#om-eier'), 'Not filled in');
    assert.equal(await page.textContent('#last-ned-frakoblet'), 'Download IPLOS-sjekk as one file');
    // Norwegian words that would be leftovers in the English sections.
    for (const text of [s.help, s.about]) assert.doesNotMatch(text, /\b(og|ikke|filen|frist|mottaker|bekreftet|antatt|Hjelp)\b/);
    await axe(page, 'the English page with help and Om open');
    await assertPrivate(page, seen);
    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]), [0, 0, '']);
    await context.close();
  });

  test('findings: plain column labels with the field name in a tooltip, sources "bekreftet"; axe with everything open', async () => {
    const { context, page, seen } = await openPage(env);
    await checkFiles(page, 'feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml');
    await openAll(page);
    const headers = await page.$$eval('#funn th', (ths) => ths.map((th) => [th.textContent, th.getAttribute('title')]));
    assert.ok(headers.length > 0, 'the findings tables have headers');
    const texts = headers.map(([text]) => text);
    assert.ok(!texts.includes('pePeID') && !texts.includes('Person nr.'), `raw headers: ${texts.join(', ')}`);
    assert.ok(headers.some(([text, title]) => text === 'Person-ID i fagsystemet' && /pePeID/.test(title)), 'pePeID named in words, the field in its tooltip');
    assert.ok(headers.some(([text, title]) => text === 'Nr. i filen' && title), 'the person number named in words, explained in its tooltip');
    const shown = await page.evaluate(() => document.querySelector('#resultat').innerText);
    assert.doesNotMatch(shown, /\(sikkert\)/, 'no "(sikkert)" on the page');
    assert.match(shown, /\(bekreftet\)/, 'rule sources read "(bekreftet)"');
    await axe(page, 'a result with findings, help and Om open');
    await page.click('header .sprak');
    await openAll(page);
    const english = await page.$$eval('#funn th', (ths) => ths.map((th) => [th.textContent, th.getAttribute('title')]));
    assert.ok(english.some(([text, title]) => text === 'Person ID in the EPJ' && /pePeID/.test(title)));
    await axe(page, 'an English result with findings, help and Om open');
    await assertPrivate(page, seen);
    await context.close();
  });
});

describe('help and Om IPLOS-sjekk with the owner set at build time', () => {
  const owner = {
    IPLOS_OWNER: 'Eksempel kommune, IKT-avdelingen',
    IPLOS_CONTACT: 'iplos@eksempel.kommune.no',
    IPLOS_A11Y_STATEMENT_URL: 'https://uustatus.no/nb/erklaringer/publisert/00000000-eksempel',
  };
  let env;
  before(async () => {
    env = await launch({ owner });
  });
  after(async () => {
    await env?.close();
  });

  test('owner, contact and the statement link appear in both languages, and nothing is fetched', async () => {
    const { context, page, seen } = await openPage(env);
    for (const lang of ['nb', 'en']) {
      assert.equal(await page.textContent('#om-eier'), owner.IPLOS_OWNER, lang);
      const contact = await page.$eval('#om-kontakt a', (a) => [a.getAttribute('href'), a.textContent]);
      assert.deepEqual(contact, [`mailto:${owner.IPLOS_CONTACT}`, owner.IPLOS_CONTACT], lang);
      const statement = await page.$eval('#om-erklaering a', (a) => [a.getAttribute('href'), a.textContent, a.getAttribute('rel')]);
      assert.equal(statement[0], owner.IPLOS_A11Y_STATEMENT_URL, lang);
      assert.equal(statement[1], lang === 'nb' ? 'Les tilgjengelighetserklæringen' : 'Read the accessibility statement');
      assert.match(statement[2], /noreferrer/);
      assert.equal(await page.locator('#om-ikke-satt').count(), 0, `${lang}: no "fill in" note when set`);
      if (lang === 'nb') await page.click('header .sprak');
    }
    await openAll(page);
    await axe(page, 'Om with the owner set');
    await assertPrivate(page, seen);
    await context.close();
  });
});

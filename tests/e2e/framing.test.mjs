// End-to-end: who may show the checker in a frame. 127.0.0.1 and localhost
// on the same port are two origins. The iframe page's allowlist is what the
// build wrote (here: for localhost on the test server's port, as
// IPLOS_FRAME_ORIGINS would say), the URL's ?origins= may only narrow it;
// a host not on it gets a refusal in the frame and no message. The page
// itself (index.html) runs framed only by its own origin. The framing
// check's fallback for browsers without location.ancestorOrigins, and the
// build's allowlist and frame-ancestors headers, are tested without a
// browser.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { frameOrigins, frameSettingsModule } from '../../scripts/build-embed.mjs';
import { framingRefusal } from '../../www/framing.js';
import { fixture, launch, root } from './helpers.mjs';

/** A host page of the test's own: frames ?src= and records every message it gets. */
const HOST = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>vert</title></head><body>
<iframe id="ramme" title="innebygd"></iframe>
<script>
  window.heard = [];
  addEventListener('message', (e) => window.heard.push({ origin: e.origin, data: e.data }));
  document.getElementById('ramme').src = new URLSearchParams(location.search).get('src');
</script></body></html>`;

let env;
let port;
before(async () => {
  env = await launch({ frameOrigins: (p) => [`http://localhost:${p}`], pages: { '/test-vert.html': () => HOST } });
  port = new URL(env.base).port;
});
after(async () => {
  await env?.close();
});

/** A fresh page at `url`, with the frame `#ramme` once it has loaded; every request after load recorded. */
async function framed(url) {
  const context = await env.browser.newContext({ locale: 'nb-NO' });
  const page = await context.newPage();
  const requests = [];
  let recording = false;
  context.on('request', (r) => recording && requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  recording = true;
  const frame = await (await page.waitForSelector('#ramme')).contentFrame();
  await frame.waitForLoadState('load');
  return { context, page, frame, requests };
}

/** Asserts that `frame` shows the refusal naming `origin`, and nothing of the checker. */
async function assertRefused(frame, origin) {
  await frame.waitForSelector('html[data-refused="framing"]', { timeout: 30_000 });
  const text = await frame.evaluate(() => document.body.innerText);
  assert.match(text, /IPLOS-sjekk kan ikke vises her/);
  assert.match(text, /IPLOS-sjekk cannot be shown here/);
  assert.ok(text.includes(origin), `the refusal names ${origin}: ${text}`);
  assert.equal(await frame.locator('input[type="file"]').count(), 0, 'the refused frame shows a file input');
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.engine ?? null), null, 'the refused frame started the engine');
}

/** The host sends a ping and a check to the frame, and returns what it has heard after a second. */
async function pokeFrame(page, target) {
  return page.evaluate(
    async ({ bytes, target }) => {
      const frame = document.getElementById('ramme').contentWindow;
      frame.postMessage({ type: 'iplos-sjekk:ping' }, target);
      frame.postMessage({ type: 'iplos-sjekk:check', id: 7, file: new Uint8Array(bytes), name: 'klar-2025.xml', year: 2025 }, target);
      await new Promise((r) => setTimeout(r, 1000));
      return window.heard ?? [];
    },
    { bytes: [...readFileSync(fixture('klar-2025.xml'))], target },
  );
}

describe('the iframe page (ramme.html)', () => {
  test('a host not on the built-in list gets a refusal and no message; ?origins= cannot add it', async () => {
    // Host on 127.0.0.1; the frame on localhost, built for localhost only;
    // the host names itself in ?origins= (ramme-vert.js passes it on).
    const host = `http://127.0.0.1:${port}`;
    const { context, page, frame, requests } = await framed(`${host}/examples/ramme-vert.html?origins=${host}`);
    assert.match(frame.url(), new RegExp(`^http://localhost:${port}/ramme\\.html\\?origins=`));
    await assertRefused(frame, host);
    await page.evaluate(() => {
      window.heard = [];
      window.addEventListener('message', (e) => window.heard.push(e.data));
    });
    assert.deepEqual(await pokeFrame(page, `http://localhost:${port}`), [], 'the frame answered a host not on its list');
    assert.equal(await page.isDisabled('#fil'), true, 'the host never got "ready"');
    assert.deepEqual(requests.filter((u) => u.startsWith('blob:')), [], 'the refused frame started a worker');
    await context.close();
  });

  test('?origins= narrows: an allowed host left out of it is refused', async () => {
    const host = `http://localhost:${port}`;
    const { context, frame } = await framed(`${host}/examples/ramme-vert.html?origins=https://intranett.example`);
    await assertRefused(frame, host);
    await context.close();
  });

  test('an allowed host gets the frame, and its messages go to that origin only', async () => {
    const host = `http://localhost:${port}`;
    const frameUrl = `http://127.0.0.1:${port}/ramme.html`;
    const { context, page, frame } = await framed(`${host}/test-vert.html?src=${encodeURIComponent(frameUrl)}`);
    await frame.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
    await page.waitForFunction(() => window.heard.some((m) => m.data?.type === 'iplos-sjekk:ready'));
    await frame.selectOption('#aar', '2025');
    await frame.setInputFiles('#fil', fixture('klar-2025.xml'));
    await page.waitForFunction(() => window.heard.some((m) => m.data?.type === 'iplos-sjekk:result'));
    const heard = await page.evaluate(() => window.heard);
    assert.deepEqual([...new Set(heard.map((m) => m.origin))], [`http://127.0.0.1:${port}`]);
    const result = heard.find((m) => m.data.type === 'iplos-sjekk:result').data;
    assert.equal(result.id, null, 'a check started in the frame answers with id null');
    assert.equal(result.summary.verdict, 'klar');
    await context.close();
  });
});

describe('the page (index.html) in a frame', () => {
  test('framed by another origin it shows a refusal and starts nothing', async () => {
    const host = `http://127.0.0.1:${port}`;
    const { context, frame, requests } = await framed(`${host}/test-vert.html?src=${encodeURIComponent(`http://localhost:${port}/index.html`)}`);
    await assertRefused(frame, host);
    assert.equal(await frame.getAttribute('a[target="_blank"]', 'href'), `http://localhost:${port}/index.html`);
    assert.deepEqual(requests.filter((u) => u.startsWith('blob:')), [], 'the refused page started a worker');
    await context.close();
  });

  test('framed by its own origin it runs', async () => {
    const host = `http://localhost:${port}`;
    const { context, frame } = await framed(`${host}/test-vert.html?src=${encodeURIComponent(`${host}/index.html`)}`);
    await frame.waitForSelector('html[data-engine="ready"]', { timeout: 30_000 });
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.refused ?? null), null);
    await frame.selectOption('#aar', '2025');
    await frame.setInputFiles('#fil', fixture('feil-i-poster-2025.xml'));
    await frame.waitForSelector('[data-verdict]', { timeout: 60_000 });
    assert.equal(await frame.getAttribute('[data-verdict]', 'data-verdict'), 'feil_i_poster');
    await context.close();
  });
});

describe('the framing check without location.ancestorOrigins (Firefox)', () => {
  /** A window chain: `chain` lists the origins from the page up to the top. */
  function windows(chain, { referrer = '' } = {}) {
    const wins = chain.map((origin) => ({ origin }));
    wins.forEach((w, i) => {
      w.parent = wins[i + 1] ?? w;
      const readable = w.origin === chain[0];
      // A window of another origin throws when its location is read.
      w.location = readable
        ? { origin: w.origin }
        : {
            get origin() {
              throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
            },
          };
    });
    wins[0].location = { origin: chain[0] };
    wins[0].document = { referrer };
    return wins[0];
  }
  const self = 'https://iplos.kommune.no';
  const portal = 'https://intranett.kommune.no';
  const evil = 'https://annonser.example';

  test('not framed, or framed by itself: allowed', () => {
    assert.equal(framingRefusal(new Set(), windows([self])), null);
    assert.equal(framingRefusal(new Set(), windows([self, self])), null);
  });

  test('the parent is known by the referrer', () => {
    assert.equal(framingRefusal(new Set([portal]), windows([self, portal], { referrer: `${portal}/side` })), null);
    assert.deepEqual(framingRefusal(new Set([portal]), windows([self, evil], { referrer: `${evil}/` })), { origin: evil });
    assert.deepEqual(framingRefusal(new Set(), windows([self, portal], { referrer: `${portal}/` })), { origin: portal });
  });

  test('unknown is refused: no referrer, or a foreign window higher up', () => {
    assert.deepEqual(framingRefusal(new Set([portal]), windows([self, portal])), { origin: null });
    assert.deepEqual(framingRefusal(new Set([portal]), windows([self, portal, evil], { referrer: `${portal}/` })), { origin: null });
  });

  test('with ancestorOrigins every window above must be allowed', () => {
    const win = windows([self, portal, evil]);
    win.location.ancestorOrigins = [portal, evil];
    assert.deepEqual(framingRefusal(new Set([portal]), win), { origin: evil });
    assert.equal(framingRefusal(new Set([portal, evil]), win), null);
    win.location.ancestorOrigins = ['null'];
    assert.deepEqual(framingRefusal(new Set(['null']), win), { origin: 'null' }, 'an opaque origin is never allowed');
  });
});

describe('the build: allowlist and frame-ancestors', () => {
  test('IPLOS_FRAME_ORIGINS is parsed strictly', () => {
    assert.deepEqual(frameOrigins(''), []);
    assert.deepEqual(frameOrigins('https://a.kommune.no, http://localhost:8080 https://a.kommune.no/'), ['https://a.kommune.no', 'http://localhost:8080']);
    for (const bad of ['intranett', 'https://a.kommune.no/sti', 'file:///x', 'javascript:alert(1)']) assert.throws(() => frameOrigins(bad), /IPLOS_FRAME_ORIGINS/, bad);
  });

  test('dist/ holds the allowlist of the IPLOS_FRAME_ORIGINS it was built with, and frame-ancestors for every page', () => {
    const origins = frameOrigins(process.env.IPLOS_FRAME_ORIGINS ?? '');
    assert.equal(readFileSync(join(root, 'dist', 'ramme-oppsett.js'), 'utf8'), frameSettingsModule(origins));
    const headers = readFileSync(join(root, 'dist', '_headers'), 'utf8');
    const forRamme = `frame-ancestors ${["'self'", ...origins].join(' ')}`;
    assert.match(headers, new RegExp(`^/ramme\\.html\\n  Content-Security-Policy: ${forRamme.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    for (const page of ['/', '/index.html', '/iplos-sjekk.html']) {
      assert.ok(headers.includes(`${page}\n  Content-Security-Policy: frame-ancestors 'self'\n`), `${page} in _headers`);
    }
    const htaccess = readFileSync(join(root, 'dist', '.htaccess'), 'utf8');
    assert.match(htaccess, /^Header set Content-Security-Policy "frame-ancestors 'self'"$/m);
    assert.ok(htaccess.includes(`<Files "ramme.html">\n  Header set Content-Security-Policy "${forRamme}"\n</Files>`));
  });
});

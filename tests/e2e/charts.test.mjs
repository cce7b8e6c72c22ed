// End-to-end: charts you can read. Every bar label is shown whole (never
// cut, so a service code keeps its digits) and its text is at least 12 px,
// at a laptop's width and at a phone's; the page's CSP lets the bars be
// drawn (no violation).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { cli, launch, openPage } from './helpers.mjs';

let env;
let dir;
let file;
before(async () => {
  env = await launch();
  dir = mkdtempSync(join(tmpdir(), 'iplos-graf-'));
  // A generated Oslo file: many service codes, two-digit ones among them.
  file = join(dir, 'oslo.xml');
  const r = cli(['generate', '--persons', '400', '--year', '2025', '--seed', '4', '-o', file]);
  assert.equal(r.status, 0, r.stderr);
});
after(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  describe(`charts at ${viewport.width} px`, () => {
    test('labels whole, text at least 12 px, bars drawn under the CSP', async () => {
      const { context, page } = await openPage(env, { viewport });
      const violations = [];
      await page.exposeFunction('cspViolation', (v) => violations.push(v));
      await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
      await page.setInputFiles('#identfil', file.replace(/\.xml$/, '-ident.xml'));
      await page.setInputFiles('#fil', file);
      await page.waitForSelector('#resultat:not([aria-busy]) #diagram-tjeneste', { timeout: 60_000 });
      const labels = await page.$$eval('#diagram-tjeneste .diagram-etikett', (ls) =>
        ls.map((l) => ({
          text: l.textContent,
          cut: l.scrollWidth > l.clientWidth + 1 || l.scrollHeight > l.clientHeight + 1,
          size: parseFloat(getComputedStyle(l).fontSize),
          width: l.getBoundingClientRect().width,
          // The rendered height of the text: a picture scaled down to a
          // phone's width shrinks it, a CSS font size alone would not say so.
          height: l.getBoundingClientRect().height,
        })),
      );
      assert.ok(labels.length > 3, 'a service chart with rows');
      assert.ok(labels.some((l) => /^\d\d /.test(l.text)), 'two-digit service codes among them');
      for (const l of labels) {
        assert.equal(l.cut, false, `cut: ${l.text}`);
        assert.ok(!l.text.endsWith('…'), `shortened: ${l.text}`);
        assert.ok(l.height >= 12, `${l.height}px high: ${l.text}`);
        assert.ok(l.size >= 12, `${l.size}px: ${l.text}`);
        assert.ok(l.width > 0, `not shown: ${l.text}`);
      }
      // The value text too.
      const sizes = await page.$$eval('#diagram-tjeneste .diagram-verdi', (vs) => vs.map((v) => parseFloat(getComputedStyle(v).fontSize)));
      assert.ok(sizes.every((s) => s >= 12), sizes.join(','));
      // The bars have their lengths (set through the CSS object model).
      const widths = await page.$$eval('#diagram-tjeneste .diagram-stolpe', (bs) => bs.map((b) => b.getBoundingClientRect().width));
      assert.ok(widths.some((w) => w > 10), widths.join(','));
      assert.deepEqual(violations, []);
      await context.close();
    });
  });
}

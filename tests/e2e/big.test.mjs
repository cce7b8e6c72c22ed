// End-to-end with a bigger generated file (3000 persons, about 11 MB): the
// worker streams it and reports progress {bytesDone, total, persons}; the
// cancel button stops a running check; the page's throughput is logged.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { assertPrivate, checkFiles, cli, launch, openPage } from './helpers.mjs';

let env;
let dir;
let big;

function generate(out) {
  const args = ['generate', '--persons', '3000', '--year', '2025', '--seed', '1', '--error-rate', '0.02', '-o', out];
  const r = cli(args);
  assert.equal(r.status, 0, `generate failed: ${r.stderr}`);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iplos-e2e-'));
  big = join(dir, 'stor-2025.xml');
  generate(big);
  env = await launch();
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts collecting the page's progress events. */
async function recordProgress(page) {
  await page.evaluate(() => {
    window.progressSeen = [];
    document.querySelector('#app').addEventListener('iplos-progress', (e) => window.progressSeen.push(e.detail));
  });
}

describe('a bigger file', () => {
  test('streams with progress events, and reports throughput', async () => {
    const size = statSync(big).size;
    const { context, page, seen } = await openPage(env, { query: '?chunk=262144' });
    await recordProgress(page);
    const verdict = await checkFiles(page, big);
    assert.ok(['klar', 'feil_i_poster', 'avvises'].includes(verdict), verdict);
    const progress = await page.evaluate(() => window.progressSeen);
    assert.ok(progress.length >= 3, `progress events: ${progress.length}`);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i].bytesDone >= progress[i - 1].bytesDone, 'progress goes forward');
    const last = progress.at(-1);
    assert.equal(last.bytesDone, size);
    assert.equal(last.total, size);
    assert.equal(last.persons > 2900, true, `persons at the end: ${last.persons}`);
    assert.ok((await page.locator('#funn details.gruppe').count()) > 0);

    // Throughput with the default chunk size (best of two).
    const { context: c2, page: p2 } = await openPage(env);
    let best = Infinity;
    for (let i = 0; i < 2; i++) {
      const seconds = p2.evaluate(
        () => new Promise((resolve) => document.querySelector('#app').addEventListener('iplos-result', (e) => resolve(e.detail.seconds), { once: true })),
      );
      if (i > 0) await p2.click('#tom');
      await p2.setInputFiles('#fil', big);
      best = Math.min(best, await seconds);
    }
    console.log(`page throughput: ${(size / 1e6).toFixed(1)} MB in ${(best * 1000).toFixed(0)} ms = ${(size / 1e6 / best).toFixed(0)} MB/s (check, transfer and rendering)`);
    await c2.close();
    await assertPrivate(page, seen);
    await context.close();
  });

  test('the cancel button stops a running check', async () => {
    const { context, page, seen } = await openPage(env, { query: '?chunk=65536' });
    // Press "Avbryt" from the first progress event, while the worker is
    // between chunks.
    await page.evaluate(() => {
      window.cancelledAt = null;
      const app = document.querySelector('#app');
      app.addEventListener(
        'iplos-progress',
        (e) => {
          window.cancelledAt = e.detail.bytesDone;
          document.querySelector('#avbryt').click();
        },
        { once: true },
      );
    });
    await page.setInputFiles('#fil', big);
    await page.waitForFunction(() => /avbrutt/i.test(document.querySelector('#status').textContent), null, { timeout: 30_000 });
    const at = await page.evaluate(() => window.cancelledAt);
    assert.ok(at > 0 && at < statSync(big).size, `cancelled at ${at}`);
    // The worker stops: no result arrives afterwards.
    await page.waitForTimeout(500);
    assert.equal(await page.locator('[data-verdict]').count(), 0);
    assert.equal(await page.isHidden('.framdrift'), true);
    // And the engine still works.
    await page.setInputFiles('#fil', []);
    assert.equal(await checkFiles(page, 'klar-2025.xml', 'klar-2025-ident.xml'), 'klar');
    await assertPrivate(page, seen);
    await context.close();
  });
});

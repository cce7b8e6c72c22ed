// End-to-end: a bug in the engine (a Rust panic in the wasm) reaches the page
// as an error with the panic's own message, not as a frozen page, and the
// engine can be restarted and check again.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { checkFiles, launchedForFile, openPage } from './helpers.mjs';

const env = launchedForFile();

describe('no panic reaches the user', () => {
  test('a panic in the wasm is an error with its message, and the engine restarts', async () => {
    const { context, page } = await openPage(env);
    const got = await page.evaluate(async () => {
      const { engine } = await import('/app.js');
      try {
        await engine.selfTestPanic();
        return { panic: false, message: 'no error' };
      } catch (e) {
        const result = { panic: e.panic === true, message: e.message };
        await engine.restart();
        return result;
      }
    });
    assert.equal(got.panic, true, JSON.stringify(got));
    assert.match(got.message, /selvtest: bevisst programfeil/);
    assert.doesNotMatch(got.message, /unreachable/);
    // After the restart, the page checks a file as before.
    assert.equal(await checkFiles(page, 'feil-i-poster-2025.xml', 'feil-i-poster-2025-ident.xml'), 'feil_i_poster');
    await context.close();
  });
});

// The page's copy of the engine's masking rule (www/mask.js), with the
// cases of the engine's own unit tests (src/privacy.rs): the page masks the
// texts it writes itself (file names, error messages, the host summary) the
// same way the engine masks the report. No browser needed.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { maskIdentities } from '../../www/mask.js';

describe('maskIdentities', () => {
  test('identity runs are masked wherever they stand', () => {
    // The digits are put together here, so no 11-digit run stands in this file.
    const n = ['991234', '56789'];
    assert.equal(maskIdentities(`pePeID ${n.join('')} her`), 'pePeID 991234***** her');
    assert.equal(maskIdentities(`<x${n.join('')}y>`), '<x991234*****y>');
    assert.equal(maskIdentities(n.join(' ')), '991234 *****');
    assert.equal(maskIdentities(n.join('-')), '991234-*****');
    assert.equal(maskIdentities(n.join('.')), '991234.*****');
    assert.equal(maskIdentities(`uttrekk-${n.join(' ')}.xml`), 'uttrekk-991234 *****.xml');
    assert.equal(maskIdentities('1234567890'.repeat(2)), '123456*****');
    assert.equal(maskIdentities(n.join('  ')), n.join('  '), 'two spaces: two numbers');
    assert.equal(maskIdentities('9912345 6789'), '9912345 6789');
  });

  test('other numbers stay', () => {
    for (const s of ['974000005', '20250131', 'linje 12345, kolonne 6', '0301', '1 000 000', '123456 1234', '']) assert.equal(maskIdentities(s), s);
  });

  test('control characters become visible', () => {
    assert.equal(maskIdentities('a\u001b[2Jb'), 'a\\x1b[2Jb');
    assert.equal(maskIdentities('\u0007\u009b'), '\\x07\\x9b');
    assert.equal(maskIdentities('x\u202ey'), 'x\\u{202e}y');
    assert.equal(maskIdentities('\rVurdering: Klar'), '\\x0dVurdering: Klar');
    assert.equal(maskIdentities('æøå «ok» 😀'), 'æøå «ok» 😀');
  });
});

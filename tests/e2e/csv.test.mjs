// The page's findings CSV (www/csv.js), without a browser: a value from the
// file never becomes a live formula, and in the full-identity export a
// whole identity number is written so that Excel keeps it as text with its
// leading zero. The numbers here are not real: an impossible date (day 99).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { findingsCsv } from '../../www/csv.js';

/** The cells of the CSV's data rows, unquoted as a spreadsheet reads them. */
function cells(csv) {
  return csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^;]*)(;|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replaceAll('""', '"')).slice(0, 11));
}

const finding = (over) => ({ code: 'PER-02', severity: 'error', file: 'ident', message: 'm', messageEn: 'm', ...over });

describe('findings CSV', () => {
  test('values from the file are written as text, never as formulas', () => {
    const csv = findingsCsv(
      [finding({ pePeID: '=HYPERLINK("http://x","y")', tjTjenType: '+1', message: '@SUM(1)' }), finding({ pePeID: '-1' })],
      new Map(),
      'nb',
    );
    for (const row of cells(csv)) for (const c of row) assert.doesNotMatch(c, /^[=+\-@]/, `a live formula: ${c}`);
  });

  test('a whole identity number keeps its leading zero in Excel, as text', () => {
    const csv = findingsCsv([finding({ fidFull: '09998012345', fid: '099980*****' }), finding({ fidFull: '=cmd()' })], new Map(), 'nb', { full: true });
    const [first, second] = cells(csv);
    assert.equal(first[8], '="09998012345"', 'Excel reads ="…" as the text 09998012345');
    assert.equal(second[8], "'=cmd()", 'anything but digits is an ordinary, defused cell');
    const masked = cells(findingsCsv([finding({ fidFull: '09998012345', fid: '099980*****' })], new Map(), 'nb'));
    assert.equal(masked[0][8], '099980*****');
  });
});

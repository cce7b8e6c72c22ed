// The built element's type file (dist/iplos-sjekk.d.ts) carries the
// report's types exactly as src/types.rs declares them, once, in place of
// the marker line of www/embed/iplos-sjekk.d.ts; the JavaScript API's own
// types stay around them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { root } from './helpers.mjs';

test('dist/iplos-sjekk.d.ts holds the report types of src/types.rs', () => {
  const built = readFileSync(join(root, 'dist', 'iplos-sjekk.d.ts'), 'utf8');
  const rust = readFileSync(join(root, 'src', 'types.rs'), 'utf8');
  const declared = /pub const REPORT_TS: &str = r#"([\s\S]*?)"#;/.exec(rust)[1];
  assert.ok(declared.includes('export interface Report {'));
  assert.equal(built.split(declared).length, 2, 'the declared types, once');
  assert.ok(!built.includes('<report types from src/types.rs>'), 'the marker is replaced');
  assert.match(built, /export interface Summary \{/, "the API's own types are kept");
});

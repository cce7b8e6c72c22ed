// Seeds fuzz/corpus/<target>/ for cargo-fuzz. The corpora are not kept in
// git (they grow to tens of megabytes of machine-made inputs, and a fuzzer
// now and then makes up an 11-digit run that reads as a real identity
// number): this script writes the seeds again from what the repository
// holds, the fixtures, the profiles and small files from the generator.
//
//   node scripts/fuzz-seed.mjs          seeds all four targets
//
// Seeds are named by their content's SHA-1, as libFuzzer names its own, so
// running it twice, or over a grown corpus, adds nothing twice.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { root } from './env.mjs';

const corpus = join(root, 'fuzz', 'corpus');
const fixtures = join(root, 'tests', 'fixtures');
let written = 0;

function seed(target, bytes) {
  const dir = join(corpus, target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, createHash('sha1').update(bytes).digest('hex')), bytes);
  written += 1;
}

// The `check` target: first byte even, the rest is one file; odd, the next
// two bytes (little-endian) are the fagmelding's length, then the pair.
function checkOne(bytes) {
  return Buffer.concat([Buffer.from([0]), bytes]);
}
function checkPair(main, ident) {
  const len = Math.min(main.length, 0xffff);
  return Buffer.concat([Buffer.from([1, len & 0xff, len >> 8]), main.subarray(0, len), ident]);
}

// Small generated files (synthetic persons, month + 80), clean and with
// planted errors, XML and CSV, in both schema eras.
const work = mkdtempSync(join(tmpdir(), 'iplos-fuzz-seed-'));
const cli = ['run', '--quiet', '--release', '--', 'generate'];
const generated = [];
for (const [year, format, rate] of [[2017, 'xml', 0.3], [2025, 'xml', 0], [2025, 'xml', 0.5], [2025, 'csv', 0.5]]) {
  const out = join(work, `g-${year}-${rate}.${format}`);
  const r = spawnSync('cargo', [...cli, '--persons', '3', '--year', String(year), '--seed', '7', '--format', format, '--error-rate', String(rate), '-o', out], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`iplos-sjekk generate failed (${r.status})`);
  generated.push(out);
}

const files = [...readdirSync(fixtures).filter((f) => /\.(xml|csv)$/.test(f)).map((f) => join(fixtures, f)), ...generated];
for (const file of files) {
  const bytes = readFileSync(file);
  if (file.endsWith('-ident.xml')) continue;
  const identPath = file.replace(/\.xml$/, '-ident.xml');
  let ident = null;
  try {
    ident = readFileSync(identPath);
  } catch {
    // no identmelding beside it
  }
  if (file.endsWith('.csv')) seed('csv_reader', bytes);
  else {
    seed('xml_reader', bytes);
    if (ident) seed('xml_reader', ident);
  }
  seed('check', checkOne(bytes));
  if (ident) seed('check', checkPair(bytes, ident));
}
for (const f of readdirSync(join(root, 'profiles')).filter((f) => f.endsWith('.json'))) {
  seed('profile', readFileSync(join(root, 'profiles', f)));
}
rmSync(work, { recursive: true, force: true });
console.log(`fuzz-seed: ${written} seeds written under fuzz/corpus/`);

// Everything, in order, stopping at the first failure: formatting, lints
// (native and wasm32), native tests, the wasm tests in headless Chromium,
// the build, and the end-to-end page tests.
//
//   node scripts/test.mjs              all steps
//   node scripts/test.mjs build e2e    only the named steps, in order

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { root } from './env.mjs';

const node = process.execPath;
const wasmTestEnv = {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: 'wasm-bindgen-test-runner',
  CHROMEDRIVER: process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver',
  WASM_BINDGEN_TEST_TIMEOUT: process.env.WASM_BINDGEN_TEST_TIMEOUT ?? '120',
};
const wasm32 = ['--target', 'wasm32-unknown-unknown'];
// Named one by one: Node 20 and Node 22 read a folder argument differently.
const e2e = readdirSync(join(root, 'tests', 'e2e'))
  .filter((f) => f.endsWith('.test.mjs'))
  .sort()
  .map((f) => join('tests', 'e2e', f));

const steps = [
  ['fmt', 'formatting', 'cargo', ['fmt', '--check']],
  ['clippy', 'clippy (native)', 'cargo', ['clippy', '--all-targets', '--', '-D', 'warnings']],
  ['clippy-wasm', 'clippy (wasm32)', 'cargo', ['clippy', '--lib', '--test', 'wasm', ...wasm32, '--', '-D', 'warnings']],
  ['test', 'native tests', 'cargo', ['test']],
  ['wasm', 'wasm tests (headless Chromium)', 'cargo', ['test', ...wasm32, '--test', 'wasm'], wasmTestEnv],
  ['build', 'build', node, ['scripts/build.mjs']],
  ['e2e', 'end-to-end tests (headless Chromium)', node, ['--test', '--test-concurrency=1', ...e2e]],
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !steps.some(([key]) => key === w));
if (unknown.length) {
  console.error(`test: unknown step(s) ${unknown.join(', ')}; steps: ${steps.map(([k]) => k).join(', ')}`);
  process.exit(2);
}

// Tests that need files the repository does not hold (the official schemas
// beside it) skip visibly: each appends a line here, listed after its step.
const skipped = join(root, 'target', 'skipped.txt');
rmSync(skipped, { force: true });

for (const [key, name, command, args, env] of steps) {
  if (wanted.length && !wanted.includes(key)) continue;
  console.log(`\n=== ${name}: ${command === node ? 'node' : command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`;
    console.error(`\n=== FAILED: ${name} (${why})`);
    process.exit(1);
  }
  if (existsSync(skipped)) {
    const lines = readFileSync(skipped, 'utf8').trim().split('\n');
    console.log(`\n=== ${lines.length} test(s) skipped in ${name}:\n${lines.map((l) => `  SKIPPED ${l}`).join('\n')}`);
    rmSync(skipped, { force: true });
  }
}
// Nothing is printed after the last step, so its test runner's summary
// stays the closing lines of the run.

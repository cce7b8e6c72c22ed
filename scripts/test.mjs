// Everything, in order, stopping at the first failure: formatting, lints
// (native and wasm32), native tests, the wasm tests in headless Chromium,
// the build, and the end-to-end page tests.

import { spawnSync } from 'node:child_process';

import { root } from './env.mjs';

const wasmTestEnv = {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: 'wasm-bindgen-test-runner',
  CHROMEDRIVER: process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver',
  WASM_BINDGEN_TEST_TIMEOUT: process.env.WASM_BINDGEN_TEST_TIMEOUT ?? '120',
};

const steps = [
  ['formatting', 'cargo', ['fmt', '--check']],
  ['clippy (native)', 'cargo', ['clippy', '--all-targets', '--', '-D', 'warnings']],
  [
    'clippy (wasm32)',
    'cargo',
    ['clippy', '--lib', '--test', 'wasm', '--target', 'wasm32-unknown-unknown', '--', '-D', 'warnings'],
  ],
  ['native tests', 'cargo', ['test']],
  ['wasm tests (headless Chromium)', 'cargo', ['test', '--target', 'wasm32-unknown-unknown', '--test', 'wasm'], wasmTestEnv],
  ['build', process.execPath, ['scripts/build.mjs']],
  ['end-to-end tests', process.execPath, ['--test', '--test-concurrency=1', 'tests/e2e/']],
];

for (const [name, command, args, env] of steps) {
  console.log(`\n=== ${name}: ${command === process.execPath ? 'node' : command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`;
    console.error(`\n=== FAILED: ${name} (${why})`);
    process.exit(1);
  }
}
// Nothing is printed after the last step, so its test runner's summary
// stays the closing lines of the run.

// Installs what the build and the tests need on a fresh Debian machine, and
// does nothing (quickly) when everything is already there. Node built-ins
// only: this runs before node_modules exists.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { root } from './env.mjs';

function say(message) {
  console.log(`setup: ${message}`);
}

function fail(message) {
  console.error(`setup: FEIL: ${message}`);
  process.exit(1);
}

function onPath(command) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir && existsSync(join(dir, command)));
}

function output(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function run(command, args, options = {}) {
  say(`$ ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (r.error) fail(`${command}: ${r.error.message}`);
  if (r.status !== 0) fail(`"${command} ${args.join(' ')}" exited with ${r.status}`);
}

// Debian packages: the browser and its driver for the browser tests,
// xmllint for checking fixtures against the official schemas, and
// pdftotext (poppler-utils) for reading the printed report back.
function aptPackages() {
  const missing = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!existsSync('/usr/bin/chromedriver')) missing.push('chromium-driver');
  if (!onPath('xmllint')) missing.push('libxml2-utils');
  if (!onPath('pdftotext')) missing.push('poppler-utils');
  if (missing.length === 0) return;
  say(`missing Debian packages: ${missing.join(', ')}`);
  if (!onPath('apt-get')) {
    fail(`apt-get not found: install ${missing.join(', ')} by hand (Debian package names)`);
  }
  let prefix = [];
  if (process.getuid?.() !== 0) {
    if (!onPath('sudo')) {
      fail(`not root and no sudo: run "apt-get install -y ${missing.join(' ')}" as root`);
    }
    prefix = ['sudo'];
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    prefix.length ? run('sudo', ['-E', 'apt-get', ...args], { env }) : run('apt-get', args, { env });
  apt(['update']);
  apt(['install', '-y', 'chromium', 'chromium-driver', 'libxml2-utils', 'poppler-utils']);
}

function wasmTarget() {
  if (!onPath('rustup')) {
    if (!onPath('cargo')) fail('cargo not found: install Rust with rustup first');
    say('rustup not found: assuming the toolchain has the wasm32-unknown-unknown target');
    return;
  }
  const installed = output('rustup', ['target', 'list', '--installed']) ?? '';
  if (installed.split('\n').includes('wasm32-unknown-unknown')) return;
  run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
}

// The wasm-bindgen CLI must be exactly the version the crate pins.
function wasmBindgenCli() {
  const cargoToml = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  const pin = cargoToml.match(/^wasm-bindgen\s*=\s*(?:\{[^}]*version\s*=\s*)?"=([0-9][^"]*)"/m);
  if (!pin) fail('Cargo.toml does not pin wasm-bindgen as "=X.Y.Z"');
  const want = pin[1];
  const have = output('wasm-bindgen', ['--version'])?.split(/\s+/)[1];
  const runner = output('wasm-bindgen-test-runner', ['--version']) !== null;
  if (have === want && runner) return;
  say(`wasm-bindgen CLI is ${have ?? 'missing'}, need ${want}`);
  // Not --locked: the CLI's own lock file does not build with this toolchain.
  run('cargo', ['install', 'wasm-bindgen-cli', '--version', want, '--force']);
}

function nodeModules() {
  const lock = join(root, 'package-lock.json');
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

const started = Date.now();
aptPackages();
wasmTarget();
wasmBindgenCli();
nodeModules();
say(`ready (${Date.now() - started} ms)`);

// Benchmarks (never part of `npm test`): the CLI and the page on generated
// files of about 10 MB, 100 MB and 1 GB, beside two peers run on the same
// file in the same run: `xmllint --stream --noout` for the XML (it only
// checks well-formedness) and Frictionless `validate` for the CSV. Prints
// MB/s and peak memory as a Markdown table and writes it to
// target/bench/results.md (a partial run to results-partial.md).
//
//   npm run bench                       all sizes, CLI, peers and page
//   npm run bench -- --sizes 10,100     only some sizes (MB)
//   npm run bench -- --no-page          skip the browser
//   npm run bench -- --frictionless-max 100   skip Frictionless above 100 MB (it does ~3 MB/s)
//   npm run bench -- --formats xml      only some formats (xml, csv)
//   npm run bench -- --page-only        only the page (no CLI, no peers); with
//                                       --sizes 100 --formats xml, one quick measurement
//   npm run bench -- --page-runs 3      measure the page N times per file, report the best
//   npm run bench -- --rebuild          build the page (dist/) first, even when it exists
//   npm run bench -- --runs 5           run the CLI and xmllint N times each, in turn,
//                                       and report the best of each (default 3)
//   npm run bench -- --compare --sizes 100   compare with last year: a generated
//                                       pair of consecutive years (XML with
//                                       identmeldinger), checked alone and with
//                                       last year's pair, in the CLI and the page;
//                                       writes target/bench/results-compare.md

import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { root } from './env.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt('--sizes', '10,100,1000').split(',').map(Number);
const withPage = !args.includes('--no-page');
const frictionlessMax = Number(opt('--frictionless-max', '1000'));
const formats = opt('--formats', 'xml,csv').split(',');
const pageOnly = args.includes('--page-only');
const pageRuns = Math.max(1, Number(opt('--page-runs', '1')));
const runs = Math.max(1, Number(opt('--runs', '3')));
const comparing = args.includes('--compare');
if (pageOnly && !withPage) {
  console.error('bench: --page-only and --no-page leave nothing to measure');
  process.exit(64);
}
const dir = join(root, 'target', 'bench');
mkdirSync(dir, { recursive: true });

function run(cmd, argv, options = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (r.error) throw r.error;
  return r;
}

/** Runs a command under /usr/bin/time: seconds and peak RSS (MB). */
function timed(cmd, argv, cwd = root) {
  // The report itself is not wanted here (a 1 GB file's can exceed any buffer).
  const r = run('/usr/bin/time', ['-f', '@@%e %M', cmd, ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const m = /@@([\d.]+) (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`${cmd}: ${r.stderr.slice(-500)}`);
  return { seconds: Number(m[1]), peakMb: Number(m[2]) / 1024, status: r.status };
}

const cli = join(root, 'target', 'release', 'iplos-sjekk');
console.log('building the CLI (release)…');
if (run('cargo', ['build', '--release', '--bin', 'iplos-sjekk'], { stdio: 'inherit' }).status !== 0) process.exit(1);

/** Bytes per person of each format, measured on a small sample. */
function bytesPerPerson(format) {
  const f = join(dir, `sample.${format}`);
  run(cli, ['generate', '--persons', '2000', '--year', '2025', '--seed', '1', '--format', format, '-o', f]);
  return statSync(f).size / 2000;
}

function generate(format, mb) {
  const f = join(dir, `${format}-${mb}MB.${format}`);
  if (!existsSync(f)) {
    const persons = Math.max(1, Math.round((mb * 1e6) / bytesPerPerson(format)));
    console.log(`generating ${f} (${persons} persons)…`);
    const r = run(cli, ['generate', '--persons', String(persons), '--year', '2025', '--seed', '42', '--format', format, '--error-rate', '0.01', '-o', f]);
    if (r.status !== 0) throw new Error(r.stderr);
  }
  return f;
}

function frictionless() {
  const venv = join(dir, 'venv');
  const bin = join(venv, 'bin', 'frictionless');
  if (!existsSync(bin)) {
    console.log('installing Frictionless into target/bench/venv (PyPI)…');
    if (run('python3', ['-m', 'venv', venv]).status !== 0) return null;
    if (run(join(venv, 'bin', 'pip'), ['install', '-q', 'frictionless']).status !== 0) return null;
  }
  return bin;
}

const mbps = (bytes, s) => (s > 0 ? bytes / 1e6 / s : Infinity);
const fmt = (x) => (x === undefined ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function pageRunner() {
  const { chromium } = await import('playwright-core');
  const { startServer } = await import('./serve.mjs');
  if (args.includes('--rebuild') || !existsSync(join(root, 'dist', 'index.html'))) {
    console.log('building the page…');
    if (run(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  }
  const server = await startServer({ dir: join(root, 'dist'), port: 0 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  /** Peak RSS (MB) of the browser and all its children while `work` runs. */
  async function withPeak(work) {
    let peak = 0;
    // Every process below this one (the browser and its children; the
    // static server runs in this process and is left out).
    const sample = () => {
      const parent = new Map();
      for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        try {
          const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
          parent.set(Number(p), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
        } catch { /* gone */ }
      }
      const pids = [];
      for (const p of parent.keys()) {
        for (let q = parent.get(p); q; q = parent.get(q)) {
          if (q === process.pid) {
            pids.push(p);
            break;
          }
        }
      }
      let kb = 0;
      for (const p of pids) {
        try {
          kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
        } catch { /* gone */ }
      }
      peak = Math.max(peak, kb / 1024);
    };
    sample();
    const idle = peak;
    peak = 0;
    const timer = setInterval(sample, 100);
    try {
      const result = await work();
      sample();
      // Chromium's processes use about 1 GB idle here: report what the check adds.
      return { ...result, peakMb: Math.max(0, peak - idle), idleMb: idle };
    } finally {
      clearInterval(timer);
    }
  }
  return {
    /** Checks `file` (with `ident` and last year's `previous` files when given) in a fresh page. */
    async check(file, { ident = null, previous = [] } = {}) {
      const page = await browser.newPage();
      // The page notes when the result is in the DOM: Playwright itself sees
      // it only some hundred milliseconds later on a busy machine, which is
      // not the page's time.
      await page.addInitScript(() => {
        new MutationObserver(() => {
          if (!window.__benchDone && document.querySelector('#resultat[data-checked]:not([aria-busy])')) {
            window.__benchDone = performance.now();
          }
        }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-checked', 'aria-busy'] });
      });
      await page.goto(`http://127.0.0.1:${server.port}/`);
      await page.waitForSelector('html[data-engine="ready"]', { timeout: 60_000 });
      await page.selectOption('#aar', '2025');
      const name = file.split('/').pop();
      // Set before the main file, so the check starts only with the main file.
      if (previous.length) {
        await page.click('#fjor > summary');
        await page.setInputFiles('#fjorfil', previous);
      }
      if (ident) await page.setInputFiles('#identfil', ident);
      const r = await withPeak(async () => {
        const t0 = await page.evaluate(() => performance.now());
        await page.setInputFiles('#fil', file);
        await page.waitForSelector(`#resultat[data-checked="${name}"]:not([aria-busy])`, { timeout: 30 * 60_000 });
        const verdict = await page.locator('[data-verdict]').first().getAttribute('data-verdict');
        const t1 = await page.evaluate(() => window.__benchDone);
        return { seconds: (t1 - t0) / 1000, verdict };
      });
      await page.close();
      return r;
    },
    async close() {
      await browser.close();
      server.server.close();
    },
  };
}

if (comparing) {
  await compareBench();
  process.exit(0);
}

/**
 * Checking this year's file alone and with last year's (issue 12: within
 * twice the time and memory of one check), in the CLI and the page.
 */
async function compareBench() {
  const page = withPage ? await pageRunner() : null;
  const lines = ['| pair | how | CLI s | CLI peak MB | page s | page peak MB (above idle browser) |', '|---|---|---|---|---|---|'];
  for (const mb of sizes) {
    const out = join(dir, `par-${mb}MB.xml`);
    const [prev, prevIdent, now, nowIdent] = ['2024.xml', '2024-ident.xml', '2025.xml', '2025-ident.xml'].map((s) => out.replace(/\.xml$/, `-${s}`));
    if (!existsSync(now)) {
      const persons = Math.max(1, Math.round((mb * 1e6) / bytesPerPerson('xml')));
      console.log(`generating the pair ${out} (${persons} persons a year)…`);
      const r = run(cli, ['generate', '--persons', String(persons), '--years', '2024,2025', '--seed', '42', '-o', out]);
      if (r.status !== 0) throw new Error(r.stderr);
    }
    const size = `${(statSync(now).size / 1e6).toFixed(0)} + ${(statSync(prev).size / 1e6).toFixed(0)} MB`;
    for (const [how, cliArgs, previous] of [
      ['alone', [], []],
      ['with last year', ['--previous', prev, '--previous-ident', prevIdent], [prev, prevIdent]],
    ]) {
      let c = null;
      for (let i = 0; i < runs; i++) {
        const t = timed(cli, ['check', now, '--ident', nowIdent, ...cliArgs]);
        if (!c || t.seconds < c.seconds) c = t;
      }
      let p = null;
      for (let i = 0; page && i < pageRuns; i++) {
        const t = await page.check(now, { ident: nowIdent, previous });
        if (!p || t.seconds < p.seconds) p = t;
      }
      const line = `| ${size} | ${how} | ${c.seconds.toFixed(2)} | ${fmt(c.peakMb)} | ${p ? p.seconds.toFixed(2) : '–'} | ${p ? fmt(p.peakMb) : '–'} |`;
      console.log(line);
      lines.push(line);
    }
  }
  if (page) await page.close();
  const text = `${lines.join('\n')}\n\nCLI: best of ${runs}; page: best of ${pageRuns}, from choosing this year's file to the result in the DOM.\n`;
  writeFileSync(join(dir, 'results-compare.md'), text);
  console.log(`\n${text}`);
}

const rows = [];
const page = withPage ? await pageRunner() : null;
const fr = pageOnly ? null : frictionless();
for (const mb of sizes) {
  for (const format of formats) {
    const file = generate(format, mb);
    const bytes = statSync(file).size;
    const ident = format === 'xml' ? file.replace(/\.xml$/, '-ident.xml') : null;
    const row = { file: `${format.toUpperCase()} ${(bytes / 1e6).toFixed(0)} MB` };
    // The CLI and xmllint take turns, so both meet the same machine; the
    // best of `runs` each is reported.
    const best = (a, b) => (!a || b.seconds < a.seconds ? b : a);
    let c = null;
    let x = null;
    for (let i = 0; i < (pageOnly ? 0 : runs); i++) {
      c = best(c, timed(cli, ['check', file, ...(ident && existsSync(ident) ? ['--ident', ident] : [])]));
      if (format === 'xml') x = best(x, timed('xmllint', ['--stream', '--noout', file]));
    }
    if (c) {
      row.cli = mbps(bytes, c.seconds);
      row.cliMem = c.peakMb;
    }
    if (pageOnly) {
      row.peer = '–';
    } else if (format === 'xml') {
      row.peer = 'xmllint --stream';
      row.peerMbps = mbps(bytes, x.seconds);
      row.peerMem = x.peakMb;
    } else if (fr && mb <= frictionlessMax) {
      const x = timed(fr, ['validate', file.split('/').pop()], dir);
      row.peer = 'frictionless validate';
      row.peerMbps = mbps(bytes, x.seconds);
      row.peerMem = x.peakMb;
    } else {
      row.peer = 'frictionless (skipped)';
    }
    if (page) {
      for (let i = 0; i < pageRuns; i++) {
        const p = await page.check(file);
        const m = mbps(bytes, p.seconds);
        if (pageRuns > 1) console.log(`  page run ${i + 1}: ${fmt(m)} MB/s`);
        if (!(row.page >= m)) {
          row.page = m;
          row.pageMem = p.peakMb;
          row.verdict = p.verdict;
        }
      }
    }
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
if (page) await page.close();

const table = [
  '| file | CLI MB/s | CLI peak MB | peer | peer MB/s | peer peak MB | CLI ÷ peer | page MB/s | page peak MB (above idle browser) |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.file} | ${fmt(r.cli)} | ${fmt(r.cliMem)} | ${r.peer} | ${fmt(r.peerMbps)} | ${fmt(r.peerMem)} | ${r.cli && r.peerMbps ? `${(r.cli / r.peerMbps).toFixed(2)}×` : '–'} | ${fmt(r.page)} | ${fmt(r.pageMem)} |`,
  ),
].join('\n');
const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '';
const note = `\n\nMachine: ${cpu}, ${(await import('node:os')).cpus().length} cores. Generated files: year 2025, 1 % planted errors; XML with its identmelding. CLI and xmllint: best of ${runs} runs each, taking turns; page: best of ${pageRuns}, from choosing the file to the result in the DOM (timed inside the page).\n`;
// A partial run (--page-only, some formats) leaves the full table alone.
writeFileSync(join(dir, pageOnly || formats.length < 2 ? 'results-partial.md' : 'results.md'), table + note);
console.log(`\n${table}${note}`);

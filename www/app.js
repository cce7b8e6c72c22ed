// The page: picks files, hands their bytes to the worker that owns the
// engine, and shows the report. Nothing here touches the network or any
// storage; all text from the file is shown with textContent only.

// The built-in synthetic example, written by scripts/build.mjs. Imported
// up front so that no request is made after the page has loaded.
import * as example from './example.js';

const SEVERITY_NB = { fatal: 'Kritisk', error: 'Feil', warning: 'Advarsel', info: 'Info' };
const SEVERITY_ORDER = ['fatal', 'error', 'warning', 'info'];
const FIRST_YEAR = 2016;
const LAST_YEAR = 2026;
/** Rows shown per rule before "… og N til"; the rest stays in the report. */
const ROWS_PER_GROUP = 200;

/**
 * The engine in its module worker. Started from a blob: URL that imports
 * worker.js: a worker loaded from its own URL would not inherit the page's
 * meta CSP and could reach the network; a blob worker does inherit it.
 */
class Engine {
  #worker = null;
  #ready = null;
  #pending = new Map();
  #nextId = 1;
  version = '';
  /** The rule catalogue by code: {title, fix, …}. */
  rules = new Map();

  start() {
    const url = new URL('worker.js', import.meta.url).href;
    const blob = new Blob([`import ${JSON.stringify(url)};\n`], { type: 'text/javascript' });
    const blobUrl = URL.createObjectURL(blob);
    const worker = new Worker(blobUrl, { type: 'module', name: 'iplos-sjekk' });
    this.#worker = worker;
    this.#ready = new Promise((resolve, reject) => {
      worker.addEventListener('message', (event) => {
        const m = event.data;
        if (m.type === 'ready') {
          URL.revokeObjectURL(blobUrl);
          this.version = m.version;
          this.rules = new Map((m.rules ?? []).map((r) => [r.code, r]));
          resolve();
          return;
        }
        const waiting = this.#pending.get(m.id);
        if (!waiting) return;
        this.#pending.delete(m.id);
        if (m.type === 'error') waiting.reject(Object.assign(new Error(m.message), { panic: m.panic }));
        else waiting.resolve(m);
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        const error = new Error(event.message || 'Motoren kunne ikke startes.');
        reject(error);
        this.#failAll(error);
      });
    });
    return this.#ready;
  }

  /** Ends the worker (after a panic its instance is unusable) and starts anew. */
  restart() {
    this.#worker?.terminate();
    this.#failAll(new Error('Motoren ble startet på nytt.'));
    return this.start();
  }

  #failAll(error) {
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
  }

  async #ask(message, transfer = []) {
    await this.#ready;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** `main` and `ident` are {name, bytes: ArrayBuffer}; the buffers are transferred. */
  async check(main, ident, options) {
    const transfer = [main.bytes, ...(ident ? [ident.bytes] : [])];
    const answer = await this.#ask({ type: 'check', main, ident, options }, transfer);
    return answer.report;
  }

  /** Privacy self-test: the worker tries to fetch a page of this site. */
  async probeNetwork() {
    const { refused, detail } = await this.#ask({ type: 'probe-network' });
    return { refused, detail };
  }
}

export const engine = new Engine();

const $ = (id) => document.getElementById(id);
const ui = {
  form: $('skjema'),
  file: $('fil'),
  identFile: $('identfil'),
  year: $('aar'),
  example: $('eksempel'),
  clear: $('tom'),
  status: $('status'),
  result: $('resultat'),
  verdict: $('dom'),
  verdictText: $('dom-tekst'),
  verdictTextEn: $('dom-tekst-en'),
  counts: $('antall'),
  source: $('kilde'),
  findings: $('funn'),
  version: $('versjon'),
};

/** What is checked now: each input is {name, load: () => Promise<ArrayBuffer>}. */
let current = { main: null, ident: null };
let runId = 0;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'className') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

/** Text with `backticked` field names set as code; never parsed as HTML. */
function withCode(text) {
  return text.split('`').map((part, i) => (i % 2 ? el('code', { text: part }) : part));
}

const number = (n) => Number(n ?? 0).toLocaleString('nb-NO');

function setStatus(text, kind = '') {
  ui.status.textContent = text;
  ui.status.dataset.kind = kind;
}

function fromFile(file) {
  return file ? { name: file.name, load: () => file.arrayBuffer() } : null;
}

function fromBytes(name, bytes) {
  return { name, load: async () => bytes.slice().buffer };
}

async function runCheck() {
  if (!current.main) {
    setStatus(current.ident ? 'Velg også IPLOS-filen (fagmeldingen).' : '');
    return;
  }
  const id = ++runId;
  const { main, ident } = current;
  setStatus(`Kontrollerer ${main.name} …`, 'arbeider');
  ui.result.setAttribute('aria-busy', 'true');
  const started = performance.now();
  try {
    const [mainBytes, identBytes] = await Promise.all([main.load(), ident?.load()]);
    const report = await engine.check(
      { name: main.name, bytes: mainBytes },
      ident ? { name: ident.name, bytes: identBytes } : null,
      { year: Number(ui.year.value), checkedAt: new Date().toISOString() },
    );
    if (id !== runId) return;
    render(report, ident?.name);
    ui.result.dataset.checked = main.name;
    const seconds = ((performance.now() - started) / 1000).toLocaleString('nb-NO', { maximumFractionDigits: 2 });
    setStatus(`Ferdig: ${main.name} kontrollert på ${seconds} s.`, 'ferdig');
  } catch (e) {
    if (id !== runId) return;
    setStatus(`Kontrollen feilet: ${e.message}`, 'feil');
    if (e.panic) engine.restart().catch(() => {});
  } finally {
    if (id === runId) ui.result.removeAttribute('aria-busy');
  }
}

function render(report, identName) {
  ui.verdict.dataset.verdict = report.verdict;
  ui.verdictText.textContent = report.verdictText;
  ui.verdictTextEn.textContent = report.verdictTextEn;

  ui.counts.replaceChildren();
  const pairs = [
    ['Personer', report.persons],
    ...SEVERITY_ORDER.map((s) => [SEVERITY_NB[s], report.counts?.[s]]),
  ];
  for (const [label, value] of pairs) {
    ui.counts.append(el('div', { className: 'tall' }, el('dt', { text: label }), el('dd', { text: number(value) })));
  }

  const p = report.provenance ?? {};
  const parts = [`Fil: ${p.fileName ?? ''}`];
  if (identName) parts.push(`identmelding: ${identName}`);
  if (p.format) parts.push(`format: ${p.format}`);
  if (p.encoding) parts.push(`tegnsett: ${p.encoding}`);
  if (report.year) parts.push(`år: ${report.year}`);
  if (report.kommune) parts.push(`kommune: ${report.kommune}`);
  ui.source.textContent = parts.join(' · ');

  ui.findings.replaceChildren(...renderFindings(report.findings ?? []));
  ui.result.hidden = false;
}

function renderFindings(findings) {
  if (findings.length === 0) return [el('p', { className: 'ingen', text: 'Ingen funn.' })];
  const groups = new Map();
  for (const f of findings) {
    if (!groups.has(f.code)) groups.set(f.code, []);
    groups.get(f.code).push(f);
  }
  const sorted = [...groups.entries()].sort(
    ([a, fa], [b, fb]) =>
      SEVERITY_ORDER.indexOf(fa[0].severity) - SEVERITY_ORDER.indexOf(fb[0].severity) || a.localeCompare(b),
  );
  const rules = groups.size === 1 ? '1 regel' : `${number(groups.size)} regler`;
  const heading = el('h3', { text: `Funn etter regel (${number(findings.length)} funn, ${rules})` });
  return [heading, ...sorted.map(([code, list]) => renderGroup(code, list))];
}

function renderGroup(code, list) {
  const severity = list[0].severity;
  const rule = engine.rules.get(code);
  const summary = el(
    'summary',
    {},
    el('span', { className: 'kode', text: code }),
    ' ',
    el('span', { className: `alvor alvor-${severity}`, text: SEVERITY_NB[severity] ?? severity }),
    ' ',
    el('span', { className: 'antall-funn', text: `${number(list.length)} funn` }),
    rule ? el('span', { className: 'tittel', text: rule.title }) : null,
  );
  const fix = rule?.fix ? el('p', { className: 'retting' }, el('strong', { text: 'Slik retter du: ' }), ...withCode(rule.fix)) : null;
  const table = el('table', { className: 'funntabell' });
  table.append(
    el('caption', { className: 'skjult', text: `Funn for ${code}` }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Linje', 'Alvor', 'Person (pePeID)', 'Fødselsnummer (maskert)', 'Melding'].map((h) =>
          el('th', { scope: 'col', text: h }),
        ),
      ),
    ),
  );
  const body = el('tbody');
  for (const f of list.slice(0, ROWS_PER_GROUP)) {
    const line = f.line == null ? '' : f.column == null ? `${f.line}` : `${f.line}:${f.column}`;
    body.append(
      el(
        'tr',
        {},
        el('td', { text: line }),
        el('td', { text: SEVERITY_NB[f.severity] ?? f.severity }),
        el('td', { text: f.pePeID ?? '' }),
        el('td', { className: 'fid', text: f.fid ?? '' }),
        el('td', { text: f.message ?? '' }),
      ),
    );
  }
  table.append(body);
  const more =
    list.length > ROWS_PER_GROUP
      ? el('p', { className: 'flere', text: `… og ${number(list.length - ROWS_PER_GROUP)} funn til for ${code}.` })
      : null;
  const open = severity === 'fatal' || severity === 'error' ? { open: '' } : {};
  return el('details', { className: 'gruppe', 'data-code': code, ...open }, summary, fix, table, more);
}

function clearAll() {
  runId++;
  current = { main: null, ident: null };
  ui.form.reset();
  ui.year.value = String(defaultYear());
  ui.result.hidden = true;
  delete ui.result.dataset.checked;
  ui.verdict.dataset.verdict = '';
  ui.verdictText.textContent = '';
  ui.verdictTextEn.textContent = '';
  ui.counts.replaceChildren();
  ui.source.textContent = '';
  ui.findings.replaceChildren();
  setStatus('Tømt. Ingenting er lagret.');
}

function defaultYear() {
  return Math.min(LAST_YEAR, Math.max(FIRST_YEAR, new Date().getFullYear() - 1));
}

function fillYears() {
  for (let y = LAST_YEAR; y >= FIRST_YEAR; y--) ui.year.append(el('option', { value: String(y), text: String(y) }));
  ui.year.value = String(defaultYear());
}

async function loadExample() {
  ui.form.reset();
  current = {
    main: fromBytes(example.main.name, example.main.bytes),
    ident: fromBytes(example.ident.name, example.ident.bytes),
  };
  ui.year.value = '2025';
  await runCheck();
}

function wire() {
  fillYears();
  ui.form.addEventListener('submit', (e) => e.preventDefault());
  ui.file.addEventListener('change', () => {
    current.main = fromFile(ui.file.files[0]);
    runCheck();
  });
  ui.identFile.addEventListener('change', () => {
    current.ident = fromFile(ui.identFile.files[0]);
    runCheck();
  });
  ui.year.addEventListener('change', () => runCheck());
  ui.example.addEventListener('click', () =>
    loadExample().catch((e) => setStatus(`Eksempelfilen kunne ikke lastes: ${e.message}`, 'feil')),
  );
  ui.clear.addEventListener('click', clearAll);

  setStatus('Starter kontrollmotoren …', 'arbeider');
  engine.start().then(
    () => {
      ui.version.textContent = `versjon ${engine.version}`;
      document.documentElement.dataset.engine = 'ready';
      if (!current.main) setStatus('Klar. Velg en fil, eller prøv med eksempelfilen.');
    },
    (e) => setStatus(`Kontrollmotoren kunne ikke startes: ${e.message}`, 'feil'),
  );
}

wire();

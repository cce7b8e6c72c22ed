// The page's shell and its wiring: file choice (picker and drop), year,
// progress and cancel, "Tøm", the language switch, and the result sections.
// Everything is rendered into the root element it is given and looked up
// through references, never through document-wide ids, so the same UI lives
// in the <iplos-sjekk> element's shadow root (embed/iplos-sjekk.js) too.
// Parts a host may style through ::part carry `part` attributes.
//
// Events on the root, for the page and its tests:
//   iplos-progress {bytesDone, total, persons}
//   iplos-result   {verdict}
// An embedder passes callbacks instead (onProgress, onResult, onError,
// onClear), so that it alone decides what leaves the UI.
//
// The export with full identity numbers exists only when `fullIdentities()`
// says so (the element: its allow-full-identities attribute), and runs only
// on clicks by the user (event.isTrusted) on its button and in its warning
// dialog: a script's click() or dispatchEvent() does nothing.

import { renderDuties } from './duties.js';
import { download, el } from './dom.js';
import { managerSummary, vendorSummary } from '../summaries.js';
import { renderExports } from './exports.js';
import { emptyFilters, renderFindings } from './findings.js';
import { createHelp, plainRules } from './help.js';
import { renderComparison } from './compare.js';

/** Findings listed per rule; the rest are counted (`findingsOmitted`). */
const MAX_LISTED = 1000;
import { renderProvenance } from './provenance.js';
import { renderStats } from './stats.js';
import { renderVerdict } from './verdict.js';
import { setSeverityLabels, translator } from '../i18n.js';
import { maskIdentities } from '../mask.js';

/**
 * Last year, as the year a caseworker checks in January, within the years
 * the engine supports (`years` is the engine's {first, last}: the page keeps
 * no copy of them).
 */
export function defaultYear(years, now = new Date()) {
  return Math.min(years.last, Math.max(years.first, now.getFullYear() - 1));
}

/**
 * Renders the checker into `root`. `engine` is an Engine (engine.js);
 * `example` the built-in example {main: {name, bytes}, ident}; `standalone`
 * lets the UI set the document's lang and title and adds the skip link;
 * `embedded` words the privacy note for a host page whose CSP is not ours.
 * `year` and `profile` (a format profile's JSON text) preset the check;
 * `compact` shows the form, the verdict and the duty table only.
 *
 * Returns a handle: {state, setYear, setLang, setProfile, setCompact, checkFiles}.
 */
export function mount(
  root,
  {
    engine,
    example,
    lang = 'nb',
    chunkSize,
    standalone = true,
    embedded = false,
    year: presetYear,
    profile = null,
    compact = false,
    fullIdentities = () => true,
    onProgress: progressHook,
    onResult,
    onError,
    onClear,
  },
) {
  const state = { lang, main: null, ident: null, extra: [], previous: [], anyOrder: false, report: null, identName: null, job: null, filters: emptyFilters(), chosenYear: null, started: 0, profile };
  let t = translator(lang);
  /** Nodes whose text follows the language: [node, key, attribute?]. */
  const texts = [];
  const tx = (node, key, attr) => {
    texts.push([node, key, attr]);
    return node;
  };

  // ---- shell
  const langButton = el('button', { type: 'button', className: 'ds-button sprak', 'data-variant': 'tertiary', 'data-size': 'sm' });
  const header = el(
    'header',
    { className: 'topp' },
    el('div', { className: 'topp-indre' }, el('span', { className: 'merke', text: 'IPLOS-sjekk' }), langButton),
  );
  header.setAttribute('part', 'header');
  // A fragment link cannot reach into a shadow root: the skip link is the page's alone.
  const skip = standalone ? tx(el('a', { className: 'ds-skip-link', href: '#innhold' }), 'skip') : null;

  const fileZone = (id, labelKey, hintKey, accept, part, multiple = false) => {
    const input = el('input', { type: 'file', id, name: id, accept, part, multiple, 'aria-labelledby': `${id}-etikett`, 'aria-describedby': `${id}-hint ${id}-valgt` });
    const label = el(
      'label',
      { className: 'ds-file-upload slippsone', for: id, part: 'drop-zone' },
      tx(el('span', { id: `${id}-etikett`, className: 'ds-label sone-etikett' }), labelKey),
      tx(el('span', { id: `${id}-hint`, 'data-field': 'description' }), hintKey),
      tx(el('span', { className: 'ds-button', 'data-variant': 'secondary', 'data-size': 'sm', 'aria-hidden': 'true' }), 'chooseButton'),
      input,
    );
    const chosen = el('p', { id: `${id}-valgt`, className: 'ds-paragraph valgt', 'data-size': 'sm' });
    return { input, label, chosen, box: el('div', { className: 'ds-field filfelt' }, label, chosen) };
  };
  // What a caseworker may pick: the XML or CSV, a workbook, a ZIP, a saved
  // hodemelding (XML). The engine knows them by content; the list only
  // helps the picker.
  const SPREADSHEETS = '.xlsx,.xlsm,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet';
  const mainZone = fileZone('fil', 'mainLabel', 'mainHint', `.xml,.csv,.txt,.zip,text/xml,text/csv,application/zip,${SPREADSHEETS}`, 'file-input', true);
  const identZone = fileZone('identfil', 'identLabel', 'identHint', '.xml,.zip,text/xml,application/zip', 'ident-input');
  identZone.box.classList.add('identfelt');
  // Last year's file (and its identmelding, any order), to compare with:
  // collapsed, since most checks do without it.
  const previousZone = fileZone('fjorfil', 'previousLabel', 'previousHint', `.xml,.csv,.txt,.zip,text/xml,text/csv,application/zip,${SPREADSHEETS}`, 'previous-input', true);
  const previousClear = tx(el('button', { type: 'button', id: 'fjor-fjern', className: 'ds-button', 'data-variant': 'tertiary', 'data-size': 'sm', hidden: true }), 'previousClear');
  const previousBox = el(
    'details',
    { id: 'fjor', className: 'ds-details fjorvalg', part: 'previous' },
    tx(el('summary', {}), 'previousSummary'),
    el('div', {}, tx(el('p', { className: 'ds-paragraph', 'data-size': 'sm' }), 'previousExplain'), previousZone.box, previousClear),
  );

  const year = el('select', { id: 'aar', name: 'aar', className: 'ds-input', part: 'year', 'aria-describedby': 'aar-hint' });
  // The supported years come from the engine when it is ready; until then
  // the list is empty and disabled.
  let years = null;
  year.disabled = true;
  const validYear = (y) => {
    const n = Number(y);
    return Boolean(years) && Number.isInteger(n) && n >= years.first && n <= years.last;
  };
  const startYear = () => (validYear(presetYear) ? String(presetYear) : String(defaultYear(years)));
  const fillYears = (supported) => {
    const wanted = year.value;
    years = supported;
    year.replaceChildren();
    for (let y = years.last; y >= years.first; y--) year.append(el('option', { value: String(y), text: String(y) }));
    year.value = validYear(wanted) ? wanted : startYear();
    year.disabled = false;
  };
  const exampleButton = tx(el('button', { type: 'button', id: 'eksempel', className: 'ds-button', 'data-variant': 'secondary' }), 'example');
  const clearButton = tx(el('button', { type: 'button', id: 'tom', className: 'ds-button', 'data-variant': 'tertiary' }), 'clear');
  // Reads the chosen files again from disk: after fixing the EPJ and
  // exporting over the same file, one click checks the new extract.
  const recheckButton = tx(el('button', { type: 'button', id: 'kontroller-igjen', className: 'ds-button', 'data-variant': 'secondary', hidden: true }), 'recheck');
  const form = el(
    'form',
    { id: 'skjema', className: 'skjema', novalidate: true },
    el('div', { className: 'filvalg' }, mainZone.box, identZone.box),
    previousBox,
    el(
      'div',
      { className: 'valg-rad' },
      el('div', { className: 'ds-field aarfelt' }, tx(el('label', { className: 'ds-label', for: 'aar' }), 'yearLabel'), tx(el('p', { id: 'aar-hint', 'data-field': 'description' }), 'yearHint'), year),
      el('div', { className: 'knapper' }, recheckButton, exampleButton, clearButton),
    ),
  );

  const progress = el('progress', { id: 'framdrift', max: '100', value: '0', 'aria-labelledby': 'framdrift-etikett', 'aria-describedby': 'framdrift-tekst' });
  const progressText = el('p', { id: 'framdrift-tekst', className: 'ds-paragraph framdrift-tekst', 'data-size': 'sm' });
  const cancelButton = tx(el('button', { type: 'button', id: 'avbryt', className: 'ds-button', 'data-variant': 'secondary', 'data-size': 'sm' }), 'cancel');
  const progressBox = el(
    'div',
    { className: 'framdrift', part: 'progress', hidden: true },
    tx(el('span', { id: 'framdrift-etikett', className: 'ds-label' }), 'progressLabel'),
    el('div', { className: 'framdrift-rad' }, progress, cancelButton),
    progressText,
  );
  const status = el('p', { id: 'status', className: 'ds-paragraph status', part: 'status', role: 'status', 'aria-live': 'polite' });
  const result = el('section', { id: 'resultat', className: 'resultat', part: 'result', 'aria-labelledby': 'resultat-tittel', hidden: true });

  const privacy = el(
    'div',
    { className: 'ds-alert personvern', 'data-color': 'info' },
    tx(el('h2', { className: 'ds-heading', 'data-size': 'xs' }), 'privacyTitle'),
    tx(el('p', { className: 'ds-paragraph' }), embedded ? 'privacyTextEmbedded' : 'privacyText'),
    tx(el('p', { className: 'ds-paragraph' }), 'privacyHow'),
  );
  const main = el(
    'main',
    { id: 'innhold', tabindex: '-1' },
    el('div', { className: 'intro' }, tx(el('h1', { className: 'ds-heading', 'data-size': 'xl' }), 'title'), tx(el('p', { className: 'ds-paragraph ingress', 'data-size': 'lg' }), 'tagline')),
    el('div', { className: 'velg-og-personvern' }, el('section', { className: 'velg', part: 'form', 'aria-labelledby': 'velg-tittel' }, tx(el('h2', { id: 'velg-tittel', className: 'ds-heading', 'data-size': 'md' }), 'chooseHeading'), form), privacy),
    progressBox,
    status,
    result,
  );
  // Help and "Om IPLOS-sjekk" (help.js), below the result. The offline
  // single file is linked from a page on a web server only.
  const help = createHelp({ offline: standalone && globalThis.location?.protocol !== 'file:' });
  main.append(...help.nodes);
  /** The rule catalogue as the page words it (help.js: "bekreftet", not "sikkert"). */
  let rules = plainRules(engine.rules);
  const version = el('span');
  const footer = el('footer', { className: 'bunn' }, el('p', { className: 'ds-paragraph', 'data-size': 'sm' }, version));
  root.replaceChildren(...[skip, header, main, footer].filter(Boolean));
  root.classList.toggle('kompakt', Boolean(compact));
  // Findings are health data: a browser's offer to translate the page would
  // send its text to a translation service.
  root.setAttribute('translate', 'no');
  root.classList.add('notranslate');

  // ---- language
  function applyLanguage() {
    t = translator(state.lang);
    root.setAttribute('lang', state.lang);
    if (standalone) {
      document.documentElement.lang = state.lang;
      document.title = state.lang === 'en' ? 'IPLOS-sjekk – check the IPLOS/KPR file before sending it' : 'IPLOS-sjekk – kontroller IPLOS/KPR-filen før innsending';
    }
    for (const [node, key, attr] of texts) {
      if (attr) node.setAttribute(attr, t(key));
      else node.textContent = t(key);
    }
    langButton.textContent = t('switchLang');
    langButton.setAttribute('lang', state.lang === 'en' ? 'nb' : 'en');
    langButton.setAttribute('aria-label', t('switchLangLabel'));
    version.textContent = t('footer', engine.version ? `${engine.version}` : '');
    help.update(t, { version: engine.version, rules });
    showChosen();
    if (state.report) renderResult({ keepFilters: true });
  }
  langButton.addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'nb' : 'en';
    applyLanguage();
  });

  // ---- status and progress
  function setStatus(text, kind = '') {
    status.textContent = text;
    status.dataset.kind = kind;
  }
  function showChosen() {
    recheckButton.hidden = !state.main;
    previousClear.hidden = !state.previous.length;
    previousZone.chosen.textContent = state.previous.length
      ? t('selected', state.previous.map((f) => maskIdentities(f.name)).join(', '), t.bytes(state.previous.reduce((n, f) => n + f.size, 0)))
      : t('noneSelected');
    if (state.anyOrder) {
      const all = [state.main, state.ident, ...state.extra].filter(Boolean);
      mainZone.chosen.textContent = t('selectedMany', all.map((f) => `${maskIdentities(f.name)} (${t.bytes(f.size)})`).join(', '));
      identZone.chosen.textContent = t('noneSelected');
      return;
    }
    for (const [zone, file] of [
      [mainZone, state.main],
      [identZone, state.ident],
    ]) {
      zone.chosen.textContent = file ? t('selected', maskIdentities(file.name), t.bytes(file.size)) : t('noneSelected');
    }
  }
  let announcedQuarter = 0;
  function onProgress({ bytesDone, total, persons }) {
    const pct = total ? Math.floor((bytesDone / total) * 100) : 100;
    progress.value = pct;
    progressText.textContent = t('progress', t.bytes(bytesDone), t.bytes(total), t.number(pct), t.number(persons));
    const quarter = Math.floor(pct / 25);
    if (quarter > announcedQuarter && pct < 100) {
      announcedQuarter = quarter;
      setStatus(t('checkingPct', maskIdentities(state.main?.name ?? ''), t.number(quarter * 25)), 'arbeider');
    }
    root.dispatchEvent(new CustomEvent('iplos-progress', { detail: { bytesDone, total, persons } }));
    progressHook?.({ bytesDone, total, persons });
  }
  function startProgress(total) {
    announcedQuarter = 0;
    progress.value = 0;
    progressText.textContent = t('progress', t.bytes(0), t.bytes(total), '0', '0');
    progressBox.hidden = false;
  }

  // ---- results
  function clearResult() {
    state.report = null;
    result.hidden = true;
    result.replaceChildren();
    delete result.dataset.checked;
  }
  const actions = {
    csv: () =>
      exportAll('csv', `${baseName(state.report)}-funn.csv`, 'text/csv;charset=utf-8', () =>
        engine.findingsCsv(state.report, state.lang),
      ),
    json: () =>
      exportAll('json', `${baseName(state.report)}-rapport.json`, 'application/json', () => JSON.stringify(state.report, null, 2)),
    print: () => window.print(),
    vendor: () => {
      const name = `${baseName(state.report)}-til-leverandor.txt`;
      download(new Blob([`\uFEFF${vendorSummary(state.report, rules, state.lang)}`], { type: 'text/plain;charset=utf-8' }), name, root);
      setStatus(t('downloaded', name));
    },
    manager: () => {
      const name = `${baseName(state.report)}-til-leder.txt`;
      download(new Blob([`\uFEFF${managerSummary(state.report, rules, state.lang)}`], { type: 'text/plain;charset=utf-8' }), name, root);
      setStatus(t('downloaded', name));
    },
    /** Only for the user's own click (the dialog's confirm button passes its event). */
    csvFull: (event) => {
      if (event?.isTrusted === true && fullIdentities()) fullCsv();
    },
  };
  function sectionNav() {
    const links = [
      ['funn-seksjon', 'findingsHeading'],
      ['plikt', 'dutiesHeading'],
      ['tall', 'statsHeading'],
      ...(state.report?.comparison || state.report?.comparisonProblem ? [['fjoraaret', 'compareNav']] : []),
      ['kilde', 'provenanceHeading'],
      ['eksport', 'exportHeading'],
    ];
    return el(
      'nav',
      { className: 'snarveier', 'aria-labelledby': 'snarveier-tittel' },
      el('h2', { id: 'snarveier-tittel', className: 'ds-heading', 'data-size': '2xs', text: t('onThisPage') }),
      el(
        'ul',
        { className: 'ds-list' },
        links.map(([id, key]) =>
          el('li', {}, el('a', { className: 'ds-link', href: `#${id}`, text: t(key), onclick: (e) => jump(e, id) })),
        ),
      ),
    );
  }
  function jump(event, id) {
    const target = root.querySelector(`#${id}`);
    if (!target) return;
    event.preventDefault();
    const heading = target.querySelector('h2') ?? target;
    heading.setAttribute('tabindex', '-1');
    heading.focus();
    heading.scrollIntoView({ block: 'start' });
  }
  function renderResult({ keepFilters = false } = {}) {
    const report = state.report;
    if (!keepFilters) state.filters = emptyFilters();
    const ctx = { t, rules, state, actions, chosenYear: state.chosenYear, fullIdentities: fullIdentities() };
    const p = report.provenance ?? {};
    const counts = report.counts ?? {};
    // Shown on paper only: what a printed report must start with.
    const printHead = el(
      'dl',
      { id: 'utskrift-topp', className: 'utskrift-topp' },
      [
        [t('printKommune'), report.kommune ?? '–'],
        [t('printYear'), report.year ?? '–'],
        [t('printVerdict'), t.pick(report, 'verdictText')],
        [t('printCounts'), t('printCountsValue', t.number(counts.fatal ?? 0), t.number(counts.error ?? 0), t.number(counts.warning ?? 0), t.number(counts.info ?? 0))],
        [t('printChecked'), p.checkedAt ?? '–'],
        [t('printHash'), p.sha256 || '–'],
      ].map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', { text: String(v) }))),
    );
    result.replaceChildren(
      printHead,
      el('h2', { id: 'resultat-tittel', className: 'ds-heading', 'data-size': 'lg', text: `${t('resultHeading')}: ${report.provenance?.fileName ?? ''}` }),
      ...renderVerdict(report, ctx),
      sectionNav(),
      renderFindings(report, ctx),
      renderDuties(report, ctx),
      renderStats(report, ctx),
      renderComparison(report, ctx),
      renderProvenance(report, ctx),
      renderExports(report, ctx),
    );
    result.hidden = false;
  }

  // ---- running
  function cancelJob() {
    if (state.job) {
      state.job.cancel();
      state.job = null;
    }
  }
  async function run() {
    cancelJob();
    clearResult();
    if (!state.main) {
      progressBox.hidden = true;
      setStatus(state.ident ? t('needMain') : '');
      return;
    }
    if (!years) {
      // The year list comes with the engine: wait for it (a fraction of a
      // second after load), unless a newer choice has taken over meanwhile.
      const main = state.main;
      const ready = await engine.ensure().then(() => true, () => false);
      if (!ready || state.main !== main) return;
    }
    const mainFile = state.main;
    const identFile = state.ident;
    const shownName = maskIdentities(mainFile.name);
    state.chosenYear = Number(year.value);
    // At most MAX_LISTED findings per rule are listed (all are counted), so a
    // file where every person has the same problem stays within memory.
    const options = { year: state.chosenYear, checkedAt: new Date().toISOString(), maxFindingsPerCode: MAX_LISTED };
    if (state.profile) options.profile = state.profile;
    const job = engine.run({ ...chosenFiles(), options, chunkSize, lang: state.lang, onProgress });
    state.job = job;
    const started = performance.now();
    startProgress(mainFile.size);
    result.setAttribute('aria-busy', 'true');
    setStatus(t('checking', shownName), 'arbeider');
    try {
      const { report, millis } = await job.promise;
      if (state.job !== job) return;
      const seconds = (performance.now() - started) / 1000;
      const mbps = mainFile.size / 1e6 / Math.max(seconds, 0.001);
      state.report = report;
      // The speed is for whoever looks at where the result came from, not
      // for the caseworker's status line.
      state.timing = { seconds, mbps };
      renderResult();
      // The file the engine read as the fagmelding (by content: files
      // chosen together may have come in any order).
      const checkedName = report.provenance?.fileName ? maskIdentities(report.provenance.fileName) : shownName;
      result.dataset.checked = checkedName;
      // The verdict where the user looks: focus on it (the status line
      // announces the result once).
      const verdictHeading = result.querySelector('#dom-tekst');
      verdictHeading?.scrollIntoView({ block: 'center' });
      verdictHeading?.focus({ preventScroll: true });
      const counts = report.counts ?? {};
      setStatus(
        `${t('done', checkedName)} ${t('announceResult', t.pick(report, 'verdictText'), t.number(counts.fatal ?? 0), t.number(counts.error ?? 0), t.number(counts.warning ?? 0))}`,
        'ferdig',
      );
      root.dispatchEvent(new CustomEvent('iplos-result', { detail: { verdict: report.verdict, seconds, workerMillis: millis, bytes: mainFile.size } }));
      onResult?.(report, { seconds, workerMillis: millis, bytes: mainFile.size });
    } catch (e) {
      if (state.job !== job && !e.cancelled) return;
      if (e.cancelled) {
        if (state.job === job || state.job === null) setStatus(t('cancelled'));
      } else {
        const message = e.unreadable ? t('fileChanged') : maskIdentities(e.message);
        setStatus(e.unreadable ? message : t('failed', message), 'feil');
        onError?.(message);
        if (e.panic) engine.restart().catch(() => {});
      }
    } finally {
      if (state.job === job) state.job = null;
      if (!state.job) {
        progressBox.hidden = true;
        result.removeAttribute('aria-busy');
      }
    }
  }
  /**
   * An export with every finding. The report on the page lists at most
   * MAX_LISTED per rule; when it left some out, the file is checked again
   * in the worker without that limit, so no export is cut short (and none
   * pushes the user towards the full-identity export to see everything).
   */
  async function exportAll(mode, name, type, fromPage) {
    if (!state.report) return;
    if (!(state.report.findingsOmitted ?? []).length) {
      try {
        download(new Blob([await fromPage()], { type }), name, root);
        setStatus(t('downloaded', name));
      } catch (e) {
        setStatus(t('failed', maskIdentities(e.message)), 'feil');
      }
      return;
    }
    setStatus(t('exportWorking'), 'arbeider');
    const options = { year: state.chosenYear, checkedAt: state.report.provenance?.checkedAt ?? new Date().toISOString() };
    if (state.profile) options.profile = state.profile;
    const job = engine.run({ ...chosenFiles(), options, chunkSize, mode, lang: state.lang });
    try {
      let { text } = await job.promise;
      download(new Blob([text], { type }), name, root);
      text = null;
      setStatus(t('downloaded', name));
    } catch (e) {
      if (e.cancelled) setStatus(t('cancelled'));
      else setStatus(e.unreadable ? t('fileChanged') : t('failed', maskIdentities(e.message)), 'feil');
    }
  }
  async function fullCsv() {
    if (!state.main || !state.report) return;
    const name = `${baseName(state.report)}-funn-fulle-fodselsnumre.csv`;
    setStatus(t('fullWorking'), 'arbeider');
    const options = { year: state.chosenYear, checkedAt: new Date().toISOString() };
    if (state.profile) options.profile = state.profile;
    const job = engine.run({ ...chosenFiles(), options, chunkSize, mode: 'csv-full', lang: state.lang });
    try {
      let { text } = await job.promise;
      download(new Blob([text], { type: 'text/csv;charset=utf-8' }), name, root);
      text = null;
      setStatus(t('fullDone'));
    } catch (e) {
      setStatus(e.cancelled ? t('cancelled') : t('failed', maskIdentities(e.message)), e.cancelled ? '' : 'feil');
    }
  }

  // ---- inputs
  /** The files of a check, as chosen; the engine gives them their roles by content. */
  function chosenFiles() {
    return { main: state.main, ident: state.ident, extra: state.extra, previous: state.previous, anyOrder: state.anyOrder };
  }
  function setMain(file) {
    state.main = file ?? null;
    state.extra = [];
    state.anyOrder = false;
    showChosen();
    run();
  }
  /** Several files at once (picked or dropped together): roles by content. */
  function setMany(files) {
    if (files.length < 2) return setMain(files[0]);
    [state.main, state.ident, ...state.extra] = files;
    state.anyOrder = true;
    showChosen();
    run();
  }
  function setIdent(file) {
    state.ident = file ?? null;
    state.anyOrder = false;
    showChosen();
    if (state.main) run();
    else setStatus(state.ident ? t('needMain') : '');
  }
  // The input is emptied once its file is taken, so that choosing a file of
  // the same name again (a new extract over the old one) is a change too.
  const take = (input) => {
    const file = input.files[0];
    input.value = '';
    return file;
  };
  mainZone.input.addEventListener('change', () => {
    const files = [...mainZone.input.files];
    mainZone.input.value = '';
    setMany(files);
  });
  identZone.input.addEventListener('change', () => setIdent(take(identZone.input)));
  /** Last year's file(s): compared with when this year's is checked. */
  function setPrevious(files) {
    state.previous = files.slice(0, 2);
    showChosen();
    if (state.main) run();
    else setStatus(state.previous.length ? t('previousNeedMain') : '');
  }
  previousZone.input.addEventListener('change', () => {
    const files = [...previousZone.input.files];
    previousZone.input.value = '';
    if (files.length) setPrevious(files);
  });
  previousClear.addEventListener('click', () => {
    setPrevious([]);
    previousZone.input.focus();
  });
  recheckButton.addEventListener('click', () => state.main && run());
  year.addEventListener('change', () => state.main && run());
  cancelButton.addEventListener('click', () => {
    cancelJob();
    progressBox.hidden = true;
    result.removeAttribute('aria-busy');
    setStatus(t('cancelled'));
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  exampleButton.addEventListener('click', () => {
    form.reset();
    year.value = '2025';
    state.previous = [];
    state.ident = new File([example.ident.bytes], example.ident.name, { type: 'text/xml' });
    setMain(new File([example.main.bytes], example.main.name, { type: 'text/xml' }));
  });
  clearButton.addEventListener('click', () => {
    cancelJob();
    form.reset();
    if (years) year.value = startYear();
    state.main = null;
    state.ident = null;
    state.extra = [];
    state.previous = [];
    state.anyOrder = false;
    clearResult();
    showChosen();
    progressBox.hidden = true;
    setStatus(t('cleared'));
    onClear?.();
    // The worker keeps no file: each session is freed when its check ends,
    // and the chunks it read are garbage. (Restarting it would be one more
    // blob: load after the page's own, which the privacy test forbids.)
  });

  // Drop: one file on a zone sets that zone's file; anywhere else in the
  // page it counts as the main file. Several files dropped together (any
  // order, any names) are told apart by content in the engine: which is
  // the fagmelding, which the identmelding, and which are neither (named
  // in the report).
  const dropped = (event, zone) => {
    event.preventDefault();
    root.querySelectorAll('.slipper').forEach((n) => n.classList.remove('slipper'));
    const files = [...(event.dataTransfer?.files ?? [])];
    if (!files.length) return;
    if (zone === previousZone) setPrevious(files);
    else if (files.length > 1) setMany(files);
    else if (zone === identZone) setIdent(files[0]);
    else setMain(files[0]);
  };
  for (const zone of [mainZone, identZone, previousZone]) {
    zone.label.addEventListener('dragover', (e) => {
      e.preventDefault();
      e.stopPropagation();
      zone.label.classList.add('slipper');
    });
    zone.label.addEventListener('dragleave', () => zone.label.classList.remove('slipper'));
    zone.label.addEventListener('drop', (e) => {
      e.stopPropagation();
      dropped(e, zone);
    });
  }
  root.addEventListener('dragover', (e) => e.preventDefault());
  root.addEventListener('drop', (e) => dropped(e, mainZone));

  // Print: every group open and every row of it rendered (not only the
  // first page of 100), so the PDF holds every listed finding.
  if (standalone) {
    let reopened = [];
    window.addEventListener('beforeprint', () => {
      reopened = [...root.querySelectorAll('details:not([open])')];
      reopened.forEach((d) => {
        d.open = true;
        d.dispatchEvent(new Event('iplos-fill'));
      });
      for (const more of root.querySelectorAll('#funn button.flere')) {
        while (!more.hidden) more.click();
      }
    });
    window.addEventListener('afterprint', () => {
      reopened.forEach((d) => (d.open = false));
      reopened = [];
    });
  }

  applyLanguage();
  setStatus(t('starting'), 'arbeider');
  engine.ensure().then(
    () => {
      if (engine.years) fillYears(engine.years);
      setSeverityLabels(engine.severities);
      version.textContent = t('footer', engine.version);
      rules = plainRules(engine.rules);
      help.update(t, { version: engine.version, rules });
      root.setAttribute('data-engine', 'ready');
      if (standalone) document.documentElement.dataset.engine = 'ready';
      if (!state.main) setStatus(t('ready'));
    },
    (e) => setStatus(t('engineFailed', maskIdentities(e.message)), 'feil'),
  );
  return {
    state,
    /** Sets the reporting year (ignored outside the supported range); re-runs a chosen file. */
    setYear(y) {
      if (!years) {
        presetYear = Number(y); // judged when the engine brings the year list
        return;
      }
      if (!validYear(y)) return;
      presetYear = Number(y);
      if (year.value === String(presetYear)) return;
      year.value = String(presetYear);
      if (state.main) run();
    },
    setLang(l) {
      const next = l === 'en' ? 'en' : 'nb';
      if (next === state.lang) return;
      state.lang = next;
      applyLanguage();
    },
    /** A format profile's JSON text, or null for the file's own format; re-runs a chosen file. */
    setProfile(text) {
      state.profile = text || null;
      if (state.main) run();
    },
    setCompact(on) {
      root.classList.toggle('kompakt', Boolean(on));
    },
    /** Re-renders the result, e.g. after `fullIdentities()` changed its answer. */
    refresh() {
      if (state.report) renderResult({ keepFilters: true });
    },
    /**
     * Checks the given files (File objects) as if the user had chosen them;
     * `options.year` first sets the year; `options.previous`: last year's
     * file(s) to compare with (none: no comparison).
     */
    checkFiles(main, ident = null, options = {}) {
      if (!years && options.year !== undefined) presetYear = Number(options.year);
      const chosen = validYear(options.year) ? String(options.year) : year.value;
      form.reset();
      year.value = chosen;
      state.ident = ident;
      state.previous = [...(options.previous ?? [])].slice(0, 2);
      setMain(main);
    },
  };
}


function baseName(report) {
  const name = report?.provenance?.fileName ?? 'iplos';
  return name.replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'iplos';
}

// The findings, two ways: grouped by rule (the rule's title, why and how to
// fix, and under it its records) or grouped by person (each person with all
// their findings, most serious first: the caseworker fixes one person at a
// time in the EPJ). Filters by severity, rule and service code, and a
// search in the message, the rule, pePeID or the first six digits of the
// identity number. Arrow keys move between groups. Rows are rendered when
// a group is opened, a page at a time, so a file with a hundred thousand
// findings stays quick. What is open and how far each group is paged are
// kept in the filters, so a new render (the language switch) keeps them.

import { el, scroller, severityTag, withCode } from './dom.js';
import { SEVERITIES } from './verdict.js';

const PAGE = 100;

export function emptyFilters() {
  return { severities: new Set(SEVERITIES), rule: '', service: '', text: '', view: 'rule', open: new Set(), closed: new Set(), paged: new Map() };
}

/** Whether finding `f` matches the search `text` (already lower case and trimmed). */
export function matchesSearch(f, text, pick) {
  if (!text) return true;
  const digits = text.replace(/\s/g, '');
  // The first six digits of an identity number: the masked one keeps them.
  if (/^\d{6}$/.test(digits) && (f.fid ?? '').startsWith(digits)) return true;
  return [f.code, f.pePeID, f.tjTjenType, pick(f, 'message')].some((v) => v != null && String(v).toLowerCase().includes(text));
}

const bySeverity = (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.code.localeCompare(b.code) || (a.line ?? 0) - (b.line ?? 0);

export function renderFindings(report, ctx) {
  const { t, rules, state } = ctx;
  const findings = report.findings ?? [];
  const omitted = new Map((report.findingsOmitted ?? []).map((o) => [o.code, o.count]));
  const section = el('section', { id: 'funn-seksjon', className: 'del', 'aria-labelledby': 'funn-tittel' });
  section.append(el('h2', { id: 'funn-tittel', className: 'ds-heading', 'data-size': 'md', text: t('findingsHeading') }));
  const list = el('div', { id: 'funn', className: 'funn' });
  if (findings.length === 0) {
    section.append(el('p', { className: 'ds-paragraph ingen', text: t('noFindings') }), list);
    return section;
  }
  const filters = state.filters;
  filters.open ??= new Set();
  filters.closed ??= new Set();
  filters.paged ??= new Map();
  const count = el('p', { className: 'ds-paragraph funn-antall', role: 'status' });

  const present = (key) => [...new Set(findings.map((f) => f[key]).filter((v) => v != null && v !== ''))];
  // The filter counts what the tiles count: every finding, those counted
  // but not listed (over the page's limit per rule) too.
  const perSeverity = Object.fromEntries(SEVERITIES.map((s) => [s, report.counts?.[s] ?? findings.filter((f) => f.severity === s).length]));
  const notListed = [...omitted.values()].reduce((a, b) => a + b, 0);
  const totalFindings = findings.length + notListed;
  const notListedOf = (code) => (filters.rule && code !== filters.rule ? 0 : omitted.get(code) ?? 0);
  const severityBoxes = SEVERITIES.filter((s) => perSeverity[s] > 0).map((s) => {
    const input = el('input', { type: 'checkbox', className: 'ds-input', id: `filter-${s}`, value: s, checked: filters.severities.has(s) });
    input.addEventListener('change', () => {
      if (input.checked) filters.severities.add(s);
      else filters.severities.delete(s);
      apply();
    });
    return el('div', { className: 'ds-field' }, input, el('label', { className: 'ds-label', 'data-weight': 'regular', for: `filter-${s}` }, severityTag(s, t), ` ${t.number(perSeverity[s])}`));
  });
  const codes = present('code').sort();
  const ruleSelect = select('filter-regel', t('filterRule'), t('all'), codes.map((c) => [c, `${c} ${rules.get(c) ? t.pick(rules.get(c), 'title') : ''}`.trim()]), filters.rule, (v) => {
    filters.rule = v;
    apply();
  });
  // Service codes with their names where the report's duty table has them.
  const names = new Map((report.duties?.byService ?? []).map((s) => [String(s.code), t.pick(s, 'name')]));
  const services = present('tjTjenType').sort((a, b) => Number(a) - Number(b) || String(a).localeCompare(String(b)));
  const serviceSelect = services.length
    ? select('filter-tjeneste', t('filterService'), t('all'), services.map((c) => [c, names.get(String(c)) ? `${c} ${names.get(String(c))}` : String(c)]), filters.service, (v) => {
        filters.service = v;
        apply();
      })
    : null;
  const search = el('input', { type: 'search', id: 'filter-sok', className: 'ds-input', value: filters.text, autocomplete: 'off', 'aria-describedby': 'filter-sok-hint' });
  let typing = 0;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      filters.text = search.value;
      apply();
    }, 150);
  });
  const searchField = el(
    'div',
    { className: 'ds-field sok' },
    el('label', { className: 'ds-label', for: 'filter-sok', text: t('searchLabel') }),
    el('p', { id: 'filter-sok-hint', className: 'ds-paragraph', 'data-size': 'sm', 'data-field': 'description', text: t('searchHint') }),
    search,
  );
  const viewRadio = (value) => {
    const input = el('input', { type: 'radio', className: 'ds-input', name: 'funn-visning', id: `vis-${value}`, value, checked: filters.view === value });
    input.addEventListener('change', () => {
      if (!input.checked) return;
      filters.view = value;
      apply();
    });
    return el('div', { className: 'ds-field' }, input, el('label', { className: 'ds-label', 'data-weight': 'regular', for: `vis-${value}`, text: t(value === 'rule' ? 'viewByRule' : 'viewByPerson') }));
  };
  section.append(
    el(
      'fieldset',
      { className: 'ds-fieldset filtre' },
      el('legend', { className: 'ds-label', text: t('filters') }),
      el('fieldset', { className: 'ds-fieldset visning' }, el('legend', { className: 'ds-label', 'data-weight': 'regular', text: t('viewLabel') }), el('div', { className: 'filter-rad' }, viewRadio('rule'), viewRadio('person'))),
      searchField,
      el('div', { className: 'filter-rad' }, el('fieldset', { className: 'ds-fieldset alvor-filter' }, el('legend', { className: 'ds-label', 'data-weight': 'regular', text: t('filterSeverity') }), severityBoxes), ruleSelect, serviceSelect),
    ),
    count,
    el('p', { className: 'ds-paragraph hint', 'data-size': 'sm', text: t('keysHint') }),
    list,
  );

  // By rule: groups in severity order, then by code; each keeps all its findings.
  const groups = new Map();
  for (const f of findings) {
    if (!groups.has(f.code)) groups.set(f.code, []);
    groups.get(f.code).push(f);
  }
  const sorted = [...groups.entries()].sort(
    ([a, fa], [b, fb]) => SEVERITIES.indexOf(fa[0].severity) - SEVERITIES.indexOf(fb[0].severity) || a.localeCompare(b),
  );
  // By person: the file's own findings first, then persons in file order.
  const persons = new Map();
  for (const f of findings) {
    const key = f.person ?? 0;
    if (!persons.has(key)) persons.set(key, []);
    persons.get(key).push(f);
  }
  const people = [...persons.entries()].sort(([a], [b]) => a - b);

  function apply() {
    const text = filters.text.trim().toLowerCase();
    const keep = (f) =>
      filters.severities.has(f.severity) &&
      (!filters.rule || f.code === filters.rule) &&
      (!filters.service || String(f.tjTjenType ?? '') === filters.service) &&
      matchesSearch(f, text, t.pick);
    const shown = [];
    let total = 0;
    if (filters.view === 'person') {
      for (const [person, all] of people) {
        const rows = all.filter(keep).sort(bySeverity);
        total += rows.length;
        if (rows.length) shown.push(renderPerson(person, rows, ctx, people.length <= 12));
      }
      count.textContent = t('showingPersons', t.number(total), t.number(totalFindings), t.number(shown.length));
    } else {
      for (const [code, all] of sorted) {
        const rows = all.filter(keep);
        total += rows.length;
        if (rows.length) shown.push(renderGroup(code, rows, ctx, sorted.length <= 12 || rows[0].severity === 'fatal', omitted.get(code) ?? 0));
      }
      count.textContent = t('showing', t.number(total), t.number(totalFindings), t.number(shown.length));
    }
    // Findings counted but not listed, of what the filters let through.
    const hidden = sorted
      .filter(([, all]) => filters.severities.has(all[0].severity) && !text && !filters.service)
      .reduce((n, [code]) => n + notListedOf(code), 0);
    if (hidden > 0) count.textContent += ` ${t('notListed', t.number(hidden))}`;
    list.replaceChildren(...shown);
    // What the list now shows (for a test or a host to wait on).
    list.dataset.search = filters.text;
    list.dataset.view = filters.view;
  }
  apply();

  list.addEventListener('keydown', (event) => {
    const summary = event.target.closest?.('summary');
    if (!summary || !list.contains(summary)) return;
    const all = [...list.querySelectorAll(':scope > details > summary')];
    const i = all.indexOf(summary);
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: all.length - 1 }[event.key];
    if (to == null || !all[to]) return;
    event.preventDefault();
    all[to].focus();
  });
  return section;
}

function select(id, label, allText, options, value, onChange) {
  const node = el('select', { id, className: 'ds-input' }, el('option', { value: '', text: allText }), options.map(([v, text]) => el('option', { value: v, text, selected: v === value })));
  node.addEventListener('change', () => onChange(node.value));
  return el('div', { className: 'ds-field' }, el('label', { className: 'ds-label', for: id, text: label }), node);
}

/**
 * A group that remembers, in the filters, whether it is open and how far it
 * is paged (`key`), and fills its body the first time it opens.
 */
function group(key, summary, fill, ctx, openByDefault, attrs) {
  const { open, closed, paged } = ctx.state.filters;
  const body = el('div', { className: 'gruppe-innhold' });
  const details = el('details', { className: 'ds-details gruppe', ...attrs }, summary, body);
  let filled = false;
  const fillOnce = () => {
    if (filled) return;
    filled = true;
    fill(body, (n) => paged.set(key, n), paged.get(key) ?? PAGE);
  };
  // Printing opens every group and needs its rows at once ('toggle' comes
  // a task later, after the page has been laid out for paper).
  details.addEventListener('iplos-fill', fillOnce);
  // What the user opens and closes is kept for the next render.
  details.addEventListener('toggle', () => {
    if (details.open) {
      open.add(key);
      closed.delete(key);
      fillOnce();
    } else {
      open.delete(key);
      closed.add(key);
    }
  });
  if (open.has(key) || (openByDefault && !closed.has(key))) {
    details.open = true;
    fillOnce();
  }
  return details;
}

function renderGroup(code, rows, ctx, openByDefault, omitted = 0) {
  const { t, rules } = ctx;
  const rule = rules.get(code);
  const severity = rows[0].severity;
  const summary = el(
    'summary',
    {},
    el('span', { className: 'gruppe-topp' }, el('span', { className: 'kode', text: code }), severityTag(severity, t), el('span', { className: 'antall-funn', text: t('findingsCount', t.number(rows.length + omitted)) })),
    rule ? el('span', { className: 'tittel', text: t.pick(rule, 'title') }) : null,
  );
  const fill = (body, onPaged, upTo) => {
    if (rule?.why) body.append(el('p', { className: 'ds-paragraph hvorfor' }, el('strong', { text: `${t('why')}: ` }), ...withCode(t.pick(rule, 'why'))));
    if (rule?.fix) body.append(el('p', { className: 'ds-paragraph retting' }, el('strong', { text: `${t('fix')}: ` }), ...withCode(t.pick(rule, 'fix'))));
    const columns = ['colLine', 'colFile', 'colPerson', 'colPePeID', 'colFid', 'colService', 'colMessage'];
    const cells = (f) => [lineCell(f), fileCell(f, t), numberCell(f.person), el('td', { text: f.pePeID ?? '' }), el('td', { className: 'fid', text: f.fid ?? '' }), el('td', { text: f.tjTjenType ?? '' }), el('td', { text: t.pick(f, 'message') })];
    body.append(pagedTable(t('tableCaption', code), columns, rows, cells, ctx, onPaged, upTo));
    if (omitted > 0) body.append(el('p', { className: 'ds-paragraph utelatt', text: t('omittedNote', t.number(omitted)) }));
  };
  return group(`rule:${code}`, summary, fill, ctx, openByDefault, { 'data-code': code, 'data-severity': severity });
}

function renderPerson(person, rows, ctx, openByDefault) {
  const { t, rules } = ctx;
  const first = rows[0];
  const worst = first.severity;
  const perSeverity = SEVERITIES.map((s) => [s, rows.filter((f) => f.severity === s).length]).filter(([, n]) => n > 0);
  const who = person
    ? [t('personNo', t.number(person)), first.pePeID ? `${t('colPePeID')} ${first.pePeID}` : null, rows.find((f) => f.fid)?.fid ?? null].filter(Boolean).join(' · ')
    : t('wholeFile');
  const summary = el(
    'summary',
    {},
    el(
      'span',
      { className: 'gruppe-topp' },
      el('span', { className: 'kode', text: who }),
      severityTag(worst, t),
      el('span', { className: 'antall-funn', text: perSeverity.map(([s, n]) => `${t.number(n)} ${(t('severity')[s] ?? s).toLowerCase()}`).join(', ') }),
    ),
  );
  const fill = (body, onPaged, upTo) => {
    const columns = ['colSeverity', 'colRule', 'colLine', 'colFile', 'colService', 'colMessage'];
    const cells = (f) => [
      el('td', {}, severityTag(f.severity, t)),
      el('td', { text: `${f.code} ${rules.get(f.code) ? t.pick(rules.get(f.code), 'title') : ''}`.trim() }),
      lineCell(f),
      fileCell(f, t),
      el('td', { text: f.tjTjenType ?? '' }),
      el('td', { text: t.pick(f, 'message') }),
    ];
    body.append(pagedTable(person ? t('personCaption', t.number(person)) : t('wholeFile'), columns, rows, cells, ctx, onPaged, upTo));
  };
  return group(`person:${person}`, summary, fill, ctx, openByDefault, { 'data-person': String(person), 'data-severity': worst });
}

const lineCell = (f) => el('td', { className: 'tall-celle', text: f.line == null ? '' : f.column == null ? `${f.line}` : `${f.line}:${f.column}` });
const numberCell = (n) => el('td', { className: 'tall-celle', text: n == null ? '' : String(n) });
/** Which file the row's line number points into. */
const fileCell = (f, t) => el('td', { className: 'fil-celle', text: f.line == null ? '' : t(f.file === 'ident' ? 'fileIdent' : 'fileMain') });

function pagedTable(caption, columns, rows, cells, { t }, onPaged, upTo) {
  const tbody = el('tbody');
  const table = el(
    'table',
    { className: 'ds-table funntabell', 'data-border': true, 'data-size': 'sm', 'data-color': 'neutral' },
    el('caption', { className: 'ds-sr-only', text: caption }),
    el('thead', {}, el('tr', {}, columns.map((k) => el('th', { scope: 'col', text: t(k), title: t.has(`${k}Field`) ? t(`${k}Field`) : null })))),
    tbody,
  );
  const wrap = scroller(caption, table);
  let shown = 0;
  const more = el('button', { type: 'button', className: 'ds-button flere', 'data-variant': 'tertiary', 'data-size': 'sm' });
  const page = (n = PAGE) => {
    const next = rows.slice(shown, shown + n);
    // Each cell names its column (data-label): at phone widths a row reads as a card.
    const labels = columns.map((k) => t(k));
    tbody.append(
      ...next.map((f) => {
        const row = cells(f);
        row.forEach((td, i) => td.setAttribute('data-label', labels[i] ?? ''));
        return el('tr', {}, ...row);
      }),
    );
    shown += next.length;
    const left = rows.length - shown;
    more.textContent = t('showMore', t.number(Math.min(PAGE, left)));
    more.hidden = left <= 0;
  };
  more.addEventListener('click', () => {
    page();
    onPaged(shown);
  });
  page(Math.max(PAGE, upTo));
  return el('div', {}, wrap, more);
}

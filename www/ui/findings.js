// Findings grouped by rule: the rule's title, why and how to fix, and under
// it the records (line, person, pePeID, masked identity, service, message).
// Filters by severity, rule and service code; arrow keys move between
// rules. Rows are rendered when a group is opened, a page at a time, so a
// file with a hundred thousand findings stays quick.

import { el, scroller, severityTag, withCode } from './dom.js';
import { SEVERITIES } from './verdict.js';

const PAGE = 100;

export function emptyFilters() {
  return { severities: new Set(SEVERITIES), rule: '', service: '' };
}

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
  const count = el('p', { className: 'ds-paragraph funn-antall', role: 'status' });

  const present = (key) => [...new Set(findings.map((f) => f[key]).filter((v) => v != null && v !== ''))];
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length]));
  const severityBoxes = SEVERITIES.filter((s) => bySeverity[s] > 0).map((s) => {
    const input = el('input', { type: 'checkbox', className: 'ds-input', id: `filter-${s}`, value: s, checked: filters.severities.has(s) });
    input.addEventListener('change', () => {
      if (input.checked) filters.severities.add(s);
      else filters.severities.delete(s);
      apply();
    });
    return el('div', { className: 'ds-field' }, input, el('label', { className: 'ds-label', 'data-weight': 'regular', for: `filter-${s}` }, severityTag(s, t), ` ${t.number(bySeverity[s])}`));
  });
  const codes = present('code').sort();
  const ruleSelect = select('filter-regel', t('filterRule'), t('all'), codes.map((c) => [c, `${c} ${rules.get(c) ? t.pick(rules.get(c), 'title') : ''}`.trim()]), filters.rule, (v) => {
    filters.rule = v;
    apply();
  });
  const services = present('tjTjenType').sort((a, b) => Number(a) - Number(b) || String(a).localeCompare(String(b)));
  const serviceSelect = services.length
    ? select('filter-tjeneste', t('filterService'), t('all'), services.map((c) => [c, c]), filters.service, (v) => {
        filters.service = v;
        apply();
      })
    : null;
  section.append(
    el(
      'fieldset',
      { className: 'ds-fieldset filtre' },
      el('legend', { className: 'ds-label', text: t('filters') }),
      el('div', { className: 'filter-rad' }, el('fieldset', { className: 'ds-fieldset alvor-filter' }, el('legend', { className: 'ds-label', 'data-weight': 'regular', text: t('filterSeverity') }), severityBoxes), ruleSelect, serviceSelect),
    ),
    count,
    el('p', { className: 'ds-paragraph hint', 'data-size': 'sm', text: t('keysHint') }),
    list,
  );

  // Groups in severity order, then by code; each keeps all its findings.
  const groups = new Map();
  for (const f of findings) {
    if (!groups.has(f.code)) groups.set(f.code, []);
    groups.get(f.code).push(f);
  }
  const sorted = [...groups.entries()].sort(
    ([a, fa], [b, fb]) => SEVERITIES.indexOf(fa[0].severity) - SEVERITIES.indexOf(fb[0].severity) || a.localeCompare(b),
  );

  function apply() {
    const keep = (f) =>
      filters.severities.has(f.severity) && (!filters.rule || f.code === filters.rule) && (!filters.service || String(f.tjTjenType ?? '') === filters.service);
    const shown = [];
    let total = 0;
    for (const [code, all] of sorted) {
      const rows = all.filter(keep);
      total += rows.length;
      if (rows.length) shown.push(renderGroup(code, rows, ctx, sorted.length <= 12 || rows[0].severity === 'fatal', omitted.get(code) ?? 0));
    }
    list.replaceChildren(...shown);
    count.textContent = t('showing', t.number(total), t.number(findings.length), t.number(shown.length));
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

function renderGroup(code, rows, ctx, open, omitted = 0) {
  const { t, rules } = ctx;
  const rule = rules.get(code);
  const severity = rows[0].severity;
  const summary = el(
    'summary',
    {},
    el('span', { className: 'gruppe-topp' }, el('span', { className: 'kode', text: code }), severityTag(severity, t), el('span', { className: 'antall-funn', text: t('findingsCount', t.number(rows.length + omitted)) })),
    rule ? el('span', { className: 'tittel', text: t.pick(rule, 'title') }) : null,
  );
  const body = el('div', { className: 'gruppe-innhold' });
  const details = el('details', { className: 'ds-details gruppe', 'data-code': code, 'data-severity': severity }, summary, body);
  let filled = false;
  const fill = () => {
    if (filled) return;
    filled = true;
    if (rule?.why) body.append(el('p', { className: 'ds-paragraph hvorfor' }, el('strong', { text: `${t('why')}: ` }), ...withCode(t.pick(rule, 'why'))));
    if (rule?.fix) body.append(el('p', { className: 'ds-paragraph retting' }, el('strong', { text: `${t('fix')}: ` }), ...withCode(t.pick(rule, 'fix'))));
    body.append(rowsTable(code, rows, ctx));
    if (omitted > 0) body.append(el('p', { className: 'ds-paragraph utelatt', text: t('omittedNote', t.number(omitted)) }));
  };
  details.addEventListener('toggle', () => details.open && fill());
  if (open) {
    details.open = true;
    fill();
  }
  return details;
}

function rowsTable(code, rows, { t }) {
  const tbody = el('tbody');
  const table = el(
    'table',
    { className: 'ds-table funntabell', 'data-border': true, 'data-size': 'sm', 'data-color': 'neutral' },
    el('caption', { className: 'ds-sr-only', text: t('tableCaption', code) }),
    el('thead', {}, el('tr', {}, ['colLine', 'colPerson', 'colPePeID', 'colFid', 'colService', 'colMessage'].map((k) => el('th', { scope: 'col', text: t(k) })))),
    tbody,
  );
  const wrap = scroller(t('tableCaption', code), table);
  let shown = 0;
  const more = el('button', { type: 'button', className: 'ds-button flere', 'data-variant': 'tertiary', 'data-size': 'sm' });
  const page = () => {
    const next = rows.slice(shown, shown + PAGE);
    tbody.append(
      ...next.map((f) =>
        el(
          'tr',
          {},
          el('td', { className: 'tall-celle', text: f.line == null ? '' : f.column == null ? `${f.line}` : `${f.line}:${f.column}` }),
          el('td', { className: 'tall-celle', text: f.person == null ? '' : String(f.person) }),
          el('td', { text: f.pePeID ?? '' }),
          el('td', { className: 'fid', text: f.fid ?? '' }),
          el('td', { text: f.tjTjenType ?? '' }),
          el('td', { text: t.pick(f, 'message') }),
        ),
      ),
    );
    shown += next.length;
    const left = rows.length - shown;
    more.textContent = t('showMore', t.number(Math.min(PAGE, left)));
    more.hidden = left <= 0;
  };
  more.addEventListener('click', page);
  page();
  return el('div', {}, wrap, more);
}

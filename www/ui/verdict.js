// The verdict banner and the counts. The banner carries data-verdict with
// the report's verdict key (klar, feil_i_poster, avvises,
// kan_ikke_kontrolleres); it exists only while a result is shown.

import { el, severityIcon } from './dom.js';

const COLOR = { klar: 'success', feil_i_poster: 'warning', avvises: 'danger', kan_ikke_kontrolleres: 'danger' };
export const SEVERITIES = ['fatal', 'error', 'warning', 'info'];

export function renderVerdict(report, { t, chosenYear }) {
  const banner = el(
    'div',
    { id: 'dom', className: 'ds-alert dom', part: 'verdict', 'data-color': COLOR[report.verdict] ?? 'info', 'data-verdict': report.verdict },
    el('p', { id: 'dom-tekst', className: 'dom-tekst', text: t.pick(report, 'verdictText') }),
  );
  const records = report.records ?? {};
  const counts = el(
    'dl',
    { id: 'antall', className: 'antall', part: 'counts' },
    tile(t('persons'), t.number(report.persons)),
    tile(t('records'), t.number(records.tjeneste ?? 0)),
    tile(t('personsWithErrors'), t.number(report.personsWithErrors ?? 0)),
    SEVERITIES.map((s) => tile([severityIcon(s), ' ', t('severityPlural')[s]], t.number(report.counts?.[s] ?? 0), `tall-${s}`)),
  );
  const nodes = [banner, counts];
  if (report.year && chosenYear && Number(report.year) !== Number(chosenYear)) {
    nodes.push(el('p', { className: 'ds-paragraph merknad', text: t('yearNote', report.year, chosenYear) }));
  }
  return nodes;
}

function tile(label, value, extra = '') {
  return el('div', { className: `tall ${extra}`.trim() }, el('dt', {}, label), el('dd', { text: value }));
}

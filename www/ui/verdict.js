// The verdict banner and the counts. The banner carries data-verdict with
// the report's verdict key (klar, feil_i_poster, avvises,
// kan_ikke_kontrolleres); it exists only while a result is shown.

import { el, severityIcon } from './dom.js';

const COLOR = { klar: 'success', feil_i_poster: 'warning', avvises: 'danger', kan_ikke_kontrolleres: 'danger' };
export const SEVERITIES = ['fatal', 'error', 'warning', 'info'];

export function renderVerdict(report, { t, chosenYear }) {
  // Identity checks skipped: a 2018+ file checked without its identmelding (FIL-16).
  const noIdent = (report.findings ?? []).some((f) => f.code === 'FIL-16');
  const banner = el(
    'div',
    { id: 'dom', className: 'ds-alert dom', part: 'verdict', 'data-color': COLOR[report.verdict] ?? 'info', 'data-verdict': report.verdict },
    // The page moves focus here when a result is ready (page.js).
    el('h3', { id: 'dom-tekst', className: 'dom-tekst', tabindex: '-1', text: t.pick(report, 'verdictText') }),
    el('p', { id: 'neste-steg', className: 'ds-paragraph neste-steg', text: t('nextStep')[report.verdict] ?? '' }),
    noIdent ? el('p', { id: 'uten-ident', className: 'ds-paragraph', text: t('identSkipped') }) : null,
    compared(report, t),
  );
  const records = report.records ?? {};
  const counts = el(
    'dl',
    { id: 'antall', className: 'antall', part: 'counts' },
    tile(t('persons'), t.number(report.persons)),
    tile(t('records'), t.number(records.tjeneste ?? 0)),
    // A file that could not be read to its end has no count of persons
    // with errors to show beside its critical finding.
    tile(t('personsWithErrors'), report.verdict === 'kan_ikke_kontrolleres' ? t('notCounted') : t.number(report.personsWithErrors ?? 0)),
    SEVERITIES.map((s) => tile([severityIcon(s), ' ', t('severityPlural')[s]], t.number(report.counts?.[s] ?? 0), `tall-${s}`)),
  );
  const nodes = [banner, counts];
  if (report.year && chosenYear && Number(report.year) !== Number(chosenYear)) {
    nodes.push(el('p', { className: 'ds-paragraph merknad', text: t('yearNote', report.year, chosenYear) }));
  }
  return nodes;
}

/** One line on the comparison with last year's file, when one was given. */
function compared(report, t) {
  const c = report.comparison;
  if (report.comparisonProblem && !c) return el('p', { id: 'fjor-linje', className: 'ds-paragraph', text: t('compareBannerProblem') });
  if (!c) return null;
  // Kinds of change (FJO-05, a renumbering, is for information), and the
  // persons gone, each of whom is one FJO-04.
  const kinds = (c.findings ?? []).filter((f) => f.code !== 'FJO-05').length;
  const gone = (c.findings ?? []).find((f) => f.code === 'FJO-04')?.count ?? 0;
  return el('p', { id: 'fjor-linje', className: 'ds-paragraph', text: t('compareBanner', c.previousYear, kinds, t.number(gone)) });
}

function tile(label, value, extra = '') {
  return el('div', { className: `tall ${extra}`.trim() }, el('dt', {}, label), el('dd', { text: value }));
}

// Two plain-text summaries of a report, for the people the caseworker tells
// what is wrong. No DOM here.
//
// - For the EPJ vendor: per rule, its code, severity, title, how many
//   findings, the fields its text names, why and how to fix it. No personal
//   data at all: no identity number, no pePeID, no line or person number, no
//   finding's own message (a message may quote a value from a person).
// - For the manager: one page with the verdict, counts, duty, receiver and
//   deadline, the rules with most findings and the persons and services.

import { translator } from './i18n.js';

const SEVERITY_ORDER = ['fatal', 'error', 'warning', 'info'];

/** Per rule: {code, severity, count}, the listed and the omitted findings together, most serious first. */
function perRule(report) {
  const rows = new Map();
  for (const f of report.findings ?? []) {
    const row = rows.get(f.code) ?? { code: f.code, severity: f.severity, count: 0 };
    row.count += 1;
    rows.set(f.code, row);
  }
  for (const o of report.findingsOmitted ?? []) {
    const row = rows.get(o.code);
    if (row) row.count += o.count;
  }
  return [...rows.values()].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || b.count - a.count || a.code.localeCompare(b.code),
  );
}

/** The field names a rule's texts name in backticks (`tjTimerUke`). */
function fields(rule, t) {
  const text = [t.pick(rule, 'title'), t.pick(rule, 'why'), t.pick(rule, 'fix')].join(' ');
  return [...new Set([...text.matchAll(/`([A-Za-z][A-Za-z0-9]*)`/g)].map((m) => m[1]))];
}

function header(report, t, title) {
  const p = report.provenance ?? {};
  return [
    title,
    '='.repeat(title.length),
    '',
    `${t('summaryYear')}: ${report.year ?? '?'}`,
    `${t('kommune')}: ${report.duties?.sender ?? report.kommune ?? '?'}`,
    `${t('summaryVerdict')}: ${t.pick(report, 'verdictText')}`,
    `${t('summaryCounts')}: ${SEVERITY_ORDER.map((s) => `${t('severityPlural')[s]} ${t.number(report.counts?.[s] ?? 0)}`).join(', ')}`,
    `${t('rulesVersion')}: ${p.rulesVersion ?? ''} · ${t('engineVersion')}: ${p.engineVersion ?? ''}`,
    '',
  ];
}

/** The summary for the EPJ vendor: rules and counts, no personal data. */
export function vendorSummary(report, rules, lang = 'nb') {
  const t = translator(lang);
  const lines = [...header(report, t, t('vendorTitle')), t('vendorIntro'), ''];
  for (const row of perRule(report)) {
    const rule = rules.get(row.code) ?? {};
    lines.push(`${row.code} · ${t('severity')[row.severity] ?? row.severity} · ${t.pick(rule, 'title') ?? ''}`);
    lines.push(`  ${t('vendorCount')}: ${t.number(row.count)}`);
    const named = fields(rule, t);
    if (named.length) lines.push(`  ${t('vendorFields')}: ${named.join(', ')}`);
    if (t.pick(rule, 'why')) lines.push(`  ${t('why')}: ${t.pick(rule, 'why')}`);
    if (t.pick(rule, 'fix')) lines.push(`  ${t('fix')}: ${t.pick(rule, 'fix')}`);
    lines.push('');
  }
  if (!perRule(report).length) lines.push(t('vendorNone'), '');
  return `${lines.join('\r\n')}\r\n`;
}

/** The comparison with last year, for the manager: persons, the FJO rules raised, the largest changes. */
function comparisonLines(report, rules, t) {
  const c = report.comparison;
  if (!c) return report.comparisonProblem ? [t('compareHeadingPlain'), `  ${t.lang === 'en' ? report.comparisonProblem.en : report.comparisonProblem.nb}`, ''] : [];
  const lines = [t('compareHeading', c.previousYear)];
  lines.push(`  ${t('compareLastYear', c.previousYear)}: ${t.number(c.persons?.lastYear)} · ${t('compareThisYear', c.year)}: ${t.number(c.persons?.thisYear)}`);
  for (const n of c.findings ?? []) lines.push(`  ${n.code} ${t.pick(rules.get(n.code) ?? {}, 'title')}: ${t.number(n.count)}`);
  if (!(c.findings ?? []).length) lines.push(`  ${t('compareNone', c.previousYear)}`);
  const moved = (c.byService ?? [])
    .filter((r) => r.personsChange)
    .sort((a, b) => Math.abs(b.personsChange) - Math.abs(a.personsChange))
    .slice(0, 5);
  for (const r of moved) lines.push(`  ${r.code} ${t.pick(r, 'name')}: ${t.number(r.personsLastYear)} → ${t.number(r.personsThisYear)}`);
  lines.push('');
  return lines;
}

/** One page for the manager: verdict, counts, duty, deadline, top rules, figures. */
export function managerSummary(report, rules, lang = 'nb') {
  const t = translator(lang);
  const d = report.duties ?? {};
  const s = report.stats ?? {};
  const lines = [...header(report, t, t('managerTitle'))];
  lines.push(t('nextStep')[report.verdict] ?? '');
  lines.push('');
  if (d.registers) {
    lines.push(`${t('registers')}: ${(d.registers ?? []).join(', ')}`);
    lines.push(`${t('receiver')}: ${t.pick(d, 'receiver') ?? ''}`);
    lines.push(`${t('deadline')}: ${t.date(d.deadline)}`);
    lines.push('');
  }
  lines.push(`${t('persons')}: ${t.number(report.persons ?? 0)} · ${t('personsWithErrors')}: ${t.number(report.personsWithErrors ?? 0)}`);
  lines.push(`${t('records')}: ${t.number(report.records?.tjeneste ?? 0)}`);
  if (s.recipientsActive != null) lines.push(`${t('recipientsActive')}: ${t.number(s.recipientsActive)}`);
  lines.push('');
  const top = perRule(report).filter((r) => r.severity !== 'info').slice(0, 5);
  if (top.length) {
    lines.push(t('managerTop'));
    for (const row of top) lines.push(`  ${row.code} ${t.pick(rules.get(row.code) ?? {}, 'title') ?? ''}: ${t.number(row.count)}`);
    lines.push('');
  }
  const services = (s.byService ?? []).slice().sort((a, b) => (b.personsActive ?? 0) - (a.personsActive ?? 0)).slice(0, 8);
  if (services.length) {
    lines.push(t('managerServices'));
    for (const r of services) lines.push(`  ${r.code} ${t.pick(r, 'name')}: ${t.number(r.personsActive ?? 0)}`);
    lines.push('');
  }
  lines.push(...comparisonLines(report, rules, t));
  return `${lines.join('\r\n')}\r\n`;
}

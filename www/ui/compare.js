// The comparison with last year's file (report.comparison, docs/report.md):
// the FJO findings on top, then persons in one year, the other or both,
// a side-by-side chart per service code with the table behind it, and the
// function scores and age groups. Built from the same figures as the
// statistics preview, so the numbers agree across the panels. A last
// year's file that could not be compared (another year) gets its reason
// here, and this year's result stays whole.

import { pairChart } from './charts.js';
import { dl, el, figureTable } from './dom.js';

/** Findings of each FJO code shown in the panel; the list under "Funn" has them all. */
const SHOWN_PER_CODE = 5;


/** A change with its sign: +12, −3, 0. */
function signed(t, n, digits = 0) {
  if (n == null) return '–';
  const v = Number(n);
  const text = t.number(Math.abs(v), digits);
  return v > 0 ? `+${text}` : v < 0 ? `−${text}` : text;
}

function share(t, s) {
  return s == null ? '–' : `${signed(t, s * 100, 1)} %`;
}

export function renderComparison(report, { t, rules }) {
  const c = report.comparison;
  const problem = report.comparisonProblem;
  if (!c && !problem) return null;
  const section = el('section', { id: 'fjoraaret', className: 'del', 'aria-labelledby': 'fjoraaret-tittel' });
  section.append(el('h2', { id: 'fjoraaret-tittel', className: 'ds-heading', 'data-size': 'md', text: c ? t('compareHeading', c.previousYear) : t('compareHeadingPlain') }));
  if (!c) {
    section.append(
      el(
        'div',
        { id: 'fjor-problem', className: 'ds-alert', 'data-color': 'warning' },
        el('p', { className: 'ds-paragraph', text: t.lang === 'en' ? problem.en : problem.nb }),
        el('p', { className: 'ds-paragraph', text: t('compareProblemHelp') }),
      ),
    );
    return section;
  }

  // ---- the FJO findings on top
  const findings = (report.findings ?? []).filter((f) => f.code?.startsWith('FJO-'));
  const counted = new Map((c.findings ?? []).map((n) => [n.code, n.count]));
  const th = c.thresholds ?? {};
  if (counted.size) {
    const list = el('div', { id: 'fjo-funn', className: 'fjo-funn' });
    for (const [code, count] of counted) {
      const rule = rules.get(code);
      const own = findings.filter((f) => f.code === code);
      // FJO-04 is one finding per person: the table below lists them.
      const items =
        code === 'FJO-04'
          ? [el('li', { text: t('compareSeeList', t.number(count)) })]
          : own.slice(0, SHOWN_PER_CODE).map((f) => el('li', { text: t.pick(f, 'message') }));
      if (code !== 'FJO-04' && count > items.length) items.push(el('li', { className: 'flere-tekst', text: t('compareMore', t.number(count - items.length)) }));
      list.append(
        el(
          'div',
          { className: 'ds-alert fjo', 'data-color': rule?.severity === 'info' ? 'info' : 'warning', 'data-code': code },
          el('h3', { className: 'ds-heading', 'data-size': '2xs', text: `${code} · ${t.pick(rule, 'title')} (${t.number(count)})` }),
          el('ul', { className: 'ds-list' }, items),
          rule ? el('p', { className: 'ds-paragraph', 'data-size': 'sm', text: `${t('compareFix')} ${t.pick(rule, 'fix')}` }) : null,
        ),
      );
    }
    section.append(list);
  } else {
    section.append(el('div', { id: 'fjo-funn', className: 'ds-alert', 'data-color': 'success' }, el('p', { className: 'ds-paragraph', text: t('compareNone', c.previousYear) })));
  }
  section.append(
    el('p', { id: 'fjo-terskler', className: 'ds-paragraph merknad', 'data-size': 'sm', text: t('compareThresholds', t.number((th.serviceChangeShare ?? 0) * 100), t.number(th.serviceChangePersons), t.number((th.totalChangeShare ?? 0) * 100), t.number((th.openMissingShare ?? 0) * 100), t.number(th.functionMeanChange, 1)) }),
    el('p', { className: 'ds-paragraph', 'data-size': 'sm', text: t.pick({ n: c.noteNb, nEn: c.noteEn }, 'n') }),
  );

  // ---- persons in one year, the other, or both
  const p = c.persons ?? {};
  const m = c.missingOpenEnded ?? {};
  section.append(
    el('h3', { className: 'ds-heading', 'data-size': 'xs', text: t('comparePersons') }),
    dl(
      [
        [t('compareThisYear', c.year), t.number(p.thisYear)],
        [t('compareLastYear', c.previousYear), t.number(p.lastYear)],
        [t('compareInBoth'), t.number(p.inBoth)],
        [t('compareOnlyLast'), t.number(p.onlyLastYear)],
        [t('compareOnlyThis'), t.number(p.onlyThisYear)],
        [t('compareMissingOpen'), t('compareMissingOpenValue', t.number(m.count), t.number(m.openEndedLastYear), t.percent(m.share))],
        [t('compareRenumbered'), t.number(p.renumbered)],
      ],
      'fakta fakta-tall',
    ),
    el('p', { id: 'fjor-kobling', className: 'ds-paragraph', 'data-size': 'sm', text: t.pick(p, 'joinedOnText') }),
  );

  // ---- per service code: side by side, and the table behind it
  const services = c.byService ?? [];
  if (services.length) {
    const caption = t('compareChart', c.previousYear, c.year);
    const label = (r) => `${r.code} ${t.pick(r, 'name')}${r.mappedFrom?.length ? ` (${t('compareMapped', r.mappedFrom.join(', '))})` : ''}`;
    section.append(
      pairChart({
        id: 'diagram-fjor',
        caption,
        before: String(c.previousYear),
        after: String(c.year),
        rows: services.map((r) => ({ label: label(r), before: r.personsLastYear, after: r.personsThisYear, beforeText: t.number(r.personsLastYear), afterText: t.number(r.personsThisYear) })),
      }),
      figureTable(
        caption,
        [t('colCode'), t('colName'), t('comparePersonsIn', c.previousYear), t('comparePersonsIn', c.year), t('compareChange'), t('compareChangeShare'), t('compareServicesIn', c.previousYear), t('compareServicesIn', c.year), t('compareHoursIn', c.previousYear), t('compareHoursIn', c.year)],
        services.map((r) => [
          String(r.code),
          label(r).slice(String(r.code).length + 1),
          t.number(r.personsLastYear),
          t.number(r.personsThisYear),
          signed(t, r.personsChange),
          share(t, r.personsChangeShare),
          t.number(r.servicesLastYear),
          t.number(r.servicesThisYear),
          r.hoursPerWeekLastYear == null ? '–' : t.number(r.hoursPerWeekLastYear, 1),
          r.hoursPerWeekThisYear == null ? '–' : t.number(r.hoursPerWeekThisYear, 1),
        ]),
      ),
    );
  }

  // ---- function scores and age groups: a heading and the table
  const titledTable = (caption, head, rows) => {
    if (!rows.length) return;
    section.append(el('h3', { className: 'ds-heading', 'data-size': 'xs', text: caption }), figureTable(caption, head, rows));
  };
  titledTable(
    t('compareScores'),
    [t('compareVariable'), t('compareMeanIn', c.previousYear), t('compareMeanIn', c.year), t('compareChange'), t('compareSpreadIn', c.previousYear), t('compareSpreadIn', c.year)],
    (c.functionScores ?? []).map((s) => [
      `${s.variable} ${t.pick(s, 'name')}`,
      s.meanLastYear == null ? '–' : t.number(s.meanLastYear, 2),
      s.meanThisYear == null ? '–' : t.number(s.meanThisYear, 2),
      signed(t, s.meanChange, 2),
      // How many scored 1, 2, 3, 4 and 5.
      (s.scoresLastYear ?? []).map((n) => t.number(n)).join(' · '),
      (s.scoresThisYear ?? []).map((n) => t.number(n)).join(' · '),
    ]),
  );
  titledTable(
    t('compareAges'),
    [t('compareAgeGroup'), t('comparePersonsIn', c.previousYear), t('comparePersonsIn', c.year)],
    (c.ageGroups ?? []).map((a) => [a.group, t.number(a.personsYearLastYear), t.number(a.personsYearThisYear)]),
  );

  // ---- last year's persons with an open-ended service, absent now
  const missing = m.persons ?? [];
  if (missing.length) {
    const caption = t('compareMissingList', c.previousYear);
    section.append(
      el('h3', { className: 'ds-heading', 'data-size': 'xs', text: caption }),
      el('p', { className: 'ds-paragraph', 'data-size': 'sm', text: t('compareMissingHelp', t.number(missing.length), t.number(m.count)) }),
      figureTable(
        caption,
        ['pePeID', t('colFid'), t('compareLineLastYear')],
        missing.map((x) => [x.pePeID ?? '–', x.fid ?? '–', t.number(x.lineLastYear)]),
      ),
    );
  }
  return section;
}

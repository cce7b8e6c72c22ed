// The statistics preview (docs/report.md §4): the figures the
// register will publish, as charts where a picture reads faster, each with
// its table.

import { barChart } from './charts.js';
import { dl, el, figureTable } from './dom.js';


function withTable(t, figure, tableNode) {
  return el('div', { className: 'figur-blokk' }, figure, el('details', { className: 'ds-details tabellvisning' }, el('summary', { text: t('asTable') }), el('div', {}, tableNode)));
}

export function renderStats(report, { t }) {
  const s = report.stats;
  const section = el('section', { id: 'tall', className: 'del', 'aria-labelledby': 'tall-tittel' });
  section.append(el('h2', { id: 'tall-tittel', className: 'ds-heading', 'data-size': 'md', text: t('statsHeading') }));
  if (!s) return section;
  section.append(
    el('p', { className: 'ds-paragraph', text: t.pick({ note: s.noteNb, noteEn: s.noteEn }, 'note') }),
    dl(
      [
        [t('recipientsYear'), t.number(s.recipientsYear)],
        [t('recipientsActive'), t.number(s.recipientsActive)],
        [t('personsExcluded'), t.number(s.personsExcluded)],
      ],
      'fakta fakta-tall',
    ),
  );

  const services = s.byService ?? [];
  if (services.length) {
    const caption = t('chartService');
    section.append(
      withTable(
        t,
        barChart({
          id: 'diagram-tjeneste',
          caption,
          rows: services.map((r) => ({ label: `${r.code} ${t.pick(r, 'name')}`, value: r.personsActive ?? 0, text: t.number(r.personsActive) })),
        }),
        figureTable(
          caption,
          [t('colCode'), t('colName'), t('colPersonsActive'), t('colPersonsYear'), t('colRecordsYear'), t('colHours')],
          services.map((r) => [
            String(r.code),
            t.pick(r, 'name'),
            t.number(r.personsActive),
            t.number(r.personsYear),
            t.number(r.recordsYear),
            r.hoursPerWeekActive == null ? '–' : t.number(r.hoursPerWeekActive, 1),
          ]),
        ),
      ),
    );
  }

  const grid = el('div', { className: 'figur-rutenett' });
  const ages = s.byAgeGroup ?? [];
  if (ages.length) {
    const caption = t('chartAge');
    grid.append(
      withTable(
        t,
        barChart({ id: 'diagram-alder', caption, compact: true, rows: ages.map((a) => ({ label: a.group, value: a.persons ?? 0, text: t.number(a.persons) })) }),
        figureTable(caption, [t('colGroup'), t('colPersonsActive'), t('colPersonsYear')], ages.map((a) => [a.group, t.number(a.persons), t.number(a.personsYear)])),
      ),
    );
  }
  const groups = s.byServiceGroup ?? [];
  if (groups.length) {
    const caption = t('chartGroup');
    grid.append(
      withTable(
        t,
        barChart({ id: 'diagram-gruppe', caption, compact: true, rows: groups.map((g) => ({ label: t.pick(g, 'name'), value: g.persons ?? 0, text: t.number(g.persons) })) }),
        figureTable(caption, [t('colGroup'), t('colPersonsActive'), t('colPersonsYear')], groups.map((g) => [t.pick(g, 'name'), t.number(g.persons), t.number(g.personsYear)])),
      ),
    );
  }
  const shares = [
    [t('shareAssessment'), s.shareWithAssessment],
    [t('shareDiagnosis'), s.shareWithDiagnosis],
    [t('shareIndividualPlan'), s.shareWithIndividualPlan],
  ].filter(([, v]) => v != null);
  if (shares.length) {
    const caption = t('chartShares');
    grid.append(
      withTable(
        t,
        barChart({ id: 'diagram-andel', caption, compact: true, max: 1, rows: shares.map(([label, v]) => ({ label, value: v, text: `${t.percent(v)} %` })) }),
        figureTable(caption, [t('colGroup'), t('colShare')], shares.map(([label, v]) => [label, `${t.percent(v)} %`])),
      ),
    );
  }
  section.append(grid);
  if (s.ageUnknown) section.append(el('p', { className: 'ds-paragraph merknad', text: t('ageUnknown', t.number(s.ageUnknown)) }));
  section.append(
    el('details', { className: 'ds-details' }, el('summary', { text: t('definitions') }), el('div', {}, el('p', { className: 'ds-paragraph', text: t.pick({ d: s.definitionsNb, dEn: s.definitionsEn }, 'd') }))),
  );
  return section;
}

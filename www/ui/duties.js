// The duty panel (docs/duties.md §7) and the per-code duty table (§5).

import { dl, el, scroller } from './dom.js';

export function renderDuties(report, { t }) {
  const d = report.duties;
  const section = el('section', { id: 'plikt', className: 'del', 'aria-labelledby': 'plikt-tittel' });
  section.append(el('h2', { id: 'plikt-tittel', className: 'ds-heading', 'data-size': 'md', text: t('dutiesHeading') }));
  if (!d) return section;
  const basis = (d.basis ?? []).map((b) => t.pick(b, 'text'));
  const letter = d.letter ? (typeof d.letter === 'string' ? d.letter : t.pick(d.letter, 'text') || JSON.stringify(d.letter)) : null;
  section.append(
    dl([
      [t('registers'), (d.registers ?? []).join(', ')],
      [t('basis'), basis.length > 1 ? el('ul', { className: 'ds-list' }, basis.map((b) => el('li', { text: b }))) : basis[0]],
      [t('receiver'), t.pick(d, 'receiver')],
      [t('channel'), t.pick(d, 'channel')],
      [t('deadline'), [t.date(d.deadline), t.pick(d, 'deadlineNote') ? ` (${t.pick(d, 'deadlineNote')})` : ''].join('')],
      [t('sender'), [d.sender, t.pick(d, 'senderRule')].filter(Boolean).join('. ')],
      [t('identity'), t.pick(d.identity, 'text')],
      [t('letter'), letter],
      [t('notCovered'), el('ul', { className: 'ds-list' }, (d.notCovered ?? []).map((n) => el('li', { text: t.pick(n, 'name') })))],
    ]),
  );
  const rows = d.byService ?? [];
  if (rows.length) {
    const scope = (r) => (r.inIplosScope === true ? t('yes') : r.inIplosScope === false ? t('no') : t('uncertain'));
    section.append(
      el('h3', { className: 'ds-heading', 'data-size': 'sm', text: t('byServiceHeading') }),
      scroller(
        t('byServiceHeading'),
        el(
          'table',
          { className: 'ds-table', 'data-border': true, 'data-size': 'sm', 'data-color': 'neutral' },
          el('caption', { className: 'ds-sr-only', text: t('byServiceHeading') }),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ['colCode', 'colName', 'colRecords', 'colPersons', 'colRegisters', 'colBasis', 'colScope', 'colValid', 'colNote'].map((k) =>
                el('th', { scope: 'col', text: t(k) }),
              ),
            ),
          ),
          el(
            'tbody',
            {},
            rows.map((r) =>
              el(
                'tr',
                {},
                el('td', { className: 'kode', text: String(r.code) }),
                el('td', { text: t.pick(r, 'name') }),
                el('td', { className: 'tall-celle', text: t.number(r.records) }),
                el('td', { className: 'tall-celle', text: t.number(r.persons) }),
                el('td', { text: (r.registers ?? []).join(', ') }),
                el('td', {}, t.pick(r, 'basis'), r.basisConfidence && r.basisConfidence !== 'confirmed' ? el('span', { className: 'antatt', text: ` (${t.pick(r, 'basisLabel')})` }) : null),
                el('td', { text: scope(r) }),
                el('td', { text: r.validInYear === false ? t('no') : t('yes') }),
                el('td', { text: t.pick(r, 'note') }),
              ),
            ),
          ),
        ),
      ),
    );
  }
  if (d.basisNote) section.append(el('p', { className: 'ds-paragraph merknad', 'data-size': 'sm', text: t.pick(d, 'basisNote') }));
  return section;
}

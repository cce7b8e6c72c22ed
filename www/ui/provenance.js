// Where the result comes from: the files (name, size, SHA-256, encoding,
// format) and the rule set and engine that judged them.

import { dl, el } from './dom.js';

/** The hash in groups of eight, so it reads (and never shows 11 digits in a row). */
function groupedHash(hex) {
  return el('code', { className: 'hash', text: (hex ?? '').match(/.{1,8}/g)?.join(' ') ?? '' });
}

export function renderProvenance(report, { t, state }) {
  const p = report.provenance ?? {};
  const section = el('section', { id: 'kilde', className: 'del', 'aria-labelledby': 'kilde-tittel' });
  section.append(el('h2', { id: 'kilde-tittel', className: 'ds-heading', 'data-size': 'md', text: t('provenanceHeading') }));
  const files = p.files?.length ? p.files : [{ role: 'fagmelding', ...p }];
  for (const f of files) {
    section.append(
      el('h3', { className: 'ds-heading', 'data-size': 'xs', text: t('role')[f.role] ?? f.role }),
      dl([
        [t('fileName'), f.fileName],
        [t('size'), `${t.bytes(f.size)} (${t.number(f.size)} ${t('bytes')})`],
        [t('sha256'), groupedHash(f.sha256)],
        [t('encoding'), f.encoding],
        [t('format'), f.format],
        [t('schemaVersion'), f.schemaVersion],
      ]),
    );
  }
  section.append(
    el('h3', { className: 'ds-heading', 'data-size': 'xs', text: t('checkedAt') }),
    dl([
      [t('year'), p.year ?? report.year],
      [t('kommune'), report.duties?.sender ?? report.kommune],
      [t('profile'), p.profile],
      [t('rulesVersion'), p.rulesVersion],
      [t('engineVersion'), p.engineVersion],
      [t('checkedAt'), t.date(p.checkedAt)],
      [t('checkTime'), state?.timing ? t('checkTimeValue', t.number(state.timing.seconds, 2), t.number(state.timing.mbps, 1)) : null],
    ]),
  );
  return section;
}

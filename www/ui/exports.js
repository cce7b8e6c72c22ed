// Downloads and print: the findings as CSV (masked identities), the whole
// report as JSON, the browser's print (a clean PDF through "Save as PDF"),
// and, behind a warning dialog, the CSV with full identity numbers, which
// the worker builds and the page only passes on as a download. That last
// one only where the embedder allows it (`fullIdentities`), and only on the
// user's own clicks.

import { el } from './dom.js';

export function renderExports(report, { t, actions, fullIdentities = true }) {
  const section = el('section', { id: 'eksport', className: 'del eksport', 'aria-labelledby': 'eksport-tittel' });
  const button = (id, text, variant, onclick) => el('button', { type: 'button', id, className: 'ds-button', 'data-variant': variant, text, onclick });
  const buttons = el(
    'div',
    { className: 'knapper' },
    button('last-csv', t('exportCsv'), 'primary', actions.csv),
    button('last-json', t('exportJson'), 'secondary', actions.json),
    button('skriv-ut', t('print'), 'secondary', actions.print),
    button('last-leverandor', t('vendorButton'), 'secondary', actions.vendor),
    button('last-leder', t('managerButton'), 'secondary', actions.manager),
  );
  section.append(el('h2', { id: 'eksport-tittel', className: 'ds-heading', 'data-size': 'md', text: t('exportHeading') }), buttons);
  section.append(el('p', { className: 'ds-paragraph', 'data-size': 'sm', text: t('exportNote') }));
  if (!fullIdentities) return section;

  // Full identity numbers: behind a warning, and only for the user's own
  // clicks. A script's click() or dispatchEvent() is not trusted and does
  // nothing; "Avbryt" has the focus, so a stray Enter cancels.
  const cancel = button('fullt-nei', t('fullCancel'), 'secondary', () => dialog.close());
  const dialog = el(
    'dialog',
    { id: 'fullt-dialog', className: 'ds-dialog', 'aria-labelledby': 'fullt-tittel' },
    el('h2', { id: 'fullt-tittel', className: 'ds-heading', 'data-size': 'sm', text: t('fullTitle') }),
    el('div', { className: 'ds-alert', 'data-color': 'warning' }, el('p', { className: 'ds-paragraph', text: t('fullWarning') })),
    el(
      'div',
      { className: 'knapper' },
      button('fullt-ja', t('fullConfirm'), 'primary', (event) => {
        if (!event.isTrusted) return;
        dialog.close();
        actions.csvFull(event);
      }),
      cancel,
    ),
  );
  buttons.append(
    button('last-csv-full', t('exportCsvFull'), 'tertiary', (event) => {
      if (!event.isTrusted) return;
      dialog.showModal();
      cancel.focus();
    }),
  );
  section.append(dialog);
  return section;
}

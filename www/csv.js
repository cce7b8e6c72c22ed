// The findings as CSV: one row per finding, `;`-separated (what Norwegian
// spreadsheet programs expect), UTF-8 with a byte-order mark, CRLF line
// ends. Shared by the page (masked identities) and the worker (full
// identities, which never reach the page). No DOM here.

import { translator } from './i18n.js';

/** A cell: quoted when needed; a leading = + - @ is defused (CSV injection). */
function cell(value) {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A whole identity number as Excel keeps it: as text, leading zero and all
 * (`="01018012345"`). Only for a value that is digits and nothing else, so
 * nothing from the file can ride in on the formula; anything else is an
 * ordinary, defused cell.
 */
function identityCell(value) {
  const text = value == null ? '' : String(value);
  return /^\d{1,20}$/.test(text) ? `"=""${text}"""` : cell(text);
}

/**
 * `findings` from a report, `rules` a Map from code to catalogue row.
 * With `full`, the identity column is `fidFull` (the report must have been
 * made with revealIdentities) and is headed so.
 */
export function findingsCsv(findings, rules, lang = 'nb', { full = false } = {}) {
  const t = translator(lang);
  const header = [...t('csvHeader')];
  if (full) header[8] = t('csvFidFull');
  const severity = t('severity');
  const lines = [header.map(cell).join(';')];
  for (const f of findings) {
    const rule = rules.get(f.code);
    lines.push(
      [
        f.code,
        severity[f.severity] ?? f.severity,
        rule ? t.pick(rule, 'title') : '',
        f.line,
        f.column,
        f.file,
        f.person,
        f.pePeID,
        full ? f.fidFull ?? f.fid : f.fid,
        f.tjTjenType,
        t.pick(f, 'message'),
      ]
        .map((value, i) => (full && i === 8 ? identityCell(value) : cell(value)))
        .join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// Horizontal bar charts in HTML and CSS (no chart library, nothing from
// another origin, no SVG text that scales with the picture). Each row is a
// label, a bar and its value in a grid: a label wraps instead of being cut,
// so "14 Bruk av tvang" never reads as "4 Bruk av tvang", and the text keeps
// the page's size at every width. A bar's length is set through the CSS
// object model (allowed by the page's CSP, unlike a style attribute).
// Each chart is a figure with a caption; the bars are one image for
// assistive technology (role="img" with the values as its text), and every
// chart has a table of the same figures beside it.

import { el } from './dom.js';

/**
 * rows: [{label, value, text}] (text is the value as shown). `max` defaults
 * to the largest value. Returns a <figure>.
 */
export function barChart({ id, caption, rows, max, compact = false }) {
  const top = Math.max(max ?? 0, ...rows.map((r) => r.value), 0) || 1;
  const summary = rows.map((r) => `${r.label}: ${r.text}`).join('; ');
  const chart = el('div', { className: compact ? 'diagram kompakt' : 'diagram', role: 'img', 'aria-label': `${caption}. ${summary}` });
  for (const r of rows) {
    const bar = el('span', { className: 'diagram-stolpe' });
    const share = r.value > 0 ? Math.max(0.5, (r.value / top) * 100) : 0;
    bar.style.width = `${share.toFixed(1)}%`;
    chart.append(
      el('span', { className: 'diagram-etikett', 'aria-hidden': 'true', text: r.label }),
      el('span', { className: 'diagram-spor', 'aria-hidden': 'true' }, bar),
      el('span', { className: 'diagram-verdi', 'aria-hidden': 'true', text: r.text }),
    );
  }
  return el('figure', { className: 'figur', id }, el('figcaption', { className: 'ds-heading', 'data-size': '2xs', text: caption }), chart);
}

/**
 * Two bars per row, side by side: `before` (last year) and `after` (this
 * year), on one scale. rows: [{label, before, after, beforeText,
 * afterText}]. A legend names the two; the figure's text for assistive
 * technology says both values of each row. Returns a <figure>.
 */
export function pairChart({ id, caption, before, after, rows }) {
  const top = Math.max(...rows.flatMap((r) => [r.before, r.after]), 0) || 1;
  const summary = rows.map((r) => `${r.label}: ${before} ${r.beforeText}, ${after} ${r.afterText}`).join('; ');
  const chart = el('div', { className: 'diagram diagram-par', role: 'img', 'aria-label': `${caption}. ${summary}` });
  const bar = (value, kind) => {
    const b = el('span', { className: `diagram-stolpe ${kind}` });
    b.style.width = `${(value > 0 ? Math.max(0.5, (value / top) * 100) : 0).toFixed(1)}%`;
    return b;
  };
  for (const r of rows) {
    chart.append(
      el('span', { className: 'diagram-etikett', 'aria-hidden': 'true', text: r.label }),
      el('span', { className: 'diagram-spor diagram-spor-par', 'aria-hidden': 'true' }, bar(r.before, 'fjor'), bar(r.after, 'i-aar')),
      el('span', { className: 'diagram-verdi', 'aria-hidden': 'true' }, el('span', { className: 'fjor-tall', text: r.beforeText }), ' → ', el('span', { text: r.afterText })),
    );
  }
  const legend = el(
    'p',
    { className: 'diagram-forklaring', 'aria-hidden': 'true' },
    el('span', { className: 'merke-fjor' }),
    ` ${before}  `,
    el('span', { className: 'merke-i-aar' }),
    ` ${after}`,
  );
  return el('figure', { className: 'figur', id }, el('figcaption', { className: 'ds-heading', 'data-size': '2xs', text: caption }), legend, chart);
}

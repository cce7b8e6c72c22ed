// Horizontal bar charts as inline SVG built with DOM calls (no chart
// library, nothing from another origin). Each chart is a figure with a
// caption; the svg is role="img" with a text alternative listing the
// values, and every chart has a table of the same figures beside it.

import { el, svg } from './dom.js';

const ROW = 26;
const WIDE = { label: 260, bar: 300, value: 80 };
const COMPACT = { label: 200, bar: 130, value: 55 };

/**
 * rows: [{label, value, text}] (text is the value as shown). `max` defaults
 * to the largest value. Returns a <figure>.
 */
export function barChart({ id, caption, rows, max, compact = false }) {
  const { label: LABEL_W, bar: BAR_W, value: VALUE_W } = compact ? COMPACT : WIDE;
  const top = Math.max(max ?? 0, ...rows.map((r) => r.value), 0) || 1;
  const width = LABEL_W + BAR_W + VALUE_W;
  const height = rows.length * ROW + 4;
  const summary = rows.map((r) => `${r.label}: ${r.text}`).join('; ');
  const chart = svg('svg', {
    className: 'diagram',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `${caption}. ${summary}`,
    preserveAspectRatio: 'xMinYMin meet',
  });
  rows.forEach((r, i) => {
    const y = i * ROW + 2;
    const w = Math.max(r.value > 0 ? 2 : 0, (r.value / top) * BAR_W);
    chart.append(
      svg('text', { x: LABEL_W - 8, y: y + ROW / 2, className: 'diagram-etikett', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, clip(r.label, compact ? 24 : 38)),
      svg('rect', { x: LABEL_W, y: y + 4, width: BAR_W, height: ROW - 8, className: 'diagram-spor' }),
      svg('rect', { x: LABEL_W, y: y + 4, width: w.toFixed(1), height: ROW - 8, className: 'diagram-stolpe' }),
      svg('text', { x: LABEL_W + BAR_W + 8, y: y + ROW / 2, className: 'diagram-verdi', 'dominant-baseline': 'middle' }, r.text),
    );
  });
  return el('figure', { className: 'figur', id }, el('figcaption', { className: 'ds-heading', 'data-size': '2xs', text: caption }), chart);
}

function clip(text, n = 34) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

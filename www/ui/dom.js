// Small DOM helpers. All text from a file or the engine goes in through
// textContent (never innerHTML); styles only through classes, so the page
// runs under style-src 'self' with no inline styles.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** el('p', {className, text, ...attributes}, ...children) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  setProps(node, props);
  for (const child of children.flat()) if (child != null && child !== false) node.append(child);
  return node;
}

export function svg(tag, props = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setProps(node, props);
  for (const child of children.flat()) if (child != null && child !== false) node.append(child);
  return node;
}

function setProps(node, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'className') node.setAttribute('class', value);
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
}

/** Text with `backticked` field names set as code; never parsed as HTML. */
export function withCode(text) {
  return String(text ?? '')
    .split('`')
    .map((part, i) => (i % 2 ? el('code', { text: part }) : part));
}

/** A description list from [label, value] pairs (values may be nodes). */
export function dl(pairs, className = 'fakta') {
  return el(
    'dl',
    { className },
    pairs
      .filter(([, value]) => value != null && value !== '')
      .map(([label, value]) => el('div', {}, el('dt', { text: label }), el('dd', {}, value))),
  );
}

/**
 * The severity icon (decorative: the label beside it says the same in
 * words). Shapes differ, not only colours: octagon, circle with a cross,
 * triangle, circle with an i.
 */
export function severityIcon(severity) {
  const paths = {
    fatal: ['M8 1.5h8l5.5 5.5v10L16 22.5H8L2.5 17V7z', 'M12 7v6M12 16.5v.5'],
    error: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20z', 'M8.5 8.5l7 7M15.5 8.5l-7 7'],
    warning: ['M12 2.5l10 18H2z', 'M12 9v5M12 17v.5'],
    info: ['M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20z', 'M12 10.5V17M12 7v.5'],
  }[severity] ?? [];
  return svg(
    'svg',
    { className: `ikon ikon-${severity}`, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { d: paths[0] ?? '', className: 'ikon-form' }),
    svg('path', { d: paths[1] ?? '', className: 'ikon-tegn' }),
  );
}

/** A Designsystemet tag with icon and word for a severity. */
export function severityTag(severity, t) {
  const color = { fatal: 'danger', error: 'danger', warning: 'warning', info: 'info' }[severity] ?? 'neutral';
  return el('span', { className: 'ds-tag alvor', 'data-color': color, 'data-size': 'sm' }, severityIcon(severity), t('severity')[severity] ?? severity);
}

/** Triggers a download of `blob` as `name`; the object URL is revoked at once after. */
export function download(blob, name, root) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, className: 'ds-sr-only', tabindex: '-1' });
  root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A horizontally scrollable box for a wide table, reachable by keyboard. */
export function scroller(label, table) {
  return el('div', { className: 'rull', tabindex: '0', role: 'region', 'aria-label': label }, table);
}

/**
 * A table of figures in its scroller: `rows` are arrays of cell texts; a
 * cell after the first that is only a number (digits, signs, separators,
 * %) is right-aligned.
 */
export function figureTable(caption, headers, rows) {
  return scroller(
    caption,
    el(
      'table',
      { className: 'ds-table', 'data-border': true, 'data-size': 'sm', 'data-color': 'neutral' },
      el('caption', { className: 'ds-sr-only', text: caption }),
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c, i) => el('td', { className: i > 0 && typeof c === 'string' && /^[\d\s.,%  +–−-]+$/.test(c) ? 'tall-celle' : '', text: c }))))),
    ),
  );
}

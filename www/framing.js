// Who may show this page inside a frame. The page (index.html, the single
// file) runs framed only by its own origin; the iframe page (ramme.html) also
// by the origins on its allowlist. Anywhere else it shows a refusal, in
// bokmål and English, mounts nothing, starts no engine and answers no
// message: a foreign page cannot put the checker under the user's mouse
// (clickjacking), nor receive what it says.
//
// The browser's `frame-ancestors` (a response header, which the build
// writes into dist/_headers and dist/.htaccess) stops such framing before
// the page loads, where the server sends it. This check is what holds where
// it does not.
//
// How the framing origins are known: `location.ancestorOrigins` lists every
// window above (Chromium, Safari). Where the browser lacks it (Firefox), a
// window above whose location can be read is of this origin; the parent's
// origin otherwise comes from `document.referrer` (the host must not set
// `referrerpolicy="no-referrer"` on the frame); a foreign window higher up
// cannot be named, so it is refused.

import { el } from './ui/dom.js';
import { translator } from './i18n.js';

/**
 * Null when the page may run here: not framed, or framed only by its own
 * origin or origins in `allowed` (a Set of origins). Otherwise
 * `{origin}`: the first origin above that is not allowed, or null when it
 * cannot be known.
 */
export function framingRefusal(allowed = new Set(), win = window) {
  if (win.parent === win) return null;
  const own = win.location.origin;
  const ok = (o) => o !== 'null' && (o === own || allowed.has(o));
  const listed = win.location.ancestorOrigins;
  if (listed) {
    for (const o of listed) if (!ok(o)) return { origin: o };
    return null;
  }
  let w = win;
  while (w !== w.parent) {
    const above = w.parent;
    let origin = null;
    try {
      origin = above.location.origin;
    } catch {
      // another origin: only the parent's can be known, from the referrer
      if (above === win.parent) origin = originOf(win.document.referrer);
    }
    if (!origin || !ok(origin)) return { origin };
    w = above;
  }
  return null;
}

/** The origin of the page a frame is placed in (for the iframe page's answers); null when not framed or unknown. */
export function parentOrigin(win = window) {
  if (win.parent === win) return null;
  const listed = win.location.ancestorOrigins;
  if (listed?.length) return listed[0];
  try {
    return win.parent.location.origin;
  } catch {
    return originOf(win.document.referrer);
  }
}

/** The origin of `url`, or null for text that is no URL or has an opaque origin. */
export function originOf(url) {
  try {
    const o = new URL(url).origin;
    return o && o !== 'null' ? o : null;
  } catch {
    return null;
  }
}

/**
 * Shows the refusal in `root` (both languages) with a link that opens
 * `href` in a window of its own, and marks the document
 * (`<html data-refused="framing">`).
 */
export function showRefusal(root, { origin, href }) {
  const block = (lang) => {
    const t = translator(lang);
    return el(
      'div',
      { lang, className: 'ds-alert', 'data-color': 'danger', role: lang === 'nb' ? 'alert' : null },
      el('h2', { className: 'ds-heading', 'data-size': 'sm', text: t('framedTitle') }),
      el('p', { className: 'ds-paragraph', text: t('framedText', origin ?? t('framedUnknown')) }),
      el('p', { className: 'ds-paragraph' }, el('a', { className: 'ds-link', href, target: '_blank', rel: 'noopener noreferrer', text: t('framedOpen') })),
    );
  };
  root.replaceChildren(el('main', { id: 'innhold', className: 'avvist' }, el('h1', { className: 'ds-sr-only', text: 'IPLOS-sjekk' }), block('nb'), block('en')));
  document.documentElement.dataset.refused = 'framing';
}

/**
 * Starts a standalone page (index.html and the offline single file) in
 * #app: the checker, or the refusal when a foreign origin frames it.
 * ?lang=en starts in English; ?chunk=N sets the read size in bytes (tests
 * use it to see progress on small files). Neither is stored anywhere.
 */
export function startStandalone({ engine, example, mount }) {
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang') === 'en' ? 'en' : 'nb';
  const chunkSize = Number(params.get('chunk')) || undefined;
  const app = document.getElementById('app');
  const refused = framingRefusal();
  if (refused) showRefusal(app, { origin: refused.origin, href: location.href });
  else mount(app, { engine, example, lang, chunkSize, standalone: true });
}

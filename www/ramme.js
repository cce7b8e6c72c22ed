// The page for <iframe> embedding (ramme.html): the checker's UI, plus a
// postMessage protocol so the host page can hand it a file and get the
// summary back (summary.js: never findings or identity numbers).
//
// Who may embed it and talk to it: the origins built in at build time
// (IPLOS_FRAME_ORIGINS, ramme-oppsett.js) and the frame's own origin. The
// URL's ?origins=https://a,https://b may only narrow that list, never add
// to it. Framed by any other origin (location.ancestorOrigins, else the
// referrer: framing.js), the frame shows a refusal, starts nothing and
// answers nothing. Messages are taken only from the parent window, from
// its origin, and every answer is posted to that one origin, never to '*'.
//
// In (from the host):
//   {type: 'iplos-sjekk:check', id?, file: File|Blob|ArrayBuffer|Uint8Array,
//    name?, ident?, identName?, previous?, previousIdent?, previousName?,
//    previousIdentName?, year?}  (previous: last year's file, to compare with;
//    the summary then has the comparison's counts)
//   {type: 'iplos-sjekk:ping'}
// Out (to the host):
//   {type: 'iplos-sjekk:ready', version}          when the engine runs, and on ping
//   {type: 'iplos-sjekk:progress', id, bytesDone, total, persons}
//   {type: 'iplos-sjekk:result', id, summary}
//   {type: 'iplos-sjekk:error', id, message}
// `id` echoes the check's id; a check the user started inside the frame
// answers with id null.

import { toFile } from './api.js';
import { engine } from './engine.js';
import * as example from './example.js';
import { framingRefusal, originOf as origin, parentOrigin, showRefusal } from './framing.js';
import { maskIdentities } from './mask.js';
import { origins as builtIn } from './ramme-oppsett.js';
import { summarize } from './summary.js';
import { mount } from './ui/page.js';

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'nb';
const allowed = allowlist(builtIn, params.get('origins'));
const app = document.getElementById('app');
const refused = framingRefusal(allowed);
if (refused) showRefusal(app, { origin: refused.origin, href: new URL('index.html', location.href).href });
else start();

/**
 * The built-in origins plus this frame's own, narrowed to those named in
 * `narrow` (comma-separated) when it is given.
 */
function allowlist(built, narrow) {
  const list = new Set([...built.map(origin), location.origin].filter(Boolean));
  if (narrow == null) return list;
  const named = new Set(narrow.split(',').map((o) => origin(o.trim())));
  return new Set([...list].filter((o) => named.has(o)));
}

function start() {
  const host = window.parent !== window ? window.parent : null;
  // Framed: the parent's origin, on the allowlist (framingRefusal said so).
  const hostOrigin = host ? parentOrigin() : null;
  /** The id of the host's check being answered, or null. */
  let pending = null;

  const send = (message) => {
    if (host && hostOrigin) host.postMessage(message, hostOrigin);
  };
  const answer = (message, done = false) => {
    send({ ...message, id: pending ? pending.id : null });
    if (done) pending = null;
  };

  const ui = mount(app, {
    engine,
    example,
    lang,
    standalone: true,
    embedded: true,
    year: params.get('year'),
    compact: params.has('kompakt'),
    onProgress: ({ bytesDone, total, persons }) => answer({ type: 'iplos-sjekk:progress', bytesDone, total, persons }),
    onResult: (report) => answer({ type: 'iplos-sjekk:result', summary: summarize(report) }, true),
    onError: (message) => answer({ type: 'iplos-sjekk:error', message: maskIdentities(message) }, true),
  });

  const ready = () => engine.ensure().then(() => send({ type: 'iplos-sjekk:ready', version: engine.version }));
  if (!host || !hostOrigin) return;
  ready();

  window.addEventListener('message', (event) => {
    if (event.source !== host || event.origin !== hostOrigin || !allowed.has(event.origin)) return;
    const m = event.data;
    if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
    if (m.type === 'iplos-sjekk:ping') {
      ready();
      return;
    }
    if (m.type !== 'iplos-sjekk:check') return;
    const id = m.id ?? null;
    let main;
    let ident = null;
    const previous = [];
    try {
      main = toFile(m.file, typeof m.name === 'string' ? m.name : 'fil');
      if (m.ident) ident = toFile(m.ident, typeof m.identName === 'string' ? m.identName : 'identmelding.xml');
      if (m.previous) previous.push(toFile(m.previous, typeof m.previousName === 'string' ? m.previousName : 'fjoraaret'));
      if (m.previousIdent) previous.push(toFile(m.previousIdent, typeof m.previousIdentName === 'string' ? m.previousIdentName : 'fjoraaret-identmelding.xml'));
    } catch (e) {
      send({ type: 'iplos-sjekk:error', id, message: e.message });
      return;
    }
    if (pending) send({ type: 'iplos-sjekk:error', id: pending.id, message: 'erstattet av en ny kontroll (superseded by a new check)' });
    pending = { id };
    ui.checkFiles(main, ident, { year: m.year, previous });
  });
}

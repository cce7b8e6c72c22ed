// The page for <iframe> embedding (ramme.html): the checker's UI, plus a
// postMessage protocol so the host page can hand it a file and get the
// summary back (summary.js: never findings or identity numbers).
//
// Who may talk to it: the origins in ?origins=https://a,https://b and those
// built in (IPLOS_FRAME_ORIGINS at build time, ramme-oppsett.js). Messages
// from any other origin, or from any window but the parent, are ignored
// without an answer; answers go to one named origin, never to '*'.
//
// In (from the host):
//   {type: 'iplos-sjekk:check', id?, file: File|Blob|ArrayBuffer|Uint8Array,
//    name?, ident?, identName?, year?}
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
import { origins as builtIn } from './ramme-oppsett.js';
import { summarize } from './summary.js';
import { mount } from './ui/page.js';

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'nb';
const allowed = new Set(
  [...builtIn, ...(params.get('origins') ?? '').split(',')]
    .map((o) => origin(o.trim()))
    .filter(Boolean),
);
const host = window.parent !== window ? window.parent : null;
/** The host request being answered: {origin, id}, or null. */
let pending = null;

function origin(text) {
  try {
    const o = new URL(text).origin;
    return o && o !== 'null' ? o : null;
  } catch {
    return null;
  }
}

function send(message, to) {
  host?.postMessage(message, to);
}

/** To the requesting origin; a check started in the frame goes to each allowed origin (the browser drops all but the parent's). */
function answer(message, done = false) {
  if (pending) send({ ...message, id: pending.id }, pending.origin);
  else for (const o of allowed) send({ ...message, id: null }, o);
  if (done) pending = null;
}

const ui = mount(document.getElementById('app'), {
  engine,
  example,
  lang,
  standalone: true,
  embedded: true,
  year: params.get('year'),
  compact: params.has('kompakt'),
  onProgress: ({ bytesDone, total, persons }) => answer({ type: 'iplos-sjekk:progress', bytesDone, total, persons }),
  onResult: (report) => answer({ type: 'iplos-sjekk:result', summary: summarize(report) }, true),
  onError: (message) => answer({ type: 'iplos-sjekk:error', message }, true),
});

function ready(to) {
  engine.ensure().then(() => send({ type: 'iplos-sjekk:ready', version: engine.version }, to));
}
for (const o of allowed) ready(o);

window.addEventListener('message', (event) => {
  if (!host || event.source !== host || !allowed.has(event.origin)) return;
  const m = event.data;
  if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
  if (m.type === 'iplos-sjekk:ping') {
    ready(event.origin);
    return;
  }
  if (m.type !== 'iplos-sjekk:check') return;
  const id = m.id ?? null;
  let main;
  let ident = null;
  try {
    main = toFile(m.file, typeof m.name === 'string' ? m.name : 'fil');
    if (m.ident) ident = toFile(m.ident, typeof m.identName === 'string' ? m.identName : 'identmelding.xml');
  } catch (e) {
    send({ type: 'iplos-sjekk:error', id, message: e.message }, event.origin);
    return;
  }
  if (pending) send({ type: 'iplos-sjekk:error', id: pending.id, message: 'erstattet av en ny kontroll (superseded by a new check)' }, pending.origin);
  pending = { origin: event.origin, id };
  ui.checkFiles(main, ident, { year: m.year });
});

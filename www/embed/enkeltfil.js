// The single-file offline build's script (dist/iplos-sjekk.html): the page
// (ui/*.js) with the engine in a *classic* worker from a blob: URL. Opened
// from file://, Chromium will not start a module worker from a blob: URL,
// while a classic one runs and inherits the file's CSP (connect-src 'none').
// Bundled by scripts/build-embed.mjs as one inline iife script, whose
// SHA-256 the file's CSP names. Framed by another origin (if someone serves
// the file), it refuses as the page does (framing.js).

import { engine } from '../engine.js';
import * as example from '../example.js';
import { framingRefusal, showRefusal } from '../framing.js';
import { mount } from '../ui/page.js';

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'nb';
const chunkSize = Number(params.get('chunk')) || undefined;
const app = document.getElementById('app');

const refused = framingRefusal();
if (refused) showRefusal(app, { origin: refused.origin, href: location.href });
else mount(app, { engine, example, lang, chunkSize, standalone: true });

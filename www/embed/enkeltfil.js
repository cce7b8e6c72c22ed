// The single-file offline build's script (dist/iplos-sjekk.html): the page
// (ui/*.js) with the engine in a *classic* worker from a blob: URL. Opened
// from file://, Chromium will not start a module worker from a blob: URL,
// while a classic one runs and inherits the file's CSP (connect-src 'none').
// Bundled by scripts/build-embed.mjs as one inline iife script, whose
// SHA-256 the file's CSP names.

import { engine } from '../engine.js';
import * as example from '../example.js';
import { mount } from '../ui/page.js';

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'nb';
const chunkSize = Number(params.get('chunk')) || undefined;

// The handle the privacy test uses to ask the worker to fetch (it must fail).
globalThis.iplosSjekk = { engine };

mount(document.getElementById('app'), { engine, example, lang, chunkSize, standalone: true });

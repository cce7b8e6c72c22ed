// The single-file offline build's script (dist/iplos-sjekk.html): the page
// (ui/*.js) with the engine in a *classic* worker from a blob: URL. Opened
// from file://, Chromium will not start a module worker from a blob: URL,
// while a classic one runs and inherits the file's CSP (connect-src 'none').
// Bundled by scripts/build-embed.mjs as one inline iife script, whose
// SHA-256 the file's CSP names. Framed by another origin (if someone serves
// the file), it refuses as the page does (framing.js).

import { engine } from '../engine.js';
import * as example from '../example.js';
import { startStandalone } from '../framing.js';
import { mount } from '../ui/page.js';

startStandalone({ engine, example, mount });

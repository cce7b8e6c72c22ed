// The page's entry: mounts the checker into #app. The UI itself lives in
// ui/ (rendering into a given root), the engine's worker client in
// engine.js, text in i18n.js.
//
// Framed by another origin, the page shows a refusal instead and starts
// nothing (framing.js): no other site may put it under the user's mouse.
//
// ?lang=en starts in English; ?chunk=N sets the read size in bytes (tests
// use it to see progress on small files). Neither is stored anywhere.

import { engine } from './engine.js';
// The built-in synthetic example, written by scripts/build.mjs. Imported up
// front so that no request is made after the page has loaded.
import * as example from './example.js';
import { framingRefusal, showRefusal } from './framing.js';
import { mount } from './ui/page.js';

export { engine };

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'nb';
const chunkSize = Number(params.get('chunk')) || undefined;
const app = document.getElementById('app');

const refused = framingRefusal();
if (refused) showRefusal(app, { origin: refused.origin, href: location.href });
else mount(app, { engine, example, lang, chunkSize, standalone: true });

// The page's entry: mounts the checker into #app. The UI itself lives in
// ui/ (rendering into a given root), the engine's worker client in
// engine.js, text in i18n.js.
//
// ?lang=en starts in English; ?chunk=N sets the read size in bytes (tests
// use it to see progress on small files). Neither is stored anywhere.

import { engine } from './engine.js';
// The built-in synthetic example, written by scripts/build.mjs. Imported up
// front so that no request is made after the page has loaded.
import * as example from './example.js';
import { mount } from './ui/page.js';

export { engine };

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'nb';
const chunkSize = Number(params.get('chunk')) || undefined;

mount(document.getElementById('app'), { engine, example, lang, chunkSize, standalone: true });

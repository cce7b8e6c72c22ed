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
import { startStandalone } from './framing.js';
import { mount } from './ui/page.js';

export { engine };

startStandalone({ engine, example, mount });

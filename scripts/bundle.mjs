// One set of esbuild options for every bundle the build makes: the page's
// worker (ESM), the embedding's worker (classic), the element module and
// the single file's script. Returns the bundle as text; nothing is written.

import { build as esbuild } from 'esbuild';

/** `entry` and what it imports as one minified script of `format` ('esm' or 'iife'). */
export async function bundle(entry, format, extra = {}) {
  const result = await esbuild({
    entryPoints: [entry],
    bundle: true,
    format,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
    ...extra,
  });
  return result.outputFiles[0].text;
}

// The embedding builds, run by scripts/build.mjs after the page is in dist/:
//
// - dist/iplos-sjekk.js: one ES module that needs no other file, defining
//   <iplos-sjekk> and exporting check() (www/embed/iplos-sjekk.js), with the
//   worker inside as a classic-worker source (an iife bundle holding the
//   wasm bytes), the shadow root's CSS and the built-in profiles; and its
//   types, dist/iplos-sjekk.d.ts.
// - dist/iplos-sjekk.html: the whole page in one file for file:// use, with
//   inline CSS and one inline script, both allowed by SHA-256 in its CSP.
// - dist/ramme-oppsett.js (origins the iframe page answers by default,
//   IPLOS_FRAME_ORIGINS), and dist/_headers + dist/.htaccess carrying
//   frame-ancestors for ramme.html (IPLOS_FRAME_ANCESTORS), since a meta
//   CSP cannot.

import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { build as esbuild } from 'esbuild';

const CSP_BASE = "default-src 'none'; connect-src 'none'; img-src data:; font-src 'none'; manifest-src 'none'; media-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** esbuild plugin: the generated modules the embed entries import. */
function generated(modules) {
  return {
    name: 'iplos-generated',
    setup(build) {
      build.onResolve({ filter: /^iplos:|(^|\/)(worker-source|example|ramme-oppsett)\.js$/ }, (args) => {
        const key = args.path.startsWith('iplos:') ? args.path : basename(args.path);
        if (!(key in modules)) return undefined;
        return { path: key, namespace: 'iplos' };
      });
      build.onLoad({ filter: /.*/, namespace: 'iplos' }, (args) => ({ contents: modules[args.path], loader: 'js' }));
    },
  };
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Text that is safe inside an inline <script> or <style> element. */
function inlineSafe(text, tag) {
  const closing = new RegExp(`</${tag}`, 'gi');
  if (!closing.test(text) && !/<!--/.test(text)) return text;
  if (tag === 'style') throw new Error(`the CSS holds "</${tag}" or "<!--"`);
  // In JS this occurs only inside string literals (esbuild's output), where \x3C is the same character.
  return text.replace(closing, (m) => `\\x3C${m.slice(1)}`).replace(/<!--/g, '\\x3C!--');
}

export async function buildEmbed({ root, dist, dsCss, themeCss }) {
  const www = join(root, 'www');
  const pageCss = readFileSync(join(www, 'style.css'), 'utf8');

  // The worker as a classic script: Chromium starts a module worker from a
  // blob: URL over http, but not on a file:// page. The wasm-bindgen glue
  // names import.meta.url only on the fetch path, which initSync never takes.
  const worker = await esbuild({
    entryPoints: [join(dist, 'worker.js')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
    logOverride: { 'empty-import-meta': 'silent' },
  });
  const workerCode = worker.outputFiles[0].text;

  const profiles = Object.fromEntries(
    readdirSync(join(root, 'profiles'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [f.replace(/\.json$/, ''), JSON.stringify(JSON.parse(readFileSync(join(root, 'profiles', f), 'utf8')))]),
  );

  // The shadow root's CSS: :root becomes :host, the narrow-screen rules
  // follow the element's width instead of the window's.
  const shadowCss = [dsCss, themeCss, pageCss, readFileSync(join(www, 'embed', 'element.css'), 'utf8')]
    .join('\n')
    .replace(/:root\b/g, ':host')
    .replace(/@media \(max-width: 56rem\)/g, '@container (max-width: 56rem)');

  const modules = {
    'worker-source.js': `export default ${JSON.stringify(workerCode)};\nexport const workerType = 'classic';\n`,
    'example.js': readFileSync(join(dist, 'example.js'), 'utf8'),
    'iplos:css': `export default ${JSON.stringify(shadowCss)};\n`,
    'iplos:profiles': `export default ${JSON.stringify(profiles)};\n`,
  };
  const bundle = (entry, format) =>
    esbuild({
      entryPoints: [join(www, 'embed', entry)],
      bundle: true,
      format,
      platform: 'browser',
      target: 'es2022',
      minify: true,
      write: false,
      legalComments: 'none',
      logLevel: 'warning',
      plugins: [generated(modules)],
    }).then((r) => r.outputFiles[0].text);

  const element = await bundle('iplos-sjekk.js', 'esm');
  writeFileSync(
    join(dist, 'iplos-sjekk.js'),
    `// IPLOS-sjekk: <iplos-sjekk> and check(), in one ES module with the engine inside.\n` +
      `// Built by scripts/build-embed.mjs from www/embed/iplos-sjekk.js; see the README, "Innbygging".\n` +
      `// Includes @digdir/designsystemet-css (MIT).\n${element}`,
  );
  cpSync(join(www, 'embed', 'iplos-sjekk.d.ts'), join(dist, 'iplos-sjekk.d.ts'));

  // The single file. Its CSS is the page's (no shadow root here).
  const css = inlineSafe([dsCss, themeCss, pageCss].join('\n'), 'style');
  const script = inlineSafe(await bundle('enkeltfil.js', 'iife'), 'script');
  const csp = `${CSP_BASE}; script-src ${sha256(script)} 'wasm-unsafe-eval'; worker-src blob:; style-src ${sha256(css)}`;
  const html = `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>IPLOS-sjekk – kontroller IPLOS/KPR-filen før innsending</title>
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
<body data-color-scheme="light">
<div id="app" class="app"><noscript><p>IPLOS-sjekk trenger JavaScript. Filen leses bare i nettleseren din. / IPLOS-sjekk needs JavaScript.</p></noscript></div>
<script>${script}</script>
</body>
</html>
`;
  writeFileSync(join(dist, 'iplos-sjekk.html'), html);

  // The iframe page's default allowlist and frame-ancestors.
  const origins = (process.env.IPLOS_FRAME_ORIGINS ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((o) => {
      const u = new URL(o);
      if (u.origin === 'null') throw new Error(`IPLOS_FRAME_ORIGINS: not an origin: ${o}`);
      return u.origin;
    });
  writeFileSync(
    join(dist, 'ramme-oppsett.js'),
    `// The origins ramme.html answers besides those in its ?origins= parameter\n` +
      `// (IPLOS_FRAME_ORIGINS at build time). Generated by scripts/build-embed.mjs.\n` +
      `export const origins = ${JSON.stringify(origins)};\n`,
  );
  const ancestors = (process.env.IPLOS_FRAME_ANCESTORS ?? "'self'").trim();
  if (!ancestors || /[;\r\n,]/.test(ancestors)) throw new Error(`IPLOS_FRAME_ANCESTORS: one CSP source list, space-separated: ${ancestors}`);
  const header = `frame-ancestors ${ancestors}`;
  writeFileSync(
    join(dist, '_headers'),
    `# Who may show ramme.html in an <iframe> (IPLOS_FRAME_ANCESTORS at build time).\n` +
      `# A meta CSP cannot say this; the web server must send it as a header.\n` +
      `# Netlify / Cloudflare Pages format. Generated by scripts/build-embed.mjs.\n` +
      `/ramme.html\n  Content-Security-Policy: ${header}\n`,
  );
  writeFileSync(
    join(dist, '.htaccess'),
    `# Who may show ramme.html in an <iframe> (IPLOS_FRAME_ANCESTORS at build time).\n` +
      `# Apache with mod_headers. Generated by scripts/build-embed.mjs.\n` +
      `<Files "ramme.html">\n  Header set Content-Security-Policy "${header.replace(/"/g, '\\"')}"\n</Files>\n`,
  );

  return { elementBytes: Buffer.byteLength(element), singleFileBytes: Buffer.byteLength(html), workerBytes: workerCode.length };
}

// The page's HTML is written once, in www/index.html. The iframe page
// (dist/ramme.html) and the single offline file (dist/iplos-sjekk.html)
// are made from it here, so the head (policy, referrer, translation,
// viewport, colours) cannot drift between the three. Each replacement must
// find what it replaces: a changed index.html stops the build with a
// message instead of making a page without its policy.

function swap(html, from, to, what) {
  if (!html.includes(from)) throw new Error(`www/index.html: ${what} not found («${from}»)`);
  return html.replace(from, () => to); // a function: `to` may hold $ patterns
}

const STYLESHEETS = /\n\s*<link rel="stylesheet" href="[^"]+">/g;
const MODULE = '<script type="module" src="app.js"></script>';
const CSP = /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(">)/;

/** The iframe page: the same head, its own title and script. */
export function framePage(index) {
  let html = swap(index, MODULE, '<script type="module" src="ramme.js"></script>', 'the module script');
  html = swap(html, /<title>[^<]*<\/title>/.exec(html)?.[0] ?? '<title>', '<title>IPLOS-sjekk (innebygd)</title>', 'the title');
  return swap(
    html,
    '<meta charset="utf-8">',
    `<meta charset="utf-8">
  <!-- Made from index.html by scripts/pages.mjs. frame-ancestors (who may
       put this page in an <iframe>) is ignored in a meta CSP, so the build
       writes it into dist/_headers and dist/.htaccess for the web server,
       from IPLOS_FRAME_ORIGINS at build time; ramme.js refuses to run framed
       by any other origin where the server does not send it. -->`,
    'the charset',
  );
}

/** The single offline file: the same head with `csp`, the CSS and the script inline. */
export function singleFile(index, { csp, css, script }) {
  if (!CSP.test(index)) throw new Error('www/index.html: no Content-Security-Policy meta tag');
  let html = index.replace(CSP, (_, open, close) => `${open}${csp}${close}`);
  if (!index.includes('<link rel="stylesheet"')) throw new Error('www/index.html: no stylesheet links');
  html = html.replace(STYLESHEETS, '');
  html = swap(html, `\n  ${MODULE}`, `\n  <style>${css}</style>`, 'the module script');
  return swap(html, '</body>', `<script>${script}</script>\n</body>`, 'the body');
}

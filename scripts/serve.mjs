// A tiny static file server for dist/, on 127.0.0.1 only. Run directly it
// serves http://localhost:8080 (PORT overrides); tests import startServer()
// and ask for port 0.

import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

import { root } from './env.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.csv': 'text/csv',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file under `dir` that `urlPath` names, or null if it is outside or absent. */
function resolveFile(dir, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  let file = resolve(dir, `.${path.startsWith('/') ? path : `/${path}`}`);
  if (file !== dir && !file.startsWith(dir + sep)) return null;
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Serves `dir` on 127.0.0.1:`port` (0 picks a free one). `overrides` (for
 * tests) maps a path to a function of the server's port that gives
 * `{type, body}` to serve instead of a file: a host page of the test's own,
 * or the iframe page's allowlist for the port the server got.
 * Resolves to `{ server, port, url }`.
 */
export function startServer({ dir = join(root, 'dist'), port = 0, host = '127.0.0.1', overrides = {} } = {}) {
  const base = resolve(dir);
  const server = createServer((req, res) => {
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (Object.hasOwn(overrides, path)) {
      const { type, body } = overrides[path](server.address().port);
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const file = resolveFile(base, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Ikke funnet (not found)\n');
      return;
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': statSync(file).size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const actual = server.address().port;
      ok({ server, port: actual, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 8080);
  startServer({ port }).then(
    ({ port: actual }) => console.log(`IPLOS-sjekk: http://localhost:${actual}  (Ctrl+C stopper)`),
    (e) => {
      console.error(`serve: FEIL: ${e.message}`);
      process.exit(1);
    },
  );
}

// A small static file server for web/ (and for the browser tests), on 127.0.0.1 only.
//   node scripts/serve.mjs [ROOT] [PORT]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

// Browser drivers that can neither watch the network nor add init scripts themselves
// (WebKit's WebDriver: tests/browser/drivers/webkit.mjs) hook in here. `request(req, res,
// url)` sees every request and may answer it (returns true); `html(body, req)` may change
// an HTML file on its way out. Nothing sets them outside the browser tests.
export const testHooks = { request: null, html: null };

/**
 * Serves files under `root`. `headers(pathname, url)` may add response headers (the tests
 * use it for Content-Security-Policy); `routes` maps a path to a handler(req, res) for
 * tests that need slow or failing responses.
 */
export function serve(root, { port = 0, headers = () => ({}), routes = {} } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (testHooks.request?.(req, res, url)) return;
    const route = routes[url.pathname];
    if (route) return route(req, res);
    let path;
    try {
      path = normalize(join(base, decodeURIComponent(url.pathname)));
    } catch {
      // A malformed escape ("/%E0%A4%A") must not throw out of the handler: that
      // leaves the request hanging and is an unhandled rejection.
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
      return;
    }
    if (path !== base && !path.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      let body = await readFile(path);
      if (testHooks.html && extname(path) === '.html') body = testHooks.html(body, req);
      const head = {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'accept-ranges': 'bytes',
        ...headers(url.pathname, url),
      };
      // Byte ranges, so that audio can seek: "bytes=START-END", "bytes=START-", "bytes=-N".
      const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
      if (range && (range[1] || range[2])) {
        let start = range[1] ? Number(range[1]) : Math.max(0, body.length - Number(range[2]));
        let end = range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
        if (start > end || start >= body.length) {
          res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
          return;
        }
        res.writeHead(206, { ...head, 'content-range': `bytes ${start}-${end}/${body.length}` });
        res.end(body.subarray(start, end + 1));
        return;
      }
      res.writeHead(200, head);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'web';
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
  const server = await serve(root, { port });
  console.log(`Lede: serving ${resolve(root)} on http://127.0.0.1:${server.address().port}/`);
}

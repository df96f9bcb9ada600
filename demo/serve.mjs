// The demo storefront's server: static files, plus what a real shop's server would do — put
// the visitor's language (chosen in the demo's language picker) on the segmint script tag.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const MOUNTS = [
  ['/dist/', join(ROOT, 'dist')],
  ['/e2e/', join(ROOT, 'tests/e2e/pages')],
  ['/', join(ROOT, 'demo/site')],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** Starts the server; resolves to its URL. */
export function startServer({ port = 4173, host = '127.0.0.1' } = {}) {
  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise({ url: `http://${host}:${server.address().port}/`, server }));
  });
}

async function handle(request, response) {
  const url = new URL(request.url, 'http://localhost');
  let pathname = decodeURIComponent(url.pathname);
  if (pathname.endsWith('/')) pathname += 'index.html';
  else if (!extname(pathname)) pathname += '.html';
  const [prefix, dir] = MOUNTS.find(([mount]) => pathname.startsWith(mount));
  const file = normalize(join(dir, pathname.slice(prefix.length)));
  if (!file.startsWith(dir)) return send(response, 403, 'forbidden');
  let body;
  try {
    body = await readFile(file);
  } catch {
    return send(response, 404, 'not found');
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  if (type.startsWith('text/html')) body = Buffer.from(withVisitorLanguage(body.toString(), request));
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

/** The demo's language picker sets a cookie; the "shop server" passes it on as `data-locale`. */
function withVisitorLanguage(html, request) {
  const match = /(?:^|;\s*)demo-locale=([A-Za-z-]{2,20})/.exec(request.headers.cookie ?? '');
  return match ? html.replace('<script async src="/dist/segmint.js"', `<script async src="/dist/segmint.js" data-locale="${match[1]}"`) : html;
}

function send(response, status, text) {
  response.writeHead(status, { 'content-type': 'text/plain' });
  response.end(text);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT ?? 4173);
  const { url } = await startServer({ port });
  console.log(`segmint demo storefront: ${url}`);
  console.log('Stop with Ctrl+C.');
}

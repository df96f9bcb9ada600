// The demo storefront's server: static files, plus what a real shop's server would do — put
// the visitor's language (chosen in the demo's language picker) on the segmint script tag. With
// `--collect <dir>` (as `npm start` runs it) it also runs `segmint collect` into that folder and
// passes the demo's beacons (POST /collect, see demo/site/segmint.json) on to it; without, they
// are answered and dropped.
import { createServer, request as forward } from 'node:http';
import { spawn } from 'node:child_process';
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

/**
 * Starts the server; resolves to its URL. With `collect` (a folder), the beacons go to a
 * `segmint collect` child process writing there; `stop()` ends both.
 */
export async function startServer({ port = 4173, host = '127.0.0.1', collect } = {}) {
  const collector = collect ? await startCollector(collect) : null;
  const server = createServer((request, response) => {
    if (request.method === 'POST' && new URL(request.url, 'http://localhost').pathname === '/collect') return passBeacon(request, response, collector);
    handle(request, response).catch((error) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise({
      url: `http://${host}:${server.address().port}/`,
      server,
      collector,
      stop: () => Promise.all([new Promise((done) => server.close(done)), collector?.stop()]),
    }));
  });
}

/** Runs the built CLI's `segmint collect --dir <dir> --port 0`; resolves once it listens. Its lines are printed prefixed. */
function startCollector(dir) {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), 'collect', '--dir', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((done) => child.once('exit', done));
  // Should this server end without stop() (an uncaught error), the collector ends with it.
  const orphaned = () => child.kill('SIGTERM');
  process.once('exit', orphaned);
  exited.then(() => process.off('exit', orphaned));
  return new Promise((resolvePromise, reject) => {
    let pending = '';
    child.once('error', reject);
    exited.then((code) => reject(new Error(`segmint collect exited (${code}) before listening`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      const lines = (pending + text).split('\n');
      pending = lines.pop();
      for (const line of lines) {
        console.log(`[collect] ${line}`);
        const listening = /listening on (http:\/\/\S+?)\/? /.exec(line);
        if (listening) resolvePromise({ url: new URL(listening[1]), dir, stop: () => (child.exitCode === null && child.kill('SIGTERM'), exited) });
      }
    });
  });
}

/** Hands a beacon body to the collector as it came, and its answer back; without a collector, 204 and dropped. */
function passBeacon(request, response, collector) {
  if (!collector) {
    request.resume();
    request.on('end', () => send(response, 204, ''));
    return;
  }
  const { hostname, port } = collector.url;
  const headers = { 'content-type': request.headers['content-type'] ?? 'text/plain', ...(request.headers['content-length'] && { 'content-length': request.headers['content-length'] }) };
  const upstream = forward({ hostname, port, method: 'POST', path: '/', headers }, (answer) => {
    response.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] ?? 'text/plain' });
    answer.pipe(response);
  });
  upstream.on('error', () => send(response, 502, 'the collector is not running'));
  request.pipe(upstream);
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
  if (type.startsWith('text/html')) body = Buffer.from(withVisitorLanguage(await withIncludes(body.toString()), request));
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

const SITE = join(ROOT, 'demo/site');

/** Every page shares one header, kept once in `demo/site/header.html`: `<!-- segmint-demo: header.html -->` stands for it. */
async function withIncludes(html) {
  const names = [...new Set([...html.matchAll(/<!-- segmint-demo: ([a-z-]+\.html) -->/g)].map((match) => match[1]))];
  for (const name of names) html = html.replaceAll(`<!-- segmint-demo: ${name} -->`, await readFile(join(SITE, name), 'utf8'));
  return html;
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
  const collectArg = process.argv.indexOf('--collect');
  const collect = collectArg > 0 ? resolve(process.argv[collectArg + 1]) : undefined;
  const { url, stop } = await startServer({ port, collect });
  console.log(`segmint demo storefront: ${url}`);
  if (collect) console.log(`Its beacons are collected into ${collect}/; see the report with: npm run demo:results`);
  console.log('Stop with Ctrl+C.');
  const quit = () => stop().then(() => process.exit(0));
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
}

// `segmint collect` under load: beacon POSTs of 20 events each, over a few keep-alive connections
// on loopback, to the real command (dist/cli.js, spawned as a user runs it). Bounded in count and
// time: --posts=N (default 20,000) or --seconds=S (default 60), whichever ends first. Then the
// collector is stopped with SIGTERM and its files are read back: every line must be valid JSON,
// and the lines must be exactly the events acknowledged with 204 (nothing lost, nothing twice).
// Run `npm run build` first. Writes tests/bench/results/collect.json. Exits 1 on any loss.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const POSTS = Number(args.get('posts') ?? 20_000);
const SECONDS = Number(args.get('seconds') ?? 60);
const CONNECTIONS = Number(args.get('connections') ?? 8);
const EVENTS_PER_POST = 20;
const TARGET = 2000;
for (const [name, value] of [['posts', POSTS], ['seconds', SECONDS], ['connections', CONNECTIONS]]) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive integer, got ${args.get(name)}`);
}

const dir = mkdtempSync(join(tmpdir(), 'segmint-collect-bench-'));
const child = spawn(process.execPath, [...(process.env.COLLECT_NODE_ARGS ?? '').split(' ').filter(Boolean), 'dist/cli.js', 'collect', '--dir', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    const found = /listening on (http:\/\/\S+\/)/.exec(out)?.[1];
    if (found) resolve(new URL('/e', found));
  });
  void exited.then((code) => reject(new Error(`segmint collect exited with ${code}: ${out}`)));
});
// What the collector prints from now on (its rate-limited log) is kept for the report.
let log = '';
child.stdout.on('data', (chunk) => (log += chunk));

/** A body like the SDK's: 20 events of the usual kinds, each with a fresh id (the text is templated: the client must cost less than the server). */
let sequence = 0;
const KINDS = [
  { event: 'exposure', campaign: 'kettle-upsell-ab', variant: 'a', locale: 'de-AT', segments: ['dach', 'coffee-lovers'] },
  { event: 'impression', campaign: 'kettle-upsell-ab', variant: 'a', locale: 'de-AT', segments: ['dach', 'coffee-lovers'] },
  { event: 'click', campaign: 'kettle-upsell-ab', variant: 'b', locale: 'en', segments: [] },
  { event: 'conversion', campaign: 'kettle-upsell-ab', variant: 'b', locale: 'en', segments: [], value: 89.9, currency: 'EUR', transactionId: 'T-1' },
  { event: 'purchase', value: 89.9, currency: 'EUR', transactionId: 'T-1' },
].map((kind) => JSON.stringify(kind).slice(1, -1));
function makeBody() {
  const ids = [];
  const events = [];
  const time = Date.now();
  for (let i = 0; i < EVENTS_PER_POST; i++) {
    const n = ++sequence;
    const id = n.toString(16).padStart(32, '0');
    ids.push(id);
    events.push(`{${KINDS[n % KINDS.length]},"id":"${id}","visitor":"v${(n % 5000).toString(16).padStart(24, '0')}","time":${time},"path":"/products/kettle"}`);
  }
  return { ids, text: `{"events":[${events.join(',')}]}` };
}

/**
 * One keep-alive connection, one request at a time, over a plain socket: Node's http client
 * costs more CPU per request than the collector does, and would measure itself. A response is
 * read up to its blank line; anything but 204 counts as a failure and closes the connection.
 */
function connect() {
  const socket = createConnection({ host: url.hostname, port: Number(url.port) });
  socket.setNoDelay(true);
  let pending = null;
  let buffer = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk) => {
    buffer += chunk;
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0 || !pending) return;
    const status = Number(buffer.slice(9, 12));
    buffer = buffer.slice(end + 4);
    const done = pending;
    pending = null;
    if (status !== 204) socket.destroy();
    done(status);
  });
  const fail = (error) => {
    const done = pending;
    pending = null;
    done?.(error?.code ?? 'closed');
  };
  socket.on('error', fail);
  socket.on('close', () => fail());
  return {
    post(text) {
      return new Promise((resolve) => {
        if (socket.destroyed) return resolve('closed');
        pending = resolve;
        socket.write(`POST /e HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
      });
    },
    close: () => socket.end(),
  };
}

const acknowledged = new Set();
const failures = new Map();
let sent = 0;
const started = performance.now();
const deadline = started + SECONDS * 1000;
async function sender() {
  const connection = connect();
  while (sent < POSTS && performance.now() < deadline) {
    sent++;
    const { ids, text } = makeBody();
    const status = await connection.post(text);
    if (status === 204) for (const id of ids) acknowledged.add(id);
    else failures.set(status, (failures.get(status) ?? 0) + 1);
  }
  connection.close();
}
await Promise.all(Array.from({ length: CONNECTIONS }, sender));
const seconds = (performance.now() - started) / 1000;
// CPU seconds each side used: on a shared machine, POSTs per collector CPU-second say more than wall time.
const collectorCpu = readCpuSeconds(child.pid);
const clientCpu = (process.cpuUsage().user + process.cpuUsage().system) / 1e6;

child.kill('SIGTERM');
const code = await exited;

let lines = 0;
let invalid = 0;
let unexpected = 0;
const written = new Set();
for (const file of readdirSync(dir)) {
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    if (!line) continue;
    lines++;
    try {
      const { id } = JSON.parse(line);
      if (!acknowledged.has(id) || written.has(id)) unexpected++;
      written.add(id);
    } catch {
      invalid++;
    }
  }
}
rmSync(dir, { recursive: true, force: true });
const lost = [...acknowledged].filter((id) => !written.has(id)).length;
const okPosts = acknowledged.size / EVENTS_PER_POST;
const result = {
  date: new Date().toISOString(), node: process.version, cpus: cpus().length, connections: CONNECTIONS,
  posts: sent, eventsPerPost: EVENTS_PER_POST, seconds: Number(seconds.toFixed(2)),
  postsPerSecond: Math.round(okPosts / seconds), eventsPerSecond: Math.round(acknowledged.size / seconds),
  acknowledgedEvents: acknowledged.size, lines, invalidLines: invalid, lost, unexpectedLines: unexpected,
  failedPosts: Object.fromEntries(failures), exitCode: code,
  collectorCpuSeconds: collectorCpu, clientCpuSeconds: Number(clientCpu.toFixed(2)),
  postsPerCollectorCpuSecond: collectorCpu ? Math.round(okPosts / collectorCpu) : null,
};
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync('tests/bench/results/collect.json', `${JSON.stringify(result, null, 2)}\n`);

console.log(`segmint collect: ${okPosts} POSTs of ${EVENTS_PER_POST} events over ${CONNECTIONS} keep-alive connections in ${seconds.toFixed(2)} s`);
console.log(`  ${result.postsPerSecond} POSTs/s (${result.eventsPerSecond} events/s); target ≥ ${TARGET} POSTs/s: ${result.postsPerSecond >= TARGET ? 'met' : 'NOT met'}`);
console.log(`  CPU: collector ${collectorCpu ?? '?'} s (${result.postsPerCollectorCpuSecond ?? '?'} POSTs per CPU-second), this client ${result.clientCpuSeconds} s; load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
console.log(`  lines ${lines} = events acknowledged ${acknowledged.size}: ${lines === acknowledged.size ? 'yes' : 'NO'}; invalid lines ${invalid}; lost ${lost}; unexpected ${unexpected}; failed POSTs ${failures.size ? JSON.stringify(result.failedPosts) : 0}; exit ${code}`);
console.log(log.trim().split('\n').slice(-2).map((line) => `  collector: ${line}`).join('\n'));
const broken = lost || invalid || unexpected || lines !== acknowledged.size || failures.size || code !== 0;
process.exit(broken ? 1 : 0);

/** utime + stime of a process from /proc (Linux), in seconds; null elsewhere. */
function readCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the name; ticks are 1/100 s on Linux.
    return Number(((Number(fields[11]) + Number(fields[12])) / 100).toFixed(2));
  } catch {
    return null;
  }
}

// @vitest-environment node
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';

const cli = join(__dirname, '../../dist/cli.js');

/** Starts `segmint collect` as a user would; resolves once it says where it listens. */
function startCli(...args: string[]): Promise<{ child: ChildProcess; url: string; out: () => string; exit: Promise<number | null> }> {
  const child = spawn(process.execPath, [cli, 'collect', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+\/)/.exec(out)?.[1];
      if (url) resolve({ child, url, out: () => out, exit });
    });
    child.stderr!.on('data', (chunk) => reject(new Error(String(chunk))));
    void exit.then((code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

function runToEnd(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [cli, 'collect', ...args]);
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

let sequence = 0;
const makeEvents = (n: number) => Array.from({ length: n }, () => ({
  event: 'exposure', id: (++sequence).toString(16).padStart(24, '0'), visitor: `v${sequence % 97}`, time: Date.now(), path: '/',
  campaign: 'c', variant: 'holdout', locale: 'en', segments: [],
}));

/** POSTs one body on a keep-alive agent; resolves to the status, or null when the connection failed. */
function post(url: string, agent: Agent, body: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request(new URL('/e', url), { method: 'POST', agent, headers: { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
    });
    req.on('error', () => resolve(null));
    req.end(body);
  });
}

describe('segmint collect, the command', () => {
  it('loses nothing it acknowledged when stopped by SIGTERM under load, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmint-collect-cli-'));
    const { child, url, out, exit } = await startCli('--dir', dir, '--port', '0');
    const acknowledged = new Set<string>();
    let refused = 0;
    let stop = false;
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const sender = async () => {
      while (!stop) {
        const events = makeEvents(20);
        const status = await post(url, agent, JSON.stringify({ events }));
        if (status === 204) events.forEach((e) => acknowledged.add(e.id));
        else if (status === null || status === 503) refused++;
        else throw new Error(`unexpected status ${status}`);
        if (status !== 204) stop = true;
      }
    };
    const senders = Array.from({ length: 4 }, sender);
    await new Promise((resolve) => setTimeout(resolve, 400));
    child.kill('SIGTERM');
    await Promise.all(senders);
    expect(await exit).toBe(0);
    agent.destroy();
    expect(acknowledged.size).toBeGreaterThan(100);
    const lines = readdirSync(dir).flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean));
    const written = new Set(lines.map((line) => (JSON.parse(line) as { id: string }).id));
    expect(written.size).toBe(lines.length);
    for (const id of acknowledged) expect(written.has(id)).toBe(true);
    expect(out()).toMatch(/SIGTERM: finishing the writes under way…\n(.*\n)?total: received \d+ events in \d+ requests; dropped 0 events; refused \d+ requests?\n$/);
  }, 20_000);

  it('stops on SIGINT (Ctrl+C) and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmint-collect-cli-'));
    const { child, exit } = await startCli('--dir', dir, '--port', '0');
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it('listens on 127.0.0.1 unless --host says otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmint-collect-cli-'));
    const { child, url, exit } = await startCli('--dir', dir, '--port', '0');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    child.kill('SIGTERM');
    await exit;
  });

  it('exits 2 with a clear message on bad usage or a port in use', async () => {
    const noDir = await runToEnd('--port', '8787');
    expect(noDir.code).toBe(2);
    expect(noDir.err).toContain('segmint: collect needs --dir');
    expect(noDir.err).toContain('segmint collect --dir <folder>');
    const badPort = await runToEnd('--dir', tmpdir(), '--port', 'eighty');
    expect(badPort).toMatchObject({ code: 2, err: 'segmint: --port needs a port number (0–65535), got "eighty"\n' });
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    const inUse = await runToEnd('--dir', tmpdir(), '--port', String(port));
    taken.close();
    expect(inUse).toMatchObject({ code: 2, err: `segmint: cannot collect on 127.0.0.1:${port}: the port is in use (choose another with --port)\n` });
  });
});

// @vitest-environment node
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollectServer, type CollectServer } from './collect-server';
import { createCollectLog, type CollectLog } from './collect-log';

const DAY = '2026-12-03';
const AT = Date.parse(`${DAY}T10:00:00Z`);

let running: CollectServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((collector) => collector.stop()));
  running = [];
});

async function start(now: () => number = () => AT): Promise<{ url: string; dir: string; log: CollectLog; lines: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'segmint-collect-'));
  const lines: string[] = [];
  const log = createCollectLog((line) => lines.push(line), 60_000);
  const collector = await startCollectServer({ dir, port: 0, host: '127.0.0.1', log, now });
  running.push(collector);
  return { url: collector.url, dir, log, lines };
}

let sequence = 0;
function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence++;
  return {
    event: 'click', id: sequence.toString(16).padStart(32, '0'), visitor: 'a1b2c3d4e5f60718293a4b5c', time: AT, path: '/products/kettle',
    campaign: 'kettle-upsell', variant: 'a', locale: 'en', segments: ['dach'], ...overrides,
  };
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(new URL('/e', url), { method: 'POST', body, headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers } });

function readDay(dir: string, day = DAY): Record<string, unknown>[] {
  let text: string;
  try {
    text = readFileSync(join(dir, `${day}.ndjson`), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

describe('segmint collect', () => {
  it('answers a beacon body on any path with 204 and CORS, and writes each event as one line', async () => {
    const { url, dir } = await start();
    const events = [event(), event({ event: 'purchase', campaign: undefined, variant: undefined, locale: undefined, segments: undefined, value: 12.5, currency: 'EUR' })];
    for (const path of ['/e', '/any/where?x=1']) {
      const response = await fetch(new URL(path, url), { method: 'POST', body: JSON.stringify({ events }) });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
    expect(readDay(dir)).toEqual([...events, ...events].map((e) => JSON.parse(JSON.stringify(e))));
  });

  it('has the lines on disk when the 204 arrives', async () => {
    const { url, dir } = await start();
    for (let i = 1; i <= 20; i++) {
      const response = await post(url, JSON.stringify({ events: [event(), event()] }));
      expect(response.status).toBe(204);
      // Read at once, synchronously: the write happened before the answer.
      expect(readDay(dir)).toHaveLength(2 * i);
    }
  });

  it('answers a CORS preflight, and 405 to other methods', async () => {
    const { url, dir } = await start();
    const preflight = await fetch(new URL('/e', url), { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['not JSON', '{"events": [', 'the body is not JSON'],
    ['an array', '[{"event":"click"}]', 'the body is not a JSON object'],
    ['without events', '{"event":"click"}', 'the body has no "events" list'],
    ['empty', '', 'the body is not JSON'],
  ])('answers 400 to a body that is %s, and writes nothing', async (_, body, reason) => {
    const { url, dir, log } = await start();
    const response = await post(url, body);
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toBe(`${reason}\n`);
    expect(readdirSync(dir)).toEqual([]);
    expect(log.totals().refused).toEqual({ 400: 1 });
  });

  it('answers 413 to a body over 1 MB, declared or streamed, and writes nothing of it', async () => {
    const { url, dir, log } = await start();
    const big = JSON.stringify({ events: [event({ note: 'x'.repeat(1024 * 1024) })] });
    expect((await post(url, big)).status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      // No Content-Length: the body comes chunked, and the limit is counted as it comes.
      const req = httpRequest(new URL('/e', url), { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => resolve(res.statusCode!));
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 4 * 1024 * 1024 && req.write(chunk)) sent += chunk.length;
        if (sent < 4 * 1024 * 1024) req.once('drain', () => { sent += chunk.length; pump(); });
        else req.end();
      };
      pump();
    });
    expect(streamed).toBe(413);
    // A body of exactly the limit is still read.
    const padded = JSON.stringify({ events: [event()] });
    const exact = padded + ' '.repeat(1024 * 1024 - Buffer.byteLength(padded));
    expect((await post(url, exact)).status).toBe(204);
    expect(readDay(dir)).toHaveLength(1);
    expect(log.totals().refused).toEqual({ 413: 2 });
  });

  it('drops and counts each event that breaks the field table, and writes the rest whole', async () => {
    const { url, dir, log, lines } = await start();
    const good = [event(), event({ event: 'exposure', variant: 'holdout' })];
    const bad = [
      event({ id: 'short' }),
      event({ event: 'purchase', campaign: undefined, variant: undefined, locale: undefined, segments: undefined, value: 'ten', currency: 'EUR' }),
      event({ visitor: undefined }),
      event({ event: 'signup' }),
      'not an event',
    ];
    const response = await post(url, JSON.stringify({ events: [bad[0], good[0], ...bad.slice(1), good[1]] }));
    expect(response.status).toBe(204);
    expect(readDay(dir).map((e) => e.id)).toEqual(good.map((e) => e.id));
    expect(log.totals()).toMatchObject({ received: 2, dropped: 5 });
    log.finish();
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d received 2 events in 1 request; dropped 5 \(1× .+, 4 for other reasons\)$/);
  });

  it('refuses prototype keys at any depth, and huge strings, without polluting anything', async () => {
    const { url, dir, log } = await start();
    const bodies = [
      `{"events":[${JSON.stringify(event()).slice(0, -1)},"__proto__":{"polluted":true}}]}`,
      `{"events":[${JSON.stringify(event()).slice(0, -1)},"constructor":{"prototype":{"polluted":true}}}]}`,
      `{"events":[${JSON.stringify(event({ segments: [] })).replace('"segments":[]', '"segments":[{"__proto__":{"polluted":true}}]')}]}`,
      JSON.stringify({ events: [event({ path: `/${'x'.repeat(100_000)}` })] }),
      JSON.stringify({ events: [event({ campaign: 'c'.repeat(10_000) })] }),
    ];
    for (const body of bodies) expect((await post(url, body)).status).toBe(204);
    expect((await post(url, '{"events":[],"__proto__":{"polluted":true}}')).status).toBe(400);
    expect(readdirSync(dir)).toEqual([]);
    expect(log.totals()).toMatchObject({ received: 0, dropped: 5 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writes to the file of the UTC day of receipt, whatever the events say', async () => {
    let now = Date.parse('2026-12-31T23:59:59.999Z');
    const { url, dir } = await start(() => now);
    await post(url, JSON.stringify({ events: [event({ time: Date.parse('2026-12-30T12:00:00Z') })] }));
    now = Date.parse('2027-01-01T00:00:00.000Z');
    await post(url, JSON.stringify({ events: [event(), event()] }));
    expect(readdirSync(dir).sort()).toEqual(['2026-12-31.ndjson', '2027-01-01.ndjson']);
    expect(readDay(dir, '2026-12-31')).toHaveLength(1);
    expect(readDay(dir, '2027-01-01')).toHaveLength(2);
  });

  it('keeps each request\'s lines together under concurrent requests, every line valid JSON', async () => {
    const { url, dir } = await start();
    const requests = Array.from({ length: 60 }, (_, batch) => Array.from({ length: 20 }, () => event({ batch })));
    const statuses = await Promise.all(requests.map((events) => post(url, JSON.stringify({ events })).then((r) => r.status)));
    expect(statuses.every((status) => status === 204)).toBe(true);
    const lines = readFileSync(join(dir, `${DAY}.ndjson`), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const written = lines.map((line) => JSON.parse(line) as { batch: number });
    expect(written).toHaveLength(60 * 20);
    // Contiguous runs of 20 per request.
    for (let i = 0; i < written.length; i += 20) expect(new Set(written.slice(i, i + 20).map((e) => e.batch)).size).toBe(1);
    expect(new Set(written.map((e) => e.batch)).size).toBe(60);
  });
});

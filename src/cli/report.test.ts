// @vitest-environment node
// `segmint report` as a user runs it: the built bin, spawned, on files written here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../tests/unit/random';

const BIN = join(__dirname, '../../dist/cli.js');
const DIR = mkdtempSync(join(tmpdir(), 'segmint-report-'));
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 8);

function write(name: string, content: string | Buffer): string {
  const file = join(DIR, name);
  writeFileSync(file, content);
  return file;
}

function report(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [BIN, 'report', ...args], { encoding: 'utf8', input });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const CONFIG = write('segmint.json', JSON.stringify({
  version: 1, defaultLocale: 'en', currency: 'EUR',
  campaigns: [{ id: 'kettle', holdout: 20, attributionHours: 24, content: { en: { title: 'A better kettle' } }, variants: [{ id: 'a' }, { id: 'b' }] }],
}));

interface Truth { visitors: number; clickers: number; purchasers: number; orders: number; revenue: number; impressions: number }

/** A stream of visitors split 20/40/40, and the figures it holds, counted here by hand as it is made. */
function makeStream(visitors: number, split = [0.2, 0.4, 0.4]) {
  const random = seededRandom(99);
  const lines: string[] = [];
  const truth: Record<string, Truth> = {};
  let counter = 0;
  const id = () => (++counter).toString(16).padStart(20, '0');
  for (let v = 0; v < visitors; v++) {
    const pick = random();
    const arm = pick < split[0] ? 'holdout' : pick < split[0] + split[1] ? 'a' : 'b';
    const t = (truth[arm] ??= { visitors: 0, clickers: 0, purchasers: 0, orders: 0, revenue: 0, impressions: 0 });
    const visitor = `visitor-${v}`;
    const base = { visitor, path: '/products/kettle', campaign: 'kettle', variant: arm, locale: 'en', segments: v % 2 ? ['dach'] : [] };
    t.visitors++;
    lines.push(JSON.stringify({ event: 'exposure', id: id(), time: T0 + v, ...base }));
    lines.push(JSON.stringify({ event: 'exposure', id: id(), time: T0 + v + 60_000, ...base }));
    if (arm !== 'holdout') {
      lines.push(JSON.stringify({ event: 'impression', id: id(), time: T0 + v + 1, ...base }));
      t.impressions++;
      if (random() < 0.1) {
        lines.push(JSON.stringify({ event: 'click', id: id(), time: T0 + v + 2, ...base }));
        t.clickers++;
      }
    }
    if (random() < (arm === 'b' ? 0.12 : 0.06)) {
      const value = 10 + Math.round(random() * 9000) / 100;
      lines.push(JSON.stringify({ event: 'purchase', id: id(), visitor, time: T0 + v + HOUR, path: '/thanks', value, currency: 'EUR', transactionId: `T-${v}` }));
      t.purchasers++;
      t.orders++;
      t.revenue += value;
    }
    // A purchase two days later is outside every window.
    if (random() < 0.05) lines.push(JSON.stringify({ event: 'purchase', id: id(), visitor, time: T0 + 48 * HOUR, path: '/thanks', value: 500, currency: 'EUR' }));
  }
  return { text: lines.join('\n') + '\n', truth, lines };
}

const STREAM = makeStream(3000);
const EVENTS = write('events.ndjson', STREAM.text);

// Each test spawns Node a few times: seconds on a busy machine.
describe('segmint report', { timeout: 30_000 }, () => {
  it('gives each arm the figures counted when the stream was made, in the SPEC\'s JSON shape', () => {
    const { code, out } = report([EVENTS, '--config', CONFIG, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(Object.keys(result)).toEqual(['currency', 'events', 'skipped', 'campaigns']);
    expect(result).toMatchObject({ currency: 'EUR', events: STREAM.lines.length, skipped: { duplicate: 0, invalid: 0, noVisitor: 0, otherCurrency: 0 } });
    const [campaign] = result.campaigns;
    expect(Object.keys(campaign)).toEqual(['campaign', 'baseline', 'attributionHours', 'srm', 'arms', 'segments']);
    expect(campaign).toMatchObject({ campaign: 'kettle', baseline: 'holdout', attributionHours: 24, srm: { warning: false, expected: { holdout: 0.2, a: 0.4, b: 0.4 } } });
    for (const arm of campaign.arms) {
      const t = STREAM.truth[arm.variant];
      expect(arm).toMatchObject({ visitors: t.visitors, impressions: t.impressions, clickers: t.clickers, purchasers: t.purchasers, orders: t.orders });
      expect(arm.revenue).toBeCloseTo(t.revenue, 6);
      expect(arm.conversionRate).toBeCloseTo(t.purchasers / t.visitors, 12);
    }
    expect(Object.keys(campaign.arms[1])).toEqual(['variant', 'visitors', 'impressions', 'clickers', 'purchasers', 'orders', 'revenue', 'conversionRate', 'revenuePerVisitor', 'clickRate', 'averageOrderValue', 'lift']);
    expect(Object.keys(campaign.arms[1].lift.conversionRate)).toEqual(['estimate', 'ci', 'pValue']);
    expect(campaign.segments[0].segment).toBe('dach');
    expect(campaign.segments[0].arms[1].lift.conversionRate.qValue).toEqual(expect.any(Number));
  });

  it('reads .ndjson.gz and stdin to the same report', () => {
    const plain = report([EVENTS, '--config', CONFIG, '--json']).out;
    expect(report([write('events.ndjson.gz', gzipSync(STREAM.text)), '--config', CONFIG, '--json']).out).toBe(plain);
    expect(report(['-', '--config', CONFIG, '--json'], STREAM.text).out).toBe(plain);
  });

  it('counts bad lines in skipped and gives the same figures as the clean stream, never a crash', () => {
    const [first, second] = STREAM.lines;
    const dirty = [
      first, first, // a duplicate exposure changes nothing
      '{"event":"impression","id":"00', // truncated mid-line
      '<html>502 Bad Gateway</html>',
      JSON.stringify({ ...JSON.parse(second), visitor: undefined }),
      JSON.stringify({ ...JSON.parse(second), campaign: 'retired' }),
      ...STREAM.lines.slice(1),
      ...STREAM.lines.filter((line) => line.includes('"impression"')).slice(0, 5), // impressions sent twice
      '{"event":"purchase","id":"',
    ].join('\n');
    const clean = JSON.parse(report([EVENTS, '--config', CONFIG, '--json']).out);
    const { code, out } = report([write('dirty.ndjson', dirty), '--config', CONFIG, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.skipped).toEqual({ duplicate: 5, invalid: 3, noVisitor: 1, otherCurrency: 0, unknownCampaign: 1, unknownVariant: 0, unknownAnswer: 0 });
    expect(result.campaigns).toEqual(clean.campaigns);
  });

  it('prints a table with verdicts in words, and the split check', () => {
    const { code, out } = report([EVENTS, '--config', CONFIG]);
    expect(code).toBe(0);
    expect(out).toMatch(/^\s+arm\s+visitors\s+click rate\s+conversion\s+revenue\/visitor/m);
    expect(out).toMatch(new RegExp(`^\\s+b\\s+${STREAM.truth.b.visitors.toLocaleString('en-US')}\\s`, 'm'));
    expect(out).toMatch(/b (beats|vs) holdout on conversion rate: /);
    expect(out).toContain("Sample ratio: the arms' sizes match the configured split");
  });

  it('exits 1 and says so in words when the split does not match the config', () => {
    const skewed = makeStream(3000, [0.1, 0.45, 0.45]);
    const { code, out } = report([write('skewed.ndjson', skewed.text), '--config', CONFIG]);
    expect(code).toBe(1);
    expect(out).toContain('WARNING, sample ratio mismatch');
  });

  it('counts purchases in another currency for orders but not revenue, and honours --currency and --attribution-hours', () => {
    const usd = STREAM.text.replace(/"currency":"EUR"/, '"currency":"USD"');
    const result = JSON.parse(report([write('usd.ndjson', usd), '--config', CONFIG, '--json']).out);
    expect(result.skipped.otherCurrency).toBe(1);
    const asUsd = JSON.parse(report([EVENTS, '--config', CONFIG, '--json', '--currency', 'USD']).out);
    expect(asUsd.currency).toBe('USD');
    expect(asUsd.campaigns[0].arms.every((arm: { revenue: number }) => arm.revenue === 0)).toBe(true);
    const longer = JSON.parse(report([EVENTS, '--config', CONFIG, '--json', '--attribution-hours', '72']).out);
    expect(longer.campaigns[0].attributionHours).toBe(72);
    const orders = (r: { campaigns: { arms: { orders: number }[] }[] }) => r.campaigns[0].arms.reduce((n, arm) => n + arm.orders, 0);
    expect(orders(longer)).toBeGreaterThan(orders(JSON.parse(report([EVENTS, '--config', CONFIG, '--json']).out)));
  });

  it('without --config reports every campaign seen, with no split to check', () => {
    const result = JSON.parse(report([EVENTS, '--json']).out);
    expect(result.campaigns.map((c: { campaign: string }) => c.campaign)).toEqual(['kettle']);
    expect(result.campaigns[0].srm).toMatchObject({ pValue: null, warning: false, expected: null });
  });

  it('exits 2 on bad usage or unreadable input, saying what is wrong', () => {
    expect(report([join(DIR, 'missing.ndjson')])).toMatchObject({ code: 2, err: expect.stringContaining('cannot read') });
    expect(report([DIR])).toMatchObject({ code: 2, err: expect.stringContaining('directory') });
    expect(report([write('broken.ndjson.gz', Buffer.from('not gzip at all'))])).toMatchObject({ code: 2, err: expect.stringContaining('cannot read') });
    expect(report([EVENTS, '--attribution-hours', 'soon'])).toMatchObject({ code: 2, err: expect.stringContaining('--attribution-hours') });
    expect(report([EVENTS, '--currency', 'euro'])).toMatchObject({ code: 2, err: expect.stringContaining('--currency') });
    expect(report([EVENTS, '--config', write('bad.json', '{"version": 1, "defaultLocale": "en", "campaigns": [{}]}')])).toMatchObject({ code: 2 });
    expect(report([EVENTS, '--config', write('notjson.json', '{')])).toMatchObject({ code: 2, err: expect.stringContaining('not valid JSON') });
    expect(report([])).toMatchObject({ code: 2 });
  });
  it('counts a question campaign\'s answers per option, in the table and in the JSON', () => {
    const config = write('question.json', JSON.stringify({
      version: 1, defaultLocale: 'de', currency: 'EUR',
      campaigns: [{ id: 'brew', kind: 'question', content: { de: { title: 'Wie brühst du?' }, en: { title: 'How do you brew?' } },
        question: { trait: 'brewMethod', options: [{ value: 'espresso', label: { de: 'Espresso', en: 'Espresso' } }, { value: 'filter', label: { de: 'Filterkaffee', en: 'Filter' } }] } }],
    }));
    let n = 0;
    const event = (visitor: string, name: string, time: number, fields: Record<string, unknown> = {}) =>
      JSON.stringify({ event: name, id: (++n).toString(16).padStart(20, '0'), visitor, time, path: '/', campaign: 'brew', variant: 'default', locale: 'de', segments: [], ...fields });
    const repeated = event('v2', 'answer', T0 + 2, { trait: 'brewMethod', value: 'filter' });
    // By hand: v1 espresso; v2 filter (sent twice), then espresso later; v3 "tea" is no option.
    const lines = [
      event('v1', 'exposure', T0), event('v2', 'exposure', T0 + 1),
      event('v1', 'answer', T0 + 5, { trait: 'brewMethod', value: 'espresso' }),
      repeated, repeated,
      event('v2', 'answer', T0 + 9, { trait: 'brewMethod', value: 'espresso' }),
      event('v3', 'answer', T0 + 3, { trait: 'brewMethod', value: 'tea' }),
    ];
    const file = write('answers.ndjson', lines.join('\n'));
    const json = report([file, '--config', config, '--json']);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.out);
    expect(result.skipped).toMatchObject({ duplicate: 1, unknownAnswer: 1 });
    expect(result.campaigns[0].answers).toEqual({
      trait: 'brewMethod', visitors: 2, answers: 3,
      options: [{ value: 'espresso', label: 'Espresso', visitors: 2, answers: 2 }, { value: 'filter', label: 'Filterkaffee', visitors: 0, answers: 1 }],
    });
    const text = report([file, '--config', config]).out;
    expect(text).toContain('Answers (traits.brewMethod): 2 visitors, 3 answers');
    expect(text).toMatch(/Filterkaffee \(filter\)\s+0\s+0\.0%\s+1/);
  });
});

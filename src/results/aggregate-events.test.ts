import { describe, expect, it } from 'vitest';
import { createEventAggregator, type AggregationPlan } from './aggregate-events';
import type { StatsInput, StatsRow } from './stats-rows';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 9);
let counter = 0;

function id(): string {
  return (++counter).toString(16).padStart(24, '0');
}

function exposure(visitor: string, variant: string, time: number, segments: string[] = [], campaign = 'kettle') {
  return { event: 'exposure', id: id(), visitor, time, path: '/products/kettle', campaign, variant, locale: 'en', segments };
}

function campaignEvent(name: 'impression' | 'click' | 'dismiss', visitor: string, variant: string, time: number, campaign = 'kettle') {
  return { ...exposure(visitor, variant, time, [], campaign), event: name };
}

function purchase(visitor: string, time: number, value: number, fields: Record<string, unknown> = {}) {
  return { event: 'purchase', id: id(), visitor, time, path: '/thanks', value, currency: 'EUR', ...fields };
}

const PLAN: AggregationPlan = {
  campaigns: [{ id: 'kettle', arms: ['holdout', 'a', 'b'], attributionHours: 24 }],
  currency: 'EUR',
};

function aggregate(lines: unknown[], plan: AggregationPlan = PLAN): StatsInput {
  const aggregator = createEventAggregator(plan);
  for (const line of lines) aggregator.addLine(typeof line === 'string' ? line : JSON.stringify(line));
  return aggregator.finish();
}

function rowOf(result: StatsInput, variant: string, segment: string | null = null, campaign = 'kettle'): StatsRow | undefined {
  return result.rows.find((row) => row.campaign === campaign && row.variant === variant && row.segment === segment);
}

describe('createEventAggregator', () => {
  it('puts a visitor in the arm of their first exposure by time, whatever order the lines come in', () => {
    const result = aggregate([exposure('v1', 'b', T0 + 5000), exposure('v1', 'a', T0), exposure('v1', 'b', T0 + 9000), exposure('v2', 'b', T0)]);
    expect(rowOf(result, 'a')).toMatchObject({ visitors: 1 });
    expect(rowOf(result, 'b')).toMatchObject({ visitors: 1 });
    expect(result.events).toBe(4);
  });

  it('attributes purchases from the first exposure to the end of the window, including ones read before the exposure', () => {
    const result = aggregate([
      purchase('v1', T0 + 2 * HOUR, 30), // read before its exposure
      exposure('v1', 'a', T0 + HOUR),
      purchase('v1', T0 + 30 * HOUR, 20), // 29 h after: outside a 24 h window
      purchase('v1', T0 + 25 * HOUR, 10), // exactly 24 h after: inside
      purchase('v1', T0, 99), // before the exposure (a clock that jumped, or an earlier visit): not attributed
      exposure('v2', 'a', T0),
    ]);
    expect(rowOf(result, 'a')).toMatchObject({ visitors: 2, purchasers: 1, orders: 2, revenue: 40, revenue_sq: 1600 });
  });

  it('takes the campaign\'s own attribution window, or the one asked for', () => {
    const lines = [exposure('v1', 'a', T0), purchase('v1', T0 + 30 * HOUR, 20)];
    expect(rowOf(aggregate(lines), 'a')).toMatchObject({ purchasers: 0 });
    const longer = { ...PLAN, campaigns: [{ ...PLAN.campaigns![0], attributionHours: 48 }] };
    expect(rowOf(aggregate(lines, longer), 'a')).toMatchObject({ purchasers: 1, revenue: 20 });
  });

  it('counts one order per transaction id, and sums revenue per visitor for revenue_sq', () => {
    const result = aggregate([
      exposure('v1', 'a', T0), exposure('v2', 'a', T0), exposure('v3', 'a', T0),
      purchase('v1', T0 + HOUR, 50, { transactionId: 'T-1' }),
      purchase('v1', T0 + 2 * HOUR, 50, { transactionId: 'T-1' }), // the thank-you page reloaded
      purchase('v1', T0 + 3 * HOUR, 25, { transactionId: 'T-2' }),
      purchase('v2', T0 + HOUR, 10),
      purchase('v2', T0 + 2 * HOUR, 10),
    ]);
    expect(rowOf(result, 'a')).toMatchObject({ visitors: 3, purchasers: 2, orders: 4, revenue: 95, revenue_sq: 75 * 75 + 20 * 20 });
  });

  it('counts impressions and distinct clickers of the arm\'s visitors', () => {
    const result = aggregate([
      exposure('v1', 'b', T0), exposure('v2', 'b', T0),
      campaignEvent('impression', 'v1', 'b', T0 + 1), campaignEvent('impression', 'v1', 'b', T0 + 2), campaignEvent('impression', 'v2', 'b', T0 + 1),
      campaignEvent('click', 'v1', 'b', T0 + 3), campaignEvent('click', 'v1', 'b', T0 + 4), campaignEvent('dismiss', 'v2', 'b', T0 + 3),
    ]);
    expect(rowOf(result, 'b')).toMatchObject({ visitors: 2, impressions: 3, clickers: 1 });
  });

  it('counts an event id once where a second copy would change a figure', () => {
    const shown = campaignEvent('impression', 'v1', 'a', T0 + 1);
    const bought = purchase('v1', T0 + HOUR, 40);
    const seen = exposure('v1', 'a', T0);
    const result = aggregate([seen, seen, shown, shown, bought, bought, bought]);
    expect(rowOf(result, 'a')).toMatchObject({ visitors: 1, impressions: 1, orders: 1, revenue: 40 });
    expect(result.skipped.duplicate).toBe(3);
    // A repeated exposure changes nothing and is not looked for: it counts as read.
    expect(result.events).toBe(4);
  });

  it('skips and counts lines that are not events, and events without a visitor, and goes on', () => {
    const good = exposure('v1', 'a', T0);
    const result = aggregate([
      JSON.stringify(good).slice(0, 40), // truncated
      'not json at all',
      '[1, 2, 3]',
      { ...exposure('v2', 'a', T0), time: 'yesterday' },
      { ...exposure('v3', 'a', T0), id: 'short' },
      { ...purchase('v4', T0, 10), currency: 'euro' },
      { ...exposure('v5', 'a', T0), visitor: undefined },
      { ...purchase('v6', T0, 10), visitor: '' },
      '',
      '   ',
      good,
    ]);
    expect(result.skipped).toMatchObject({ invalid: 6, noVisitor: 2, duplicate: 0 });
    expect(result.events).toBe(1);
    expect(rowOf(result, 'a')).toMatchObject({ visitors: 1 });
  });

  it('with a config, skips and counts events of other campaigns and of variants it does not have', () => {
    const result = aggregate([
      exposure('v1', 'a', T0, [], 'retired'),
      campaignEvent('impression', 'v1', 'a', T0, 'retired'),
      exposure('v2', 'c', T0), // its visitor's first exposure: not moved to "a" by the later one
      exposure('v2', 'a', T0 + HOUR),
      exposure('v3', 'a', T0),
    ]);
    expect(result.skipped).toMatchObject({ unknownCampaign: 2, unknownVariant: 1 });
    expect(result.rows.map((row) => [row.campaign, row.variant, row.visitors])).toEqual([['kettle', 'a', 1]]);
    expect(result.events).toBe(2);
  });

  it('counts purchases in another currency for purchasers and orders but not revenue', () => {
    const result = aggregate([exposure('v1', 'a', T0), purchase('v1', T0 + 1, 30, { currency: 'USD' }), purchase('v1', T0 + 2, 20)]);
    expect(rowOf(result, 'a')).toMatchObject({ purchasers: 1, orders: 2, revenue: 20 });
    expect(result.skipped.otherCurrency).toBe(1);
    expect(result.currency).toBe('EUR');
  });

  it('gives segment rows from the segments of the first exposure', () => {
    const result = aggregate([
      exposure('v1', 'a', T0 + 10, ['late']),
      exposure('v1', 'a', T0, ['dach', 'mobile']),
      exposure('v2', 'a', T0, ['dach']),
      purchase('v1', T0 + HOUR, 30),
    ]);
    expect(rowOf(result, 'a', 'dach')).toMatchObject({ visitors: 2, purchasers: 1, revenue: 30 });
    expect(rowOf(result, 'a', 'mobile')).toMatchObject({ visitors: 1, purchasers: 1 });
    expect(rowOf(result, 'a', 'late')).toBeUndefined();
    expect(rowOf(result, 'a')).toMatchObject({ visitors: 2 });
  });

  it('without a config, reports every campaign seen and the currency most purchases are in', () => {
    const result = aggregate(
      [exposure('v1', 'a', T0, [], 'one'), exposure('v2', 'default', T0, [], 'two'), purchase('v1', T0 + 1, 5, { currency: 'USD' }), purchase('v1', T0 + 2, 7, { currency: 'USD' }), purchase('v2', T0 + 3, 9)],
      { campaigns: null, currency: null },
    );
    expect(result.currency).toBe('USD');
    expect(result.skipped.otherCurrency).toBe(1);
    expect(rowOf(result, 'a', null, 'one')).toMatchObject({ visitors: 1, orders: 2, revenue: 12 });
    expect(rowOf(result, 'default', null, 'two')).toMatchObject({ visitors: 1, orders: 1, revenue: 0 });
  });
});

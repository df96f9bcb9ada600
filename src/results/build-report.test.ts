import { describe, expect, it } from 'vitest';
import { buildReport, type CampaignPlan } from './build-report';
import { createSkipped, type StatsInput, type StatsRow } from './stats-rows';
import { relativeLift, sampleRatioTest, benjaminiHochberg } from './statistics';

function row(variant: string, fields: Partial<StatsRow> = {}, segment: string | null = null, campaign = 'kettle'): StatsRow {
  return { campaign, variant, segment, visitors: 0, impressions: 0, clickers: 0, purchasers: 0, orders: 0, revenue: 0, revenue_sq: 0, ...fields };
}

function input(rows: StatsRow[]): StatsInput {
  return { currency: 'EUR', events: 1234, skipped: { ...createSkipped(), duplicate: 2 }, rows };
}

const PLAN: CampaignPlan = { id: 'kettle', holdout: 20, variants: [{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }], attributionHours: 24 };

const ROWS = [
  row('b', { visitors: 3998, impressions: 3500, clickers: 400, purchasers: 130, orders: 140, revenue: 5600, revenue_sq: 420000 }),
  row('holdout', { visitors: 1990, purchasers: 50, orders: 52, revenue: 2100.5, revenue_sq: 150000 }),
  row('a', { visitors: 4012, impressions: 3600, clickers: 380, purchasers: 100, orders: 104, revenue: 4000, revenue_sq: 300000 }),
];

describe('buildReport', () => {
  it('reports every arm, holdout first as the baseline, with the SPEC ratios', () => {
    const report = buildReport(input(ROWS), [PLAN]);
    expect(report).toMatchObject({ currency: 'EUR', events: 1234, skipped: { duplicate: 2 } });
    const [campaign] = report.campaigns;
    expect(campaign.baseline).toBe('holdout');
    expect(campaign.arms.map((arm) => arm.variant)).toEqual(['holdout', 'a', 'b']);
    const a = campaign.arms[1];
    expect(a).toMatchObject({ visitors: 4012, impressions: 3600, clickers: 380, purchasers: 100, orders: 104, revenue: 4000 });
    expect(a.conversionRate).toBeCloseTo(100 / 4012, 12);
    expect(a.revenuePerVisitor).toBeCloseTo(4000 / 4012, 12);
    expect(a.clickRate).toBeCloseTo(380 / 4012, 12);
    expect(a.averageOrderValue).toBeCloseTo(4000 / 104, 12);
    expect(campaign.arms[0].lift).toBeNull();
  });

  it('measures lift against the baseline with the statistics module, on both metrics', () => {
    const [campaign] = buildReport(input(ROWS), [PLAN]).campaigns;
    const b = campaign.arms[2];
    expect(b.lift!.conversionRate).toEqual(relativeLift({ n: 1990, sum: 50, sumSq: 50 }, { n: 3998, sum: 130, sumSq: 130 }));
    expect(b.lift!.revenuePerVisitor).toEqual(relativeLift({ n: 1990, sum: 2100.5, sumSq: 150000 }, { n: 3998, sum: 5600, sumSq: 420000 }));
  });

  it('checks the split against the holdout percent and the variants\' weights over the rest', () => {
    const { srm } = buildReport(input(ROWS), [{ ...PLAN, variants: [{ id: 'a', weight: 3 }, { id: 'b', weight: 1 }] }]).campaigns[0];
    expect(srm.expected).toEqual({ holdout: 0.2, a: expect.closeTo(0.6, 12), b: expect.closeTo(0.2, 12) });
    expect(srm.observed).toEqual({ holdout: 1990, a: 4012, b: 3998 });
    expect(srm).toMatchObject(sampleRatioTest(srm.observed, srm.expected!));
    expect(srm.warning).toBe(true);
    expect(buildReport(input(ROWS), [PLAN]).campaigns[0].srm.warning).toBe(false);
  });

  it('takes the first variant as baseline without a holdout, and keeps configured arms nobody reached', () => {
    const plan = { ...PLAN, holdout: 0, variants: [{ id: 'b', weight: 1 }, { id: 'a', weight: 1 }, { id: 'c', weight: 1 }] };
    const [campaign] = buildReport(input(ROWS), [plan]).campaigns;
    expect(campaign.baseline).toBe('b');
    expect(campaign.arms.map((arm) => arm.variant)).toEqual(['b', 'a', 'c']);
    expect(campaign.arms[2]).toMatchObject({ visitors: 0, conversionRate: null, revenuePerVisitor: null, averageOrderValue: null, lift: { conversionRate: null } });
    // Holdout visitors in a campaign configured without a holdout are themselves a mismatch.
    expect(campaign.srm).toMatchObject({ pValue: 0, warning: true });
  });

  it('leaves out rows of campaigns and arms the config does not have, and reports configured campaigns without rows', () => {
    const rows = [...ROWS, row('z', { visitors: 9 }), row('a', { visitors: 5 }, null, 'other')];
    const report = buildReport(input(rows), [PLAN, { ...PLAN, id: 'quiet' }]);
    expect(report.campaigns.map((c) => c.campaign)).toEqual(['kettle', 'quiet']);
    expect(report.campaigns[0].arms.map((arm) => arm.variant)).toEqual(['holdout', 'a', 'b']);
    expect(report.campaigns[1].srm).toMatchObject({ pValue: null, warning: false });
  });

  it('without a config, reports each campaign and arm seen, with no expected split', () => {
    const rows = [...ROWS, row('default', { visitors: 7 }, null, 'announce')];
    const report = buildReport(input(rows), null, 48);
    expect(report.campaigns.map((c) => c.campaign)).toEqual(['announce', 'kettle']);
    expect(report.campaigns[1]).toMatchObject({ baseline: 'holdout', attributionHours: 48, srm: { pValue: null, warning: false, expected: null } });
    expect(report.campaigns[1].arms.map((arm) => arm.variant)).toEqual(['holdout', 'a', 'b']);
    expect(report.campaigns[0].arms.map((arm) => arm.variant)).toEqual(['default']);
  });

  it('reports segments with the same figures and Benjamini–Hochberg q-values over all segment rows, per metric', () => {
    const segmentRows = ['dach', 'mobile'].flatMap((segment, i) => [
      row('holdout', { visitors: 900 + i, purchasers: 20, revenue: 800, revenue_sq: 60000 }, segment),
      row('a', { visitors: 1800, purchasers: 60 - 20 * i, revenue: 2400 - 900 * i, revenue_sq: 200000 }, segment),
      row('b', { visitors: 1790, purchasers: 45, revenue: 1500, revenue_sq: 150000 }, segment),
    ]);
    const [campaign] = buildReport(input([...ROWS, ...segmentRows]), [PLAN]).campaigns;
    expect(campaign.segments.map((s) => s.segment)).toEqual(['dach', 'mobile']);
    const lifts = campaign.segments.flatMap((s) => s.arms.filter((arm) => arm.lift).map((arm) => arm.lift!.conversionRate!));
    expect(lifts).toHaveLength(4);
    const q = benjaminiHochberg(lifts.map((lift) => lift.pValue));
    lifts.forEach((lift, i) => expect(lift.qValue).toBe(q[i]));
    // The campaign's own arms are not part of the segment family.
    expect(campaign.arms[1].lift!.conversionRate!.qValue).toBeUndefined();
  });
});

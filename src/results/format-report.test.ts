import { describe, expect, it } from 'vitest';
import { formatReport, verdict } from './format-report';
import { buildReport, type CampaignPlan } from './build-report';
import { createSkipped, type StatsRow } from './stats-rows';

function row(variant: string, fields: Partial<StatsRow>, segment: string | null = null): StatsRow {
  return { campaign: 'kettle', variant, segment, visitors: 0, impressions: 0, clickers: 0, purchasers: 0, orders: 0, revenue: 0, revenue_sq: 0, ...fields };
}

const PLAN: CampaignPlan = { id: 'kettle', holdout: 10, variants: [{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }], attributionHours: 24 };

describe('verdict', () => {
  it('says which arm beats or trails the baseline only when the interval leaves out zero', () => {
    expect(verdict('b', 'holdout', 'revenue per visitor', { estimate: 0.18, ci: [0.04, 0.32], pValue: 0.01 })).toBe('b beats holdout on revenue per visitor: +18% (95% CI +4.0% to +32%)');
    expect(verdict('a', 'holdout', 'conversion rate', { estimate: -0.2, ci: [-0.35, -0.05], pValue: 0.01 })).toBe('a trails holdout on conversion rate: -20% (95% CI -35% to -5.0%)');
    expect(verdict('a', 'holdout', 'conversion rate', { estimate: 0.05, ci: [-0.02, 0.12], pValue: 0.2 })).toBe('a vs holdout on conversion rate: no clear difference yet, +5.0% (95% CI -2.0% to +12%)');
    expect(verdict('a', 'holdout', 'conversion rate', null)).toMatch(/^a vs holdout on conversion rate: not enough data yet/);
  });
});

describe('formatReport', () => {
  const rows = [
    row('holdout', { visitors: 1000, purchasers: 30, orders: 30, revenue: 1500, revenue_sq: 120000 }),
    row('a', { visitors: 4500, impressions: 4000, clickers: 450, purchasers: 180, orders: 190, revenue: 9000, revenue_sq: 700000 }),
    row('b', { visitors: 4500, impressions: 4100, clickers: 500, purchasers: 140, orders: 150, revenue: 7200, revenue_sq: 560000 }),
    row('a', { visitors: 900, purchasers: 40, revenue: 2000, revenue_sq: 160000 }, 'dach'),
    row('holdout', { visitors: 200, purchasers: 5, revenue: 250, revenue_sq: 20000 }, 'dach'),
  ];
  const report = buildReport({ currency: 'EUR', events: 123456, skipped: { ...createSkipped(), invalid: 3, otherCurrency: 2 }, rows }, [PLAN]);
  const text = formatReport(report);

  it('shows a table of arms with visitors, rates and revenue per visitor in the report currency', () => {
    expect(text).toContain('123,456 events, revenue in EUR; skipped: 3 not valid events, 2 purchases in another currency');
    const lines = text.split('\n');
    const a = lines.find((line) => line.trimStart().startsWith('a '))!;
    expect(a).toContain('4,500');
    expect(a).toContain('10.0%'); // click rate 450 / 4500
    expect(a).toContain('4.00%'); // conversion 180 / 4500
    expect(a).toContain('€2.00'); // revenue per visitor 9000 / 4500
    expect(lines.find((line) => line.trimStart().startsWith('holdout'))).toContain('baseline');
  });

  it('gives a verdict per arm and metric, and the sample-ratio check in words', () => {
    expect(text).toMatch(/a (beats|trails|vs) holdout on conversion rate/);
    expect(text).toMatch(/b (beats|trails|vs) holdout on revenue per visitor/);
    expect(text).toContain("Sample ratio: the arms' sizes match the configured split");
    const broken = buildReport({ currency: 'EUR', events: 1, skipped: createSkipped(), rows }, [{ ...PLAN, holdout: 30 }]);
    expect(formatReport(broken)).toMatch(/WARNING, sample ratio mismatch: the arms got holdout 10\.0%, a 45\.0%, b 45\.0% of visitors, but the config splits holdout 30\.0%, a 35\.0%, b 35\.0% \(p < 0\.0001\)/);
  });

  it('lists segments with their q-values', () => {
    expect(text).toContain('By segment');
    expect(text).toMatch(/dach\s+a\s+900 .* q=/);
  });

  it('says so when a campaign has no visitors yet', () => {
    const empty = buildReport({ currency: null, events: 0, skipped: createSkipped(), rows: [] }, [PLAN]);
    expect(formatReport(empty)).toContain('kettle: baseline holdout');
    expect(formatReport(empty)).toContain('no visitors exposed yet');
  });
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './render-html';
import { buildReport, type CampaignPlan } from './build-report';
import { createSkipped, type StatsRow } from './stats-rows';

/** Per-visitor revenue of two arms, from which rows and the expected intervals are both worked out. */
const HOLDOUT = [...Array(90).fill(0), 20, 40, 40, 60, 10, 30, 50, 70, 25, 55];
const VARIANT = [...Array(80).fill(0), ...Array(20).fill(0).map((_, i) => 20 + i * 3)];
const PLANS: CampaignPlan[] = [{ id: 'kettle <b>upsell</b>', holdout: 50, variants: [{ id: 'a"b', weight: 1 }], attributionHours: 24 }];

function row(variant: string, values: number[], segment: string | null = null): StatsRow {
  const buyers = values.filter((value) => value > 0).length;
  return {
    campaign: PLANS[0].id, variant, segment, visitors: values.length, impressions: variant === 'holdout' ? 0 : values.length, clickers: 0,
    purchasers: buyers, orders: buyers, revenue: values.reduce((a, b) => a + b, 0), revenue_sq: values.reduce((a, b) => a + b * b, 0),
  };
}

/** mean ± 1.96·s/√n, with s² computed in two passes from the values themselves. */
function interval(values: number[]): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  const half = 1.959963984540054 * Math.sqrt(variance / values.length);
  return [mean - half, mean + half];
}

const rows = [row('holdout', HOLDOUT), row('a"b', VARIANT), row('holdout', HOLDOUT.slice(40), '<dach>'), row('a"b', VARIANT.slice(40), '<dach>')];
const report = buildReport({ currency: 'EUR', events: 1234, skipped: { ...createSkipped(), duplicate: 3 }, rows }, PLANS);

// The first render loads Vega, which takes seconds on a busy machine.
describe('renderReportHtml', { timeout: 30_000 }, () => {
  it('describes each arm’s interval as the figures give it, in the report’s locale', async () => {
    const html = await renderReportHtml(report, rows, { locale: 'de-DE' });
    const money = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
    const rate = new Intl.NumberFormat('de-DE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 });
    const [low, high] = interval(VARIANT);
    expect(html).toContain(`a&#34;b ${money.format(VARIANT.reduce((a, b) => a + b, 0) / 100)}, 95% CI ${money.format(low)} to ${money.format(high)}`);
    const [rateLow, rateHigh] = interval(HOLDOUT.map((value) => (value > 0 ? 1 : 0)));
    expect(html).toContain(`holdout ${rate.format(0.1)}, 95% CI ${rate.format(rateLow)} to ${rate.format(rateHigh)}`);
    expect(html).toContain('1.234 events');
  });

  it('puts the lift with its interval, the split verdict and the segment q-values in words and tables', async () => {
    const html = await renderReportHtml(report, rows, { locale: 'en' });
    const lift = report.campaigns[0].arms[1].lift!.conversionRate!;
    const change = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    expect(html).toContain(`${change.format(lift.estimate)} (95% CI ${change.format(lift.ci[0])} to ${change.format(lift.ci[1])}`);
    expect(html).toContain('The arms split as configured');
    const q = report.campaigns[0].segments[0].arms[1].lift!.conversionRate!.qValue!;
    expect(html).toContain(`<td>${new Intl.NumberFormat('en', { maximumSignificantDigits: 2 }).format(q)}</td>`);
    expect(html.match(/<svg/g)).toHaveLength(3);
  });

  it('warns in words when the split is off', async () => {
    const skewed = [row('holdout', HOLDOUT.concat(HOLDOUT, HOLDOUT)), row('a"b', VARIANT)];
    const html = await renderReportHtml(buildReport({ currency: 'EUR', events: 1, skipped: createSkipped(), rows: skewed }, PLANS), skewed);
    expect(html).toContain('<p class="srm warning">Warning: sample ratio mismatch. The arms got holdout 75.0%, a&#34;b 25.0% of visitors, but the config splits holdout 50.0%, a&#34;b 50.0%');
  });

  it('writes ids from events and configs as text, and loads nothing', async () => {
    const html = await renderReportHtml(report, rows);
    expect(html).not.toContain('<b>upsell</b>');
    expect(html).not.toContain('<dach>');
    expect(html).toContain('kettle &#60;b&#62;upsell&#60;/b&#62;');
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|\shref=|url\(|@import/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
  });

  it('falls back to English numbers for a locale Intl does not know', async () => {
    const html = await renderReportHtml(report, rows, { locale: 'not a locale' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('1,234 events');
  });
});

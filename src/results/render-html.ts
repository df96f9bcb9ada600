import type { AnswersReport, ArmReport, CampaignReport, Lift, Report, SampleRatio } from './report-types';
import type { StatsRow } from './stats-rows';
import { describeSample } from './statistics';
import { Z_95 } from './distributions';
import { createFormats, type ReportFormats } from './html-format';
import { renderBarChart, renderIntervalChart, type IntervalRow } from './html-charts';
import { REPORT_CSS } from './report-html-css';

/** How the HTML report is written. */
export interface HtmlOptions {
  /** BCP 47 locale the numbers are written in (`--locale`); default `en`. */
  locale?: string;
  /** The moment the report was made, shown in its footer; default now. */
  generatedAt?: Date;
}

const METRICS = [
  { key: 'conversionRate', name: 'conversion rate', unit: 'rate' },
  { key: 'revenuePerVisitor', name: 'revenue per visitor', unit: 'money' },
] as const;

/**
 * The report as one self-contained HTML page (SPEC §11 `--html`): per campaign the arms'
 * conversion rate and revenue per visitor with 95% intervals as charts, each arm's lift with its
 * interval against zero, the sample-ratio verdict in words, the arms' and segments' tables with
 * q-values. Charts are static SVG and the styles inline: the page loads nothing, and its
 * Content-Security-Policy forbids it to. `rows` are the sufficient statistics the report was
 * built from: the arms' own intervals come from them.
 */
export async function renderReportHtml(report: Report, rows: StatsRow[], options: HtmlOptions = {}): Promise<string> {
  const formats = createFormats(options.locale ?? 'en', report.currency);
  const sections: string[] = [];
  for (const campaign of report.campaigns) sections.push(await renderCampaign(campaign, rows, formats));
  const generated = (options.generatedAt ?? new Date()).toISOString();
  return `<!doctype html>
<html lang="${escapeHtml(formats.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Campaign results · segmint</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>Campaign results</h1>
<p class="lead">${escapeHtml(summary(report, formats))}</p>
${report.campaigns.length ? sections.join('\n') : '<p>No campaign exposures found.</p>'}
<footer>Made by <code>segmint report</code> at <time datetime="${generated}">${escapeHtml(generated.replace('T', ' ').slice(0, 16))} UTC</time>. Intervals are 95% confidence intervals; lifts are relative to the baseline arm (delta method); q-values are p-values adjusted by Benjamini–Hochberg over a campaign's segment rows.</footer>
</main>
</body>
</html>
`;
}

function summary(report: Report, formats: ReportFormats): string {
  const parts = [`${formats.count(report.events)} events`];
  if (report.currency) parts.push(`revenue in ${report.currency}`);
  const skipped = Object.entries(report.skipped).filter(([, n]) => n > 0).map(([reason, n]) => `${formats.count(n)} ${SKIPPED[reason] ?? reason}`);
  if (skipped.length) parts.push(`skipped: ${skipped.join(', ')}`);
  return `${parts.join('; ')}.`;
}

const SKIPPED: Record<string, string> = {
  duplicate: 'duplicates', invalid: 'lines that are not events', noVisitor: 'without visitor', otherCurrency: 'purchases in another currency (no revenue counted)',
  unknownCampaign: 'of campaigns not in the config', unknownVariant: 'of variants not in the config',
  unknownAnswer: 'answers not among the question\'s options',
};

async function renderCampaign(campaign: CampaignReport, rows: StatsRow[], formats: ReportFormats): Promise<string> {
  const id = `campaign-${slug(campaign.campaign)}`;
  const title = escapeHtml(campaign.campaign);
  const exposed = campaign.arms.some((arm) => arm.visitors > 0);
  const charts = exposed ? await renderCharts(campaign, rows, formats) : '';
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${title}</h2>
<p class="meta">Baseline: ${escapeHtml(campaign.baseline)}. A purchase counts within ${formats.count(campaign.attributionHours)} hours of a visitor’s first exposure.</p>
${renderSampleRatio(campaign.srm, formats)}
${exposed ? `${charts}
<ul class="verdicts">${campaign.arms.filter((arm) => arm.lift).flatMap((arm) => METRICS.map((metric) => `<li>${verdict(arm, campaign.baseline, metric, formats)}</li>`)).join('')}</ul>
${armTable(campaign, formats)}
${segmentTable(campaign, formats)}` : campaign.answers ? '' : '<p>No visitors exposed yet.</p>'}
${campaign.answers ? await renderAnswers(campaign.campaign, campaign.answers, formats) : ''}
</section>`;
}

async function renderCharts(campaign: CampaignReport, rows: StatsRow[], formats: ReportFormats): Promise<string> {
  const figures: string[] = [];
  for (const metric of METRICS) {
    const points = campaign.arms.flatMap((arm) => {
      const interval = armInterval(rows, campaign.campaign, arm, metric.key);
      return interval ? [{ label: arm.variant, ...interval, tone: arm.variant === campaign.baseline ? 'baseline' : 'arm' } satisfies IntervalRow] : [];
    });
    if (!points.length) continue;
    const svg = await renderIntervalChart({ rows: points, axis: `${metric.name} (95% CI)`, unit: metric.unit }, formats);
    const format = metric.unit === 'money' ? formats.money : formats.rate;
    const described = points.map((point) => `${point.label} ${format(point.estimate)}, 95% CI ${format(point.low)} to ${format(point.high)}`).join('; ');
    figures.push(figure(`${capitalize(metric.name)} per arm`, described, svg));
  }
  const lifts = campaign.arms.flatMap((arm) => METRICS.flatMap((metric) => {
    const lift = arm.lift?.[metric.key];
    return lift ? [{ label: `${arm.variant}: ${metric.name}`, estimate: lift.estimate, low: lift.ci[0], high: lift.ci[1], tone: tone(lift) } satisfies IntervalRow] : [];
  }));
  if (lifts.length) {
    const svg = await renderIntervalChart({ rows: lifts, axis: `lift against ${campaign.baseline} (95% CI)`, unit: 'change', zeroLine: true }, formats);
    const described = lifts.map((lift) => `${lift.label} ${formats.change(lift.estimate)}, 95% CI ${formats.change(lift.low)} to ${formats.change(lift.high)}`).join('; ');
    figures.push(figure(`Lift against ${campaign.baseline}`, described, svg));
  }
  return `<div class="charts">${figures.join('\n')}</div>`;
}

/** An arm's mean with its 95% interval, mean ± z·s/√n, from its sufficient statistics; null below 2 visitors. */
function armInterval(rows: StatsRow[], campaign: string, arm: ArmReport, metric: 'conversionRate' | 'revenuePerVisitor') {
  const row = rows.find((candidate) => candidate.campaign === campaign && candidate.variant === arm.variant && candidate.segment === null);
  if (!row) return null;
  const moments = metric === 'conversionRate' ? { n: row.visitors, sum: row.purchasers, sumSq: row.purchasers } : { n: row.visitors, sum: row.revenue, sumSq: row.revenue_sq };
  const { mean, variance } = describeSample(moments);
  if (variance === null) return null;
  const half = Z_95 * Math.sqrt(variance / moments.n);
  return { estimate: mean, low: mean - half, high: mean + half };
}

function figure(caption: string, description: string, svg: string): string {
  // The SVG is a picture of the table below it: one label for it, not Vega's marks one by one.
  return `<figure>
<figcaption>${escapeHtml(caption)}</figcaption>
<div role="img" aria-label="${escapeHtml(`${caption}: ${description}`)}">${svg}</div>
</figure>`;
}

function tone(lift: Lift): IntervalRow['tone'] {
  return lift.ci[0] > 0 ? 'better' : lift.ci[1] < 0 ? 'worse' : 'unclear';
}

function verdict(arm: ArmReport, baseline: string, metric: (typeof METRICS)[number], formats: ReportFormats): string {
  const lift = arm.lift?.[metric.key];
  const name = escapeHtml(arm.variant);
  const against = escapeHtml(baseline);
  if (!lift) return `${name} against ${against} on ${metric.name}: not enough data yet.`;
  const figure = `${formats.change(lift.estimate)} (95% CI ${formats.change(lift.ci[0])} to ${formats.change(lift.ci[1])}, p ${pText(lift.pValue, formats)})`;
  if (lift.ci[0] > 0) return `<strong class="better">${name} beats ${against}</strong> on ${metric.name}: ${figure}.`;
  if (lift.ci[1] < 0) return `<strong class="worse">${name} trails ${against}</strong> on ${metric.name}: ${figure}.`;
  return `${name} against ${against} on ${metric.name}: no clear difference yet, ${figure}.`;
}

function renderSampleRatio(srm: SampleRatio, formats: ReportFormats): string {
  if (!srm.expected) return '<p class="srm unknown">Sample ratio not checked: the report was made without the config, which says how the arms should split.</p>';
  if (srm.pValue === null) return '<p class="srm unknown">Sample ratio: nothing to check yet (fewer than two arms with visitors).</p>';
  const arms = Object.keys({ ...srm.expected, ...srm.observed });
  const total = arms.reduce((sum, arm) => sum + (srm.observed[arm] ?? 0), 0);
  const split = (share: (arm: string) => number) => arms.map((arm) => `${escapeHtml(arm)} ${formats.rate(share(arm))}`).join(', ');
  const got = split((arm) => (total ? (srm.observed[arm] ?? 0) / total : 0));
  const meant = split((arm) => srm.expected![arm] ?? 0);
  if (!srm.warning) return `<p class="srm">The arms split as configured: ${got} of visitors, against ${meant} configured (sample ratio test p ${pText(srm.pValue, formats)}).</p>`;
  return `<p class="srm warning">Warning: sample ratio mismatch. The arms got ${got} of visitors, but the config splits ${meant} (p ${pText(srm.pValue, formats)}). Something loses or moves visitors between arms; do not trust these lifts until it is found.</p>`;
}

function armTable(campaign: CampaignReport, formats: ReportFormats): string {
  const head = ['Arm', 'Visitors', 'Impressions', 'Click rate', 'Purchasers', 'Orders', 'Conversion rate', 'Revenue', 'Revenue per visitor', 'Average order'];
  const body = campaign.arms.map((arm) => `<tr${arm.lift ? '' : ' class="baseline"'}><th scope="row">${escapeHtml(arm.variant)}</th>${cells([
    formats.count(arm.visitors), formats.count(arm.impressions), formats.rate(arm.clickRate), formats.count(arm.purchasers), formats.count(arm.orders),
    formats.rate(arm.conversionRate), formats.money(arm.revenue), formats.money(arm.revenuePerVisitor), formats.money(arm.averageOrderValue),
  ])}</tr>`);
  const lifts = campaign.arms.filter((arm) => arm.lift).flatMap((arm) => METRICS.map((metric) =>
    `<tr><th scope="row">${escapeHtml(arm.variant)}</th><td class="name">${metric.name}</td>${cells(liftCells(arm.lift?.[metric.key] ?? null, formats, false))}</tr>`));
  return `${table(`Arms of ${campaign.campaign}`, head, body, 1)}
${lifts.length ? table(`Lifts against ${campaign.baseline}`, ['Arm', 'Metric', 'Lift', '95% CI', 'p'], lifts, 2) : ''}`;
}

/** A question campaign's options: who holds each answer now (a bar each), and how often it was chosen. */
async function renderAnswers(campaign: string, answers: AnswersReport, formats: ReportFormats): Promise<string> {
  const name = (option: AnswersReport['options'][number]) => (option.label === null ? String(option.value) : `${option.label} (${String(option.value)})`);
  const share = (visitors: number) => (answers.visitors > 0 ? visitors / answers.visitors : null);
  const body = answers.options.map((option) => `<tr><th scope="row">${escapeHtml(name(option))}</th>${cells([formats.count(option.visitors), formats.rate(share(option.visitors)), formats.count(option.answers)])}</tr>`);
  let chart = '';
  if (answers.visitors > 0) {
    const bars = answers.options.map((option) => ({ label: name(option), share: option.visitors / answers.visitors }));
    const svg = await renderBarChart(bars, 'share of visitors who answered', formats);
    chart = `<div class="charts">${figure('Latest answer per visitor', bars.map((bar) => `${bar.label} ${formats.rate(bar.share)}`).join('; '), svg)}</div>\n`;
  }
  return `<h3>Answers</h3>
<p class="meta">Stored as traits.${escapeHtml(answers.trait)}: ${formats.count(answers.visitors)} visitors, ${formats.count(answers.answers)} answers. A visitor counts for their latest answer; answers counts every answer given, each event once.</p>
${chart}${table(`Answers to ${campaign}`, ['Option', 'Visitors', 'Share', 'Answers'], body, 1)}`;
}

function segmentTable(campaign: CampaignReport, formats: ReportFormats): string {
  if (!campaign.segments.length) return '';
  const tables = METRICS.map((metric) => {
    const format = metric.unit === 'money' ? formats.money : formats.rate;
    const body = campaign.segments.flatMap(({ segment, arms }) => arms.map((arm) => `<tr${arm.lift ? '' : ' class="baseline"'}><th scope="row">${escapeHtml(segment)}</th><td class="name">${escapeHtml(arm.variant)}</td>${cells([
      formats.count(arm.visitors), format(arm[metric.key]), ...(arm.lift ? liftCells(arm.lift[metric.key], formats, true) : ['baseline', '', '', '']),
    ])}</tr>`));
    return table(`${capitalize(metric.name)} by segment, ${campaign.campaign}`, ['Segment', 'Arm', 'Visitors', capitalize(metric.name), 'Lift', '95% CI', 'p', 'q'], body, 2);
  });
  return `<h3>By segment</h3>
<p class="meta">A visitor counts in the segments of their first exposure. q is the p-value adjusted for the number of segment rows read: trust a segment’s difference when q is small, not p.</p>
${tables.join('\n')}`;
}

function liftCells(lift: Lift | null, formats: ReportFormats, withQ: boolean): string[] {
  if (!lift) return ['not enough data', '—', '—', ...(withQ ? ['—'] : [])];
  const cells = [formats.change(lift.estimate), `${formats.change(lift.ci[0])} to ${formats.change(lift.ci[1])}`, formats.probability(lift.pValue)];
  return withQ ? [...cells, formats.probability(lift.qValue)] : cells;
}

function cells(values: string[]): string {
  return values.map((value) => `<td>${value}</td>`).join('');
}

/** A data table; `names` leading columns are text (left-aligned), the rest figures. Scrolls on a narrow screen, by keyboard too. */
function table(caption: string, head: string[], body: string[], names: number): string {
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(caption)}"><table>
<caption>${escapeHtml(caption)}</caption>
<thead><tr>${head.map((cell, i) => `<th scope="col"${i < names ? ' class="name"' : ''}>${escapeHtml(cell)}</th>`).join('')}</tr></thead>
<tbody>${body.join('\n')}</tbody>
</table></div>`;
}

function pText(value: number, formats: ReportFormats): string {
  const text = formats.probability(value);
  return text.startsWith('<') ? escapeHtml(text) : `= ${text}`;
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, (char) => `_${char.charCodeAt(0).toString(16)}`);
}

function capitalize(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

/** Text from events and configs goes into the page as text, never as markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

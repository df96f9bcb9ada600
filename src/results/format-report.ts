import type { AnswersReport, ArmReport, CampaignReport, Lift, Report, SampleRatio } from './report-types';

const METRICS = [
  ['conversionRate', 'conversion rate'],
  ['revenuePerVisitor', 'revenue per visitor'],
] as const;

/** The report as a marketer reads it in a terminal: per campaign a table of arms, verdicts in words, the sample-ratio check, segments. */
export function formatReport(report: Report): string {
  const money = moneyFormat(report.currency);
  const lines = [`${count(report.events)} events${report.currency ? `, revenue in ${report.currency}` : ''}${describeSkipped(report)}`];
  if (report.campaigns.length === 0) lines.push('', 'No campaign exposures found.');
  for (const campaign of report.campaigns) lines.push('', ...formatCampaign(campaign, money), ...formatAnswers(campaign.answers));
  return lines.join('\n');
}

function formatCampaign(campaign: CampaignReport, money: (value: number) => string): string[] {
  const lines = [`${campaign.campaign}: baseline ${campaign.baseline}, purchases within ${campaign.attributionHours} h of a visitor's first exposure`];
  if (campaign.arms.every((arm) => arm.visitors === 0)) return [...lines, '  no visitors exposed yet'];
  lines.push(...indent(table(['arm', 'visitors', 'click rate', 'conversion', 'revenue/visitor', 'conversion lift (95% CI)', 'revenue/visitor lift (95% CI)'], campaign.arms.map((arm) => armCells(arm, money)), 1)));
  lines.push('');
  for (const arm of campaign.arms) {
    if (!arm.lift) continue;
    for (const [metric, name] of METRICS) lines.push(`  ${verdict(arm.variant, campaign.baseline, name, arm.lift[metric])}`);
  }
  lines.push(`  ${describeSampleRatio(campaign.srm)}`);
  if (campaign.segments.length) {
    lines.push('', '  By segment (a visitor counts in the segments of their first exposure; q = p adjusted for the number of rows read):');
    const rows = campaign.segments.flatMap(({ segment, arms }) => arms.map((arm) => [segment, ...armCells(arm, money, true)]));
    lines.push(...indent(table(['segment', 'arm', 'visitors', 'click rate', 'conversion', 'revenue/visitor', 'conversion lift', 'revenue/visitor lift'], rows, 2), 4));
  }
  return lines;
}

/** A question campaign's options: who holds each answer now, and how often it was chosen. */
function formatAnswers(answers: AnswersReport | undefined): string[] {
  if (!answers) return [];
  const lines = ['', `  Answers (traits.${answers.trait}): ${count(answers.visitors)} visitors, ${count(answers.answers)} answers; a visitor counts for their latest answer`];
  const rows = answers.options.map((option) => [
    option.label === null ? String(option.value) : `${option.label} (${String(option.value)})`,
    count(option.visitors),
    percent(answers.visitors > 0 ? option.visitors / answers.visitors : null, 1),
    count(option.answers),
  ]);
  return [...lines, ...indent(table(['option', 'visitors', 'share', 'answers'], rows, 1), 4)];
}

function armCells(arm: ArmReport, money: (value: number) => string, withQ = false): string[] {
  const lift = (value: Lift | null | undefined) => (arm.lift === null ? 'baseline' : value ? `${interval(value)}${withQ && value.qValue !== undefined ? ` q=${Number(value.qValue.toPrecision(2))}` : ''}` : 'n/a');
  return [
    arm.variant,
    count(arm.visitors),
    percent(arm.clickRate, 1),
    percent(arm.conversionRate, 2),
    arm.revenuePerVisitor === null ? '—' : money(arm.revenuePerVisitor),
    lift(arm.lift?.conversionRate),
    lift(arm.lift?.revenuePerVisitor),
  ];
}

/** "b beats holdout on revenue per visitor: +18% (95% CI +4% to +32%)", or why there is no verdict. */
export function verdict(arm: string, baseline: string, metric: string, lift: Lift | null): string {
  if (!lift) return `${arm} vs ${baseline} on ${metric}: not enough data yet (the baseline needs some ${metric === 'conversion rate' ? 'purchases' : 'revenue'} and each arm 2 visitors)`;
  const [low, high] = lift.ci;
  const figure = `${signed(lift.estimate)} (95% CI ${signed(low)} to ${signed(high)})`;
  if (low > 0) return `${arm} beats ${baseline} on ${metric}: ${figure}`;
  if (high < 0) return `${arm} trails ${baseline} on ${metric}: ${figure}`;
  return `${arm} vs ${baseline} on ${metric}: no clear difference yet, ${figure}`;
}

function describeSampleRatio(srm: SampleRatio): string {
  if (!srm.expected) return 'Sample ratio: not checked (give --config to compare the arms with the configured split).';
  if (srm.pValue === null) return 'Sample ratio: nothing to check (fewer than two arms with visitors).';
  if (!srm.warning) return `Sample ratio: the arms' sizes match the configured split (${p(srm.pValue)}).`;
  const total = Object.values(srm.observed).reduce((a, b) => a + b, 0);
  const arms = Object.keys({ ...srm.expected, ...srm.observed });
  const got = arms.map((arm) => `${arm} ${percent((srm.observed[arm] ?? 0) / total, 1)}`).join(', ');
  const meant = arms.map((arm) => `${arm} ${percent(srm.expected![arm] ?? 0, 1)}`).join(', ');
  return `WARNING, sample ratio mismatch: the arms got ${got} of visitors, but the config splits ${meant} (${p(srm.pValue)}). Something loses or moves visitors between arms (assignment, tracking, a cached page); do not trust these lifts until it is found.`;
}

function describeSkipped({ skipped }: Report): string {
  const words: Record<string, string> = {
    duplicate: 'duplicate', invalid: 'not valid events', noVisitor: 'without visitor', otherCurrency: 'purchases in another currency (no revenue counted)',
    unknownCampaign: 'of campaigns not in the config', unknownVariant: 'of variants not in the config',
    unknownAnswer: 'answers not among the question\'s options',
  };
  const parts = Object.entries(skipped).filter(([, n]) => n > 0).map(([reason, n]) => `${count(n)} ${words[reason] ?? reason}`);
  return parts.length ? `; skipped: ${parts.join(', ')}` : '';
}

/** Aligned columns: the first `names` columns to the left, the figures to the right. */
function table(header: string[], rows: string[][], names: number): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const render = (cells: string[]) => cells.map((cell, i) => (i < names ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [render(header), ...rows.map(render)];
}

function indent(lines: string[], by = 2): string[] {
  return lines.map((line) => ' '.repeat(by) + line);
}

function moneyFormat(currency: string | null): (value: number) => string {
  if (!currency) return (value) => value.toFixed(2);
  try {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    return (value) => format.format(value);
  } catch {
    return (value) => `${value.toFixed(2)} ${currency}`;
  }
}

function interval(lift: Lift): string {
  return `${signed(lift.estimate)} (${signed(lift.ci[0])} to ${signed(lift.ci[1])})`;
}

/** A relative change as a signed percent: whole percents, one decimal below 10%. */
function signed(value: number): string {
  const size = Math.abs(value) * 100;
  const text = size < 9.95 ? size.toFixed(1) : size.toFixed(0);
  return `${value < 0 && Number(text) !== 0 ? '-' : '+'}${text}%`;
}

function percent(value: number | null, digits: number): string {
  return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

function p(value: number): string {
  return value < 0.0001 ? 'p < 0.0001' : `p = ${Number(value.toPrecision(2))}`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

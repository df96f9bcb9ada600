import { describe, expect, it } from 'vitest';
import { createEventAggregator, type AggregationPlan } from './aggregate-events';
import { buildReport, type CampaignPlan } from './build-report';
import { formatReport } from './format-report';

const T0 = Date.UTC(2026, 11, 1, 9);
let counter = 0;
const id = () => (++counter).toString(16).padStart(24, '0');

function answer(visitor: string, value: unknown, time: number, fields: Record<string, unknown> = {}) {
  return { event: 'answer', id: id(), visitor, time, path: '/products/kettle', campaign: 'brew', variant: 'default', locale: 'en', segments: [], trait: 'brewMethod', value, ...fields };
}

const OPTIONS = [{ value: 'espresso', label: 'Espresso' }, { value: 'filter', label: 'Filter coffee' }, { value: 'press', label: 'French press' }];
const PLAN: CampaignPlan = { id: 'brew', holdout: 0, variants: [{ id: 'default', weight: 1 }], attributionHours: 24, question: { trait: 'brewMethod', options: OPTIONS } };
const AGGREGATION: AggregationPlan = {
  campaigns: [{ id: 'brew', arms: ['default'], attributionHours: 24, question: { trait: 'brewMethod', values: OPTIONS.map((o) => o.value) } }],
  currency: 'EUR',
};

function run(lines: unknown[], plan: AggregationPlan = AGGREGATION, plans: CampaignPlan[] | null = [PLAN]) {
  const aggregator = createEventAggregator(plan);
  for (const line of lines) aggregator.addLine(JSON.stringify(line));
  const input = aggregator.finish();
  return { input, report: buildReport(input, plans) };
}

describe('answers per option', () => {
  // By hand: v1 espresso; v2 filter then (later) espresso; v3 filter, its event sent twice;
  // v4 "cold-brew" (not an option); v5 press at T0+50, and filter at T0+10 read after it.
  const duplicate = answer('v3', 'filter', T0 + 3);
  const lines = [
    answer('v1', 'espresso', T0),
    answer('v2', 'filter', T0 + 1),
    answer('v2', 'espresso', T0 + 20),
    duplicate, duplicate,
    answer('v4', 'cold-brew', T0 + 4),
    answer('v5', 'press', T0 + 50),
    answer('v5', 'filter', T0 + 10),
  ];
  const { input, report } = run(lines);
  const answers = report.campaigns[0].answers!;

  it('counts distinct visitors by their latest answer, and every answer event once', () => {
    // Latest: v1 espresso, v2 espresso, v3 filter, v5 press → espresso 2, filter 1, press 1.
    // Events: espresso v1, v2 = 2; filter v2, v3 (once), v5 = 3; press v5 = 1.
    expect(answers.options).toEqual([
      { value: 'espresso', label: 'Espresso', visitors: 2, answers: 2 },
      { value: 'filter', label: 'Filter coffee', visitors: 1, answers: 3 },
      { value: 'press', label: 'French press', visitors: 1, answers: 1 },
    ]);
    expect(answers).toMatchObject({ trait: 'brewMethod', visitors: 4, answers: 6 });
  });

  it('skips the duplicate id and the value the question does not have, and counts them', () => {
    expect(report.skipped).toMatchObject({ duplicate: 1, unknownAnswer: 1 });
    expect(input.events).toBe(6);
  });

  it('skips an answer to another trait than the question\'s, and lists unanswered options with 0', () => {
    const other = run([answer('v1', 'espresso', T0, { trait: 'roast' }), answer('v2', 'press', T0)]).report;
    expect(other.skipped.unknownAnswer).toBe(1);
    expect(other.campaigns[0].answers!.options.map((o) => [o.value, o.visitors, o.answers])).toEqual([['espresso', 0, 0], ['filter', 0, 0], ['press', 1, 1]]);
  });

  it('keeps 1, "1" and true apart, and counts values seen without a config', () => {
    const { report: loose } = run([answer('v1', 1, T0), answer('v2', '1', T0), answer('v3', true, T0), answer('v4', 1, T0)], { campaigns: null, currency: null }, null);
    expect(loose.campaigns.map((c) => c.campaign)).toEqual(['brew']);
    expect(loose.campaigns[0].answers!.options).toEqual([
      { value: 1, label: null, visitors: 2, answers: 2 },
      { value: '1', label: null, visitors: 1, answers: 1 },
      { value: true, label: null, visitors: 1, answers: 1 },
    ]);
  });

  it('leaves campaigns without a question without answers', () => {
    const plain = run([], { campaigns: [{ id: 'kettle', arms: ['a'], attributionHours: 24 }], currency: 'EUR' }, [{ id: 'kettle', holdout: 0, variants: [{ id: 'a', weight: 1 }], attributionHours: 24 }]).report;
    expect(plain.campaigns[0]).not.toHaveProperty('answers');
  });

  it('shows the options under the campaign in the terminal table, label and value, with the skipped reason', () => {
    const text = formatReport(report);
    expect(text).toContain('1 duplicate, 1 answers not among the question\'s options');
    expect(text).toContain('Answers (traits.brewMethod): 4 visitors, 6 answers; a visitor counts for their latest answer');
    const line = (label: string) => text.split('\n').find((l) => l.trimStart().startsWith(label))!.trim().split(/\s{2,}/);
    expect(line('Espresso (espresso)')).toEqual(['Espresso (espresso)', '2', '50.0%', '2']);
    expect(line('Filter coffee (filter)')).toEqual(['Filter coffee (filter)', '1', '25.0%', '3']);
    expect(line('French press (press)')).toEqual(['French press (press)', '1', '25.0%', '1']);
  });
});

// @vitest-environment node
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './render-html';
import { buildReport, type CampaignPlan } from './build-report';
import { createAnswerCounter } from './answer-counts';
import { createSkipped } from './stats-rows';

const PLANS: CampaignPlan[] = [{
  id: 'brew', holdout: 0, variants: [{ id: 'default', weight: 1 }], attributionHours: 24,
  question: { trait: 'brewMethod', options: [{ value: 'espresso', label: 'Espresso <b>' }, { value: 'filter', label: 'Filter' }, { value: 3, label: 'Three' }] },
}];

/** Answers as visitors gave them: [visitor, time, value]. */
const GIVEN: [string, number, string | number][] = [
  ['v1', 1, 'filter'], ['v1', 5, 'espresso'], ['v2', 2, 'espresso'], ['v3', 3, 'espresso'], ['v4', 1, 'filter'], ['v5', 9, 3], ['v5', 4, 'filter'],
];

function answersInput() {
  const counter = createAnswerCounter([{ campaign: 'brew', trait: 'brewMethod', values: ['espresso', 'filter', 3] }]);
  for (const [visitor, time, value] of GIVEN) counter.add('brew', visitor, time, 'brewMethod', value);
  return { currency: 'EUR', events: GIVEN.length, skipped: createSkipped(), rows: [], answers: counter.finish() };
}

/** The answers table's rows as text cells, read back from the page's DOM. */
function answerRows(html: string): string[][] {
  const { document } = new Window();
  document.write(html);
  const table = [...document.querySelectorAll('table')].find((candidate) => candidate.querySelector('caption')?.textContent === 'Answers to brew');
  expect(table).toBeDefined();
  return [...table!.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent));
}

describe('renderReportHtml, answers of a question campaign', { timeout: 30_000 }, () => {
  it('tables each option with its latest-answer visitors, share and answers, counted from the answers given', async () => {
    const report = buildReport(answersInput(), PLANS);
    const html = await renderReportHtml(report, [], { locale: 'de-DE' });
    // By hand from GIVEN: latest answers v1 espresso, v2 espresso, v3 espresso, v4 filter, v5 3.
    const latest = new Map<string, [number, string | number]>();
    for (const [visitor, time, value] of GIVEN) if ((latest.get(visitor)?.[0] ?? -1) < time) latest.set(visitor, [time, value]);
    const rate = new Intl.NumberFormat('de-DE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 });
    const expected = PLANS[0].question!.options.map(({ value, label }) => {
      const visitors = [...latest.values()].filter(([, held]) => held === value).length;
      return [`${label} (${value})`, String(visitors), rate.format(visitors / latest.size), String(GIVEN.filter(([, , given]) => given === value).length)];
    });
    expect(answerRows(html)).toEqual(expected);
    expect(expected.map((row) => row[1])).toEqual(['3', '1', '1']);
    expect(html).toContain('Stored as traits.brewMethod: 5 visitors, 7 answers.');
    // One bar chart, labelled with the shares; the label is text, not markup.
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html).toContain(`Latest answer per visitor: Espresso &#60;b&#62; (espresso) ${rate.format(0.6)}; Filter (filter) ${rate.format(0.2)}`);
    expect(html).not.toContain('Espresso <b>');
    expect(html).not.toContain('No visitors exposed yet');
  });

  it('shows a question nobody answered yet with zeros and no chart', async () => {
    const html = await renderReportHtml(buildReport({ currency: 'EUR', events: 0, skipped: createSkipped(), rows: [] }, PLANS), []);
    expect(answerRows(html)).toEqual([['Espresso <b> (espresso)', '0', '—', '0'], ['Filter (filter)', '0', '—', '0'], ['Three (3)', '0', '—', '0']]);
    expect(html).not.toMatch(/<svg/);
  });
});

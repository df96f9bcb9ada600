// @vitest-environment node
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runCliCaptured } from '../../tests/unit/run-cli';
import { openDuckdb } from '../../tests/unit/warehouse/duckdb';
import { seededRandom } from '../../tests/unit/random';

// The answers of question campaigns through the warehouse (DuckDB SQL, then --stats) against the
// file report on the same events, and against counts worked out by hand.
const dir = mkdtempSync(join(tmpdir(), 'segmint-warehouse-answers-'));
const file = (name: string) => join(dir, name);
const T0 = Date.UTC(2026, 10, 3, 9);

const CONFIG = {
  version: 1, defaultLocale: 'en', currency: 'EUR',
  campaigns: [
    { id: 'kettle-upsell', content: { en: { title: 'Kettle' } }, variants: [{ id: 'a' }, { id: 'b' }] },
    { id: 'brew', kind: 'question', content: { en: { title: 'How do you brew?' } },
      question: { trait: 'brewMethod', options: [{ value: 'espresso', label: { en: 'Espresso' } }, { value: 'filter', label: { en: 'Filter' } }, { value: "don't know", label: { en: "Don't know" } }] } },
    { id: 'cups', kind: 'question', content: { en: { title: 'Cups a day?' } },
      question: { trait: 'cupsPerDay', options: [{ value: 1, label: { en: 'One' } }, { value: 2, label: { en: 'Two' } }, { value: 3.5, label: { en: 'Lots' } }] } },
    { id: 'decaf', kind: 'question', content: { en: { title: 'Decaf?' } },
      question: { trait: 'decaf', options: [{ value: true, label: { en: 'Yes' } }, { value: false, label: { en: 'No' } }] } },
  ],
};

let n = 0;
const event = (visitor: string, name: string, campaign: string, time: number, fields: Record<string, unknown> = {}) =>
  JSON.stringify({ event: name, id: (++n).toString(16).padStart(20, '0'), visitor, time, path: '/', campaign, variant: 'default', locale: 'en', segments: [], ...fields });
const answer = (visitor: string, campaign: string, time: number, trait: string, value: unknown) => event(visitor, 'answer', campaign, time, { trait, value });

/** The cases by hand, read in an order unlike their times. */
function handLines(): string[] {
  const repeated = answer('v2', 'brew', T0 + 2, 'brewMethod', 'filter');
  return [
    event('v1', 'exposure', 'kettle-upsell', T0, { variant: 'a' }),
    event('v2', 'exposure', 'kettle-upsell', T0, { variant: 'b' }),
    // v2 changes their mind (the later answer read first), and its first answer is sent twice.
    answer('v2', 'brew', T0 + 9, 'brewMethod', 'espresso'),
    repeated, repeated,
    // v1 holds espresso too: two visitors, one latest answer.
    answer('v1', 'brew', T0 + 5, 'brewMethod', 'espresso'),
    answer('v3', 'brew', T0 + 3, 'brewMethod', "don't know"),
    // Not the question's: a value, a trait, a type ("1" is not 1), and a campaign the config lacks.
    answer('v4', 'brew', T0 + 3, 'brewMethod', 'tea'),
    answer('v3', 'brew', T0 + 20, 'brewType', 'filter'),
    answer('v1', 'cups', T0 + 1, 'cupsPerDay', '1'),
    answer('v1', 'retired-question', T0 + 1, 'x', 'y'),
    // Numbers: 2.0 is the option 2; a later unknown answer does not replace v2's latest.
    answer('v1', 'cups', T0 + 4, 'cupsPerDay', 1),
    answer('v2', 'cups', T0 + 4, 'cupsPerDay', 3.5),
    answer('v2', 'cups', T0 + 6, 'cupsPerDay', 7),
    `{"event":"answer","id":"${(++n).toString(16).padStart(20, '0')}","visitor":"v3","time":${T0 + 8},"path":"/","campaign":"cups","variant":"default","locale":"en","segments":[],"trait":"cupsPerDay","value":2.0}`,
    answer('v1', 'decaf', T0 + 1, 'decaf', false),
    answer('v1', 'decaf', T0 + 2, 'decaf', true),
    answer('v2', 'decaf', T0 + 2, 'decaf', 'true'),
    'not json',
  ];
}

/** Many visitors answering, changing their minds and resending, at distinct times per visitor. */
function generatedLines(visitors: number): string[] {
  const random = seededRandom(3);
  const lines: string[] = [];
  const values: Record<string, [string, unknown[]]> = { brew: ['brewMethod', ['espresso', 'filter', "don't know", 'tea']], cups: ['cupsPerDay', [1, 2, 3.5, 4]], decaf: ['decaf', [true, false]] };
  for (let v = 0; v < visitors; v++) {
    for (const [campaign, [trait, options]] of Object.entries(values)) {
      for (let k = Math.floor(random() * 4); k > 0; k--) {
        const line = answer(`g${v}`, campaign, T0 + 3_600_000 + v * 1000 + Math.floor(random() * 100) * 7 + k, trait, options[Math.floor(random() * options.length)]);
        lines.push(line);
        if (random() < 0.1) lines.push(line);
      }
    }
  }
  // Shuffled: the file report reads in any order.
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  return lines;
}

let duckdb: DuckDBConnection;

const cli = runCliCaptured;

/** The report's campaigns' answers, through the DuckDB SQL over `events` and --stats rows saved as JSON or CSV. */
async function warehouseAnswers(events: string, format: 'json' | 'csv', config = ['--config', file('segmint.json')]) {
  const sql = await cli('report', events, '--sql', 'duckdb', '--currency', 'EUR', ...config);
  expect(sql.code, sql.err).toBe(0);
  const target = file(`rows-${n++}.${format}`);
  if (format === 'csv') await duckdb.run(`COPY (${sql.out.replace(/;\s*$/, '')}) TO '${target}' (FORMAT csv, HEADER)`);
  else writeFileSync(target, JSON.stringify((await duckdb.runAndReadAll(sql.out)).getRowObjectsJson()));
  const report = await cli('report', '--stats', target, '--json', ...config);
  expect(report.code, report.err).toBe(0);
  return answersOf(JSON.parse(report.out));
}

async function fileAnswers(events: string, config = ['--config', file('segmint.json')]) {
  const report = await cli('report', events, '--json', ...config);
  expect(report.code, report.err).toBe(0);
  return answersOf(JSON.parse(report.out));
}

const answersOf = (report: { campaigns: { campaign: string; answers?: unknown }[] }) =>
  Object.fromEntries(report.campaigns.filter((campaign) => campaign.answers).map((campaign) => [campaign.campaign, campaign.answers]));

beforeAll(async () => {
  writeFileSync(file('segmint.json'), JSON.stringify(CONFIG));
  writeFileSync(file('hand.ndjson'), handLines().join('\n'));
  writeFileSync(file('generated.ndjson'), [...handLines(), ...generatedLines(400)].join('\n'));
  duckdb = await openDuckdb();
  await duckdb.run(`COPY (SELECT * FROM read_json('${file('generated.ndjson')}', format = 'newline_delimited', ignore_errors = true)) TO '${file('generated.parquet')}' (FORMAT parquet)`);
}, 60_000);

describe('answers of question campaigns through a warehouse', { timeout: 60_000 }, () => {
  it('counts, by hand, what the file report counts', async () => {
    const expected = {
      brew: { trait: 'brewMethod', visitors: 3, answers: 4, options: [
        { value: 'espresso', label: 'Espresso', visitors: 2, answers: 2 },
        { value: 'filter', label: 'Filter', visitors: 0, answers: 1 },
        { value: "don't know", label: "Don't know", visitors: 1, answers: 1 },
      ] },
      cups: { trait: 'cupsPerDay', visitors: 3, answers: 3, options: [
        { value: 1, label: 'One', visitors: 1, answers: 1 },
        { value: 2, label: 'Two', visitors: 1, answers: 1 },
        { value: 3.5, label: 'Lots', visitors: 1, answers: 1 },
      ] },
      decaf: { trait: 'decaf', visitors: 1, answers: 2, options: [
        { value: true, label: 'Yes', visitors: 1, answers: 1 },
        { value: false, label: 'No', visitors: 0, answers: 1 },
      ] },
    };
    expect(await fileAnswers(file('hand.ndjson'))).toEqual(expected);
    expect(await warehouseAnswers(file('hand.ndjson'), 'json')).toEqual(expected);
    expect(await warehouseAnswers(file('hand.ndjson'), 'csv')).toEqual(expected);
  });

  it('gives the file report\'s answers from NDJSON and from Parquet, through JSON and CSV rows', async () => {
    const expected = await fileAnswers(file('generated.ndjson'));
    // Not an empty comparison: hundreds of visitors in every question.
    for (const counts of Object.values(expected) as { visitors: number }[]) expect(counts.visitors).toBeGreaterThan(200);
    expect(await warehouseAnswers(file('generated.ndjson'), 'json')).toEqual(expected);
    expect(await warehouseAnswers(file('generated.ndjson'), 'csv')).toEqual(expected);
    expect(await warehouseAnswers(file('generated.parquet'), 'json')).toEqual(expected);
  });

  it('counts every value seen without a config, as the file report does', async () => {
    const sorted = (answers: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(answers as Record<string, { options: { value: unknown }[] }>).map(([campaign, counts]) => [campaign, { ...counts, options: [...counts.options].sort((a, b) => (JSON.stringify(a.value) < JSON.stringify(b.value) ? -1 : 1)) }]));
    const expected = sorted(await fileAnswers(file('hand.ndjson'), []));
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['brew', 'cups', 'decaf', 'retired-question']));
    expect(sorted(await warehouseAnswers(file('hand.ndjson'), 'json', []))).toEqual(expected);
  });

  it('leaves the stats rows as they were: the arms of the A/B campaign beside the answers', async () => {
    const fromFile = JSON.parse((await cli('report', file('hand.ndjson'), '--json', '--config', file('segmint.json'))).out);
    const sql = await cli('report', file('hand.ndjson'), '--sql', 'duckdb', '--config', file('segmint.json'));
    writeFileSync(file('rows-hand.json'), JSON.stringify((await duckdb.runAndReadAll(sql.out)).getRowObjectsJson()));
    const fromRows = JSON.parse((await cli('report', '--stats', file('rows-hand.json'), '--json', '--config', file('segmint.json'))).out);
    expect(fromRows.campaigns).toEqual(fromFile.campaigns);
    expect(fromRows.campaigns[0].arms.map((arm: { visitors: number }) => arm.visitors)).toEqual([1, 1]);
  });
});

// @vitest-environment node
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runCliCaptured } from '../../tests/unit/run-cli';
import { generateEvents, toNdjson, WAREHOUSE_CONFIG } from '../../tests/unit/warehouse/generate-events';
import { openDuckdb } from '../../tests/unit/warehouse/duckdb';
import { GA4_COLUMNS, toGa4Rows } from '../../tests/unit/warehouse/ga4-table';
import { bigqueryToDuckdb } from '../../tests/unit/warehouse/bigquery-to-duckdb';

const dir = mkdtempSync(join(tmpdir(), 'segmint-report-warehouse-'));
const file = (name: string) => join(dir, name);
const events = generateEvents(800, 11);
let duckdb: DuckDBConnection;

const cli = runCliCaptured;

/** Runs SQL and writes its rows as `duckdb -json` would (a JSON array), or as CSV. */
async function saveRows(sql: string, name: string, format: 'json' | 'csv' = 'json'): Promise<string> {
  const target = file(name);
  if (format === 'csv') await duckdb.run(`COPY (${sql.replace(/;\s*$/, '')}) TO '${target}' (FORMAT csv, HEADER)`);
  else writeFileSync(target, JSON.stringify((await duckdb.runAndReadAll(sql)).getRowObjectsJson()));
  return target;
}

/** The same report, figure for figure: counts exactly, sums of money to 1e-9 (an engine may add them in another order). */
function expectSameFigures(actual: unknown, expected: unknown, path = 'report'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isInteger(expected)) expect(actual, path).toBe(expected);
    else expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) expectSameFigures((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
  } else expect(actual, path).toEqual(expected);
}

let fileReport: { campaigns: unknown[] };

beforeAll(async () => {
  writeFileSync(file('segmint.json'), JSON.stringify(WAREHOUSE_CONFIG));
  writeFileSync(file('events.ndjson'), toNdjson(events));
  duckdb = await openDuckdb();
  await duckdb.run(`COPY (SELECT * FROM read_json('${file('events.ndjson')}', format = 'newline_delimited', ignore_errors = true)) TO '${file('events.parquet')}' (FORMAT parquet)`);
  writeFileSync(file('ga4.ndjson'), toGa4Rows(events).map((row) => JSON.stringify(row)).join('\n'));
  await duckdb.run(`CREATE TABLE ga4_events AS SELECT * FROM read_json('${file('ga4.ndjson')}', format = 'newline_delimited', columns = ${GA4_COLUMNS})`);
  const report = await cli('report', file('events.ndjson'), '--config', file('segmint.json'), '--json');
  expect(report.code).toBe(0);
  fileReport = JSON.parse(report.out);
}, 60_000);

describe('segmint report through a warehouse', { timeout: 60_000 }, () => {
  it('gives, from the DuckDB SQL over NDJSON, the file report figure for figure', async () => {
    const sql = await cli('report', file('events.ndjson'), '--sql', 'duckdb', '--config', file('segmint.json'));
    expect(sql.code).toBe(0);
    const rows = await saveRows(sql.out, 'rows-ndjson.json');
    const report = await cli('report', '--stats', rows, '--config', file('segmint.json'), '--json');
    expect(report.code).toBe(0);
    expectSameFigures(JSON.parse(report.out).campaigns, fileReport.campaigns);
    // Not an empty comparison: both campaigns, with lifts and segments.
    expect(JSON.stringify(fileReport.campaigns)).toContain('"qValue"');
  });

  it('gives the same from Parquet, through rows written as CSV', async () => {
    const sql = await cli('report', file('events.parquet'), '--sql', 'duckdb', '--config', file('segmint.json'));
    const rows = await saveRows(sql.out, 'rows-parquet.csv', 'csv');
    const report = await cli('report', '--stats', rows, '--config', file('segmint.json'), '--json');
    expectSameFigures(JSON.parse(report.out).campaigns, fileReport.campaigns);
  });

  it('gives the same from the BigQuery SQL over a GA4-shaped export', async () => {
    const sql = await cli('report', '--sql', 'bigquery', '--ga4', 'shop-project.analytics_123456', '--since', '2026-11-01', '--until', '2026-11-30', '--config', file('segmint.json'));
    expect(sql.code).toBe(0);
    const rows = await saveRows(bigqueryToDuckdb(sql.out, 'shop-project.analytics_123456', 'ga4_events'), 'rows-ga4.json');
    const report = await cli('report', '--stats', rows, '--config', file('segmint.json'), '--json');
    expectSameFigures(JSON.parse(report.out).campaigns, fileReport.campaigns);
  });

  it('takes --attribution-hours and --currency into the SQL as into the file report', async () => {
    const flags = ['--config', file('segmint.json'), '--attribution-hours', '6', '--currency', 'USD'];
    const sql = await cli('report', file('events.ndjson'), '--sql', 'duckdb', ...flags);
    const rows = await saveRows(sql.out, 'rows-6h.json');
    const fromRows = JSON.parse((await cli('report', '--stats', rows, '--json', ...flags)).out);
    const fromFiles = JSON.parse((await cli('report', file('events.ndjson'), '--json', ...flags)).out);
    expectSameFigures(fromRows.campaigns, fromFiles.campaigns);
    expect(fromFiles.campaigns[0].attributionHours).toBe(6);
    expect(JSON.stringify(fromFiles.campaigns)).not.toEqual(JSON.stringify(fileReport.campaigns));
  });

  it('says what is missing or wrong, with exit 2', async () => {
    const config = ['--config', file('segmint.json')];
    expect(await cli('report', '--sql', 'bigquery', ...config)).toMatchObject({ code: 2, err: expect.stringContaining('--sql bigquery needs --ga4') });
    expect(await cli('report', '--sql', 'duckdb', ...config)).toMatchObject({ code: 2, err: expect.stringContaining('--sql duckdb needs the event files') });
    expect(await cli('report', '--sql', 'postgres', file('events.ndjson'), ...config)).toMatchObject({ code: 2, err: expect.stringContaining('--sql takes duckdb or bigquery') });
    expect(await cli('report', '--sql', 'duckdb', file('events.ndjson'))).toMatchObject({ code: 2, err: expect.stringContaining('--sql needs the report currency') });
    expect(await cli('report', '--sql', 'duckdb', file('events.ndjson'), file('events.parquet'), ...config)).toMatchObject({ code: 2, err: expect.stringContaining('not both') });
    expect(await cli('report', '--sql', 'bigquery', '--ga4', 'p.d', '--since', '1 Nov', ...config)).toMatchObject({ code: 2, err: expect.stringContaining('--since needs a day') });
    writeFileSync(file('bad-rows.json'), '[{"campaign":"kettle-upsell","variant":"a","visitors":"many"}]');
    expect(await cli('report', '--stats', file('bad-rows.json'), ...config)).toMatchObject({ code: 2, err: expect.stringContaining('row 1 of the stats file') });
    expect(await cli('report', '--stats', file('missing.json'), ...config)).toMatchObject({ code: 2, err: expect.stringContaining('no such file') });
    expect(await cli('report', ...config)).toMatchObject({ code: 2, err: expect.stringContaining('report needs event files') });
  });

  it('writes the HTML report from rows as from files', async () => {
    const html = file('report.html');
    const result = await cli('report', file('events.ndjson'), '--config', file('segmint.json'), '--html', html, '--locale', 'de-DE');
    expect(result.code).toBe(0);
    expect(result.err).toContain(`wrote ${html}`);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<html lang="de-DE">');
    expect(page.match(/<svg/g)).toHaveLength(6);
    expect(page).not.toMatch(/<script|<link|\ssrc=|\shref=|url\(/i);
  }, 60_000);
});

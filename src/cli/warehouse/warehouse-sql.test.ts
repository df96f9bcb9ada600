// @vitest-environment node
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { buildDuckdbSql } from './duckdb-sql';
import { buildBigquerySql } from './bigquery-sql';
import type { StatsQuery } from './stats-sql';
import { generateEvents, toNdjson, WAREHOUSE_CONFIG } from '../../../tests/unit/warehouse/generate-events';
import { referenceRows, type Row } from '../../../tests/unit/warehouse/reference-rows';
import { openDuckdb, readStatsRows } from '../../../tests/unit/warehouse/duckdb';
import { GA4_COLUMNS, toGa4Rows } from '../../../tests/unit/warehouse/ga4-table';
import { bigqueryToDuckdb } from '../../../tests/unit/warehouse/bigquery-to-duckdb';

const QUERY: StatsQuery = {
  campaigns: [
    { id: 'kettle-upsell', arms: ['holdout', 'a', 'b'], attributionHours: 24 },
    { id: 'tent-cross-sell', arms: ['red', 'blue'], attributionHours: 48 },
  ],
  defaultAttributionHours: 24,
  currency: WAREHOUSE_CONFIG.currency,
};
const events = generateEvents(600);
const dir = mkdtempSync(join(tmpdir(), 'segmint-warehouse-'));
const ndjson = join(dir, 'events.ndjson');
const parquet = join(dir, 'events.parquet');
let duckdb: DuckDBConnection;

beforeAll(async () => {
  writeFileSync(ndjson, toNdjson(events));
  duckdb = await openDuckdb();
  await duckdb.run(`COPY (SELECT * FROM read_json('${ndjson}', format = 'newline_delimited', ignore_errors = true)) TO '${parquet}' (FORMAT parquet)`);
  writeFileSync(join(dir, 'ga4.ndjson'), toGa4Rows(events).map((row) => JSON.stringify(row)).join('\n'));
  await duckdb.run(`CREATE TABLE ga4_events AS SELECT * FROM read_json('${join(dir, 'ga4.ndjson')}', format = 'newline_delimited', columns = ${GA4_COLUMNS})`);
});

const sorted = (rows: Row[]) => [...rows].sort((x, y) => `${x.campaign}|${x.variant}|${x.segment ?? ''}`.localeCompare(`${y.campaign}|${y.variant}|${y.segment ?? ''}`));
const expected = sorted(referenceRows(events, { 'kettle-upsell': ['holdout', 'a', 'b'], 'tent-cross-sell': ['red', 'blue'] }, { 'kettle-upsell': 24, 'tent-cross-sell': 48 }, 'EUR'));

function expectSameRows(actual: Row[]) {
  expect(actual).toHaveLength(expected.length);
  sorted(actual).forEach((row, n) => {
    const { revenue, revenue_sq, ...counts } = expected[n];
    expect({ ...row, revenue: undefined, revenue_sq: undefined }).toEqual({ ...counts, revenue: undefined, revenue_sq: undefined });
    expect(row.revenue).toBeCloseTo(revenue, 6);
    expect(row.revenue_sq).toBeCloseTo(revenue_sq, 4);
  });
}

describe('warehouse SQL on DuckDB', () => {
  it('gives, over NDJSON, the rows the rules of SPEC §11 give', async () => {
    const rows = await readStatsRows(duckdb, buildDuckdbSql(QUERY, [ndjson]));
    expectSameRows(rows);
    // The generated stream has what the rules are about; the check would be empty without it.
    expect(rows.find((row) => row.campaign === 'kettle-upsell' && row.variant === 'holdout' && row.segment === null)!.purchasers).toBeGreaterThan(5);
    expect(new Set(rows.map((row) => row.segment))).toEqual(new Set([null, 'dach', 'mobile', 'returning']));
  });

  it('gives the same rows over Parquet', async () => {
    expectSameRows(await readStatsRows(duckdb, buildDuckdbSql(QUERY, [parquet])));
  });

  it('gives the same rows through the BigQuery SQL over a GA4-shaped export', async () => {
    const sql = buildBigquerySql(QUERY, { dataset: 'shop-project.analytics_123456', since: '2026-11-01', until: '2026-11-30' });
    expectSameRows(await readStatsRows(duckdb, bigqueryToDuckdb(sql, 'shop-project.analytics_123456', 'ga4_events')));
  });

  it('leaves the exposures outside --since/--until out of the GA4 rows', async () => {
    const sql = buildBigquerySql(QUERY, { dataset: 'shop-project.analytics_123456', since: '2026-11-03', until: '2026-11-03' });
    const rows = await readStatsRows(duckdb, bigqueryToDuckdb(sql, 'shop-project.analytics_123456', 'ga4_events'));
    const day = events.filter((event) => event.event === 'exposure' && new Date(event.time).toISOString().startsWith('2026-11-03'));
    const total = rows.filter((row) => row.segment === null).reduce((sum, row) => sum + row.visitors, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(new Set(day.map((event) => `${event.campaign}|${event.visitor}`)).size);
    expect(total).toBeLessThan(expected.filter((row) => row.segment === null).reduce((sum, row) => sum + row.visitors, 0));
  });

  it('counts every campaign seen, with the default window, without a config', async () => {
    const rows = await readStatsRows(duckdb, buildDuckdbSql({ campaigns: null, defaultAttributionHours: 24, currency: 'EUR' }, [ndjson]));
    expect(rows.some((row) => row.campaign === 'retired-campaign')).toBe(true);
    expect(rows.some((row) => row.variant === 'retired')).toBe(true);
  });
});

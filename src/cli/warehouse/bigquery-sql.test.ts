// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { Parser } from 'node-sql-parser';
import { buildBigquerySql } from './bigquery-sql';
import type { StatsQuery } from './stats-sql';

const QUERY: StatsQuery = {
  campaigns: [{ id: 'kettle-upsell', arms: ['holdout', 'a', 'b'], attributionHours: 36 }],
  defaultAttributionHours: 24,
  currency: 'EUR',
};

/**
 * The functions BigQuery's GoogleSQL reference lists that the text may call (each of which
 * DuckDB also has, so the dialect step need not touch them), and the keywords that stand before
 * a parenthesis in it.
 */
const BIGQUERY_FUNCTIONS = ['CASE', 'CAST', 'COALESCE', 'CONCAT', 'COUNT', 'NULLIF', 'ROW_NUMBER', 'SPLIT', 'SUM', 'UNNEST'];
const KEYWORDS_BEFORE_PARENTHESIS = ['AS', 'FROM', 'IN', 'JOIN', 'OVER', 'AND', 'OR', 'WHERE', 'ON', 'THEN'];

function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

describe('BigQuery SQL', () => {
  const sql = buildBigquerySql(QUERY, { dataset: 'shop-project.analytics_123456', since: '2026-11-01', until: '2026-11-30' });

  it('parses as BigQuery (GoogleSQL)', () => {
    expect(() => new Parser().astify(sql, { database: 'bigquery' })).not.toThrow();
  });

  it('calls only functions BigQuery has, and none of DuckDB’s own syntax', () => {
    const code = withoutComments(sql);
    const called = new Set([...code.matchAll(/\b([A-Za-z_]+)\s*\(/g)].map((match) => match[1].toUpperCase()));
    expect([...called].filter((name) => !BIGQUERY_FUNCTIONS.includes(name) && !KEYWORDS_BEFORE_PARENTHESIS.includes(name))).toEqual([]);
    // `::` casts, `{…}` struct literals, double-quoted identifiers, QUALIFY, list and JSON functions are DuckDB's.
    expect(code).not.toMatch(/::|[{}"]|\bQUALIFY\b|read_|list_|->>/i);
  });

  it('reads the export’s daily tables from --since to the window after --until', () => {
    expect(sql).toContain('FROM `shop-project.analytics_123456.events_*`');
    expect(sql).toContain(`_TABLE_SUFFIX >= '20261101'`);
    // 36 hours of attribution: two days after the 30th, one more for the property's time zone.
    expect(sql).toContain(`_TABLE_SUFFIX <= '20261203'`);
    expect(sql).toContain(`(event_name <> 'segmint_exposure' OR _TABLE_SUFFIX <= '20261130')`);
  });

  it('refuses a dataset, a day or an id it cannot write safely', () => {
    expect(() => buildBigquerySql(QUERY, { dataset: 'x`; DROP TABLE y; --' })).toThrow(/--ga4 needs a BigQuery dataset/);
    expect(() => buildBigquerySql(QUERY, { dataset: 'p.d', since: '2026-13-45' })).toThrow(/--since needs a day as YYYY-MM-DD/);
    expect(() => buildBigquerySql(QUERY, { dataset: 'p.d', since: '2026-11-02', until: '2026-11-01' })).toThrow(/is after --until/);
    expect(() => buildBigquerySql({ ...QUERY, currency: "EUR' OR '1" }, { dataset: 'p.d' })).toThrow(/cannot put/);
  });
});

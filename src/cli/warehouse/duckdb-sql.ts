import { buildStatsSql, type StatsQuery } from './stats-sql';
import { sqlString } from './sql-literal';

/** The columns segmint's events have in NDJSON (SPEC §10) and in Parquet made from it. */
const EVENT_COLUMNS = `{event: 'VARCHAR', id: 'VARCHAR', visitor: 'VARCHAR', time: 'DOUBLE', campaign: 'VARCHAR', variant: 'VARCHAR', segments: 'VARCHAR[]', value: 'DOUBLE', currency: 'VARCHAR', transactionId: 'VARCHAR'}`;

/**
 * DuckDB SQL for the sufficient statistics rows over segmint's event files: NDJSON (`.ndjson`,
 * `.ndjson.gz`, as `segmint collect` writes them) or Parquet, named by paths or globs that DuckDB
 * expands itself. Lines that are not events, and events without id, visitor or time, are left
 * out, as the file report skips them; each event id counts once.
 */
export function buildDuckdbSql(query: StatsQuery, files: string[]): string {
  return buildStatsSql(query, {
    events: duckdbEvents(files),
    unitsPerHour: 3_600_000,
    unnestSegments: 'UNNEST(segments) AS segment_rows(segment)',
  });
}

function duckdbEvents(files: string[]): string {
  if (!files.length) throw new Error('--sql duckdb needs the event files (paths or quoted globs)');
  const parquet = files.filter((file) => /\.parquet$/i.test(file));
  if (parquet.length && parquet.length !== files.length) throw new Error('--sql duckdb reads either NDJSON or Parquet files, not both at once');
  const list = `[${files.map(sqlString).join(', ')}]`;
  const source = parquet.length
    ? `read_parquet(${list}, union_by_name = true)`
    : `read_json(${list}, format = 'newline_delimited', ignore_errors = true, columns = ${EVENT_COLUMNS})`;
  return `SELECT event, id, visitor, t, campaign, variant, segments, value, currency, transaction_id
FROM (
  SELECT event, id, visitor, time AS t, campaign, variant, segments, value, currency, transactionId AS transaction_id,
    ROW_NUMBER() OVER (PARTITION BY id ORDER BY time) AS copy
  FROM ${source}
  WHERE id IS NOT NULL AND visitor IS NOT NULL AND visitor <> '' AND time IS NOT NULL
) AS deduplicated
WHERE copy = 1`;
}

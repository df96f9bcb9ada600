import { buildStatsSql, type StatsQuery } from './stats-sql';
import { sqlString } from './sql-literal';

/** The columns segmint's events have in NDJSON (SPEC §10) and in Parquet made from it. */
const EVENT_COLUMNS = `{event: 'VARCHAR', id: 'VARCHAR', visitor: 'VARCHAR', time: 'DOUBLE', path: 'VARCHAR', campaign: 'VARCHAR', variant: 'VARCHAR', locale: 'VARCHAR', segments: 'VARCHAR[]', value: 'DOUBLE', currency: 'VARCHAR', transactionId: 'VARCHAR'}`;

/**
 * The field table of SPEC §10 as the file report checks it (src/cli/beacon-event.ts), for the
 * fields the figures read; string lengths and unknown fields are not checked here.
 */
const VALID_EVENT = `regexp_full_match(id, '[0-9a-fA-F]{16,128}') AND visitor <> '' AND time >= 0 AND time = floor(time) AND starts_with(path, '/')
    AND CASE event
      WHEN 'purchase' THEN value >= 0 AND regexp_full_match(currency, '[A-Z]{3}') AND (transactionId IS NULL OR transactionId <> '')
      WHEN 'conversion' THEN campaign <> '' AND variant <> '' AND segments IS NOT NULL AND value >= 0 AND regexp_full_match(currency, '[A-Z]{3}')
      ELSE event IN ('exposure', 'impression', 'dismiss', 'click', 'answer') AND campaign <> '' AND variant <> '' AND segments IS NOT NULL AND locale <> ''
    END`;

/**
 * DuckDB SQL for the sufficient statistics rows over segmint's event files: NDJSON (`.ndjson`,
 * `.ndjson.gz`, as `segmint collect` writes them) or Parquet, named by paths or globs that DuckDB
 * expands itself. Lines that are not events, and events that break the field table, are left
 * out, as the file report skips them.
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
  return `SELECT event, id, visitor, time AS t, campaign, variant, segments, value, currency, transactionId AS transaction_id
FROM ${source}
WHERE ${VALID_EVENT}`;
}

import { buildStatsSql, type StatsQuery } from './stats-sql';
import { sqlString } from './sql-literal';

/** The columns segmint's events have in NDJSON (SPEC §10) and in Parquet made from it. */
const EVENT_COLUMNS = `{event: 'VARCHAR', id: 'VARCHAR', visitor: 'VARCHAR', time: 'DOUBLE', path: 'VARCHAR', campaign: 'VARCHAR', variant: 'VARCHAR', locale: 'VARCHAR', segments: 'VARCHAR[]', value: 'JSON', currency: 'VARCHAR', transactionId: 'VARCHAR', trait: 'VARCHAR'}`;

/** Columns some events lack, as NULLs of their type. */
const OPTIONAL_COLUMNS = ['campaign', 'variant', 'locale', 'currency', 'transactionId', 'trait'].map((name) => `CAST(NULL AS VARCHAR) AS ${name}`).join(', ') + ', CAST(NULL AS VARCHAR[]) AS segments';

/**
 * The field table of SPEC §10 as the file report checks it (src/cli/beacon-event.ts), for the
 * fields the figures read; string lengths and unknown fields are not checked here.
 */
const VALID_EVENT = `regexp_full_match(id, '[0-9a-fA-F]{16,128}') AND visitor <> '' AND time >= 0 AND time = floor(time) AND starts_with(path, '/')
    AND CASE event
      WHEN 'purchase' THEN amount >= 0 AND regexp_full_match(currency, '[A-Z]{3}') AND (transactionId IS NULL OR transactionId <> '')
      WHEN 'conversion' THEN campaign <> '' AND variant <> '' AND segments IS NOT NULL AND amount >= 0 AND regexp_full_match(currency, '[A-Z]{3}')
      WHEN 'answer' THEN campaign <> '' AND variant <> '' AND segments IS NOT NULL AND locale <> '' AND trait <> '' AND answer_type IS NOT NULL
      ELSE event IN ('exposure', 'impression', 'dismiss', 'click') AND campaign <> '' AND variant <> '' AND segments IS NOT NULL AND locale <> ''
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
    answers: true,
  });
}

function duckdbEvents(files: string[]): string {
  if (!files.length) throw new Error('--sql duckdb needs the event files (paths or quoted globs)');
  const parquet = files.filter((file) => /\.parquet$/i.test(file));
  if (parquet.length && parquet.length !== files.length) throw new Error('--sql duckdb reads either NDJSON or Parquet files, not both at once');
  const list = `[${files.map(sqlString).join(', ')}]`;
  // Parquet made from events without answers has no trait column, without purchases no currency:
  // the empty SELECT adds the optional columns a file may lack.
  const source = parquet.length
    ? `(SELECT * FROM read_parquet(${list}, union_by_name = true) UNION ALL BY NAME SELECT ${OPTIONAL_COLUMNS} WHERE FALSE)`
    : `read_json(${list}, format = 'newline_delimited', ignore_errors = true, columns = ${EVENT_COLUMNS})`;
  // `value` is a purchase's amount or an answer (a string, number or boolean): read as JSON, typed here.
  return `SELECT event, id, visitor, time AS t, campaign, variant, segments, amount AS value, currency, transactionId AS transaction_id,
  trait, answer_type, answer_string, CASE WHEN answer_type = 'number' THEN amount END AS answer_number
FROM (
  SELECT *,
    CASE WHEN json_type(raw_value) IN ('DOUBLE', 'UBIGINT', 'BIGINT') THEN CAST(raw_value AS DOUBLE) END AS amount,
    CASE json_type(raw_value) WHEN 'VARCHAR' THEN 'string' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'DOUBLE' THEN 'number' WHEN 'UBIGINT' THEN 'number' WHEN 'BIGINT' THEN 'number' END AS answer_type,
    CASE WHEN json_type(raw_value) IN ('VARCHAR', 'BOOLEAN') THEN raw_value ->> '$' END AS answer_string
  FROM (SELECT *, to_json(value) AS raw_value FROM ${source} AS source) AS raw_events
) AS typed_events
WHERE ${VALID_EVENT}`;
}

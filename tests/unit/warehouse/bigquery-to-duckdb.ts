/**
 * The mechanical dialect step that lets DuckDB run segmint's BigQuery SQL (README, "Warehouse"):
 * the export's wildcard table becomes one local table that has a `_TABLE_SUFFIX` column, and
 * BigQuery's `UNNEST(array) AS x` becomes DuckDB's `UNNEST(array) AS x_rows(x)`, which names
 * the element `x` as BigQuery does. Nothing else is changed.
 */
export function bigqueryToDuckdb(sql: string, dataset: string, table: string): string {
  const wildcard = `\`${dataset}.events_*\``;
  if (!sql.includes(wildcard)) throw new Error(`the SQL does not read ${wildcard}`);
  return sql
    .replaceAll(wildcard, table)
    .replace(/UNNEST\(((?:[^()]|\([^()]*\))*)\) AS (\w+)/g, (_, array: string, name: string) => `UNNEST(${array}) AS ${name}_rows(${name})`);
}

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Row } from './reference-rows';

/** A fresh in-memory DuckDB connection. */
export async function openDuckdb(): Promise<DuckDBConnection> {
  return (await DuckDBInstance.create(':memory:')).connect();
}

/** Runs a statistics query; its rows with numbers as numbers. */
export async function readStatsRows(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => ({
    campaign: String(row.campaign),
    variant: String(row.variant),
    segment: row.segment === null ? null : String(row.segment),
    visitors: Number(row.visitors),
    impressions: Number(row.impressions),
    clickers: Number(row.clickers),
    purchasers: Number(row.purchasers),
    orders: Number(row.orders),
    revenue: Number(row.revenue),
    revenue_sq: Number(row.revenue_sq),
  }));
}

/**
 * A string literal both DuckDB and BigQuery read the same way. The two disagree on escapes
 * (DuckDB doubles a quote, BigQuery takes a backslash), so text that would need one is refused
 * rather than quoted in a way one of them misreads.
 */
export function sqlString(text: string): string {
  if (/['\\\n\r]/.test(text)) throw new Error(`cannot put ${JSON.stringify(text)} in SQL: quotes, backslashes and line breaks are not allowed in campaign, variant and currency ids`);
  return `'${text}'`;
}

/** A number literal: finite, written without exponent so both engines read it as given. */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot put ${value} in SQL`);
  return Number.isInteger(value) ? String(value) : value.toFixed(6).replace(/0+$/, '');
}

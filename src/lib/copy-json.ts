/** A deep, detached copy of plain data, so callers cannot mutate segmint's state. */
export function copyJson<T>(value: T): T {
  return typeof structuredClone === 'function' ? structuredClone(value) : JSON.parse(JSON.stringify(value));
}

/** An id as pages and tag managers publish it: a finite number as text, or non-empty trimmed text. */
export function readId(value: unknown): string | undefined {
  const id = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

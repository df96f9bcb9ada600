/** Appends one reference token to a JSON pointer (RFC 6901 escaping). */
export function joinPointer(base: string, key: string | number): string {
  return base + '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

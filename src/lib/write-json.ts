/**
 * JSON text for plain data, ignoring any `toJSON` a host page added to built-ins: with
 * Prototype.js's `Array.prototype.toJSON`, `JSON.stringify` writes arrays as strings
 * (RELIABILITY §36). Own enumerable keys only; `undefined` entries are left out and non-finite
 * numbers become null, as `JSON.stringify` does.
 */
export function writeJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      // A primitive string has no toJSON to call: the built-in quotes and escapes it.
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return String(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : writeJson(item))).join(',')}]`;
      return `{${Object.entries(value)
        .filter(([, item]) => item !== undefined && typeof item !== 'function')
        .map(([key, item]) => `${JSON.stringify(key)}:${writeJson(item)}`)
        .join(',')}}`;
    default:
      return 'null';
  }
}

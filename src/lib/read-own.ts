/** `record[key]` when `key` is the record's own, else undefined: never an inherited member such as `toString`. */
export function readOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

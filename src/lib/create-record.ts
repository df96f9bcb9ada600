/**
 * A keyed record with no prototype, holding `from`'s own entries: keys a marketer or visitor
 * chose (`toString`, `constructor`, `__proto__`) are plain data in it, and a key it lacks reads
 * undefined instead of an Object.prototype member. Storage, other tabs and JSON hand records back
 * with a prototype, so they are made with this again when read.
 */
export function createRecord<T>(from?: Readonly<Record<string, T>>): Record<string, T> {
  return Object.assign(Object.create(null), from);
}

/**
 * Turns a compact table of `value: 'key key …'` into a lookup from key to value. The map is built
 * on first use, so a table costs nothing at start, and it is a Map, so keys such as `constructor`
 * never reach Object.prototype.
 */
export function createLookup<Value extends string>(table: Readonly<Record<Value, string>>): (key: string) => Value | undefined {
  let map: Map<string, Value> | undefined;
  return (key) => {
    if (!map) {
      map = new Map();
      // Own keys only: a host page may have added enumerable properties to Object.prototype.
      for (const value of Object.keys(table) as Value[]) for (const item of table[value].split(' ')) map.set(item, value);
    }
    return map.get(key);
  };
}

/**
 * A deep, detached copy of plain data, so callers cannot mutate segmint's state. What the
 * structured clone refuses (a function, a DOM node, a Proxy from host code) is copied as JSON
 * data instead; what has no JSON copy either (a cycle, a throwing Proxy trap) is a DataCloneError
 * naming `what` (RELIABILITY §29).
 */
export function copyJson<T>(value: T, what = 'a value'): T {
  try {
    return structuredClone(value);
  } catch {
    try {
      return JSON.parse(JSON.stringify(value));
    } catch (error) {
      throw new DOMException(`${what} could not be copied as JSON data (${(error as Error)?.message})`, 'DataCloneError');
    }
  }
}

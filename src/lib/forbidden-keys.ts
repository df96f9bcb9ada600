/** Keys that could reach an object's prototype; never accepted from config or storage. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

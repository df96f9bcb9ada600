import { runAtOnce, type Steps } from '../lib/run-in-slices';
import { VERSION } from './release';

/*
 * The `fingerprint` chunk: a config's fingerprint computed here, where the browser cannot hash
 * its text natively (`fingerprintLoaded` in `checked-config-cache.ts` loads it then).
 */

/**
 * Names a config's exact content and the release checking it: two 32-bit hashes over the JSON
 * text it was parsed from when there is one (`text`), else over a walk of its values (own keys in
 * order, type-tagged, strings with their length), and the count of what was hashed. A different
 * config, or a new release whose checks may differ, never matches. Walked rather than
 * `JSON.stringify`d: a host's `Array.prototype.toJSON` (Prototype.js) would change or break the
 * text, and one answering a constant would make different configs match.
 */
export function fingerprintConfig(raw: unknown, text?: string): string {
  return runAtOnce(fingerprintSteps(raw, text));
}

/**
 * How many characters one step hashes, and how many values walked: small, because the first
 * steps run before the engine has optimised the loop (65,536 characters took over 40 ms at 4× CPU).
 */
const TEXT_STEP = 8192;
const WALK_STEP = 512;

/** `fingerprintConfig` in steps (`lib/run-in-slices.ts`). */
export function* fingerprintSteps(raw: unknown, text?: string): Steps<string> {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let count = 0;
  // The characters of `text` from `from` to `to`: hashed in order, so how a text is cut into steps changes nothing.
  const add = (text: string, from = 0, to = text.length) => {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    count += to - from;
  };
  // Iterative, so no depth overflows the stack; what is deeper than the checks allow is refused by them.
  const stack: [value: unknown, depth: number][] = [[raw, 0]];
  // A plain loop over `limit` values at a time: the engine optimises it as it cannot inside a generator.
  const walk = (limit: number) => {
    for (; stack.length && limit; limit--) {
      const [value, depth] = stack.pop()!;
      if (value instanceof Mark) add(value.text);
      else if (typeof value === 'string') add(`s${value.length}:${value}`);
      else if (typeof value !== 'object' || value === null) add(`${typeof value}:${String(value)};`);
      else if (depth > 80) add('deep;');
      else {
        const keys = Array.isArray(value) ? null : Object.keys(value);
        add(keys ? '{' : `[${(value as unknown[]).length}`);
        stack.push([new Mark(keys ? '}' : ']'), depth]);
        const items = keys ?? (value as unknown[]);
        for (let i = items.length - 1; i >= 0; i--) {
          const key = keys ? keys[i] : i;
          stack.push([(value as Record<string | number, unknown>)[key], depth + 1]);
          if (keys) stack.push([new Mark(`k${keys[i].length}:${keys[i]}`), depth]);
        }
      }
    }
  };
  if (text === undefined) {
    for (; stack.length; yield) walk(WALK_STEP);
  } else {
    add('t');
    for (let from = 0; from < text.length; from += TEXT_STEP, yield) add(text, from, Math.min(text.length, from + TEXT_STEP));
  }
  return `${VERSION}:${count}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/** Structure in the walk (a key, a closing bracket), told apart from the config's own strings. */
class Mark {
  constructor(readonly text: string) {}
}

import type { Steps } from './run-in-slices';
import { SPLIT_ABOVE } from './parse-json';

/** Stands for a split array in the skeleton: JSON text cannot hold U+0001 except as this escape, which we check for. */
const MARK = '\u0001';

/**
 * The `parse` chunk, which `lib/parse-json.ts` loads for a large text: `JSON.parse(text)` in
 * steps, the same value or the same error. A large text whose top level is an object has its member arrays (a config's thousands of campaigns) parsed one item at a time,
 * pausing between them, instead of in one task that a 1 MB config makes longer than 50 ms at 4× CPU.
 * How: one scan marks where each member array's items begin and end (strings and nesting
 * tracked), the rest is parsed as a small skeleton with a marker in each array's place, then each
 * item is parsed on its own. Anything unexpected, invalid JSON included, is parsed again at once,
 * so the answer and the error message are always `JSON.parse`'s own.
 */
export function* parseJsonSteps(text: string): Steps<unknown> {
  if (text.length < SPLIT_ABOVE || text.trimStart()[0] !== '{' || text.includes('\\u0001')) return JSON.parse(text);
  try {
    const scan = createScanner(text);
    for (let to = SCAN_CHARS; to < text.length + SCAN_CHARS; to += SCAN_CHARS) {
      scan(Math.min(text.length, to));
      yield;
    }
    const arrays = scan.arrays;
    let skeleton = '';
    let from = 0;
    arrays.forEach(({ open, close }, n) => {
      skeleton += `${text.slice(from, open)}"\\u0001${n}"`;
      from = close + 1;
    });
    const root = JSON.parse(skeleton + text.slice(from)) as Record<string, unknown>;
    for (const key of Object.keys(root)) {
      const value = root[key];
      if (typeof value !== 'string' || value[0] !== MARK) continue;
      if (key === '__proto__') return JSON.parse(text);
      const { items } = arrays[+value.slice(1)];
      const list: unknown[] = [];
      // `[ ]`: one stretch of nothing but space is no item.
      if (items.length > 2 || !/^[ \t\n\r]*$/.test(text.slice(items[0], items[1]))) {
        for (let i = 0; i < items.length; i += 2) {
          list.push(JSON.parse(text.slice(items[i], items[i + 1])));
          yield;
        }
      }
      root[key] = list;
    }
    return root;
  } catch {
    return JSON.parse(text);
  }
}

/** How many characters one step scans: few, as the first steps run before the engine has optimised the loop. */
const SCAN_CHARS = 16_384;

interface SplitArray {
  open: number;
  close: number;
  /** Start and end of each item, in pairs. */
  items: number[];
}

/**
 * Marks where the items of each array directly in the top-level object begin and end, one range
 * of the text up to `to` per call: a plain loop, which the engine optimises as it cannot inside a generator.
 */
function createScanner(text: string): ((to: number) => void) & { arrays: SplitArray[] } {
  // Where the next call goes on from: past `to` when an escape straddled it.
  let i = 0;
  let current: SplitArray | undefined;
  let depth = 0;
  let inString = false;
  const arrays: SplitArray[] = [];
  const scan = (to: number) => {
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++;
        else if (c === 34) inString = false;
      } else if (c === 34) {
        inString = true;
      } else if (c === 123 || c === 91) {
        // `{` or `[`; an array directly in the top-level object is split into its items.
        if (++depth === 2 && c === 91) current = { open: i, close: 0, items: [i + 1] };
      } else if (c === 125 || c === 93) {
        if (depth-- === 2 && current) {
          current.items.push(i);
          current.close = i;
          arrays.push(current);
          current = undefined;
        }
      } else if (c === 44 && depth === 2 && current) {
        current.items.push(i, i + 1);
      }
    }
  };
  return Object.assign(scan, { arrays });
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJsonSteps } from './parse-json-steps';
import { runAtOnce } from './run-in-slices';

/** The value, or the error message, as `JSON.parse` and as the steps give it. */
function both(text: string): [unknown, unknown] {
  const attempt = (parse: () => unknown) => {
    try {
      return { value: parse() };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  return [attempt(() => JSON.parse(text)), attempt(() => runAtOnce(parseJsonSteps(text)))];
}

/** Enough filler to take a text past the size above which it is split. */
const filler = Array.from({ length: 1000 }, (_, i) => ({ id: `c${i}`, title: 'a "quoted" \\ value, with [brackets] and {braces}' }));

describe('parseJsonSteps', () => {
  it('gives what JSON.parse gives for any large object, member arrays and all', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()), fc.string(), (root, items, key) => {
      const text = JSON.stringify({ ...root, [key]: items, filler });
      expect(text.length).toBeGreaterThan(65_536);
      const [expected, actual] = both(text);
      expect(actual).toEqual(expected);
      // Own keys in the same order, `__proto__` included as an own key.
      expect(Object.keys((actual as { value: object }).value)).toEqual(Object.keys((expected as { value: object }).value));
    }), { numRuns: 30 });
  }, 30_000);

  it('keeps JSON.parse’s answer where the split would be wrong: whitespace, duplicate keys, empty arrays, __proto__, escapes', () => {
    const big = JSON.stringify(filler);
    const texts = [
      ` \n\t{ "a" : [ ] , "b":[\n], "c": ${big} }  `,
      `{"campaigns": [1], "campaigns": ${big}}`,
      `{"campaigns": ${big}, "campaigns": [2, 3]}`,
      `{"__proto__": ${big}}`,
      `{"x": "\\u0001", "c": ${big}}`,
      `{"x": "\\\\", "c": ${big}, "y": ["\\"]", "]"]}`,
      `{"c": ${big}, "d": [[1, [2]], {"e": [3]}]}`,
    ];
    for (const text of texts) {
      const [expected, actual] = both(text);
      expect(actual).toEqual(expected);
      expect(Object.getPrototypeOf((actual as { value: object }).value)).toBe(Object.prototype);
    }
  });

  it('throws JSON.parse’s own error for invalid text, wherever the fault is', () => {
    const big = JSON.stringify(filler);
    const texts = [
      `{"c": ${big.slice(0, -1)}, ]}`,
      `{"c": [1,, 2], "d": ${big}}`,
      `{"c": [1, 2,], "d": ${big}}`,
      `{"c": [1 2], "d": ${big}}`,
      `{"c": [ \u00a0 ], "d": ${big}}`,
      `{"c": ${big}`,
      `{"c": ${big}}}`,
      `{"c": ${big}} x`,
      `{"c": "${'x'.repeat(70_000)}`,
      `<html>${big}</html>`,
    ];
    for (const text of texts) {
      const [expected, actual] = both(text);
      expect(expected).toHaveProperty('error');
      expect(actual).toEqual(expected);
    }
  });

  it('pauses while it scans and between the items of a large text, and not for a small one', () => {
    const count = (text: string) => {
      const steps = parseJsonSteps(text);
      let pauses = 0;
      while (!steps.next().done) pauses++;
      return pauses;
    };
    expect(count(JSON.stringify({ campaigns: filler }))).toBeGreaterThanOrEqual(filler.length);
    expect(count(JSON.stringify({ campaigns: filler.slice(0, 10) }))).toBe(0);
  });
});

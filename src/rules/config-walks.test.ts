import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkConfig, checkConfigSteps } from './prepare-config';
import { runInSlices } from '../lib/run-in-slices';
import { joinPointer } from '../lib/pointer';

// The checks walk the whole config twice before anything else (too deep a value, a prototype
// key). Those errors come first, in the order of a stack holding every member of what it walks
// (last member first); the walks now keep one frame per object instead, and must find the same.

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The errors the walks report, found the plain way: a stack of every value, each with its pointer. */
function expectedWalkErrors(root: unknown): [code: string, pointer: string][] {
  const deep: [string, string][] = [];
  const forbidden: [string, string][] = [];
  const stack: [unknown, string, number][] = [[root, '', 0]];
  while (stack.length) {
    const [value, at, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > 64) deep.push(['too-deep', at]);
    else for (const [key, child] of Object.entries(value)) stack.push([child, joinPointer(at, key), depth + 1]);
  }
  const keys: [unknown, string][] = [[root, '']];
  while (keys.length) {
    const [value, at] = keys.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      if (FORBIDDEN.has(key)) forbidden.push(['forbidden-key', joinPointer(at, key)]);
      else keys.push([child, joinPointer(at, key)]);
    }
  }
  return [...deep, ...forbidden];
}

/** JSON text of nested objects and lists, prototype keys among the names, some deeper than 64. */
const KEYS = ['a', 'b', 'title', '__proto__', 'constructor', 'prototype', 'x/y', '~'];
const { value: valueArb } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('1', '"s"', 'null', 'true'),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie('value')), { maxLength: 4, selector: ([key]) => key })
      .map((members) => `{${members.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
    // A chain around 64 deep, so the limit is crossed (or just not) at different places.
    fc.tuple(fc.integer({ min: 58, max: 70 }), tie('value'), fc.boolean()).map(([depth, inner, lists]) => (lists ? '['.repeat(depth) + inner + ']'.repeat(depth) : '{"a":'.repeat(depth) + inner + '}'.repeat(depth))),
  ),
}));
const configArb = fc.tuple(valueArb, valueArb, fc.array(valueArb, { maxLength: 5 })).map(([extra, segments, campaigns]) => `{"version":1,"defaultLocale":"en","extra":${extra},"segments":{"s":${segments}},"campaigns":[${campaigns.join(',')}]}`);

describe('the walks over the whole config', () => {
  it('report too deep values and prototype keys, with their pointers, in the same order as a stack of every value would', async () => {
    await fc.assert(fc.asyncProperty(configArb, async (text) => {
      const raw = JSON.parse(text);
      const expected = expectedWalkErrors(raw);
      const { errors } = checkConfig(raw);
      expect(errors.slice(0, expected.length).map((e) => [e.code, e.pointer])).toEqual(expected);
      // In slices of no time at all: the same errors.
      const sliced = await runInSlices(checkConfigSteps(JSON.parse(text)), -1);
      expect(sliced.errors.map((e) => [e.code, e.pointer])).toEqual(errors.map((e) => [e.code, e.pointer]));
    }), { numRuns: 150 });
    // Every step a task of its own in the sliced run: slow on a busy machine.
  }, 60_000);

  it('look past an array\'s indices at any other own keys it has (a config given as objects, not JSON)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const list: unknown[] = [{ a: 1 }, , { constructor: 2 }];
    Object.defineProperty(list, 'constructor', { value: { prototype: 1 }, enumerable: true });
    Object.assign(list, { extra: [{ __proto__: null, prototype: 3 }] });
    const raw = { version: 1, defaultLocale: 'en', extra: list, campaigns: [] };
    const expected = expectedWalkErrors(raw);
    expect(expected.map(([, pointer]) => pointer)).toEqual(['/extra/constructor', '/extra/extra/0/prototype', '/extra/2/constructor']);
    expect(checkConfig(raw).errors.slice(0, expected.length).map((e) => [e.code, e.pointer])).toEqual(expected);
  });

  it('walk thousands of campaigns in steps of some hundred values: the first step no longer takes the whole list at once', () => {
    const campaigns = Array.from({ length: 5000 }, (_, i) => ({ id: `c${i}`, content: { en: { title: `C${i}` } } }));
    const steps = checkConfigSteps({ version: 1, defaultLocale: 'en', campaigns });
    // Pauses before the first campaign is checked: the two walks over 5,000 × 5 values, in steps.
    let pauses = 0;
    while (!steps.next().done) pauses++;
    expect(pauses).toBeGreaterThan(5000 + (2 * 5000 * 5) / 1024 - 1);
  }, 60_000);
});

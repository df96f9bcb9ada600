// @vitest-environment node
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript, shared with the benches that run in Node without a build step
import { cumulativeLayoutShift, median, pairedDeltas, selfTimes } from '../bench/stats.mjs';

describe('bench statistics', () => {
  it('median: the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('median does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('pairedDeltas: the difference within each round, skipping rounds where either side is missing', () => {
    expect(pairedDeltas([10, 12, 15], [8, 9, 10])).toEqual([2, 3, 5]);
    expect(pairedDeltas([10, undefined, 15, 4], [8, 9, NaN, 1])).toEqual([2, 3]);
    // The median of paired differences is not the difference of medians: here 1 against 0.
    const values = [1, 2, 10];
    const base = [0, 1, 10];
    expect(median(pairedDeltas(values, base))).toBe(1);
    expect(median(values) - median(base)).toBe(1);
    expect(median(pairedDeltas([5, 6, 100], [0, 100, 1]))).toBe(5);
  });

  it('CLS: the largest session window, ignoring shifts after input', () => {
    expect(cumulativeLayoutShift([])).toBe(0);
    // 0.1 + 0.2 within one window; then a gap of more than 1 s starts another of 0.25.
    expect(cumulativeLayoutShift([
      { value: 0.1, startTime: 100 },
      { value: 0.2, startTime: 600 },
      { value: 0.25, startTime: 2000 },
    ])).toBeCloseTo(0.3, 10);
    expect(cumulativeLayoutShift([
      { value: 0.1, startTime: 100 },
      { value: 0.5, startTime: 300, hadRecentInput: true },
    ])).toBeCloseTo(0.1, 10);
    // A window spans at most 5 s even without gaps: 11 shifts of 0.01 every 900 ms → 6 in the first window.
    const steady = Array.from({ length: 11 }, (_, i) => ({ value: 0.01, startTime: i * 900 }));
    expect(cumulativeLayoutShift(steady)).toBeCloseTo(0.06, 10);
  });
});

describe('profile self time', () => {
  it('selfTimes: each sample lasts until the next, counted for the function on top; keyed by name, script path and 1-based position', () => {
    const frame = (functionName: string, url: string, lineNumber = 0, columnNumber = 0) => ({ functionName, url, lineNumber, columnNumber, scriptId: '1' });
    const nodes = [
      { id: 1, callFrame: frame('(root)', '') },
      { id: 2, callFrame: frame('f', 'http://127.0.0.1:9/dist/a.js?v=1', 0, 41) },
      { id: 3, callFrame: frame('', 'http://127.0.0.1:9/dist/a.js?v=1', 2, 0) },
      { id: 4, callFrame: frame('(program)', '') },
    ];
    // Samples 2, 2, 3, 4, 2: the last has no next, so it is not counted.
    const times = selfTimes({ nodes, samples: [2, 2, 3, 4, 2], timeDeltas: [5, 100, 250, 1000, 50] });
    expect(Object.fromEntries(times)).toEqual({ 'f\t/dist/a.js\t1:42': 0.35, '(anonymous)\t/dist/a.js\t3:1': 1, '(program)': 0.05 });
  });
});

import { describe, expect, it, vi } from 'vitest';
import { someInSlices } from './some-in-slices';

describe('someInSlices', () => {
  it('answers as Array#some does, stopping at the first match', async () => {
    const test = vi.fn((n: number) => n > 2);
    expect(await someInSlices([1, 2, 3, 4], test)).toBe(true);
    expect(test).toHaveBeenCalledTimes(3);
    expect(await someInSlices([1, 2], (n) => n > 2)).toBe(false);
    expect(await someInSlices([], () => true)).toBe(false);
  });

  it('gives the page a turn between slices of a long list', async () => {
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    // Each test takes 1 ms of (fake) time: 100 items are about twelve 8 ms slices.
    const found = await someInSlices(Array.from({ length: 100 }, (_, i) => i), () => ((clock += 1), false), 8);
    clearInterval(ticking);
    vi.restoreAllMocks();
    expect(found).toBe(false);
    expect(turns).toBeGreaterThanOrEqual(10);
  });
});

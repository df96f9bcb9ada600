import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAtOnce, runInSlices, type Steps } from './run-in-slices';

/** Work of `count` steps, each taking `stepMs` of the (fake) clock; records when the page had a turn. */
function* work(count: number, stepMs: number, clock: { now: number }, log: string[]): Steps<number> {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    clock.now += stepMs;
    sum += i;
    log.push('step');
    yield;
  }
  return sum;
}

afterEach(() => vi.restoreAllMocks());

describe('runInSlices', () => {
  it('gives the same answer as runAtOnce', async () => {
    const clock = { now: 0 };
    vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
    expect(await runInSlices(work(100, 1, clock, []))).toBe(runAtOnce(work(100, 1, clock, [])));
  });

  it('lets the page run between slices of about 8 ms, and not within one', async () => {
    const clock = { now: 0 };
    vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
    const log: string[] = [];
    // The page's own work, a task queued again each time it runs: it must get turns while the 1 ms steps run.
    const page = new MessageChannel();
    let ticking = true;
    page.port1.onmessage = () => {
      log.push('page');
      if (ticking) page.port2.postMessage(0);
    };
    page.port2.postMessage(0);
    const done = runInSlices(work(100, 1, clock, log), 8);
    // Nothing yields before the first slice is over: the first steps run in this very task.
    expect(log.filter((entry) => entry === 'step').length).toBe(9);
    await done;
    ticking = false;
    page.port1.close();
    const runs = log.join(' ').split(' page').map((run) => run.trim().split(' ').filter((entry) => entry === 'step').length).filter(Boolean);
    // 100 steps of 1 ms: slices of 9 steps (the check comes after the step that passes 8 ms).
    expect(runs.length).toBeGreaterThanOrEqual(11);
    expect(Math.max(...runs)).toBe(9);
  });

  it('yields through scheduler.yield where the browser has it', async () => {
    const clock = { now: 0 };
    vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
    const yields = vi.fn(() => Promise.resolve());
    vi.stubGlobal('scheduler', { yield: yields });
    try {
      await runInSlices(work(20, 5, clock, []), 8);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(yields).toHaveBeenCalledTimes(10);
  });
});

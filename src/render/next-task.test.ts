import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTask } from './mount';

// The popup is built in a task after the one that decided it: a continuation where the browser
// has scheduler.yield (it keeps its place ahead of the page's own tasks), else a timer.
describe('nextTask', () => {
  afterEach(() => {
    delete (globalThis as { scheduler?: unknown }).scheduler;
    vi.useRealTimers();
  });

  it('is scheduler.yield() where the browser has it, called on the scheduler', async () => {
    const scheduler = { yield: vi.fn(function (this: unknown) {
      expect(this).toBe(scheduler);
      return Promise.resolve();
    }) };
    (globalThis as { scheduler?: unknown }).scheduler = scheduler;
    vi.useFakeTimers();
    await nextTask();
    expect(scheduler.yield).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is a timer without it: nothing runs before the timer fires', async () => {
    vi.useFakeTimers();
    let done = false;
    void nextTask().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    await vi.runAllTimersAsync();
    expect(done).toBe(true);
  });
});

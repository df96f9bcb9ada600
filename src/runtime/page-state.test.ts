import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPageState } from './page-state';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createPageState', () => {
  afterEach(() => vi.useRealTimers());

  it('engages once the visitor qualifies, and never checks again after', async () => {
    const qualifies = vi.fn().mockResolvedValueOnce(false).mockResolvedValue(true);
    const engage = vi.fn().mockResolvedValue(undefined);
    const state = createPageState({ qualifies, engage, report: vi.fn() });
    state.check();
    await flush();
    expect(state.phase()).toBe('watching');
    state.check();
    await flush();
    expect(state.phase()).toBe('engaged');
    state.check();
    await flush();
    expect(qualifies).toHaveBeenCalledTimes(2);
    expect(engage).toHaveBeenCalledTimes(1);
  });

  it('does not start a check while one runs', async () => {
    let answer!: (value: boolean) => void;
    const qualifies = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const state = createPageState({ qualifies, engage: vi.fn().mockResolvedValue(undefined), report: vi.fn() });
    state.check();
    await flush();
    state.check();
    expect(state.phase()).toBe('checking');
    answer(false);
    await flush();
    expect(qualifies).toHaveBeenCalledTimes(1);
  });

  it('stays failed after a failed load: the next page tries again', async () => {
    const state = createPageState({ qualifies: async () => true, engage: () => Promise.reject(new Error('blocked')), report: vi.fn() });
    state.check();
    await flush();
    expect(state.phase()).toBe('failed');
  });

  it('asks again on its timer while watching, and stops asking once stopped', async () => {
    vi.useFakeTimers();
    const qualifies = vi.fn().mockResolvedValue(false);
    const state = createPageState({ qualifies, engage: vi.fn(), recheckMs: 5000, report: vi.fn() });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(qualifies).toHaveBeenCalledTimes(2);
    state.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(qualifies).toHaveBeenCalledTimes(2);
  });

  it('a page stopped while checking does not engage; a failing check is reported', async () => {
    const engage = vi.fn();
    const stopped = createPageState({ qualifies: async () => true, engage, report: vi.fn() });
    stopped.check();
    stopped.stop();
    await flush();
    expect(engage).not.toHaveBeenCalled();
    const report = vi.fn();
    const failing = createPageState({ qualifies: () => Promise.reject(new Error('x')), engage, report });
    failing.check();
    await flush();
    expect(report).toHaveBeenCalledWith(new Error('x'));
    expect(failing.phase()).toBe('watching');
  });
});

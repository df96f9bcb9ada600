import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { armIdleTrigger } from './idle';
import type { TriggerContext } from './trigger';
import { setPageTimer } from './page-timers';

const context: TriggerContext = { onTrack: () => () => {}, sessionStartedAt: () => Date.now(), device: () => 'desktop', after: setPageTimer };
const arm = (seconds: number) => {
  const fire = vi.fn();
  const stop = armIdleTrigger({ on: 'idle', seconds }, context, fire);
  return { fire, stop };
};

describe('idle trigger', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    delete (document as { hidden?: boolean }).hidden;
    vi.useRealTimers();
  });

  it('fires after the given seconds without input, once', () => {
    const { fire } = arm(30);
    vi.advanceTimersByTime(29_999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(120_000);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it.each(['pointermove', 'pointerdown', 'keydown', 'scroll', 'touchstart', 'wheel'])('starts the count again on %s', (type) => {
    const { fire } = arm(10);
    vi.advanceTimersByTime(8000);
    document.body.dispatchEvent(new Event(type, { bubbles: false }));
    vi.advanceTimersByTime(8000);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2000);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('counts input the page stops from propagating', () => {
    const { fire } = arm(10);
    const stopIt = (event: Event) => event.stopPropagation();
    document.body.addEventListener('keydown', stopIt);
    vi.advanceTimersByTime(8000);
    document.body.dispatchEvent(new Event('keydown', { bubbles: true }));
    vi.advanceTimersByTime(8000);
    document.body.removeEventListener('keydown', stopIt);
    expect(fire).not.toHaveBeenCalled();
  });

  it('keeps one timer however much the pointer moves', () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const clearTimeoutSpy = vi.spyOn(globalThis, 'clearTimeout');
    const { fire } = arm(10);
    for (let i = 0; i < 500; i++) {
      window.dispatchEvent(new Event('pointermove'));
      vi.advanceTimersByTime(16);
    }
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    expect(clearTimeoutSpy).not.toHaveBeenCalled();
    // The 10 s timer wakes, finds recent input and waits the rest: still one timer at a time.
    vi.advanceTimersByTime(10_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(fire).toHaveBeenCalledTimes(1);
    expect(setTimeoutSpy).toHaveBeenCalledTimes(2);
  });

  it('does not run out while the page is hidden, and coming back starts the count again', () => {
    const { fire } = arm(10);
    vi.advanceTimersByTime(5000);
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(60_000);
    expect(fire).not.toHaveBeenCalled();
    delete (document as { hidden?: boolean }).hidden;
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(9999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('never fires after stop, which removes its listeners and timer', () => {
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    const { fire, stop } = arm(10);
    vi.advanceTimersByTime(5000);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(fire).not.toHaveBeenCalled();
    expect(added).toHaveBeenCalledTimes(6);
    for (const [type, handler, options] of added.mock.calls) {
      expect(options).toEqual({ passive: true, capture: true });
      expect(removed).toHaveBeenCalledWith(type, handler, true);
    }
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPageTimers } from './page-timers';
import { armPageviewTrigger } from './pageview';
import type { TriggerContext } from './trigger';

describe('createPageTimers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts nothing while the page is armed; then fires each timer once, after its delay, in the order noted, with one timer per delay', async () => {
    const timers = createPageTimers();
    const fired: string[] = [];
    for (let i = 0; i < 3000; i++) timers.after(0, () => fired.push(`now${i}`));
    // Noted in another task (a later slice of the arming): still with the first ones.
    await Promise.resolve();
    vi.advanceTimersByTime(10_000);
    for (let i = 0; i < 3; i++) timers.after(2000, () => fired.push(`later${i}`));
    expect(vi.getTimerCount()).toBe(0);
    expect(fired).toEqual([]);
    timers.start();
    expect(vi.getTimerCount()).toBe(2);
    vi.advanceTimersByTime(0);
    expect(fired).toEqual(Array.from({ length: 3000 }, (_, i) => `now${i}`));
    vi.advanceTimersByTime(1999);
    expect(fired).toHaveLength(3000);
    vi.advanceTimersByTime(1);
    expect(fired.slice(3000)).toEqual(['later0', 'later1', 'later2']);
    vi.advanceTimersByTime(60_000);
    expect(fired).toHaveLength(3003);
  });

  it('a timer the first one sets runs after all those due with it, as with one timer each (the decision waits for every campaign fired)', () => {
    const timers = createPageTimers();
    const order: string[] = [];
    timers.after(0, () => {
      order.push('a');
      setTimeout(() => order.push('decide'), 0);
    });
    timers.after(0, () => order.push('b'));
    timers.after(0, () => order.push('c'));
    timers.start();
    vi.runAllTimers();
    expect(order).toEqual(['a', 'b', 'c', 'decide']);
  });

  it('once started, a timer is its own, from when it is set', () => {
    const timers = createPageTimers();
    const fired: string[] = [];
    timers.after(1000, () => fired.push('first'));
    timers.start();
    vi.advanceTimersByTime(500);
    timers.after(1000, () => fired.push('second'));
    vi.advanceTimersByTime(500);
    expect(fired).toEqual(['first']);
    vi.advanceTimersByTime(499);
    expect(fired).toEqual(['first']);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['first', 'second']);
  });

  it('a stopped timer does not fire, the others still do; the shared timer goes with the last one stopped', () => {
    const timers = createPageTimers();
    const fired: number[] = [];
    const stops = [0, 1, 2].map((i) => timers.after(1000, () => fired.push(i)));
    stops[1]();
    const gone = timers.after(5000, () => fired.push(9));
    gone();
    timers.start();
    expect(vi.getTimerCount()).toBe(1);
    stops[0]();
    stops[2]();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual([]);

    const again = createPageTimers();
    const kept = [0, 1, 2].map((i) => again.after(1000, () => fired.push(i)));
    kept[1]();
    again.start();
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([0, 2]);
  });

  it('a timer stopped by one fired before it does not fire', () => {
    const timers = createPageTimers();
    const fired: string[] = [];
    let stopSecond = () => {};
    timers.after(0, () => {
      fired.push('first');
      stopSecond();
    });
    stopSecond = timers.after(0, () => fired.push('second'));
    timers.start();
    vi.runAllTimers();
    expect(fired).toEqual(['first']);
  });

  it('the same function noted twice fires twice', () => {
    const timers = createPageTimers();
    const fire = vi.fn();
    timers.after(0, fire);
    timers.after(0, fire);
    timers.start();
    vi.runAllTimers();
    expect(fire).toHaveBeenCalledTimes(2);
  });

  it('one that throws keeps none of the others from firing, and its error is not swallowed', () => {
    const timers = createPageTimers();
    const fired: number[] = [];
    timers.after(0, () => fired.push(0));
    timers.after(0, () => {
      throw new Error('broken');
    });
    timers.after(0, () => fired.push(2));
    timers.start();
    expect(() => vi.runAllTimers()).toThrow('broken');
    expect(fired).toEqual([0, 2]);
  });
});

describe('armPageviewTrigger', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once, delaySeconds after the page timers start (at once without one), until stopped', () => {
    const timers = createPageTimers();
    const context: TriggerContext = { onTrack: () => () => {}, sessionStartedAt: () => 0, device: () => 'desktop', after: timers.after };
    const atOnce = vi.fn();
    const delayed = vi.fn();
    const stopped = vi.fn();
    armPageviewTrigger({ on: 'pageview' }, context, atOnce);
    armPageviewTrigger({ on: 'pageview', delaySeconds: 1.5 }, context, delayed);
    armPageviewTrigger({ on: 'pageview', delaySeconds: -3 }, context, stopped)();
    timers.start();
    vi.advanceTimersByTime(0);
    expect(atOnce).toHaveBeenCalledTimes(1);
    expect(delayed).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1500);
    expect(delayed).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect([atOnce.mock.calls.length, delayed.mock.calls.length, stopped.mock.calls.length]).toEqual([1, 1, 0]);
  });
});

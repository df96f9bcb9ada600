import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { armTrigger } from './arm';
import type { Trigger } from '../types';
import type { TriggerContext } from './trigger';

describe('armTrigger', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('arms every trigger kind, and every stop function leaves no timer or frame behind', () => {
    const context: TriggerContext = { onTrack: () => () => {}, sessionStartedAt: () => Date.now(), device: () => 'desktop' };
    const triggers: Trigger[] = [
      { on: 'pageview', delaySeconds: 1 },
      { on: 'scroll', percent: 50 },
      { on: 'exit-intent' },
      { on: 'idle', seconds: 5 },
      { on: 'time-on-site', seconds: 5 },
      { on: 'event', event: 'add_to_cart' },
    ];
    const fire = vi.fn();
    const stops = triggers.map((trigger) => armTrigger(trigger, context, fire));
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    stops.forEach((stop) => stop());
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(fire).not.toHaveBeenCalled();
  });
});

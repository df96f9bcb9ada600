import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { armTrigger } from './arm';
import { CORE_TRIGGERS } from './core-triggers';
import { WAITING_TRIGGERS } from './waiting-triggers';
import type { Trigger } from '../types';
import type { TriggerContext } from './trigger';
import { setPageTimer } from './page-timers';

const context: TriggerContext = { onTrack: () => () => {}, sessionStartedAt: () => Date.now(), device: () => 'desktop', after: setPageTimer };
const TRIGGERS: Trigger[] = [
  { on: 'pageview', delaySeconds: 1 },
  { on: 'scroll', percent: 50 },
  { on: 'exit-intent' },
  { on: 'idle', seconds: 5 },
  { on: 'time-on-site', seconds: 5 },
  { on: 'event', event: 'add_to_cart' },
];

describe('armTrigger', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('arms every trigger kind, and every stop function leaves no timer or frame behind', () => {
    const fire = vi.fn();
    const stops = TRIGGERS.map((trigger) => armTrigger(trigger, context, fire, { ...CORE_TRIGGERS, ...WAITING_TRIGGERS }));
    expect(stops.every((stop) => typeof stop === 'function')).toBe(true);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    stops.forEach((stop) => stop?.());
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(fire).not.toHaveBeenCalled();
  });

  it('the core covers pageview and event; the engagement chunk covers every kind that waits on the visitor', () => {
    const armedBy = (armers: typeof CORE_TRIGGERS) => TRIGGERS.filter((trigger) => {
      const stop = armTrigger(trigger, context, () => {}, armers);
      stop?.();
      return stop !== undefined;
    }).map((trigger) => trigger.on);
    expect(armedBy(CORE_TRIGGERS)).toEqual(['pageview', 'event']);
    expect(armedBy(WAITING_TRIGGERS)).toEqual(['scroll', 'exit-intent', 'idle', 'time-on-site']);
  });
});

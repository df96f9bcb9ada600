import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { armTimeOnSiteTrigger } from './time-on-site';
import type { TriggerContext } from './trigger';
import { setPageTimer } from './page-timers';

const contextStartedAt = (sessionStart: number): TriggerContext => ({ onTrack: () => () => {}, sessionStartedAt: () => sessionStart, device: () => 'desktop', after: setPageTimer });

describe('time-on-site trigger', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('fires the given seconds after a session that begins with this page', () => {
    const fire = vi.fn();
    armTimeOnSiteTrigger({ on: 'time-on-site', seconds: 60 }, contextStartedAt(Date.now()), fire);
    vi.advanceTimersByTime(59_999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('counts the time spent on earlier pages of the session', () => {
    const fire = vi.fn();
    // Two pages ago the session began; 45 s of the 60 are already spent.
    armTimeOnSiteTrigger({ on: 'time-on-site', seconds: 60 }, contextStartedAt(Date.now() - 45_000), fire);
    vi.advanceTimersByTime(14_999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('fires on the next task, not inside arming, when the time has already passed', () => {
    const fire = vi.fn();
    armTimeOnSiteTrigger({ on: 'time-on-site', seconds: 60 }, contextStartedAt(Date.now() - 600_000), fire);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('reads the session start when armed, so a page that begins a new session counts from it', () => {
    let sessionStart = Date.now() - 3_600_000;
    const context: TriggerContext = { ...contextStartedAt(0), sessionStartedAt: () => sessionStart };
    sessionStart = Date.now(); // the page view that arms began a new session
    const fire = vi.fn();
    armTimeOnSiteTrigger({ on: 'time-on-site', seconds: 30 }, context, fire);
    vi.advanceTimersByTime(29_000);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('fires once per arming, and a page view arms it again', () => {
    const fire = vi.fn();
    const context = contextStartedAt(Date.now() - 120_000);
    armTimeOnSiteTrigger({ on: 'time-on-site', seconds: 60 }, context, fire);
    vi.advanceTimersByTime(60_000);
    expect(fire).toHaveBeenCalledTimes(1);
    armTimeOnSiteTrigger({ on: 'time-on-site', seconds: 60 }, context, fire);
    vi.advanceTimersByTime(0);
    expect(fire).toHaveBeenCalledTimes(2);
  });

  it('never fires after stop, which clears its timer', () => {
    const fire = vi.fn();
    const stop = armTimeOnSiteTrigger({ on: 'time-on-site', seconds: 60 }, contextStartedAt(Date.now() - 600_000), fire);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(120_000);
    expect(fire).not.toHaveBeenCalled();
  });

  it('waits beyond the 24.8-day limit of one setTimeout instead of firing at once', () => {
    const fire = vi.fn();
    armTimeOnSiteTrigger({ on: 'time-on-site', seconds: 30 * 86_400 }, contextStartedAt(Date.now()), fire);
    vi.advanceTimersByTime(25 * 86_400_000);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5 * 86_400_000);
    expect(fire).toHaveBeenCalledTimes(1);
  });
});

import { describe, expect, it } from 'vitest';
import { findCap, findLimit } from './frequency';
import { recordEvent, type ProfileEvent } from '../profile/record';
import type { Profile } from '../profile/profile';
import { HOUR, MINUTE, campaign, campaignEvent, prepare, profileAfter } from '../../tests/unit/campaigns';

const T0 = Date.parse('2026-03-02T10:00:00Z');

/** The prepared frequency of a campaign written with these caps. */
function frequency(caps: Record<string, number>) {
  return prepare({ campaigns: [campaign('promo', { frequency: caps })] }).campaigns[0].frequency;
}

/** A profile that saw `promo` at each of the given times, with a page view before each (as on a real visit). */
function seenAt(...times: number[]): Profile {
  return profileAfter(
    T0,
    times.flatMap((at): [ProfileEvent, number][] => [[{ type: 'page' }, at], [campaignEvent('impression', 'promo'), at]]),
  );
}

describe('findCap', () => {
  it('caps nothing for a campaign the visitor has never seen', () => {
    const caps = frequency({ maxImpressions: 1, maxPerSession: 1, cooldownHours: 24, afterDismissHours: 24, afterConversionHours: 24 });
    expect(findCap('promo', caps, profileAfter(T0), T0)).toBeNull();
  });

  it('caps nothing when the campaign has no frequency', () => {
    expect(findCap('promo', frequency({}), seenAt(T0, T0 + MINUTE, T0 + 2 * MINUTE), T0 + 3 * MINUTE)).toBeNull();
  });

  it('stops a campaign after maxImpressions, across sessions', () => {
    const caps = frequency({ maxImpressions: 3 });
    const days = [0, 1, 2].map((d) => T0 + d * 24 * HOUR);
    expect(findCap('promo', caps, seenAt(days[0], days[1]), days[2] + HOUR)).toBeNull();
    const thrice = seenAt(...days);
    expect(thrice.sessions).toBe(3);
    expect(findCap('promo', caps, thrice, days[2] + 100 * 24 * HOUR)).toBe('maxImpressions');
  });

  it('treats maxImpressions 0 as never', () => {
    const caps = frequency({ maxImpressions: 0 });
    expect(findCap('promo', caps, seenAt(T0), T0 + HOUR)).toBe('maxImpressions');
  });

  it('stops a campaign after maxPerSession in this session and allows it again in a new session', () => {
    const caps = frequency({ maxPerSession: 2 });
    expect(findCap('promo', caps, seenAt(T0), T0 + MINUTE)).toBeNull();
    const twice = seenAt(T0, T0 + 10 * MINUTE);
    expect(findCap('promo', caps, twice, T0 + 11 * MINUTE)).toBe('maxPerSession');
    // 31 minutes without activity: the next page view opens session 2.
    const nextSession = recordEvent(twice, { type: 'page' }, T0 + 41 * MINUTE);
    expect(nextSession.sessions).toBe(2);
    expect(findCap('promo', caps, nextSession, T0 + 41 * MINUTE)).toBeNull();
  });

  it('counts only this session’s impressions against maxPerSession', () => {
    const caps = frequency({ maxPerSession: 2 });
    // One impression in session 1, one in session 2: still one left in session 2.
    const profile = seenAt(T0, T0 + 2 * HOUR);
    expect(profile.sessions).toBe(2);
    expect(findCap('promo', caps, profile, T0 + 2 * HOUR + MINUTE)).toBeNull();
    const again = recordEvent(profile, campaignEvent('impression', 'promo'), T0 + 2 * HOUR + 2 * MINUTE);
    expect(findCap('promo', caps, again, T0 + 2 * HOUR + 3 * MINUTE)).toBe('maxPerSession');
  });

  it('waits cooldownHours after an impression', () => {
    const caps = frequency({ cooldownHours: 24 });
    const profile = seenAt(T0);
    expect(findCap('promo', caps, profile, T0 + 23 * HOUR)).toBe('cooldownHours');
    expect(findCap('promo', caps, profile, T0 + 24 * HOUR - 1)).toBe('cooldownHours');
    expect(findCap('promo', caps, profile, T0 + 24 * HOUR)).toBeNull();
  });

  it('measures the cooldown from the latest impression', () => {
    const caps = frequency({ cooldownHours: 1 });
    const profile = seenAt(T0, T0 + 50 * MINUTE);
    expect(findCap('promo', caps, profile, T0 + 70 * MINUTE)).toBe('cooldownHours');
    expect(findCap('promo', caps, profile, T0 + 110 * MINUTE)).toBeNull();
  });

  it('keeps a dismissed campaign hidden for afterDismissHours', () => {
    const caps = frequency({ afterDismissHours: 168 });
    const profile = recordEvent(seenAt(T0), campaignEvent('dismiss', 'promo'), T0 + MINUTE);
    expect(findCap('promo', caps, profile, T0 + 2 * MINUTE)).toBe('afterDismissHours');
    expect(findCap('promo', caps, profile, T0 + MINUTE + 168 * HOUR - 1)).toBe('afterDismissHours');
    expect(findCap('promo', caps, profile, T0 + MINUTE + 168 * HOUR)).toBeNull();
  });

  it('keeps a converted campaign hidden for afterConversionHours', () => {
    const caps = frequency({ afterConversionHours: 720 });
    const profile = recordEvent(seenAt(T0), campaignEvent('conversion', 'promo'), T0 + HOUR);
    expect(findCap('promo', caps, profile, T0 + 2 * HOUR)).toBe('afterConversionHours');
    expect(findCap('promo', caps, profile, T0 + HOUR + 720 * HOUR)).toBeNull();
  });

  it('is not capped by another campaign’s history', () => {
    const caps = frequency({ maxImpressions: 1, afterDismissHours: 24 });
    const other = profileAfter(T0, [
      [campaignEvent('impression', 'other'), T0],
      [campaignEvent('dismiss', 'other'), T0],
    ]);
    expect(findCap('promo', caps, other, T0 + MINUTE)).toBeNull();
  });

  it('reports the first cap that applies, in a fixed order', () => {
    const caps = frequency({ maxImpressions: 1, maxPerSession: 1, cooldownHours: 24, afterDismissHours: 24 });
    const profile = recordEvent(seenAt(T0), campaignEvent('dismiss', 'promo'), T0);
    expect(findCap('promo', caps, profile, T0 + MINUTE)).toBe('maxImpressions');
  });
});

describe('findLimit', () => {
  it('allows popups when no limits are set', () => {
    expect(findLimit({}, seenAt(T0, T0 + MINUTE, T0 + 2 * MINUTE), T0 + 2 * MINUTE)).toBeNull();
  });

  it('stops popups after limits.maxPerSession in a session, and resets in a new one', () => {
    const limits = prepare({ limits: { maxPerSession: 2 } }).limits;
    expect(findLimit(limits, seenAt(T0), T0 + MINUTE)).toBeNull();
    const twice = seenAt(T0, T0 + MINUTE);
    expect(findLimit(limits, twice, T0 + 2 * MINUTE)).toBe('limits.maxPerSession');
    expect(findLimit(limits, recordEvent(twice, { type: 'page' }, T0 + 40 * MINUTE), T0 + 40 * MINUTE)).toBeNull();
  });

  it('waits limits.minSecondsBetween after any popup', () => {
    const limits = prepare({ limits: { minSecondsBetween: 30 } }).limits;
    const profile = seenAt(T0);
    expect(findLimit(limits, profile, T0 + 29_999)).toBe('limits.minSecondsBetween');
    expect(findLimit(limits, profile, T0 + 30_000)).toBeNull();
    expect(findLimit(limits, profileAfter(T0), T0)).toBeNull();
  });
});

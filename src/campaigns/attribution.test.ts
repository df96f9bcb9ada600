import { describe, expect, it } from 'vitest';
import { findAttributions, isExposedWithin } from './attribution';
import { createProfile } from '../profile/profile';
import { recordEvent } from '../profile/record';
import { prepare, campaign } from '../../tests/unit/campaigns';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const campaigns = prepare({ campaigns: [campaign('a'), campaign('b', { attributionHours: 2 })] }).campaigns;

function clicked(id: string, at: number, variant = 'default') {
  return recordEvent(createProfile(T0, 'v'), { type: 'campaign', action: 'click', campaign: id, variant }, at);
}

describe('findAttributions', () => {
  it('attributes a purchase within 24 hours of a click, with the clicked variant', () => {
    expect(findAttributions(clicked('a', T0, 'b-side'), campaigns, T0 + 23 * HOUR)).toEqual([{ campaign: 'a', variant: 'b-side' }]);
    expect(findAttributions(clicked('a', T0), campaigns, T0 + 25 * HOUR)).toEqual([]);
  });

  it('honours a campaign\'s own attributionHours', () => {
    expect(findAttributions(clicked('b', T0), campaigns, T0 + 3 * HOUR)).toEqual([]);
    expect(findAttributions(clicked('b', T0), campaigns, T0 + HOUR)).toEqual([{ campaign: 'b', variant: 'default' }]);
  });

  it('reports the locale the clicked popup was shown in, from the latest click', () => {
    const inGerman = recordEvent(createProfile(T0, 'v'), { type: 'campaign', action: 'click', campaign: 'a', variant: 'default', locale: 'de-AT' }, T0);
    expect(findAttributions(inGerman, campaigns, T0 + HOUR)).toEqual([{ campaign: 'a', variant: 'default', locale: 'de-AT' }]);
    const thenUnknown = recordEvent(inGerman, { type: 'campaign', action: 'click', campaign: 'a', variant: 'default' }, T0 + HOUR);
    expect(findAttributions(thenUnknown, campaigns, T0 + 2 * HOUR)[0]).not.toHaveProperty('locale', 'de-AT');
  });

  it('attributes one click once: a second purchase needs a new click', () => {
    const converted = recordEvent(clicked('a', T0), { type: 'campaign', action: 'conversion', campaign: 'a', variant: 'default' }, T0 + HOUR);
    expect(findAttributions(converted, campaigns, T0 + 2 * HOUR)).toEqual([]);
    const again = recordEvent(converted, { type: 'campaign', action: 'click', campaign: 'a', variant: 'default' }, T0 + 3 * HOUR);
    expect(findAttributions(again, campaigns, T0 + 4 * HOUR)).toHaveLength(1);
  });
});

describe('isExposedWithin', () => {
  const exposed = (id: string, at: number, variant = 'holdout') => recordEvent(createProfile(at), { type: 'campaign', action: 'exposure', campaign: id, variant }, at);

  it('holds within the exposed campaign\'s attributionHours of its last exposure, held out or shown', () => {
    expect(isExposedWithin(exposed('a', T0), campaigns, T0 + 24 * HOUR)).toBe(true);
    expect(isExposedWithin(exposed('a', T0, 'default'), campaigns, T0 + 24 * HOUR + 1)).toBe(false);
    expect(isExposedWithin(exposed('b', T0), campaigns, T0 + 2 * HOUR)).toBe(true);
    expect(isExposedWithin(exposed('b', T0), campaigns, T0 + 3 * HOUR)).toBe(false);
  });

  it('does not hold for a campaign no longer in the config, nor without any exposure', () => {
    expect(isExposedWithin(exposed('gone', T0), campaigns, T0 + HOUR)).toBe(false);
    expect(isExposedWithin(createProfile(T0), campaigns, T0)).toBe(false);
  });

  it('keeps the last exposure: a later one restarts the window', () => {
    const again = recordEvent(exposed('a', T0), { type: 'campaign', action: 'exposure', campaign: 'a', variant: 'holdout' }, T0 + 20 * HOUR);
    expect(again.campaigns.a.exposedAt).toBe(T0 + 20 * HOUR);
    expect(isExposedWithin(again, campaigns, T0 + 40 * HOUR)).toBe(true);
  });
});

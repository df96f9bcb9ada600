import { describe, expect, it } from 'vitest';
import { findAttributions } from './attribution';
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

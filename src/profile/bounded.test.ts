import { describe, expect, it } from 'vitest';
import { createProfile } from './profile';
import { recordEvent, type ProfileEvent } from './record';

/** The size the profile takes as a stored record (IndexedDB stores a structured clone; JSON is a fair upper estimate). */
function storedBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

describe('the stored profile stays bounded', () => {
  it('stays under 64 KB after 100,000 tracked events of varied names and every other kind of activity', () => {
    let profile = createProfile(0, 'visitor');
    const long = (prefix: string, i: number) => `${prefix}-${i}-${'x'.repeat(60)}`;
    for (let i = 0; i < 100_000; i++) {
      const now = i * 60_000;
      const events: ProfileEvent[] = [
        { type: 'track', name: `custom_event_${i % 7919}_${'y'.repeat(i % 80)}` },
      ];
      if (i % 10 === 0) events.push({ type: 'track', name: 'view_item', props: { id: long('SKU', i), category: long('cat', i % 500) } });
      if (i % 25 === 0) events.push({ type: 'track', name: 'add_to_cart', props: { id: long('SKU', i), price: 10 } });
      if (i % 50 === 0) events.push({ type: 'identify', traits: { [long('trait', (i / 50) % 300)]: 'v'.repeat(500) } });
      if (i % 40 === 0) events.push({ type: 'campaign', action: 'impression', campaign: long('campaign', i % 400), variant: 'a' });
      if (i % 7 === 0) events.push({ type: 'page', utm: { utmSource: 's'.repeat(100), utmMedium: 'm', utmCampaign: 'c' } });
      for (const event of events) profile = recordEvent(profile, event, now);
    }
    const bytes = storedBytes(profile);
    expect(bytes).toBeLessThan(64 * 1024);
    // The caps are what bound it, not luck: every capped collection is full.
    expect(Object.keys(profile.events)).toHaveLength(200);
    expect(profile.viewedProducts).toHaveLength(50);
    expect(Object.keys(profile.traits)).toHaveLength(100);
    // 100,000 immutable updates of capped records take seconds (4.5 s quiet, 67 s at load 15); the bound, not the speed, is tested here.
  }, 180_000);
});

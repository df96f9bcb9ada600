import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createProfile } from '../../../src/profile/profile';
import { recordEvent, LIMITS, type ProfileEvent } from '../../../src/profile/record';
import { reviveProfile } from '../../../src/profile/revive';
import { fuzzRuns } from './settings';

// Random event sequences through the profile reducer: counters never negative, lists within
// their caps, the stored record under 64 KB (SPEC §5), and it revives with nothing dropped.

const name = fc.oneof(fc.constantFrom('view_item', 'view_item_list', 'add_to_cart', 'remove_from_cart', 'purchase', 'signup', 'toString', '__proto__', 'constructor'), fc.string({ maxLength: 120 }));
const anyProp = fc.oneof(fc.string({ maxLength: 300 }), fc.double(), fc.integer(), fc.constant(null), fc.boolean());
const props = fc.record({ id: anyProp, category: anyProp, price: anyProp, quantity: anyProp, value: anyProp, transactionId: anyProp }, { requiredKeys: [] });
const event: fc.Arbitrary<ProfileEvent> = fc.oneof(
  fc.constant({ type: 'page' } as ProfileEvent),
  fc.record({ type: fc.constant('track' as const), name, props }),
  fc.record({ type: fc.constant('identify' as const), traits: fc.dictionary(fc.string({ maxLength: 120 }), anyProp, { maxKeys: 20 }) as fc.Arbitrary<never> }),
  fc.record({ type: fc.constant('campaign' as const), action: fc.constantFrom('impression', 'dismiss', 'click', 'conversion'), campaign: fc.string({ maxLength: 60 }), variant: fc.string({ maxLength: 20 }) }),
);
const step = fc.tuple(event, fc.integer({ min: 0, max: 3 * 3_600_000 }));

describe('fuzz: profile reducer', () => {
  it('keeps counters non-negative, lists within their caps and the stored profile under 64 KB', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 400 }), (steps) => {
      let now = Date.UTC(2026, 11, 1);
      let profile = createProfile(now);
      for (const [e, wait] of steps) profile = recordEvent(profile, e, (now += wait));
      for (const key of ['sessions', 'pageViews', 'sessionPageViews', 'productViews', 'cartAdds', 'purchases', 'totalSpent', 'cartValue', 'sessionShown'] as const) {
        expect(Number.isFinite(profile[key]) && profile[key] >= 0, key).toBe(true);
      }
      for (const count of [...Object.values(profile.events), ...Object.values(profile.categoryViews)]) expect(count).toBeGreaterThan(0);
      for (const history of Object.values(profile.campaigns)) expect(history.impressions).toBeGreaterThanOrEqual(0);
      expect(profile.viewedProducts.length).toBeLessThanOrEqual(LIMITS.viewedProducts);
      expect(profile.viewedCategories.length).toBeLessThanOrEqual(LIMITS.viewedCategories);
      expect(profile.cartItems.length).toBeLessThanOrEqual(LIMITS.cartItems);
      expect(profile.orderIds.length).toBeLessThanOrEqual(LIMITS.orderIds);
      expect(Object.keys(profile.events).length).toBeLessThanOrEqual(LIMITS.events);
      expect(Object.keys(profile.traits).length).toBeLessThanOrEqual(LIMITS.traits);
      expect(Object.keys(profile.campaigns).length).toBeLessThanOrEqual(LIMITS.campaigns);
      const stored = JSON.stringify(profile);
      expect(new TextEncoder().encode(stored).length).toBeLessThan(64 * 1024);
      expect(reviveProfile(JSON.parse(stored), now)!.dropped).toEqual([]);
    }), fuzzRuns(0.25));
  });
});

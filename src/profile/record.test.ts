import { describe, expect, it } from 'vitest';
import { recordEvent, LIMITS, SESSION_TIMEOUT_MS, type ProfileEvent } from './record';
import { createProfile, type Profile } from './profile';
import { readBehaviourSignals } from './signals';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const MINUTE = 60_000;

function after(events: [ProfileEvent, number][], start = T0): Profile {
  return events.reduce((profile, [event, at]) => recordEvent(profile, event, at), createProfile(start, 'visitor-1'));
}

const track = (name: string, props?: Record<string, unknown>): ProfileEvent => ({ type: 'track', name, props: props as never });
const page: ProfileEvent = { type: 'page' };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('createProfile', () => {
  it('starts a first session with nothing recorded', () => {
    const profile = createProfile(T0);
    expect(profile).toMatchObject({ firstSeen: T0, lastSeen: null, lastActive: T0, sessionStart: T0, sessions: 1, pageViews: 0, events: {}, traits: {} });
    expect(profile.id).toMatch(/^[0-9a-f]{24}$/);
    expect(createProfile(T0).id).not.toBe(profile.id);
  });
});

describe('recordEvent: page views and sessions', () => {
  it('counts page views in total and in the session', () => {
    const profile = after([[page, T0], [page, T0 + MINUTE], [page, T0 + 2 * MINUTE]]);
    expect(profile).toMatchObject({ pageViews: 3, sessionPageViews: 3, sessions: 1, lastSeen: null, lastActive: T0 + 2 * MINUTE });
  });

  it('keeps the session going while there is activity at least every 30 minutes', () => {
    const events: [ProfileEvent, number][] = Array.from({ length: 10 }, (_, i) => [page, T0 + i * 25 * MINUTE]);
    expect(after(events)).toMatchObject({ sessions: 1, sessionPageViews: 10, sessionStart: T0 });
  });

  it('starts a new session after 30 minutes without activity', () => {
    const lastActivity = T0 + 10 * MINUTE;
    const before = after([[page, T0], [page, T0 + 5 * MINUTE], [track('wishlist_add'), lastActivity]]);
    const now = lastActivity + SESSION_TIMEOUT_MS + 1;
    const profile = recordEvent(before, page, now);
    expect(profile.sessions).toBe(2);
    expect(profile.lastSeen).toBe(lastActivity);
    expect(profile.sessionStart).toBe(now);
    expect(profile.sessionPageViews).toBe(1);
    expect(profile.pageViews).toBe(3);
    expect(profile.firstSeen).toBe(T0);
    expect(readBehaviourSignals(profile, now)).toMatchObject({ isReturning: true, lastSeen: lastActivity, sessionSeconds: 0 });
  });

  it('stays in the same session just under 30 minutes', () => {
    const before = after([[page, T0]]);
    expect(recordEvent(before, page, T0 + 29 * MINUTE + 59_000)).toMatchObject({ sessions: 1, lastSeen: null, sessionPageViews: 2 });
  });

  it('sets lastSeen to the previous session’s last activity, not its start', () => {
    const profile = after([
      [page, T0],
      [page, T0 + 20 * MINUTE],
      [page, T0 + 3 * 60 * MINUTE], // session 2
      [page, T0 + 3 * 60 * MINUTE + 10 * MINUTE],
      [page, T0 + 24 * 60 * MINUTE], // session 3
    ]);
    expect(profile.sessions).toBe(3);
    expect(profile.lastSeen).toBe(T0 + 3 * 60 * MINUTE + 10 * MINUTE);
    expect(profile.sessionPageViews).toBe(1);
  });

  it('resets the popups shown in the session', () => {
    const shown = after([[{ type: 'campaign', action: 'impression', campaign: 'promo', variant: 'a' }, T0]]);
    expect(shown.sessionShown).toBe(1);
    expect(recordEvent(shown, page, T0 + 31 * MINUTE).sessionShown).toBe(0);
  });

  it('starts a new session on any activity, not just a page view', () => {
    const profile = recordEvent(after([[page, T0]]), track('wishlist_add'), T0 + 2 * 60 * MINUTE);
    expect(profile).toMatchObject({ sessions: 2, sessionPageViews: 0, lastSeen: T0 });
  });

  it('never moves lastActive back for an event stamped earlier', () => {
    const profile = recordEvent(after([[page, T0 + 10 * MINUTE]]), page, T0 + 5 * MINUTE);
    expect(profile.lastActive).toBe(T0 + 10 * MINUTE);
    expect(profile.sessions).toBe(1);
  });
});

describe('recordEvent: e-commerce events', () => {
  it('records view_item: productViews, viewedProducts most recent first, viewedCategories', () => {
    const profile = after([
      [track('view_item', { id: 'SKU-TENT', category: 'tents', price: 249 }), T0],
      [track('view_item', { id: 'SKU-MAT', category: 'mats' }), T0 + MINUTE],
      [track('view_item', { id: 'SKU-TENT', category: 'tents' }), T0 + 2 * MINUTE],
      [track('view_item', { id: 42 }), T0 + 3 * MINUTE],
    ]);
    expect(profile.productViews).toBe(4);
    expect(profile.viewedProducts).toEqual(['42', 'SKU-TENT', 'SKU-MAT']);
    expect(profile.viewedCategories).toEqual(['tents', 'mats']);
  });

  it('counts a view_item without an id but lists nothing', () => {
    const profile = after([[track('view_item', { id: { nested: true }, category: 7 }), T0]]);
    expect(profile).toMatchObject({ productViews: 1, viewedProducts: [], viewedCategories: [] });
  });

  it('records view_item_list as a viewed category only', () => {
    const profile = after([[track('view_item_list', { category: 'lamps' }), T0]]);
    expect(profile).toMatchObject({ productViews: 0, viewedCategories: ['lamps'] });
  });

  it('records add_to_cart: cartAdds, cartItems and cartValue with quantity', () => {
    const profile = after([
      [track('add_to_cart', { id: 'SKU-TENT', price: 249, quantity: 1 }), T0],
      [track('add_to_cart', { id: 'SKU-MAT', price: 19.99, quantity: 3 }), T0 + MINUTE],
    ]);
    expect(profile.cartAdds).toBe(2);
    expect(profile.cartItems).toEqual(['SKU-MAT', 'SKU-TENT']);
    expect(profile.cartValue).toBe(308.97);
  });

  it('ignores a negative or non-numeric price', () => {
    const profile = after([
      [track('add_to_cart', { id: 'A', price: -10 }), T0],
      [track('add_to_cart', { id: 'B', price: '10' }), T0],
      [track('add_to_cart', { id: 'C', price: Number.NaN }), T0],
    ]);
    expect(profile).toMatchObject({ cartAdds: 3, cartValue: 0 });
  });

  it('records remove_from_cart: the item leaves the cart and its value comes off', () => {
    const profile = after([
      [track('add_to_cart', { id: 'SKU-TENT', price: 249 }), T0],
      [track('add_to_cart', { id: 'SKU-MAT', price: 59, quantity: 2 }), T0],
      [track('remove_from_cart', { id: 'SKU-MAT', price: 59, quantity: 2 }), T0 + MINUTE],
    ]);
    expect(profile).toMatchObject({ cartAdds: 2, cartItems: ['SKU-TENT'], cartValue: 249 });
  });

  it('empties the cart value when the last item is removed', () => {
    const profile = after([
      [track('add_to_cart', { id: 'SKU-TENT', price: 249 }), T0],
      [track('remove_from_cart', { id: 'SKU-TENT' }), T0 + MINUTE],
    ]);
    expect(profile).toMatchObject({ cartItems: [], cartValue: 0 });
  });

  it('records purchase: purchases, totalSpent, lastPurchaseAt, and empties the cart', () => {
    const profile = after([
      [track('add_to_cart', { id: 'SKU-TENT', price: 249 }), T0],
      [track('purchase', { value: 249, currency: 'EUR', items: [{ id: 'SKU-TENT' }] }), T0 + 5 * MINUTE],
      [track('purchase', { value: 30.5, currency: 'EUR' }), T0 + 10 * MINUTE],
    ]);
    expect(profile).toMatchObject({ purchases: 2, totalSpent: 279.5, lastPurchaseAt: T0 + 10 * MINUTE, cartItems: [], cartValue: 0 });
    expect(readBehaviourSignals(profile, T0 + 10 * MINUTE).averageOrderValue).toBe(139.75);
  });

  it('counts a purchase without a usable value but adds nothing to totalSpent', () => {
    expect(after([[track('purchase', { value: 'lots' }), T0]])).toMatchObject({ purchases: 1, totalSpent: 0, lastPurchaseAt: T0 });
  });

  it('does not count e-commerce events under events', () => {
    const profile = after([[track('view_item', { id: 'A' }), T0], [track('purchase', { value: 1 }), T0]]);
    expect(profile.events).toEqual({});
  });
});

describe('recordEvent: custom events', () => {
  it('counts any other event name under events', () => {
    const profile = after([
      [track('wishlist_add'), T0],
      [track('wishlist_add', { id: 'SKU-TENT' }), T0 + MINUTE],
      [track('newsletter_signup'), T0 + 2 * MINUTE],
    ]);
    expect(profile.events).toEqual({ wishlist_add: 2, newsletter_signup: 1 });
  });

  it('ignores event names longer than the name limit', () => {
    expect(after([[track('x'.repeat(LIMITS.nameLength + 1)), T0]]).events).toEqual({});
  });

  it('evicts the least-used event names beyond the cap, never the one just tracked', () => {
    let profile = createProfile(T0, 'visitor-1');
    for (let i = 0; i < 5; i++) profile = recordEvent(profile, track('popular'), T0);
    for (let i = 0; i < LIMITS.events + 20; i++) profile = recordEvent(profile, track(`rare_${i}`), T0);
    const names = Object.keys(profile.events);
    expect(names).toHaveLength(LIMITS.events);
    expect(profile.events.popular).toBe(5);
    expect(profile.events[`rare_${LIMITS.events + 19}`]).toBe(1);
  });

  it('keeps a name tracked often even when it arrives after the cap is reached', () => {
    let profile = createProfile(T0, 'visitor-1');
    for (let i = 0; i < LIMITS.events; i++) profile = recordEvent(profile, track(`old_${i}`), T0);
    for (let i = 0; i < 3; i++) profile = recordEvent(profile, track('late'), T0);
    expect(profile.events.late).toBe(3);
    expect(Object.keys(profile.events)).toHaveLength(LIMITS.events);
  });

  it('ignores events called __proto__, constructor or prototype, touching no prototype', () => {
    const profile = after([[track('__proto__'), T0], [track('constructor'), T0], [track('ok'), T0]]);
    expect(profile.events).toEqual({ ok: 1 });
    // A record with no prototype at all: nothing a name could reach (issue 12, defect 3).
    expect(Object.getPrototypeOf(profile.events)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('recordEvent: identify', () => {
  it('merges traits into the existing ones', () => {
    const profile = after([
      [{ type: 'identify', traits: { tier: 'silver', newsletter: true } }, T0],
      [{ type: 'identify', traits: { tier: 'gold', age: 31 } }, T0 + MINUTE],
    ]);
    expect(profile.traits).toEqual({ tier: 'gold', newsletter: true, age: 31 });
  });

  it('ignores values that are not a string, a finite number or a boolean', () => {
    const traits = { ok: 'yes', obj: { type: 'img', props: {} }, list: ['a'], nothing: null, undef: undefined, nan: Number.NaN, inf: Infinity, fn: () => 1 };
    expect(after([[{ type: 'identify', traits: traits as never }, T0]]).traits).toEqual({ ok: 'yes' });
  });

  it('does not let a __proto__ trait change the traits prototype', () => {
    const traits = JSON.parse('{"__proto__": "x", "tier": "gold"}');
    const profile = after([[{ type: 'identify', traits }, T0]]);
    expect(profile.traits.tier).toBe('gold');
    expect(Object.getPrototypeOf(profile.traits)).toBeNull();
  });

  it('keeps at most the trait limit, newest first', () => {
    const traits = Object.fromEntries(Array.from({ length: LIMITS.traits + 10 }, (_, i) => [`t${i}`, i]));
    const profile = after([[{ type: 'identify', traits }, T0]]);
    expect(Object.keys(profile.traits)).toHaveLength(LIMITS.traits);
    expect(profile.traits[`t${LIMITS.traits + 9}`]).toBe(LIMITS.traits + 9);
    expect(profile.traits.t0).toBeUndefined();
  });
});

describe('recordEvent: campaign history', () => {
  const event = (action: 'impression' | 'dismiss' | 'click' | 'conversion' | 'minimise', variant = 'b'): ProfileEvent => ({ type: 'campaign', action, campaign: 'promo', variant });

  it('records impressions, dismissals, clicks and conversions with their times', () => {
    const profile = after([
      [event('impression'), T0],
      [event('dismiss'), T0 + 1000],
      [event('impression'), T0 + 2000],
      [event('click'), T0 + 3000],
      [event('conversion'), T0 + 4000],
    ]);
    expect(profile.campaigns.promo).toEqual({
      impressions: 2,
      lastImpressionAt: T0 + 2000,
      firstImpressionAt: T0,
      session: 1,
      sessionImpressions: 2,
      dismissedAt: T0 + 1000,
      clickedAt: T0 + 3000,
      clickedVariant: 'b',
      convertedAt: T0 + 4000,
    });
    expect(profile).toMatchObject({ sessionShown: 2, lastShownAt: T0 + 2000 });
  });

  it('remembers the session a popup was minimised to its teaser tab in, until the tab is closed', () => {
    const minimised = after([[event('impression'), T0], [event('minimise'), T0 + 1000]]);
    expect(minimised.campaigns.promo.teaser).toBe(minimised.sessions);
    // The minimise alone is no dismissal: afterDismissHours waits for the tab's own close.
    expect(minimised.campaigns.promo.dismissedAt).toBeUndefined();
    const closed = recordEvent(minimised, event('dismiss'), T0 + 2000);
    expect(closed.campaigns.promo.teaser).toBeUndefined();
    expect(closed.campaigns.promo.dismissedAt).toBe(T0 + 2000);
  });

  it('takes the teaser tab away when the visitor clicks or converts', () => {
    for (const action of ['click', 'conversion'] as const) {
      const profile = after([[event('minimise'), T0], [event(action), T0 + 1000]]);
      expect(profile.campaigns.promo.teaser, action).toBeUndefined();
    }
  });

  it('keeps the first impression when later ones come (where a minutes countdown starts)', () => {
    const profile = after([[event('impression'), T0], [event('impression'), T0 + 60_000]]);
    expect(profile.campaigns.promo.firstImpressionAt).toBe(T0);
  });

  it('counts impressions per session afresh in a new session', () => {
    const profile = after([
      [event('impression'), T0],
      [event('impression'), T0 + MINUTE],
      [page, T0 + 2 * 60 * MINUTE],
      [event('impression'), T0 + 2 * 60 * MINUTE + MINUTE],
    ]);
    expect(profile.campaigns.promo).toMatchObject({ impressions: 3, session: 2, sessionImpressions: 1 });
  });

  it('keeps the history of at most the campaign limit', () => {
    let profile = createProfile(T0, 'visitor-1');
    for (let i = 0; i < LIMITS.campaigns + 5; i++) profile = recordEvent(profile, { type: 'campaign', action: 'impression', campaign: `c${i}`, variant: 'a' }, T0);
    expect(Object.keys(profile.campaigns)).toHaveLength(LIMITS.campaigns);
    expect(profile.campaigns[`c${LIMITS.campaigns + 4}`]).toBeDefined();
  });
});

describe('recordEvent: bounds and purity', () => {
  it('keeps at most 50 viewed products and 20 viewed categories, most recent first', () => {
    let profile = createProfile(T0, 'visitor-1');
    for (let i = 0; i < 80; i++) profile = recordEvent(profile, track('view_item', { id: `SKU-${i}`, category: `cat-${i}` }), T0 + i);
    expect(profile.viewedProducts).toHaveLength(LIMITS.viewedProducts);
    expect(LIMITS.viewedProducts).toBe(50);
    expect(profile.viewedProducts[0]).toBe('SKU-79');
    expect(profile.viewedProducts[49]).toBe('SKU-30');
    expect(profile.viewedCategories).toHaveLength(20);
    expect(profile.viewedCategories[0]).toBe('cat-79');
    expect(profile.productViews).toBe(80);
  });

  it('stays under 64 KB stored after a very busy visitor', () => {
    let profile = createProfile(T0, 'visitor-1');
    const traits: Record<string, string> = {};
    for (let i = 0; i < 300; i++) traits[`trait_number_${i}`] = `value of trait ${i}`;
    profile = recordEvent(profile, { type: 'identify', traits }, T0);
    for (let i = 0; i < 2_000; i++) {
      const at = T0 + i * 1000;
      profile = recordEvent(profile, page, at);
      profile = recordEvent(profile, track('view_item', { id: `SKU-${100_000 + i}`, category: `category-${i}` }), at);
      profile = recordEvent(profile, track('add_to_cart', { id: `SKU-${100_000 + i}`, price: 10 }), at);
      profile = recordEvent(profile, track(`custom_event_name_${i}`), at);
      profile = recordEvent(profile, { type: 'campaign', action: i % 2 ? 'impression' : 'click', campaign: `campaign-${i % 300}`, variant: 'variant-a' }, at);
    }
    expect(new TextEncoder().encode(JSON.stringify(profile)).length).toBeLessThan(64 * 1024);
    // 10,000 immutable updates: 0.3 s on a quiet machine, over vitest's 5 s default when its cores are shared; the bound is tested here, not the speed.
  }, 60_000);

  it('never modifies the profile it is given', () => {
    const start = after([
      [page, T0],
      [track('view_item', { id: 'A', category: 'c' }), T0],
      [track('add_to_cart', { id: 'A', price: 5 }), T0],
      [track('wishlist_add'), T0],
      [{ type: 'identify', traits: { tier: 'gold' } }, T0],
      [{ type: 'campaign', action: 'impression', campaign: 'promo', variant: 'a' }, T0],
    ]);
    const snapshot = structuredClone(start);
    deepFreeze(start);
    const events: ProfileEvent[] = [
      page,
      track('view_item', { id: 'B', category: 'd' }),
      track('view_item_list', { category: 'e' }),
      track('add_to_cart', { id: 'B', price: 7 }),
      track('remove_from_cart', { id: 'A', price: 5 }),
      track('purchase', { value: 7 }),
      track('wishlist_add'),
      { type: 'identify', traits: { tier: 'platinum', age: 40 } },
      { type: 'campaign', action: 'impression', campaign: 'promo', variant: 'a' },
      { type: 'campaign', action: 'dismiss', campaign: 'promo', variant: 'a' },
      { type: 'campaign', action: 'click', campaign: 'other', variant: 'a' },
    ];
    for (const event of events) {
      for (const at of [T0 + MINUTE, T0 + 5 * 60 * MINUTE]) {
        const next = recordEvent(start, event, at);
        expect(next).not.toBe(start);
      }
    }
    expect(start).toEqual(snapshot);
  });
});

describe('recordEvent: purchases with a transaction id', () => {
  it('counts an order once, however often it is reported', () => {
    const purchase = (id: string) => [{ type: 'track', name: 'purchase', props: { value: 100, currency: 'EUR', transactionId: id } }, T0] as [ProfileEvent, number];
    const profile = after([purchase('T-1'), purchase('T-1'), purchase('T-2')]);
    expect(profile).toMatchObject({ purchases: 2, totalSpent: 200, orderIds: ['T-2', 'T-1'] });
  });
});

describe('recordEvent: first-touch UTM per session', () => {
  const utm = (source: string | null) => ({ utmSource: source, utmMedium: source && 'email', utmCampaign: null });
  const pageWith = (source: string | null, at: number) => [{ type: 'page', utm: utm(source) }, at] as [ProfileEvent, number];

  it('keeps the first page view of a session as its first touch', () => {
    const profile = after([pageWith('newsletter', T0), pageWith('facebook', T0 + 60_000)]);
    expect(profile.sessionUtm).toEqual(utm('newsletter'));
  });

  it('keeps a session that began without a campaign link as such, even if a later page has one', () => {
    const profile = after([pageWith(null, T0), pageWith('facebook', T0 + 60_000)]);
    expect(profile.sessionUtm).toEqual(utm(null));
  });

  it('starts again with the next session', () => {
    const profile = after([pageWith('newsletter', T0), pageWith('facebook', T0 + SESSION_TIMEOUT_MS + 1)]);
    expect(profile).toMatchObject({ sessions: 2, sessionUtm: utm('facebook') });
  });
});

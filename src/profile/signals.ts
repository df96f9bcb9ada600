import type { Profile } from './profile';

/** The behaviour signals of SPEC §3, read from the profile; `events` and `traits` stay nested. */
export function readBehaviourSignals(profile: Profile, now: number): Record<string, unknown> {
  return {
    sessions: profile.sessions,
    pageViews: profile.pageViews,
    sessionPageViews: profile.sessionPageViews,
    productViews: profile.productViews,
    cartAdds: profile.cartAdds,
    purchases: profile.purchases,
    isReturning: profile.sessions > 1,
    firstSeen: profile.firstSeen,
    lastSeen: profile.lastSeen,
    lastPurchaseAt: profile.lastPurchaseAt,
    sessionSeconds: Math.max(0, Math.floor((now - profile.sessionStart) / 1000)),
    viewedProducts: profile.viewedProducts,
    viewedCategories: profile.viewedCategories,
    cartItems: profile.cartItems,
    cartValue: profile.cartValue,
    totalSpent: profile.totalSpent,
    averageOrderValue: profile.purchases ? Math.round((profile.totalSpent / profile.purchases) * 100) / 100 : 0,
    events: profile.events,
    traits: profile.traits,
  };
}

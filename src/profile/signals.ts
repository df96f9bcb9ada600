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
    topCategory: findTopCategory(profile),
    cartItems: profile.cartItems,
    cartValue: profile.cartValue,
    totalSpent: profile.totalSpent,
    averageOrderValue: profile.purchases ? Math.round((profile.totalSpent / profile.purchases) * 100) / 100 : 0,
    events: profile.events,
    traits: profile.traits,
  };
}

/** The most viewed category; of equally viewed ones, the most recently viewed. */
function findTopCategory({ categoryViews, viewedCategories }: Profile): string | null {
  let top: string | null = null;
  for (const [category, views] of Object.entries(categoryViews)) {
    const better = top === null || views > categoryViews[top]
      || (views === categoryViews[top] && rank(viewedCategories, category) < rank(viewedCategories, top));
    if (better) top = category;
  }
  return top;
}

function rank(recent: string[], category: string): number {
  const index = recent.indexOf(category);
  return index < 0 ? Infinity : index;
}

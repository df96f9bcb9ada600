import { createProfile } from '../../src/profile/profile';

type Visitor = Record<string, any>;

/**
 * The stored profile a `segmint simulate` visitor file describes, as segmint keeps it,
 * continuing this session at `now`: behaviour, traits, and campaign history with its times as
 * epoch ms. A question's `answer` is stored as the browser stores one: as the question's trait
 * (`traitOf` names it per campaign id), not in the history.
 */
export function profileOf(visitor: Visitor, now: number, traitOf: (campaign: string) => string | undefined = () => undefined): Record<string, unknown> {
  const profile: Record<string, any> = { ...createProfile(now, visitor.id), categoryViews: {}, events: {}, traits: {}, campaigns: {} };
  for (const key of ['sessions', 'productViews', 'cartAdds', 'purchases', 'totalSpent', 'cartValue', 'viewedProducts', 'cartItems']) {
    if (key in visitor) profile[key] = visitor[key];
  }
  // Loading the page records one page view before the decision.
  for (const key of ['pageViews', 'sessionPageViews']) if (key in visitor) profile[key] = visitor[key] - 1;
  if (visitor.lastPurchaseAt) profile.lastPurchaseAt = Date.parse(visitor.lastPurchaseAt);
  Object.assign(profile.traits, visitor.traits);
  Object.assign(profile.events, visitor.events);
  for (const [id, history] of Object.entries<Record<string, unknown>>(visitor.campaigns ?? {})) {
    const entry: Record<string, unknown> = { impressions: history.impressions ?? 0 };
    for (const [key, value] of Object.entries(history)) {
      if (key === 'answer') profile.traits[traitOf(id) ?? key] = value;
      else entry[key] = typeof value === 'string' ? Date.parse(value) : value;
    }
    if ('sessionImpressions' in history) entry.session = profile.sessions;
    profile.campaigns[id] = entry;
  }
  return profile;
}

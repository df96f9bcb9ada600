import type { Profile } from '../profile/profile';
import type { ProfileEvent } from '../profile/record';
import type { PreparedCampaign } from '../campaigns/prepare';
import type { Entry } from '../profile/apply-entries';
import type { CountedPurchase } from './conversions';
import { findAttributions, isExposedWithin } from '../campaigns/attribution';
import { recordEvent } from '../profile/record';
import { toConversion } from './conversions';

/**
 * Given the profile before a replay and the entries of it applied now, the conversions that follow
 * (for each purchase that counted, the campaigns clicked within their window at its time) and the
 * purchases whose page went before announcing them, with that page's path. Runs inside the
 * replay's transaction: an entry another tab applied already is not among `applied`, so two tabs
 * replaying at once convert once.
 */
export function followPurchases(campaigns: PreparedCampaign[], base: Profile, applied: readonly Entry[]): { derived: ProfileEvent[]; unannounced: CountedPurchase[] } {
  const derived: ProfileEvent[] = [];
  const unannounced: CountedPurchase[] = [];
  let profile = base;
  for (const [event, at, , emitted, path] of applied) {
    const before = profile;
    profile = recordEvent(profile, event, at);
    if (!isPurchase(event) || profile.purchases === before.purchases) continue;
    const attributions = findAttributions(profile, campaigns, at);
    const conversions = attributions.map(toConversion);
    // Converted now: a later purchase in the same replay does not convert the same click again.
    for (const conversion of conversions) profile = recordEvent(profile, conversion, at);
    derived.push(...conversions);
    // Without a path (an entry written before entries had one, a torn write), this page's is the best known.
    if (!emitted) unannounced.push({ props: event.props ?? {}, at, path: typeof path === 'string' ? path : location.pathname, exposed: isExposedWithin(profile, campaigns, at), attributions });
  }
  return { derived, unannounced };
}

function isPurchase(event: ProfileEvent): event is Extract<ProfileEvent, { type: 'track' }> {
  return event.type === 'track' && event.name === 'purchase';
}

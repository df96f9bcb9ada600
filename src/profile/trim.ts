import type { Profile } from './profile';

/**
 * A smaller profile for when storage is full: the recent lists and the custom event counters
 * are halved (the most counted events kept). What keeps campaigns honest — frequency history,
 * dismissals, traits, totals — is kept whole.
 */
export function trimProfile(profile: Profile): Profile {
  const half = <T>(list: T[]) => list.slice(0, Math.ceil(list.length / 2));
  const events = Object.entries(profile.events).sort((a, b) => b[1] - a[1]);
  return {
    ...profile,
    viewedProducts: half(profile.viewedProducts),
    viewedCategories: half(profile.viewedCategories),
    events: Object.fromEntries(half(events)),
  };
}

import type { TrackProps } from '../types';
import type { Runtime } from './runtime';
import type { Profile } from '../profile/profile';
import type { ProfileEvent } from '../profile/record';
import type { PreparedCampaign } from '../campaigns/prepare';
import { findAttributions } from '../campaigns/attribution';
import { findSegments, readSignals } from './read-input';

type Attribution = ReturnType<typeof findAttributions>[number];

/** A purchase after a click within the campaign's attribution window is that campaign's conversion. */
export async function attributeConversions(rt: Runtime, purchase: TrackProps): Promise<void> {
  const attributions = findAttributions(rt.session.store.read(), rt.session.prepared.campaigns, rt.now());
  // Each is written ahead at once (journal), then announced before its IndexedDB write ends.
  const recorded = attributions.map(({ campaign, variant }) => rt.session.store.record(toConversion(campaign, variant)));
  announceConversions(rt, attributions, purchase);
  await Promise.all(recorded);
}

/**
 * The conversions of purchases replayed from pages that went too soon (`follow` runs inside the
 * replay's IndexedDB transaction, so two tabs replaying at once convert once); `announce` emits
 * them once this page runs. A purchase whose page stored it but went before converting is
 * converted here too: `findAttributions` finds nothing for a click that converted already.
 */
export function convertReplayed(campaigns: PreparedCampaign[], now: () => number, announce: (emit: (rt: Runtime) => void) => void) {
  let found: Attribution[] = [];
  let purchase: TrackProps = {};
  return {
    follow(profile: Profile, events: ProfileEvent[]): ProfileEvent[] {
      const last = events.filter(isPurchase).pop();
      purchase = last?.props ?? {};
      found = last ? findAttributions(profile, campaigns, now()) : [];
      return found.map(({ campaign, variant }) => toConversion(campaign, variant));
    },
    onReplay() {
      const announced = found;
      if (announced.length) announce((rt) => announceConversions(rt, announced, purchase));
    },
  };
}

function isPurchase(event: ProfileEvent): event is Extract<ProfileEvent, { type: 'track' }> {
  return event.type === 'track' && event.name === 'purchase';
}

function toConversion(campaign: string, variant: string): ProfileEvent {
  return { type: 'campaign', action: 'conversion', campaign, variant };
}

function announceConversions(rt: Runtime, attributions: Attribution[], purchase: TrackProps): void {
  if (!attributions.length) return;
  const value = typeof purchase.value === 'number' ? purchase.value : undefined;
  const currency = typeof purchase.currency === 'string' ? purchase.currency : undefined;
  const segments = findSegments(rt, readSignals(rt));
  for (const { campaign, variant, locale } of attributions) rt.emit('conversion', { campaign, variant, ...(locale && { locale }), segments, value, currency });
}

import type { TrackProps } from '../types';
import type { Runtime } from './runtime';
import type { Profile } from '../profile/profile';
import type { ProfileEvent } from '../profile/record';
import type { PreparedCampaign } from '../campaigns/prepare';
import type { JournalEntry } from '../profile/journal';
import { findAttributions, isExposedWithin } from '../campaigns/attribution';
import { collectSignals } from '../signals/collect';
import { recordEvent } from '../profile/record';
import { findSegments, readSignals } from './read-input';

type Attribution = ReturnType<typeof findAttributions>[number];

/**
 * Records a tracked event. A purchase that counts (once per transactionId) goes to the beacon
 * when the visitor was exposed within a campaign's attribution window (SPEC §10), and is the
 * conversion of each campaign clicked within its window. Both are emitted before the IndexedDB
 * write, from the profile in memory with the purchase applied (its segments included).
 */
export async function recordTracked(rt: Runtime, name: string, props: TrackProps, entry: JournalEntry): Promise<void> {
  const { store } = rt.session;
  // A purchase right after a click must see it: the popup's writes are not in the queue.
  await rt.state.writing;
  const before = store.read();
  const at = rt.now();
  const after = recordEvent(before, { type: 'track', name, props }, at);
  const attributions = name === 'purchase' && after.purchases > before.purchases ? emitPurchase(rt, props, after, at) : [];
  await store.record(entry);
  await Promise.all(attributions.map(({ campaign, variant }) => store.record(toConversion(campaign, variant))));
}

/** A popup's write, made at once outside the queue (see PopupDeps.recordNow); a tracked event waits for it. */
export function recordNow(rt: Runtime, event: ProfileEvent): void {
  const writing = rt.session.store.record(event).catch((error) => rt.report(error));
  rt.state.writing = Promise.all([rt.state.writing, writing]);
}

function emitPurchase(rt: Runtime, purchase: TrackProps, profile: Profile, at: number): Attribution[] {
  const { prepared, hints } = rt.session;
  const value = typeof purchase.value === 'number' ? purchase.value : undefined;
  const currency = typeof purchase.currency === 'string' ? purchase.currency : undefined;
  const { transactionId } = purchase;
  const order = typeof transactionId === 'string' || typeof transactionId === 'number' ? String(transactionId) : undefined;
  if (isExposedWithin(profile, prepared.campaigns, at)) rt.purchaseListeners.forEach((listener) => listener({ value, currency, transactionId: order }));
  const attributions = findAttributions(profile, prepared.campaigns, at);
  // The segments the visitor is in with this purchase counted, as a read after its write would give.
  const segments = findSegments(rt, collectSignals(window, hints, profile, at));
  for (const { campaign, variant, locale } of attributions) {
    rt.emit('conversion', { campaign, variant, ...(locale && { locale }), segments, value, currency, ...(order && { transactionId: order }) });
  }
  return attributions;
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

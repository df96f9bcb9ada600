import type { TrackProps } from '../types';
import type { Runtime } from './runtime';
import type { Profile } from '../profile/profile';
import type { ProfileEvent } from '../profile/record';
import type { PreparedCampaign } from '../campaigns/prepare';
import type { JournalEntry } from '../profile/journal';
import type { ChunkLoader } from '../chunks/contract';
import type { Replay } from '../profile/store';
import { findAttributions, isExposedWithin } from '../campaigns/attribution';
import { collectSignals } from '../signals/collect';
import { recordEvent } from '../profile/record';
import { origins } from '../analytics/forward-analytics';
import type { PopupDeps } from '../popup-lifecycle';
import { findSegments, readOfferContext } from './read-input';

type Attribution = ReturnType<typeof findAttributions>[number];

/** A purchase that counted (once per transactionId), and what follows from it. */
export interface CountedPurchase {
  props: TrackProps;
  at: number;
  /** The path of the page it was tracked on. */
  path: string;
  /** The visitor was exposed to some campaign within its window: the purchase goes to the beacon (SPEC §10). */
  exposed: boolean;
  /** The campaigns clicked within their window that it converts. */
  attributions: Attribution[];
}

/**
 * Records a tracked event. A purchase that counts goes to the beacon when the visitor was exposed
 * within a campaign's attribution window (SPEC §10), and is the conversion of each campaign
 * clicked within its window. Both are emitted before the IndexedDB write, from the profile in
 * memory with the purchase applied (its segments included); at once its conversions are written
 * ahead and its journal entry is marked emitted, so a replay on the next page (this page gone
 * before its writes, or between its purchase's commit and the rest) stores the purchase and its
 * conversions without announcing them twice.
 */
export async function recordTracked(rt: Runtime, name: string, props: TrackProps, entry: JournalEntry): Promise<void> {
  const { store, prepared } = rt.session;
  // A purchase right after a click must see it: the popup's writes are not in the queue.
  await rt.state.writing;
  const before = store.read();
  const at = rt.now();
  const after = recordEvent(before, { type: 'track', name, props }, at);
  let conversions: JournalEntry[] = [];
  if (name === 'purchase' && after.purchases > before.purchases) {
    const attributions = findAttributions(after, prepared.campaigns, at);
    announcePurchase(rt, { props, at, path: location.pathname, exposed: isExposedWithin(after, prepared.campaigns, at), attributions }, after);
    // With the announcement, before any write: a page gone even after its purchase's commit leaves these.
    conversions = attributions.map((attribution) => rt.journal.add(toConversion(attribution), at));
    rt.journal.markEmitted(entry[2]);
  }
  await store.record(entry);
  await Promise.all(conversions.map((conversion) => store.record(conversion)));
}

/** A popup's write, made at once outside the queue (see PopupDeps.recordNow); a tracked event waits for it. */
export function recordNow(rt: Runtime, event: ProfileEvent): void {
  const writing = rt.session.store.record(event).catch((error) => rt.report(error));
  rt.state.writing = Promise.all([rt.state.writing, writing]);
}

/** What the popup lifecycle and the inline placements are both given of the runtime. */
export function readChunkDeps(rt: Runtime): Omit<PopupDeps, 'loadRenderer' | 'identify' | 'readSignals'> {
  return {
    emit: rt.emit,
    report: rt.report,
    safely: rt.safely,
    readOfferContext: () => readOfferContext(rt),
    findSegments: (_, s) => findSegments(rt, s),
    isDestroyed: () => rt.state.destroyed,
    recordNow: (event) => recordNow(rt, event),
  };
}

/**
 * Emits a counted purchase's beacon record (exposed visitors only) and its conversions, with the
 * segments of `profile`. Their beacon records say when and on which page it was tracked (`origins`),
 * not where it is announced: a replay announces an earlier page's.
 */
function announcePurchase(rt: Runtime, { props, at, path, exposed, attributions }: CountedPurchase, profile: Profile): void {
  const value = typeof props.value === 'number' ? props.value : undefined;
  const currency = typeof props.currency === 'string' ? props.currency : undefined;
  const { transactionId } = props;
  const order = typeof transactionId === 'string' || typeof transactionId === 'number' ? String(transactionId) : undefined;
  const from = <T extends object>(fields: T) => (origins.set(fields, { time: at, path }), fields);
  if (exposed) rt.purchaseListeners.forEach((listener) => listener(from({ value, currency, transactionId: order })));
  if (!attributions.length) return;
  // The segments the visitor is in with this purchase counted, as a read after its write would give.
  const segments = findSegments(rt, collectSignals(window, rt.session.hints, profile, rt.now()));
  for (const { campaign, variant, locale } of attributions) {
    rt.emit('conversion', from({ campaign, variant, ...(locale && { locale }), segments, value, currency, ...(order && { transactionId: order }) }));
  }
}

/**
 * Purchases replayed from pages that went too soon (see Replay). `replay` loads the `replay`
 * chunk, which reads their entries and, inside the replay's IndexedDB transaction, converts the
 * campaigns clicked within their window at each purchase's time (runtime/replay-purchases.ts).
 * `onReplay` then announces, once this page runs, the purchases whose page went before
 * announcing them (entries not marked emitted); one that was announced is stored with its
 * conversions and announced no more.
 */
export function convertReplayed(campaigns: PreparedCampaign[], loadChunk: ChunkLoader, announce: (emit: (rt: Runtime) => void) => void): { replay: (keys: string[]) => Promise<Replay>; onReplay: () => void } {
  let found: CountedPurchase[] = [];
  return {
    async replay(keys) {
      const { readJournalEntries, followPurchases } = await loadChunk('replay');
      return {
        entries: readJournalEntries(keys),
        follow: (base, applied) => {
          const { derived, unannounced } = followPurchases(campaigns, base, applied);
          found = unannounced;
          return derived;
        },
      };
    },
    onReplay() {
      const purchases = found;
      found = [];
      if (purchases.length) announce((rt) => purchases.forEach((purchase) => announcePurchase(rt, purchase, rt.session.store.read())));
    },
  };
}

/** The conversion of one attribution. */
export function toConversion({ campaign, variant }: Attribution): ProfileEvent {
  return { type: 'campaign', action: 'conversion', campaign, variant };
}

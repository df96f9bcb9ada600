import type { AnalyticsSettings, AnswerPayload, BeaconEvent, CampaignEventPayload } from '../types';
import type { AnalyticsEvent, AnalyticsPayload, AnalyticsSink } from './analytics-sink';
import { createRandomHex } from '../lib/random-hex';
import { writeJson } from '../lib/write-json';

const EVENTS = ['exposure', 'impression', 'dismiss', 'click', 'conversion', 'answer'] as const;
/** Leaving the page, and coming back to it from the back/forward cache. */
const PAGE_EVENTS = ['pagehide', 'pageshow'];

/** A purchase for the beacon, its fields read once: the transaction id as text. */
export type Order = Pick<CampaignEventPayload, 'value' | 'currency' | 'transactionId'>;

/** When and on which page an event happened (its beacon record's `time` and `path`), when not now on this page. */
export interface Origin {
  time: number;
  path: string;
}

/**
 * The origins of the event payloads and orders that have one: a purchase's record and its
 * conversions' say when and where it was tracked, an earlier page's when it is replayed from that
 * page's journal (SPEC §10). Beside the payloads, not in them: listeners get what they always had.
 */
export const origins = new WeakMap<object, Origin>();

/** What forwarding needs from its instance. */
export interface ForwardDeps {
  on(event: (typeof EVENTS)[number], handler: (payload: AnalyticsPayload) => void): () => void;
  /** Subscribes to the purchases that go to the beacon (SPEC §10: of a visitor exposed within the window). */
  onPurchase(handler: (purchase: Order) => void): () => void;
  /** Creates the sink; it ships in the engagement chunk, so this loads it. */
  createSink(): Promise<AnalyticsSink>;
  report(error: unknown): void;
  /** The profile's pseudonymous id. */
  visitor(): string;
  /** Whether data may leave the browser now (storage consent). */
  mayBeacon(): boolean;
  /** The config's currency, for an order tracked without one. */
  currency?: string;
}

/**
 * Forwards campaign events to the config's analytics sinks, in order. Campaign events happen only
 * for a visitor who qualifies, so the sink is loaded at the first one. Each event's beacon record
 * (SPEC §10: id, visitor, time, path) is made when it happens; what the sink has not taken yet
 * when the page goes (its chunk still loading) is sent from here on `pagehide`, so a navigation
 * right after an event loses nothing. Nothing is forwarded when no sink is configured, or when
 * `respectGPC` is set and the browser sends Global Privacy Control. Returns the function that
 * stops forwarding (and sends what is batched).
 */
export function forwardAnalytics(settings: AnalyticsSettings | undefined, nav: Navigator, deps: ForwardDeps): () => void {
  if (!settings || (!settings.dataLayer && settings.beacon === undefined)) return () => {};
  if (settings.respectGPC && (nav as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl) return () => {};
  const { beacon } = settings;
  let sink: Promise<AnalyticsSink> | undefined;
  let stopped = false;
  /** Beacon records made but not yet handed to the sink. */
  let waiting: BeaconEvent[] = [];
  /** Between `pagehide` and `pageshow`: a record then goes at once, as the sink may never load. */
  let leaving = false;
  const load = () => {
    const loading = deps.createSink();
    // One report per failed load; events meanwhile are dropped, and the next one tries again.
    loading.catch((error: unknown) => {
      if (sink === loading) sink = undefined;
      deps.report(error);
    });
    return loading;
  };
  const forward = (event: AnalyticsEvent, payload: AnalyticsPayload | undefined, fields: Order | AnalyticsPayload = payload!) => {
    const record = beacon !== undefined && deps.mayBeacon() ? toRecord(event, fields, deps) : undefined;
    if (record) waiting.push(record);
    if (leaving) sendWaiting();
    sink ??= load();
    sink.then((ready) => {
      const index = record ? waiting.indexOf(record) : -1;
      if (index >= 0) waiting.splice(index, 1);
      if (!stopped) ready.send(event, payload, index >= 0 ? record : undefined);
    }, () => {}).catch(deps.report);
  };
  const onPage = (event: Event) => {
    leaving = event.type === 'pagehide';
    if (leaving) sendWaiting();
  };
  const sendWaiting = () => {
    const events = waiting;
    waiting = [];
    if (events.length && deps.mayBeacon()) {
      try {
        nav.sendBeacon(beacon!, writeJson({ events }));
      } catch {
        // As the sink: a refused beacon is dropped, quietly.
      }
    }
  };
  if (beacon !== undefined) PAGE_EVENTS.forEach((type) => addEventListener(type, onPage));
  const unsubscribe = [
    ...EVENTS.map((event) => deps.on(event, (payload) => forward(event, payload))),
    // Beacon only: the dataLayer has the shop's own purchase.
    ...(beacon === undefined ? [] : [deps.onPurchase((purchase) => forward('purchase', undefined, purchase))]),
  ];
  return () => {
    stopped = true;
    PAGE_EVENTS.forEach((type) => removeEventListener(type, onPage));
    unsubscribe.forEach((stop) => stop());
    void sink?.then((ready) => ready.close(), () => {});
  };
}

/** The beacon record of one event (SPEC §10); an order's value and currency are always there. */
function toRecord(event: AnalyticsEvent, fields: Partial<CampaignEventPayload> | AnswerPayload, deps: ForwardDeps): BeaconEvent {
  const { campaign, variant, locale, segments } = fields;
  const record = { event, id: createRandomHex(16), visitor: deps.visitor(), ...(origins.get(fields) ?? { time: Date.now(), path: location.pathname }) };
  if (event !== 'purchase') Object.assign(record, { campaign, variant, locale, segments: [...segments!] });
  if (event === 'answer') {
    const { trait, value } = fields as AnswerPayload;
    Object.assign(record, { trait, value });
  } else if (event === 'conversion' || event === 'purchase') {
    const { value = 0, currency, transactionId } = fields as Partial<CampaignEventPayload>;
    Object.assign(record, { value: value > 0 && value < Infinity ? value : 0, currency: currency?.toUpperCase() ?? deps.currency, ...(transactionId && { transactionId }) });
  }
  return record as BeaconEvent;
}

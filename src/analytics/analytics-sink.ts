import type { AnalyticsSettings, AnswerPayload, BeaconEvent, BeaconEventName, CampaignEventPayload } from '../types';
import { writeJson } from '../lib/write-json';

/** The events that leave the page when the config wires a sink (SPEC §10). */
export type AnalyticsEvent = BeaconEventName;

/** What a campaign event carries: an `answer` has its trait and value besides. */
export type AnalyticsPayload = CampaignEventPayload | AnswerPayload;

/** Where campaign events go besides `on()` listeners. */
export interface AnalyticsSink {
  /**
   * Pushes `payload` to the dataLayer (none for a purchase: the shop pushes its own) and batches
   * `record` for the beacon; without a record (made before consent, or already sent) nothing goes to it.
   */
  send(event: AnalyticsEvent, payload: AnalyticsPayload | undefined, record?: BeaconEvent): void;
  /** Sends what is batched and stops listening to the page. */
  close(): void;
}

/** A batch goes when it holds this many events, after this long, or when the page is hidden. */
export const BEACON_BATCH = { maxEvents: 20, maxWaitMs: 5000 };

/**
 * The sinks SPEC §10 names: `window.dataLayer` (for GTM), as `{ event: "segmint_<name>", segmint }`,
 * and a beacon URL, to which events go in batches by `navigator.sendBeacon`. A beacon the browser
 * refuses (an ad blocker, a full queue) is dropped, not retried: a blocked endpoint stays blocked,
 * and retrying would only pile up. `mayBeacon` says whether data may leave the browser now (storage
 * consent), checked when an event comes and again when its batch goes; the dataLayer stays in the
 * page, where the tag manager applies its own consent. A host whose dataLayer cannot be pushed to
 * is reported to `onError`; the beacon still gets the event.
 */
export function createAnalyticsSink(settings: AnalyticsSettings, win: Window, mayBeacon: () => boolean, onError?: (error: unknown) => void): AnalyticsSink {
  const beaconUrl = settings.beacon === undefined ? undefined : new URL(settings.beacon, win.document.baseURI).href;
  let batch: Record<string, unknown>[] = [];
  let saidNoQueue = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Between `pagehide` and `pageshow`: an event then goes at once, as no later flush may come. */
  let leaving = false;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const events = batch;
    batch = [];
    // Consent withdrawn since these were batched: they stay on the device.
    if (!events.length || !beaconUrl || !mayBeacon()) return;
    try {
      // text/plain keeps the request simple: no CORS preflight, which a beacon cannot answer.
      win.navigator.sendBeacon(beaconUrl, new Blob([writeJson({ events })], { type: 'text/plain;charset=UTF-8' }));
    } catch {
      // A browser without sendBeacon, or a URL it refuses: the events are dropped, quietly.
    }
  };
  const onHidden = () => {
    if (win.document.visibilityState === 'hidden') flush();
  };
  const onPageHide = () => {
    leaving = true;
    flush();
  };
  const onPageShow = () => {
    leaving = false;
  };
  if (beaconUrl) {
    win.addEventListener('pagehide', onPageHide);
    win.addEventListener('pageshow', onPageShow);
    win.document.addEventListener('visibilitychange', onHidden);
  }

  return {
    send(event, payload, record) {
      if (settings.dataLayer && payload) {
        const segmint = { ...payload, segments: [...payload.segments] };
        try {
          const host = win as Window & { dataLayer?: unknown };
          // Asked for by the site owner, so created when missing, as every tag snippet does; but
          // something else already there is the host's, and stays as it is.
          if (host.dataLayer === undefined) host.dataLayer = [];
          const layer = host.dataLayer as { push?: unknown } | null;
          if (typeof layer?.push === 'function') layer.push({ event: `segmint_${event}`, segmint });
          else if (!saidNoQueue) {
            saidNoQueue = true;
            throw new Error('window.dataLayer has no push(): segmint events are not pushed to it');
          }
        } catch (error) {
          onError?.(error);
        }
      }
      if (!beaconUrl || !record || !mayBeacon()) return;
      batch.push(record as unknown as Record<string, unknown>);
      if (batch.length >= BEACON_BATCH.maxEvents || leaving || win.document.visibilityState === 'hidden') flush();
      else timer ??= setTimeout(flush, BEACON_BATCH.maxWaitMs);
    },
    close() {
      flush();
      win.removeEventListener('pagehide', onPageHide);
      win.removeEventListener('pageshow', onPageShow);
      win.document.removeEventListener('visibilitychange', onHidden);
    },
  };
}

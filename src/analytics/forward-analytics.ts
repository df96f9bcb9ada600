import type { AnalyticsSettings } from '../types';
import type { AnalyticsEvent, AnalyticsPayload, AnalyticsSink } from './analytics-sink';

const EVENTS: AnalyticsEvent[] = ['exposure', 'impression', 'dismiss', 'click', 'conversion', 'answer'];

/** What forwarding needs from its instance. */
export interface ForwardDeps {
  on(event: AnalyticsEvent, handler: (payload: AnalyticsPayload) => void): () => void;
  /** Creates the sink; it ships in the engagement chunk, so this loads it. */
  createSink(): Promise<AnalyticsSink>;
  report(error: unknown): void;
}

/**
 * Forwards campaign events to the config's analytics sinks, in order. Campaign events happen only
 * for a visitor who qualifies, so the sink is loaded at the first one. Nothing is forwarded when
 * no sink is configured, or when `respectGPC` is set and the browser sends Global Privacy
 * Control. Returns the function that stops forwarding (and sends what is batched).
 */
export function forwardAnalytics(settings: AnalyticsSettings | undefined, nav: Navigator, deps: ForwardDeps): () => void {
  if (!settings || (!settings.dataLayer && settings.beacon === undefined)) return () => {};
  if (settings.respectGPC && (nav as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl) return () => {};
  let sink: Promise<AnalyticsSink> | undefined;
  let stopped = false;
  const load = () => {
    const loading = deps.createSink();
    // One report per failed load; events meanwhile are dropped, and the next one tries again.
    loading.catch((error: unknown) => {
      if (sink === loading) sink = undefined;
      deps.report(error);
    });
    return loading;
  };
  const unsubscribe = EVENTS.map((event) => deps.on(event, (payload) => {
    sink ??= load();
    sink.then((ready) => {
      if (!stopped) ready.send(event, payload);
    }, () => {}).catch(deps.report);
  }));
  return () => {
    stopped = true;
    unsubscribe.forEach((stop) => stop());
    void sink?.then((ready) => ready.close(), () => {});
  };
}

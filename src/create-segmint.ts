import type { Segmint, SegmintEvents, SegmintOptions, TraitValue, TrackProps } from './types';
import type { ChunkLoader } from './chunks/contract';
import type { ConfigSource } from './config/load-checked-config';
import type { InstanceState, Runtime } from './runtime/runtime';
import { start, startNextPage, readPageView } from './start';
import { createJournal } from './profile/journal';
import { readLocation } from './signals/page';
import { readDecisionInput, readSignals } from './runtime/read-input';
import { evaluateCampaign } from './campaigns/decide';
import { showCampaign } from './runtime/show-campaign';
import { loadPlacements } from './runtime/fill-slots';
import { recordTracked } from './runtime/conversions';
import { readDebugRequest } from './debug/debug-request';
import { loadBundledChunk } from './chunks/bundled-chunks';
import { createEmitter } from './lib/emitter';
import { createErrorBoundary } from './lib/safely';
import { copyJson } from './lib/copy-json';
import { fetchConfig } from './config/load-config';
import { readStampedObject } from './config/stamped-object';
import { watchNavigation } from './navigation/history';
import { watchDataLayer } from './bridge/data-layer';
import { forwardAnalytics, type Order } from './analytics/forward-analytics';
import { onePerPage } from './lib/one-per-page';

export type { ConfigSource };

/**
 * Creates a segmint instance for the npm entry. Nothing happens until `start()`; calls made before
 * it are queued and run, in order, once it is ready. No method ever throws.
 */
export function createSegmint(options: SegmintOptions): Segmint {
  const { config, configChecked: stamped } = options;
  const source: ConfigSource = typeof config === 'string'
    ? { load: () => fetchConfig(config, document.baseURI, loadBundledChunk), cacheKey: new URL(config, document.baseURI).href, stamped }
    : { load: async () => readStampedObject(config), stamped };
  return createInstance(options, source, loadBundledChunk);
}

/**
 * The public API over the call queue: every method runs in call order once started (a `track`
 * queued before the script loaded lands before the decision it should influence), against the
 * runtime `start()` built. Internal: the two entries call it with their config source and chunk loader.
 */
export function createInstance(options: Omit<SegmintOptions, 'config'>, source: ConfigSource, loadChunk: ChunkLoader): Segmint {
  const emitter = createEmitter<SegmintEvents>((error) => report(error, 'an event handler threw'));
  const { report, safely } = createErrorBoundary((payload) => emitter.emit('error', payload));
  const state: InstanceState = { destroyed: false };
  const trackListeners = new Set<(name: string) => void>();
  const purchaseListeners = new Set<(purchase: Order) => void>();
  /** Every profile event is written ahead when it happens, even while the queue waits for the start. */
  const journal = createJournal(options.consent);
  let rt: Runtime | null = null;
  let started: Promise<void> | undefined;
  let markReady!: () => void;
  let queue: Promise<unknown> = new Promise<void>((resolve) => (markReady = resolve));
  let stopWatching: (() => void)[] = [];

  const enqueue = (task: (rt: Runtime) => unknown): Promise<void> => {
    const run = queue.then(() => (rt && !state.destroyed ? task(rt) : undefined)).then(() => undefined, (error) => report(error));
    queue = run;
    return run;
  };
  /**
   * Resolves with the task's answer once the queue gets there (the queue waits for it) and the
   * popup's writes, made outside the queue, are done (what the visitor saw is in the profile it
   * reads), or with `fallback` when it never runs or fails (reported).
   */
  const ask = <T>(task: (rt: Runtime) => T | Promise<T>, fallback: T): Promise<T> => new Promise((resolve) => {
    void enqueue(async (r) => {
      await r.state.writing;
      resolve(await task(r));
    }).then(() => resolve(fallback));
  });

  /** After the start: what runs beside the decisions (GTM's dataLayer, analytics sinks, debug tools). */
  function connect(r: Runtime): void {
    const { analytics } = r.session.prepared.config;
    const mayBeacon = () => state.requestedConsent !== false && r.session.store.hasConsent();
    // Checked here, not only inside: a function called is compiled whole, about 1 KB of heap each
    // (README "Page impact"), and most configs forward nothing, most pages ask for no debug tools.
    if (analytics) stopWatching.push(forwardAnalytics(analytics, navigator, {
      on: emitter.on,
      onPurchase: (handler) => {
        purchaseListeners.add(handler);
        return () => void purchaseListeners.delete(handler);
      },
      visitor: () => r.session.store.read().id,
      mayBeacon,
      currency: r.session.prepared.currency,
      createSink: () => loadChunk('engage').then(({ engagement }) => engagement.createAnalyticsSink(analytics!, window, mayBeacon, (error) => report(error, 'pushing to the dataLayer failed'))),
      report,
    }));
    emitter.emit('ready', { campaigns: r.session.prepared.campaigns.map((c) => c.id) });
    // Any %-escape may spell `segmint`: those queries are read in full.
    if (r.options.debug || /segmint|%/.test(location.search)) {
      // The chunk only for a query that asks: a page's own %-escapes fetch nothing.
      const request = readDebugRequest(location.search, r.options.debug);
      if (request.inspect || request.preview) loadChunk('explain').then(({ openDebugTools }) => openDebugTools(r, request, instance, (unmount) => stopWatching.push(unmount))).catch(report);
    }
  }

  const instance: Segmint = {
    start: () => {
      if (started) return started;
      // SPA navigations during start are queued like any call, and counted once ready.
      stopWatching.push(watchNavigation(window, () => instance.page(), (error) => report(error, 'following navigation failed')));
      // After the stub queue's replay (the loader runs it right after start(), in the same task), so
      // the site's own calls come first, then what GTM collected; before the config is there, so
      // those events are journalled even when the visitor leaves at once.
      void Promise.resolve().then(() => {
        // Checked here too, so a page without GTM never compiles the bridge.
        if (!state.destroyed && Array.isArray((window as { dataLayer?: unknown }).dataLayer)) stopWatching.push(watchDataLayer(window, instance.track, (error) => report(error, 'reading the dataLayer failed')));
      });
      started = start({ options, source, now: () => Date.now(), emit: emitter.emit, on: emitter.on, report, safely, loadChunk, trackListeners, purchaseListeners, state, journal, enqueue: (task) => void enqueue(task) })
        .then((r) => {
          if (!r || state.destroyed) return;
          rt = r;
          connect(r);
        })
        .catch((error) => report(error, 'segmint could not start'))
        .finally(() => markReady());
      return started;
    },
    track: safely((name: string, props?: TrackProps) => {
      if (typeof name !== 'string' || name === '') throw new TypeError('track() needs an event name');
      const copied = props && typeof props === 'object' ? copyJson(props, 'track() properties') : {};
      if (name === 'view_item' && (typeof copied.id === 'string' || typeof copied.id === 'number')) state.pageProduct = String(copied.id);
      const entry = journal.add({ type: 'track', name, props: copied }, Date.now());
      void enqueue(async (r) => {
        await recordTracked(r, name, copied, entry);
        if (state.destroyed) return;
        for (const listener of [...trackListeners]) listener(name);
        state.page?.check();
      });
    }),
    page: safely((url?: string) => {
      const at = typeof url === 'string' ? url : undefined;
      const entry = journal.add(readPageView(readLocation(document, at)), Date.now());
      void enqueue((r) => startNextPage(r, at, entry));
    }),
    identify: safely((traits: Record<string, TraitValue>) => {
      if (!traits || typeof traits !== 'object') throw new TypeError('identify() needs an object of traits');
      const copied = copyJson(traits, 'identify() traits');
      const entry = journal.add({ type: 'identify', traits: copied }, Date.now());
      void enqueue(async (r) => {
        await r.session.store.record(entry);
        if (!state.destroyed) state.page?.check();
      });
    }),
    consent: safely((granted: boolean) => {
      // At once, not when the queue gets there: a withdrawal stops beacons even while a decision waits.
      state.requestedConsent = !!granted;
      if (granted) journal.allow(true);
      else journal.erase();
      void enqueue(async ({ session }) => {
        const stored = session.store.isPersistent();
        await session.store.setPersistent(!!granted);
        // A page that needs consent keeps its config once given, as one that needs none does at its start.
        if (!stored) session.keepConfig();
      });
    }),
    // Their code is a chunk (`explain`): previewing and debugging calls, not something a page view makes.
    show: safely((campaignId: string, showOptions: { variant?: string; locale?: string } = {}) => {
      void enqueue(async (r) => (await loadChunk('explain')).showPreview(r, campaignId, showOptions, { readSignals, showCampaign, loadPlacements }));
    }),
    explain: () => ask(async (r) => (await loadChunk('explain')).explainVisit(r, { readSignals, readDecisionInput, evaluateCampaign }), { signals: {}, segments: {}, campaigns: [] }),
    profile: () => ask((r) => copyJson(r.session.store.read()) as unknown as Record<string, unknown>, {}),
    on: (event, handler) => emitter.on(event, handler),
    forget: safely(() => {
      void enqueue((r) => r.session.store.forget());
    }),
    destroy: safely(() => {
      state.destroyed = true;
      stopWatching.forEach((stop) => stop());
      stopWatching = [];
      state.page?.stop();
      trackListeners.clear();
      purchaseListeners.clear();
      rt?.session.store.close();
      state.popups?.close();
      emitter.clear();
    }),
  };
  return onePerPage(instance, window as never);
}

import type { Explanation, Segmint, SegmintEvents, SegmintOptions, TraitValue, TrackProps } from './types';
import type { Signals } from './rules/signals';
import type { PreparedCampaign } from './campaigns/prepare';
import { startSession, type Session } from './start';
import { collectSignals } from './signals/collect';
import { decideCampaign, evaluateCampaign, type DecisionInput } from './campaigns/decide';
import { findAttributions } from './campaigns/attribution';
import type { OfferContext } from './campaigns/offers';
import { readPageProductId } from './signals/page-product';
import { assignVariant } from './campaigns/variants';
import { armTrigger, type TriggerArmers } from './triggers/arm';
import { CORE_TRIGGERS } from './triggers/core-triggers';
import type { TriggerContext } from './triggers/trigger';
import { collectDeviceSignals } from './signals/device';
import type { PopupDeps, PopupLifecycle, ShowOptions } from './popup-lifecycle';
import type { PreparedVariant } from './campaigns/prepare';
import { loadEngagement, loadInspector, loadRenderer } from './chunks/load-chunks';
import { createEmitter } from './lib/emitter';
import { createErrorBoundary } from './lib/safely';
import { copyJson } from './lib/copy-json';
import { fetchConfig } from './config/load-config';
import { watchNavigation } from './navigation/history';
import { watchDataLayer } from './bridge/data-layer';
import { readUtm } from './signals/utm';
import { readLocation } from './signals/page';
import { forwardAnalytics } from './analytics/forward-analytics';
import { someInSlices } from './lib/some-in-slices';
import { chooseContentLocale } from './campaigns/localize';
import { listPreferredLocales } from './signals/preferred-locales';
import { readDebugRequest } from './debug/debug-request';
import { onePerPage } from './lib/one-per-page';

/** How the instance gets its raw config; the script tag and the npm option differ only here. */
export interface ConfigSource {
  /** Loads the raw config; rejects with a clear message. */
  load: () => Promise<unknown>;
  /** For fetched configs: the URL, under which the last valid config is cached. */
  cacheKey?: string;
}

/**
 * Creates a segmint instance for the npm entry. Nothing happens until `start()`; calls made before
 * it are queued and run, in order, once it is ready. No method ever throws.
 */
export function createSegmint(options: SegmintOptions): Segmint {
  const { config } = options;
  const source: ConfigSource = typeof config === 'string'
    ? { load: () => fetchConfig(config, document.baseURI), cacheKey: new URL(config, document.baseURI).href }
    : { load: async () => config };
  return createInstance(options, source);
}

/** Builds the instance around a config source. Internal: the loader uses it for inline configs. */
export function createInstance(options: Omit<SegmintOptions, 'config'>, loadConfig: ConfigSource): Segmint {
  const emitter = createEmitter<SegmintEvents>((error) => report(error, 'an event handler threw'));
  const { report, safely } = createErrorBoundary((payload) => emitter.emit('error', payload));
  const now = () => Date.now();
  const trackListeners = new Set<(name: string) => void>();
  let session: Session | null = null;
  let started: Promise<void> | undefined;
  let markReady!: () => void;
  // Every operation runs in call order after start: a track queued before the script loaded
  // lands before the decision it should influence.
  let queue: Promise<unknown> = new Promise<void>((resolve) => (markReady = resolve));
  let stopTriggers: (() => void)[] = [];
  let fired: PreparedCampaign[] = [];
  let destroyed = false;
  let stopWatching: (() => void)[] = [];
  /** The last `consent()` call's answer, before its queued store change has run. */
  let requestedConsent: boolean | undefined;
  /** The product of this page's last `view_item`: what `of: "current"` offers start from. */
  let pageProduct: string | undefined;

  const enqueue = (task: (session: Session) => unknown): Promise<void> => {
    const run = queue.then(() => (session && !destroyed ? task(session) : undefined)).then(() => undefined, (error) => report(error));
    queue = run;
    return run;
  };

  const readSignals = (s: Session): Signals => collectSignals(window, s.hints, s.store.read(), now());

  const findSegments = (s: Session, signals: Signals) =>
    Object.keys(s.prepared.segments).filter((id) => s.prepared.segments[id].test(signals));

  const popupDeps: PopupDeps = {
    emit: emitter.emit,
    report,
    safely,
    readOfferContext: (s) => readOfferContext(s),
    findSegments,
    isDestroyed: () => destroyed,
    loadRenderer,
  };
  /** Created with the engagement chunk, when the first popup is about to show. */
  let popups: PopupLifecycle | undefined;

  async function showPopup(s: Session, campaign: PreparedCampaign, variant: PreparedVariant, signals: Signals, showOptions: ShowOptions): Promise<void> {
    // Both chunks at once: the lifecycle awaits the same renderer load.
    startRendererLoad();
    const { createPopupLifecycle } = await loadEngagement();
    if (destroyed) return;
    popups ??= createPopupLifecycle(popupDeps);
    await popups.show(s, campaign, variant, signals, showOptions);
  }

  /** Starts fetching the renderer ahead of need; whoever needs it awaits the same load and reports its failure. */
  const startRendererLoad = () => void loadRenderer().catch(() => {});

  /**
   * This page's triggers: what the campaigns wait on, whether the waiting kinds are armed yet, and
   * the timer that asks again meanwhile.
   */
  let page: { context: TriggerContext; engaged: boolean; failed?: boolean; checking?: boolean; recheck?: ReturnType<typeof setInterval> } | undefined;

  function armTriggers(s: Session): void {
    stopTriggers.forEach((stop) => stop());
    stopTriggers = [];
    const context: TriggerContext = {
      onTrack: (handler) => subscribe(trackListeners, handler),
      sessionStartedAt: () => s.store.read().sessionStart,
      device: () => collectDeviceSignals(window).device,
    };
    clearInterval(page?.recheck);
    page = { context, engaged: false };
    armAll(s, CORE_TRIGGERS);
    engageIfQualified(s);
    // Time alone can make a visitor qualify (`sessionSeconds`, schedule hours, a cooldown running
    // out, another tab's cart), without any call to check after: so ask again now and then.
    if (s.prepared.campaigns.some(isWaiting)) page.recheck = setInterval(safely(() => engageIfQualified(s)), QUALIFY_RECHECK_MS);
  }

  function armAll(s: Session, armers: TriggerArmers): void {
    for (const campaign of s.prepared.campaigns) {
      const stop = page && armTrigger(campaign.trigger, page.context, safely(() => fire(campaign)), armers);
      if (stop) stopTriggers.push(stop);
    }
  }

  /**
   * Once the visitor qualifies for a campaign that waits (on scroll, exit intent, a delay…), load
   * what waiting and showing take: the engagement chunk at once, so its triggers are armed, and
   * the renderer while the browser is idle, so the popup appears without delay. A visitor who
   * qualifies for nothing downloads neither. Checked on every page view and after every call
   * that can change who the visitor is.
   */
  function engageIfQualified(s: Session): void {
    const current = page;
    if (!current || current.engaged || current.failed || current.checking) return;
    current.checking = true;
    const input = readDecisionInput(s, readSignals(s));
    const waiting = s.prepared.campaigns.filter(isWaiting);
    // In slices: with thousands of campaigns, one pass would be a long task on every check.
    someInSlices(waiting, (campaign) => evaluateCampaign(campaign, input).eligible)
      .then((qualifies) => {
        current.checking = false;
        if (qualifies && page === current && !destroyed && !current.engaged) engage(s, current, waiting);
      })
      .catch((error) => {
        current.checking = false;
        report(error);
      });
  }

  function engage(s: Session, current: NonNullable<typeof page>, waiting: PreparedCampaign[]): void {
    current.engaged = true;
    clearInterval(current.recheck);
    loadEngagement().then(({ waitingTriggers }) => {
      if (page === current && !destroyed) armAll(s, waitingTriggers);
    }, (error) => {
      // Tried again on the next page, not at every tracked event or on a timer, which would
      // only pile up requests and reports for a chunk that is blocked.
      current.failed = true;
      // Without it, waiting triggers cannot be armed; otherwise this was only a prefetch, and
      // the popup's own load retries and reports.
      if (waiting.some((campaign) => !CORE_TRIGGERS[campaign.trigger.on])) report(error);
    }).catch(report);
    const prefetch = () => {
      if (!destroyed) startRendererLoad();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(prefetch, { timeout: 5000 });
    else setTimeout(prefetch, 2000);
  }

  /**
   * Campaigns whose triggers fire in the same moment (timers due together, one tracked event)
   * are decided together in the next task, so that priority can choose between them.
   */
  function fire(campaign: PreparedCampaign): void {
    if (fired.push(campaign) > 1) return;
    setTimeout(() => {
      const candidates = fired;
      fired = [];
      void enqueue((s) => decide(s, candidates));
    }, 0);
  }

  async function decide(s: Session, candidates: PreparedCampaign[]): Promise<void> {
    const trigger = candidates[0].trigger.on;
    if (popups?.isOpen()) {
      // One popup at a time: a campaign that fires meanwhile is dropped, not queued for later.
      emitter.emit('decision', { trigger, campaign: null });
      return;
    }
    const signals = readSignals(s);
    const profile = s.store.read();
    const winner = decideCampaign(candidates, readDecisionInput(s, signals));
    if (!winner) {
      emitter.emit('decision', { trigger, campaign: null });
      return;
    }
    const variant = assignVariant(profile.id, winner);
    const variantId = variant === 'holdout' ? 'holdout' : variant.id;
    emitter.emit('decision', { trigger, campaign: winner.id, variant: variantId });
    if (options.debug) console.info('[segmint] decision', winner.id, variantId);
    if (variant === 'holdout') {
      // The locale the visitor would have seen the campaign in, so results compare like with like.
      const locale = chooseContentLocale(winner.variants[0].content, listPreferredLocales(signals), s.prepared.defaultLocale);
      emitter.emit('exposure', { campaign: winner.id, variant: variantId, locale, segments: findSegments(s, signals) });
      return;
    }
    await showPopup(s, winner, variant, signals, { counts: true });
  }

  /** The product this page is about: the last `view_item` tracked on it, else its schema.org data. */
  const readOfferContext = (s: Session): OfferContext => {
    const { cartItems, viewedProducts } = s.store.read();
    return { currentProduct: pageProduct ?? readPageProductId(document), cartItems, viewedProducts };
  };

  const readDecisionInput = (s: Session, signals: Signals): DecisionInput => ({
    signals,
    profile: s.store.read(),
    now: now(),
    limits: s.prepared.limits,
    offers: { catalog: s.prepared.catalog, context: readOfferContext(s) },
  });

  /** A purchase after a click within the campaign's attribution window is that campaign's conversion. */
  async function attributeConversions(s: Session, purchase: TrackProps): Promise<void> {
    const value = typeof purchase.value === 'number' ? purchase.value : undefined;
    const currency = typeof purchase.currency === 'string' ? purchase.currency : undefined;
    const segments = findSegments(s, readSignals(s));
    for (const { campaign, variant, locale } of findAttributions(s.store.read(), s.prepared.campaigns, now())) {
      await s.store.record({ type: 'campaign', action: 'conversion', campaign, variant });
      emitter.emit('conversion', { campaign, variant, ...(locale && { locale }), segments, value, currency });
    }
  }

  function explain(s: Session): Explanation {
    const signals = readSignals(s);
    const input = readDecisionInput(s, signals);
    const segments: Explanation['segments'] = {};
    for (const [id, segment] of Object.entries(s.prepared.segments)) {
      const failure = segment.explain(signals);
      segments[id] = failure ? { match: false, ...failure } : { match: true };
    }
    const campaigns = [
      ...s.prepared.campaigns.map((campaign) => evaluateCampaign(campaign, input)),
      ...s.rejected.map(({ id, pointer }) => ({ id, eligible: false, reason: 'invalid', pointer })),
    ];
    return copyJson({ signals, segments, campaigns });
  }

  /** `?segmint=preview:<id>` shows one campaign; `?segmint=debug` or `data-debug` opens the inspector (SPEC §9). */
  function openDebugTools(s: Session): void {
    const request = readDebugRequest(window.location.search, options.debug);
    if (request.preview) instance.show(request.preview);
    if (!request.inspect) return;
    loadInspector().then((mountInspector) => {
      if (destroyed) return;
      const { explain, show, on } = instance;
      stopWatching.push(mountInspector({ explain, show, on, campaigns: s.prepared.campaigns, defaultLocale: s.prepared.defaultLocale }));
    }).catch(report);
  }

  const instance: Segmint = {
    start: () => {
      if (started) return started;
      // SPA navigations during start are queued like any call, and counted once ready.
      stopWatching.push(watchNavigation(window, () => instance.page(), (error) => report(error, 'following navigation failed')));
      started = startSession({ options, source: loadConfig, now, report })
        .then((s) => {
          if (!s || destroyed) return;
          session = s;
          armTriggers(s);
          // After the stub queue's replay (the loader runs it right after start()), so the site's
          // own calls come first, then what GTM collected before and after we loaded.
          stopWatching.push(watchDataLayer(window, instance.track, (error) => report(error, 'reading the dataLayer failed')));
          const analytics = s.prepared.config.analytics;
          stopWatching.push(forwardAnalytics(analytics, navigator, {
            on: emitter.on,
            createSink: () => loadEngagement().then(({ createAnalyticsSink }) => createAnalyticsSink(analytics!, window, () => requestedConsent !== false && s.store.hasConsent(), (error) => report(error, 'pushing to the dataLayer failed'))),
            report,
          }));
          emitter.emit('ready', { campaigns: s.prepared.campaigns.map((c) => c.id) });
          openDebugTools(s);
        })
        .catch((error) => report(error, 'segmint could not start'))
        .finally(() => markReady());
      return started;
    },
    track: safely((name: string, props?: TrackProps) => {
      if (typeof name !== 'string' || name === '') throw new TypeError('track() needs an event name');
      const copied = props && typeof props === 'object' ? copyJson(props) : {};
      if (name === 'view_item' && (typeof copied.id === 'string' || typeof copied.id === 'number')) pageProduct = String(copied.id);
      void enqueue(async (s) => {
        const purchasesBefore = s.store.read().purchases;
        const profile = await s.store.record({ type: 'track', name, props: copied });
        if (name === 'purchase' && profile.purchases > purchasesBefore) await attributeConversions(s, copied);
        if (destroyed) return;
        for (const listener of [...trackListeners]) listener(name);
        engageIfQualified(s);
      });
    }),
    page: safely((url?: string) => {
      void enqueue(async (s) => {
        s.hints.url = typeof url === 'string' ? url : undefined;
        pageProduct = undefined;
        await s.store.record({ type: 'page', utm: readUtm(readLocation(document, s.hints.url)) });
        armTriggers(s);
      });
    }),
    identify: safely((traits: Record<string, TraitValue>) => {
      if (!traits || typeof traits !== 'object') throw new TypeError('identify() needs an object of traits');
      const copied = copyJson(traits);
      void enqueue(async (s) => {
        await s.store.record({ type: 'identify', traits: copied });
        if (!destroyed) engageIfQualified(s);
      });
    }),
    consent: safely((granted: boolean) => {
      // At once, not when the queue gets there: a withdrawal stops beacons even while a decision waits.
      requestedConsent = !!granted;
      void enqueue((s) => s.store.setPersistent(!!granted));
    }),
    show: safely((campaignId: string, showOptions: { variant?: string; locale?: string } = {}) => {
      void enqueue((s) => {
        const campaign = s.prepared.campaigns.find((c) => c.id === campaignId);
        if (!campaign) throw new Error(`show(): no valid campaign "${campaignId}" in the config`);
        const variant = campaign.variants.find((v) => v.id === showOptions.variant) ?? campaign.variants[0];
        return showPopup(s, campaign, variant, readSignals(s), { counts: false, locale: showOptions.locale });
      });
    }),
    explain: () => new Promise((resolve) => {
      void enqueue((s) => resolve(explain(s))).then(() => resolve({ signals: {}, segments: {}, campaigns: [] }));
    }),
    profile: () => new Promise((resolve) => {
      void enqueue((s) => resolve(copyJson(s.store.read()) as unknown as Record<string, unknown>)).then(() => resolve({}));
    }),
    on: (event, handler) => emitter.on(event, handler),
    forget: safely(() => {
      void enqueue((s) => s.store.forget());
    }),
    destroy: safely(() => {
      destroyed = true;
      stopWatching.forEach((stop) => stop());
      stopWatching = [];
      stopTriggers.forEach((stop) => stop());
      stopTriggers = [];
      clearInterval(page?.recheck);
      trackListeners.clear();
      session?.store.close();
      popups?.close();
      emitter.clear();
    }),
  };
  return onePerPage(instance, window as never);
}

/** How often a page with waiting campaigns asks again whether the visitor qualifies for one. */
const QUALIFY_RECHECK_MS = 5000;

/** A campaign that waits for something after the page view: a trigger other than an immediate page view. */
function isWaiting(campaign: PreparedCampaign): boolean {
  return campaign.trigger.on !== 'pageview' || (campaign.trigger.delaySeconds ?? 0) > 0;
}

function subscribe<T>(set: Set<T>, item: T): () => void {
  set.add(item);
  return () => void set.delete(item);
}

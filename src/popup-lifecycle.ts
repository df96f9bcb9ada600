import type { CampaignEventPayload, SegmintEvents } from './types';
import type { Signals } from './rules/signals';
import type { PreparedCampaign, PreparedVariant } from './campaigns/prepare';
import type { OfferContext } from './campaigns/offers';
import type { PopupHandle, RenderPopup } from './render/view';
import type { ProfileEvent } from './profile/record';
import type { Session } from './runtime/session';
import { presentCampaign } from './campaigns/present';
import { listPreferredLocales } from './signals/preferred-locales';

/** What the popup lifecycle needs from its instance. */
export interface PopupDeps {
  emit<K extends keyof SegmintEvents>(event: K, payload: SegmintEvents[K]): void;
  report(error: unknown, context?: string): void;
  safely<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined;
  readOfferContext(s: Session): OfferContext;
  findSegments(s: Session, signals: Signals): string[];
  isDestroyed(): boolean;
  /** Fetches the renderer; the core's loader, which knows where the chunks are. */
  loadRenderer(): Promise<RenderPopup>;
}

/** How to show a campaign: counted (a real decision) or a preview (`show()`), in an optional forced locale. */
export interface ShowOptions {
  counts: boolean;
  locale?: string;
}

/** The one popup on screen, if any. */
export interface PopupLifecycle {
  show(s: Session, campaign: PreparedCampaign, variant: PreparedVariant, signals: Signals, options: ShowOptions): Promise<void>;
  close(): void;
  /** True while a popup is on screen. */
  isOpen(): boolean;
}

/**
 * One popup at a time, from presentation to its end: localize and fill the copy, load the renderer,
 * mount, then record and report exposure, impression, dismiss and click, and carry out the
 * call to action. A preview counts toward nothing.
 */
export function createPopupLifecycle(deps: PopupDeps): PopupLifecycle {
  let open: { handle: PopupHandle } | null = null;
  /** Counts shows and closes: a mount that finishes after a later one began is dropped. */
  let turns = 0;

  /**
   * Writes at once instead of waiting in the instance's queue: a visitor often navigates right
   * after dismissing or clicking, and the IndexedDB transaction must exist before the page goes.
   * Safe beside queued writes: each is its own read-modify-write transaction.
   */
  const recordNow = (s: Session, event: ProfileEvent) => void s.store.record(event).catch((error) => deps.report(error));

  async function show(s: Session, campaign: PreparedCampaign, variant: PreparedVariant, signals: Signals, { counts, locale }: ShowOptions): Promise<void> {
    const preferredLocales = locale ? [locale, ...listPreferredLocales(signals)] : listPreferredLocales(signals);
    const audience = { preferredLocales, locale: String(signals.locale), currency: String(signals.currency), device: signals.device, traits: s.store.read().traits };
    const presented = presentCampaign(campaign, variant, audience, { ...s.prepared, theme: s.prepared.config.theme }, deps.readOfferContext(s));
    if (!presented) throw new Error(`campaign "${campaign.id}" has nothing to offer on this page`);
    const { view, missing } = presented;
    if (missing.length) deps.report(new Error(`campaign "${campaign.id}" (${view.locale}) has no value for ${missing.join(', ')}`));
    const payload: CampaignEventPayload = { campaign: campaign.id, variant: variant.id, locale: view.locale, segments: deps.findSegments(s, signals) };
    const counted = (action: 'impression' | 'dismiss' | 'click'): ProfileEvent => ({ type: 'campaign', action, campaign: campaign.id, variant: variant.id, ...(action === 'click' && { locale: view.locale }) });
    if (counts) deps.emit('exposure', payload);

    const render = await deps.loadRenderer();
    if (deps.isDestroyed()) return;
    close();
    // Mounting takes a frame: a close() or another show() meanwhile makes this one stale.
    const turn = ++turns;
    let mine: { handle: PopupHandle } | null = null;
    const isCurrent = () => mine !== null && mine === open;
    const closeMine = () => {
      if (isCurrent()) close();
    };
    const handle = await render(view, {
      onDismiss: deps.safely(() => {
        if (!isCurrent()) return;
        closeMine();
        if (!counts) return;
        recordNow(s, counted('dismiss'));
        deps.emit('dismiss', payload);
      }),
      onCta: deps.safely(() => {
        if (!isCurrent()) return;
        if (counts) {
          recordNow(s, counted('click'));
          deps.emit('click', payload);
        }
        const { action } = view.cta;
        if (action === 'add-to-cart') {
          // The shop adds the products: segmint knows no cart API, it only asks.
          window.dispatchEvent(new CustomEvent('segmint:add-to-cart', { detail: { products: view.products.map((p) => p.id), campaign: campaign.id, variant: variant.id } }));
        }
        // A copied coupon stays on screen with its confirmation; every other action is done.
        if (action !== 'copy-coupon') closeMine();
      }),
      onError: (error) => {
        if (isCurrent()) open = null;
        deps.report(error, `the popup for campaign "${campaign.id}" failed to render`);
      },
    });
    if (handle && (turn !== turns || deps.isDestroyed())) handle.close();
    if (!handle || !handle.isOpen()) return;
    mine = { handle };
    open = mine;
    if (!counts) return;
    await s.store.record(counted('impression'));
    deps.emit('impression', payload);
  }

  function close(): void {
    turns++;
    open?.handle.close();
    open = null;
  }

  return {
    show,
    close,
    isOpen: () => !!open?.handle.isOpen(),
  };
}

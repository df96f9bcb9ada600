import type { CampaignEventPayload, SegmintEvents, TraitValue } from './types';
import type { Signals } from './rules/signals';
import type { PreparedCampaign, PreparedVariant } from './campaigns/prepare';
import type { OfferContext } from './campaigns/offers';
import type { PopupHandle, RenderPopup, RenderTeaser } from './render/view';
import type { ProfileEvent } from './profile/record';
import type { Session } from './runtime/session';
import { presentCampaign } from './campaigns/present';
import { listPreferredLocales } from './signals/preferred-locales';
import { usesFormats } from './campaigns/formats';
import { readOwn } from './lib/read-own';

/** What the popup lifecycle needs from its instance. */
export interface PopupDeps {
  emit<K extends keyof SegmintEvents>(event: K, payload: SegmintEvents[K]): void;
  report(error: unknown, context?: string): void;
  safely<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined;
  readOfferContext(s: Session): OfferContext;
  findSegments(s: Session, signals: Signals): string[];
  /** The signals now: an answer's event names the segments the answer put the visitor in. */
  readSignals(): Signals;
  /** Stores traits exactly as `identify()` does, then lets waiting campaigns see them. */
  identify(traits: Record<string, TraitValue>): Promise<void>;
  isDestroyed(): boolean;
  /** Fetches the renderer (the formats one for a teaser, countdown or question); the core's loader, which knows where the chunks are. */
  loadRenderer(formats: boolean): Promise<Renderer>;
  /**
   * Writes at once instead of waiting in the instance's queue: a visitor often navigates right
   * after dismissing or clicking, and the IndexedDB transaction must exist before the page goes.
   * Safe beside queued writes: each is its own read-modify-write transaction.
   */
  recordNow(event: ProfileEvent): void;
}

/** A renderer chunk's exports: the popup, and with the formats, the teaser tab. */
export interface Renderer {
  mountPopup: RenderPopup;
  mountTeaser?: RenderTeaser;
}

/**
 * How to show a campaign: counted (a real decision) or a preview (`show()`), in an optional
 * forced locale; `restored` for a teaser tab that follows the visitor from an earlier page (no
 * new exposure: it was decided there).
 */
export interface ShowOptions {
  counts: boolean;
  locale?: string;
  restored?: boolean;
}

/** The one popup on screen, if any, and the one teaser tab. */
export interface PopupLifecycle {
  show(s: Session, campaign: PreparedCampaign, variant: PreparedVariant, signals: Signals, options: ShowOptions): Promise<void>;
  /** Removes the popup and the tab. */
  close(): void;
  /** True while a popup is on screen (a teaser tab is not one). */
  isOpen(): boolean;
}

/**
 * One popup at a time, from presentation to its end: localize and fill the copy, load the renderer,
 * mount, then record and report exposure, impression, dismiss, click and answer, and carry out the
 * call to action. A campaign with a teaser minimises to its tab when dismissed (or starts as the
 * tab, with `first`), and only the tab's own close is a dismissal; a tab stays while another
 * campaign's popup shows. A preview counts toward nothing.
 */
export function createPopupLifecycle(deps: PopupDeps): PopupLifecycle {
  let popup: PopupHandle | null = null;
  let tab: PopupHandle | null = null;
  /** The show whose popup (or tab) is on screen or being mounted: a mount that finishes for another one is dropped. */
  let popupOwner: object | null = null;
  let tabOwner: object | null = null;
  let tabCampaign: string | undefined;

  const closePopup = () => {
    popupOwner = null;
    popup?.close();
    popup = null;
  };
  const closeTab = () => {
    tabOwner = null;
    tab?.close();
    tab = null;
  };

  const { recordNow } = deps;

  async function show(s: Session, campaign: PreparedCampaign, variant: PreparedVariant, signals: Signals, { counts, locale, restored }: ShowOptions): Promise<void> {
    const preferredLocales = locale ? [locale, ...listPreferredLocales(signals)] : listPreferredLocales(signals);
    const profile = s.store.read();
    const audience = { preferredLocales, locale: String(signals.locale), currency: String(signals.currency), device: signals.device, traits: profile.traits, history: readOwn(profile.campaigns, campaign.id) };
    const presented = presentCampaign(campaign, variant, audience, { ...s.prepared, theme: s.prepared.config.theme }, deps.readOfferContext(s));
    if (!presented) throw new Error(`campaign "${campaign.id}" has nothing to offer on this page`);
    const { view, missing } = presented;
    if (missing.length) deps.report(new Error(`campaign "${campaign.id}" (${view.locale}) has no value for ${missing.join(', ')}`));
    const payload: CampaignEventPayload = { campaign: campaign.id, variant: variant.id, locale: view.locale, segments: deps.findSegments(s, signals) };
    const counted = (action: 'impression' | 'dismiss' | 'click' | 'conversion' | 'minimise'): ProfileEvent => ({ type: 'campaign', action, campaign: campaign.id, variant: variant.id, ...(action === 'click' && { locale: view.locale }) });
    const record = (action: 'dismiss' | 'click' | 'conversion' | 'minimise') => counts && recordNow(counted(action));
    if (counts && !restored) {
      deps.emit('exposure', payload);
      recordNow({ type: 'campaign', action: 'exposure', campaign: campaign.id, variant: variant.id });
    }

    const renderer = await deps.loadRenderer(usesFormats(campaign));
    if (deps.isDestroyed()) return;
    const me = {};
    closePopup();
    if (tabCampaign === campaign.id) closeTab();
    /** Seen on this page: opening again from the tab is no second impression. */
    let seen = false;
    let answered = false;
    const finish = () => {
      if (popupOwner === me) closePopup();
      if (tabOwner === me) closeTab();
    };
    const failed = (error: unknown) => {
      finish();
      deps.report(error, `the popup for campaign "${campaign.id}" failed to render`);
    };

    async function openPopup(fromTab: boolean): Promise<void> {
      popupOwner = me;
      const handle = await renderer.mountPopup(view, {
        onDismiss: deps.safely(() => {
          if (popupOwner !== me) return;
          if (view.teaser && !answered) {
            // Minimised, not dismissed: the caps of a dismissal wait for the tab's own close.
            closePopup();
            record('minimise');
            return void openTab(fromTab).catch(failed);
          }
          finish();
          // Closing after answering is the end of a conversion, not a dismissal.
          if (!counts || answered) return;
          record('dismiss');
          deps.emit('dismiss', payload);
        }),
        onCta: deps.safely(() => {
          if (popupOwner !== me) return;
          if (counts) {
            record('click');
            deps.emit('click', payload);
          }
          const { action } = view.cta;
          if (action === 'add-to-cart') {
            // The shop adds the products: segmint knows no cart API, it only asks.
            window.dispatchEvent(new CustomEvent('segmint:add-to-cart', { detail: { products: view.products.map((p) => p.id), campaign: campaign.id, variant: variant.id } }));
          }
          // A copied coupon stays on screen with its confirmation; every other action is done.
          if (action !== 'copy-coupon') finish();
        }),
        onAnswer: deps.safely((value: TraitValue) => {
          if (popupOwner !== me || answered || !campaign.question) return;
          answered = true;
          const { trait } = campaign.question;
          if (counts) {
            // An answer is the question's conversion: afterConversionHours keeps it away after.
            record('conversion');
            void deps.identify({ [trait]: value }).then(() => {
              deps.emit('answer', { ...payload, segments: deps.findSegments(s, deps.readSignals()), trait, value });
            }).catch(deps.report);
          }
          if (!view.fields.thanks) finish();
        }),
        onExpire: deps.safely(finish),
        onError: failed,
      });
      if (handle && (popupOwner !== me || deps.isDestroyed())) handle.close();
      if (!handle || !handle.isOpen() || popupOwner !== me) return;
      popup = handle;
      if (!counts || seen) return;
      seen = true;
      // Reported with the popup on screen, not after the write: a quick click must come after it.
      recordNow(counted('impression'));
      deps.emit('impression', payload);
    }

    async function openTab(focus: boolean): Promise<void> {
      if (!renderer.mountTeaser) return;
      closeTab();
      tabOwner = me;
      tabCampaign = campaign.id;
      const handle = await renderer.mountTeaser(view, {
        onOpen: deps.safely(() => {
          if (tabOwner !== me) return;
          closeTab();
          void openPopup(true).catch(failed);
        }),
        onClose: deps.safely(() => {
          if (tabOwner !== me) return;
          finish();
          if (!counts) return;
          record('dismiss');
          deps.emit('dismiss', payload);
        }),
        onExpire: deps.safely(finish),
        onError: failed,
      }, focus);
      if (handle && (tabOwner !== me || deps.isDestroyed())) handle.close();
      if (handle && tabOwner === me) tab = handle;
    }

    if (view.teaser && (restored || view.teaser.first)) {
      // The tab follows the visitor across pages from the moment it shows.
      if (!restored) record('minimise');
      await openTab(false);
    } else {
      await openPopup(false);
    }
  }

  return {
    show,
    close: () => {
      closePopup();
      closeTab();
    },
    isOpen: () => !!popup?.isOpen(),
  };
}

import type { CampaignEventPayload } from './types';
import type { Signals } from './rules/signals';
import type { PreparedCampaign, PreparedVariant } from './campaigns/prepare';
import type { ProfileEvent } from './profile/record';
import type { DecisionInput } from './campaigns/decide';
import type { Session } from './runtime/session';
import type { PopupDeps, ShowOptions } from './popup-lifecycle';
import { presentCampaign } from './campaigns/present';
import { chooseCampaign } from './campaigns/decide';
import { chooseContentLocale } from './campaigns/localize';
import { SLOT_ATTRIBUTE } from './slots/watch-slots';
import { listPreferredLocales } from './signals/preferred-locales';
import { mountInline, type InlineHandle } from './render/mount-inline';

/** What inline placements need from their instance: the popup's needs, less its renderer (this chunk has its own), and the visitor now. */
export interface InlineDeps extends Omit<PopupDeps, 'loadRenderer' | 'identify' | 'readSignals'> {
  session: Session;
  /** The signals and everything else a decision reads, for this moment. */
  readInput(): { signals: Signals; input: DecisionInput };
}

/** One page's slots: the slot names already decided on it, and whether it is still the page. */
export interface SlotPage {
  taken: Set<string>;
  isCurrent(): boolean;
}

/** A fill: counted or a preview, in an optional forced locale, dropped when the page it was decided for is gone. */
export interface FillOptions extends ShowOptions {
  isCurrent(): boolean;
}

/** The campaigns shown in this page's slots. */
export interface InlinePlacements {
  /**
   * Decides each new slot element of a page and fills it: the highest-priority inline campaign
   * for that slot the visitor qualifies for (config order breaks ties), or nothing, leaving the
   * host's fallback. The first element of a slot name is the slot; later ones of the same name
   * keep their fallback. A holdout is an exposure and the fallback.
   */
  fillSlots(elements: Element[], page: SlotPage): void;
  /** Fills one slot element, replacing what an earlier fill put there. */
  fill(element: Element, campaign: PreparedCampaign, variant: PreparedVariant, signals: Signals, options: FillOptions): Promise<void>;
  /** Gives every filled slot its fallback back (navigation, `destroy()`); fills under way are dropped. */
  clear(): void;
}

/**
 * Inline campaigns from presentation to their end, as the popup lifecycle does for popups:
 * localize and fill the copy, mount in the slot, then report exposure at once and the
 * impression when half of the placement has been in view; carry out dismiss and the call to
 * action. Unlike a popup, any number can be on screen, one per slot. A preview counts nothing.
 * The inline chunk: loaded only when a page has a slot an inline campaign fills.
 */
export function createInlinePlacements(deps: InlineDeps): InlinePlacements {
  const filled = new Map<Element, InlineHandle>();
  /** Counts clears: a mount that finishes after one began is dropped. */
  let generation = 0;
  /** The popup's writes made at once outside the queue: a purchase tracked next waits for them (runtime/conversions.ts). */
  const { recordNow } = deps;
  /** An exposure, holdout included, starts the attribution window of the purchases that go to the beacon (SPEC §10). */
  const recordExposure = (campaign: PreparedCampaign, variant: string) => recordNow({ type: 'campaign', action: 'exposure', campaign: campaign.id, variant });

  const s = deps.session;

  function fillSlots(elements: Element[], page: SlotPage): void {
    const { signals, input } = deps.readInput();
    const inline = s.prepared.campaigns.filter((campaign) => campaign.slot !== undefined);
    for (const element of elements) {
      const name = element.getAttribute(SLOT_ATTRIBUTE) ?? '';
      const candidates = inline.filter((campaign) => campaign.slot === name);
      if (!candidates.length || page.taken.has(name)) continue;
      page.taken.add(name);
      const decision = chooseCampaign(candidates, input);
      const variant = decision && (decision.variant === 'holdout' ? 'holdout' : decision.variant.id);
      deps.emit('decision', { trigger: 'pageview', campaign: decision?.campaign.id ?? null, ...(variant && { variant }) });
      if (!decision) continue;
      if (decision.variant === 'holdout') {
        // The locale the visitor would have seen it in, so results compare like with like.
        const locale = chooseContentLocale(decision.campaign.variants[0].content, listPreferredLocales(signals), s.prepared.defaultLocale);
        deps.emit('exposure', { campaign: decision.campaign.id, variant: 'holdout', locale, segments: deps.findSegments(s, signals) });
        recordExposure(decision.campaign, 'holdout');
        continue;
      }
      fill(element, decision.campaign, decision.variant, signals, { counts: true, isCurrent: page.isCurrent }).catch((error) => deps.report(error));
    }
  }

  async function fill(element: Element, campaign: PreparedCampaign, variant: PreparedVariant, signals: Signals, options: FillOptions): Promise<void> {
    const { counts, locale } = options;
    const preferredLocales = locale ? [locale, ...listPreferredLocales(signals)] : listPreferredLocales(signals);
    const audience = { preferredLocales, locale: String(signals.locale), currency: String(signals.currency), device: signals.device, traits: s.store.read().traits };
    const presented = presentCampaign(campaign, variant, audience, { ...s.prepared, theme: s.prepared.config.theme }, deps.readOfferContext(s));
    if (!presented) throw new Error(`campaign "${campaign.id}" has nothing to offer on this page`);
    const { view, missing } = presented;
    if (missing.length) deps.report(new Error(`campaign "${campaign.id}" (${view.locale}) has no value for ${missing.join(', ')}`));
    const payload: CampaignEventPayload = { campaign: campaign.id, variant: variant.id, locale: view.locale, segments: deps.findSegments(s, signals) };
    const counted = (action: 'impression' | 'dismiss' | 'click'): ProfileEvent => ({ type: 'campaign', action, campaign: campaign.id, variant: variant.id, inline: true, ...(action === 'click' && { locale: view.locale }) });
    if (counts) {
      deps.emit('exposure', payload);
      recordExposure(campaign, variant.id);
    }

    const turn = generation;
    const isCurrent = () => turn === generation && options.isCurrent() && !deps.isDestroyed();
    let handle: InlineHandle | null = null;
    const restoreMine = () => {
      if (handle && filled.get(element) === handle) {
        filled.delete(element);
        handle.restore();
      }
    };
    handle = await mountInline(element, view, {
      onDismiss: deps.safely(() => {
        if (!handle || filled.get(element) !== handle) return;
        restoreMine();
        if (!counts) return;
        recordNow(counted('dismiss'));
        deps.emit('dismiss', payload);
      }),
      onCta: deps.safely(() => {
        if (!handle || filled.get(element) !== handle) return;
        if (counts) {
          recordNow(counted('click'));
          deps.emit('click', payload);
        }
        if (view.cta.action === 'add-to-cart') {
          window.dispatchEvent(new CustomEvent('segmint:add-to-cart', { detail: { products: view.products.map((p) => p.id), campaign: campaign.id, variant: variant.id } }));
        }
        // In the page flow, the placement stays after acting; only "dismiss" takes it away.
        if (view.cta.action === 'dismiss') restoreMine();
      }),
      onSeen: deps.safely(() => {
        if (!counts || !handle || filled.get(element) !== handle) return;
        recordNow(counted('impression'));
        deps.emit('impression', payload);
      }),
      onError: (error) => {
        restoreMine();
        deps.report(error, `the inline placement of campaign "${campaign.id}" failed to render`);
      },
    }, isCurrent);
    if (!handle) return;
    // The new placement already replaced the old one's DOM: the old one only stops watching.
    filled.get(element)?.release();
    filled.set(element, handle);
    handle.watch();
  }

  return {
    fillSlots: (elements, page) => deps.safely(fillSlots)(elements, page),
    fill,
    clear: () => {
      generation++;
      filled.forEach((handle) => handle.restore());
      filled.clear();
    },
  };
}

import type { CatalogProduct, Theme } from '../types';
import type { PreparedCampaign, PreparedVariant } from './prepare';
import type { CampaignHistory } from '../profile/profile';
import { COUNTDOWN_MARK, type PopupView, type ProductCard } from '../render/view';
import { findCountdownEnd } from './countdown';
import { localizeContent, localizeText } from './localize';
import { selectOfferProducts, type OfferContext } from './offers';
import { formatPrice } from './price';
import { fillPlaceholders } from './placeholders';
import { findTextDirection } from '../render/text-direction';
import { findLabels } from '../render/labels';
import { readOwn } from '../lib/read-own';

/** The visitor as presentation needs them. */
export interface Audience {
  /** Locales to try for copy, best first. */
  preferredLocales: string[];
  /** The visitor's own locale (`de-AT`), for number formatting. */
  locale: string;
  currency: string;
  device: unknown;
  traits: Record<string, unknown>;
  /** What the profile remembers of this campaign: where a `minutes` countdown started. */
  history?: CampaignHistory;
}

/** The config as presentation needs it. */
export interface Presentation {
  defaultLocale: string;
  currency?: string;
  catalog: Record<string, CatalogProduct>;
  theme?: Theme;
}

/**
 * Builds what the renderer draws for one campaign variant: copy localized along the visitor's
 * languages with placeholders filled as text, product cards with localized names and prices, and
 * direction and labels from the chosen locale. On mobile a modal becomes a bottom sheet (no
 * full-screen interstitials on phones). Null when the variant has an offer with nothing to offer.
 * `missing` lists placeholders that had no value.
 */
export function presentCampaign(
  campaign: PreparedCampaign,
  variant: PreparedVariant,
  audience: Audience,
  config: Presentation,
  offerContext: OfferContext,
  now = Date.now(),
): { view: PopupView; missing: string[] } | null {
  const { locale, fields: copy } = localizeContent(variant.content, audience.preferredLocales, config.defaultLocale);
  const products = variant.offer ? selectOfferProducts(variant.offer, config.catalog, offerContext) : [];
  if (variant.offer && (variant.offer.products || variant.offer.from) && !products.length) return null;
  const cards = products.map((id): ProductCard => {
    const product = readOwn(config.catalog, id)!;
    return {
      id,
      name: localizeText(product.name, audience.preferredLocales, config.defaultLocale) ?? id,
      price: formatPrice(product, audience, config.currency),
      image: product.image,
      url: product.url,
    };
  });
  const current = offerContext.currentProduct ? readOwn(config.catalog, offerContext.currentProduct) : undefined;
  const coupon = variant.offer?.coupon;
  const { fields, missing } = fillPlaceholders(copy, {
    // `{product}` names the product the visitor is looking at, else the first one offered.
    product: current ? localizeText(current.name, audience.preferredLocales, config.defaultLocale) : cards[0]?.name,
    price: cards[0]?.price ?? (current && formatPrice(current, audience, config.currency)),
    coupon,
    countdown: campaign.countdown && COUNTDOWN_MARK,
    traits: audience.traits,
  });
  const end = campaign.countdown && findCountdownEnd(campaign.countdown, audience.history, now);
  const labels = findLabels(locale);
  const layout = variant.layout.type === 'modal' && audience.device === 'mobile' ? { type: 'sheet' as const } : variant.layout;
  return {
    view: {
      campaign: campaign.id,
      variant: variant.id,
      locale,
      dir: findTextDirection(locale),
      fields,
      closeLabel: fields.close ?? labels.close,
      copiedLabel: labels.copied,
      dialogLabel: labels.message,
      layout,
      cta: variant.cta,
      products: cards,
      coupon,
      theme: config.theme,
      ...(end && { countdown: { end, locale: audience.locale, endLabel: formatEndTime(end, audience.locale, now) } }),
      ...(campaign.question && {
        options: campaign.question.options.map(({ value, label }) => ({ value, label: localizeText(label, audience.preferredLocales, config.defaultLocale) ?? String(value) })),
      }),
      ...(campaign.teaser && { teaser: campaign.teaser }),
    },
    missing,
  };
}

/** The countdown's end as a time of day (with the date when it is not within a day), in the visitor's locale. */
function formatEndTime(end: number, locale: string, now: number): string {
  const options: Intl.DateTimeFormatOptions = end - now < 86_400_000 ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(end);
  } catch {
    return new Date(end).toISOString();
  }
}

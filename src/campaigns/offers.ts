import type { CatalogProduct, Offer } from '../types';
import { readOwn } from '../lib/read-own';

/** What an offer draws on besides the catalog: the product on this page and the visitor's lists. */
export interface OfferContext {
  /** The product this page is about: the last `view_item` on the page, else its schema.org data. */
  currentProduct?: string;
  cartItems: string[];
  viewedProducts: string[];
}

/** How many products an offer shows when it sets no `limit`. */
export const DEFAULT_OFFER_LIMIT = 3;

/**
 * The catalog products an offer shows, best first: its explicit `products`, or the `upsell` /
 * `crossSell` lists of the current product, the cart's products or the recently viewed ones.
 * Products already in the cart, the source products themselves and unknown ids are skipped.
 * An empty result means the campaign has nothing to offer and is not shown.
 */
export function selectOfferProducts(offer: Offer, catalog: Record<string, CatalogProduct>, context: OfferContext): string[] {
  const has = (id: string) => readOwn(catalog, id) !== undefined;
  let sources: string[] = [];
  let candidates: string[];
  if (offer.products) candidates = offer.products;
  else if (offer.from) {
    sources = offer.of === 'cart' ? context.cartItems : offer.of === 'viewed' ? context.viewedProducts : context.currentProduct ? [context.currentProduct] : [];
    candidates = sources.flatMap((id) => (has(id) ? catalog[id][offer.from!] ?? [] : []));
  } else return [];
  const skip = new Set([...context.cartItems, ...sources]);
  const chosen: string[] = [];
  for (const id of candidates) {
    if (has(id) && !skip.has(id) && !chosen.includes(id)) chosen.push(id);
  }
  return chosen.slice(0, offer.limit ?? DEFAULT_OFFER_LIMIT);
}

import type { SignalLookups } from './signal-tables';
import { hasSchemaType, PRODUCT_TYPES, readJsonLdNodes, type JsonLdNode } from './structured-data';

/**
 * The currency (ISO 4217) by SPEC §3's precedence: the host's hint (`data-currency`), else the
 * page's structured data, else the country's currency (with the tables), else the config's `currency`, else USD.
 * Invalid codes at any step are passed over, not trusted.
 */
export function detectCurrency(hint: string | undefined, doc: Document, country: string | null, fallback: string | undefined, tables: SignalLookups | undefined): string {
  return normalizeCurrency(hint) ?? readPageCurrency(doc) ?? tables?.findCurrency(country) ?? normalizeCurrency(fallback) ?? 'USD';
}

/** An ISO 4217 code in upper case (` eur ` → `EUR`), or null when `code` is not three letters. */
export function normalizeCurrency(code: unknown): string | null {
  return typeof code === 'string' && /^[a-z]{3}$/i.test(code.trim()) ? code.trim().toUpperCase() : null;
}

/**
 * The currency the page prices in, from schema.org data: a Product's offers or an Offer in JSON-LD,
 * else microdata's `priceCurrency`, else the Open Graph product price that Shopify themes publish.
 */
export function readPageCurrency(doc: Document): string | null {
  for (const node of readJsonLdNodes(doc)) {
    const currency = hasSchemaType(node, PRODUCT_TYPES) ? readOffersCurrency(node.offers, 0)
      : hasSchemaType(node, OFFER_TYPES) ? readOffersCurrency(node, 0)
      : null;
    if (currency) return currency;
  }
  for (const element of Array.from(doc.querySelectorAll('[itemprop~="priceCurrency"], meta[property="og:price:currency"], meta[property="product:price:currency"]'))) {
    // A microdata value sits in `content` on <meta> and in the text on anything else.
    const currency = normalizeCurrency(element.getAttribute('content') ?? element.textContent);
    if (currency) return currency;
  }
  return null;
}

const OFFER_TYPES = ['Offer', 'AggregateOffer'];

/**
 * The first valid `priceCurrency` of an Offer, a list of them, or an AggregateOffer (whose own
 * field comes first, then its `offers`); a `priceSpecification` also carries one. Depth-limited
 * because pages nest offers in offers.
 */
function readOffersCurrency(offers: unknown, depth: number): string | null {
  if (depth > 3 || !offers || typeof offers !== 'object') return null;
  if (Array.isArray(offers)) {
    for (const offer of offers) {
      const currency = readOffersCurrency(offer, depth + 1);
      if (currency) return currency;
    }
    return null;
  }
  const offer = offers as JsonLdNode;
  return normalizeCurrency(offer.priceCurrency)
    ?? readOffersCurrency(offer.priceSpecification, depth + 1)
    ?? readOffersCurrency(offer.offers, depth + 1);
}

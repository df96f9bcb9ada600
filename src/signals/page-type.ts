import { hasSchemaType, PRODUCT_TYPES, readJsonLdNodes } from './structured-data';

/** What kind of storefront page this is, as the `pageType` signal names it. */
export type PageType = 'home' | 'product' | 'category' | 'cart' | 'checkout' | 'other';

const PAGE_TYPES: readonly string[] = ['home', 'product', 'category', 'cart', 'checkout', 'other'];

/**
 * The page type by SPEC §3's precedence: `data-segmint-page` on `<body>`, else the first config
 * `pages` type with a pattern matching the path, else `product` when the page carries schema.org
 * Product data, else `home` for `/`, else `other`.
 */
export function detectPageType(doc: Document, path: string, pageTypes: [string, ((path: string) => boolean)[]][]): PageType {
  const declared = doc.body?.getAttribute('data-segmint-page');
  if (declared && PAGE_TYPES.includes(declared)) return declared as PageType;
  for (const [type, patterns] of pageTypes) if (patterns.some((test) => test(path))) return type as PageType;
  if (hasProductData(doc)) return 'product';
  return path === '/' ? 'home' : 'other';
}

/**
 * True when the page itself describes a schema.org Product: a top-level JSON-LD node (see
 * `readJsonLdNodes`) or a top-level microdata item. An item with `itemprop` is a property of
 * another, such as a product in a category page's list, so it does not count.
 */
export function hasProductData(doc: Document): boolean {
  if (readJsonLdNodes(doc).some((node) => hasSchemaType(node, PRODUCT_TYPES))) return true;
  return Array.from(doc.querySelectorAll('[itemscope][itemtype]:not([itemprop])')).some((item) =>
    (item.getAttribute('itemtype') ?? '').split(/\s+/).some((type) => /schema\.org\/Product(Group)?$/.test(type)),
  );
}

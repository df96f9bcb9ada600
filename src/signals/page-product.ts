import { readJsonLdNodes, hasSchemaType, PRODUCT_TYPES } from './structured-data';
import { readId } from '../lib/read-id';

/**
 * The id of the product this page is about, from its schema.org Product data: the JSON-LD
 * `sku` (the id shops key their catalog by), else `productID`; or microdata `itemprop="sku"`.
 * Used as the current product when no `view_item` was tracked on the page.
 */
export function readPageProductId(doc: Document): string | undefined {
  for (const node of readJsonLdNodes(doc)) {
    if (!hasSchemaType(node, PRODUCT_TYPES)) continue;
    const id = readId(node.sku) ?? readId(node.productID);
    if (id) return id;
  }
  const item = doc.querySelector('[itemtype$="schema.org/Product"] [itemprop="sku"]');
  return readId(item?.getAttribute('content') ?? item?.textContent);
}

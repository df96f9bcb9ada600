/** A JSON-LD node as parsed: any object; fields are read defensively because pages publish anything. */
export type JsonLdNode = Record<string, unknown>;

/**
 * The top-level JSON-LD nodes of the page: each `application/ld+json` script's object, the items of
 * a script holding an array, the members of an `@graph`, and the `mainEntity` of any of those (an
 * `ItemPage` about a Product). Nodes nested deeper, such as the Products of a category page's
 * `ItemList`, are left out: they describe other pages. Malformed scripts are skipped.
 */
export function readJsonLdNodes(doc: Document): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  const add = (value: unknown, depth: number): void => {
    if (Array.isArray(value)) value.forEach((item) => add(item, depth));
    else if (value && typeof value === 'object' && depth < 3) {
      const node = value as JsonLdNode;
      nodes.push(node);
      add(node['@graph'], depth + 1);
      add(node.mainEntity, depth + 1);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      add(JSON.parse(script.textContent || ''), 0);
    } catch {
      // A broken script of the page's own is its business; the others still count.
    }
  }
  return nodes;
}

/** True when a JSON-LD node's `@type` (a string or a list) names one of `types`, in any spelling of schema.org. */
export function hasSchemaType(node: unknown, types: readonly string[]): boolean {
  const type = (node as JsonLdNode | null)?.['@type'];
  return (Array.isArray(type) ? type : [type]).some(
    (name) => typeof name === 'string' && types.includes(name.replace(/^(https?:\/\/schema\.org\/|schema:)/, '')),
  );
}

/** The schema.org types that make a node a product: Google documents `ProductGroup` for products with variants. */
export const PRODUCT_TYPES = ['Product', 'ProductGroup'];

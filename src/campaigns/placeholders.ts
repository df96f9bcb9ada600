import type { ContentFields } from '../types';

/** Values for `{product}`, `{price}`, `{coupon}`, `{countdown}` and `{traits.<name>}`. */
export interface PlaceholderValues {
  product?: string;
  price?: string;
  coupon?: string;
  /** The renderer's mark for the ticking time, when the campaign has a countdown. */
  countdown?: string;
  traits: Record<string, unknown>;
}

const PLACEHOLDER = /\{(product|price|coupon|countdown|traits\.([^{}\s]+))\}/g;

/**
 * Fills placeholders in every field, as text (the renderer never parses HTML). A placeholder
 * with no value is dropped from the sentence rather than shown raw, and listed in `missing` so it
 * can be reported. Other braces are left as written.
 */
export function fillPlaceholders(fields: ContentFields, values: PlaceholderValues): { fields: ContentFields; missing: string[] } {
  const missing: string[] = [];
  const filled: ContentFields = {};
  for (const [name, text] of Object.entries(fields) as [keyof ContentFields, string][]) {
    filled[name] = text.replace(PLACEHOLDER, (whole, key: string, trait?: string) => {
      const value = trait !== undefined ? readTrait(values.traits, trait) : values[key as 'product' | 'price' | 'coupon' | 'countdown'];
      if (value === undefined) missing.push(whole);
      return value ?? '';
    }).replace(/\s{2,}/g, ' ').trim();
  }
  return { fields: filled, missing };
}

function readTrait(traits: Record<string, unknown>, name: string): string | undefined {
  const value = Object.prototype.hasOwnProperty.call(traits, name) ? traits[name] : undefined;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

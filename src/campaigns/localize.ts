import type { ContentFields } from '../types';

/** A campaign's copy in the locale chosen for this visitor. */
export interface LocalizedContent {
  /** The content key chosen, e.g. `de` for a `de-AT` visitor with German but no Austrian copy. */
  locale: string;
  fields: ContentFields;
}

/**
 * Picks the copy for the visitor: each preferred locale in turn, as exact tag then language
 * (`de-CH`, then `de`), then `defaultLocale`. Each field falls back along the same chain, so a
 * regional locale may override only the words that differ.
 */
export function localizeContent(content: Record<string, ContentFields>, preferred: string[], defaultLocale: string): LocalizedContent {
  const chain = findLocaleChain(Object.keys(content), preferred, defaultLocale);
  const fields: ContentFields = {};
  for (const key of [...chain].reverse()) Object.assign(fields, pickTexts(content[key]));
  return { locale: chain[0] ?? defaultLocale, fields };
}

/** The locale whose copy the visitor would see, without reading the copy (a held-out visitor's). */
export function chooseContentLocale(content: Record<string, ContentFields>, preferred: string[], defaultLocale: string): string {
  return findLocaleChain(Object.keys(content), preferred, defaultLocale)[0] ?? defaultLocale;
}

/** One text in the visitor's language, along the same chain as campaign copy (a product name). */
export function localizeText(texts: Record<string, string>, preferred: string[], defaultLocale: string): string | undefined {
  return findLocaleChain(Object.keys(texts), preferred, defaultLocale).map((key) => texts[key]).find((text) => typeof text === 'string');
}

/**
 * The keys to read, best first: the first preferred locale with any copy, as exact tag then
 * language; then `defaultLocale` (or, failing that, the first key).
 */
function findLocaleChain(available: string[], preferred: string[], defaultLocale: string): string[] {
  const keys = new Map(available.map((key) => [key.toLowerCase(), key]));
  const find = (tag: string) => keys.get(tag.toLowerCase());
  let chain: string[] = [];
  for (const tag of preferred) {
    chain = [find(tag), find(tag.split('-')[0])].filter((key): key is string => !!key);
    if (chain.length) break;
  }
  const fallback = find(defaultLocale) ?? available[0];
  if (fallback && !chain.includes(fallback)) chain.push(fallback);
  return chain;
}

function pickTexts(fields: ContentFields | undefined): ContentFields {
  const texts: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields ?? {})) if (typeof value === 'string') texts[name] = value;
  return texts;
}

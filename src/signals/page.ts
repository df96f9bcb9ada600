/** Page signals of SPEC §3 that come from the location, the document and the clock. */
export interface PageSignals {
  url: string;
  path: string;
  pageType: string;
  referrer: string | null;
  timezone: string;
  hour: number;
  weekday: number;
}

const PAGE_TYPES = ['home', 'product', 'category', 'cart', 'checkout', 'other'];

/** Reads the page signals; `pageTypes` are the config's path patterns, first match wins. */
export function collectPageSignals(doc: Document, pageTypes: [string, ((path: string) => boolean)[]][], now: Date, url?: string): PageSignals {
  const location = readLocation(doc, url);
  const path = location.pathname;
  return {
    url: location.href,
    path,
    pageType: detectPageType(doc, path, pageTypes),
    referrer: readReferrerHost(doc.referrer),
    timezone: readTimeZone(),
    hour: now.getHours(),
    weekday: now.getDay() || 7,
  };
}

function detectPageType(doc: Document, path: string, pageTypes: [string, ((path: string) => boolean)[]][]): string {
  const declared = doc.body?.getAttribute('data-segmint-page');
  if (declared && PAGE_TYPES.includes(declared)) return declared;
  for (const [type, patterns] of pageTypes) if (patterns.some((test) => test(path))) return type;
  if (hasProductData(doc)) return 'product';
  return path === '/' ? 'home' : 'other';
}

/** True when the page's JSON-LD describes a schema.org Product. */
function hasProductData(doc: Document): boolean {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    if (/"@type"\s*:\s*(\[[^\]]*)?"(https?:\/\/schema\.org\/)?Product"/.test(script.textContent ?? '')) return true;
  }
  return false;
}

function readLocation(doc: Document, url: string | undefined): URL {
  try {
    return new URL(url ?? doc.location.href, doc.location.href);
  } catch {
    return new URL(doc.location.href);
  }
}

function readReferrerHost(referrer: string): string | null {
  try {
    return referrer ? new URL(referrer).hostname : null;
  } catch {
    return null;
  }
}

function readTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

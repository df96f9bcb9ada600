import { detectPageType, type PageType } from './page-type';

/** Page signals of SPEC §3 that come from the location and the document. */
export interface PageSignals {
  url: string;
  path: string;
  pageType: PageType;
}

/** Reads the page signals; `pageTypes` are the config's path patterns, first match wins. */
export function collectPageSignals(doc: Document, location: URL, pageTypes: [string, ((path: string) => boolean)[]][]): PageSignals {
  return {
    url: location.href,
    path: location.pathname,
    pageType: detectPageType(doc, location.pathname, pageTypes),
  };
}

/**
 * The page's URL: the one `page(url)` was given, resolved against the current location, for SPAs
 * that record a page before the location changes; else the current location.
 */
export function readLocation(doc: Document, url: string | undefined): URL {
  try {
    return new URL(url ?? doc.location.href, doc.location.href);
  } catch {
    return new URL(doc.location.href);
  }
}

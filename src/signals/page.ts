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

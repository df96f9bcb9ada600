/**
 * True for http(s) and relative URLs only. Browsers strip leading whitespace and control
 * characters and ignore case before reading a scheme, so `\tJaVaScRiPt:` must be caught too.
 */
export function isSafeUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  const trimmed = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  return !scheme || /^https?$/i.test(scheme[1]);
}

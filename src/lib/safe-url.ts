// Two stand-in bases that differ only in scheme: a URL that resolves to the first one's origin is
// relative to the page (same origin wherever it is used); any other must be absolute on its own.
const BASE = 'https://segmint.invalid/';
const OTHER_BASE = 'http://segmint.invalid/';

/**
 * True for an http(s) URL, or a relative one that stays on the page's origin. Judged the way the
 * browser will resolve it (WHATWG URL parsing: leading and trailing controls stripped, tabs and
 * newlines dropped anywhere, `\` read as `/`, schemes in any case), not by the text's first
 * characters: `/\evil.example/x.png` and `//evil.example/x.png` leave the origin, so they are not
 * relative URLs; write such a URL with its `https:` scheme.
 */
export function isSafeUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const one = new URL(url, BASE);
    const other = new URL(url, OTHER_BASE);
    // Relative: each base keeps its own origin (`https:x` is relative on an https page only, so it is not).
    if (one.origin + '/' === BASE && other.origin + '/' === OTHER_BASE) return true;
    // Absolute: the base played no part (`//host/x` takes the page's scheme, so it is not).
    return /^https?:$/.test(one.protocol) && one.href === other.href;
  } catch {
    return false;
  }
}

// The security corpus (issue 12; RELIABILITY §14, §51–55): every hostile value segmint is fed in
// tests/e2e/security-corpus.spec.ts, in one place, and the exact list of (channel, field, value)
// cases that spec pushes. Plain JavaScript so that scripts/reliability-counts.mjs can count the
// cases for the README without a TypeScript step. Every value that could run code sets
// `window.__xss`; every key that could pollute a prototype sets `polluted`.

/** Markup where text is expected: must show as literal text. */
export const MARKUP = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '<svg onload="window.__xss=1"></svg>',
  '"><iframe src="javascript:window.__xss=1"></iframe>',
  "'><a href=\"javascript:window.__xss=1\">click</a>",
  '</style><img src=x onerror=window.__xss=1>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '&lt;img src=x onerror=window.__xss=1&gt;',
  '\u202e<b onmouseover=window.__xss=1>rtl</b>',
];

/** URLs that would run code or leave the page's origin: never loaded, never followed. */
export const URLS = [
  'javascript:window.__xss=1',
  'JaVaScRiPt:window.__xss=1',
  '\tjavascript:window.__xss=1',
  ' javascript:window.__xss=1',
  'java\nscript:window.__xss=1',
  'java\tscript:window.__xss=1',
  'data:text/html,<script>window.__xss=1</script>',
  'data:image/svg+xml,<svg onload="window.__xss=1"/>',
  'vbscript:msgbox(1)',
  '/\\evil.example/x.png',
  '\\\\evil.example/x.png',
  '//evil.example/x.png',
  '\\/evil.example/x.png',
  '/\t/evil.example/x.png',
  ' //evil.example/x.png',
  'https:evil.example/x.png',
];

/** CSS injection where a theme value is expected: each is a config error, none reaches a stylesheet. */
export const CSS = [
  'red;}*{display:none}',
  'url(https://evil.example/x.png)',
  'image-set("https://evil.example/x.png" 1x)',
  'red/**/;background:url(//evil.example/x.png)',
  'expression(window.__xss=1)',
  '#fff\\;background:red',
  '}</style><script>window.__xss=1</script>',
  'rgb(0,0,0);background-image:url(//evil.example/x.png)',
  'var(--host-colour)',
  '@import "//evil.example/x.css"',
];

/** Objects shaped like a Preact VNode where a string is expected (CVE-2026-22028 class). */
export const VNODES = [
  { type: 'img', props: { src: 'x', onerror: 'window.__xss=1' } },
  { type: 'script', props: { dangerouslySetInnerHTML: { __html: 'window.__xss=1' } } },
  { type: 'a', props: { href: 'javascript:window.__xss=1', children: 'click' }, key: null, ref: null, __k: null },
];

/** JSON texts with prototype keys at depth 0 to 4; parsed with JSON.parse they are own keys. */
export const PROTO_KEYS = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"a":{"__proto__":{"polluted":"yes"}}}',
  '{"a":{"b":{"constructor":{"prototype":{"polluted":"yes"}}}}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":[{"b":{"c":{"__proto__":{"polluted":"yes"}}}}]}',
  '{"prototype":{"polluted":"yes"}}',
];

/** The text fields of a campaign's content, and the other places marketer text appears. */
export const TEXT_FIELDS = ['title', 'body', 'cta', 'dismiss', 'close', 'catalog name', 'coupon'];
/** Every URL field of a config. */
export const URL_FIELDS = ['cta url', 'catalog image', 'catalog url', 'analytics beacon'];
/** Every theme field that takes a value (scheme is an enum). */
export const THEME_FIELDS = ['accent', 'radius', 'font', 'text', 'background', 'scheme'];

/**
 * Every case the corpus spec pushes, as `channel › field › value` strings: the spec asserts it
 * pushed exactly these, and the README's count is their number.
 */
export function listCases() {
  const cases = [];
  const add = (channel, field, value) => cases.push(`${channel} › ${field} › ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  // Config: markup and VNodes in every text field, bad URLs in every URL field, CSS in every theme field, prototype keys.
  for (const value of [...MARKUP, ...VNODES]) for (const field of TEXT_FIELDS) add('config', field, value);
  for (const value of URLS) for (const field of URL_FIELDS) add('config', field, value);
  for (const value of CSS) for (const field of THEME_FIELDS) add('config', `theme ${field}`, value);
  for (const value of PROTO_KEYS) add('config', 'keys', value);
  // Traits (identify), events (track), dataLayer pushes and URL parameters.
  for (const value of [...MARKUP, ...VNODES]) add('identify', 'trait value', value);
  for (const value of PROTO_KEYS) add('identify', 'traits object', value);
  for (const value of MARKUP) add('track', 'event name', value);
  for (const value of [...VNODES, ...PROTO_KEYS]) add('track', 'properties', value);
  for (const value of MARKUP) add('dataLayer', 'item name', value);
  for (const value of [...VNODES, ...PROTO_KEYS]) add('dataLayer', 'entry', value);
  for (const value of MARKUP) add('url', 'utm_content', value);
  for (const value of ['__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes', '__proto__.polluted=yes']) add('url', 'query', value);
  for (const value of MARKUP) add('url', 'segmint=preview:', value);
  return cases;
}

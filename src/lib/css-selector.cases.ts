/**
 * Selectors and whether they are valid: the pure checker's unit test reads this table, and
 * tests/e2e/click-trigger.spec.ts asserts that Chromium's own `querySelector` gives the same
 * answer on every row, so the table is not only what the checker happens to do. The one kind
 * of row where they differ on purpose says so in its third column: CSS error recovery closes
 * an unclosed `[` or `(` at the end, so Chromium accepts it, but the validator reports the typo.
 */
export const SELECTOR_CASES: [selector: string, isValid: boolean, chromiumAccepts?: boolean][] = [
  ['[data-segmint-open="coupon"]', true],
  ['[data-segmint-open=coupon]', true],
  ["[data-segmint-open='coupon' i]", true],
  ['#open-coupon', true],
  ['.btn.primary', true],
  ['a[href^="/sale"]', true],
  ['button, a.coupon', true],
  ['main > .hero + p ~ a', true],
  ['nav a', true],
  ['*', true],
  ['li:nth-child(2n+1)', true],
  ['li:nth-child(odd)', true],
  ['a:not(.disabled)', true],
  ['div:has(> img)', true],
  [':is(h1, h2) a', true],
  ['p::before', true],
  ['a:hover', true],
  ['#\\31 23', true],
  ['.a\\:b', true],
  ['#\\31 23 .x', true],
  ['[data-segmint-open="coupon"', false, true],
  ['.btn,', false],
  [',a', false],
  ['a >', false],
  ['> a', false],
  ['a >> b', false],
  ['#', false],
  ['.', false],
  ['a:nope', false],
  ['a::nope', false],
  ['a:not(', false],
  ['[=x]', false],
  ['div!', false],
  ['a]', false],
  ['1a', false],
  ['a:nth-child(x)', false],
];

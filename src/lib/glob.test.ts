import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob';
import { seededRandom as random } from '../../tests/unit/random';

/** The meaning of a glob spelled as a regular expression: the reference the fast matcher must agree with. */
function referenceMatch(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${source}$`).test(text);
}

describe('compileGlob', () => {
  it.each([
    ['/products/*', '/products/trail-tent', true],
    ['/products/*', '/products/', true],
    ['/products/*', '/products', false],
    ['/products/*', '/products/tents/2p', true],
    ['/checkout*', '/checkout', true],
    ['/checkout*', '/checkout/payment', true],
    ['/checkout*', '/check', false],
    ['/cart', '/cart', true],
    ['/cart', '/cart/', false],
    ['/cart', '/Cart', false],
    ['/p?', '/p1', true],
    ['/p?', '/p', false],
    ['/p?', '/p12', false],
    ['/p/?/x', '/p/a/x', true],
    ['/p/?/x', '/p//x', false],
    ['*', '', true],
    ['*', 'anything/at/all', true],
    ['', '', true],
    ['', 'x', false],
    ['**', 'x', true],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['*.html', '/index.html', true],
    ['*.html', '/indexxhtml', false],
    ['/a+b', '/a+b', true],
    ['/a+b', '/aab', false],
    ['/[x]', '/[x]', true],
    ['/[x]', '/x', false],
    ['/(a|b)', '/a', false],
    ['*/sale/*', 'https://shop.example/sale/tents', true],
    ['*?', '', false],
    ['?*?', 'ab', true],
    ['*a?c*', 'xxabcxx', true],
    ['*a?c*', 'xxacxx', false],
  ])('matches %j against %j: %s', (pattern, text, expected) => {
    expect(compileGlob(pattern)(text)).toBe(expected);
  });

  it('agrees with a regular expression on thousands of random patterns and strings', () => {
    const next = random(42);
    const pick = (alphabet: string, max: number) =>
      Array.from({ length: Math.floor(next() * (max + 1)) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let i = 0; i < 5_000; i++) {
      const pattern = pick('ab*?', 7);
      const text = pick('abc', 9);
      expect(compileGlob(pattern)(text), `${pattern} on ${text}`).toBe(referenceMatch(pattern, text));
    }
  });

  it('answers a pathological pattern on a 10 kB string correctly', () => {
    const test = compileGlob('*a*a*a*a*a*b');
    expect(test('a'.repeat(10_000))).toBe(false);
    expect(test('a'.repeat(10_000) + 'b')).toBe(true);
    expect(test('ab'.repeat(5_000))).toBe(true);
    expect(test('ba'.repeat(5_000))).toBe(false);
  });
});

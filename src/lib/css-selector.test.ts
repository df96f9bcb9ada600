import { describe, expect, it } from 'vitest';
import { isValidSelector } from './css-selector';
import { SELECTOR_CASES } from './css-selector.cases';

describe('isValidSelector', () => {
  it.each(SELECTOR_CASES)('%s → %s', (selector, isValid) => {
    expect(isValidSelector(selector)).toBe(isValid);
  });

  it('rejects a selector longer than any a marketer writes', () => {
    expect(isValidSelector('a'.repeat(1001))).toBe(false);
    expect(isValidSelector('a'.repeat(1000))).toBe(true);
  });

  it('stays linear on a long run of descendants', () => {
    expect(isValidSelector(Array.from({ length: 400 }, () => 'a').join(' '))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { createLookup } from './create-lookup';

describe('createLookup', () => {
  const find = createLookup({ EUR: 'DE AT', CHF: 'CH' });

  it('finds the value listing a key', () => {
    expect(find('AT')).toBe('EUR');
    expect(find('CH')).toBe('CHF');
  });

  it('finds nothing for an unknown key, an empty one, or a name on Object.prototype', () => {
    expect(find('FR')).toBeUndefined();
    expect(find('')).toBeUndefined();
    expect(find('constructor')).toBeUndefined();
    expect(find('__proto__')).toBeUndefined();
  });
});

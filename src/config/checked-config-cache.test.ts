import { describe, expect, it } from 'vitest';
import { fingerprintConfig } from './fingerprint-steps';

const base = { version: 1, defaultLocale: 'en', campaigns: [{ id: 'a', content: { en: { title: 'Hi' } }, priority: 1 }] };

describe('fingerprintConfig', () => {
  it('is the same for the same content, parsed again', () => {
    expect(fingerprintConfig(JSON.parse(JSON.stringify(base)))).toBe(fingerprintConfig(base));
  });

  it('differs for any change: a value, its type, a key, an order, a split between strings', () => {
    const variants: unknown[] = [
      { ...base, defaultLocale: 'de' },
      { ...base, campaigns: [{ ...base.campaigns[0], priority: '1' }] },
      { ...base, campaigns: [{ ...base.campaigns[0], priority: 2 }] },
      { ...base, campaigns: [{ ...base.campaigns[0], priority: undefined, weight: 1 }] },
      { defaultLocale: 'en', version: 1, campaigns: base.campaigns },
      { ...base, campaigns: [...base.campaigns, ...base.campaigns] },
      { ...base, campaigns: [] },
      { ...base, campaigns: {} },
      { ...base, x: ['ab', 'c'] },
      { ...base, x: ['a', 'bc'] },
      { ...base, x: { a: 'b' } },
      { ...base, x: ['a', 'b'] },
      { ...base, x: null },
      { ...base, x: 'null' },
    ];
    const prints = [base, ...variants].map((config) => fingerprintConfig(config));
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('ignores a host’s Array.prototype.toJSON, which would change or break JSON.stringify', () => {
    const expected = fingerprintConfig(base);
    const original = Object.getOwnPropertyDescriptor(Array.prototype, 'toJSON');
    (Array.prototype as unknown as { toJSON: () => string }).toJSON = function (this: unknown[]) { return JSON.stringify(this.slice()); };
    try {
      expect(fingerprintConfig(base)).toBe(expected);
    } finally {
      if (original) Object.defineProperty(Array.prototype, 'toJSON', original);
      else delete (Array.prototype as unknown as { toJSON?: unknown }).toJSON;
    }
  });

  it('walks a value nested far deeper than the stack allows without throwing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => fingerprintConfig({ ...base, deep })).not.toThrow();
  });

  it('hashes the text a config was parsed from when given it: same text, same print; any change, another', () => {
    const text = JSON.stringify(base);
    expect(fingerprintConfig(JSON.parse(text), text)).toBe(fingerprintConfig(base, text));
    const changed = [text.replace('"Hi"', '"Ho"'), text.replace('1}', '2}'), ` ${text}`, text.replace('"a"', '"b"')];
    const prints = [text, ...changed].map((variant) => fingerprintConfig(JSON.parse(variant), variant));
    expect(new Set(prints).size).toBe(prints.length);
    // Never the print of a walk of the same value.
    expect(fingerprintConfig(base, text)).not.toBe(fingerprintConfig(base));
  });

  it('hashes a text of many steps as one pass over every character in order would: prints kept by an earlier release still match', () => {
    const text = JSON.stringify({ ...base, campaigns: Array.from({ length: 3000 }, (_, i) => ({ id: `c${i}`, content: { en: { title: `Ç${i}` } } })) });
    expect(text.length).toBeGreaterThan(100_000);
    // The definition (checked-config-cache.ts): two 32-bit hashes over 't' then the text, and the count hashed.
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    for (const c of ['t', ...text].map((ch) => ch.charCodeAt(0))) {
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    expect(fingerprintConfig(JSON.parse(text), text)).toBe(`:${text.length + 1}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`);
  });
});

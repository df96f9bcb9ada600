import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeUtf8, sha256 } from './sha256';

const reference = (text: string) => new Uint8Array(Buffer.from(new TextEncoder().encode(text)));

describe('encodeUtf8', () => {
  it('gives the bytes TextEncoder gives the whole text, for any text and step, surrogate pairs and lone halves included', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 1, max: 8 }), async (text, step) => {
      expect(await encodeUtf8(text, step)).toEqual(reference(text));
    }));
  });

  it('keeps a pair whole where a step would end between its halves', async () => {
    const text = 'ab\u{1F600}c';
    // A step of 3 ends after the pair's high half: encoded apart, each half would be U+FFFD.
    expect(Array.from(await encodeUtf8(text, 3))).toEqual([0x61, 0x62, 0xf0, 0x9f, 0x98, 0x80, 0x63]);
  });
});

describe('sha256', () => {
  it('is the SHA-256 of the UTF-8, as hex, for a text longer than a step too', async () => {
    const text = `{"é":"${'x\u{1F600}'.repeat(100_000)}"}`;
    expect(await sha256(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(await sha256('')).toBe(createHash('sha256').update('').digest('hex'));
  });
});

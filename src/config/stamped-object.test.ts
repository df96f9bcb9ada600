import { describe, expect, it } from 'vitest';
import { readStampedObject } from './stamped-object';
import { readConfigText } from './load-config';
import { writeCheckedConfig } from '../cli/checked-config';
import { readCheckedStamp } from './checked-stamp';

const config = {
  version: 1,
  defaultLocale: 'en',
  segments: { big: { cartValue: { gte: 1e21 } }, small: { cartValue: { lt: 0.1 } } },
  // Product ids that are array indices: an object lists them first, in numeric order, whatever order the file had.
  catalog: { 'SKU-1': { name: { en: 'Kettle' }, price: { EUR: 49.9 } }, '10': { name: { en: 'Mug' } }, '2': { name: { en: 'Cup' } } },
  campaigns: [{ id: 'a', audience: { segment: 'big' }, content: { en: { title: 'Ünïcode "quoted" \\ and \u2028' } } }],
};

describe('readStampedObject (npm config objects)', () => {
  it('writes an object parsed from the checked file back to that exact text, so its stamp matches', async () => {
    const text = writeCheckedConfig(config, 'r1');
    const imported = JSON.parse(text);
    expect(readStampedObject(imported)).toBe(imported);
    expect(readConfigText(imported)).toBe(text);
    expect(await readCheckedStamp(readConfigText(imported), 'r1')).toContain('cartValue');
  });

  it('gives an object changed since a text its stamp does not match', async () => {
    const imported = JSON.parse(writeCheckedConfig(config, 'r1'));
    imported.campaigns[0].id = 'b';
    readStampedObject(imported);
    expect(await readCheckedStamp(readConfigText(imported), 'r1')).toBeUndefined();
  });

  it('gives no text to an object without a stamp, nor to one that contains itself', () => {
    const plain = structuredClone(config);
    readStampedObject(plain);
    expect(readConfigText(plain)).toBeUndefined();
    const looping: Record<string, unknown> = { checked: 'r1||00', ...structuredClone(config) };
    looping.self = looping;
    expect(() => readStampedObject(looping)).not.toThrow();
    expect(readConfigText(looping)).toBeUndefined();
  });
});

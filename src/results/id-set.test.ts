import { describe, expect, it } from 'vitest';
import { createIdSet } from './id-set';
import { seededRandom } from '../../tests/unit/random';

function hexId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 4; i++) id += Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0');
  return id;
}

describe('createIdSet', () => {
  it('tells a new id from one seen before, across growth', () => {
    const random = seededRandom(3);
    const set = createIdSet(16);
    const ids = Array.from({ length: 30_000 }, () => hexId(random));
    expect(ids.filter((id) => set.add(id))).toHaveLength(30_000);
    expect(set.size).toBe(30_000);
    expect(ids.slice(0, 1000).filter((id) => set.add(id))).toHaveLength(0);
    expect(set.size).toBe(30_000);
  });

  it('keeps ids apart that differ in one character or only in length', () => {
    const set = createIdSet(4);
    for (const id of ['a', 'aa', 'aaa', 'ab', 'ba', '0000000000000000', '0000000000000001', '1000000000000000']) expect(set.add(id)).toBe(true);
    expect(set.add('ab')).toBe(false);
  });
});

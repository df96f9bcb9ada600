// Event ids seen, as 64-bit hashes in an open-addressing table of two Uint32Arrays: 8 bytes a slot
// at most 3/4 full, against some 80–100 bytes an entry for a Set of 32-character strings. Two
// different ids collide with probability about n²/2⁶⁵: for 10 million ids, 3 in a million that
// one event anywhere is wrongly taken for a duplicate.

/** A set of event ids that remembers only a hash of each. */
export interface IdSet {
  /** Adds the id; false when it was (almost surely) there already. */
  add(id: string): boolean;
  readonly size: number;
}

/** Creates an empty IdSet that grows as needed. */
export function createIdSet(initialSlots = 1 << 16): IdSet {
  let capacity = initialSlots;
  let high = new Uint32Array(capacity);
  let low = new Uint32Array(capacity);
  let size = 0;

  const insert = (h: number, l: number): boolean => {
    const mask = capacity - 1;
    let slot = (l ^ Math.imul(h, 0x9e3779b1)) & mask;
    while (high[slot] !== 0 || low[slot] !== 0) {
      if (high[slot] === h && low[slot] === l) return false;
      slot = (slot + 1) & mask;
    }
    high[slot] = h;
    low[slot] = l;
    size++;
    return true;
  };

  const grow = () => {
    const [oldHigh, oldLow] = [high, low];
    capacity *= 2;
    high = new Uint32Array(capacity);
    low = new Uint32Array(capacity);
    size = 0;
    for (let i = 0; i < oldHigh.length; i++) if (oldHigh[i] !== 0 || oldLow[i] !== 0) insert(oldHigh[i], oldLow[i]);
  };

  return {
    add(id) {
      if ((size + 1) * 4 > capacity * 3) grow();
      // 0/0 marks an empty slot, so the low half is never 0.
      return insert(fnv1a(id), murmurMix(id) || 1);
    },
    get size() {
      return size;
    },
  };
}

/** FNV-1a, 32 bits. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A second, independent 32-bit hash: multiply-rotate per character and a murmur3 finaliser. */
function murmurMix(text: string): number {
  let hash = 0x9747b28c ^ text.length;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    hash ^= Math.imul(k, 0x1b873593);
    hash = Math.imul((hash << 13) | (hash >>> 19), 5) + 0xe6546b64;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

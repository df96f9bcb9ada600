/** `bytes` random bytes from crypto.getRandomValues, as lowercase hex: visitor and event ids. */
export function createRandomHex(bytes: number): string {
  return toHex(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Bytes as lowercase hex, two digits each. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

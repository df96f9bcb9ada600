/** `bytes` random bytes from crypto.getRandomValues, as lowercase hex: visitor and event ids. */
export function createRandomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

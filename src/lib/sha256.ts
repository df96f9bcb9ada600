import { toHex } from './random-hex';

/** The SHA-256 of a text's UTF-8, as hex, from the browser's native code (`crypto.subtle`: secure contexts only; rejects elsewhere). */
export async function sha256(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

import { sha256 } from '../lib/sha256';

/**
 * A config `segmint validate --checked` wrote: the config's JSON text with, as its first member,
 * `"checked":"<release>|<needs>|<sha256>"`: the release whose checks found no error in it, the
 * signals those checks found it needs (URI-encoded, comma-separated), and the SHA-256 (hex) of
 * `<release>|<needs>|` followed by the text after the member. A text changed anywhere after
 * writing, or a stamp of another release, does not match, and the config is checked as any other.
 * It names the text; it is no signature: whoever can edit the file can check it again.
 */
export const STAMP_START = '{"checked":"';

/** The stamp's head: what comes before the digest, and before the rest of the text in what it is of. */
export function stampHead(release: string, needs: readonly string[]): string {
  return `${release}|${needs.map(encodeURIComponent).join(',')}|`;
}

/**
 * The signals a config text needs when it carries a stamp of `release` that matches it; else
 * undefined (no stamp, another release, a changed text, or no `crypto.subtle` to hash it with,
 * outside secure contexts): then the config is checked.
 */
export async function readCheckedStamp(text: string | undefined, release: string): Promise<string[] | undefined> {
  try {
    if (!text!.startsWith(STAMP_START)) return undefined;
    const end = text!.indexOf('",');
    const stamp = text!.slice(STAMP_START.length, end);
    const head = stamp.slice(0, stamp.lastIndexOf('|') + 1);
    const [by, needs] = head.split('|');
    // The digest is all the proof: a text cut anywhere else than the CLI cut it hashes to another.
    if (by !== release || (await sha256(head + text!.slice(end + 2))) !== stamp.slice(head.length)) return undefined;
    return needs ? needs.split(',').map(decodeURIComponent) : [];
  } catch {
    // No text, no `crypto.subtle`, or needs that are not URI-encoded (no stamp this writes).
    return undefined;
  }
}

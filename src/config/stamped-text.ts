import { STAMP_START } from './checked-stamp';
import { writeJson } from '../lib/write-json';

/**
 * The text `segmint validate --checked` writes: the stamp `stampOf` gives for the rest of the text
 * as the first member, then the config's other members (`rest`) as compact JSON. The text after
 * the stamp is what the stamp's digest is of (a valid config has members, so a comma fits before them).
 */
export function writeStampedText(rest: object, stampOf: (body: string) => string): string {
  const body = writeJson(rest).slice(1);
  return `${STAMP_START}${stampOf(body)}",${body}`;
}

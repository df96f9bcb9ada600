import { createHash } from 'node:crypto';
import { checkConfig } from '../rules/prepare-config';
import { stampHead } from '../config/checked-stamp';
import { writeStampedText } from '../config/stamped-text';

/**
 * The checked form `segmint validate --checked` writes of a config its checks found no error in:
 * the config as compact JSON with the stamp `config/checked-stamp.ts` reads as its first member
 * (a stamp it had already is replaced). A browser running `release` that gets this exact text
 * compiles it without loading the checks. Throws for a config with errors: they have no checked form.
 */
export function writeCheckedConfig(config: unknown, release: string): string {
  const { clean, errors } = checkConfig(config);
  if (!clean || errors.length) throw new Error('a config with errors has no checked form');
  const { checked: _stale, ...rest } = config as Record<string, unknown>;
  const head = stampHead(release, clean.needs);
  return writeStampedText(rest, (body) => head + createHash('sha256').update(head + body).digest('hex'));
}

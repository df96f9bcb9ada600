import { writeStampedText } from './stamped-text';
import { keepText } from './load-config';

/**
 * An npm config object with a `checked` stamp, given the text that stamp is of: an object parsed
 * from what `segmint validate --checked` wrote (a bundler's `import config from './segmint.json'`)
 * is written back as the CLI writes it (`writeStampedText`: the stamp first, the rest as
 * compact JSON), which is that file's text while the object is unchanged, so the stamp matches as
 * a fetched one does; an object changed since gives another text, and it is checked. Writing it is
 * one task (a config of thousands of campaigns is rarely given as an object). Without a stamp, or
 * one that cannot be written (an object containing itself), the object is given as it is: its
 * fingerprint is then a walk of its values (`fingerprint-steps.ts`).
 */
export function readStampedObject(config: object): object {
  const { checked, ...rest } = config as { checked?: unknown };
  if (typeof checked !== 'string') return config;
  try {
    keepText(config, writeStampedText(rest, () => checked));
  } catch {
    // Too deep to write (it contains itself): the checks refuse what they must.
  }
  return config;
}

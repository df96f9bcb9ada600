/** Written by the script-tag build (rollup.config.mjs); empty where it is not (unit tests). */
declare const __SEGMINT_VERSION__: string;

/** The release running, in a checked config's fingerprint: a new one, whose checks may differ, matches no fingerprint of another. */
export const VERSION = typeof __SEGMINT_VERSION__ === 'string' ? __SEGMINT_VERSION__ : '';

/**
 * segmint for bundlers: `createSegmint({ config })`, then `start()`.
 * @packageDocumentation
 */
export { createSegmint } from './create-segmint';
export type * from './types';

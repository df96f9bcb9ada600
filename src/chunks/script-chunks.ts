import type { ChunkLoader } from './contract';
import { createChunkLoader } from './create-chunk-loader';

/**
 * The package version, written in by the build (rollup.config.mjs). Chunk URLs carry it, so a
 * core from one release never runs with a chunk of another from a cache.
 */
declare const __SEGMINT_VERSION__: string;

/**
 * The script tag's chunks: ES modules beside `segmint.js` (`segmint-<name>.js?v=<version>`),
 * fetched by dynamic `import()`. `import()` is not a Trusted Types sink, so this works under
 * `require-trusted-types-for 'script'`; from another origin (a CDN) the chunks need CORS
 * headers, as every module does.
 */
export function createScriptChunkLoader(scriptUrl: string): ChunkLoader {
  const url = (name: string) => new URL(`segmint-${name}.js?v=${__SEGMINT_VERSION__}`, scriptUrl).href;
  return createChunkLoader((name) => import(/* @vite-ignore */ url(name)), url);
}

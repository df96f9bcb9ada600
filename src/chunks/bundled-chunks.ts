import type { ChunkLoader } from './contract';
import { createChunkLoader } from './create-chunk-loader';

/**
 * The npm entry's chunks: one dynamic `import()` each, which bundlers (Vite, webpack, esbuild
 * with splitting) turn into a separate file fetched only when needed.
 */
export const loadBundledChunk: ChunkLoader = createChunkLoader((name) => {
  switch (name) {
    case 'engage': return import('../engagement');
    case 'popup': return import('../render/mount');
    case 'tables': return import('../signals/tables');
    case 'check': return import('../rules/check-chunk');
    case 'formats': return import('../render/mount-formats');
    case 'diagnose': return import('../rules/config-messages');
    case 'inspect': return import('../debug/mount-inspector');
    case 'inline': return import('../inline-placements');
    case 'explain': return import('../runtime/explain');
    case 'replay': return import('../runtime/replay');
    case 'parse': return import('../lib/parse-json-steps');
    case 'fingerprint': return import('../config/fingerprint-steps');
  }
}, (name) => `the bundle (chunk "${name}")`);

import type { ChunkLoader, ChunkName, Chunks } from './contract';

/**
 * Makes a `ChunkLoader` from a way to import one chunk: loads each once, forgets a failed load
 * (the next need tries again), and says which chunk failed.
 */
export function createChunkLoader(importChunk: (name: ChunkName) => Promise<unknown>, where: (name: ChunkName) => string): ChunkLoader {
  const loading = new Map<ChunkName, Promise<unknown>>();
  return <K extends ChunkName>(name: K) => {
    let pending = loading.get(name);
    if (!pending) {
      pending = Promise.resolve().then(() => importChunk(name)).catch((error: unknown) => {
        loading.delete(name);
        throw new Error(`the ${DESCRIPTIONS[name]} could not be loaded from ${where(name)}`, { cause: error });
      });
      loading.set(name, pending);
    }
    return pending as Promise<Chunks[K]>;
  };
}

const DESCRIPTIONS: Record<ChunkName, string> = {
  engage: 'campaign code',
  popup: 'popup renderer',
  check: 'config checks',
  tables: 'signal tables',
  formats: 'renderer of teasers, countdowns and questions',
  diagnose: 'config diagnostics',
  inspect: 'inspector',
  inline: 'inline renderer',
  explain: 'explain() and show() code',
  replay: 'journal replay',
  parse: 'large-config parser',
  fingerprint: 'config fingerprint',
};

import type { ChunkLoader, ChunkName, Chunks } from './contract';

/**
 * Makes a `ChunkLoader` from a way to import one chunk: loads each once, forgets a failed load
 * (the next need tries again), and says which chunk failed: by its name, which is its file's
 * (`segmint-<name>.js`; README "Size" says what each holds). A table of descriptions cost the core 145 B.
 */
export function createChunkLoader(importChunk: (name: ChunkName) => Promise<unknown>, where: (name: ChunkName) => string): ChunkLoader {
  const loading = new Map<ChunkName, Promise<unknown>>();
  return <K extends ChunkName>(name: K) => {
    let pending = loading.get(name);
    if (!pending) {
      pending = Promise.resolve().then(() => importChunk(name)).catch((error: unknown) => {
        loading.delete(name);
        throw new Error(`the ${name} chunk could not be loaded from ${where(name)}`, { cause: error });
      });
      loading.set(name, pending);
    }
    return pending as Promise<Chunks[K]>;
  };
}

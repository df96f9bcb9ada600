import type { ChunkLoader } from '../chunks/contract';
import { runInSlices } from './run-in-slices';

/** Below this many characters one `JSON.parse` is quick enough (about 1 ms at 4× CPU per 16 KB). */
export const SPLIT_ABOVE = 65_536;

/**
 * `JSON.parse(text)`: the same value or the same error. A text of `SPLIT_ABOVE` characters or
 * more (a config of thousands of campaigns) is parsed in slices by the `parse` chunk
 * (`lib/parse-json-steps.ts`), fetched only then, so that the code splitting it is downloaded,
 * compiled and kept by no page with a usual config. Without a chunk loader (Node), or when the
 * chunk cannot be loaded, the text is parsed at once: one long task rather than no config.
 */
export async function parseJson(text: string, loadChunk?: ChunkLoader): Promise<unknown> {
  if (text.length < SPLIT_ABOVE || !loadChunk) return JSON.parse(text);
  const chunk = await loadChunk('parse').catch(() => undefined);
  return chunk ? runInSlices(chunk.parseJsonSteps(text)) : JSON.parse(text);
}

import type { RenderPopup } from '../render/view';
import type { Engagement } from '../engagement';
import type { formatConfigError } from '../rules/config-messages';
import type { mountInspector } from '../debug/mount-inspector';
import { chunkUrl } from './chunk-url';

/**
 * The package version, written in by the build (rollup.config.mjs). Chunk URLs carry it, so a
 * core from one release never runs with a chunk of another from a cache.
 */
declare const __SEGMINT_VERSION__: string;

const loading = new Map<string, Promise<unknown>>();

/**
 * Fetches one chunk of the script-tag build, an ES module beside `segmint.js`, by dynamic
 * `import()`. `import()` is not a Trusted Types sink, so this works under
 * `require-trusted-types-for 'script'`; from another origin (a CDN) the chunks need CORS headers,
 * as every module does. A failed load is not cached: the next need tries again.
 */
function importChunk<T>(file: string, what: string): Promise<T> {
  const url = chunkUrl(`${file}?v=${__SEGMINT_VERSION__}`);
  if (!url) return Promise.reject(new Error(`the ${what} cannot be located: segmint.js was not loaded by a script tag`));
  let pending = loading.get(file);
  if (!pending) {
    pending = import(/* @vite-ignore */ url).catch((error: unknown) => {
      loading.delete(file);
      throw new Error(`the ${what} could not be loaded from ${url}`, { cause: error });
    });
    loading.set(file, pending);
  }
  return pending as Promise<T>;
}

/** `segmint-popup.js`: Preact, the popup components and their CSS. */
export function loadRenderer(): Promise<RenderPopup> {
  return importChunk<{ mountPopup: RenderPopup }>('segmint-popup.js', 'popup renderer').then((module) => module.mountPopup);
}

/** `segmint-engage.js`: waiting triggers and the popup lifecycle. */
export function loadEngagement(): Promise<Engagement> {
  return importChunk<{ engagement: Engagement }>('segmint-engage.js', 'campaign code').then((module) => module.engagement);
}

/** `segmint-diagnose.js`: the config error messages. */
export function loadDiagnostics(): Promise<typeof formatConfigError> {
  return importChunk<{ formatConfigError: typeof formatConfigError }>('segmint-diagnose.js', 'config diagnostics').then((module) => module.formatConfigError);
}

/** `segmint-inspect.js`: the debug panel. */
export function loadInspector(): Promise<typeof mountInspector> {
  return importChunk<{ mountInspector: typeof mountInspector }>('segmint-inspect.js', 'inspector').then((module) => module.mountInspector);
}

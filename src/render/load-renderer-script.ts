import type { RenderPopup } from './view';
import { getRendererUrl } from './renderer-url';

let loading: Promise<RenderPopup> | undefined;

/**
 * The script-tag build's renderer: `segmint-popup.js` beside `segmint.js`, an ES module fetched
 * by dynamic `import()` only when a popup is about to show (or is likely to). `import()` is not a
 * Trusted Types sink, so this works under `require-trusted-types-for 'script'`; from another
 * origin (a CDN) the chunk needs CORS headers, as every module does. A failed load is not cached:
 * the next popup tries again.
 */
export function loadRenderer(): Promise<RenderPopup> {
  const url = getRendererUrl();
  if (!url) return Promise.reject(new Error('the popup renderer cannot be located: segmint.js was not loaded by a script tag'));
  loading ??= import(/* @vite-ignore */ url).then(
    (module: { mountPopup: RenderPopup }) => module.mountPopup,
    (error: unknown) => {
      loading = undefined;
      throw new Error(`the popup renderer could not be loaded from ${url}`, { cause: error });
    },
  );
  return loading;
}

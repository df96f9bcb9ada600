import type { RenderPopup } from './view';

/**
 * The renderer (Preact, components, CSS) behind one dynamic import, so the decision path never
 * depends on it: bundlers of the npm entry split it into its own chunk. (The script-tag build swaps
 * this module for load-renderer-script.ts, which fetches `segmint-popup.js`.)
 */
export function loadRenderer(): Promise<RenderPopup> {
  return import('./mount').then((module) => module.mountPopup);
}

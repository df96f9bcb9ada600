import type { RenderPopup } from './view';

/**
 * The renderer (Preact, components, CSS) behind one dynamic import, so the decision path never
 * depends on it and a build can split it into a chunk fetched only when a popup is about to show.
 */
export function loadRenderer(): Promise<RenderPopup> {
  return import('./mount').then((module) => module.mountPopup);
}

import type { RenderPopup } from '../render/view';
import type { Engagement } from '../engagement';
import type { formatConfigError } from '../rules/config-messages';
import type { mountInspector } from '../debug/mount-inspector';

/*
 * The parts of segmint a page needs only sometimes, each behind one dynamic import so the path
 * every visitor takes never depends on them. Bundlers of the npm entry split each into its own
 * chunk. The script-tag build swaps this module for load-chunks-script.ts, which fetches the files
 * beside `segmint.js`.
 */

/** Preact, the popup components and their CSS: needed once a popup is about to show. */
export function loadRenderer(): Promise<RenderPopup> {
  return import('../render/mount').then((module) => module.mountPopup);
}

/** Waiting triggers and the popup lifecycle: needed once the visitor qualifies for a campaign. */
export function loadEngagement(): Promise<Engagement> {
  return import('../engagement').then((module) => module.engagement);
}

/** The config error messages: needed only to describe a config's errors. */
export function loadDiagnostics(): Promise<typeof formatConfigError> {
  return import('../rules/config-messages').then((module) => module.formatConfigError);
}

/** The debug panel: needed only when the page asks for it (`?segmint=debug`, `data-debug`). */
export function loadInspector(): Promise<typeof mountInspector> {
  return import('../debug/mount-inspector').then((module) => module.mountInspector);
}

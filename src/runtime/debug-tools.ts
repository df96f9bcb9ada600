import type { Segmint } from '../types';
import type { Runtime } from './runtime';
import { readDebugRequest } from '../debug/debug-request';

/**
 * `?segmint=preview:<id>` shows one campaign; `?segmint=debug` or `data-debug` opens the
 * inspector (SPEC §9), its own chunk. Returns the inspector's unmount, once mounted.
 */
export function openDebugTools(rt: Runtime, instance: Pick<Segmint, 'explain' | 'show' | 'on'>, onMounted: (unmount: () => void) => void): void {
  const request = readDebugRequest(window.location.search, rt.options.debug);
  if (request.preview) instance.show(request.preview);
  if (!request.inspect) return;
  rt.loadChunk('inspect').then(({ mountInspector }) => {
    if (rt.state.destroyed) return;
    const { explain, show, on } = instance;
    const { campaigns, defaultLocale } = rt.session.prepared;
    onMounted(mountInspector({ explain, show, on, campaigns, defaultLocale }));
  }).catch(rt.report);
}

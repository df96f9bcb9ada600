import type { Segmint } from '../types';
import type { Runtime } from './runtime';
import type { DebugRequest } from '../debug/debug-request';

/**
 * `?segmint=preview:<id>` shows one campaign; `?segmint=debug` or `data-debug` opens the
 * inspector (SPEC §9), its own chunk. In the `explain` chunk, which both load anyway (a preview
 * is a `show()`, the inspector calls `explain()`): the core only reads the request. Returns the
 * inspector's unmount, once mounted.
 */
export function openDebugTools(rt: Runtime, request: DebugRequest, instance: Pick<Segmint, 'explain' | 'show' | 'on'>, onMounted: (unmount: () => void) => void): void {
  if (request.preview) instance.show(request.preview);
  if (!request.inspect) return;
  rt.loadChunk('inspect').then(({ mountInspector }) => {
    if (rt.state.destroyed) return;
    const { explain, show, on } = instance;
    const { campaigns, defaultLocale } = rt.session.prepared;
    onMounted(mountInspector({ explain, show, on, campaigns, defaultLocale }));
  }).catch(rt.report);
}

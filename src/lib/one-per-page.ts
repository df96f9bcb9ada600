import type { Segmint } from '../types';

/** Where the running instance is kept: a registered symbol, shared by every copy of segmint on the page. */
const RUNNING = Symbol.for('segmint.running');
type Host = { [RUNNING]?: Segmint };

/**
 * One segmint per page (RELIABILITY §32). The script tag and the npm package on one page, or two
 * bundles that each include segmint, would otherwise count every page view and GA4 event twice
 * and show two popups. The first instance to start runs; one started after it warns once and passes
 * every later call on to the running one. Destroying the running instance frees the page.
 */
export function onePerPage(own: Segmint, host: Host): Segmint {
  let target = own;
  const facade = {} as Record<keyof Segmint, (...args: unknown[]) => unknown>;
  for (const method of Object.keys(own) as (keyof Segmint)[]) {
    facade[method] = (...args) => (target[method] as (...a: unknown[]) => unknown)(...args);
  }
  facade.start = () => {
    const running = host[RUNNING];
    if (!running || running === (facade as unknown as Segmint)) {
      host[RUNNING] = facade as unknown as Segmint;
      return own.start();
    }
    if (target === own) {
      console.warn('[segmint] already running on this page; this instance passes its calls on');
      own.destroy();
      target = running;
    }
    return running.start();
  };
  facade.destroy = () => {
    if (host[RUNNING] === (facade as unknown as Segmint)) delete host[RUNNING];
    if (target === own) own.destroy();
  };
  return facade as unknown as Segmint;
}

import { readGa4Event, mapGa4Event } from './ga4-events';

type Track = (name: string, props: Record<string, unknown>) => void;
type Push = (...entries: unknown[]) => unknown;

/**
 * Reads the GA4 e-commerce events a storefront already sends to Google Tag Manager or gtag.js
 * as if they were tracked (SPEC §4): those pushed before segmint loaded and after, each entry
 * once. Returns the function that stops it. The host's `dataLayer.push` keeps its behaviour and
 * return value whatever happens in here; segmint's own failures go to `onError`.
 */
export function watchDataLayer(win: Window, track: Track, onError?: (error: unknown) => void): () => void {
  const layer = (win as Window & { dataLayer?: unknown }).dataLayer as unknown[] | undefined;
  // No dataLayer means no GTM or gtag snippet has run, and we do not create one: other scripts
  // take its presence to mean a tag manager is installed. The cost: a GTM snippet that runs after
  // segmint is not bridged. Its documented place is the top of <head>, before any async script.
  if (!Array.isArray(layer)) return () => {};

  const report = (error: unknown) => {
    try {
      onError?.(error);
    } catch {
      // The host's push must survive a broken error handler too.
    }
  };
  // Entries reach us twice when GTM's push calls the one it found (ours), and hosts re-push objects.
  const seen = new WeakSet<object>();
  const handle = (entry: unknown) => {
    try {
      if (typeof entry !== 'object' || entry === null || seen.has(entry)) return;
      seen.add(entry);
      const event = readGa4Event(entry);
      if (!event) return;
      for (const [name, props] of mapGa4Event(event[0], event[1])) {
        try {
          track(name, props);
        } catch (error) {
          report(error);
        }
      }
    } catch (error) {
      report(error);
    }
  };

  // GTM assigns its own `push` when it loads, wrapping whatever it finds there, and some hosts
  // assign one that does not chain at all. So `push` becomes an accessor: an assignment sets the
  // target, and reading gives our wrapper around the current target. A wrapper per target (not
  // one forwarding to "the latest") matters: GTM's push calls the wrapper it captured, which must
  // call the push GTM wrapped, not GTM's again. An accessor already there (another bridge) keeps
  // holding the target: we read and assign through it.
  const previous = Object.getOwnPropertyDescriptor(layer, 'push');
  const isAccessor = !!previous && !('value' in previous);
  let target = layer.push as unknown;
  const readTarget = () => (isAccessor ? previous?.get?.call(layer) : target);
  let stopped = false;
  const wrappers = new WeakMap<Push, Push>();
  const wrap = (fn: Push): Push => {
    let wrapper = wrappers.get(fn);
    if (!wrapper) {
      wrapper = function (this: unknown, ...entries: unknown[]) {
        try {
          return fn.apply(this, entries);
        } finally {
          if (!stopped) for (let i = 0; i < entries.length; i++) handle(entries[i]);
        }
      };
      wrappers.set(fn, wrapper);
    }
    return wrapper;
  };
  const get = () => {
    const fn = readTarget();
    return typeof fn === 'function' ? wrap(fn as Push) : fn;
  };
  const set = (value: unknown) => void (isAccessor ? previous?.set?.call(layer, value) : (target = value));
  let installed = false;
  try {
    Object.defineProperty(layer, 'push', { configurable: true, enumerable: previous?.enumerable ?? false, get, set });
    installed = true;
  } catch (error) {
    // A frozen dataLayer or a non-configurable push: read what is there, leave the rest alone.
    report(error);
  }
  for (let i = 0; i < layer.length; i++) handle(layer[i]);

  return () => {
    if (stopped) return;
    stopped = true;
    // If someone redefined `push` after us, theirs stays; our wrappers in their chain pass through.
    if (!installed || Object.getOwnPropertyDescriptor(layer, 'push')?.get !== get) return;
    try {
      if (isAccessor) Object.defineProperty(layer, 'push', previous as PropertyDescriptor);
      else if (!previous && target === Object.getPrototypeOf(layer).push) delete (layer as { push?: unknown }).push;
      else Object.defineProperty(layer, 'push', { value: target, writable: true, enumerable: previous?.enumerable ?? true, configurable: true });
    } catch (error) {
      report(error);
    }
  };
}

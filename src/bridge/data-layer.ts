import { isPlainObject } from '../lib/is-plain-object';

type Track = (name: string, props: Record<string, unknown>) => void;
type Push = (...entries: unknown[]) => unknown;
type Props = Record<string, unknown>;

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

/** The GA4 event name and parameters of a dataLayer entry, in the shape GTM or gtag.js pushes. */
function readGa4Event(entry: object): [string, Props] | undefined {
  // gtag.js pushes its `arguments`: gtag('event', 'add_to_cart', { currency, value, items }).
  if (Array.isArray(entry) || Object.prototype.toString.call(entry) === '[object Arguments]') {
    const args = entry as ArrayLike<unknown>;
    return args[0] === 'event' && typeof args[1] === 'string' && isPlainObject(args[2]) ? [args[1], args[2]] : undefined;
  }
  // GTM: { event, ecommerce }. Its `{ ecommerce: null }` pushes only clear GTM's merged state.
  const { event, ecommerce } = entry as Props;
  return typeof event === 'string' && isPlainObject(ecommerce) ? [event, ecommerce] : undefined;
}

interface Item {
  id: string;
  name?: string;
  category?: string;
  price?: number;
  quantity?: number;
}

/** SPEC §4 events for one GA4 e-commerce event; none for other events or unusable parameters. */
function mapGa4Event(name: string, params: Props): [string, Props][] {
  const items = readItems(params.items);
  const currency = readCurrency(params.currency);
  switch (name) {
    case 'view_item': {
      const item = items[0];
      return item ? [[name, compact({ id: item.id, name: item.name, category: item.category, price: item.price, currency })]] : [];
    }
    case 'view_item_list': {
      const category = readText(params.item_list_name) ?? readText(params.item_list_id) ?? items[0]?.category;
      return category ? [[name, { category }]] : [];
    }
    case 'add_to_cart':
    case 'remove_from_cart':
      return items.map((item) => [name, compact({ id: item.id, name: item.name, price: item.price, quantity: item.quantity, currency })]);
    case 'purchase': {
      // GA4 takes `value` as the revenue; without it, the items' total is the best we have.
      const value = readNumber(params.value) ?? (items.length ? items.reduce((sum, item) => sum + (item.price ?? 0) * (item.quantity ?? 1), 0) : undefined);
      if (value === undefined) return [];
      const bought = items.map((item) => compact({ id: item.id, price: item.price, quantity: item.quantity }));
      return [[name, compact({ value, currency, items: bought, transactionId: readId(params.transaction_id) })]];
    }
    default:
      return [];
  }
}

/** GA4 `items[]` that carry an `item_id`; the others cannot be counted in a profile. */
function readItems(value: unknown): Item[] {
  const items: Item[] = [];
  if (!Array.isArray(value)) return items;
  for (let i = 0; i < value.length; i++) {
    const raw = value[i];
    const id = isPlainObject(raw) ? readId(raw.item_id) : undefined;
    if (!isPlainObject(raw) || id === undefined) continue;
    items.push({ id, name: readText(raw.item_name), category: readText(raw.item_category), price: readNumber(raw.price), quantity: readNumber(raw.quantity) });
  }
  return items;
}

const readText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

const readId = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : readText(value));

/** Prices are often pushed as strings ("49.90") by shop templates. */
function readNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

const readCurrency = (value: unknown) => (typeof value === 'string' && /^[a-z]{3}$/i.test(value.trim()) ? value.trim().toUpperCase() : undefined);

function compact(props: Props): Props {
  const result: Props = {};
  for (const key of Object.keys(props)) if (props[key] !== undefined) result[key] = props[key];
  return result;
}

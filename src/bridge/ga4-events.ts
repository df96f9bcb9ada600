import { isPlainObject } from '../lib/is-plain-object';
import { readId } from '../lib/read-id';
import { normalizeCurrency } from '../signals/currency';

type Props = Record<string, unknown>;

/** The GA4 event name and parameters of a dataLayer entry, in the shape GTM or gtag.js pushes. */
export function readGa4Event(entry: object): [string, Props] | undefined {
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
export function mapGa4Event(name: string, params: Props): [string, Props][] {
  const items = readItems(params.items);
  const currency = normalizeCurrency(params.currency) ?? undefined;
  switch (name) {
    case 'view_item': {
      const item = items[0];
      return item ? [[name, compact({ ...item, quantity: undefined, currency })]] : [];
    }
    case 'view_item_list': {
      // The items' own category first: list names are often "Related products" or "Search results".
      const category = items[0]?.category ?? readText(params.item_list_name) ?? readText(params.item_list_id);
      return category ? [[name, { category }]] : [];
    }
    case 'add_to_cart':
    case 'remove_from_cart':
      return items.map((item) => [name, compact({ ...item, category: undefined, currency })]);
    case 'purchase': {
      // GA4 takes `value` as the revenue; without it, the items' total is the best we have.
      const value = readNumber(params.value) ?? (items.length ? items.reduce((sum, item) => sum + (item.price ?? 0) * (item.quantity ?? 1), 0) : undefined);
      if (value === undefined) return [];
      const bought = items.map((item) => compact({ ...item, name: undefined, category: undefined }));
      return [[name, compact({ value, currency, items: bought, transactionId: readId(params.transaction_id) })]];
    }
    default:
      return [];
  }
}

/** GA4 `items[]` that carry an `item_id`; the others cannot be counted in a profile. Each event picks its fields by leaving the others undefined (`compact`), in this order. */
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


/** Prices are often pushed as strings ("49.90") by shop templates. */
function readNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function compact(props: Props): Props {
  const result: Props = {};
  for (const key of Object.keys(props)) if (props[key] !== undefined) result[key] = props[key];
  return result;
}

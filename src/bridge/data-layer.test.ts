import { describe, expect, it, vi } from 'vitest';
import { watchDataLayer } from './data-layer';

type Layer = Omit<unknown[], 'push'> & { push: (...entries: unknown[]) => unknown };

/** A window with only what the bridge reads, and a record of what it tracked. */
function setUp(entries: unknown[] | Layer = [], withLayer = true) {
  const win = (withLayer ? { dataLayer: entries } : {}) as unknown as Window & { dataLayer: Layer };
  const tracked: [string, Record<string, unknown>][] = [];
  const errors: unknown[] = [];
  const stop = watchDataLayer(win, (name, props) => void tracked.push([name, props]), (error) => void errors.push(error));
  return { win, layer: win.dataLayer, tracked, errors, stop };
}

/** What GTM's gtm.js does when it loads: capture the current push, assign one that calls it. */
function loadGtm(layer: Layer) {
  const seen: unknown[] = [];
  const captured = layer.push;
  const push = function (this: unknown, ...entries: unknown[]) {
    const result = captured.apply(this, entries);
    seen.push(...entries);
    return result;
  };
  layer.push = push;
  return { seen, push };
}

const tent = { item_id: 'SKU-1', item_name: 'Trail tent', item_category: 'Tents', price: 249, quantity: 1 };
const mat = { item_id: 'SKU-2', item_name: 'Sleeping mat', item_category: 'Mats', price: '39.90', quantity: 2 };
const addToCart = () => ({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 249, items: [tent] } });
const tentInCart = ['add_to_cart', { id: 'SKU-1', name: 'Trail tent', price: 249, quantity: 1, currency: 'EUR' }];

describe('watchDataLayer: reading each entry once', () => {
  it('tracks entries pushed before segmint loaded, once', () => {
    const { layer, tracked } = setUp([{ event: 'gtm.js' }, addToCart()]);
    expect(tracked).toEqual([tentInCart]);
    layer.push({ event: 'gtm.dom' });
    expect(tracked).toHaveLength(1);
  });

  it('tracks entries pushed after, keeping push\'s behaviour and return value', () => {
    const { layer, tracked } = setUp([{ event: 'gtm.js' }]);
    expect(layer.push(addToCart(), { event: 'other' })).toBe(3);
    expect(layer).toHaveLength(3);
    expect(tracked).toEqual([tentInCart]);
  });

  it('tracks an entry object pushed twice only once', () => {
    const entry = addToCart();
    const { layer, tracked } = setUp([entry]);
    layer.push(entry);
    expect(tracked).toHaveLength(1);
  });

  it('does nothing, and creates nothing, when the page has no dataLayer', () => {
    const { win, stop } = setUp([], false);
    expect('dataLayer' in win).toBe(false);
    expect(stop).not.toThrow();
  });

  it('gives the same push function on every read', () => {
    const { layer } = setUp();
    expect(layer.push).toBe(layer.push);
  });
});

describe('watchDataLayer: living with GTM and other hosts\' push', () => {
  it('keeps events flowing when GTM replaces push after segmint loaded', () => {
    const { layer, tracked } = setUp([{ event: 'gtm.js' }]);
    const gtm = loadGtm(layer);
    const entry = addToCart();
    expect(layer.push(entry)).toBe(2);
    expect(layer[1]).toBe(entry);
    expect(gtm.seen).toEqual([entry]);
    expect(tracked).toEqual([tentInCart]);
  });

  it('keeps events flowing when GTM loaded first, calling GTM\'s push with the same arguments', () => {
    const layer = [{ event: 'gtm.js' }] as unknown as Layer;
    const gtm = loadGtm(layer);
    const { tracked } = setUp(layer);
    const entry = addToCart();
    expect(layer.push(entry)).toBe(2);
    expect(gtm.seen).toEqual([entry]);
    expect(tracked).toEqual([tentInCart]);
  });

  it('survives a second container wrapping again, without loops or duplicates', () => {
    const { layer, tracked } = setUp();
    const first = loadGtm(layer);
    const second = loadGtm(layer);
    layer.push(addToCart());
    expect([first.seen.length, second.seen.length, layer.length]).toEqual([1, 1, 1]);
    expect(tracked).toEqual([tentInCart]);
  });

  it('still sees pushes when a host assigns a push that does not chain to the previous one', () => {
    const { layer, tracked } = setUp();
    const own = vi.fn(() => 'host result');
    layer.push = own;
    const entry = addToCart();
    expect(layer.push(entry)).toBe('host result');
    expect(own).toHaveBeenCalledWith(entry);
    expect(tracked).toEqual([tentInCart]);
  });

  it('never breaks the host\'s push when tracking throws, and reports the error', () => {
    const layer = [] as unknown as Layer;
    const errors: unknown[] = [];
    const boom = new Error('track failed');
    watchDataLayer({ dataLayer: layer } as unknown as Window, () => { throw boom; }, (error) => void errors.push(error));
    const entry = { event: 'add_to_cart', ecommerce: { items: [tent, mat] } };
    expect(layer.push(entry)).toBe(1);
    expect(layer[0]).toBe(entry);
    expect(errors).toEqual([boom, boom]);
  });

  it('never breaks the host\'s push when the onError handler throws too', () => {
    const layer = [] as unknown as Layer;
    const fail = () => { throw new Error('nope'); };
    watchDataLayer({ dataLayer: layer } as unknown as Window, fail, fail);
    expect(layer.push(addToCart())).toBe(1);
  });

  it('lets an error from the host\'s own push reach its caller unchanged', () => {
    const { layer } = setUp();
    const error = new Error('host push failed');
    layer.push = () => { throw error; };
    expect(() => layer.push({ event: 'x' })).toThrow(error);
  });

  it('reads what is there when push cannot be redefined', () => {
    const layer = Object.freeze([addToCart()]) as unknown as Layer;
    const tracked: unknown[] = [];
    const errors: unknown[] = [];
    const stop = watchDataLayer({ dataLayer: layer } as unknown as Window, (name) => void tracked.push(name), (error) => void errors.push(error));
    expect(tracked).toEqual(['add_to_cart']);
    expect(errors).toHaveLength(1);
    expect(stop).not.toThrow();
  });
});

describe('watchDataLayer: stop', () => {
  it('puts the array\'s own push back and stops tracking', () => {
    const { layer, tracked, stop } = setUp();
    stop();
    expect(Object.prototype.hasOwnProperty.call(layer, 'push')).toBe(false);
    expect(layer.push(addToCart())).toBe(1);
    expect(tracked).toEqual([]);
  });

  it('leaves GTM\'s push (assigned after segmint) in place and working', () => {
    const { layer, tracked, stop } = setUp();
    const gtm = loadGtm(layer);
    stop();
    expect(layer.push).toBe(gtm.push);
    expect(layer.push(addToCart())).toBe(1);
    expect(gtm.seen).toHaveLength(1);
    expect(tracked).toEqual([]);
  });

  it('puts GTM\'s push (there before segmint) back', () => {
    const layer = [] as unknown as Layer;
    const gtm = loadGtm(layer);
    const { stop } = setUp(layer);
    stop();
    expect(Object.getOwnPropertyDescriptor(layer, 'push')).toMatchObject({ value: gtm.push, writable: true });
  });

  it('leaves a push accessor defined after segmint alone', () => {
    const { layer, tracked, stop } = setUp();
    const ours = layer.push;
    const theirs = (...entries: unknown[]) => ours.apply(layer, entries);
    Object.defineProperty(layer, 'push', { configurable: true, get: () => theirs });
    stop();
    expect(layer.push).toBe(theirs);
    expect(layer.push(addToCart())).toBe(1);
    expect(tracked).toEqual([]);
  });

  it('works through a push accessor defined before segmint, and puts it back', () => {
    const layer = [] as unknown as Layer;
    let held: unknown = Array.prototype.push;
    const descriptor = { configurable: true, enumerable: false, get: () => held, set: (value: unknown) => void (held = value) };
    Object.defineProperty(layer, 'push', descriptor);
    const { tracked, stop } = setUp(layer);
    const gtm = loadGtm(layer);
    expect(held).toBe(gtm.push);
    layer.push(addToCart());
    expect(tracked).toEqual([tentInCart]);
    stop();
    expect(Object.getOwnPropertyDescriptor(layer, 'push')?.get).toBe(descriptor.get);
  });
});

describe('watchDataLayer: GA4 to SPEC §4', () => {
  const readOne = (entry: unknown) => setUp([entry]).tracked;

  it('reads gtag\'s arguments objects and plain arrays', () => {
    const { layer, tracked } = setUp([['js', new Date()], ['config', 'G-1']]);
    function gtag(..._args: unknown[]) {
      // gtag.js's own snippet pushes `arguments`, not an array.
      layer.push(arguments);
    }
    gtag('event', 'add_to_cart', { currency: 'EUR', items: [tent] });
    layer.push(['event', 'view_item_list', { item_list_name: 'Tents' }]);
    gtag('event', 'page_view', { page_title: 'x' });
    expect(tracked).toEqual([['add_to_cart', { id: 'SKU-1', name: 'Trail tent', price: 249, quantity: 1, currency: 'EUR' }], ['view_item_list', { category: 'Tents' }]]);
  });

  it('maps view_item to the first item', () => {
    expect(readOne({ event: 'view_item', ecommerce: { currency: 'eur', value: 249, items: [tent, mat] } })).toEqual([
      ['view_item', { id: 'SKU-1', name: 'Trail tent', category: 'Tents', price: 249, currency: 'EUR' }],
    ]);
  });

  it.each([
    // The items' category wins: list names are often "Related products" or "Search results".
    [{ item_list_name: 'Related products', item_list_id: 'related', items: [mat] }, 'Mats'],
    [{ item_list_name: 'Tents', item_list_id: 'tents', items: [] }, 'Tents'],
    [{ item_list_id: 'tents' }, 'tents'],
    [{ items: [mat] }, 'Mats'],
  ])('maps view_item_list to a category (%o)', (ecommerce, category) => {
    expect(readOne({ event: 'view_item_list', ecommerce })).toEqual([['view_item_list', { category }]]);
  });

  it('tracks add_to_cart and remove_from_cart once per item, reading prices pushed as strings', () => {
    const { layer, tracked } = setUp([{ event: 'add_to_cart', ecommerce: { currency: 'EUR', items: [tent, mat] } }]);
    layer.push({ event: 'remove_from_cart', ecommerce: { items: [{ item_id: 7, quantity: 1 }] } });
    expect(tracked).toEqual([
      tentInCart,
      ['add_to_cart', { id: 'SKU-2', name: 'Sleeping mat', price: 39.9, quantity: 2, currency: 'EUR' }],
      ['remove_from_cart', { id: '7', quantity: 1 }],
    ]);
  });

  it('maps purchase to value, currency, items and transaction id', () => {
    expect(readOne({ event: 'purchase', ecommerce: { transaction_id: 'T-1', value: 328.8, currency: 'EUR', tax: 5, items: [tent, mat] } })).toEqual([
      ['purchase', { value: 328.8, currency: 'EUR', transactionId: 'T-1', items: [{ id: 'SKU-1', price: 249, quantity: 1 }, { id: 'SKU-2', price: 39.9, quantity: 2 }] }],
    ]);
  });

  it('totals the items of a purchase pushed without a value', () => {
    expect(readOne({ event: 'purchase', ecommerce: { items: [tent, mat] } })[0][1]).toMatchObject({ value: 328.8 });
  });

  it('ignores GTM\'s ecommerce reset, other events and non-e-commerce pushes', () => {
    expect(readOne({ ecommerce: null })).toEqual([]);
    expect(readOne({ event: 'add_to_cart', ecommerce: null })).toEqual([]);
    expect(readOne({ event: 'select_promotion', ecommerce: { items: [tent] } })).toEqual([]);
    expect(readOne({ event: 'gtm.click', 'gtm.element': {} })).toEqual([]);
    expect(readOne(['consent', 'default', { ad_storage: 'denied' }])).toEqual([]);
  });

  it.each([
    ['a string', 'add_to_cart'],
    ['null', null],
    ['items that are not a list', { event: 'add_to_cart', ecommerce: { items: 'SKU-1' } }],
    ['items without an id', { event: 'view_item', ecommerce: { items: [{ item_name: 'Tent' }, null, 3] } }],
    ['a purchase with neither value nor items', { event: 'purchase', ecommerce: { currency: 'EUR' } }],
    ['a list with no name or category', { event: 'view_item_list', ecommerce: { items: [] } }],
    ['ecommerce that is a string', { event: 'purchase', ecommerce: 'yes' }],
    ['gtag arguments without parameters', ['event', 'purchase']],
  ])('ignores a malformed entry silently: %s', (_, entry) => {
    const { tracked, errors } = setUp([entry]);
    expect([tracked, errors]).toEqual([[], []]);
  });

  it('drops unusable fields but keeps the event', () => {
    expect(readOne({ event: 'view_item', ecommerce: { currency: 'euro', items: [{ item_id: 'A', price: 'free', quantity: Infinity, item_name: '' }] } })).toEqual([['view_item', { id: 'A' }]]);
  });

  it('reports an entry whose getter throws and keeps reading the others', () => {
    const hostile = Object.defineProperty({}, 'event', { get: () => { throw new Error('hostile'); } });
    const { tracked, errors } = setUp([hostile, addToCart()]);
    expect(tracked).toEqual([tentInCart]);
    expect(errors).toHaveLength(1);
  });
});

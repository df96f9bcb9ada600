import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';

// Unit tests have no server beside the script: the chunks come from the modules, as in a bundle
// (tests/e2e/chunks.spec.ts fetches the real files).
vi.mock('./chunks/script-chunks', async () => {
  const { loadBundledChunk } = await import('./chunks/bundled-chunks');
  return { createScriptChunkLoader: () => loadBundledChunk };
});

type Global = typeof window & { segmint?: any; segmintSDK?: any };
const win = window as Global;

const config = {
  version: 1,
  defaultLocale: 'en',
  segments: { gold: { 'traits.tier': 'gold' } },
  campaigns: [
    { id: 'after-add', audience: { segment: 'gold' }, trigger: { on: 'event', event: 'add_to_cart' }, content: { en: { title: 'Added' } } },
  ],
};

/** Sets up the page the way the snippet leaves it: an inline config, our script tag, the stub and its queue. */
function preparePage(queue: unknown[][], attributes: Record<string, string> = {}): void {
  document.body.innerHTML = `<script type="application/json" id="segmint-config">${JSON.stringify(config)}</script>`;
  const tag = document.createElement('script');
  tag.setAttribute('data-segmint-test', '');
  for (const [name, value] of Object.entries(attributes)) tag.setAttribute(name, value);
  // findOwnScript falls back to a script whose src names segmint; a non-JS type keeps happy-dom from loading it.
  tag.type = 'text/x-test';
  tag.setAttribute('src', '/cdn/segmint.js');
  document.head.appendChild(tag);
  const stub: any = function (...args: unknown[]) {
    (stub.q = stub.q || []).push(args);
  };
  win.segmint = stub;
  for (const call of queue) stub(...call);
}

async function loadScript(): Promise<void> {
  vi.resetModules();
  await import('./loader');
}

describe('the script-tag loader', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  afterEach(() => {
    win.segmint?.destroy?.();
    delete win.segmint;
    delete win.segmintSDK;
    document.head.querySelectorAll('[data-segmint-test]').forEach((tag) => tag.remove());
  });

  it('replays queued calls in order once started, then keeps the global working', async () => {
    const seen: string[] = [];
    preparePage([
      ['on', 'impression', (payload: { campaign: string }) => seen.push(`impression:${payload.campaign}`)],
      ['track', 'wishlist_add'],
      ['identify', { tier: 'gold' }],
      ['track', 'add_to_cart', { id: 'SKU-1', price: 10 }],
      ['track', 'wishlist_add'],
    ]);
    await loadScript();
    const profile = await win.segmint.profile();
    expect(profile.events).toEqual({ wishlist_add: 2 });
    expect(profile.traits).toEqual({ tier: 'gold' });
    expect(profile.cartItems).toEqual(['SKU-1']);
    // The impression waits on the engage and popup chunks: seconds, not vi.waitFor's 1 s, on a loaded machine.
    await vi.waitFor(() => expect(seen).toEqual(['impression:after-add']), { timeout: 15_000 });

    win.segmint('track', 'after_load');
    win.segmint.track('after_load');
    expect((await win.segmint.profile()).events.after_load).toBe(2);
  }, 30_000);

  it('warns about and drops an unknown queued method without stopping the rest', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    preparePage([['frobnicate', 1], ['track', 'still_counted']]);
    await loadScript();
    expect((await win.segmint.profile()).events).toEqual({ still_counted: 1 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('unknown method "frobnicate"'));
  });

  it('knows only the API\'s own methods: nothing reached through a prototype, nothing off the global', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    preparePage([['toString'], ['constructor'], ['__proto__'], ['hasOwnProperty', 'track'], ['_segmint'], ['track', 'still_counted']]);
    await loadScript();
    expect((await win.segmint.profile()).events).toEqual({ still_counted: 1 });
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', '_segmint']) {
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`unknown method "${name}"`));
    }
    expect(win.segmint('explain')).toBeInstanceOf(Promise);
  });

  it('honours data-locale, data-country and data-currency', async () => {
    preparePage([], { 'data-locale': 'de-at', 'data-country': 'ch', 'data-currency': 'chf' });
    await loadScript();
    const { signals } = await win.segmint.explain();
    expect(signals).toMatchObject({ locale: 'de-AT', language: 'de', country: 'CH', currency: 'CHF' });
  });

  it('starts one instance when loaded twice', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    preparePage([]);
    await loadScript();
    const first = win.segmint;
    await loadScript();
    expect(win.segmint).toBe(first);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('more than once'));
  });

  it('leaves a foreign window.segmint alone and answers as window.segmintSDK', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    preparePage([]);
    const foreign = { version: 'someone else' };
    win.segmint = foreign;
    await loadScript();
    expect(win.segmint).toBe(foreign);
    expect(typeof win.segmintSDK.track).toBe('function');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('segmintSDK'));
    win.segmintSDK.destroy();
    delete win.segmint;
  });

  it('replays the queue of a stub the host made read-only, and answers as window.segmintSDK', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    preparePage([['identify', { tier: 'gold' }], ['track', 'queued']]);
    const stub = win.segmint;
    Object.defineProperty(win, 'segmint', { value: stub, writable: false, configurable: true });
    await loadScript();
    expect(win.segmint).toBe(stub);
    const profile = await win.segmintSDK.profile();
    expect(profile.traits).toEqual({ tier: 'gold' });
    expect(profile.events).toEqual({ queued: 1 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('cannot be replaced; use window.segmintSDK'));
    win.segmintSDK.destroy();
    Object.defineProperty(win, 'segmint', { value: undefined, writable: true, configurable: true });
  });
});

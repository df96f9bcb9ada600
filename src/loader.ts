import type { Segmint, SegmintOptions } from './types';
import type { ChunkLoader } from './chunks/contract';
import { createInstance, type ConfigSource } from './create-segmint';
import { createScriptChunkLoader } from './chunks/script-chunks';
import { fetchConfig, readInlineConfig } from './config/load-config';

type Stub = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown[]>; _segmint?: true };
type Global = Window & { segmint?: unknown; segmintSDK?: unknown };

/**
 * The script-tag entry, and the only module with side effects: it reads the tag's `data-*`
 * attributes, starts one instance, replays the stub's queue in order and installs the global.
 */
function load(win: Global, script: HTMLScriptElement | null): void {
  const existing = win.segmint as Stub | undefined;
  if (existing && existing._segmint) {
    console.warn('[segmint] the script is included more than once; the first instance keeps running');
    return;
  }
  const isStub = existing === undefined || typeof existing === 'function';
  const queue = Array.from((isStub && existing?.q) || []);
  const options = readScriptOptions(script);
  // The chunks sit beside segmint.js.
  const loadChunk = createScriptChunkLoader(script?.src || win.document.baseURI);
  const instance = createInstance(options, createConfigSource(script, win.document, loadChunk), loadChunk);

  const api = function segmint(method: unknown, ...args: unknown[]) {
    // The instance's own methods are the API: nothing reached through its prototype (`toString`).
    const fn = typeof method === 'string' && Object.prototype.hasOwnProperty.call(instance, method) ? (instance as unknown as Record<string, (...a: unknown[]) => unknown>)[method] : undefined;
    if (!fn) {
      console.warn(`[segmint] unknown method ${JSON.stringify(method)} ignored`);
      return undefined;
    }
    return fn(...args);
  } as Stub & Segmint;
  Object.assign(api, instance, { _segmint: true });

  if (!isStub || !replaceGlobal(win, api)) {
    // Another script owns `window.segmint`, or froze it: leave it alone and answer under a second name.
    console.warn(`[segmint] window.segmint ${isStub ? 'cannot be replaced' : 'is taken by something else'}; use window.segmintSDK`);
    win.segmintSDK = api;
  }
  void instance.start();
  for (const args of queue) api(...(Array.from(args as ArrayLike<unknown>) as [unknown, ...unknown[]]));
}

/** Puts the API in place of the stub; false when the host made `window.segmint` read-only. */
function replaceGlobal(win: Global, api: unknown): boolean {
  try {
    win.segmint = api;
  } catch {
    return false;
  }
  return win.segmint === api;
}

function readScriptOptions(script: HTMLScriptElement | null): Omit<SegmintOptions, 'config'> {
  const read = (name: string) => script?.getAttribute(`data-${name}`) ?? undefined;
  return {
    locale: read('locale'),
    country: read('country'),
    currency: read('currency'),
    consent: read('consent') === 'required' ? 'required' : undefined,
    debug: script?.hasAttribute('data-debug') ?? false,
  };
}

function createConfigSource(script: HTMLScriptElement | null, doc: Document, loadChunk: ChunkLoader): ConfigSource {
  const url = script?.getAttribute('data-config');
  const stamped = script?.hasAttribute('data-config-checked');
  if (url) return { load: () => fetchConfig(url, doc.baseURI, loadChunk), cacheKey: new URL(url, doc.baseURI).href, stamped };
  return { stamped, load: async () => {
    // An async script may run before the parser reaches an inline config further down the page.
    if (doc.readyState === 'loading') await new Promise((resolve) => doc.addEventListener('DOMContentLoaded', resolve, { once: true }));
    const inline = await readInlineConfig(doc, loadChunk);
    if (inline === undefined) throw new Error('no config: set data-config on the script tag or add <script type="application/json" id="segmint-config">');
    return inline;
  } };
}

function findOwnScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return doc.querySelector<HTMLScriptElement>('script[src*="segmint"][data-config], script[src*="segmint"]');
}

try {
  if (typeof window !== 'undefined' && typeof document !== 'undefined') load(window as Global, findOwnScript(document));
} catch (error) {
  try {
    console.warn('[segmint] could not start:', error);
  } catch {
    // Nothing left to do safely.
  }
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import type { ChunkLoader, ChunkName } from '../chunks/contract';
import type { Config, Segmint } from '../types';
import { createInstance } from '../create-segmint';
import { loadBundledChunk } from '../chunks/bundled-chunks';

const config: Config = {
  version: 1,
  defaultLocale: 'en',
  campaigns: [{ id: 'welcome', trigger: { on: 'event', event: 'never' }, content: { en: { title: 'Welcome' } } }],
};

let instance: Segmint | undefined;
/** An instance whose chunk loads are noted, started on a page with this query. */
const unmount = vi.fn();
const mountInspector = vi.fn((_source: unknown) => unmount);

async function startWith(search: string, options: { debug?: boolean } = {}, explainArrives: Promise<unknown> = Promise.resolve()): Promise<{ loaded: ChunkName[] }> {
  history.replaceState(null, '', `/${search}`);
  const loaded: ChunkName[] = [];
  // The inspector itself is the inspect chunk's (and needs constructed stylesheets): here, a spy.
  const loadChunk = ((name) => {
    loaded.push(name);
    if (name === 'inspect') return Promise.resolve({ mountInspector });
    return name === 'explain' ? explainArrives.then(() => loadBundledChunk(name)) : loadBundledChunk(name);
  }) as ChunkLoader;
  const sm = (instance = createInstance(options, { load: async () => config }, loadChunk));
  await sm.start();
  return { loaded };
}

describe('the debug tools, opened from the explain chunk', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    mountInspector.mockClear();
    unmount.mockClear();
  });
  afterEach(() => {
    instance?.destroy();
    instance = undefined;
    document.body.innerHTML = '';
    history.replaceState(null, '', '/');
  });

  it('fetches no chunk for a query with its own %-escapes or another segmint value', async () => {
    const { loaded } = await startWith('?q=red%20shoes&segmint=nothing');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loaded).not.toContain('explain');
    expect(loaded).not.toContain('inspect');
    expect(loaded).not.toContain('popup');
  });

  it('?segmint=debug mounts the inspector, loaded after the explain chunk that opens it', async () => {
    const { loaded } = await startWith('?segmint=debug');
    await vi.waitFor(() => expect(mountInspector).toHaveBeenCalledTimes(1));
    expect(mountInspector.mock.calls[0][0]).toMatchObject({ campaigns: [expect.objectContaining({ id: 'welcome' })], defaultLocale: 'en' });
    expect(loaded.indexOf('explain')).toBeGreaterThanOrEqual(0);
    expect(loaded.indexOf('explain')).toBeLessThan(loaded.indexOf('inspect'));
    // Unmounted by destroy(), like anything the instance watches.
    instance!.destroy();
    expect(unmount).toHaveBeenCalledTimes(1);
  });

  it('data-debug (the debug option) mounts it without a query', async () => {
    const { loaded } = await startWith('', { debug: true });
    await vi.waitFor(() => expect(mountInspector).toHaveBeenCalledTimes(1));
    expect(loaded).not.toContain('popup');
  });

  it('?segmint=preview:<id> shows that campaign, without the inspector', async () => {
    const { loaded } = await startWith('?segmint=preview:welcome');
    // The popup's chunk, for a campaign whose trigger never fires: only the preview asks for it.
    await vi.waitFor(() => expect(loaded).toContain('popup'));
    expect(loaded).not.toContain('inspect');
    expect(mountInspector).not.toHaveBeenCalled();
  });

  it('mounts nothing once destroyed before the chunk arrived', async () => {
    let arrive = () => {};
    await startWith('?segmint=debug', {}, new Promise<void>((resolve) => (arrive = resolve)));
    instance!.destroy();
    arrive();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mountInspector).not.toHaveBeenCalled();
  });
});

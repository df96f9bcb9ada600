import type { Page } from '@playwright/test';

/** segmint's IndexedDB layout (src/profile/database.ts): one database, one key-value object store. */
export const DATABASE = 'segmint';
export const STORE = 'data';
export const PROFILE_KEY = 'profile';

/** The key under which the last valid config fetched from `url` is cached (src/config/config-cache.ts). */
export function configKey(page: Page, path = '/t/config.json'): string {
  return `config:${new URL(path, page.url()).href}`;
}

/**
 * Opens a same-origin page that does not load segmint, so that records can be written (or
 * storage inspected) before segmint ever runs on the origin.
 */
export async function openBlankPage(page: Page, path = '/t/blank'): Promise<void> {
  await page.route(`**${path}`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title><p>no segmint here</p>' }));
  await page.goto(path);
}

/** The names of the origin's databases, from `indexedDB.databases()` (which never creates one). */
export async function listDatabases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''));
}

/** True when the page's origin has segmint's database. */
export async function hasSegmintDatabase(page: Page): Promise<boolean> {
  return (await listDatabases(page)).includes(DATABASE);
}

/**
 * Reads one key of segmint's store straight from IndexedDB; undefined when the database, the
 * store or the key does not exist. Never creates the database, and closes its connection after
 * (an open connection would block segmint's `deleteDatabase`).
 */
export async function readStored(page: Page, key: string = PROFILE_KEY): Promise<unknown> {
  return page.evaluate(
    async ({ database, store, key }) => {
      if (!(await indexedDB.databases()).some((db) => db.name === database)) return undefined;
      const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
        const request = indexedDB.open(database);
        // It was deleted between the check and the open: do not create it.
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => (request.error?.name === 'AbortError' ? resolve(null) : reject(request.error));
        request.onblocked = () => reject(new Error('readStored: open blocked'));
      });
      if (!db) return undefined;
      db.onversionchange = () => db.close();
      try {
        if (!db.objectStoreNames.contains(store)) return undefined;
        return await new Promise<unknown>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).get(key);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      } finally {
        db.close();
      }
    },
    { database: DATABASE, store: STORE, key },
  );
}

/**
 * Writes one key of segmint's store straight into IndexedDB, creating the database and the store
 * when missing (as idb-keyval would), and closes the connection after.
 */
/** The last valid config kept under `key` (configKey), parsed: it is kept as the text it came as (config/load-config.ts). */
export async function readStoredConfig(page: Page, key: string): Promise<unknown> {
  const config = ((await readStored(page, key)) as { config?: unknown } | undefined)?.config;
  return typeof config === 'string' ? JSON.parse(config) : config;
}

export async function writeStored(page: Page, value: unknown, key: string = PROFILE_KEY): Promise<void> {
  await page.evaluate(
    async ({ database, store, key, value }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(database);
        request.onupgradeneeded = () => request.result.createObjectStore(store);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
        request.onblocked = () => reject(new Error('writeStored: open blocked'));
      });
      db.onversionchange = () => db.close();
      try {
        await new Promise<void>((resolve, reject) => {
          const transaction = db.transaction(store, 'readwrite');
          transaction.objectStore(store).put(value, key);
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
          transaction.onabort = () => reject(transaction.error ?? new Error('writeStored: transaction aborted'));
        });
      } finally {
        db.close();
      }
    },
    { database: DATABASE, store: STORE, key, value },
  );
}

/** Seeds segmint's database with `record` under `profile` from a page without segmint, before segmint first loads. */
export async function seedProfile(page: Page, record: unknown): Promise<void> {
  await openBlankPage(page);
  await writeStored(page, record);
}

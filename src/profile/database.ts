import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { withTimeout } from '../lib/with-timeout';

/** Safari 14 can leave `indexedDB.open` pending forever; after this long we give up (RELIABILITY §19). */
export const OPEN_TIMEOUT_MS = 3000;
/** The database segmint owns, with one key-value object store. */
export const DATABASE = 'segmint';
const STORE = 'data';

/** segmint's IndexedDB: key-value access that survives a closed connection once, and can erase itself. */
export interface Database {
  get(key: string): Promise<unknown>;
  /** Atomic read-modify-write of one key in one readwrite transaction. */
  update(key: string, change: (stored: unknown) => unknown): Promise<void>;
  /** Writes one key without reading what it held: a large value (a config) is not read back for nothing. */
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Closes the connection and deletes the whole database. */
  erase(): Promise<void>;
}

/**
 * Opens the database, or rejects when IndexedDB is missing, throws, is blocked or hangs.
 * A connection that closes under us (DevTools "Clear storage", a `db.close()`) is reopened once
 * per operation and the operation retried once: no retry storm.
 */
export async function openDatabase(): Promise<Database> {
  if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
  let store = connect();
  await withTimeout(read(store, 'probe'), OPEN_TIMEOUT_MS, 'opening IndexedDB');

  const withRetry = async <T>(operation: (store: UseStore) => Promise<T>, what: string): Promise<T> => {
    try {
      return await withTimeout(operation(store), OPEN_TIMEOUT_MS, what);
    } catch (error) {
      if (!isClosedConnection(error)) throw error;
      store = connect();
      return withTimeout(operation(store), OPEN_TIMEOUT_MS, what);
    }
  };

  return {
    get: (key) => withRetry((s) => read(s, key), 'reading IndexedDB'),
    update: (key, change) => withRetry((s) => s('readwrite', (objects) => new Promise((resolve, reject) => {
      // By hand, as idb-keyval's update does: the read and the write in one transaction.
      const request = objects.get(key);
      request.onsuccess = () => {
        try {
          objects.put(change(request.result), key);
          resolve(promisifyRequest(objects.transaction));
        } catch (error) {
          reject(error);
        }
      };
      request.onerror = () => reject(request.error);
    })), 'writing IndexedDB'),
    set: (key, value) => withRetry((s) => write(s, (objects) => objects.put(value, key)), 'writing IndexedDB'),
    delete: (key) => withRetry((s) => write(s, (objects) => objects.delete(key)), 'deleting from IndexedDB'),
    erase: async () => {
      await closeConnection(store);
      await deleteDatabase();
    },
  };
}

/** Deletes segmint's database if it exists, without creating it first. */
export async function deleteDatabase(): Promise<void> {
  if (typeof indexedDB === 'undefined' || !indexedDB) return;
  await withTimeout(new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DATABASE);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // Blocked means another tab still holds a connection: it closes on our broadcast, and the
    // browser finishes the delete then, even if this page is gone by that time.
  }), OPEN_TIMEOUT_MS, 'deleting the IndexedDB database');
}

/** What `key` holds; undefined when there is no database (it is not created for asking) or reading fails. */
export async function readIfStored(key: string): Promise<unknown> {
  try {
    return (await hasDatabase()) ? await (await openDatabase()).get(key) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes one key, creating the database if need be: call only when storing is allowed. */
export async function writeStored(key: string, value: unknown): Promise<void> {
  await (await openDatabase()).set(key, value);
}

/** True when segmint's database exists; checking must not create it (consent). */
export async function hasDatabase(): Promise<boolean> {
  try {
    const databases = await indexedDB.databases?.();
    return !!databases?.some((db) => db.name === DATABASE);
  } catch {
    return false;
  }
}

// idb-keyval's store with our own get, set and delete: its functions default to a second database
// of its own (`keyval-store`), whose code the bundle would carry for nothing.
function read(store: UseStore, key: string): Promise<unknown> {
  return store('readonly', (objects) => promisifyRequest(objects.get(key)));
}

/** One readwrite transaction; settles when it commits. */
function write(store: UseStore, change: (objects: IDBObjectStore) => void): Promise<void> {
  return store('readwrite', (objects) => {
    change(objects);
    return promisifyRequest(objects.transaction);
  });
}

function connect(): UseStore {
  const store = createStore(DATABASE, STORE);
  // Another tab deleting the database (consent withdrawn) must not wait for this one.
  void store('readonly', (s) => {
    s.transaction.db.onversionchange = () => s.transaction.db.close();
  }).catch(() => {});
  return store;
}

async function closeConnection(store: UseStore): Promise<void> {
  try {
    await withTimeout(store('readonly', (s) => s.transaction.db.close()), OPEN_TIMEOUT_MS, 'closing IndexedDB');
  } catch {
    // Already closed or never opened: nothing to close.
  }
}

function isClosedConnection(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'InvalidStateError' || (error instanceof Error && /clos/i.test(error.message));
}

/** Test helper shared by the profile store's tests: fake-indexeddb reached as another tab would. */

/**
 * Runs one request against the `segmint` database the way another tab would, closing the
 * connection afterwards (an open connection would block segmint erasing the database).
 */
export function inDatabase<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('segmint');
    request.onupgradeneeded = () => request.result.createObjectStore('data');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('data', mode);
      const result = run(tx.objectStore('data'));
      tx.oncomplete = () => {
        db.close();
        resolve(result.result);
      };
      tx.onabort = () => {
        db.close();
        reject(tx.error);
      };
    };
  });
}

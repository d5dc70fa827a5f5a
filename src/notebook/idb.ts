/**
 * A small promise wrapper over plain IndexedDB (browser only): one database with the object stores litelab uses
 * (`notebooks` for autosave, `trust` for trusted signatures), get / put / delete by key.
 */
import { LitelabError } from '../errors.ts';

export const STORES = ['notebooks', 'trust'] as const;
export type StoreName = (typeof STORES)[number];
const VERSION = 1;

export class IdbDatabase {
  private constructor(readonly db: IDBDatabase) {}

  /** Opens (creating or upgrading) database `name`; rejects with a LitelabError where IndexedDB is unavailable. */
  static open(name: string): Promise<IdbDatabase> {
    if (typeof indexedDB === 'undefined') return Promise.reject(new LitelabError('IndexedDB is not available here'));
    return new Promise((resolve, reject) => {
      const req = indexedDB.open(name, VERSION);
      req.onupgradeneeded = () => {
        for (const s of STORES) if (!req.result.objectStoreNames.contains(s)) req.result.createObjectStore(s);
      };
      req.onsuccess = () => resolve(new IdbDatabase(req.result));
      req.onerror = () => reject(new LitelabError(`cannot open IndexedDB database ${name}: ${req.error?.message ?? 'unknown error'}`));
      req.onblocked = () => reject(new LitelabError(`IndexedDB database ${name} is blocked by another tab`));
    });
  }

  get<T>(store: StoreName, key: string): Promise<T | undefined> {
    return this.#request<T | undefined>(store, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>);
  }

  async put(store: StoreName, key: string, value: unknown): Promise<void> {
    await this.#request(store, 'readwrite', (s) => s.put(value, key));
  }

  async delete(store: StoreName, key: string): Promise<void> {
    await this.#request(store, 'readwrite', (s) => s.delete(key));
  }

  close(): void {
    this.db.close();
  }

  #request<T>(store: StoreName, mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      const tx = this.db.transaction(store, mode);
      const req = op(tx.objectStore(store));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(new LitelabError(`IndexedDB ${store}: ${tx.error?.message ?? 'transaction failed'}`));
      tx.onabort = () => reject(new LitelabError(`IndexedDB ${store}: ${tx.error?.message ?? 'transaction aborted'}`));
    });
  }
}

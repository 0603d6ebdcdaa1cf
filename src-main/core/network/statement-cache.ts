import type { VaultDatabase } from '../vault/encrypted-database.js';

const caches = new WeakMap<VaultDatabase, Map<unknown, unknown>>();

/**
 * Prepared statements are compiled once per open database and reused: ingest runs the same few
 * statements hundreds of thousands of times, and compiling SQL each time would dominate it.
 * `factory` is the cache key, so pass a module-level function, never an inline closure.
 */
export function cachedFor<T>(db: VaultDatabase, factory: (db: VaultDatabase) => T): T {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let value = cache.get(factory) as T | undefined;
  if (value === undefined) {
    value = factory(db);
    cache.set(factory, value);
  }
  return value;
}

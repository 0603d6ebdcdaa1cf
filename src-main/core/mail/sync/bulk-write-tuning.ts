import type { VaultDatabase } from '../../vault/encrypted-database.js';

/**
 * WAL pages between checkpoints during a sync (the default is 1000): ~200 MB of WAL at most, so a
 * sync of 100,000 messages (about 25,000 pages) checkpoints once, at its end. Every checkpointed
 * page is decrypted from the WAL and encrypted again into the database file (SQLite3 Multiple
 * Ciphers encrypts in its VFS), so each page rewritten after a checkpoint costs that again.
 */
const SYNC_AUTOCHECKPOINT_PAGES = 50_000;
/** Once checkpointed, a WAL grown that large is cut back to this size when it is next reset. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** Page cache during a sync, in KiB (SQLite's default is 2 MiB): the indexes a batch touches stay in memory. */
const SYNC_CACHE_KIB = 32 * 1024;

/**
 * A sync commits a transaction per batch. With the default WAL checkpoint every 1,000 pages, the
 * same hot index pages are copied into the database file (and fsynced) over and over, which cost
 * two thirds of every commit. During the sync the WAL may grow larger and the cache is bigger;
 * afterwards both go back, and one checkpoint (`checkpoint`, on a worker thread: Vault.checkpointInBackground)
 * writes everything once. Durability is unchanged:
 * each batch still commits on its own (WAL, synchronous = NORMAL).
 */
export function tuneForSync(db: VaultDatabase): (checkpoint: () => void) => void {
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${SYNC_AUTOCHECKPOINT_PAGES}`);
  db.pragma(`cache_size = -${SYNC_CACHE_KIB}`);
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  return (checkpoint) => {
    db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    db.pragma(`cache_size = ${cacheSize}`);
    checkpoint();
  };
}

import { RapportError } from '../../errors.js';
import type { VaultDatabase } from '../encrypted-database.js';
import { initialSchema } from './001-initial-schema.js';
import { contactSearch } from './002-contact-search.js';
import { mailSyncState } from './003-mail-sync-state.js';
import { networkState } from './004-network-state.js';
import { noteTouches } from './005-note-touches.js';
import { messageIds } from './006-message-ids.js';
import { keyPrefixes } from './007-key-prefixes.js';
import type { Migration } from './migration.js';

/** Append only: a released migration is never edited, a change is a new migration. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, contactSearch, mailSyncState, networkState, noteTouches, messageIds, keyPrefixes];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export function schemaVersion(db: VaultDatabase): number {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!exists) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/** Applies every pending migration, each in its own transaction, up to `target`. */
export function migrate(db: VaultDatabase, target = LATEST_SCHEMA_VERSION): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new RapportError('vault_corrupt', `this vault was written by a newer Rapport (schema ${current}, this version knows ${LATEST_SCHEMA_VERSION}); update Rapport`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
  return schemaVersion(db);
}

import { KEY_IS_NOT_HEX_PREFIXED, messageKeyPrefix } from './message-key-prefix.js';
import type { Migration } from './migration.js';

/**
 * Migration 6 as first released read every key's first 12 characters as hex. For a key that is not
 * SHA-256 hex (only an imported file can hold one) that disagreed with the prefix lookups compute,
 * so the message was not found again and a re-import stored it twice; a key starting with no hex
 * digit at all made the migration fail, and the vault could not be opened. Migration 6 now writes
 * the lookups' prefix; this puts it right in vaults migrated before. Sync keys are untouched.
 */
export const keyPrefixes: Migration = {
  version: 7,
  name: 'key_prefix of message keys that are not SHA-256 hex, as lookups compute it',
  up(db) {
    const update = db.prepare('UPDATE messages SET key_prefix = ? WHERE id = ?');
    for (const row of db.prepare(`SELECT id, key FROM messages WHERE ${KEY_IS_NOT_HEX_PREFIXED}`).all() as { id: number; key: string }[]) {
      update.run(messageKeyPrefix(row.key), row.id);
    }
  },
};

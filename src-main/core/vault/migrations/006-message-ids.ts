import type { VaultDatabase } from '../encrypted-database.js';
import { messageKeyPrefix } from './message-key-prefix.js';
import type { Migration } from './migration.js';

/**
 * Header facts laid out for writing in order (issue 3's sync target).
 *
 * Message keys are SHA-256 hashes, so every index keyed by one puts each new message on a random
 * page, and a sync batch rewrote thousands of such pages: the key index of `messages`,
 * `message_addresses` (keyed by message key first) and the interactions' (message_key, address)
 * index were 60% of the vault's pages and most of what each commit wrote. Now:
 * - `messages` has an integer id, in arrival order. The key is found through `key_prefix` (its
 *   first 48 bits, an integer a sixth the size of the hex text in the index); the full key is
 *   compared in code, so a prefix shared by two messages is harmless.
 * - A message's addresses are one JSON column, `[[address, role, name], ...]` (from first, then
 *   to, cc, bcc in header order), written with the row instead of four rows in another index.
 *   The `message_addresses` view shows them as rows for the rare queries by address.
 * - Interactions point at their message by id and no longer repeat its key and thread key (128
 *   bytes of each of a million interactions). `message_key` and `thread_key` are set only on an
 *   interaction whose message is not stored (an import whose file lacks it, or a deleted message,
 *   whose keys a trigger hands over); not indexed.
 * - No index on `messages.account_id`: nothing looks messages up by account, and the one write
 *   that does (removing an account) can afford a scan better than every message its index entry.
 * - Removing an account keeps its header facts (`account_id` becomes NULL), as it keeps the
 *   contacts and interactions built from them: re-adding the account then finds every message
 *   already stored instead of making its interactions twice, and identity or ignore-list changes
 *   can still derive those interactions again.
 */
export const messageIds: Migration = {
  version: 6,
  name: 'messages by integer id, addresses as a JSON column, interactions by message id',
  up(db) {
    db.exec(`
      CREATE TABLE messages_by_id (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        key_prefix INTEGER NOT NULL,
        account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
        occurred_at TEXT NOT NULL,
        thread_key TEXT,
        from_address TEXT NOT NULL,
        bulk_reason TEXT,
        recipient_count INTEGER NOT NULL,
        addresses TEXT NOT NULL,
        subject TEXT,
        created_at TEXT NOT NULL
      );
    `);
    copyMessages(db);
    db.exec(`
      ALTER TABLE interactions ADD COLUMN message_id INTEGER REFERENCES messages_by_id(id) ON DELETE SET NULL;
      UPDATE interactions SET message_id = (SELECT id FROM messages_by_id m WHERE m.key = interactions.message_key) WHERE message_key IS NOT NULL;
      UPDATE interactions SET message_key = NULL, thread_key = NULL WHERE message_id IS NOT NULL;
      DROP INDEX interactions_message_address;
      DROP TABLE message_addresses;
      DROP TABLE messages;
      ALTER TABLE messages_by_id RENAME TO messages;
      CREATE INDEX messages_key_prefix ON messages(key_prefix);
      CREATE UNIQUE INDEX interactions_message_address ON interactions(message_id, address) WHERE message_id IS NOT NULL;
      -- A deleted message leaves its keys with the interactions made from it (message_id becomes NULL).
      CREATE TRIGGER messages_hand_keys_to_interactions BEFORE DELETE ON messages BEGIN
        UPDATE interactions SET message_key = OLD.key, thread_key = OLD.thread_key WHERE message_id = OLD.id;
      END;
      CREATE VIEW message_addresses AS
        SELECT m.id AS message_id, m.key AS message_key, a.value ->> 0 AS address, a.value ->> 1 AS role, a.value ->> 2 AS name
        FROM messages m, json_each(m.addresses) a;
    `);
  },
};

const ROLE_ORDER = { from: 0, to: 1, cc: 2, bcc: 3 } as const;

/**
 * In key order, so ids follow the old (arbitrary) order deterministically; the prefix needs JS
 * (SQLite has no hex-to-integer). As released this read any key's first 12 characters as hex,
 * which failed on a key starting with no hex digit (see migration 7); for SHA-256 keys, the only
 * ones a sync writes, messageKeyPrefix gives the same numbers.
 */
function copyMessages(db: VaultDatabase): void {
  const insert = db.prepare(
    `INSERT INTO messages_by_id (key, key_prefix, account_id, occurred_at, thread_key, from_address, bulk_reason, recipient_count, addresses, subject, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addressesOf = db.prepare('SELECT address, role, name FROM message_addresses WHERE message_key = ?');
  const rows = db.prepare('SELECT key, account_id, occurred_at, thread_key, from_address, bulk_reason, recipient_count, subject, created_at FROM messages ORDER BY key').all() as {
    key: string;
    account_id: number;
    occurred_at: string;
    thread_key: string | null;
    from_address: string;
    bulk_reason: string | null;
    recipient_count: number;
    subject: string | null;
    created_at: string;
  }[];
  for (const row of rows) {
    const addresses = (addressesOf.all(row.key) as { address: string; role: keyof typeof ROLE_ORDER; name: string | null }[])
      .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
      .map((entry) => [entry.address, entry.role, entry.name]);
    insert.run(row.key, messageKeyPrefix(row.key), row.account_id, row.occurred_at, row.thread_key, row.from_address, row.bulk_reason, row.recipient_count, JSON.stringify(addresses), row.subject, row.created_at);
  }
}

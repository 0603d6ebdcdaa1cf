import type Database from 'better-sqlite3-multiple-ciphers';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { cachedFor } from './statement-cache.js';

type Statement = Database.Statement;

export interface NetworkStatements {
  insertMessage: Statement;
  messagesWithPrefixes: Statement;
  messageKeysWithPrefix: Statement;
  selectMessage: Statement;
  updateMessage: Statement;
  bumpName: Statement;
  dropEmptyNames: Statement;
  contactOfAddress: Statement;
  ownerOfAddress: Statement;
  insertContact: Statement;
  insertContactEmail: Statement;
  insertInteraction: Statement;
  contactsOfMessage: Statement;
  deleteMessageInteractions: Statement;
  messagesOfAddresses: Statement;
}

const MESSAGE_COLUMNS = 'id, key, account_id, occurred_at, thread_key, from_address, bulk_reason, recipient_count, addresses';

function prepare(db: VaultDatabase): NetworkStatements {
  return {
    insertMessage: db.prepare(
      `INSERT INTO messages (key, key_prefix, account_id, occurred_at, thread_key, from_address, bulk_reason, recipient_count, addresses, subject, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // One lookup per batch: the stored messages whose key prefix one of the batch's keys shares.
    messagesWithPrefixes: db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE key_prefix IN (SELECT value FROM json_each(?))`),
    messageKeysWithPrefix: db.prepare('SELECT id, key FROM messages WHERE key_prefix = ?'),
    selectMessage: db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`),
    updateMessage: db.prepare('UPDATE messages SET account_id = ?, occurred_at = ?, thread_key = ?, from_address = ?, bulk_reason = ?, recipient_count = ?, addresses = ? WHERE id = ?'),
    bumpName: db.prepare('INSERT INTO address_names (address, name, count) VALUES (?, ?, ?) ON CONFLICT (address, name) DO UPDATE SET count = count + excluded.count'),
    dropEmptyNames: db.prepare('DELETE FROM address_names WHERE address = ? AND count <= 0'),
    contactOfAddress: db.prepare('SELECT contact_id FROM contact_emails WHERE address = ?').pluck(),
    ownerOfAddress: db.prepare('SELECT c.id, c.name, c.name_is_custom FROM contact_emails e JOIN contacts c ON c.id = e.contact_id WHERE e.address = ?'),
    insertContact: db.prepare(`INSERT INTO contacts (source, created_at, updated_at) VALUES ('mail', ?, ?)`),
    insertContactEmail: db.prepare('INSERT INTO contact_emails (address, contact_id, is_primary, created_at) VALUES (?, ?, 1, ?)'),
    insertInteraction: db.prepare(
      // message_key and thread_key stay NULL: the message row (message_id) holds them (migration 6).
      `INSERT INTO interactions (contact_id, address, message_id, kind, direction, role, occurred_at, account_id, recipient_count, created_at)
       VALUES (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    contactsOfMessage: db.prepare('SELECT DISTINCT contact_id FROM interactions WHERE message_id = ?').pluck(),
    deleteMessageInteractions: db.prepare('DELETE FROM interactions WHERE message_id = ?'),
    // A scan of every message's addresses: used only when identities or the ignore list change.
    messagesOfAddresses: db.prepare(
      `SELECT m.id FROM messages m WHERE EXISTS (SELECT 1 FROM json_each(m.addresses) a WHERE a.value ->> 0 IN (SELECT value FROM json_each(?)))`,
    ).pluck(),
  };
}

export function networkStatements(db: VaultDatabase): NetworkStatements {
  return cachedFor(db, prepare);
}

import type Database from 'better-sqlite3-multiple-ciphers';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { cachedFor } from './statement-cache.js';

type Statement = Database.Statement;

export interface NetworkStatements {
  insertMessage: Statement;
  selectMessage: Statement;
  updateMessage: Statement;
  insertAddress: Statement;
  selectAddresses: Statement;
  countRecipients: Statement;
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

function prepare(db: VaultDatabase): NetworkStatements {
  return {
    insertMessage: db.prepare(
      `INSERT INTO messages (key, account_id, occurred_at, thread_key, from_address, bulk_reason, recipient_count, subject, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
    ),
    selectMessage: db.prepare('SELECT key, account_id, occurred_at, thread_key, from_address, bulk_reason, recipient_count FROM messages WHERE key = ?'),
    updateMessage: db.prepare(
      'UPDATE messages SET account_id = ?, occurred_at = ?, thread_key = ?, from_address = ?, bulk_reason = ?, recipient_count = ? WHERE key = ?',
    ),
    insertAddress: db.prepare('INSERT INTO message_addresses (message_key, address, role, name) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    selectAddresses: db.prepare('SELECT address, role, name FROM message_addresses WHERE message_key = ?'),
    countRecipients: db.prepare(`SELECT count(DISTINCT address) FROM message_addresses WHERE message_key = ? AND role != 'from'`).pluck(),
    bumpName: db.prepare('INSERT INTO address_names (address, name, count) VALUES (?, ?, ?) ON CONFLICT (address, name) DO UPDATE SET count = count + excluded.count'),
    dropEmptyNames: db.prepare('DELETE FROM address_names WHERE address = ? AND count <= 0'),
    contactOfAddress: db.prepare('SELECT contact_id FROM contact_emails WHERE address = ?').pluck(),
    ownerOfAddress: db.prepare('SELECT c.id, c.name, c.name_is_custom FROM contact_emails e JOIN contacts c ON c.id = e.contact_id WHERE e.address = ?'),
    insertContact: db.prepare(`INSERT INTO contacts (source, created_at, updated_at) VALUES ('mail', ?, ?)`),
    insertContactEmail: db.prepare('INSERT INTO contact_emails (address, contact_id, is_primary, created_at) VALUES (?, ?, 1, ?)'),
    insertInteraction: db.prepare(
      `INSERT INTO interactions (contact_id, address, message_key, kind, direction, role, occurred_at, thread_key, account_id, recipient_count, created_at)
       VALUES (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    contactsOfMessage: db.prepare('SELECT DISTINCT contact_id FROM interactions WHERE message_key = ?').pluck(),
    deleteMessageInteractions: db.prepare('DELETE FROM interactions WHERE message_key = ?'),
    // A scan (see migration 4): used only when identities or the ignore list change.
    messagesOfAddresses: db.prepare('SELECT DISTINCT message_key FROM message_addresses WHERE address IN (SELECT value FROM json_each(?))').pluck(),
  };
}

export function networkStatements(db: VaultDatabase): NetworkStatements {
  return cachedFor(db, prepare);
}

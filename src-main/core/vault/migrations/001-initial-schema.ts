import type { Migration } from './migration.js';

/**
 * The data model of DESIGN.md. Mail is reduced to header facts (`messages`,
 * `message_addresses`) from which contacts and interactions are derived, so the network can be
 * rebuilt whenever the user's own identities or ignore list change, without reading mail again.
 * Timestamps are ISO-8601 UTC text; JSON columns hold small lists.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        address TEXT NOT NULL UNIQUE,
        host TEXT NOT NULL,
        port INTEGER NOT NULL,
        security TEXT NOT NULL CHECK (security IN ('tls', 'starttls', 'plain')),
        username TEXT NOT NULL,
        auth_kind TEXT NOT NULL CHECK (auth_kind IN ('password', 'oauth2')),
        ca_file TEXT,
        provider TEXT,
        excluded_folders TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
      );

      -- Secrets of passphrase vaults (keychain vaults keep them in the OS keychain instead).
      CREATE TABLE account_secrets (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        secret TEXT NOT NULL
      );

      CREATE TABLE folders (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        special_use TEXT,
        uidvalidity TEXT,
        last_uid INTEGER NOT NULL DEFAULT 0,
        highest_modseq TEXT,
        synced_at TEXT,
        UNIQUE (account_id, path)
      );

      CREATE TABLE identities (
        address TEXT PRIMARY KEY,
        account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (source IN ('account', 'alias', 'sent')),
        created_at TEXT NOT NULL
      );

      CREATE TABLE messages (
        key TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        occurred_at TEXT NOT NULL,
        thread_key TEXT,
        from_address TEXT NOT NULL,
        bulk_reason TEXT,
        recipient_count INTEGER NOT NULL,
        subject TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX messages_account ON messages(account_id);

      CREATE TABLE message_addresses (
        message_key TEXT NOT NULL REFERENCES messages(key) ON DELETE CASCADE,
        address TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('from', 'to', 'cc', 'bcc')),
        name TEXT,
        PRIMARY KEY (message_key, address, role)
      ) WITHOUT ROWID;
      CREATE INDEX message_addresses_address ON message_addresses(address);

      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        name TEXT,
        name_is_custom INTEGER NOT NULL DEFAULT 0,
        company TEXT,
        company_is_custom INTEGER NOT NULL DEFAULT 0,
        title TEXT,
        phone TEXT,
        notes TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        never_share INTEGER NOT NULL DEFAULT 0,
        archived_at TEXT,
        snoozed_until TEXT,
        source TEXT NOT NULL CHECK (source IN ('mail', 'manual', 'import')),
        strength REAL NOT NULL DEFAULT 0,
        sent_count INTEGER NOT NULL DEFAULT 0,
        received_count INTEGER NOT NULL DEFAULT 0,
        last_sent_at TEXT,
        last_received_at TEXT,
        last_interaction_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX contacts_strength ON contacts(strength DESC);
      CREATE INDEX contacts_last_interaction ON contacts(last_interaction_at);
      CREATE INDEX contacts_created ON contacts(created_at);

      CREATE TABLE contact_emails (
        address TEXT PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        is_primary INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE INDEX contact_emails_contact ON contact_emails(contact_id);

      -- How often each display name was seen for an address; a contact's name is the most frequent.
      CREATE TABLE address_names (
        address TEXT NOT NULL,
        name TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (address, name)
      ) WITHOUT ROWID;

      CREATE TABLE interactions (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        address TEXT,
        message_key TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('email', 'call', 'meeting', 'other', 'note')),
        direction TEXT CHECK (direction IN ('sent', 'received')),
        role TEXT CHECK (role IN ('from', 'to', 'cc', 'bcc')),
        occurred_at TEXT NOT NULL,
        thread_key TEXT,
        account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
        recipient_count INTEGER,
        note TEXT,
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX interactions_message_address ON interactions(message_key, address) WHERE message_key IS NOT NULL;
      CREATE INDEX interactions_contact_time ON interactions(contact_id, occurred_at);
      CREATE INDEX interactions_address ON interactions(address);

      CREATE TABLE ignores (
        pattern TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('address', 'domain')),
        created_at TEXT NOT NULL
      );

      CREATE TABLE buckets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        color TEXT,
        cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),
        description TEXT,
        share_settings TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE bucket_contacts (
        bucket_id INTEGER NOT NULL REFERENCES buckets(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        added_at TEXT NOT NULL,
        PRIMARY KEY (bucket_id, contact_id)
      ) WITHOUT ROWID;
      CREATE INDEX bucket_contacts_contact ON bucket_contacts(contact_id);

      CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        is_touch INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX notes_contact ON notes(contact_id);

      CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        note TEXT,
        due_at TEXT NOT NULL,
        completed_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX tasks_open_due ON tasks(due_at) WHERE completed_at IS NULL;
      CREATE INDEX tasks_contact ON tasks(contact_id);

      CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY,
        account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
        stats TEXT NOT NULL DEFAULT '{}',
        error TEXT
      );

      -- Every byte count that left the machine: where to, when, what for.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        destination TEXT,
        bytes INTEGER,
        detail TEXT
      );
    `);
  },
};

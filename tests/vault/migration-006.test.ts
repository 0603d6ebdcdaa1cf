import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/core/vault/migrations/index.js';
import { ingestMessages } from '../../src-main/core/network/ingest.js';
import { storedMessageId } from '../../src-main/core/network/stored-message.js';
import { messageKeyPrefix } from '../../src-main/core/vault/migrations/message-key-prefix.js';
import { exportJson } from '../../src-main/core/portability/json/export-json.js';

const KEY_A = 'a'.repeat(64);
const KEY_B = `0123456789ab${'f'.repeat(52)}`;

/** A database as Rapport left it at schema 5, with two messages, their addresses and interactions. */
function versionFiveVault() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 5);
  db.exec(`
    INSERT INTO accounts (id, address, host, port, security, username, auth_kind, created_at)
      VALUES (1, 'me@example.org', 'imap.example.org', 993, 'tls', 'me', 'password', '2024-01-01T00:00:00.000Z');
    INSERT INTO contacts (id, source, created_at, updated_at) VALUES (7, 'mail', 'x', 'x');
    INSERT INTO contact_emails (address, contact_id, is_primary, created_at) VALUES ('ann@acme.test', 7, 1, 'x');
    INSERT INTO messages (key, account_id, occurred_at, thread_key, from_address, bulk_reason, recipient_count, subject, created_at) VALUES
      ('${KEY_A}', 1, '2024-02-01T10:00:00.000Z', 't1', 'me@example.org', NULL, 2, NULL, 'c'),
      ('${KEY_B}', 1, '2024-02-02T10:00:00.000Z', NULL, 'ann@acme.test', NULL, 1, 'Lunch', 'c');
    INSERT INTO message_addresses (message_key, address, role, name) VALUES
      ('${KEY_A}', 'ann@acme.test', 'to', 'Ann'),
      ('${KEY_A}', 'me@example.org', 'from', 'Me'),
      ('${KEY_A}', 'bob@acme.test', 'cc', NULL),
      ('${KEY_B}', 'ann@acme.test', 'from', 'Ann A.'),
      ('${KEY_B}', 'me@example.org', 'to', NULL);
    INSERT INTO interactions (contact_id, address, message_key, kind, direction, role, occurred_at, created_at) VALUES
      (7, 'ann@acme.test', '${KEY_A}', 'email', 'sent', 'to', '2024-02-01T10:00:00.000Z', 'c'),
      (7, 'ann@acme.test', '${KEY_B}', 'email', 'received', 'from', '2024-02-02T10:00:00.000Z', 'c'),
      (7, NULL, NULL, 'call', NULL, NULL, '2024-02-03T10:00:00.000Z', 'c');
  `);
  return db;
}

describe('migration 6: messages by integer id', () => {
  it('keeps every message, its addresses (from first) and links each interaction to its message by id', () => {
    const db = versionFiveVault();
    expect(migrate(db)).toBeGreaterThanOrEqual(6);

    const messages = db.prepare('SELECT id, key, key_prefix, addresses, subject FROM messages ORDER BY key').all() as { id: number; key: string; key_prefix: number; addresses: string; subject: string | null }[];
    expect(messages.map((row) => row.key)).toEqual([KEY_B, KEY_A]);
    expect(messages.map((row) => row.key_prefix)).toEqual([0x0123456789ab, 0xaaaaaaaaaaaa]);
    expect(JSON.parse(messages[1]!.addresses)).toEqual([
      ['me@example.org', 'from', 'Me'],
      ['ann@acme.test', 'to', 'Ann'],
      ['bob@acme.test', 'cc', null],
    ]);
    expect(messages[0]!.subject).toBe('Lunch');

    const interactions = db.prepare('SELECT kind, message_key, message_id FROM interactions ORDER BY id').all();
    const idOf = (key: string) => messages.find((row) => row.key === key)!.id;
    // The key now lives on the message only.
    expect(interactions).toEqual([
      { kind: 'email', message_key: null, message_id: idOf(KEY_A) },
      { kind: 'email', message_key: null, message_id: idOf(KEY_B) },
      { kind: 'call', message_key: null, message_id: null },
    ]);
    // The view still answers queries by address.
    expect(db.prepare(`SELECT message_key, role FROM message_addresses WHERE address = 'ann@acme.test' ORDER BY message_key`).all()).toEqual([
      { message_key: KEY_B, role: 'from' },
      { message_key: KEY_A, role: 'to' },
    ]);
  });

  it('keeps header facts when their account is removed, so re-adding it does not count mail twice', () => {
    const db = versionFiveVault();
    migrate(db);
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM messages WHERE account_id IS NULL').pluck().get()).toBe(2);
    db.prepare(`INSERT INTO accounts (id, address, host, port, security, username, auth_kind, created_at) VALUES (2, 'me@example.org', 'h', 993, 'tls', 'me', 'password', 'x')`).run();
    db.prepare(`INSERT INTO identities (address, account_id, source, created_at) VALUES ('me@example.org', 2, 'account', 'x')`).run();
    const result = ingestMessages(db, {
      accountId: 2,
      now: new Date('2024-03-01T00:00:00.000Z'),
      facts: [
        {
          malformed: false,
          key: KEY_B,
          threadKey: KEY_B,
          date: new Date('2024-02-02T10:00:00.000Z'),
          dateSource: 'header',
          from: { address: 'ann@acme.test', name: 'Ann A.' },
          to: [{ address: 'me@example.org', name: null }],
          cc: [],
          bcc: [],
          bulk: null,
          malformedAddresses: 0,
        },
      ],
    });
    expect(result).toMatchObject({ messagesNew: 0, duplicates: 1 });
    expect(db.prepare(`SELECT account_id FROM messages WHERE key = ?`).pluck().get(KEY_B)).toBe(2);
    expect(db.prepare(`SELECT count(*) FROM interactions i JOIN messages m ON m.id = i.message_id WHERE m.key = ?`).pluck().get(KEY_B)).toBe(1);
  });

  it('hands a deleted message\'s keys to the interactions made from it', () => {
    const db = versionFiveVault();
    migrate(db);
    db.prepare('DELETE FROM messages WHERE key = ?').run(KEY_A);
    expect(db.prepare(`SELECT message_id, message_key, thread_key FROM interactions WHERE kind = 'email' ORDER BY id`).all()).toEqual([
      { message_id: null, message_key: KEY_A, thread_key: 't1' },
      { message_id: expect.any(Number), message_key: null, thread_key: null },
    ]);
  });

  it('exports messages in key order with their addresses sorted as before', () => {
    const db = versionFiveVault();
    migrate(db);
    let text = '';
    exportJson(db, { bytes: 0, write: (chunk: string) => void (text += chunk) });
    const document = JSON.parse(text) as { messages: { key: string; addresses: { address: string; role: string }[] }[] };
    expect(document.messages.map((message) => message.key)).toEqual([KEY_B, KEY_A]);
    expect(document.messages[1]!.addresses.map((entry) => `${entry.address}/${entry.role}`)).toEqual(['ann@acme.test/to', 'bob@acme.test/cc', 'me@example.org/from']);
  });

  it('gives keys that are not hex a stable prefix too', () => {
    expect(messageKeyPrefix('not-a-hash')).toBe(messageKeyPrefix('not-a-hash'));
    expect(messageKeyPrefix('not-a-hash')).not.toBe(messageKeyPrefix('not-a-hasi'));
    expect(Number.isSafeInteger(messageKeyPrefix('z'.repeat(500)))).toBe(true);
  });

  it('opens a vault holding imported keys that are not hex, and finds each message by its key afterwards (migration 7)', () => {
    const keys = ['<imported@example.org>', 'ABCDEF0123456789', 'abc-not-hex', 'short'];
    const db = versionFiveVault();
    const insert = db.prepare(
      `INSERT INTO messages (key, account_id, occurred_at, thread_key, from_address, bulk_reason, recipient_count, subject, created_at)
       VALUES (?, 1, '2024-02-01T10:00:00.000Z', NULL, 'ann@acme.test', NULL, 0, NULL, 'c')`,
    );
    for (const key of keys) insert.run(key);
    expect(migrate(db)).toBe(7);
    for (const key of keys) expect(storedMessageId(db, key), key).not.toBeNull();
    for (const key of keys) expect(db.prepare('SELECT key_prefix FROM messages WHERE key = ?').pluck().get(key), key).toBe(messageKeyPrefix(key));
  });

  it('puts right the prefixes a vault migrated by the first migration 6 got for keys that are not hex', () => {
    const db = new Database(':memory:');
    migrate(db, 6);
    const insert = db.prepare(
      `INSERT INTO messages (key, key_prefix, account_id, occurred_at, from_address, recipient_count, addresses, created_at)
       VALUES (?, ?, NULL, '2024-02-01T10:00:00.000Z', 'ann@acme.test', 0, '[]', 'c')`,
    );
    // What the released migration 6 wrote: the leading characters read as hex.
    insert.run('ABCDEF0123456789', 0xabcdef012345);
    insert.run('abc-not-hex', 0xabc);
    insert.run(KEY_A, 0xaaaaaaaaaaaa);
    expect(storedMessageId(db, 'abc-not-hex')).toBeNull();
    migrate(db);
    for (const key of ['ABCDEF0123456789', 'abc-not-hex', KEY_A]) expect(storedMessageId(db, key), key).not.toBeNull();
    expect(db.prepare('SELECT key_prefix FROM messages WHERE key = ?').pluck().get(KEY_A)).toBe(0xaaaaaaaaaaaa);
  });
});

import Database from 'better-sqlite3-multiple-ciphers';
import { extractMessageFacts, type MessageFacts } from '../../src-main/core/network/headers/index.js';
import type { VaultDatabase } from '../../src-main/core/vault/encrypted-database.js';
import { migrate } from '../../src-main/core/vault/migrations/index.js';
import { seededRandom } from '../fixtures/seeded-random.js';

export { seededRandom };

/**
 * A migrated in-memory database: the vault's schema without the encryption layer, for the many
 * small network scenarios (the order-independence test builds dozens). Vault-level behaviour is
 * tested through real passphrase vaults in tests/contacts.
 */
export function networkDb(): VaultDatabase {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.prepare(
    `INSERT INTO accounts (id, address, host, port, security, username, auth_kind, created_at) VALUES
       (1, 'me@example.org', 'imap.example.org', 993, 'tls', 'me', 'password', '2024-01-01T00:00:00.000Z'),
       (2, 'me@work.example', 'imap.work.example', 993, 'tls', 'me', 'password', '2024-01-01T00:00:00.000Z')`,
  ).run();
  return db;
}

export interface MailSpec {
  from: string;
  to?: string;
  cc?: string;
  bcc?: string;
  /** RFC 5322 date, or omitted for none. */
  date?: string;
  id?: string;
  /** Extra header lines, e.g. `List-Id: <dev.lists.example>`. */
  extra?: string[];
  /** INTERNALDATE (defaults to the Date header, or 2024-01-01). */
  internalDate?: string;
}

/** Raw header text, as IMAP would hand it over (CRLF line ends, blank line at the end). */
export function rawHeaders(spec: MailSpec): string {
  const lines = [`From: ${spec.from}`];
  if (spec.to !== undefined) lines.push(`To: ${spec.to}`);
  if (spec.cc !== undefined) lines.push(`Cc: ${spec.cc}`);
  if (spec.bcc !== undefined) lines.push(`Bcc: ${spec.bcc}`);
  if (spec.date !== undefined) lines.push(`Date: ${spec.date}`);
  if (spec.id !== undefined) lines.push(`Message-ID: <${spec.id}>`);
  lines.push(...(spec.extra ?? []));
  return lines.join('\r\n') + '\r\n\r\n';
}

/** Header facts through the real headers module, exactly as the sync produces them. */
export function facts(spec: MailSpec): MessageFacts {
  const internalDate = new Date(spec.internalDate ?? (spec.date !== undefined ? new Date(spec.date).toISOString() : '2024-01-01T00:00:00Z'));
  const result = extractMessageFacts(rawHeaders(spec), { internalDate, storeSubjects: false });
  if (result.malformed) throw new Error(`fixture is malformed (${result.reason}): ${rawHeaders(spec)}`);
  return result;
}

export interface ContactView {
  name: string | null;
  company: string | null;
  emails: string[];
  sent: number;
  received: number;
  lastSent: string | null;
  lastReceived: string | null;
  lastInteraction: string | null;
  strength: number;
  ignored: number;
}

/** Every contact, keyed by its addresses (ids depend on creation order; nothing else may). */
export function contactsView(db: VaultDatabase): ContactView[] {
  const rows = db
    .prepare(
      `SELECT c.name, c.company, c.sent_count AS sent, c.received_count AS received, c.last_sent_at AS lastSent,
              c.last_received_at AS lastReceived, c.last_interaction_at AS lastInteraction, c.strength, c.ignored,
              (SELECT json_group_array(address) FROM (SELECT address FROM contact_emails WHERE contact_id = c.id ORDER BY is_primary DESC, address)) AS emails
       FROM contacts c`,
    )
    .all() as (Omit<ContactView, 'emails'> & { emails: string })[];
  return rows.map((row) => ({ ...row, emails: JSON.parse(row.emails) as string[] })).sort((a, b) => (a.emails.join(',') < b.emails.join(',') ? -1 : 1));
}

export function contactByAddress(db: VaultDatabase, address: string): ContactView | undefined {
  return contactsView(db).find((contact) => contact.emails.includes(address));
}

/** Interactions as (message, address, direction, role), sorted: the derived network itself. */
export function interactionsView(db: VaultDatabase): string[] {
  return (
    db.prepare(`SELECT m.key, i.address, i.direction, i.role, i.occurred_at, i.recipient_count FROM interactions i JOIN messages m ON m.id = i.message_id WHERE i.kind = 'email'`).all() as Record<string, unknown>[]
  )
    .map((row) => Object.values(row).join('|'))
    .sort();
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

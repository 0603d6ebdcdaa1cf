import type { ContactDetail, ContactListItem } from '../../../src-shared/api/contacts.js';
import { cachedFor } from '../network/statement-cache.js';
import { strengthAt, type StrengthBasis } from '../network/strength-basis.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { contactOwnFields, type ContactTableRow } from './contact-table-row.js';

/** The columns every contact view reads. */
export const LIST_COLUMNS = 'c.id, c.name, c.sent_count, c.received_count, c.last_sent_at, c.last_received_at, c.strength';

export type ListRow = Pick<ContactTableRow, 'id' | 'name' | 'sent_count' | 'received_count' | 'last_sent_at' | 'last_received_at' | 'strength'>;

/** Six significant digits: enough to tell contacts apart, short enough to read. */
export function displayStrength(stored: number, basis: StrengthBasis, now: Date): number {
  const value = strengthAt(stored, basis, now);
  return value === 0 ? 0 : Number(value.toPrecision(6));
}

/** Every address of each contact, primary first: one query per page, not per contact. */
export function emailsOfContacts(db: VaultDatabase, ids: readonly number[]): Map<number, string[]> {
  const result = new Map<number, string[]>();
  if (ids.length === 0) return result;
  const rows = cachedFor(db, prepare).emailsOf.all(JSON.stringify(ids)) as { contact_id: number; address: string }[];
  for (const row of rows) {
    const list = result.get(row.contact_id);
    if (list === undefined) result.set(row.contact_id, [row.address]);
    else list.push(row.address);
  }
  return result;
}

export function toListItems(db: VaultDatabase, rows: readonly ListRow[], basis: StrengthBasis, now: Date): ContactListItem[] {
  const emails = emailsOfContacts(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    emails: emails.get(row.id) ?? [],
    sent: row.sent_count,
    received: row.received_count,
    lastContacted: row.last_sent_at,
    lastHeardFrom: row.last_received_at,
    strength: displayStrength(row.strength, basis, now),
  }));
}


function prepare(db: VaultDatabase) {
  return {
    emailsOf: db.prepare(
      `SELECT contact_id, address FROM contact_emails WHERE contact_id IN (SELECT value FROM json_each(?))
       ORDER BY contact_id, is_primary DESC, address`,
    ),
    detail: db.prepare(`SELECT * FROM contacts c WHERE c.id = ?`),
    emailsWithPrimary: db.prepare('SELECT address, is_primary FROM contact_emails WHERE contact_id = ? ORDER BY is_primary DESC, address'),
    buckets: db.prepare('SELECT b.id, b.name FROM bucket_contacts m JOIN buckets b ON b.id = m.bucket_id WHERE m.contact_id = ? ORDER BY b.name COLLATE NOCASE'),
  };
}

export function contactDetail(db: VaultDatabase, id: number, basis: StrengthBasis, now: Date): ContactDetail | null {
  const statements = cachedFor(db, prepare);
  const row = statements.detail.get(id) as ContactTableRow | undefined;
  if (row === undefined) return null;
  const emails = statements.emailsWithPrimary.all(id) as { address: string; is_primary: number }[];
  return {
    id: row.id,
    ...contactOwnFields(row),
    ignored: row.ignored === 1,
    emails: emails.map((entry) => ({ address: entry.address, isPrimary: entry.is_primary === 1 })),
    sent: row.sent_count,
    received: row.received_count,
    lastContacted: row.last_sent_at,
    lastHeardFrom: row.last_received_at,
    lastInteractionAt: row.last_interaction_at,
    strength: displayStrength(row.strength, basis, now),
    buckets: statements.buckets.all(id) as { id: number; name: string }[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

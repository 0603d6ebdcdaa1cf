import { findContactIdByAddress } from '../contacts/contact-store.js';
import { parseTags } from '../network/refresh-contacts.js';
import type { ContactTableRow } from '../contacts/contact-table-row.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';

export interface IncomingFields {
  name: string | null;
  company: string | null;
  title: string | null;
  phone: string | null;
  notes: string | null;
  tags: string[];
  neverShare?: boolean;
}

type ExistingRow = Pick<ContactTableRow, 'name' | 'name_is_custom' | 'company' | 'company_is_custom' | 'title' | 'phone' | 'notes' | 'tags' | 'never_share'>;

/**
 * Folds imported details into a contact that already exists, never losing what the user wrote:
 * - name and company: an imported value replaces one Rapport only guessed (from display names, or
 *   from the address's domain) and is then kept as the user's; a value the user set stays.
 * - title and phone: filled when empty.
 * - notes: appended when the contact's notes do not already contain them (re-importing the same
 *   file changes nothing).
 * - tags: union; "never share" sticks once set on either side.
 * Returns whether anything changed.
 */
export function mergeIntoContact(db: VaultDatabase, contactId: number, incoming: IncomingFields, now: Date): boolean {
  const row = db
    .prepare('SELECT name, name_is_custom, company, company_is_custom, title, phone, notes, tags, never_share FROM contacts WHERE id = ?')
    .get(contactId) as ExistingRow;
  const next = { ...row };
  if (incoming.name !== null && !row.name_is_custom) {
    next.name = incoming.name;
    next.name_is_custom = 1;
  }
  if (incoming.company !== null && !row.company_is_custom) {
    next.company = incoming.company;
    next.company_is_custom = 1;
  }
  next.title = row.title ?? incoming.title;
  next.phone = row.phone ?? incoming.phone;
  if (incoming.notes !== null && !(row.notes ?? '').includes(incoming.notes)) next.notes = row.notes ? `${row.notes}\n\n${incoming.notes}` : incoming.notes;
  const tags = parseTags(row.tags);
  for (const tag of incoming.tags) if (!tags.includes(tag)) tags.push(tag);
  next.tags = JSON.stringify(tags);
  if (incoming.neverShare) next.never_share = 1;

  const changed = (Object.keys(row) as (keyof ExistingRow)[]).some((key) => row[key] !== next[key]);
  if (!changed) return false;
  db.prepare(
    `UPDATE contacts SET name = ?, name_is_custom = ?, company = ?, company_is_custom = ?, title = ?, phone = ?, notes = ?, tags = ?, never_share = ?, updated_at = ?
     WHERE id = ?`,
  ).run(next.name, next.name_is_custom, next.company, next.company_is_custom, next.title, next.phone, next.notes, next.tags, next.never_share, now.toISOString(), contactId);
  return true;
}

/** The contact already holding one of these addresses (the first address that has one wins). */
export function existingContactFor(db: VaultDatabase, addresses: readonly string[]): number | null {
  for (const address of addresses) {
    const id = findContactIdByAddress(db, address);
    if (id !== null) return id;
  }
  return null;
}

/** Finds a bucket by name (ignoring case) or creates it without cadence; returns its id and whether it is new. */
export function bucketNamed(db: VaultDatabase, name: string, now: Date): { id: number; created: boolean } {
  const existing = db.prepare('SELECT id FROM buckets WHERE name = ? COLLATE NOCASE').pluck().get(name.trim()) as number | undefined;
  if (existing !== undefined) return { id: existing, created: false };
  const at = now.toISOString();
  const id = Number(db.prepare('INSERT INTO buckets (name, created_at, updated_at) VALUES (?, ?, ?)').run(name.trim(), at, at).lastInsertRowid);
  return { id, created: true };
}

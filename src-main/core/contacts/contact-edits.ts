import { RapportError } from '../errors.js';
import { refreshContacts } from '../network/refresh-contacts.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { cleanTags, ensurePrimaryAddress, requireAddress } from './contact-store.js';

export interface ContactChanges {
  name?: string | null | undefined;
  company?: string | null | undefined;
  title?: string | null | undefined;
  phone?: string | null | undefined;
  notes?: string | null | undefined;
  tags?: string[] | undefined;
}

function blankToNull(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Changes the given fields only. A name or company set by the user wins over the derived one;
 * clearing it (null or empty) hands it back to the mail-derived value.
 */
export function updateContact(db: VaultDatabase, id: number, changes: ContactChanges, now: Date): void {
  const sets: string[] = [];
  const params: unknown[] = [];
  const set = (column: string, value: unknown) => {
    sets.push(`${column} = ?`);
    params.push(value);
  };
  if (changes.name !== undefined) {
    const name = blankToNull(changes.name);
    set('name', name);
    set('name_is_custom', name === null ? 0 : 1);
  }
  if (changes.company !== undefined) {
    const company = blankToNull(changes.company);
    set('company', company);
    set('company_is_custom', company === null ? 0 : 1);
  }
  if (changes.title !== undefined) set('title', blankToNull(changes.title));
  if (changes.phone !== undefined) set('phone', blankToNull(changes.phone));
  if (changes.notes !== undefined) set('notes', blankToNull(changes.notes));
  if (changes.tags !== undefined) set('tags', JSON.stringify(cleanTags(changes.tags)));
  if (sets.length === 0) return;
  set('updated_at', now.toISOString());
  db.prepare(`UPDATE contacts SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
  refreshContacts(db, [id], now);
}

export function setArchived(db: VaultDatabase, id: number, archived: boolean, now: Date): void {
  db.prepare('UPDATE contacts SET archived_at = ?, updated_at = ? WHERE id = ?').run(archived ? now.toISOString() : null, now.toISOString(), id);
}

export function setNeverShare(db: VaultDatabase, id: number, neverShare: boolean, now: Date): void {
  db.prepare('UPDATE contacts SET never_share = ?, updated_at = ? WHERE id = ?').run(neverShare ? 1 : 0, now.toISOString(), id);
}

/** The contact and everything hanging off it (addresses, interactions, notes, tasks, memberships). */
export function deleteContact(db: VaultDatabase, id: number): void {
  db.prepare('DELETE FROM contacts WHERE id = ?').run(id);
  db.prepare('DELETE FROM contacts_fts WHERE rowid = ?').run(id);
}

export function requireOwnAddress(db: VaultDatabase, id: number, email: string): string {
  const address = requireAddress(email);
  const owner = db.prepare('SELECT contact_id FROM contact_emails WHERE address = ?').pluck().get(address) as number | undefined;
  if (owner !== id) throw new RapportError('not_found', `contact ${id} has no address ${address}`);
  return address;
}

export function setPrimaryAddress(db: VaultDatabase, id: number, email: string, now: Date): void {
  const address = requireOwnAddress(db, id, email);
  db.prepare('UPDATE contact_emails SET is_primary = (address = ?) WHERE contact_id = ?').run(address, id);
  db.prepare('UPDATE contacts SET updated_at = ? WHERE id = ?').run(now.toISOString(), id);
  refreshContacts(db, [id], now);
}

/** An address without mail history is simply dropped from the contact. */
export function dropAddress(db: VaultDatabase, id: number, address: string, now: Date): void {
  db.prepare('DELETE FROM contact_emails WHERE address = ?').run(address);
  ensurePrimaryAddress(db, id);
  db.prepare('UPDATE contacts SET updated_at = ? WHERE id = ?').run(now.toISOString(), id);
  refreshContacts(db, [id], now);
}

export function hasMailHistory(db: VaultDatabase, id: number, address: string): boolean {
  return db.prepare(`SELECT 1 FROM interactions WHERE contact_id = ? AND address = ? AND kind = 'email' LIMIT 1`).get(id, address) !== undefined;
}

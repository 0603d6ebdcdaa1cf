import { RapportError } from '../errors.js';
import { loadOwnAddresses } from '../network/address-rules.js';
import { normaliseAddress } from '../network/headers/index.js';
import { deleteContactIfAbandoned } from './abandoned-contact.js';
import { refreshContacts } from '../network/refresh-contacts.js';
import { cachedFor } from '../network/statement-cache.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';

export type ContactSource = 'manual' | 'import' | 'mail';

export interface NewContact {
  name?: string | null;
  emails: string[];
  company?: string | null;
  title?: string | null;
  phone?: string | null;
  notes?: string | null;
  tags?: string[];
  source: ContactSource;
}

function prepare(db: VaultDatabase) {
  return {
    contactOf: db.prepare('SELECT contact_id FROM contact_emails WHERE address = ?').pluck(),
    exists: db.prepare('SELECT 1 FROM contacts WHERE id = ?').pluck(),
    insertContact: db.prepare(
      `INSERT INTO contacts (name, name_is_custom, company, company_is_custom, title, phone, notes, tags, source, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertEmail: db.prepare('INSERT INTO contact_emails (address, contact_id, is_primary, created_at) VALUES (?, ?, ?, ?)'),
    hasPrimary: db.prepare('SELECT 1 FROM contact_emails WHERE contact_id = ? AND is_primary = 1').pluck(),
    firstAddress: db.prepare('SELECT address FROM contact_emails WHERE contact_id = ? ORDER BY created_at, address LIMIT 1').pluck(),
    setPrimary: db.prepare('UPDATE contact_emails SET is_primary = (address = ?) WHERE contact_id = ?'),
  };
}

/** An address as the user typed it, normalised, or a clear error. */
export function requireAddress(input: string, path = 'email'): string {
  const address = normaliseAddress(input);
  if (address === null) throw new RapportError('invalid_input', `not an email address: ${JSON.stringify(input)}`, [{ path, message: 'not an email address' }]);
  return address;
}

export function findContactIdByAddress(db: VaultDatabase, address: string): number | null {
  const normalised = normaliseAddress(address);
  if (normalised === null) return null;
  return (cachedFor(db, prepare).contactOf.get(normalised) as number | undefined) ?? null;
}

export function requireContact(db: VaultDatabase, contactId: number): void {
  if (cachedFor(db, prepare).exists.get(contactId) === undefined) throw new RapportError('not_found', `no contact with id ${contactId}`);
}

function cleanText(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function cleanTags(tags: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  for (const tag of tags ?? []) {
    const clean = tag.trim();
    if (clean !== '') seen.add(clean);
  }
  return [...seen];
}

/**
 * A contact made by the user or an import. Addresses are normalised; one that is the user's own
 * or already belongs to another contact is refused (merge instead). An address with mail history
 * already has a contact (mail makes one), so there is never stored mail to attach here.
 */
export function createContact(db: VaultDatabase, input: NewContact, now: Date): number {
  const statements = cachedFor(db, prepare);
  const addresses = [...new Set(input.emails.map((email, index) => requireAddress(email, `emails.${index}`)))];
  const own = loadOwnAddresses(db);
  for (const address of addresses) {
    if (own.has(address)) throw new RapportError('invalid_input', `${address} is one of your own addresses, not a contact`, [{ path: 'emails', message: 'own address' }]);
    const owner = statements.contactOf.get(address) as number | undefined;
    if (owner !== undefined) throw new RapportError('conflict', `${address} already belongs to contact ${owner}`, [{ path: 'emails', message: `belongs to contact ${owner}` }]);
  }
  const name = cleanText(input.name);
  const company = cleanText(input.company);
  const nowIso = now.toISOString();
  const id = Number(
    statements.insertContact.run(
      name,
      name === null ? 0 : 1,
      company,
      company === null ? 0 : 1,
      cleanText(input.title),
      cleanText(input.phone),
      cleanText(input.notes),
      JSON.stringify(cleanTags(input.tags)),
      input.source,
      nowIso,
      nowIso,
    ).lastInsertRowid,
  );
  addresses.forEach((address, index) => statements.insertEmail.run(address, id, index === 0 ? 1 : 0, nowIso));
  refreshContacts(db, [id], now);
  return id;
}

/** Adds an address to a contact (idempotent). */
export function addContactAddress(db: VaultDatabase, contactId: number, address: string, now: Date): void {
  const statements = cachedFor(db, prepare);
  requireContact(db, contactId);
  const normalised = requireAddress(address);
  if (loadOwnAddresses(db).has(normalised)) throw new RapportError('invalid_input', `${normalised} is one of your own addresses, not a contact`);
  const owner = statements.contactOf.get(normalised) as number | undefined;
  if (owner === contactId) return;
  if (owner !== undefined) throw new RapportError('conflict', `${normalised} already belongs to contact ${owner}; merge the two contacts instead`);
  const isPrimary = statements.hasPrimary.get(contactId) === undefined ? 1 : 0;
  statements.insertEmail.run(normalised, contactId, isPrimary, now.toISOString());
  refreshContacts(db, [contactId], now);
}

/** After an address left a contact: the lowest-created remaining address becomes primary if none is. */
export function ensurePrimaryAddress(db: VaultDatabase, contactId: number): void {
  const statements = cachedFor(db, prepare);
  if (statements.hasPrimary.get(contactId) !== undefined) return;
  const first = statements.firstAddress.get(contactId) as string | undefined;
  if (first !== undefined) statements.setPrimary.run(first, contactId);
}

export { refreshContacts, deleteContactIfAbandoned };

import { findContactIdByAddress } from '../contacts/contact-store.js';
import { RapportError } from '../errors.js';
import { normaliseAddress } from '../network/headers/index.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';

export interface ResolvedContact {
  contactId: number;
  /** The normalised address the contact was named by, or null when it was named by id. */
  address: string | null;
}

/**
 * A contact named by id or by one of its addresses (in any spelling that normalises to it).
 * `field` names the argument in errors, so every adapter can point at what was wrong.
 */
export function resolveContact(db: VaultDatabase, ref: number | string, field = 'contact'): ResolvedContact {
  if (typeof ref === 'number') {
    const exists = db.prepare('SELECT 1 FROM contacts WHERE id = ?').get(ref);
    if (!exists) throw new RapportError('not_found', `no contact with id ${ref}`);
    return { contactId: ref, address: null };
  }
  const asNumber = /^\d+$/.test(ref) ? Number(ref) : null;
  if (asNumber !== null) return resolveContact(db, asNumber, field);
  const address = normaliseAddress(ref);
  if (address === null) {
    const message = `not an email address or contact id: ${ref}`;
    throw new RapportError('invalid_args', message, [{ path: field, message }]);
  }
  const contactId = findContactIdByAddress(db, address);
  if (contactId === null || contactId === undefined) throw new RapportError('not_found', `no contact has the address ${address}`);
  return { contactId, address };
}

/**
 * Resolves many references at once; every unknown one is reported in a single one-line error
 * (so `bucket assign Clients a@x b@y` names all the misses, and changes nothing).
 */
export function resolveContacts(db: VaultDatabase, refs: readonly (number | string)[], field = 'contacts'): ResolvedContact[] {
  const resolved: ResolvedContact[] = [];
  const missing: string[] = [];
  refs.forEach((ref, index) => {
    try {
      resolved.push(resolveContact(db, ref, `${field}.${index}`));
    } catch (error) {
      if (!(error instanceof RapportError) || error.code !== 'not_found') throw error;
      missing.push(typeof ref === 'number' ? `id ${ref}` : (normaliseAddress(ref) ?? ref));
    }
  });
  if (missing.length === 1) throw new RapportError('not_found', `no contact with ${missing[0]!.startsWith('id ') ? '' : 'the address '}${missing[0]}`);
  if (missing.length > 1) throw new RapportError('not_found', `no contact with these addresses or ids: ${missing.join(', ')}`);
  return resolved;
}

/** Every address of each contact, primary first: one query for a whole page of contacts. */
export function emailsOf(db: VaultDatabase, contactIds: readonly number[]): Map<number, string[]> {
  const result = new Map<number, string[]>();
  if (contactIds.length === 0) return result;
  const rows = db
    .prepare(
      `SELECT contact_id AS contactId, address FROM contact_emails
       WHERE contact_id IN (SELECT value FROM json_each(?))
       ORDER BY contact_id, is_primary DESC, address`,
    )
    .all(JSON.stringify(contactIds)) as { contactId: number; address: string }[];
  for (const row of rows) {
    const list = result.get(row.contactId);
    if (list) list.push(row.address);
    else result.set(row.contactId, [row.address]);
  }
  return result;
}

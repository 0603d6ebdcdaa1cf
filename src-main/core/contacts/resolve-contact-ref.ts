import { RapportError } from '../errors.js';
import { normaliseAddress } from '../network/headers/index.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { findContactIdByAddress, requireContact } from './contact-store.js';

/** A contact named by id (number or digits) or by any spelling of one of its addresses. */
export function resolveContactRef(db: VaultDatabase, ref: number | string, field = 'contact'): number {
  if (typeof ref === 'number' || /^\d+$/.test(ref)) {
    const id = Number(ref);
    requireContact(db, id);
    return id;
  }
  const address = normaliseAddress(ref);
  if (address === null) throw new RapportError('invalid_args', `not a contact id or email address: ${ref}`, [{ path: field, message: 'expected a contact id or an email address' }]);
  const id = findContactIdByAddress(db, address);
  if (id === null) throw new RapportError('not_found', `no contact has the address ${address}`);
  return id;
}

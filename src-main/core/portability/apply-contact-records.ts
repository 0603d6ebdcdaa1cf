import type { ImportResult } from '../../../src-shared/api/portability.js';
import { addContactAddress, createContact, findContactIdByAddress } from '../contacts/contact-store.js';
import { refreshContacts } from '../network/refresh-contacts.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import type { ContactRecord } from './contact-record.js';
import { bucketNamed, existingContactFor, mergeIntoContact } from './merge-contact.js';

export type ImportCounts = Omit<ImportResult, 'format' | 'dialect' | 'records'>;

export function emptyCounts(): ImportCounts {
  return { contactsCreated: 0, contactsMerged: 0, addressesAdded: 0, bucketsCreated: 0, membershipsAdded: 0, interactionsAdded: 0, notesAdded: 0, tasksAdded: 0, skipped: [] };
}

/**
 * Merges vCard/CSV records into the vault by address, inside the caller's transaction: a record
 * whose address a contact already has is folded into that contact (its other addresses join it,
 * unless another contact holds them); anything else becomes a new contact. Records sharing an
 * address within the file end up in one contact. Categories become buckets.
 */
export function applyContactRecords(db: VaultDatabase, records: readonly ContactRecord[], now: Date): ImportCounts {
  const counts = emptyCounts();
  const own = new Set(db.prepare('SELECT address FROM identities').pluck().all() as string[]);
  const touched = new Set<number>();
  const assign = db.prepare('INSERT OR IGNORE INTO bucket_contacts (bucket_id, contact_id, added_at) VALUES (?, ?, ?)');
  for (const record of records) {
    const addresses = record.emails.filter((address) => !own.has(address));
    if (addresses.length === 0) {
      counts.skipped.push({ record: record.where, reason: record.emails.length === 0 ? 'no email address' : 'only your own addresses' });
      continue;
    }
    const fields = { name: record.name, company: record.company, title: record.title, phone: record.phone, notes: record.notes, tags: record.tags };
    let contactId = existingContactFor(db, addresses);
    if (contactId === null) {
      contactId = createContact(db, { ...fields, emails: addresses, source: 'import' }, now);
      counts.contactsCreated++;
    } else {
      mergeIntoContact(db, contactId, fields, now);
      for (const address of addresses) {
        if (findContactIdByAddress(db, address) !== null) continue;
        addContactAddress(db, contactId, address, now);
        counts.addressesAdded++;
      }
      counts.contactsMerged++;
    }
    for (const category of record.categories) {
      const bucket = bucketNamed(db, category, now);
      if (bucket.created) counts.bucketsCreated++;
      counts.membershipsAdded += assign.run(bucket.id, contactId, now.toISOString()).changes;
    }
    touched.add(contactId);
  }
  refreshContacts(db, touched, now);
  return counts;
}

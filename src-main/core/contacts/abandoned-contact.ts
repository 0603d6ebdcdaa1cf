import type { VaultDatabase } from '../vault/encrypted-database.js';
import { cachedFor } from '../network/statement-cache.js';

function prepare(db: VaultDatabase) {
  return {
    abandoned: db.prepare(
      `SELECT 1 FROM contacts c WHERE c.id = ? AND c.source = 'mail'
         AND c.name_is_custom = 0 AND c.company_is_custom = 0 AND c.never_share = 0
         AND c.title IS NULL AND c.phone IS NULL AND coalesce(c.notes, '') = '' AND c.tags = '[]'
         AND c.archived_at IS NULL AND c.snoozed_until IS NULL
         AND (NOT EXISTS (SELECT 1 FROM contact_emails WHERE contact_id = c.id)
              OR NOT EXISTS (SELECT 1 FROM interactions WHERE contact_id = c.id))
         AND NOT EXISTS (SELECT 1 FROM notes WHERE contact_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM tasks WHERE contact_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM bucket_contacts WHERE contact_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM interactions WHERE contact_id = c.id AND kind != 'email')`,
    ).pluck(),
    deleteContact: db.prepare('DELETE FROM contacts WHERE id = ?'),
    deleteSearchRow: db.prepare('DELETE FROM contacts_fts WHERE rowid = ?'),
  };
}

/**
 * Removes a mail-made contact that the mail no longer supports (no address left, or no
 * interaction left) and that holds nothing the user gave it. Returns whether it was removed.
 */
export function deleteContactIfAbandoned(db: VaultDatabase, contactId: number): boolean {
  const statements = cachedFor(db, prepare);
  if (statements.abandoned.get(contactId) === undefined) return false;
  statements.deleteContact.run(contactId);
  statements.deleteSearchRow.run(contactId);
  return true;
}


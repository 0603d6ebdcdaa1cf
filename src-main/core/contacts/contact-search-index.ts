import type { VaultDatabase } from '../vault/encrypted-database.js';
import { cachedFor } from '../network/statement-cache.js';

export interface SearchRow {
  name: string | null;
  emails: readonly string[];
  company: string | null;
  title: string | null;
  tags: readonly string[];
  notes: readonly string[];
}

function prepare(db: VaultDatabase) {
  return {
    remove: db.prepare('DELETE FROM contacts_fts WHERE rowid = ?'),
    insert: db.prepare('INSERT INTO contacts_fts (rowid, name, emails, company, tags, notes) VALUES (?, ?, ?, ?, ?, ?)'),
  };
}

/** Keeps the contact's full-text row (rowid = contact id) in step with the contact. */
export function writeSearchRow(db: VaultDatabase, contactId: number, row: SearchRow): void {
  const statements = cachedFor(db, prepare);
  statements.remove.run(contactId);
  statements.insert.run(
    contactId,
    row.name ?? '',
    row.emails.join(' '),
    [row.company, row.title].filter((part) => part !== null && part !== '').join(' '),
    row.tags.join(' '),
    row.notes.filter((note) => note !== '').join('\n'),
  );
}

export function removeSearchRow(db: VaultDatabase, contactId: number): void {
  cachedFor(db, prepare).remove.run(contactId);
}

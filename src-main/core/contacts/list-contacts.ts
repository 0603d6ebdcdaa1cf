import type { z } from 'zod';
import type { ContactListItem, ContactSearchHit, contactListArgs } from '../../../src-shared/api/contacts.js';
import { RapportError } from '../errors.js';
import { computeDue } from '../followups/due-contacts.js';
import { decayFactor } from '../network/strength.js';
import type { StrengthBasis } from '../network/strength-basis.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { LIST_COLUMNS, toListItems, type ListRow } from './contact-rows.js';
import { ftsPrefixQuery } from './search-query.js';

export type ListOptions = z.output<typeof contactListArgs>;

/**
 * Contacts strongest first, with the filters of issue 4. Every filter is a condition on the
 * contacts row or a semi-join (bucket members, full-text matches), so the strength index drives
 * the scan and a page stops as soon as it is full.
 */
export function listContacts(db: VaultDatabase, options: ListOptions, basis: StrengthBasis, now: Date): ContactListItem[] {
  const where: string[] = ['c.ignored = 0'];
  const params: unknown[] = [];
  if (options.archived === 'exclude') where.push('c.archived_at IS NULL');
  else if (options.archived === 'only') where.push('c.archived_at IS NOT NULL');

  if (options.search !== undefined) {
    const query = ftsPrefixQuery(options.search);
    if (query === null) return [];
    where.push('c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)');
    params.push(query);
  }
  if (options.bucket !== undefined) {
    where.push('c.id IN (SELECT contact_id FROM bucket_contacts WHERE bucket_id = ?)');
    params.push(bucketId(db, options.bucket));
  }
  if (options.tag !== undefined) {
    where.push('EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = ? COLLATE NOCASE)');
    params.push(options.tag);
  }
  if (options.due === true) {
    where.push('c.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(computeDue(db, now).allIds));
  }
  // Stored strengths refer to basis.asOf; bounds are in today's units, as shown (six significant
  // digits), so a bound copied from a listing includes the contact it was copied from.
  const toStored = 1 / decayFactor(basis.asOfMs, now.getTime(), basis.halfLifeDays);
  if (options.minStrength !== undefined) {
    where.push('c.strength >= ?');
    params.push(options.minStrength * toStored * (1 - 1e-5));
  }
  if (options.maxStrength !== undefined) {
    where.push('c.strength <= ?');
    params.push(options.maxStrength * toStored * (1 + 1e-5));
  }
  if (options.contactedAfter !== undefined) {
    where.push('c.last_sent_at >= ?');
    params.push(options.contactedAfter);
  }
  if (options.contactedBefore !== undefined) {
    where.push('c.last_sent_at < ?');
    params.push(options.contactedBefore);
  }
  const sql = `SELECT ${LIST_COLUMNS} FROM contacts c WHERE ${where.join(' AND ')} ORDER BY c.strength DESC, c.id LIMIT ? OFFSET ?`;
  params.push(options.limit ?? -1, options.offset);
  const rows = db.prepare(sql).all(...params) as ListRow[];
  return toListItems(db, rows, basis, now);
}

function bucketId(db: VaultDatabase, ref: number | string): number {
  const row =
    typeof ref === 'number'
      ? (db.prepare('SELECT id FROM buckets WHERE id = ?').get(ref) as { id: number } | undefined)
      : (db.prepare('SELECT id FROM buckets WHERE name = ? COLLATE NOCASE').get(ref) as { id: number } | undefined);
  if (row === undefined) throw new RapportError('not_found', `no bucket ${typeof ref === 'number' ? `with id ${ref}` : `named "${ref}"`}`);
  return row.id;
}

/**
 * Search as you type. Ranked by bm25 relevance (a name hit outweighs an address hit, which
 * outweighs company, tags and notes), then by strength. Archived and ignored contacts are left out.
 */
export function searchContacts(db: VaultDatabase, text: string, limit: number, basis: StrengthBasis, now: Date): ContactSearchHit[] {
  const query = ftsPrefixQuery(text);
  if (query === null) return [];
  const rows = db
    .prepare(
      `SELECT ${LIST_COLUMNS}, c.company FROM
         (SELECT rowid, bm25(contacts_fts, 10.0, 5.0, 3.0, 2.0, 1.0) AS score FROM contacts_fts WHERE contacts_fts MATCH ?) AS hit
       JOIN contacts c ON c.id = hit.rowid
       WHERE c.ignored = 0 AND c.archived_at IS NULL
       ORDER BY hit.score, c.strength DESC, c.id LIMIT ?`,
    )
    .all(query, limit) as (ListRow & { company: string | null })[];
  const items = toListItems(db, rows, basis, now);
  return items.map((item, index) => ({ ...item, company: rows[index]!.company }));
}

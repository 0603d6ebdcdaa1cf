import type { Bucket } from '../../../src-shared/api/buckets.js';
import { RapportError } from '../errors.js';
import { computeDue } from '../followups/due-contacts.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';

interface BucketRow {
  id: number;
  name: string;
  color: string | null;
  cadenceDays: number | null;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT_BUCKET = `SELECT id, name, color, cadence_days AS cadenceDays, description, created_at AS createdAt, updated_at AS updatedAt FROM buckets`;

/** Finds a bucket by id, or by name ignoring case (names are unique without regard to case). */
export function findBucket(db: VaultDatabase, ref: number | string): BucketRow | null {
  const row = typeof ref === 'number' ? db.prepare(`${SELECT_BUCKET} WHERE id = ?`).get(ref) : db.prepare(`${SELECT_BUCKET} WHERE name = ? COLLATE NOCASE`).get(ref.trim());
  return (row as BucketRow | undefined) ?? null;
}

export function requireBucket(db: VaultDatabase, ref: number | string): BucketRow {
  const bucket = findBucket(db, ref);
  if (bucket) return bucket;
  throw new RapportError('not_found', typeof ref === 'number' ? `no bucket with id ${ref}` : `no bucket named "${ref.trim()}"`);
}

/** Every bucket with its member count and how many members are due now, by name. */
export function listBuckets(db: VaultDatabase, now: Date): Bucket[] {
  const rows = db.prepare(`${SELECT_BUCKET} ORDER BY name COLLATE NOCASE, id`).all() as BucketRow[];
  const memberCounts = new Map(
    (db.prepare('SELECT bucket_id AS id, count(*) AS n FROM bucket_contacts GROUP BY bucket_id').all() as { id: number; n: number }[]).map((row) => [row.id, row.n]),
  );
  const dueCounts = dueCountsByBucket(db, now);
  return rows.map((row) => ({ ...row, contacts: memberCounts.get(row.id) ?? 0, due: dueCounts.get(row.id) ?? 0 }));
}

export function getBucket(db: VaultDatabase, ref: number | string, now: Date): Bucket {
  const row = requireBucket(db, ref);
  return listBuckets(db, now).find((bucket) => bucket.id === row.id)!;
}

/** A due contact counts in every bucket it belongs to (it needs a follow-up whichever one is shown). */
function dueCountsByBucket(db: VaultDatabase, now: Date): Map<number, number> {
  const dueIds = computeDue(db, now, { limit: 0 }).allIds;
  const counts = new Map<number, number>();
  if (dueIds.length === 0) return counts;
  const rows = db
    .prepare(`SELECT bucket_id AS id, count(*) AS n FROM bucket_contacts WHERE contact_id IN (SELECT value FROM json_each(?)) GROUP BY bucket_id`)
    .all(JSON.stringify(dueIds)) as { id: number; n: number }[];
  for (const row of rows) counts.set(row.id, row.n);
  return counts;
}

export interface BucketFields {
  name?: string;
  color?: string | null;
  cadenceDays?: number | null;
  description?: string | null;
}

function ensureNameFree(db: VaultDatabase, name: string, exceptId?: number): void {
  const taken = findBucket(db, name);
  if (taken && taken.id !== exceptId) throw new RapportError('conflict', `a bucket named "${taken.name}" already exists`);
}

export function createBucket(db: VaultDatabase, fields: BucketFields & { name: string }, now: Date): number {
  ensureNameFree(db, fields.name);
  const at = now.toISOString();
  const result = db
    .prepare('INSERT INTO buckets (name, color, cadence_days, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(fields.name.trim(), fields.color ?? null, fields.cadenceDays ?? null, emptyToNull(fields.description), at, at);
  return Number(result.lastInsertRowid);
}

export function updateBucket(db: VaultDatabase, ref: number | string, fields: BucketFields, now: Date): number {
  const bucket = requireBucket(db, ref);
  if (fields.name !== undefined) ensureNameFree(db, fields.name, bucket.id);
  db.prepare(
    `UPDATE buckets SET name = ?, color = ?, cadence_days = ?, description = ?, updated_at = ? WHERE id = ?`,
  ).run(
    fields.name?.trim() ?? bucket.name,
    fields.color === undefined ? bucket.color : fields.color,
    fields.cadenceDays === undefined ? bucket.cadenceDays : fields.cadenceDays,
    fields.description === undefined ? bucket.description : emptyToNull(fields.description),
    now.toISOString(),
    bucket.id,
  );
  return bucket.id;
}

export function deleteBucket(db: VaultDatabase, bucketId: number): void {
  db.prepare('DELETE FROM buckets WHERE id = ?').run(bucketId);
}

/** Adds contacts to a bucket; returns how many were not members before. */
export function assignContacts(db: VaultDatabase, bucketId: number, contactIds: readonly number[], now: Date): number {
  const insert = db.prepare('INSERT OR IGNORE INTO bucket_contacts (bucket_id, contact_id, added_at) VALUES (?, ?, ?)');
  const at = now.toISOString();
  let changed = 0;
  for (const contactId of new Set(contactIds)) changed += insert.run(bucketId, contactId, at).changes;
  return changed;
}

export function unassignContacts(db: VaultDatabase, bucketId: number, contactIds: readonly number[]): number {
  const remove = db.prepare('DELETE FROM bucket_contacts WHERE bucket_id = ? AND contact_id = ?');
  let changed = 0;
  for (const contactId of new Set(contactIds)) changed += remove.run(bucketId, contactId).changes;
  return changed;
}

function emptyToNull(text: string | null | undefined): string | null {
  if (text === undefined || text === null) return null;
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

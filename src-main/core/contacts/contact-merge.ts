import { RapportError } from '../errors.js';
import { refreshContacts } from '../network/refresh-contacts.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import type { ContactOwnFieldsRow, ContactTableRow } from './contact-table-row.js';
import { ensurePrimaryAddress } from './contact-store.js';
import { requireOwnAddress } from './contact-edits.js';

/** What a contact was when it was merged into another: enough to split it back out. */
interface MergeSnapshot {
  contact: ContactFields;
  /** Its addresses, primary first. */
  addresses: string[];
  noteIds: number[];
  taskIds: number[];
  /** Logged touches (calls, meetings, ...): mail interactions follow their address instead. */
  touchIds: number[];
  bucketIds: number[];
  /** The target's buckets before the merge, so unmerge takes away only what the merge added. */
  targetBucketIds: number[];
}

type ContactFields = ContactOwnFieldsRow & Pick<ContactTableRow, 'created_at'>;

const FIELD_COLUMNS = 'name, name_is_custom, company, company_is_custom, title, phone, notes, tags, never_share, archived_at, snoozed_until, source, created_at';

function fieldsOf(db: VaultDatabase, id: number): ContactFields {
  const row = db.prepare(`SELECT ${FIELD_COLUMNS} FROM contacts WHERE id = ?`).get(id) as ContactFields | undefined;
  if (row === undefined) throw new RapportError('not_found', `no contact with id ${id}`);
  return row;
}

const ids = (db: VaultDatabase, sql: string, id: number) => db.prepare(sql).pluck().all(id) as number[];

function mergedTags(a: string, b: string): string {
  const parse = (json: string): string[] => {
    try {
      const value: unknown = JSON.parse(json);
      return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
    } catch {
      return [];
    }
  };
  return JSON.stringify([...new Set([...parse(a), ...parse(b)])]);
}

function joinNotes(a: string | null, b: string | null): string | null {
  if (a === null || a === '') return b;
  if (b === null || b === '' || a === b) return a;
  return `${a}\n\n${b}`;
}

/**
 * Moves everything of `sourceId` into `targetId` — every address, interaction, note, task and
 * bucket membership — then deletes the source. Fields: the target's win where set; empty ones
 * take the source's; notes are joined, tags united, "never share" kept if either had it. A
 * snapshot of the source is kept so `unmergeContact` can split it out again.
 */
export function mergeContacts(db: VaultDatabase, targetId: number, sourceId: number, now: Date): void {
  if (targetId === sourceId) throw new RapportError('invalid_args', 'cannot merge a contact with itself', [{ path: 'source', message: 'same contact as target' }]);
  const target = fieldsOf(db, targetId);
  const source = fieldsOf(db, sourceId);
  const snapshot: MergeSnapshot = {
    contact: source,
    addresses: db.prepare('SELECT address FROM contact_emails WHERE contact_id = ? ORDER BY is_primary DESC, address').pluck().all(sourceId) as string[],
    noteIds: ids(db, 'SELECT id FROM notes WHERE contact_id = ?', sourceId),
    taskIds: ids(db, 'SELECT id FROM tasks WHERE contact_id = ?', sourceId),
    touchIds: ids(db, `SELECT id FROM interactions WHERE contact_id = ? AND kind != 'email'`, sourceId),
    bucketIds: ids(db, 'SELECT bucket_id FROM bucket_contacts WHERE contact_id = ?', sourceId),
    targetBucketIds: ids(db, 'SELECT bucket_id FROM bucket_contacts WHERE contact_id = ?', targetId),
  };

  db.prepare('UPDATE contact_emails SET contact_id = ?, is_primary = 0 WHERE contact_id = ?').run(targetId, sourceId);
  ensurePrimaryAddress(db, targetId);
  for (const table of ['interactions', 'notes', 'tasks']) db.prepare(`UPDATE ${table} SET contact_id = ? WHERE contact_id = ?`).run(targetId, sourceId);
  db.prepare('INSERT OR IGNORE INTO bucket_contacts (bucket_id, contact_id, added_at) SELECT bucket_id, ?, added_at FROM bucket_contacts WHERE contact_id = ?').run(targetId, sourceId);
  db.prepare('UPDATE contact_merges SET target_id = ? WHERE target_id = ?').run(targetId, sourceId);

  const nameFromSource = !target.name_is_custom && source.name_is_custom;
  const companyFromSource = !target.company_is_custom && source.company_is_custom;
  db.prepare(
    `UPDATE contacts SET name = ?, name_is_custom = ?, company = ?, company_is_custom = ?, title = ?, phone = ?, notes = ?, tags = ?,
       never_share = ?, snoozed_until = ?, updated_at = ? WHERE id = ?`,
  ).run(
    nameFromSource ? source.name : target.name,
    target.name_is_custom || source.name_is_custom ? 1 : 0,
    companyFromSource ? source.company : target.company,
    target.company_is_custom || source.company_is_custom ? 1 : 0,
    target.title ?? source.title,
    target.phone ?? source.phone,
    joinNotes(target.notes, source.notes),
    mergedTags(target.tags, source.tags),
    target.never_share || source.never_share ? 1 : 0,
    target.snoozed_until ?? source.snoozed_until,
    now.toISOString(),
    targetId,
  );
  db.prepare('INSERT INTO contact_merges (target_id, source_id, snapshot, merged_at) VALUES (?, ?, ?, ?)').run(targetId, sourceId, JSON.stringify(snapshot), now.toISOString());
  db.prepare('DELETE FROM contacts WHERE id = ?').run(sourceId);
  db.prepare('DELETE FROM contacts_fts WHERE rowid = ?').run(sourceId);
  refreshContacts(db, [targetId], now);
}

interface MergeRow {
  id: number;
  snapshot: string;
}

/**
 * Splits an address back out of a contact, into a contact of its own, with its interactions.
 * If the address came in by a merge, the merged-in contact is restored as it was: its fields, all
 * its addresses still here, their interactions, its notes, tasks, logged touches and buckets.
 * Returns the id of the contact now holding the address.
 */
export function unmergeContact(db: VaultDatabase, contactId: number, email: string, now: Date): number {
  const address = requireOwnAddress(db, contactId, email);
  const remaining = db.prepare('SELECT address FROM contact_emails WHERE contact_id = ?').pluck().all(contactId) as string[];
  const merges = db.prepare('SELECT id, snapshot FROM contact_merges WHERE target_id = ? ORDER BY id DESC').all(contactId) as MergeRow[];
  const merge = merges.find((row) => (JSON.parse(row.snapshot) as MergeSnapshot).addresses.includes(address));
  const snapshot = merge === undefined ? null : (JSON.parse(merge.snapshot) as MergeSnapshot);
  const moving = snapshot === null ? [address] : snapshot.addresses.filter((entry) => remaining.includes(entry));
  if (moving.length >= remaining.length) {
    throw new RapportError('conflict', `${address} is all contact ${contactId} has left; nothing to split it from`);
  }

  const nowIso = now.toISOString();
  const fields = snapshot?.contact ?? null;
  const hasMail = moving.some((entry) => db.prepare(`SELECT 1 FROM interactions WHERE contact_id = ? AND address = ? LIMIT 1`).get(contactId, entry) !== undefined);
  const newId = Number(
    db
      .prepare(
        `INSERT INTO contacts (name, name_is_custom, company, company_is_custom, title, phone, notes, tags, never_share, archived_at, snoozed_until, source, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        fields?.name ?? null,
        fields?.name_is_custom ?? 0,
        fields?.company ?? null,
        fields?.company_is_custom ?? 0,
        fields?.title ?? null,
        fields?.phone ?? null,
        fields?.notes ?? null,
        fields?.tags ?? '[]',
        fields?.never_share ?? 0,
        fields?.archived_at ?? null,
        fields?.snoozed_until ?? null,
        fields?.source ?? (hasMail ? 'mail' : 'manual'),
        fields?.created_at ?? nowIso,
        nowIso,
      ).lastInsertRowid,
  );
  const moveAddress = db.prepare('UPDATE contact_emails SET contact_id = ?, is_primary = ? WHERE address = ?');
  const moveInteractions = db.prepare('UPDATE interactions SET contact_id = ? WHERE contact_id = ? AND address = ?');
  moving.forEach((entry, index) => {
    moveAddress.run(newId, index === 0 ? 1 : 0, entry);
    moveInteractions.run(newId, contactId, entry);
  });
  ensurePrimaryAddress(db, contactId);

  if (snapshot !== null && merge !== undefined) {
    const moveBack = (table: string, list: number[]) => {
      const statement = db.prepare(`UPDATE ${table} SET contact_id = ? WHERE id = ? AND contact_id = ?`);
      for (const id of list) statement.run(newId, id, contactId);
    };
    moveBack('notes', snapshot.noteIds);
    moveBack('tasks', snapshot.taskIds);
    moveBack('interactions', snapshot.touchIds);
    const addMembership = db.prepare('INSERT OR IGNORE INTO bucket_contacts (bucket_id, contact_id, added_at) SELECT id, ?, ? FROM buckets WHERE id = ?');
    const dropMembership = db.prepare('DELETE FROM bucket_contacts WHERE bucket_id = ? AND contact_id = ?');
    for (const bucketId of snapshot.bucketIds) {
      addMembership.run(newId, nowIso, bucketId);
      if (!snapshot.targetBucketIds.includes(bucketId)) dropMembership.run(bucketId, contactId);
    }
    if (snapshot.contact.notes !== null && snapshot.contact.notes !== '') {
      const current = db.prepare('SELECT notes FROM contacts WHERE id = ?').pluck().get(contactId) as string | null;
      const appended = `\n\n${snapshot.contact.notes}`;
      if (current !== null && current.endsWith(appended)) db.prepare('UPDATE contacts SET notes = ? WHERE id = ?').run(current.slice(0, -appended.length), contactId);
    }
    db.prepare('DELETE FROM contact_merges WHERE id = ?').run(merge.id);
  }
  db.prepare('UPDATE contacts SET updated_at = ? WHERE id = ?').run(nowIso, contactId);
  refreshContacts(db, [contactId, newId], now);
  return newId;
}

import { addContactAddress, createContact, findContactIdByAddress } from '../../contacts/contact-store.js';
import { addIdentities } from '../../network/ingest.js';
import { refreshContacts } from '../../network/refresh-contacts.js';
import { distinctAddressRows, encodeAddressRows, sortByRole, storedMessageId } from '../../network/stored-message.js';
import { messageKeyPrefix } from '../../vault/migrations/message-key-prefix.js';
import { writeSetting } from '../../settings/settings-store.js';
import type { SettingKey } from '../../../../src-shared/api/settings.js';
import type { VaultDatabase } from '../../vault/encrypted-database.js';
import { emptyCounts, type ImportCounts } from '../apply-contact-records.js';
import { existingContactFor, mergeIntoContact } from '../merge-contact.js';
import type { ExportDocument } from './read-json-export.js';

/**
 * Writes a checked Rapport export into the vault, inside the caller's transaction.
 *
 * Into an empty vault this restores everything as it was: rows keep their dates and flags, and a
 * re-export is identical. Into a vault with data it merges: accounts by address, contacts by
 * address (details folded in as for vCard), buckets by name, messages by key, mail interactions
 * by (message, address); logged touches, notes, tasks and audit entries that are already there
 * (same contact, kind/text and time) are not added twice.
 *
 * Order matters: identities first (an own address is never a contact), contacts before messages
 * (so creating a contact finds no stored mail to derive: the file's interactions are the record),
 * derived contact fields last.
 */
export function applyJsonExport(db: VaultDatabase, document: ExportDocument, now: Date): ImportCounts {
  const counts = emptyCounts();
  for (const [key, value] of Object.entries(document.settings)) writeSetting(db, key as SettingKey, value);

  const accountIds = importAccounts(db, document);
  importFolders(db, document, accountIds);
  importIdentities(db, document, accountIds, now);
  const insertIgnore = db.prepare('INSERT OR IGNORE INTO ignores (pattern, kind, created_at) VALUES (?, ?, ?)');
  for (const ignore of document.ignores) insertIgnore.run(ignore.pattern, ignore.kind, ignore.createdAt);

  const contactIds = importContacts(db, document, now, counts);
  importBuckets(db, document, contactIds, counts);
  importNotes(db, document, contactIds, counts);
  importTasks(db, document, contactIds, counts);
  importMessages(db, document, accountIds);
  importInteractions(db, document, contactIds, accountIds, counts);

  const insertDismissal = db.prepare('INSERT OR IGNORE INTO duplicate_dismissals (low_id, high_id, created_at) VALUES (?, ?, ?)');
  for (const dismissal of document.duplicateDismissals) {
    const [a, b] = dismissal.contacts.map((ref) => contactIds.get(ref)!) as [number, number];
    if (a !== b) insertDismissal.run(Math.min(a, b), Math.max(a, b), dismissal.createdAt);
  }
  const auditExists = db.prepare('SELECT 1 FROM audit_log WHERE at = ? AND action = ? AND destination IS ? AND bytes IS ? AND detail IS ?').pluck();
  const insertAudit = db.prepare('INSERT INTO audit_log (at, action, destination, bytes, detail) VALUES (?, ?, ?, ?, ?)');
  for (const entry of document.auditLog) {
    const values = [entry.at, entry.action, entry.destination, entry.bytes, entry.detail] as const;
    if (auditExists.get(...values) === undefined) insertAudit.run(...values);
  }

  refreshContacts(db, new Set(contactIds.values()), now);
  return counts;
}

function importAccounts(db: VaultDatabase, document: ExportDocument): Map<number, number> {
  const ids = new Map<number, number>();
  const existing = db.prepare('SELECT id FROM accounts WHERE address = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO accounts (address, host, port, security, username, auth_kind, ca_file, provider, excluded_folders, aliases, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const account of document.accounts) {
    const id = existing.get(account.address) as number | undefined;
    ids.set(
      account.ref,
      id ??
        Number(
          insert.run(
            account.address,
            account.host,
            account.port,
            account.security,
            account.username,
            account.authKind,
            account.caFile,
            account.provider,
            JSON.stringify(account.excludedFolders),
            JSON.stringify(account.aliases),
            account.createdAt,
          ).lastInsertRowid,
        ),
    );
  }
  return ids;
}

function importFolders(db: VaultDatabase, document: ExportDocument, accountIds: Map<number, number>): void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO folders (account_id, path, special_use, purpose, uidvalidity, last_uid, uid_next, highest_modseq, synced_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const folder of document.folders) {
    insert.run(accountIds.get(folder.account)!, folder.path, folder.specialUse, folder.purpose, folder.uidvalidity, folder.lastUid, folder.uidNext, folder.highestModseq, folder.syncedAt);
  }
}

function importIdentities(db: VaultDatabase, document: ExportDocument, accountIds: Map<number, number>, now: Date): void {
  const known = db.prepare('SELECT 1 FROM identities WHERE address = ?').pluck();
  const fresh = document.identities.filter((identity) => known.get(identity.address) === undefined);
  if (fresh.length === 0) return;
  // Through the network's own path, so a merge into a vault with contacts re-derives what it must.
  addIdentities(
    db,
    fresh.map((identity) => ({ address: identity.address, accountId: identity.account === null ? null : accountIds.get(identity.account)!, source: identity.source })),
    now,
  );
  const setCreated = db.prepare('UPDATE identities SET created_at = ? WHERE address = ?');
  for (const identity of fresh) setCreated.run(identity.createdAt, identity.address);
}

function importContacts(db: VaultDatabase, document: ExportDocument, now: Date, counts: ImportCounts): Map<number, number> {
  const ids = new Map<number, number>();
  const restore = db.prepare(
    `UPDATE contacts SET name = ?, name_is_custom = ?, company = ?, company_is_custom = ?, title = ?, phone = ?, notes = ?, tags = ?,
       never_share = ?, archived_at = ?, snoozed_until = ?, source = ?, created_at = ?, updated_at = ? WHERE id = ?`,
  );
  const restoreEmail = db.prepare('UPDATE contact_emails SET is_primary = ?, created_at = ? WHERE address = ?');
  // A contact without any address cannot be matched by address: the same name and creation time
  // (both exported) identify it, so importing a file twice does not duplicate it.
  const sameAddresslessContact = db
    .prepare('SELECT id FROM contacts c WHERE name IS ? AND created_at = ? AND NOT EXISTS (SELECT 1 FROM contact_emails e WHERE e.contact_id = c.id) ORDER BY id LIMIT 1')
    .pluck();
  for (const contact of document.contacts) {
    const addresses = contact.emails.map((email) => email.address);
    const existing = addresses.length === 0 ? ((sameAddresslessContact.get(contact.name, contact.createdAt) as number | undefined) ?? null) : existingContactFor(db, addresses);
    if (existing === null) {
      // Created as an import (a mail-made contact with no mail yet would be tidied away at once),
      // then every stored field is put back as it was, source included.
      const id = createContact(db, { name: contact.name, emails: addresses, company: contact.company, title: contact.title, phone: contact.phone, notes: contact.notes, tags: contact.tags, source: 'import' }, now);
      restore.run(
        contact.name,
        contact.nameIsCustom ? 1 : 0,
        contact.company,
        contact.companyIsCustom ? 1 : 0,
        contact.title,
        contact.phone,
        contact.notes,
        JSON.stringify(contact.tags),
        contact.neverShare ? 1 : 0,
        contact.archivedAt,
        contact.snoozedUntil,
        contact.source,
        contact.createdAt,
        contact.updatedAt,
        id,
      );
      for (const email of contact.emails) restoreEmail.run(email.isPrimary ? 1 : 0, email.createdAt, email.address);
      ids.set(contact.ref, id);
      counts.contactsCreated++;
      continue;
    }
    mergeIntoContact(
      db,
      existing,
      {
        name: contact.nameIsCustom ? contact.name : null,
        company: contact.companyIsCustom ? contact.company : null,
        title: contact.title,
        phone: contact.phone,
        notes: contact.notes,
        tags: contact.tags,
        neverShare: contact.neverShare,
      },
      now,
    );
    for (const address of addresses) {
      if (findContactIdByAddress(db, address) !== null) continue;
      addContactAddress(db, existing, address, now);
      counts.addressesAdded++;
    }
    ids.set(contact.ref, existing);
    counts.contactsMerged++;
  }
  return ids;
}

function importBuckets(db: VaultDatabase, document: ExportDocument, contactIds: Map<number, number>, counts: ImportCounts): void {
  const existing = db.prepare('SELECT id FROM buckets WHERE name = ? COLLATE NOCASE').pluck();
  const insert = db.prepare('INSERT INTO buckets (name, color, cadence_days, description, share_settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const assign = db.prepare('INSERT OR IGNORE INTO bucket_contacts (bucket_id, contact_id, added_at) VALUES (?, ?, ?)');
  for (const bucket of document.buckets) {
    let id = existing.get(bucket.name.trim()) as number | undefined;
    if (id === undefined) {
      id = Number(insert.run(bucket.name.trim(), bucket.color, bucket.cadenceDays, bucket.description, JSON.stringify(bucket.shareSettings), bucket.createdAt, bucket.updatedAt).lastInsertRowid);
      counts.bucketsCreated++;
    }
    for (const member of bucket.members) counts.membershipsAdded += assign.run(id, contactIds.get(member.contact)!, member.addedAt).changes;
  }
}

function importNotes(db: VaultDatabase, document: ExportDocument, contactIds: Map<number, number>, counts: ImportCounts): void {
  const exists = db.prepare('SELECT 1 FROM notes WHERE contact_id = ? AND body = ? AND created_at = ?').pluck();
  const insert = db.prepare('INSERT INTO notes (contact_id, body, is_touch, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const insertTouch = db.prepare(
    `INSERT INTO interactions (contact_id, address, message_key, kind, direction, role, occurred_at, note, note_id, created_at)
     VALUES (?, NULL, NULL, 'note', NULL, NULL, ?, ?, ?, ?)`,
  );
  for (const note of document.notes) {
    const contactId = contactIds.get(note.contact)!;
    if (exists.get(contactId, note.body, note.createdAt) !== undefined) continue;
    const id = Number(insert.run(contactId, note.body, note.isTouch ? 1 : 0, note.createdAt, note.updatedAt).lastInsertRowid);
    if (note.isTouch) insertTouch.run(contactId, note.touchedAt, note.body, id, note.updatedAt);
    counts.notesAdded++;
  }
}

function importTasks(db: VaultDatabase, document: ExportDocument, contactIds: Map<number, number>, counts: ImportCounts): void {
  const exists = db.prepare('SELECT 1 FROM tasks WHERE contact_id IS ? AND title = ? AND due_at = ? AND created_at = ?').pluck();
  const insert = db.prepare('INSERT INTO tasks (contact_id, title, note, due_at, completed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const task of document.tasks) {
    const contactId = task.contact === null ? null : contactIds.get(task.contact)!;
    if (exists.get(contactId, task.title, task.dueAt, task.createdAt) !== undefined) continue;
    insert.run(contactId, task.title, task.note, task.dueAt, task.completedAt, task.createdAt, task.updatedAt);
    counts.tasksAdded++;
  }
}

function importMessages(db: VaultDatabase, document: ExportDocument, accountIds: Map<number, number>): void {
  const insert = db.prepare(
    `INSERT INTO messages (key, key_prefix, account_id, occurred_at, thread_key, from_address, bulk_reason, recipient_count, addresses, subject, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const message of document.messages) {
    if (storedMessageId(db, message.key) !== null) continue;
    const rows = sortByRole(distinctAddressRows(message.addresses));
    insert.run(
      message.key,
      messageKeyPrefix(message.key),
      message.account === null ? null : accountIds.get(message.account)!,
      message.occurredAt,
      message.threadKey,
      message.from,
      message.bulkReason,
      message.recipientCount,
      encodeAddressRows(rows),
      message.subject,
      message.createdAt,
    );
  }
  // Name counts are per message; a message both sides had counted once, so keep the larger count.
  const names = db.prepare('INSERT INTO address_names (address, name, count) VALUES (?, ?, ?) ON CONFLICT (address, name) DO UPDATE SET count = max(count, excluded.count)');
  for (const row of document.addressNames) names.run(row.address, row.name, row.count);
}

function importInteractions(db: VaultDatabase, document: ExportDocument, contactIds: Map<number, number>, accountIds: Map<number, number>, counts: ImportCounts): void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO interactions (contact_id, address, message_id, message_key, kind, direction, role, occurred_at, thread_key, account_id, recipient_count, note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const touchExists = db.prepare('SELECT 1 FROM interactions WHERE contact_id = ? AND kind = ? AND occurred_at = ? AND note IS ? AND message_key IS NULL').pluck();
  // Mail interactions whose message is in neither vault nor file (its account was removed before the export) are matched by key.
  const orphanExists = db.prepare('SELECT 1 FROM interactions WHERE contact_id = ? AND message_key = ? AND address IS ? AND message_id IS NULL').pluck();
  const owner = db.prepare('SELECT contact_id FROM contact_emails WHERE address = ?').pluck();
  for (const interaction of document.interactions) {
    // The contact that holds the address now (a merge may have put it elsewhere), else the record's.
    const contactId = (interaction.address === null ? undefined : (owner.get(interaction.address) as number | undefined)) ?? contactIds.get(interaction.contact)!;
    if (interaction.messageKey === null && touchExists.get(contactId, interaction.kind, interaction.occurredAt, interaction.note) !== undefined) continue;
    const messageId = interaction.messageKey === null ? null : storedMessageId(db, interaction.messageKey);
    if (interaction.messageKey !== null && messageId === null && orphanExists.get(contactId, interaction.messageKey, interaction.address) !== undefined) continue;
    const result = insert.run(
      contactId,
      interaction.address,
      messageId,
      // Kept on the interaction only when its message is not stored (see migration 6).
      messageId === null ? interaction.messageKey : null,
      interaction.kind,
      interaction.direction,
      interaction.role,
      interaction.occurredAt,
      messageId === null ? interaction.threadKey : null,
      interaction.account === null ? null : accountIds.get(interaction.account)!,
      interaction.recipientCount,
      interaction.note,
      interaction.createdAt,
    );
    counts.interactionsAdded += result.changes;
  }
}

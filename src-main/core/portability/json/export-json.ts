import { RAPPORT_EXPORT_FORMAT, RAPPORT_EXPORT_VERSION } from '../../../../src-shared/api/portability.js';
import { parseTags } from '../../network/refresh-contacts.js';
import { contactOwnFields, type ContactTableRow } from '../../contacts/contact-table-row.js';
import { readSettings } from '../../settings/settings-store.js';
import type { VaultDatabase } from '../../vault/encrypted-database.js';
import { decodeAddressRows, type AddressRow } from '../../network/stored-message.js';
import type { ExportSink } from '../export-sink.js';
import type { SectionName, SectionRecord } from './export-document.js';

/**
 * Writes the complete JSON export (see export-document.ts for what is in it and why). One record per
 * line inside each section, so the file diffs well, streams, and import errors can name a line.
 * Big sections are read with iterators and written as they come.
 */

/** Vault id → file-local ref (1, 2, ... in id order). */
function refsOf(db: VaultDatabase, table: 'accounts' | 'contacts' | 'buckets'): Map<number, number> {
  const ids = db.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as number[];
  return new Map(ids.map((id, index) => [id, index + 1]));
}

function listOf(json: string): string[] {
  return parseTags(json);
}

function refOrNull(refs: Map<number, number>, id: number | null): number | null {
  return id === null ? null : (refs.get(id) ?? null);
}

class SectionWriter {
  private first = true;

  constructor(
    private readonly sink: ExportSink,
    name: SectionName,
  ) {
    sink.write(`,\n  ${JSON.stringify(name)}: [`);
  }

  add<K extends SectionName>(record: SectionRecord<K>): void {
    this.sink.write(`${this.first ? '' : ','}\n    ${JSON.stringify(record)}`);
    this.first = false;
  }

  end(): void {
    this.sink.write(this.first ? ']' : '\n  ]');
  }
}

function section<K extends SectionName>(sink: ExportSink, name: K, rows: Iterable<SectionRecord<K>>): number {
  const writer = new SectionWriter(sink, name);
  let count = 0;
  for (const row of rows) {
    writer.add<K>(row);
    count++;
  }
  writer.end();
  return count;
}

function* mapRows<T, R>(rows: Iterable<T>, map: (row: T) => R): Iterable<R> {
  for (const row of rows) yield map(row);
}

interface AccountRow {
  id: number;
  address: string;
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'plain';
  username: string;
  auth_kind: 'password' | 'oauth2';
  ca_file: string | null;
  provider: string | null;
  excluded_folders: string;
  aliases: string;
  created_at: string;
}


interface InteractionRow {
  contact_id: number;
  address: string | null;
  message_key: string | null;
  kind: 'email' | 'call' | 'meeting' | 'other' | 'note';
  direction: 'sent' | 'received' | null;
  role: 'from' | 'to' | 'cc' | 'bcc' | null;
  occurred_at: string;
  thread_key: string | null;
  account_id: number | null;
  recipient_count: number | null;
  note: string | null;
  created_at: string;
}

interface MessageExportRow {
  key: string;
  account_id: number | null;
  occurred_at: string;
  thread_key: string | null;
  from_address: string;
  bulk_reason: string | null;
  recipient_count: number;
  subject: string | null;
  created_at: string;
  addresses: string;
}

const byAddressThenRole = (a: AddressRow, b: AddressRow) => (a.address < b.address ? -1 : a.address > b.address ? 1 : a.role < b.role ? -1 : a.role > b.role ? 1 : 0);

/** In key order (key_prefix orders keys as their text does: both are the same hex digits). */
function* messages(db: VaultDatabase, accountRefs: Map<number, number>): Iterable<SectionRecord<'messages'>> {
  const rows = db
    .prepare(
      `SELECT key, account_id, occurred_at, thread_key, from_address, bulk_reason, recipient_count, subject, created_at, addresses
       FROM messages ORDER BY key_prefix, key`,
    )
    .iterate() as IterableIterator<MessageExportRow>;
  for (const row of rows) {
    yield {
      key: row.key,
      account: refOrNull(accountRefs, row.account_id),
      occurredAt: row.occurred_at,
      threadKey: row.thread_key,
      from: row.from_address,
      bulkReason: row.bulk_reason,
      recipientCount: row.recipient_count,
      subject: row.subject,
      createdAt: row.created_at,
      // decodeAddressRows makes fresh { address, role, name } objects, already the record's shape.
      addresses: decodeAddressRows(row.addresses).sort(byAddressThenRole),
    };
  }
}

export interface JsonExportStats {
  contacts: number;
}

export function exportJson(db: VaultDatabase, sink: ExportSink): JsonExportStats {
  const accountRefs = refsOf(db, 'accounts');
  const contactRefs = refsOf(db, 'contacts');
  const bucketRefs = refsOf(db, 'buckets');
  const contactRef = (id: number) => contactRefs.get(id)!;

  sink.write(`{\n  "format": ${JSON.stringify(RAPPORT_EXPORT_FORMAT)},\n  "version": ${RAPPORT_EXPORT_VERSION},\n  "settings": ${JSON.stringify(readSettings(db))}`);

  section(
    sink,
    'accounts',
    (db.prepare('SELECT * FROM accounts ORDER BY id').all() as AccountRow[]).map((row) => ({
      ref: accountRefs.get(row.id)!,
      address: row.address,
      host: row.host,
      port: row.port,
      security: row.security,
      username: row.username,
      authKind: row.auth_kind,
      caFile: row.ca_file,
      provider: row.provider,
      excludedFolders: listOf(row.excluded_folders),
      aliases: listOf(row.aliases),
      createdAt: row.created_at,
    })),
  );

  section(
    sink,
    'folders',
    (
      db.prepare('SELECT account_id, path, special_use, purpose, uidvalidity, last_uid, uid_next, highest_modseq, synced_at FROM folders').all() as {
        account_id: number;
        path: string;
        special_use: string | null;
        purpose: 'messages' | 'identities';
        uidvalidity: string | null;
        last_uid: number;
        uid_next: number | null;
        highest_modseq: string | null;
        synced_at: string | null;
      }[]
    )
      .map((row) => ({
        account: accountRefs.get(row.account_id)!,
        path: row.path,
        specialUse: row.special_use,
        purpose: row.purpose,
        uidvalidity: row.uidvalidity === null ? null : String(row.uidvalidity),
        lastUid: row.last_uid,
        uidNext: row.uid_next,
        highestModseq: row.highest_modseq === null ? null : String(row.highest_modseq),
        syncedAt: row.synced_at,
      }))
      .sort((a, b) => a.account - b.account || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  );

  section(
    sink,
    'identities',
    (db.prepare('SELECT address, account_id, source, created_at FROM identities ORDER BY address').all() as {
      address: string;
      account_id: number | null;
      source: 'account' | 'alias' | 'sent';
      created_at: string;
    }[]).map((row) => ({ address: row.address, account: refOrNull(accountRefs, row.account_id), source: row.source, createdAt: row.created_at })),
  );

  section(
    sink,
    'ignores',
    (db.prepare('SELECT pattern, kind, created_at AS createdAt FROM ignores ORDER BY kind, pattern').all() as SectionRecord<'ignores'>[]),
  );

  const emailsByContact = new Map<number, SectionRecord<'contacts'>['emails']>();
  for (const row of db.prepare('SELECT contact_id, address, is_primary, created_at FROM contact_emails ORDER BY contact_id, is_primary DESC, address').all() as {
    contact_id: number;
    address: string;
    is_primary: number;
    created_at: string;
  }[]) {
    const list = emailsByContact.get(row.contact_id) ?? [];
    list.push({ address: row.address, isPrimary: row.is_primary === 1, createdAt: row.created_at });
    emailsByContact.set(row.contact_id, list);
  }
  const contacts = section(
    sink,
    'contacts',
    mapRows(db.prepare('SELECT * FROM contacts ORDER BY id').all() as ContactTableRow[], (row) => ({
      ref: contactRef(row.id),
      ...contactOwnFields(row),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      emails: emailsByContact.get(row.id) ?? [],
    })),
  );

  const membersByBucket = new Map<number, { contact: number; addedAt: string }[]>();
  for (const row of db.prepare('SELECT bucket_id, contact_id, added_at FROM bucket_contacts').all() as { bucket_id: number; contact_id: number; added_at: string }[]) {
    const list = membersByBucket.get(row.bucket_id) ?? [];
    list.push({ contact: contactRef(row.contact_id), addedAt: row.added_at });
    membersByBucket.set(row.bucket_id, list);
  }
  section(
    sink,
    'buckets',
    (db.prepare('SELECT * FROM buckets ORDER BY id').all() as {
      id: number;
      name: string;
      color: string | null;
      cadence_days: number | null;
      description: string | null;
      share_settings: string;
      created_at: string;
      updated_at: string;
    }[]).map((row) => ({
      ref: bucketRefs.get(row.id)!,
      name: row.name,
      color: row.color,
      cadenceDays: row.cadence_days,
      description: row.description,
      shareSettings: parseObject(row.share_settings),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      members: (membersByBucket.get(row.id) ?? []).sort((a, b) => a.contact - b.contact),
    })),
  );

  section(
    sink,
    'notes',
    mapRows(
      db
        .prepare(
          `SELECT n.contact_id, n.body, n.is_touch, i.occurred_at AS touched_at, n.created_at, n.updated_at
           FROM notes n LEFT JOIN interactions i ON i.note_id = n.id ORDER BY n.id`,
        )
        .all() as { contact_id: number; body: string; is_touch: number; touched_at: string | null; created_at: string; updated_at: string }[],
      (row) => ({
        contact: contactRef(row.contact_id),
        body: row.body,
        isTouch: row.is_touch === 1,
        touchedAt: row.is_touch === 1 ? row.touched_at : null,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }),
    ),
  );

  section(
    sink,
    'tasks',
    (db.prepare('SELECT contact_id, title, note, due_at, completed_at, created_at, updated_at FROM tasks ORDER BY id').all() as {
      contact_id: number | null;
      title: string;
      note: string | null;
      due_at: string;
      completed_at: string | null;
      created_at: string;
      updated_at: string;
    }[]).map((row) => ({
      contact: refOrNull(contactRefs, row.contact_id),
      title: row.title,
      note: row.note,
      dueAt: row.due_at,
      completedAt: row.completed_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    })),
  );

  // A touch note's interaction travels with its note (above), not here.
  section(
    sink,
    'interactions',
    mapRows(
      db
        .prepare(
          `SELECT i.contact_id, i.address, coalesce(i.message_key, m.key) AS message_key, i.kind, i.direction, i.role, i.occurred_at,
                  coalesce(i.thread_key, m.thread_key) AS thread_key, i.account_id, i.recipient_count, i.note, i.created_at
           FROM interactions i LEFT JOIN messages m ON m.id = i.message_id WHERE i.note_id IS NULL ORDER BY i.id`,
        )
        .iterate() as IterableIterator<InteractionRow>,
      (row) => ({
        contact: contactRef(row.contact_id),
        address: row.address,
        messageKey: row.message_key,
        kind: row.kind,
        direction: row.direction,
        role: row.role,
        occurredAt: row.occurred_at,
        threadKey: row.thread_key,
        account: refOrNull(accountRefs, row.account_id),
        recipientCount: row.recipient_count,
        note: row.note,
        createdAt: row.created_at,
      }),
    ),
  );

  section(sink, 'messages', messages(db, accountRefs));

  section(sink, 'addressNames', db.prepare('SELECT address, name, count FROM address_names ORDER BY address, name').iterate() as IterableIterator<SectionRecord<'addressNames'>>);

  section(
    sink,
    'duplicateDismissals',
    (db.prepare('SELECT low_id, high_id, created_at FROM duplicate_dismissals').all() as { low_id: number; high_id: number; created_at: string }[])
      .map((row) => {
        const pair = [contactRef(row.low_id), contactRef(row.high_id)].sort((a, b) => a - b) as [number, number];
        return { contacts: pair, createdAt: row.created_at };
      })
      .sort((a, b) => a.contacts[0] - b.contacts[0] || a.contacts[1] - b.contacts[1]),
  );

  section(sink, 'auditLog', db.prepare('SELECT at, action, destination, bytes, detail FROM audit_log ORDER BY id').all() as SectionRecord<'auditLog'>[]);

  sink.write('\n}\n');
  return { contacts };
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

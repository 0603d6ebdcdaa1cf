import { parseTags } from '../network/refresh-contacts.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import type { ExportedContact } from './contact-record.js';

/**
 * The contacts vCard and CSV exports carry: every contact the network shows (archived ones
 * included; ignored ones, which the user asked to hide, left out — the JSON export has them),
 * in id order, with addresses primary first and bucket names.
 */
export function* exportedContacts(db: VaultDatabase): Iterable<ExportedContact> {
  const emails = new Map<number, string[]>();
  for (const row of db.prepare('SELECT contact_id AS id, address FROM contact_emails ORDER BY contact_id, is_primary DESC, address').all() as { id: number; address: string }[]) {
    const list = emails.get(row.id) ?? [];
    list.push(row.address);
    emails.set(row.id, list);
  }
  const buckets = new Map<number, string[]>();
  for (const row of db
    .prepare('SELECT bc.contact_id AS id, b.name FROM bucket_contacts bc JOIN buckets b ON b.id = bc.bucket_id ORDER BY bc.contact_id, b.name COLLATE NOCASE')
    .all() as { id: number; name: string }[]) {
    const list = buckets.get(row.id) ?? [];
    list.push(row.name);
    buckets.set(row.id, list);
  }
  const rows = db.prepare('SELECT id, name, company, title, phone, notes, tags FROM contacts WHERE ignored = 0 ORDER BY id').all() as {
    id: number;
    name: string | null;
    company: string | null;
    title: string | null;
    phone: string | null;
    notes: string | null;
    tags: string;
  }[];
  for (const row of rows) {
    yield {
      name: row.name,
      emails: emails.get(row.id) ?? [],
      company: row.company,
      title: row.title,
      phone: row.phone,
      notes: row.notes,
      buckets: buckets.get(row.id) ?? [],
      tags: parseTags(row.tags),
    };
  }
}

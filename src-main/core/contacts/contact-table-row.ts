import { parseTags } from '../network/refresh-contacts.js';

/**
 * One row of the `contacts` table as SQLite returns it (migrations 001, 004, 005). Queries that
 * read only some columns type their rows as a `Pick` of this, so a column is described once.
 */
export interface ContactTableRow {
  id: number;
  name: string | null;
  name_is_custom: number;
  company: string | null;
  company_is_custom: number;
  title: string | null;
  phone: string | null;
  notes: string | null;
  /** JSON array of strings. */
  tags: string;
  never_share: number;
  archived_at: string | null;
  snoozed_until: string | null;
  ignored: number;
  source: 'mail' | 'manual' | 'import';
  strength: number;
  strength_sent: number;
  strength_received: number;
  sent_count: number;
  received_count: number;
  last_sent_at: string | null;
  last_received_at: string | null;
  last_interaction_at: string | null;
  cadence_days: number | null;
  cadence_since: string | null;
  created_at: string;
  updated_at: string;
}

export type ContactOwnFieldsRow = Pick<
  ContactTableRow,
  'name' | 'name_is_custom' | 'company' | 'company_is_custom' | 'title' | 'phone' | 'notes' | 'tags' | 'never_share' | 'archived_at' | 'snoozed_until' | 'source'
>;

/** What the user keeps about a person (as opposed to what mail derives), in the API's shape. */
export function contactOwnFields(row: ContactOwnFieldsRow) {
  return {
    name: row.name,
    nameIsCustom: row.name_is_custom === 1,
    company: row.company,
    companyIsCustom: row.company_is_custom === 1,
    title: row.title,
    phone: row.phone,
    notes: row.notes,
    tags: parseTags(row.tags),
    neverShare: row.never_share === 1,
    archivedAt: row.archived_at,
    snoozedUntil: row.snoozed_until,
    source: row.source,
  };
}

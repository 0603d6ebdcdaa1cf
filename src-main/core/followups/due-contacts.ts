import type { DueContact } from '../../../src-shared/api/followups.js';
import { readStrengthBasis, strengthAt } from '../network/strength-basis.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { emailsOf } from './resolve-contact.js';

const DAY_MS = 86_400_000;

/**
 * The follow-up rule (DESIGN "Relationships", issue 4):
 *
 * - A contact's cadence is the shortest cadence among its buckets; buckets without a cadence
 *   never make anyone due.
 * - Its clock is its newest interaction of any kind (`contacts.last_interaction_at`, which
 *   `refreshContacts` keeps over sent and received mail, logged calls, meetings and other
 *   touches, and notes marked as touches), so any new interaction resets it, with no manual step.
 * - It is due once that interaction is older than the cadence: `dueSince = last + cadence`.
 * - A contact with no interaction at all is due from the moment it was first put in a bucket
 *   with a cadence (`dueSince = added_at`): Rapport has never seen the user reach that person, so
 *   asking them to is the point of the bucket.
 * - Snoozed contacts (until a future moment), archived and ignored contacts are never due.
 *
 * Ranking ("how overdue × strength"): urgency = (1 + daysOverdue / cadenceDays) × (1 + strength),
 * strength as of now. The first factor is 1 the moment a contact becomes due and grows by 1 with
 * each further cadence missed, so a weekly contact two weeks late outranks a quarterly one two
 * weeks late; the second lets strong ties come first while never-contacted people (strength 0)
 * still rank by lateness. Ties: earlier dueSince first, then lower contact id.
 */
export interface DueOptions {
  /** Only members of this bucket (their cadence still comes from all their buckets). */
  bucketId?: number;
  /** Keep at most this many (after ranking). */
  limit?: number;
}

type DueRow = [contactId: number, name: string | null, strength: number, lastInteractionAt: string | null, cadenceDays: number, firstAddedAt: string];

/**
 * Due contacts only. `contacts.cadence_days` / `cadence_since` are kept by triggers (migration 5),
 * so for each distinct cadence one range scan of the partial index contacts_followup returns the
 * contacts whose newest interaction is older than it (ISO-8601 UTC strings compare as times), or
 * that have none: the cost follows the due contacts, not the vault or the bucket sizes.
 */
function dueRows(db: VaultDatabase, now: Date, bucketId: number | undefined): DueRow[] {
  const nowIso = now.toISOString();
  const cadences = db.prepare('SELECT DISTINCT cadence_days FROM buckets WHERE cadence_days IS NOT NULL').pluck().all() as number[];
  const memberFilter = bucketId === undefined ? '' : 'AND id IN (SELECT contact_id FROM bucket_contacts WHERE bucket_id = @bucketId)';
  const statement = db
    .prepare(
      `SELECT id, name, strength, last_interaction_at, cadence_days, cadence_since FROM contacts INDEXED BY contacts_followup
       WHERE cadence_days = @days AND archived_at IS NULL AND ignored = 0
         AND (last_interaction_at IS NULL OR last_interaction_at < @threshold)
         AND (last_interaction_at IS NOT NULL OR cadence_since <= @now)
         AND (snoozed_until IS NULL OR snoozed_until <= @now)
         ${memberFilter}`,
    )
    .raw();
  const rows: DueRow[] = [];
  for (const days of cadences) {
    const threshold = new Date(now.getTime() - days * DAY_MS).toISOString();
    const params = bucketId === undefined ? { days, threshold, now: nowIso } : { days, threshold, now: nowIso, bucketId };
    rows.push(...(statement.all(params) as DueRow[]));
  }
  return rows;
}

interface Ranked {
  contactId: number;
  name: string | null;
  strength: number;
  lastInteractionAt: string | null;
  cadenceDays: number;
  firstAddedAt: string;
  dueSince: number;
  daysOverdue: number;
  urgency: number;
}

/** Stored strengths refer to one reference moment; ranking uses their value now (see strength-basis.ts). */
function rank(rows: DueRow[], now: number, strengthNow: (stored: number) => number): Ranked[] {
  const ranked = rows.map(([contactId, name, stored, lastInteractionAt, cadenceDays, firstAddedAt]): Ranked => {
    const dueSince = lastInteractionAt === null ? Date.parse(firstAddedAt) : Date.parse(lastInteractionAt) + cadenceDays * DAY_MS;
    const daysOverdue = Math.max(0, (now - dueSince) / DAY_MS);
    const strength = strengthNow(stored);
    const urgency = (1 + daysOverdue / cadenceDays) * (1 + Math.max(0, strength));
    return { contactId, name, strength, lastInteractionAt, cadenceDays, firstAddedAt, dueSince, daysOverdue, urgency };
  });
  ranked.sort((a, b) => b.urgency - a.urgency || a.dueSince - b.dueSince || a.contactId - b.contactId);
  return ranked;
}

/** The bucket that sets each contact's cadence (shortest cadence, then earliest joined, then name). */
function cadenceBuckets(db: VaultDatabase, contactIds: readonly number[]): Map<number, string> {
  const rows = db
    .prepare(
      `SELECT bc.contact_id, b.name FROM bucket_contacts bc JOIN buckets b ON b.id = bc.bucket_id
       WHERE b.cadence_days IS NOT NULL AND bc.contact_id IN (SELECT value FROM json_each(?))
       ORDER BY bc.contact_id, b.cadence_days, bc.added_at, b.name`,
    )
    .raw()
    .all(JSON.stringify(contactIds)) as [number, string][];
  const result = new Map<number, string>();
  for (const [contactId, name] of rows) if (!result.has(contactId)) result.set(contactId, name);
  return result;
}

function reasonFor(entry: Ranked, bucket: string, now: number): string {
  const every = `every ${plural(entry.cadenceDays, 'day')}`;
  if (entry.lastInteractionAt === null) return `no interaction yet; in ${bucket} (${every}) since ${entry.firstAddedAt.slice(0, 10)}`;
  const days = Math.floor((now - Date.parse(entry.lastInteractionAt)) / DAY_MS);
  return `last interaction ${plural(days, 'day')} ago (${entry.lastInteractionAt.slice(0, 10)}); ${bucket}: ${every}`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

export interface DueComputation {
  /** The ranked page (at most `limit`). */
  due: DueContact[];
  /** How many contacts are due in all. */
  total: number;
  /** Ids of every due contact (for per-bucket counts). */
  allIds: number[];
}

export function computeDue(db: VaultDatabase, now: Date, options: DueOptions = {}): DueComputation {
  const nowMs = now.getTime();
  const basis = readStrengthBasis(db, now);
  const rows = dueRows(db, now, options.bucketId);
  const ranked = rank(rows, nowMs, (stored) => strengthAt(stored, basis, now));
  const page = options.limit === undefined ? ranked : ranked.slice(0, options.limit);
  const ids = page.map((entry) => entry.contactId);
  const emails = emailsOf(db, ids);
  const buckets = page.length === 0 ? new Map<number, string>() : cadenceBuckets(db, ids);
  const due = page.map((entry): DueContact => {
    const bucket = buckets.get(entry.contactId) ?? '';
    return {
      contactId: entry.contactId,
      name: entry.name,
      emails: emails.get(entry.contactId) ?? [],
      dueSince: new Date(entry.dueSince).toISOString(),
      reason: reasonFor(entry, bucket, nowMs),
      cadenceDays: entry.cadenceDays,
      bucket,
      lastInteractionAt: entry.lastInteractionAt,
      daysOverdue: Math.round(entry.daysOverdue * 100) / 100,
      strength: Math.round(entry.strength * 1e6) / 1e6,
      urgency: Math.round(entry.urgency * 1000) / 1000,
    };
  });
  return { due, total: ranked.length, allIds: ranked.map((entry) => entry.contactId) };
}

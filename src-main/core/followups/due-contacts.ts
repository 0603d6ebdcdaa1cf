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
 * Ranking ("how overdue × strength"): urgency = (1 + daysOverdue / cadenceDays) × (1 + strength).
 * The first factor is 1 the moment a contact becomes due and grows by 1 with each further cadence
 * missed, so a weekly contact two weeks late outranks a quarterly one two weeks late; the second
 * lets strong ties come first while never-contacted people (strength 0) still rank by lateness.
 * Ties: earlier dueSince first, then lower contact id.
 */
export interface DueOptions {
  /** Only members of this bucket (their cadence still comes from all their buckets). */
  bucketId?: number;
  /** Keep at most this many (after ranking). */
  limit?: number;
}

interface CandidateRow {
  contactId: number;
  name: string | null;
  strength: number;
  lastInteractionAt: string | null;
  cadenceDays: number;
  bucket: string;
  addedAt: string;
}

interface Ranked {
  row: CandidateRow;
  firstAddedAt: string;
  dueSince: number;
  daysOverdue: number;
  urgency: number;
}

/**
 * Candidate rows: one per (contact, cadence bucket), shortest cadence first for each contact.
 * Reads only contacts that are in a cadence bucket, so its cost follows the buckets, not the vault.
 */
function candidateRows(db: VaultDatabase, nowIso: string, bucketId: number | undefined): CandidateRow[] {
  const memberFilter = bucketId === undefined ? '' : 'AND c.id IN (SELECT contact_id FROM bucket_contacts WHERE bucket_id = @bucketId)';
  return db
    .prepare(
      `SELECT c.id AS contactId, c.name, c.strength, c.last_interaction_at AS lastInteractionAt,
              b.cadence_days AS cadenceDays, b.name AS bucket, bc.added_at AS addedAt
       FROM buckets b
       JOIN bucket_contacts bc ON bc.bucket_id = b.id
       JOIN contacts c ON c.id = bc.contact_id
       WHERE b.cadence_days IS NOT NULL
         AND c.archived_at IS NULL AND c.ignored = 0
         AND (c.snoozed_until IS NULL OR c.snoozed_until <= @now)
         ${memberFilter}
       ORDER BY c.id, b.cadence_days, bc.added_at, b.name`,
    )
    .all(bucketId === undefined ? { now: nowIso } : { now: nowIso, bucketId }) as CandidateRow[];
}

/** Stored strengths refer to one reference moment; ranking uses their value now (see strength-basis.ts). */
function rank(rows: CandidateRow[], now: number, strengthNow: (stored: number) => number): Ranked[] {
  const ranked: Ranked[] = [];
  for (let index = 0; index < rows.length; ) {
    const first = rows[index]!;
    let firstAddedAt = first.addedAt;
    let next = index;
    while (next < rows.length && rows[next]!.contactId === first.contactId) {
      if (rows[next]!.addedAt < firstAddedAt) firstAddedAt = rows[next]!.addedAt;
      next++;
    }
    index = next;
    const cadenceMs = first.cadenceDays * DAY_MS;
    let dueSince: number;
    if (first.lastInteractionAt === null) {
      dueSince = Date.parse(firstAddedAt);
      if (dueSince > now) continue;
    } else {
      dueSince = Date.parse(first.lastInteractionAt) + cadenceMs;
      if (!(now > dueSince)) continue;
    }
    const daysOverdue = (now - dueSince) / DAY_MS;
    const strength = strengthNow(first.strength);
    const urgency = (1 + daysOverdue / first.cadenceDays) * (1 + Math.max(0, strength));
    ranked.push({ row: { ...first, strength }, firstAddedAt, dueSince, daysOverdue, urgency });
  }
  ranked.sort((a, b) => b.urgency - a.urgency || a.dueSince - b.dueSince || a.row.contactId - b.row.contactId);
  return ranked;
}

function reasonFor(entry: Ranked, now: number): string {
  const { row } = entry;
  const cadence = `${row.bucket}: every ${plural(row.cadenceDays, 'day')}`;
  if (row.lastInteractionAt === null) {
    return `no interaction yet; in ${row.bucket} (every ${plural(row.cadenceDays, 'day')}) since ${entry.firstAddedAt.slice(0, 10)}`;
  }
  const days = Math.floor((now - Date.parse(row.lastInteractionAt)) / DAY_MS);
  return `last interaction ${plural(days, 'day')} ago (${row.lastInteractionAt.slice(0, 10)}); ${cadence}`;
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
  const ranked = rank(candidateRows(db, now.toISOString(), options.bucketId), nowMs, (stored) => strengthAt(stored, basis, now));
  const page = options.limit === undefined ? ranked : ranked.slice(0, options.limit);
  const emails = emailsOf(
    db,
    page.map((entry) => entry.row.contactId),
  );
  const due = page.map((entry): DueContact => ({
    contactId: entry.row.contactId,
    name: entry.row.name,
    emails: emails.get(entry.row.contactId) ?? [],
    dueSince: new Date(entry.dueSince).toISOString(),
    reason: reasonFor(entry, nowMs),
    cadenceDays: entry.row.cadenceDays,
    bucket: entry.row.bucket,
    lastInteractionAt: entry.row.lastInteractionAt,
    daysOverdue: Math.round(entry.daysOverdue * 100) / 100,
    strength: Math.round(entry.row.strength * 1e6) / 1e6,
    urgency: Math.round(entry.urgency * 1000) / 1000,
  }));
  return { due, total: ranked.length, allIds: ranked.map((entry) => entry.row.contactId) };
}

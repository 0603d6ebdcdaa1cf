import { readSettings } from '../settings/settings-store.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { decayFactor, STRENGTH_SQL, strengthFromSums, strengthSums, type StrengthInteraction } from './strength.js';

/**
 * Stored strengths all refer to one moment, `asOf` (table strength_state). Because every
 * contact's strength decays by the same factor (see strength.ts), ordering by the stored column
 * is always right; a value for "now" is the stored one times decayFactor(asOf, now).
 */
export interface StrengthBasis {
  readonly asOfMs: number;
  readonly halfLifeDays: number;
}

/** Moving the reference costs one UPDATE over all contacts, so it moves at most once an hour. */
const REBASE_AFTER_MS = 3_600_000;

interface BasisRow {
  as_of: string;
  half_life_days: number;
}

/** The basis as stored, without changing anything (read-only callers). */
export function readStrengthBasis(db: VaultDatabase, now: Date): StrengthBasis {
  const row = db.prepare('SELECT as_of, half_life_days FROM strength_state WHERE id = 1').get() as BasisRow | undefined;
  if (row === undefined) return { asOfMs: now.getTime(), halfLifeDays: readSettings(db).strengthHalfLifeDays };
  return { asOfMs: Date.parse(row.as_of), halfLifeDays: row.half_life_days };
}

/**
 * The basis strengths are (re)computed against, after bringing the stored ones up to date: a
 * changed half-life setting recomputes every contact; an old reference time is moved to `now`.
 */
export function ensureStrengthBasis(db: VaultDatabase, now: Date): StrengthBasis {
  const halfLifeDays = readSettings(db).strengthHalfLifeDays;
  const row = db.prepare('SELECT as_of, half_life_days FROM strength_state WHERE id = 1').get() as BasisRow | undefined;
  const write = db.prepare('INSERT INTO strength_state (id, as_of, half_life_days) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET as_of = excluded.as_of, half_life_days = excluded.half_life_days');
  const nowMs = now.getTime();
  if (row === undefined || row.half_life_days !== halfLifeDays) {
    const basis = { asOfMs: row === undefined ? nowMs : Math.max(nowMs, Date.parse(row.as_of)), halfLifeDays };
    write.run(new Date(basis.asOfMs).toISOString(), halfLifeDays);
    recomputeAllStrengths(db, basis);
    return basis;
  }
  const asOfMs = Date.parse(row.as_of);
  if (nowMs - asOfMs < REBASE_AFTER_MS) return { asOfMs, halfLifeDays };
  // Sums stay whole numbers of 2⁻³² units (strength.ts), so every contact rounds the same way.
  db.prepare(
    `UPDATE contacts SET strength_sent = round(strength_sent * @factor), strength_received = round(strength_received * @factor)
     WHERE strength_sent != 0 OR strength_received != 0`,
  ).run({ factor: decayFactor(asOfMs, nowMs, halfLifeDays) });
  db.prepare(`UPDATE contacts SET strength = ${STRENGTH_SQL} WHERE strength != 0`).run();
  write.run(now.toISOString(), halfLifeDays);
  return { asOfMs: nowMs, halfLifeDays };
}

/** Strength as of `now`, from a stored value. */
export function strengthAt(stored: number, basis: StrengthBasis, now: Date): number {
  return stored * decayFactor(basis.asOfMs, now.getTime(), basis.halfLifeDays);
}

interface InteractionRow {
  contact_id: number;
  occurred_at: string;
  kind: StrengthInteraction['kind'];
  direction: StrengthInteraction['direction'];
  role: StrengthInteraction['role'];
  recipient_count: number | null;
}

export function toStrengthInteraction(row: Omit<InteractionRow, 'contact_id'>): StrengthInteraction {
  return { occurredAtMs: Date.parse(row.occurred_at), kind: row.kind, direction: row.direction, role: row.role, recipientCount: row.recipient_count };
}

/** Every contact, in one pass over the interactions (half-life changed, or first use of a vault). */
export function recomputeAllStrengths(db: VaultDatabase, basis: StrengthBasis): void {
  db.prepare('UPDATE contacts SET strength = 0, strength_sent = 0, strength_received = 0 WHERE strength_sent != 0 OR strength_received != 0 OR strength != 0').run();
  const rows = db.prepare('SELECT contact_id, occurred_at, kind, direction, role, recipient_count FROM interactions ORDER BY contact_id').iterate() as IterableIterator<InteractionRow>;
  // Statements cannot run while the iterator is open, so updates are collected first.
  const updates: [number, number, number, number][] = [];
  let current: number | null = null;
  let batch: StrengthInteraction[] = [];
  const flush = () => {
    if (current === null) return;
    const sums = strengthSums(batch, basis.asOfMs, basis.halfLifeDays);
    updates.push([sums.sent, sums.received, strengthFromSums(sums), current]);
  };
  for (const row of rows) {
    if (row.contact_id !== current) {
      flush();
      current = row.contact_id;
      batch = [];
    }
    batch.push(toStrengthInteraction(row));
  }
  flush();
  const update = db.prepare('UPDATE contacts SET strength_sent = ?, strength_received = ?, strength = ? WHERE id = ?');
  for (const values of updates) update.run(...values);
}

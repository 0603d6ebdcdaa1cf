import type { VaultDatabase } from '../vault/encrypted-database.js';
import { cachedFor } from './statement-cache.js';
import { STRENGTH_SQL } from './strength.js';

/** What new mail adds to one contact within a batch. */
export interface ContactDelta {
  sent: number;
  received: number;
  lastSent: string | null;
  lastReceived: string | null;
  /** Strength sums' increments, in units of 2⁻³² at the current basis (strength.ts). */
  strengthSent: number;
  strengthReceived: number;
}

export function emptyDelta(): ContactDelta {
  return { sent: 0, received: 0, lastSent: null, lastReceived: null, strengthSent: 0, strengthReceived: 0 };
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);

export function addToDelta(delta: ContactDelta, direction: 'sent' | 'received', occurredAt: string, terms: { sent: number; received: number }): void {
  if (direction === 'sent') {
    delta.sent++;
    delta.lastSent = later(delta.lastSent, occurredAt);
  } else {
    delta.received++;
    delta.lastReceived = later(delta.lastReceived, occurredAt);
  }
  delta.strengthSent += terms.sent;
  delta.strengthReceived += terms.received;
}

function prepare(db: VaultDatabase) {
  const newer = (column: string, param: string) => `CASE WHEN ${param} IS NOT NULL AND (${column} IS NULL OR ${param} > ${column}) THEN ${param} ELSE ${column} END`;
  return {
    apply: db.prepare(
      `UPDATE contacts SET
         sent_count = sent_count + :sent,
         received_count = received_count + :received,
         last_sent_at = ${newer('last_sent_at', ':lastSent')},
         last_received_at = ${newer('last_received_at', ':lastReceived')},
         last_interaction_at = ${newer('last_interaction_at', ':lastAny')},
         strength_sent = strength_sent + :strengthSent,
         strength_received = strength_received + :strengthReceived,
         strength = ${STRENGTH_SQL.replaceAll('strength_sent', '(strength_sent + :strengthSent)').replaceAll('strength_received', '(strength_received + :strengthReceived)')}
       WHERE id = :id`,
    ),
  };
}

/**
 * Adds a batch's new mail to contacts that gained interactions and nothing else: one UPDATE each,
 * (SET expressions read the old row, hence the sums written out in the strength formula), instead of re-reading all their interactions (refreshContacts). Exact, because the strength
 * sums are whole numbers (strength.ts): the result equals a full refresh.
 */
export function applyContactDeltas(db: VaultDatabase, deltas: ReadonlyMap<number, ContactDelta>): void {
  const statements = cachedFor(db, prepare);
  for (const [id, delta] of deltas) {
    statements.apply.run({ ...delta, lastAny: later(delta.lastSent, delta.lastReceived), id });
  }
}

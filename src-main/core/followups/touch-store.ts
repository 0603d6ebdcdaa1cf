import type { Touch, TouchKind } from '../../../src-shared/api/followups.js';
import { refreshContacts } from '../network/refresh-contacts.js';
import { RapportError } from '../errors.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';

interface TouchRow {
  interactionId: number;
  contactId: number;
  kind: Touch['kind'];
  address: string | null;
  occurredAt: string;
  note: string | null;
}

const SELECT_TOUCH = `SELECT id AS interactionId, contact_id AS contactId, kind, address, occurred_at AS occurredAt, note FROM interactions`;

export function getTouch(db: VaultDatabase, interactionId: number): Touch | null {
  return (db.prepare(`${SELECT_TOUCH} WHERE id = ? AND kind IN ('call', 'meeting', 'other', 'note')`).get(interactionId) as TouchRow | undefined) ?? null;
}

/**
 * A logged interaction: an `interactions` row with no message and no direction, then the contact's
 * derived fields (last interaction, strength, ...) are recomputed, which resets its follow-up clock.
 */
export function logTouch(
  db: VaultDatabase,
  touch: { contactId: number; kind: TouchKind; address: string | null; occurredAt: string; note: string | null },
  now: Date,
): Touch {
  return db.transaction(() => {
    const result = db
      .prepare(
        `INSERT INTO interactions (contact_id, address, message_key, kind, direction, role, occurred_at, note, created_at)
         VALUES (?, ?, NULL, ?, NULL, NULL, ?, ?, ?)`,
      )
      .run(touch.contactId, touch.address, touch.kind, touch.occurredAt, touch.note, now.toISOString());
    refreshContacts(db, [touch.contactId], now);
    return getTouch(db, Number(result.lastInsertRowid))!;
  })();
}

/** Removes a logged call, meeting or other touch (notes are removed through their note). */
export function deleteTouch(db: VaultDatabase, interactionId: number, now: Date): Touch {
  return db.transaction(() => {
    const touch = getTouch(db, interactionId);
    if (!touch || touch.kind === 'note') {
      throw new RapportError('not_found', `no logged call, meeting or other touch with id ${interactionId}`);
    }
    db.prepare('DELETE FROM interactions WHERE id = ?').run(interactionId);
    refreshContacts(db, [touch.contactId], now);
    return touch;
  })();
}

/** Hides the contact from due lists until `until` (null: show it again now). */
export function snoozeContact(db: VaultDatabase, contactId: number, until: string | null, now: Date): void {
  db.prepare('UPDATE contacts SET snoozed_until = ?, updated_at = ? WHERE id = ?').run(until, now.toISOString(), contactId);
}

import type { Migration } from './migration.js';

/**
 * Follow-ups and notes (issue 4):
 *
 * - A note marked as a touch counts as an interaction (kind `note`). `interactions.note_id` ties
 *   that interaction to its note, so editing the note's text or date edits the interaction, and
 *   deleting the note (or un-marking it) removes the interaction with it.
 * - `contacts.cadence_days` / `contacts.cadence_since`: the shortest cadence among the contact's
 *   buckets and when it first joined a bucket with a cadence (null when none). Triggers keep them
 *   in step with bucket_contacts and buckets.cadence_days, whoever changes those (assign, merge,
 *   import, bucket deletion), so "who is due" is one range scan per cadence of a partial index
 *   over (cadence_days, last_interaction_at): it reads the due contacts, not every bucket member.
 * - The per-contact interaction index also carries kind and direction, so a contact's monthly
 *   history (sent / received / touches) is read from the index alone: for a contact with tens of
 *   thousands of messages that is several times faster than a table lookup per row. It replaces
 *   the (contact_id, occurred_at) index, whose every use it serves.
 */
const RECOMPUTE_CADENCE = (contact: string) => `
  UPDATE contacts SET
    cadence_days = (SELECT min(b.cadence_days) FROM bucket_contacts bc JOIN buckets b ON b.id = bc.bucket_id WHERE bc.contact_id = ${contact}),
    cadence_since = (SELECT min(bc.added_at) FROM bucket_contacts bc JOIN buckets b ON b.id = bc.bucket_id
                     WHERE bc.contact_id = ${contact} AND b.cadence_days IS NOT NULL)
  WHERE id = ${contact};`;

export const noteTouches: Migration = {
  version: 5,
  name: 'note touches linked to their note; contact cadence kept by triggers; covering per-contact interaction index',
  up(db) {
    db.exec(`
      ALTER TABLE interactions ADD COLUMN note_id INTEGER REFERENCES notes(id) ON DELETE CASCADE;
      CREATE UNIQUE INDEX interactions_note ON interactions(note_id) WHERE note_id IS NOT NULL;
      DROP INDEX interactions_contact_time;
      CREATE INDEX interactions_contact_time ON interactions(contact_id, occurred_at, kind, direction);

      ALTER TABLE contacts ADD COLUMN cadence_days INTEGER;
      ALTER TABLE contacts ADD COLUMN cadence_since TEXT;
      UPDATE contacts SET
        cadence_days = (SELECT min(b.cadence_days) FROM bucket_contacts bc JOIN buckets b ON b.id = bc.bucket_id WHERE bc.contact_id = contacts.id),
        cadence_since = (SELECT min(bc.added_at) FROM bucket_contacts bc JOIN buckets b ON b.id = bc.bucket_id
                         WHERE bc.contact_id = contacts.id AND b.cadence_days IS NOT NULL)
      WHERE id IN (SELECT contact_id FROM bucket_contacts);
      CREATE INDEX contacts_followup ON contacts(cadence_days, last_interaction_at)
        WHERE cadence_days IS NOT NULL AND archived_at IS NULL AND ignored = 0;

      CREATE TRIGGER bucket_contacts_cadence_insert AFTER INSERT ON bucket_contacts BEGIN ${RECOMPUTE_CADENCE('NEW.contact_id')} END;
      CREATE TRIGGER bucket_contacts_cadence_delete AFTER DELETE ON bucket_contacts BEGIN ${RECOMPUTE_CADENCE('OLD.contact_id')} END;
      CREATE TRIGGER bucket_contacts_cadence_update AFTER UPDATE ON bucket_contacts BEGIN
        ${RECOMPUTE_CADENCE('OLD.contact_id')}
        ${RECOMPUTE_CADENCE('NEW.contact_id')}
      END;
      CREATE TRIGGER buckets_cadence_update AFTER UPDATE OF cadence_days ON buckets BEGIN
        UPDATE contacts SET
          cadence_days = (SELECT min(b.cadence_days) FROM bucket_contacts bc JOIN buckets b ON b.id = bc.bucket_id WHERE bc.contact_id = contacts.id),
          cadence_since = (SELECT min(bc.added_at) FROM bucket_contacts bc JOIN buckets b ON b.id = bc.bucket_id
                           WHERE bc.contact_id = contacts.id AND b.cadence_days IS NOT NULL)
        WHERE id IN (SELECT contact_id FROM bucket_contacts WHERE bucket_id = NEW.id);
      END;
    `);
  },
};

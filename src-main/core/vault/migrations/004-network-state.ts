import type { Migration } from './migration.js';

/**
 * What the network and contacts features need beyond the initial schema:
 * - `contacts.ignored`: every address of the contact is on the ignore list, so the contact is
 *   hidden from the network; kept (not deleted) so un-ignoring restores it with its user data.
 * - `contacts.strength_sent`, `contacts.strength_received`: the two decayed sums strength is made
 *   of (src-main/core/network/strength.ts), kept so a sync adds new mail to them instead of
 *   re-reading every interaction of every contact it touches.
 * - `strength_state`: the moment stored strengths refer to and the half-life they were computed
 *   with (all strengths decay by the same factor, so they are stored at one shared reference time
 *   and the ordering never goes stale).
 * - `contact_merges`: a snapshot of each contact merged into another, so unmerge can restore it.
 * - `duplicate_dismissals`: pairs the user said are not the same person.
 * - `interactions_address` and `message_addresses_address` go. Message keys are hashes, so
 *   these indexes put each new entry on a random page (for the user's own address, on one of
 *   thousands): they were a third of the pages every sync batch wrote. Lookups by address are
 *   rare (a new identity, an ignore-list change) and scan instead; interactions are found through
 *   the contact holding the address (interactions_contact_time).
 */
export const networkState: Migration = {
  version: 4,
  name: 'network state: ignored contacts, strength reference time, merge snapshots',
  up(db) {
    db.exec(`
      DROP INDEX interactions_address;
      DROP INDEX message_addresses_address;
      ALTER TABLE contacts ADD COLUMN ignored INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE contacts ADD COLUMN strength_sent REAL NOT NULL DEFAULT 0;
      ALTER TABLE contacts ADD COLUMN strength_received REAL NOT NULL DEFAULT 0;

      CREATE TABLE strength_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        as_of TEXT NOT NULL,
        half_life_days REAL NOT NULL
      );

      CREATE TABLE contact_merges (
        id INTEGER PRIMARY KEY,
        target_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL,
        snapshot TEXT NOT NULL,
        merged_at TEXT NOT NULL
      );
      CREATE INDEX contact_merges_target ON contact_merges(target_id);

      CREATE TABLE duplicate_dismissals (
        low_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        high_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (low_id, high_id)
      ) WITHOUT ROWID;
    `);
  },
};

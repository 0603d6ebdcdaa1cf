import type { Migration } from './migration.js';

/**
 * A note marked as a touch counts as an interaction (kind `note`). `interactions.note_id` ties that
 * interaction to its note, so editing the note's text or date edits the interaction, and deleting
 * the note (or un-marking it) removes the interaction with it; the follow-up clock follows.
 */
export const noteTouches: Migration = {
  version: 5,
  name: 'note touches linked to their note',
  up(db) {
    db.exec(`
      ALTER TABLE interactions ADD COLUMN note_id INTEGER REFERENCES notes(id) ON DELETE CASCADE;
      CREATE UNIQUE INDEX interactions_note ON interactions(note_id) WHERE note_id IS NOT NULL;
    `);
  },
};

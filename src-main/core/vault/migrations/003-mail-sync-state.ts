import type { Migration } from './migration.js';

/**
 * What the header sync needs beyond migration 1: the UIDNEXT seen at the end of a folder's last
 * sync (equal UIDVALIDITY and UIDNEXT in STATUS mean "nothing new", so the folder is not even
 * opened), why a folder is read (`messages`, or `identities`: Gmail's Sent Mail, examined for its
 * From headers alone), and the aliases the user declared for an account (they are also identities;
 * this column is what the account shows and what a re-sync re-declares).
 */
export const mailSyncState: Migration = {
  version: 3,
  name: 'mail sync state',
  up(db) {
    db.exec(`
      ALTER TABLE folders ADD COLUMN uid_next INTEGER;
      ALTER TABLE folders ADD COLUMN purpose TEXT NOT NULL DEFAULT 'messages' CHECK (purpose IN ('messages', 'identities'));
      ALTER TABLE accounts ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
      CREATE INDEX sync_runs_account ON sync_runs(account_id, finished_at);
    `);
  },
};

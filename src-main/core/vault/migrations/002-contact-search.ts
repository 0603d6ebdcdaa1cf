import type { Migration } from './migration.js';

/**
 * Full-text index over what a user types to find someone. Rows are keyed by contact id and kept
 * in step by the relationships module; prefix indexes make search-as-you-type cheap.
 */
export const contactSearch: Migration = {
  version: 2,
  name: 'contact full-text search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE contacts_fts USING fts5(
        name, emails, company, tags, notes,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );
    `);
  },
};

import { describe, expect, it } from 'vitest';
import { sentMail, testVaults } from '../followups/relationship-vault.js';

const vault = testVaults();

describe('privacy report', () => {
  it('counts every table, says whether subjects are stored, which folders are read, and what left the machine', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    const { db } = v;
    v.mail(sentMail('ana@x.example', '2025-06-01T00:00:00Z'), sentMail('bo@x.example', '2025-06-02T00:00:00Z'));
    db.prepare(`UPDATE accounts SET excluded_folders = '["Private"]' WHERE id = 1`).run();
    db.prepare('INSERT INTO account_secrets (account_id, secret) VALUES (1, ?)').run('app-password');
    db.prepare(
      `INSERT INTO folders (account_id, path, special_use, purpose, synced_at) VALUES
         (1, 'INBOX', NULL, 'messages', '2025-06-15T11:00:00.000Z'),
         (1, 'Private', NULL, 'messages', NULL),
         (1, '[Gmail]/Sent Mail', '\\Sent', 'identities', '2025-06-15T11:00:00.000Z')`,
    ).run();

    const empty = await v.call('privacy.report', {});
    expect(empty.subjects).toEqual({ storeSubjects: false, storedCount: 0 });
    expect(empty.bodiesStored).toBe(false);
    expect(empty.tables.find((table) => table.table === 'messages')?.rows).toBe(2);
    expect(empty.tables.find((table) => table.table === 'contacts')?.rows).toBe(2);
    // FTS shadow tables are an implementation detail, not data the user has to reason about.
    expect(empty.tables.some((table) => table.table.startsWith('contacts_fts_'))).toBe(false);
    expect(empty.tables.some((table) => table.table === 'contacts_fts')).toBe(true);
    expect(empty.accounts).toEqual([
      {
        id: 1,
        address: 'me@example.org',
        host: 'imap.example.org',
        foldersRead: [
          { path: 'INBOX', specialUse: null, purpose: 'messages', syncedAt: '2025-06-15T11:00:00.000Z' },
          { path: '[Gmail]/Sent Mail', specialUse: '\\Sent', purpose: 'identities', syncedAt: '2025-06-15T11:00:00.000Z' },
        ],
        excludedFolders: ['Private'],
        secretStorage: 'vault',
      },
    ]);
    expect(empty.sharing).toEqual({ sharedBuckets: [], summary: expect.stringMatching(/^Nothing has been shared/) });
    expect(empty.outbound).toMatchObject({ entries: 0, bytes: 0, byDestination: [] });

    await v.call('settings.set', { key: 'storeSubjects', value: true });
    db.prepare(`UPDATE messages SET subject = 'Lunch?' WHERE key = (SELECT min(key) FROM messages)`).run();
    db.prepare(
      `INSERT INTO audit_log (at, action, destination, bytes, detail) VALUES
         ('2025-06-10T00:00:00.000Z', 'relay.push', 'relay.example:443', 1000, NULL),
         ('2025-06-12T00:00:00.000Z', 'relay.push', 'relay.example:443', 500, NULL),
         ('2025-06-11T00:00:00.000Z', 'relay.keys', 'keys.example:443', 64, NULL)`,
    ).run();
    const report = await v.call('privacy.report', {});
    expect(report.subjects).toEqual({ storeSubjects: true, storedCount: 1 });
    expect(report.outbound).toEqual({
      entries: 3,
      bytes: 1564,
      byDestination: [
        { destination: 'relay.example:443', entries: 2, bytes: 1500, first: '2025-06-10T00:00:00.000Z', last: '2025-06-12T00:00:00.000Z' },
        { destination: 'keys.example:443', entries: 1, bytes: 64, first: '2025-06-11T00:00:00.000Z', last: '2025-06-11T00:00:00.000Z' },
      ],
      summary: '1564 bytes left this machine in 3 recorded transfer(s), to 2 destination(s).',
    });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RAPPORT_EXPORT_FORMAT } from '../../src-shared/api/portability.js';
import { failure, receivedMail, sentMail, type TestVault, testVaults } from '../followups/relationship-vault.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const vault = testVaults();

const ACCOUNT_SECRET = 'hunter2-imap-app-password';

/** A vault holding every kind of data the user owns, built through the real commands. */
async function fullVault(): Promise<TestVault> {
  const v = await vault('2025-03-01T09:00:00.000Z');
  const { db } = v;
  await v.call('settings.set', { key: 'storeSubjects', value: true });
  await v.call('settings.set', { key: 'strengthHalfLifeDays', value: 90 });
  db.prepare(`UPDATE accounts SET excluded_folders = '["Archive/2010"]', aliases = '["me@alias.example"]', provider = 'generic' WHERE id = 1`).run();
  db.prepare('INSERT INTO account_secrets (account_id, secret) VALUES (1, ?)').run(ACCOUNT_SECRET);
  db.prepare(
    `INSERT INTO folders (account_id, path, special_use, uidvalidity, last_uid, highest_modseq, synced_at, uid_next, purpose)
     VALUES (1, 'INBOX', NULL, '1700000000', 812, '99812', '2025-03-01T08:59:00.000Z', 813, 'messages'),
            (1, 'Sent', '\\Sent', '1700000001', 120, NULL, '2025-03-01T08:59:30.000Z', 121, 'messages')`,
  ).run();
  db.prepare(`INSERT INTO identities (address, account_id, source, created_at) VALUES ('me@alias.example', 1, 'alias', '2025-01-01T00:00:00.000Z')`).run();

  v.mail(
    { ...sentMail('Ana Client <ana@client.example>', '2025-02-01T10:00:00Z'), cc: 'Ben <ben@client.example>' },
    receivedMail('Ana C. <ana@client.example>', '2025-02-02T10:00:00Z'),
    { from: 'Me <me@example.org>', to: 'Ana Client <ana@client.example>', cc: 'Cleo <cleo@partner.example>', date: 'Mon, 03 Feb 2025 10:00:00 +0100', id: 'thread-1@example.org' },
    receivedMail('News <news@letters.example>', '2025-02-04T10:00:00Z'),
    { from: 'List <list@lists.example>', to: 'me@example.org', date: 'Tue, 04 Feb 2025 10:00:00 +0000', id: 'bulk-1@lists.example', extra: ['List-Id: <dev.lists.example>'] },
    receivedMail('Dee Ignored <dee@ignored.example>', '2025-02-05T10:00:00Z'),
    sentMail('Eli Gmail <eli.g@gmail.com>', '2025-02-06T10:00:00Z'),
    sentMail('Eli Work <eli@work.example>', '2025-02-07T10:00:00Z'),
  );
  db.prepare(`UPDATE messages SET subject = 'Proposal, v2' WHERE key = (SELECT min(key) FROM messages)`).run();

  const ana = (await v.call('contacts.get', { contact: 'ana@client.example' })).id;
  await v.call('contacts.update', { contact: ana, title: 'Head of Ops', phone: '+44 20 7946 0000', notes: 'Met in Lisbon,\nlikes "tea"; not coffee', tags: ['vip', 'board'] });
  await v.call('contacts.setNeverShare', { contact: ana, neverShare: true });
  await v.call('contacts.update', { contact: 'cleo@partner.example', name: 'Cleo Custom', company: 'Partner & Co' });
  await v.call('contacts.merge', { target: 'eli@work.example', source: 'eli.g@gmail.com' });
  await v.call('contacts.archive', { contact: 'news@letters.example' });
  await v.call('contacts.create', { name: 'Fay Phone-Only', phone: '+1 555 0100' });
  await v.call('contacts.update', { contact: 'dee@ignored.example', notes: 'keep me' });
  await v.call('ignore.add', { pattern: '@ignored.example' });
  await v.call('contacts.dismissDuplicate', { contacts: ['ana@client.example', 'ben@client.example'] });

  await v.call('buckets.create', { name: 'Clients', cadenceDays: 30, color: '#2563eb', description: 'People I work for' });
  await v.call('buckets.create', { name: 'Partners; & friends' });
  await v.call('buckets.assign', { bucket: 'Clients', contacts: ['ana@client.example', 'ben@client.example'] });
  await v.call('buckets.assign', { bucket: 'Partners; & friends', contacts: ['cleo@partner.example', 'eli@work.example', 'ana@client.example'] });

  v.setNow('2025-03-02T09:00:00.000Z');
  await v.call('followups.touch', { contact: 'ben@client.example', kind: 'call', at: '2025-02-20T15:00:00Z', note: 'Quarterly review' });
  await v.call('followups.touch', { contact: 'cleo@partner.example', kind: 'meeting' });
  await v.call('followups.touch', { contact: 'eli.g@gmail.com', kind: 'other' });
  await v.call('notes.add', { contact: ana, body: 'Prefers mornings' });
  await v.call('notes.add', { contact: ana, body: 'Lunch at the offsite', isTouch: true, at: '2025-02-25T12:30:00Z' });
  await v.call('followups.snooze', { contact: 'ben@client.example', until: '2025-04-01T00:00:00Z' });
  const done = await v.call('tasks.add', { contact: ana, title: 'Send the proposal', dueAt: '2025-03-05T09:00:00Z', note: 'v2 with pricing' });
  await v.call('tasks.complete', { id: done.id });
  await v.call('tasks.add', { title: 'Plan Q2', dueAt: '2025-03-31T09:00:00Z' });
  db.prepare(`INSERT INTO audit_log (at, action, destination, bytes, detail) VALUES ('2025-03-01T10:00:00.000Z', 'relay.push', 'relay.example:443', 2048, 'bucket ops')`).run();
  return v;
}

function contactIndex(exported: string, address: string): number {
  const document = JSON.parse(exported) as { contacts: { emails: { address: string }[] }[] };
  return document.contacts.findIndex((contact) => contact.emails.some((email) => email.address === address));
}

function tableCounts(v: TestVault): Record<string, number> {
  const tables = ['contacts', 'contact_emails', 'interactions', 'messages', 'message_addresses', 'address_names', 'buckets', 'bucket_contacts', 'notes', 'tasks', 'ignores', 'identities', 'accounts', 'folders', 'duplicate_dismissals', 'audit_log'];
  return Object.fromEntries(tables.map((table) => [table, v.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]));
}

describe('JSON export and import', () => {
  it('round-trips: export → import into a fresh vault → export gives identical JSON, with every kind of data', async () => {
    const source = await fullVault();
    const first = (await source.call('portability.export', { format: 'json' })).content!;
    const document = JSON.parse(first) as Record<string, unknown[]> & { format: string; version: number };
    expect(document).toMatchObject({ format: RAPPORT_EXPORT_FORMAT, version: 1, settings: { storeSubjects: true, strengthHalfLifeDays: 90 } });
    for (const section of ['accounts', 'folders', 'identities', 'ignores', 'contacts', 'buckets', 'notes', 'tasks', 'interactions', 'messages', 'addressNames', 'duplicateDismissals', 'auditLog']) {
      expect(document[section]!.length, section).toBeGreaterThan(0);
    }
    expect(first).not.toContain(ACCOUNT_SECRET);
    expect(first).not.toContain('"strength"');

    const target = await vault('2025-06-01T00:00:00.000Z', { bare: true });
    const result = await target.call('portability.import', { content: first });
    expect(result).toMatchObject({ format: 'json', contactsCreated: document.contacts!.length, contactsMerged: 0 });
    const second = (await target.call('portability.export', { format: 'json' })).content!;
    expect(second).toBe(first);

    expect(tableCounts(target)).toEqual(tableCounts(source));
    expect(target.db.prepare('SELECT count(*) FROM account_secrets').pluck().get()).toBe(0);
    // Derived fields are recomputed, not copied: the same as in the source.
    const derived = (v: TestVault) =>
      v.db.prepare(`SELECT sent_count, received_count, last_sent_at, last_received_at, last_interaction_at, ignored, name, company FROM contacts ORDER BY id`).all();
    expect(derived(target)).toEqual(derived(source));
    target.setNow('2025-03-02T09:00:00.000Z');
    expect(await target.call('followups.list', {})).toEqual(await source.call('followups.list', {}));
    expect(await target.call('contacts.search', { query: 'lisb' })).toHaveLength(1);
  });

  it('round-trips a vault whose account was removed: mail interactions outlive their messages', async () => {
    const source = await fullVault();
    source.db.prepare('DELETE FROM messages').run();
    const first = (await source.call('portability.export', { format: 'json' })).content!;
    expect((JSON.parse(first) as { messages: unknown[] }).messages).toEqual([]);
    const target = await vault('2025-06-01T00:00:00.000Z', { bare: true });
    await target.call('portability.import', { content: first });
    expect((await target.call('portability.export', { format: 'json' })).content).toBe(first);
    expect(tableCounts(target).interactions).toBe(tableCounts(source).interactions);
  });

  it('merges into a vault with data by address: nothing is duplicated, and importing twice changes nothing', async () => {
    const source = await fullVault();
    const file = (await source.call('portability.export', { format: 'json' })).content!;
    const target = await vault('2025-03-02T09:00:00.000Z');
    const ana = await target.contact(['ANA@client.example', 'ana.private@home.example'], 'Ana (mine)');
    await target.call('buckets.create', { name: 'clients' });
    const first = await target.call('portability.import', { content: file });
    expect(first.contactsMerged).toBe(1);
    const anaNow = await target.call('contacts.get', { contact: ana });
    expect(anaNow.name).toBe('Ana (mine)');
    expect(anaNow.emails.map((email) => email.address).sort()).toEqual(['ana.private@home.example', 'ana@client.example']);
    expect(anaNow).toMatchObject({ title: 'Head of Ops', neverShare: true, tags: ['vip', 'board'] });
    expect(anaNow.buckets.map((bucket) => bucket.name).sort()).toEqual(['Partners; & friends', 'clients']);
    const counts = tableCounts(target);

    const again = await target.call('portability.import', { content: file });
    expect(again).toMatchObject({ contactsCreated: 0, bucketsCreated: 0, membershipsAdded: 0, interactionsAdded: 0, notesAdded: 0, tasksAdded: 0 });
    expect(tableCounts(target)).toEqual(counts);
  });

  it('writes to a file (readable by the user only) and imports from it', async () => {
    const source = await fullVault();
    const dir = makeTempDir();
    const file = path.join(dir, 'rapport.json');
    const result = await source.call('portability.export', { format: 'json', path: file });
    expect(result).toMatchObject({ path: file, content: null, bytes: fs.statSync(file).size });
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['rapport.json']);
    const target = await vault(undefined, { bare: true });
    expect((await target.call('portability.import', { path: file })).format).toBe('json');
    expect((await failure(target.call('portability.import', { path: path.join(dir, 'missing.json') }))).code).toBe('not_found');
  });

  it('refuses a bad file with line-numbered errors and imports nothing at all', async () => {
    const source = await fullVault();
    const good = (await source.call('portability.export', { format: 'json' })).content!;
    const lines = good.split('\n');
    const contactLine = lines.findIndex((line) => line.includes('"ben@client.example"') && line.includes('"nameIsCustom"'));
    lines[contactLine] = lines[contactLine]!.replace('"ben@client.example"', '"ben-at-client"');
    const taskLine = lines.findIndex((line) => line.includes('"Plan Q2"'));
    lines[taskLine] = lines[taskLine]!.replace('"dueAt":"2025-03-31T09:00:00.000Z"', '"dueAt":"someday"');
    const target = await vault(undefined, { bare: true });
    const before = tableCounts(target);
    // Record shapes are checked first; every bad record is listed with its line.
    const error = await failure(target.call('portability.import', { content: lines.join('\n') }));
    expect(error.code).toBe('invalid_input');
    expect(error.message.split('\n')).toEqual([
      'cannot import the data (1 problem; nothing was imported):',
      `line ${taskLine + 1} (tasks[1].dueAt): expected an ISO-8601 date-time`,
    ]);
    // Then what records say about each other and the vault: addresses, references.
    lines[taskLine] = lines[taskLine]!.replace('"dueAt":"someday"', '"dueAt":"2025-03-31T09:00:00.000Z"');
    const ownAddress = good.split('\n').findIndex((line) => line.includes('"cleo@partner.example"') && line.includes('"nameIsCustom"'));
    lines[ownAddress] = lines[ownAddress]!.replace('"cleo@partner.example"', '"me@alias.example"');
    const second = await failure(target.call('portability.import', { content: lines.join('\n') }));
    const [headline, ...problems] = second.message.split('\n');
    expect(headline).toBe('cannot import the data (2 problems; nothing was imported):');
    expect(problems.sort()).toEqual(
      [
        `line ${contactLine + 1} (contacts[${contactIndex(good, 'ben@client.example')}].emails[0].address): "ben-at-client" is not an email address`,
        `line ${ownAddress + 1} (contacts[${contactIndex(good, 'cleo@partner.example')}].emails[0].address): me@alias.example is one of your own addresses, so it cannot be a contact's`,
      ].sort(),
    );
    expect(tableCounts(target)).toEqual(before);

    const syntax = await failure(target.call('portability.import', { content: '{\n  "format": "rapport-export",\n  "version": 1,\n  oops\n}' }));
    expect(syntax.message).toMatch(/^cannot import the data \(1 problem; nothing was imported\):\nline 4: not valid JSON/);
    const newer = await failure(target.call('portability.import', { content: '{"format":"rapport-export","version":2,"settings":{}}', format: 'json' }));
    expect(newer.message).toContain('line 1 (version): export version 2 was written by a newer Rapport');
    const foreign = await failure(target.call('portability.import', { content: '{"hello":"world"}' }));
    expect(foreign.message).toContain('not a Rapport export');
    const dangling = good.replace(/"contact":\d+,"title":"Send the proposal"/, '"contact":999,"title":"Send the proposal"');
    expect((await failure(target.call('portability.import', { content: dangling }))).message).toMatch(/\(tasks\[0\]\.contact\): no contact with ref 999 in this file/);
    expect(tableCounts(target)).toEqual(before);
  });
});

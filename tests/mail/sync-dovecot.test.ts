/**
 * The sync against a real Dovecot: the network it builds, that it reads headers only and changes
 * nothing on the server, incremental and UIDVALIDITY behaviour, subjects only on opt-in, and the
 * result not depending on folder order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactListItem } from '../../src-shared/api/contacts.js';
import type { AppContext } from '../../src-main/core/app-context.js';
import { run } from '../../src-main/core/command-table.js';
import { DEFAULT_SYNC_OPTIONS, syncAccount } from '../../src-main/core/mail/sync/sync-account.js';
import { writeMessage, buildMessage } from '../fixtures/mailbox-generator.js';
import { startDovecot, type DovecotServer } from '../helpers/dovecot.js';
import { startImapProxy, type ImapProxy } from '../helpers/imap-proxy.js';
import { diffSnapshots, snapshotMailbox } from '../helpers/mailbox-snapshot.js';
import {
  BODY_CANARY,
  DECLARED_ALIAS,
  EXPECTED_CONTACTS,
  OWNER,
  READ_HEADER_BLOCKS,
  SUBJECT_CANARY,
  UNDECLARED_ALIAS,
  writeHandWrittenMailbox,
} from './hand-written-mailbox.js';
import { addTestAccount, interactionCount, newVault, vaultBytes, vaultFingerprint } from './mail-test-kit.js';

const withoutStrength = (contacts: ContactListItem[]) =>
  contacts.map(({ name, emails, sent, received, lastContacted, lastHeardFrom }) => ({ name, emails, sent, received, lastContacted, lastHeardFrom }));

const byFirstEmail = <T extends { emails: string[] }>(list: T[]) => [...list].sort((a, b) => (a.emails[0]! < b.emails[0]! ? -1 : 1));

/** Client commands that would read a body or change the mailbox. SELECT (read-write) included: only EXAMINE is allowed. */
const FORBIDDEN = [/BODY\[/i, /BINARY\[/i, /RFC822/i, /BODY\.PEEK\[TEXT\]/i, /\bSTORE\b/i, /\bEXPUNGE\b/i, /\bCOPY\b/i, /\bMOVE\b/i, /\bAPPEND\b/i, /\bSELECT\b/i];

function forbiddenCommands(clientBytes: string): string[] {
  return clientBytes.split(/\r?\n/).filter((line) => FORBIDDEN.some((pattern) => pattern.test(line)));
}

describe('sync against Dovecot', () => {
  let server: DovecotServer;
  let proxy: ImapProxy;

  beforeAll(async () => {
    server = await startDovecot();
    writeHandWrittenMailbox(server.maildir());
    proxy = await startImapProxy({ targetHost: server.host, targetPort: server.imapPort });
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  async function syncedVault(options: { via?: 'tls' | 'proxy'; storeSubjects?: boolean } = {}): Promise<AppContext> {
    const context = await newVault();
    if (options.storeSubjects) await run(context, 'settings.set', { key: 'storeSubjects', value: true });
    await addTestAccount(context, server, { address: OWNER, aliases: [DECLARED_ALIAS], via: options.via === 'proxy' ? { proxy } : 'tls' });
    const report = await run(context, 'mail.sync', {});
    expect(report.accounts[0]?.error).toBeNull();
    return context;
  }

  it('builds the network by the rules of DESIGN.md', async () => {
    const context = await newVault();
    const account = await addTestAccount(context, server, { address: OWNER, aliases: [DECLARED_ALIAS] });
    const report = await run(context, 'mail.sync', {});
    expect(report.accounts).toHaveLength(1);
    const [result] = report.accounts;
    expect(result).toMatchObject({ accountId: account.id, status: 'ok', error: null });
    expect(result!.stats).toMatchObject({
      foldersRead: 3,
      foldersUnchanged: 0,
      messagesRead: READ_HEADER_BLOCKS,
      messagesNew: 12,
      duplicates: 1,
      contactsCreated: 6,
      skippedBulk: 3,
      malformed: 1,
      reconnects: 0,
    });
    // The account address and its alias were declared when the account was added; Sent taught the third.
    expect(result!.stats.identitiesAdded).toBe(1);

    const contacts = await run(context, 'contacts.list', {});
    expect(byFirstEmail(withoutStrength(contacts))).toEqual(EXPECTED_CONTACTS);
    const own = context.vault.db().prepare('SELECT address, source FROM identities ORDER BY address').all();
    expect(own).toEqual([
      { address: DECLARED_ALIAS, source: 'alias' },
      { address: UNDECLARED_ALIAS, source: 'sent' },
      { address: OWNER, source: 'account' },
    ]);

    const run_ = context.vault.db().prepare('SELECT status, stats, error, finished_at FROM sync_runs').get() as { status: string; stats: string; error: string | null; finished_at: string };
    expect(run_).toMatchObject({ status: 'ok', error: null });
    expect(JSON.parse(run_.stats)).toMatchObject({ messagesRead: READ_HEADER_BLOCKS, malformed: 1 });
    expect((await run(context, 'accounts.list', {}))[0]?.lastSyncedAt).toBe(run_.finished_at);

    // Neither bodies nor (by default) subjects reach the vault.
    context.vault.db().pragma('wal_checkpoint(TRUNCATE)');
    context.vault.lock();
    expect(vaultBytes(context).includes(Buffer.from(BODY_CANARY))).toBe(false);
  });

  it('gives the same vault whatever order the folders are read in', async () => {
    const natural = await syncedVault();
    const reversed = await newVault();
    const account = await addTestAccount(reversed, server, { address: OWNER, aliases: [DECLARED_ALIAS] });
    const report = await syncAccount(reversed, account.id, { ...DEFAULT_SYNC_OPTIONS, reverseFolders: true });
    expect(report.status).toBe('ok');
    expect(vaultFingerprint(reversed)).toEqual(vaultFingerprint(natural));
  });

  it('only examines folders and fetches header fields: the server saw no body fetch and nothing changed', async () => {
    const snapshotOptions = { host: server.host, port: server.imapsPort, secure: true, caFile: server.caFile, user: 'alice', pass: 'alice-password' };
    const before = await snapshotMailbox(snapshotOptions);
    await server.clearRawlog();
    proxy.resetRecording();

    await syncedVault({ via: 'proxy' });
    const sent = proxy.clientBytes();
    expect(forbiddenCommands(sent)).toEqual([]);
    const examined = [...sent.matchAll(/ EXAMINE "?([^"\r\n]+?)"?(?: \(|\r?\n)/g)].map((match) => match[1]);
    expect(examined.sort()).toEqual(['Archive', 'INBOX', 'Sent']);
    const fetches = sent.split(/\r?\n/).filter((line) => /\bFETCH\b/i.test(line));
    expect(fetches.length).toBeGreaterThan(0);
    for (const line of fetches) {
      expect(line).toMatch(/^\S+ UID FETCH \d+:\d+ \(UID INTERNALDATE (MODSEQ )?BODY\.PEEK\[HEADER\.FIELDS \(FROM SENDER TO CC BCC DATE MESSAGE-ID IN-REPLY-TO REFERENCES LIST-ID LIST-UNSUBSCRIBE PRECEDENCE AUTO-SUBMITTED\)\]\)/i);
    }
    expect(sent).not.toMatch(/SUBJECT/i);

    // Dovecot's own log of the session agrees, and every message keeps its flags, size and bytes.
    expect(forbiddenCommands(await server.readClientCommands())).toEqual([]);
    const after = await snapshotMailbox(snapshotOptions);
    expect(diffSnapshots(before, after)).toEqual([]);
    const unseen = Object.values(after).flatMap((folder) => folder.list).filter((message) => !message.flags.includes('\\Seen'));
    expect(unseen.length).toBeGreaterThan(5);
  });

  it('fetches subjects only when the user stores them', async () => {
    proxy.resetRecording();
    const context = await syncedVault({ via: 'proxy', storeSubjects: true });
    expect(proxy.clientBytes()).toMatch(/HEADER\.FIELDS \([^)]*SUBJECT\)/i);
    const subjects = context.vault.db().prepare('SELECT subject FROM messages WHERE subject IS NOT NULL').pluck().all();
    expect(subjects).toContain(`Hello ${SUBJECT_CANARY}`);
  });

  it('re-syncs without new mail by STATUS alone, then fetches only new messages', async () => {
    const context = await syncedVault({ via: 'proxy' });
    const before = vaultFingerprint(context);
    // The first sync's WAL was copied into the database file on a worker thread.
    await context.vault.settled();
    const firstCheckpoint = context.vault.lastCheckpoint;
    expect(firstCheckpoint?.checkpointedPages).toBeGreaterThan(0);

    proxy.resetRecording();
    const idle = await run(context, 'mail.sync', {});
    expect(idle.totals).toMatchObject({ foldersRead: 0, foldersUnchanged: 3, messagesRead: 0 });
    // Nothing read: its few WAL pages are copied inline, no worker is started.
    await context.vault.settled();
    expect(context.vault.lastCheckpoint).toBe(firstCheckpoint);
    const idleCommands = proxy.clientBytes();
    expect(idleCommands).not.toMatch(/\b(FETCH|EXAMINE|SELECT)\b/i);
    expect(idleCommands).toMatch(/LIST .*RETURN \(.*STATUS \(MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ\)/i);
    expect(vaultFingerprint(context)).toEqual(before);

    const uidNext = (context.vault.db().prepare(`SELECT uid_next FROM folders WHERE path = 'INBOX'`).pluck().get() as number);
    writeMessage(server.maildir(), 'INBOX', buildMessage({ from: 'Hana <hana@example.net>', to: OWNER, date: new Date(Date.UTC(2025, 1, 1)), messageId: 'new1@example.net', body: 'hi' }));
    proxy.resetRecording();
    const fresh = await run(context, 'mail.sync', {});
    expect(fresh.totals).toMatchObject({ foldersRead: 1, foldersUnchanged: 2, messagesRead: 1, messagesNew: 1, contactsCreated: 1, interactionsAdded: 1 });
    const commands = proxy.clientBytes();
    expect([...commands.matchAll(/ EXAMINE (\S+)/g)].map((match) => match[1])).toEqual(['INBOX']);
    expect([...commands.matchAll(/UID FETCH (\d+):(\d+)/g)].map((match) => [Number(match[1]), Number(match[2])])).toEqual([[uidNext, uidNext]]);
    expect((await run(context, 'contacts.list', { search: 'hana' })).map((contact) => contact.emails)).toEqual([['hana@example.net']]);
  });

  it('re-reads a folder whose UIDVALIDITY changed, without duplicating anything', async () => {
    const context = await syncedVault();
    const before = vaultFingerprint(context);
    const interactions = interactionCount(context);
    const stored = context.vault.db().prepare(`SELECT uidvalidity FROM folders WHERE path = 'Archive'`).pluck().get() as string;

    const { after } = await server.resetFolder('alice', 'Archive');
    expect(String(after)).not.toBe(stored);
    const report = await run(context, 'mail.sync', {});
    expect(report.totals).toMatchObject({ foldersRead: 1, foldersUnchanged: 2, messagesRead: 3, messagesNew: 0, duplicates: 3, interactionsAdded: 0, contactsCreated: 0 });
    expect(context.vault.db().prepare(`SELECT uidvalidity FROM folders WHERE path = 'Archive'`).pluck().get()).toBe(String(after));
    expect(interactionCount(context)).toBe(interactions);
    expect(vaultFingerprint(context)).toEqual(before);
  });

  it('never opens a folder the user excluded', async () => {
    const context = await newVault();
    const account = await addTestAccount(context, server, { address: OWNER, aliases: [DECLARED_ALIAS], via: { proxy } });
    await run(context, 'accounts.setExcludedFolders', { id: account.id, folders: ['Archive'] });
    proxy.resetRecording();
    const report = await run(context, 'mail.sync', {});
    expect(report.totals.foldersRead).toBe(2);
    expect(proxy.clientBytes()).not.toMatch(/EXAMINE "?Archive/);
    const carol = (await run(context, 'contacts.list', { search: 'carol' }))[0];
    expect(carol).toMatchObject({ sent: 1, received: 0 });
  });
});

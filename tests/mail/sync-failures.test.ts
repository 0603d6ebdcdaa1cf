/**
 * What goes wrong, and how it is reported: wrong password, untrusted certificate, nothing
 * listening, unknown host, a silent server; a connection dropped mid-fetch (resumed from the
 * checkpoint, same result as a clean sync); several accounts at once with one failing.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src-main/core/app-context.js';
import { run } from '../../src-main/core/command-table.js';
import { testAccount } from '../../src-main/core/mail/accounts/test-account.js';
import { DEFAULT_SYNC_OPTIONS, syncAccount } from '../../src-main/core/mail/sync/sync-account.js';
import { generateMailbox, type MailboxSummary } from '../fixtures/mailbox-generator.js';
import { freePorts, startDovecot, type DovecotServer } from '../helpers/dovecot.js';
import { startImapProxy, type ImapProxy } from '../helpers/imap-proxy.js';
import { expectGeneratedNetwork } from './generated-network.js';
import { addTestAccount, newVault, vaultFingerprint } from './mail-test-kit.js';
import { startThrottlingProxy } from './throttling-proxy.js';
import { failure } from '../helpers/rapport-failure.js';

const FAST_BACKOFF = { baseMs: 20, maxMs: 200, maxAttempts: 4, throttleFactor: 2 };

describe('sync failures', () => {
  let server: DovecotServer;
  let proxy: ImapProxy;
  let summary: MailboxSummary;
  let clean: ReturnType<typeof vaultFingerprint>;
  let cleanContext: AppContext;
  let cleanServerBytes = 0;

  beforeAll(async () => {
    server = await startDovecot({
      users: [
        { user: 'alice', pass: 'alice-password' },
        { user: 'bob', pass: 'bob-password' },
      ],
    });
    summary = generateMailbox(server.maildir('alice'), { seed: 'failures', messages: 1500, aliases: ['a.martin@example.org'], attachmentRate: 0.02 });
    generateMailbox(server.maildir('bob'), { seed: 'bob', messages: 300, owner: 'bob@example.com' });
    proxy = await startImapProxy({ targetHost: server.host, targetPort: server.imapPort });
    cleanContext = await newVault();
    await addTestAccount(cleanContext, server, { address: summary.owner, aliases: summary.declaredOwnAddresses.filter((address) => address !== summary.owner), via: { proxy } });
    proxy.resetRecording();
    const report = await run(cleanContext, 'mail.sync', {});
    expect(report.accounts[0]?.status).toBe('ok');
    cleanServerBytes = proxy.serverByteCount();
    clean = vaultFingerprint(cleanContext);
  });

  it('builds the network the generator expects from a realistic mailbox', async () => {
    expectGeneratedNetwork(await run(cleanContext, 'contacts.list', {}), summary);
    expect(cleanContext.vault.db().prepare('SELECT address FROM identities ORDER BY address').pluck().all()).toEqual([...summary.ownAddresses].sort());
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  it('resumes from the last checkpoint when the server drops the connection mid-fetch, twice', async () => {
    const context = await newVault();
    const account = await addTestAccount(context, server, { address: summary.owner, aliases: summary.declaredOwnAddresses.filter((address) => address !== summary.owner), via: { proxy } });
    proxy.resetRecording();
    const connectionsBefore = proxy.connectionCount();
    proxy.dropAllConnectionsAfterServerBytes(Math.round(cleanServerBytes * 0.3));
    let secondDropArmed = false;
    const unsubscribe = context.events.on((event) => {
      // Once the sync is back on its feet and well into a later folder, cut it again.
      if (!secondDropArmed && event.type === 'sync.progress' && event.phase === 'fetching' && event.folder === 'INBOX' && event.done > 300) {
        secondDropArmed = true;
        proxy.dropAllConnectionsAfterServerBytes(5000);
      }
    });
    const report = await syncAccount(context, account.id, { ...DEFAULT_SYNC_OPTIONS, backoff: FAST_BACKOFF, batchSize: 50 });
    unsubscribe();
    expect(report.error).toBeNull();
    expect(report.status).toBe('ok');
    expect(report.stats.reconnects).toBe(2);
    expect(proxy.connectionCount() - connectionsBefore).toBe(3);
    // Only committed batches count as read, and only the ranges in flight when a connection
    // dropped (at most two per drop: the one being read and the one asked for ahead) are asked again.
    const total = Object.entries(summary.folders).filter(([folder]) => !['Junk', 'Trash', 'Drafts'].includes(folder)).reduce((sum, [, count]) => sum + count, 0);
    expect(report.stats.messagesRead).toBe(total);
    const requested = [...proxy.clientBytes().matchAll(/UID FETCH (\d+):(\d+)/g)].reduce((sum, match) => sum + Number(match[2]) - Number(match[1]) + 1, 0);
    expect(requested).toBeGreaterThan(total);
    expect(requested).toBeLessThanOrEqual(total + 2 * 2 * 50);
    expect(vaultFingerprint(context)).toEqual(clean);
  });

  it('gives up with a clear error when the server stays away', async () => {
    const context = await newVault();
    const account = await addTestAccount(context, server, { address: summary.owner, via: { proxy } });
    proxy.dropAllConnectionsAfterServerBytes(Math.round(cleanServerBytes * 0.2));
    // Once the sync is reading, every new connection is refused: the drop above can never be recovered from.
    const unsubscribe = context.events.on((event) => {
      if (event.type === 'sync.progress' && event.phase === 'fetching') proxy.dropNextConnections(100);
    });
    const report = await syncAccount(context, account.id, { ...DEFAULT_SYNC_OPTIONS, backoff: FAST_BACKOFF, batchSize: 200 });
    unsubscribe();
    proxy.dropNextConnections(0);
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('connection_failed');
    expect(report.stats.reconnects).toBe(FAST_BACKOFF.maxAttempts);
    expect(report.stats.messagesRead).toBeGreaterThan(0);
    const row = context.vault.db().prepare('SELECT status, error FROM sync_runs').get();
    expect(row).toEqual({ status: 'failed', error: report.error?.message });
    // What was committed stays, and the next sync carries on from there.
    const committed = context.vault.db().prepare('SELECT count(*) FROM messages').pluck().get() as number;
    expect(committed).toBeGreaterThan(0);
    const again = await syncAccount(context, account.id, { ...DEFAULT_SYNC_OPTIONS, backoff: FAST_BACKOFF });
    expect(again.status).toBe('ok');
    expect(again.stats.messagesNew).toBe(clean.messages.length - committed);
    expect(vaultFingerprint(context).contacts.length).toBe(clean.contacts.length);
  });

  it('backs off and asks again when the server refuses for throttling, on the same connection first', async () => {
    const throttling = await startThrottlingProxy({ host: server.host, port: server.imapPort }, 2);
    try {
      const context = await newVault();
      const account = await run(context, 'accounts.add', { address: summary.owner, host: throttling.host, port: throttling.port, security: 'plain', username: 'alice', secret: 'alice-password', aliases: summary.declaredOwnAddresses.filter((address) => address !== summary.owner) });
      const started = performance.now();
      const report = await syncAccount(context, account.id, { ...DEFAULT_SYNC_OPTIONS, backoff: { baseMs: 40, maxMs: 2000, maxAttempts: 4, throttleFactor: 5 } });
      expect(report.error).toBeNull();
      expect(throttling.refused()).toBe(2);
      expect(report.stats.reconnects).toBe(0);
      // Two throttled pauses: at least half of 200 ms, then of 400 ms.
      expect(performance.now() - started).toBeGreaterThanOrEqual(300);
      expect(vaultFingerprint(context)).toEqual(clean);
    } finally {
      await throttling.close();
    }
  });

  it('reconnects later when throttling outlasts the retries on the connection', async () => {
    const throttling = await startThrottlingProxy({ host: server.host, port: server.imapPort }, 5);
    try {
      const context = await newVault();
      const account = await run(context, 'accounts.add', { address: summary.owner, host: throttling.host, port: throttling.port, security: 'plain', username: 'alice', secret: 'alice-password', aliases: summary.declaredOwnAddresses.filter((address) => address !== summary.owner) });
      const report = await syncAccount(context, account.id, { ...DEFAULT_SYNC_OPTIONS, backoff: { baseMs: 5, maxMs: 100, maxAttempts: 4, throttleFactor: 2 } });
      expect(report.error).toBeNull();
      expect(throttling.refused()).toBe(5);
      expect(report.stats.reconnects).toBe(1);
      expect(vaultFingerprint(context)).toEqual(clean);
    } finally {
      await throttling.close();
    }
  });

  it('reports a wrong password as an authentication failure, for test and sync alike', async () => {
    const context = await newVault();
    const account = await addTestAccount(context, server, { address: 'alice@example.com', password: 'not the password' });
    const tested = await failure(run(context, 'accounts.test', { id: account.id }));
    expect(tested.code).toBe('auth_failed');
    expect(tested.message).toBe(`authentication failed: 127.0.0.1:${server.imapsPort} rejected the username or password`);
    const report = await run(context, 'mail.sync', {});
    expect(report.accounts[0]).toMatchObject({ status: 'failed', error: { code: 'auth_failed' } });
    expect(report.accounts[0]?.stats.reconnects).toBe(0);
  });

  it('refuses an untrusted certificate and says how to trust it', async () => {
    const context = await newVault();
    const wrongCa = await addTestAccount(context, server, { address: 'alice@example.com', caFile: server.wrongCaFile });
    const error = await failure(run(context, 'accounts.test', { id: wrongCa.id }));
    expect(error.code).toBe('tls_failed');
    expect(error.message).toMatch(/^TLS certificate of 127\.0\.0\.1 not trusted \(.+\); it is not signed by the CA in .*wrong-ca\.pem$/);

    const noCa = await run(context, 'accounts.add', { address: 'alice2@example.com', host: '127.0.0.1', port: server.imapsPort, username: 'alice', secret: 'alice-password' });
    const hint = await failure(run(context, 'accounts.test', { id: noCa.id }));
    expect(hint.code).toBe('tls_failed');
    expect(hint.message).toContain('pass --ca-file with the CA that signed it');
  });

  it('tells a closed port, an unknown host and a silent server apart', async () => {
    const context = await newVault();
    const [closedPort] = await freePorts(1);
    const closed = await run(context, 'accounts.add', { address: 'x1@example.com', host: '127.0.0.1', port: closedPort!, secret: 'pw' });
    expect(await failure(run(context, 'accounts.test', { id: closed.id }))).toMatchObject({ code: 'connection_refused', message: `127.0.0.1:${closedPort} refused the connection (no IMAP server listening on that port?)` });

    const unknown = await run(context, 'accounts.add', { address: 'x2@example.com', host: 'imap.does-not-exist.invalid', secret: 'pw' });
    expect((await failure(run(context, 'accounts.test', { id: unknown.id }))).code).toBe('dns_failed');

    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const quiet = await run(context, 'accounts.add', { address: 'x3@example.com', host: '127.0.0.1', port, security: 'plain', secret: 'pw' });
      const error = await failure(testAccount(context, quiet.id, { connectMs: 2000, greetingMs: 500, socketMs: 2000 }));
      expect(error.code).toBe('timeout');
      expect(error.message).toMatch(/did not answer in time/);
    } finally {
      silent.close();
    }
  });

  it('syncs several accounts side by side; one failing does not stop the others', async () => {
    const context = await newVault();
    const alice = await addTestAccount(context, server, { address: summary.owner, aliases: summary.declaredOwnAddresses.filter((address) => address !== summary.owner) });
    const broken = await addTestAccount(context, server, { address: 'broken@example.com', user: 'bob', password: 'wrong' });
    const bob = await addTestAccount(context, server, { address: 'bob@example.com', user: 'bob' });
    const report = await run(context, 'mail.sync', {});
    expect(report.accounts.map((entry) => [entry.accountId, entry.status, entry.error?.code ?? null])).toEqual([
      [alice.id, 'ok', null],
      [broken.id, 'failed', 'auth_failed'],
      [bob.id, 'ok', null],
    ]);
    expect(report.totals.messagesRead).toBe(report.accounts[0]!.stats.messagesRead + report.accounts[2]!.stats.messagesRead);
    const perAccount = context.vault.db().prepare('SELECT account_id, count(*) AS n FROM messages GROUP BY account_id ORDER BY account_id').all() as { account_id: number; n: number }[];
    expect(perAccount.map((row) => row.account_id)).toEqual([alice.id, bob.id]);
    const runs = context.vault.db().prepare('SELECT account_id, status FROM sync_runs ORDER BY account_id').all();
    expect(runs).toEqual([
      { account_id: alice.id, status: 'ok' },
      { account_id: broken.id, status: 'failed' },
      { account_id: bob.id, status: 'ok' },
    ]);
  });
});

describe('sync of a Gmail-like account', () => {
  let server: DovecotServer;
  let summary: MailboxSummary;
  let context: AppContext;

  beforeAll(async () => {
    server = await startDovecot({ layout: 'gmail' });
    summary = generateMailbox(server.maildir(), { seed: 'gmail', messages: 800, layout: 'gmail', aliases: ['a.martin@example.org'] });
    context = await newVault();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('reads All Mail only, learns own addresses from Sent Mail, and builds the network the generator expects', async () => {
    const proxy = await startImapProxy({ targetHost: server.host, targetPort: server.imapPort });
    try {
      await addTestAccount(context, server, { address: summary.owner, aliases: summary.declaredOwnAddresses.filter((address) => address !== summary.owner), via: { proxy } });
      const report = await run(context, 'mail.sync', {});
      expect(report.accounts[0]?.error).toBeNull();
      const sent = proxy.clientBytes();
      expect([...sent.matchAll(/ EXAMINE "([^"]+)"/g)].map((match) => match[1])).toEqual(['[Gmail]/Sent Mail', '[Gmail]/All Mail']);
      // Sent Mail: From alone. All Mail: the header fields, and FLAGS to leave Gmail's drafts out.
      expect(sent).toMatch(/EXAMINE "\[Gmail\]\/Sent Mail"\r\n\S+ UID FETCH \d+:\d+ \(UID INTERNALDATE (MODSEQ )?BODY\.PEEK\[HEADER\.FIELDS \(FROM\)\]\)/i);
      expect(sent).toMatch(/EXAMINE "\[Gmail\]\/All Mail"\r\n\S+ UID FETCH \d+:\d+ \(UID FLAGS INTERNALDATE (MODSEQ )?BODY\.PEEK\[HEADER\.FIELDS \(FROM SENDER TO CC BCC DATE/i);
      expect(report.accounts[0]?.stats.messagesRead).toBe(summary.folders['[Gmail]/All Mail']! - summary.categories.draft);
    } finally {
      await proxy.close();
    }
    expect(context.vault.db().prepare('SELECT address FROM identities ORDER BY address').pluck().all()).toEqual([...summary.ownAddresses].sort());

    expectGeneratedNetwork(await run(context, 'contacts.list', {}), summary);
  });
});

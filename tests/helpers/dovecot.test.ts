/**
 * Proves the IMAP test harness itself: Dovecot starts and stops cleanly, TLS trust works both
 * ways, special-use folders are announced, snapshots are stable and read-only, the proxy and
 * rawlog see the commands, faults can be injected, and UIDVALIDITY can be changed on demand.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FOLDERS, buildMessage, generateMailbox, maildirFolderPath, writeMessage, type MailboxSummary,
} from '../fixtures/mailbox-generator.js';
import { canConnect, startDovecot, type DovecotServer } from './dovecot.js';
import { startImapProxy } from './imap-proxy.js';
import { diffSnapshots, snapshotMailbox } from './mailbox-snapshot.js';

function client(opts: ConstructorParameters<typeof ImapFlow>[0]): ImapFlow {
  const c = new ImapFlow(opts);
  c.on('error', () => {}); // failures surface through the awaited calls
  return c;
}

describe('Dovecot harness (standard layout)', () => {
  let server: DovecotServer;
  let summary: MailboxSummary;

  beforeAll(async () => {
    server = await startDovecot();
    summary = generateMailbox(server.maildir(), { seed: 'harness', messages: 160, aliases: ['a.martin@example.org'] });
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('accepts IMAPS with the test CA and offers the extensions the sync relies on', async () => {
    const c = client(server.connectOptions());
    await c.connect();
    for (const cap of ['CONDSTORE', 'QRESYNC', 'SPECIAL-USE', 'IDLE']) expect(c.capabilities.has(cap)).toBe(true);
    await c.logout();
  });

  it('rejects the server certificate when only an unrelated CA is trusted', async () => {
    const c = client({ ...server.connectOptions(), tls: { ca: [fs.readFileSync(server.wrongCaFile)] } });
    const err = await c.connect().then(() => null, (e: Error & { code?: string }) => e);
    expect(err).not.toBeNull();
    expect(`${err?.code} ${err?.message}`).toMatch(/certificate|UNABLE_TO_VERIFY|SELF_SIGNED|CERT_/i);
  });

  it('lists folders with their special-use flags and the generated message counts', async () => {
    const c = client(server.connectOptions());
    await c.connect();
    const list = await c.list({ statusQuery: { messages: true } });
    await c.logout();
    const byPath = new Map(list.map((f) => [f.path, f]));
    const s = FOLDERS.standard;
    expect(byPath.get(s.sent)?.specialUse).toBe('\\Sent');
    expect(byPath.get(s.archive)?.specialUse).toBe('\\Archive');
    expect(byPath.get(s.junk)?.specialUse).toBe('\\Junk');
    expect(byPath.get(s.trash)?.specialUse).toBe('\\Trash');
    expect(byPath.get(s.drafts)?.specialUse).toBe('\\Drafts');
    for (const [folder, count] of Object.entries(summary.folders)) expect(byPath.get(folder)?.status?.messages).toBe(count);
  });

  it('snapshots are stable, read-only (EXAMINE + BODY.PEEK) and match the generator', async () => {
    await server.clearRawlog();
    const opts = { host: server.host, port: server.imapsPort, secure: true, caFile: server.caFile, user: 'alice', pass: 'alice-password' };
    const a = await snapshotMailbox(opts);
    const b = await snapshotMailbox(opts);
    expect(diffSnapshots(a, b)).toEqual([]);
    expect(b).toEqual(a);
    for (const [folder, count] of Object.entries(summary.folders)) expect(a[folder]?.list.length).toBe(count);
    const unseen = Object.values(a).flatMap((f) => f.list).filter((m) => !m.flags.includes('\\Seen')).length;
    expect(unseen).toBeGreaterThan(0); // so "no \Seen was set" above is meaningful

    const commands = await server.readClientCommands();
    expect(commands).toMatch(/ EXAMINE /);
    expect(commands).toMatch(/BODY\.PEEK\[\]/);
    expect(commands).not.toMatch(/ (SELECT|STORE|EXPUNGE|COPY|MOVE|APPEND) /i);
  }, 30_000);

  it('the proxy records client commands and can drop connections', async () => {
    const proxy = await startImapProxy({ targetHost: server.host, targetPort: server.imapPort });
    try {
      const plain = { ...server.connectOptions('alice', 'plain'), port: proxy.port };
      const c = client(plain);
      await c.connect();
      await c.mailboxOpen('INBOX', { readOnly: true });
      await c.fetchOne('1', { headers: ['from'] });
      await c.logout();
      const sent = proxy.clientBytes();
      expect(sent).toMatch(/EXAMINE INBOX/);
      expect(sent).toMatch(/BODY\.PEEK\[HEADER\.FIELDS \(FROM\)\]/i);

      proxy.dropNextConnections(1);
      const refused = client(plain);
      await expect(refused.connect()).rejects.toBeTruthy();
      const again = client(plain);
      await again.connect(); // only the next connection was dropped
      await again.mailboxOpen('INBOX', { readOnly: true });

      const beforeDrop = proxy.serverByteCount();
      proxy.dropAllConnectionsAfterServerBytes(300);
      const fetched: number[] = [];
      const fetching = (async () => {
        for await (const m of again.fetch('1:*', { uid: true, source: true })) fetched.push(m.uid);
      })();
      await expect(fetching).rejects.toBeTruthy();
      expect(fetched.length).toBeLessThan(summary.folders.INBOX!);
      expect(proxy.serverByteCount() - beforeDrop).toBe(300);
      await waitFor(() => proxy.activeConnections() === 0);
      expect(proxy.connectionCount()).toBe(3);
    } finally {
      await proxy.close();
    }
  }, 20_000);

  it('resetFolder renumbers the same messages under a new UIDVALIDITY', async () => {
    const folder = FOLDERS.standard.archive;
    const opts = { host: server.host, port: server.imapsPort, secure: true, caFile: server.caFile, user: 'alice', pass: 'alice-password', folders: [folder] };
    const before = (await snapshotMailbox(opts))[folder]!;
    const { before: oldValidity, after } = await server.resetFolder('alice', folder, { nextUid: 1000 });
    expect(oldValidity).toBe(Number(before.uidValidity));
    const after1 = (await snapshotMailbox(opts))[folder]!;
    expect(after1.uidValidity).toBe(String(after));
    expect(after1.uidValidity).not.toBe(before.uidValidity);
    expect(after1.list.map((m) => m.sha256).sort()).toEqual(before.list.map((m) => m.sha256).sort());
    expect(Math.min(...after1.list.map((m) => m.uid))).toBe(1000);

    // LIST-STATUS (served from Dovecot's list index) must agree.
    const c = client(server.connectOptions());
    await c.connect();
    const listed = (await c.list({ statusQuery: { uidValidity: true } })).find((f) => f.path === folder);
    await c.logout();
    expect(String(listed?.status?.uidValidity)).toBe(String(after));

    await server.setUidValidity('alice', folder, after + 10); // in place, UIDs kept
    expect(await server.uidValidity('alice', folder)).toBe(after + 10);
    const after2 = (await snapshotMailbox(opts))[folder]!;
    expect(after2.list.map((m) => m.uid)).toEqual(after1.list.map((m) => m.uid));
  }, 30_000);

  it('a flag change shows up in the snapshot (the comparison is not vacuous)', async () => {
    const opts = { host: server.host, port: server.imapsPort, secure: true, caFile: server.caFile, user: 'alice', pass: 'alice-password', folders: ['INBOX'] };
    const before = await snapshotMailbox(opts);
    const c = client(server.connectOptions());
    await c.connect();
    await c.mailboxOpen('INBOX');
    await c.messageFlagsAdd('1', ['\\Flagged']);
    await c.logout();
    const diffs = diffSnapshots(before, await snapshotMailbox(opts));
    expect(diffs.some((d) => d.includes('\\\\Flagged'))).toBe(true);
    expect(diffs.some((d) => d.includes('highestModseq'))).toBe(true);
  }, 20_000);

  it('writeMessage: INTERNALDATE is the mtime, flags map to Maildir letters, names decode', async () => {
    const date = new Date('2023-05-06T07:08:09Z');
    const raw = buildMessage({
      from: [{ name: 'Zoë Müller', address: 'zoe@example.de', encoding: 'q' }],
      to: [{ name: 'Alice Martin', address: 'alice@example.com' }, { name: '山田 太郎', address: 'taro@example.jp', encoding: 'raw' }],
      cc: { name: 'Smith, Anna', address: 'anna@example.org' },
      subject: 'Grüße aus Köln — a long subject line that has to be folded over more than one line, surely',
      date, messageId: 'unit-1@example.de', body: 'Hallo\n', attachmentBytes: 123_457,
    });
    expect(raw.split('\r\n').every((l) => l.length <= 998)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n|\r/);
    const file = writeMessage(server.maildir(), 'Unit', raw, { flags: ['\\Seen', '\\Answered'], internalDate: date });
    expect(path.basename(file)).toMatch(/:2,RS$/);
    expect(path.dirname(path.dirname(file))).toBe(maildirFolderPath(server.maildir(), 'Unit'));

    const parsed = await simpleParser(raw);
    expect(parsed.from?.value[0]).toEqual({ name: 'Zoë Müller', address: 'zoe@example.de' });
    expect((Array.isArray(parsed.to) ? parsed.to : [parsed.to]).flatMap((t) => t?.value ?? []).map((a) => a.name)).toEqual(['Alice Martin', '山田 太郎']);
    expect(parsed.subject).toBe('Grüße aus Köln — a long subject line that has to be folded over more than one line, surely');
    expect(parsed.attachments[0]?.size).toBe(123_457);

    const c = client(server.connectOptions());
    await c.connect();
    await c.mailboxOpen('Unit', { readOnly: true });
    const m = await c.fetchOne('*', { internalDate: true, flags: true, size: true });
    await c.logout();
    expect(m && (m.internalDate as Date).toISOString()).toBe(date.toISOString());
    expect(m && [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort()).toEqual(['\\Answered', '\\Seen']);
    expect(m && m.size).toBe(Buffer.byteLength(raw));
  });

  it('stop() leaves no Dovecot process, port or temp dir behind', async () => {
    const extra = await startDovecot({ users: [{ user: 'bob', pass: 'bob-pw' }] });
    const c = client(extra.connectOptions());
    await c.connect(); // an open session: its imap process must go too
    await extra.stop();
    expect(() => process.kill(-extra.pid, 0)).toThrow();
    expect(await canConnect(extra.imapsPort)).toBe(false);
    expect(await canConnect(extra.imapPort)).toBe(false);
    expect(fs.existsSync(extra.dir)).toBe(false);
    await extra.stop(); // idempotent
    c.close();
  }, 20_000);
});

describe('Dovecot harness (Gmail layout)', () => {
  let server: DovecotServer;
  let summary: MailboxSummary;

  beforeAll(async () => {
    server = await startDovecot({ layout: 'gmail' });
    summary = generateMailbox(server.maildir(), { seed: 'gmail', messages: 120, layout: 'gmail' });
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('announces [Gmail] folders with special-use and keeps copies under one Message-ID', async () => {
    const c = client(server.connectOptions());
    await c.connect();
    const list = await c.list({ statusQuery: { messages: true } });
    const byPath = new Map(list.map((f) => [f.path, f]));
    const g = FOLDERS.gmail;
    expect(byPath.get(g.all)?.specialUse).toBe('\\All');
    expect(byPath.get(g.sent)?.specialUse).toBe('\\Sent');
    expect(byPath.get(g.junk)?.specialUse).toBe('\\Junk');
    expect(byPath.get(g.trash)?.specialUse).toBe('\\Trash');
    expect(byPath.get(g.drafts)?.specialUse).toBe('\\Drafts');
    expect(byPath.get('[Gmail]')?.flags.has('\\Noselect')).toBe(true);
    for (const [folder, count] of Object.entries(summary.folders)) expect(byPath.get(folder)?.status?.messages).toBe(count);

    const ids = async (folder: string): Promise<Set<string>> => {
      await c.mailboxOpen(folder, { readOnly: true });
      const out = new Set<string>();
      for await (const m of c.fetch('1:*', { envelope: true })) if (m.envelope?.messageId) out.add(m.envelope.messageId);
      return out;
    };
    const all = await ids(g.all);
    const sent = await ids(g.sent);
    const inbox = await ids(g.inbox);
    await c.logout();
    for (const id of [...sent, ...inbox]) expect(all.has(id)).toBe(true);
  }, 20_000);
});

describe('mailbox generator', () => {
  it('is deterministic for a seed and sane', () => {
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-gen-')));
    try {
      const [a, b] = dirs.map((d) => generateMailbox(d, { seed: 7, messages: 400, attachmentMaxBytes: 80_000 })) as [MailboxSummary, MailboxSummary];
      expect({ ...a, elapsedMs: 0 }).toEqual({ ...b, elapsedMs: 0 });
      expect(contentHash(dirs[0]!)).toBe(contentHash(dirs[1]!));
      expect(Object.values(a.categories).reduce((x, y) => x + y, 0)).toBe(400);
      for (const n of Object.values(a.categories)) expect(n).toBeGreaterThan(0);
      for (const n of Object.values(a.anomalies)) expect(n).toBeGreaterThanOrEqual(0);
      expect(a.anomalies.noMessageId + a.anomalies.missingDate + a.anomalies.garbledDate + a.anomalies.duplicate).toBeGreaterThanOrEqual(4);
      expect(a.contacts.length).toBeGreaterThan(10);
      for (const own of a.ownAddresses) expect(a.contacts.some((c) => c.address === own)).toBe(false);
      expect(a.contacts.some((c) => c.variants.length > 1)).toBe(true);
    } finally {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  });
});

function contentHash(root: string): string {
  const h = createHash('sha256');
  const folders = [root, ...fs.readdirSync(root).filter((d) => d.startsWith('.')).sort().map((d) => path.join(root, d))];
  for (const f of folders) {
    const cur = path.join(f, 'cur');
    const files = fs.readdirSync(cur).map((n) => fs.readFileSync(path.join(cur, n))).map((b) => createHash('sha256').update(b).digest('hex')).sort();
    h.update((f === root ? 'INBOX' : path.basename(f)) + files.join(','));
  }
  return h.digest('hex');
}


async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

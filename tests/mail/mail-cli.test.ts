/**
 * The mail forms of the `rapport` CLI, run as a user would (the built bin/rapport.js): accounts,
 * clear one-line errors with exit code 1, progress lines and the summary of `rapport sync`, and
 * kill -9 in the middle of a sync, several times, then resuming to exactly the clean result.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../src-main/core/app-context.js';
import { run } from '../../src-main/core/command-table.js';
import type { ContactListItem } from '../../src-shared/api/contacts.js';
import { generateMailbox, type MailboxSummary } from '../fixtures/mailbox-generator.js';
import { startDovecot, type DovecotServer } from '../helpers/dovecot.js';
import { startImapProxy } from '../helpers/imap-proxy.js';
import { runRapport } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { expectGeneratedNetwork } from './generated-network.js';
import { PASSPHRASE, noKeychain, vaultFingerprint } from './mail-test-kit.js';
import { spawnRapport } from './spawn-rapport.js';

const env = { RAPPORT_PASSPHRASE: PASSPHRASE, IMAP_PASSWORD: 'alice-password' };

/** `rapport contacts --json` without what depends on when the sync ran (strength decays) or on row order (ids). */
async function contactsJson(dataDir: string) {
  const listed = await runRapport(['--data-dir', dataDir, 'contacts', '--json'], { env });
  expect(listed.code).toBe(0);
  return (JSON.parse(listed.stdout) as ContactListItem[]).map(({ id: _id, strength: _strength, ...rest }) => rest).sort((a, b) => (a.emails[0]! < b.emails[0]! ? -1 : 1));
}

async function openVault(dataDir: string): Promise<AppContext> {
  const context = createAppContext({ dataDir, keychain: noKeychain });
  await run(context, 'vault.unlock', { passphrase: PASSPHRASE });
  return context;
}

describe('rapport account and sync', () => {
  let server: DovecotServer;
  let summary: MailboxSummary;

  beforeAll(async () => {
    server = await startDovecot();
    summary = generateMailbox(server.maildir(), { seed: 'cli', messages: 3000, aliases: ['a.martin@example.org'], attachmentRate: 0.03 });
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** A fresh vault with the Dovecot account; returns its data dir. */
  async function vaultWithAccount(port = server.imapsPort): Promise<string> {
    const dataDir = path.join(makeTempDir('rapport-mail-cli-'), 'vault');
    expect((await runRapport(['--data-dir', dataDir, 'init'], { env })).code).toBe(0);
    const added = await runRapport(
      ['--data-dir', dataDir, 'account', 'add', '--email', summary.owner, '--host', '127.0.0.1', '--port', String(port), '--user', 'alice', '--password-env', 'IMAP_PASSWORD', '--ca-file', server.caFile, '--alias', 'a.martin@example.org'],
      { env },
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    return dataDir;
  }

  it('adds, lists, tests and removes accounts; the password is never echoed', async () => {
    const dataDir = await vaultWithAccount();
    const list = await runRapport(['--data-dir', dataDir, 'account', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: 1, address: summary.owner, host: '127.0.0.1', port: server.imapsPort, security: 'tls', aliases: ['a.martin@example.org'] }]);
    expect(list.stdout).not.toContain('alice-password');

    const tested = await runRapport(['--data-dir', dataDir, 'account', 'test', '1'], { env });
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(new RegExp(`^Account 1: connected to 127\\.0\\.0\\.1:${server.imapsPort} \\(tls\\), logged in, 7 folders, logged out \\(\\d+ ms\\)\\n$`));

    const fromStdin = await runRapport(['--data-dir', dataDir, 'account', 'add', '--email', 'second@example.com', '--host', '127.0.0.1', '--port', String(server.imapPort), '--security', 'plain', '--user', 'alice', '--password-stdin'], {
      env,
      stdin: 'alice-password\n',
    });
    expect(fromStdin.code).toBe(0);
    expect((await runRapport(['--data-dir', dataDir, 'account', 'test', '2'], { env })).code).toBe(0);

    const removed = await runRapport(['--data-dir', dataDir, 'account', 'remove', '2'], { env });
    expect(removed).toMatchObject({ code: 0, stdout: 'Removed account 2: second@example.com\n' });
  }, 180_000);

  it('refuses what it cannot do safely, with a usage error', async () => {
    const dataDir = await vaultWithAccount();
    const noPassword = await runRapport(['--data-dir', dataDir, 'account', 'add', '--email', 'x@example.org', '--host', 'imap.example.org'], { env });
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('no password: pass --password-env VAR or --password-stdin (it is never taken from the command line)');

    const plain = await runRapport(['--data-dir', dataDir, 'account', 'add', '--email', 'x@example.org', '--host', 'imap.example.org', '--security', 'plain', '--password-env', 'IMAP_PASSWORD'], { env });
    expect(plain.code).toBe(2);
    expect(plain.stderr.split('\n')[0]).toBe('rapport: plain (unencrypted) IMAP is only allowed to this computer (localhost); imap.example.org needs --security tls or starttls');

    const unsetVariable = await runRapport(['--data-dir', dataDir, 'account', 'add', '--email', 'x@gmail.com', '--password-env', 'NOT_SET_ANYWHERE'], { env });
    expect(unsetVariable.code).toBe(2);
    expect(unsetVariable.stderr).toContain('the environment variable NOT_SET_ANYWHERE (--password-env) is not set or empty');
  }, 180_000);

  it('prints one clear line and exits 1 for a wrong password or an untrusted certificate', async () => {
    const dataDir = await vaultWithAccount();
    const wrongPassword = await runRapport(
      ['--data-dir', dataDir, 'account', 'add', '--email', 'wrong@example.com', '--host', '127.0.0.1', '--port', String(server.imapsPort), '--user', 'alice', '--password-env', 'WRONG', '--ca-file', server.caFile],
      { env: { ...env, WRONG: 'nope' } },
    );
    expect(wrongPassword.code).toBe(0);
    const test = await runRapport(['--data-dir', dataDir, 'account', 'test', '2'], { env });
    expect(test).toEqual({ code: 1, stdout: '', stderr: `rapport: authentication failed: 127.0.0.1:${server.imapsPort} rejected the username or password\n` });
    const sync = await runRapport(['--data-dir', dataDir, 'sync', '--account', '2'], { env });
    expect(sync).toEqual({ code: 1, stdout: '', stderr: `rapport: account 2 (wrong@example.com): authentication failed: 127.0.0.1:${server.imapsPort} rejected the username or password\n` });

    const untrusted = await runRapport(['--data-dir', dataDir, 'account', 'add', '--email', 'tls@example.com', '--host', '127.0.0.1', '--port', String(server.imapsPort), '--user', 'alice', '--password-env', 'IMAP_PASSWORD'], { env });
    expect(untrusted.code).toBe(0);
    const tls = await runRapport(['--data-dir', dataDir, 'account', 'test', '3'], { env });
    expect(tls.code).toBe(1);
    expect(tls.stdout).toBe('');
    expect(tls.stderr).toMatch(/^rapport: TLS certificate of 127\.0\.0\.1 not trusted \(.+\); pass --ca-file with the CA that signed it if you trust this server\n$/);
  }, 180_000);

  it('shows progress lines and a summary, and a re-sync finds nothing new', async () => {
    const dataDir = await vaultWithAccount();
    const first = await runRapport(['--data-dir', dataDir, 'sync'], { env, timeoutMs: 120_000 });
    expect(first.code).toBe(0);
    // Not a terminal: plain lines, at least one per folder read, never the password or a bar.
    const progress = first.stderr.trim().split('\n');
    for (const folder of ['Sent', 'INBOX', 'Archive', 'Projects/Acme']) expect(progress.some((line) => line.startsWith(`account 1 reading ${folder}: `))).toBe(true);
    expect(first.stderr).toMatch(/account 1 reading INBOX: [\d,]+\/[\d,]+ messages, [\d,]+\/s/);
    expect(first.stderr).not.toMatch(/\[#|\r/);
    expect(first.stdout).toMatch(
      new RegExp(`^Account 1 \\(${summary.owner.replace('.', '\\.')}\\): [\\d,]+ messages read, [\\d,]+ contacts created, [\\d,]+ interactions added, [\\d,]+ skipped as bulk/automated, [\\d,]+ malformed headers skipped \\(4 folders read, 0 unchanged, [\\d,]+ already stored; [\\d.]+ s\\)\\n$`),
    );
    // The network, end to end through the output contract other tools rely on.
    const listed = await runRapport(['--data-dir', dataDir, 'contacts', '--json'], { env });
    expect(listed.code).toBe(0);
    const contacts = JSON.parse(listed.stdout) as ContactListItem[];
    for (const contact of contacts) expect(Object.keys(contact).sort()).toEqual(['emails', 'id', 'lastContacted', 'lastHeardFrom', 'name', 'received', 'sent', 'strength']);
    expect(contacts.map((contact) => contact.strength)).toEqual(contacts.map((contact) => contact.strength).sort((a, b) => b - a));
    expectGeneratedNetwork(contacts, summary);

    const again = await runRapport(['--data-dir', dataDir, 'sync', '--json'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).totals).toMatchObject({ foldersRead: 0, foldersUnchanged: 4, messagesRead: 0 });
  }, 180_000);

  it('resumes after kill -9 at any moment to exactly the result of an uninterrupted sync', async () => {
    const cleanDir = await vaultWithAccount();
    expect((await runRapport(['--data-dir', cleanDir, 'sync', '--batch-size', '100'], { env, timeoutMs: 120_000 })).code).toBe(0);
    const cleanContacts = await contactsJson(cleanDir);
    const cleanVault = await openVault(cleanDir);
    const clean = vaultFingerprint(cleanVault, { strength: false });
    cleanVault.vault.lock();

    // Through a slow link (the sync takes seconds), so every kill below lands mid-sync on any machine.
    const slowLink = await startImapProxy({ targetHost: '127.0.0.1', targetPort: server.imapsPort, serverBytesPerSecond: 256 * 1024 });
    const dataDir = await vaultWithAccount(slowLink.port);
    const partial: number[] = [];
    // Killed right as reading starts, a little later, and well into the sync.
    for (const delayMs of [0, 150, 600]) {
      const sync = spawnRapport(['--data-dir', dataDir, 'sync', '--batch-size', '100'], env);
      await sync.waitForStderr(/reading /);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      expect(sync.child.exitCode).toBeNull();
      sync.child.kill('SIGKILL');
      expect(await sync.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const vault = await openVault(dataDir);
      partial.push(vault.vault.db().prepare('SELECT count(*) FROM messages').pluck().get() as number);
      vault.vault.lock();
    }
    // Each kill landed mid-sync: the vault grew between kills and was never complete.
    expect(partial.every((count, index) => index === 0 || count >= partial[index - 1]!)).toBe(true);
    expect(partial.at(-1)!).toBeGreaterThan(0);
    expect(partial.at(-1)!).toBeLessThan(clean.messages.length);

    const resumed = await runRapport(['--data-dir', dataDir, 'sync', '--batch-size', '100', '--json'], { env, timeoutMs: 120_000 });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).accounts[0].stats.messagesNew).toBe(clean.messages.length - partial.at(-1)!);
    expect(await contactsJson(dataDir)).toEqual(cleanContacts);
    const vault = await openVault(dataDir);
    expect(vaultFingerprint(vault, { strength: false })).toEqual(clean);
    // The killed runs are recorded as interrupted, the last one as ok.
    expect(vault.vault.db().prepare('SELECT status, error FROM sync_runs ORDER BY id').all()).toEqual([
      { status: 'failed', error: 'interrupted' },
      { status: 'failed', error: 'interrupted' },
      { status: 'failed', error: 'interrupted' },
      { status: 'ok', error: null },
    ]);
    vault.vault.lock();
    await slowLink.close();
  }, 240_000);
});

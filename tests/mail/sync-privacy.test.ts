/**
 * What the sync leaves in diagnostics and on the terminal: no address, secret or server text in
 * log lines at info or above (debug may have them), a progress bar on a terminal.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src-main/core/command-table.js';
import { createLogger } from '../../src-main/core/log.js';
import { DEFAULT_SYNC_OPTIONS, syncAccount } from '../../src-main/core/mail/sync/sync-account.js';
import type { CliIo } from '../../src-main/cli/cli-io.js';
import { runCli } from '../../src-main/cli/main.js';
import { startDovecot, type DovecotServer } from '../helpers/dovecot.js';
import { startImapProxy } from '../helpers/imap-proxy.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { DECLARED_ALIAS, OWNER, writeHandWrittenMailbox } from './hand-written-mailbox.js';
import { PASSPHRASE, addTestAccount, newVault, noKeychain } from './mail-test-kit.js';

describe('sync diagnostics and terminal output', () => {
  let server: DovecotServer;

  beforeAll(async () => {
    server = await startDovecot();
    writeHandWrittenMailbox(server.maildir());
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('logs no address, password or server text at info and above, even through reconnects and failures', async () => {
    const lines: string[] = [];
    const base = await newVault();
    const context = { ...base, log: createLogger('debug', (line) => lines.push(line)) };
    const proxy = await startImapProxy({ targetHost: server.host, targetPort: server.imapPort });
    try {
      const good = await addTestAccount(context, server, { address: OWNER, aliases: [DECLARED_ALIAS], via: { proxy } });
      proxy.dropAllConnectionsAfterServerBytes(3000);
      const report = await syncAccount(context, good.id, { ...DEFAULT_SYNC_OPTIONS, backoff: { baseMs: 10, maxMs: 50, maxAttempts: 3, throttleFactor: 2 } });
      expect(report.stats.reconnects).toBe(1);
      const bad = await addTestAccount(context, server, { address: 'other@example.com', password: 'wrong-secret-password' });
      await run(context, 'mail.sync', { accountId: bad.id });
    } finally {
      await proxy.close();
    }
    const visible = lines.filter((line) => !line.startsWith('[debug]'));
    expect(visible.length).toBeGreaterThan(0);
    for (const line of visible) {
      expect(line).not.toMatch(/@/);
      expect(line).not.toContain('password');
      expect(line).not.toMatch(/example\.(com|net)/);
    }
  });

  it('draws a progress bar on a terminal, then the summary', async () => {
    const dataDir = path.join(makeTempDir('rapport-mail-tty-'), 'vault');
    const status: string[] = [];
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      isTTY: true,
      env: { RAPPORT_PASSPHRASE: PASSPHRASE, IMAP_PASSWORD: 'alice-password' },
      readStdin: async () => '',
      promptHidden: async () => {
        throw new Error('no prompt expected');
      },
      status: (text) => status.push(text),
    };
    expect(await runCli(['--data-dir', dataDir, 'init'], { io, keychain: noKeychain })).toBe(0);
    const add = ['account', 'add', '--email', OWNER, '--host', server.host, '--port', String(server.imapsPort), '--user', 'alice', '--password-env', 'IMAP_PASSWORD', '--ca-file', server.caFile];
    expect(await runCli(['--data-dir', dataDir, ...add], { io, keychain: noKeychain })).toBe(0);
    expect(await runCli(['--data-dir', dataDir, 'sync'], { io, keychain: noKeychain })).toBe(0);
    expect(err).toEqual([]);
    const bars = status.filter((line) => line !== '');
    expect(bars.length).toBeGreaterThanOrEqual(3);
    for (const line of bars) expect(line).toMatch(/^account 1 reading \S+ \[[#-]{24}\] \d+% \d+\/\d+ messages/);
    expect(bars.some((line) => /\[#{24}\] 100%/.test(line))).toBe(true);
    // The bar is cleared before the summary is printed.
    expect(status.at(-1)).toBe('');
    expect(out.at(-1)).toMatch(/^Account 1 \(me@example\.com\): 14 messages read, \d+ contacts created/);
  });
});

import { afterEach } from 'vitest';
import type { CommandArgs, CommandName, CommandResult } from '../../src-shared/api/index.js';
import { createAppContext, type AppContext } from '../../src-main/core/app-context.js';
import { run } from '../../src-main/core/command-table.js';
import { addIdentities, ingestMessages } from '../../src-main/core/network/ingest.js';
import type { VaultDatabase } from '../../src-main/core/vault/encrypted-database.js';
import { facts, type MailSpec } from '../network/network-fixtures.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { noKeychain } from '../helpers/no-keychain.js';
import { failure } from '../helpers/rapport-failure.js';

export { failure };

export { noKeychain };

export const PASSPHRASE = 'relationships test passphrase';
export const ME = 'me@example.org';

export interface TestVault {
  context: AppContext;
  db: VaultDatabase;
  dataDir: string;
  now(): Date;
  setNow(iso: string): void;
  call<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResult<K>>;
  /** Stores header facts through the real ingest path, as a sync would (account 1, the user is ME). */
  mail(...specs: MailSpec[]): void;
  /** A contact made by the user with these addresses; returns its id. */
  contact(emails: string[], name?: string): Promise<number>;
}

/**
 * A real encrypted (passphrase) vault with a pinned clock, one mail account and the user's own
 * address; `bare` leaves it as `init` made it (nothing at all).
 */
export async function openTestVault(start = '2025-06-15T12:00:00.000Z', options: { bare?: boolean } = {}): Promise<TestVault> {
  const dataDir = makeTempDir('rapport-rel-');
  let now = new Date(start);
  const context = createAppContext({ dataDir, keychain: noKeychain, now: () => now });
  await run(context, 'vault.init', { passphrase: PASSPHRASE });
  const db = context.vault.db();
  if (!options.bare) {
    db.prepare(
      `INSERT INTO accounts (id, address, host, port, security, username, auth_kind, created_at)
       VALUES (1, ?, 'imap.example.org', 993, 'tls', 'me', 'password', '2024-01-01T00:00:00.000Z')`,
    ).run(ME);
    db.transaction(() => addIdentities(db, [{ address: ME, accountId: 1, source: 'account' }], now))();
  }
  return {
    context,
    db,
    dataDir,
    now: () => now,
    setNow: (iso) => (now = new Date(iso)),
    call: (name, args) => run(context, name, args),
    mail: (...specs) => {
      db.transaction(() => ingestMessages(db, { accountId: 1, facts: specs.map(facts), now }))();
    },
    contact: async (emails, name) => (await run(context, 'contacts.create', { emails, ...(name === undefined ? {} : { name }) })).id,
  };
}

let messageCounter = 0;

/** A personal mail from the user to `to`, on `date` (RFC 5322 or ISO). */
export function sentMail(to: string, date: string): MailSpec {
  return { from: `Me <${ME}>`, to, date: new Date(date).toUTCString(), id: `sent-${++messageCounter}@example.org` };
}

/** A personal mail from `from` to the user, on `date`. */
export function receivedMail(from: string, date: string): MailSpec {
  return { from, to: ME, date: new Date(date).toUTCString(), id: `received-${++messageCounter}@example.net` };
}

/** A test file's vault opener: each vault it opens is locked again after the test. */
export function testVaults(): (start?: string, options?: { bare?: boolean }) => Promise<TestVault> {
  const opened: TestVault[] = [];
  afterEach(() => {
    for (const v of opened.splice(0)) v.context.vault.lock();
  });
  return async (start, options) => {
    const v = await openTestVault(start, options);
    opened.push(v);
    return v;
  };
}

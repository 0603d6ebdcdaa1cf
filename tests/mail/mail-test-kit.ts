/**
 * Shared pieces of the mail tests: an in-process app context over a passphrase vault, accounts
 * pointing at the test Dovecot (directly over TLS, or in clear text through the recording proxy),
 * and a fingerprint of everything a sync writes, to compare two vaults.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Account } from '../../src-shared/api/mail.js';
import { createAppContext, type AppContext } from '../../src-main/core/app-context.js';
import { run } from '../../src-main/core/command-table.js';
import type { Keychain } from '../../src-main/core/vault/keychain.js';
import type { DovecotServer } from '../helpers/dovecot.js';
import type { ImapProxy } from '../helpers/imap-proxy.js';
import { makeTempDir } from '../helpers/temp-dir.js';

export const PASSPHRASE = 'mail tests passphrase';

/** A keychain that must never be used: the tests' vaults are passphrase vaults, secrets live inside them. */
export const noKeychain: Keychain = {
  get: async () => {
    throw new Error('keychain used by a passphrase vault');
  },
  set: async () => {
    throw new Error('keychain used by a passphrase vault');
  },
  delete: async () => false,
  accounts: async () => [],
};

/** One fixed "now" for every vault of a test run, so strengths (which decay with time) compare exactly. */
export const TEST_NOW = new Date();

export async function newVault(now: Date = TEST_NOW): Promise<AppContext> {
  const context = createAppContext({ dataDir: path.join(makeTempDir('rapport-mail-'), 'vault'), keychain: noKeychain, now: () => now });
  await run(context, 'vault.init', { passphrase: PASSPHRASE });
  return context;
}

export interface AccountOptions {
  address: string;
  user?: string;
  password?: string;
  aliases?: string[];
  /** `proxy`: clear text to the proxy (which forwards to Dovecot's plain port), so commands can be recorded. */
  via?: { proxy: ImapProxy } | 'tls';
  caFile?: string;
}

export async function addTestAccount(context: AppContext, server: DovecotServer, options: AccountOptions): Promise<Account> {
  const user = options.user ?? 'alice';
  const password = options.password ?? server.users.find((candidate) => candidate.user === user)?.pass ?? 'alice-password';
  const via = options.via ?? 'tls';
  const target =
    via === 'tls'
      ? { host: server.host, port: server.imapsPort, security: 'tls' as const, caFile: options.caFile ?? server.caFile }
      : { host: via.proxy.host, port: via.proxy.port, security: 'plain' as const };
  return run(context, 'accounts.add', { address: options.address, username: user, secret: password, aliases: options.aliases ?? [], ...target });
}

/**
 * Everything a sync derives, in a form two vaults can be compared by: equal fingerprints, equal
 * results. Strength decays with time, so vaults synced at different moments compare without it.
 */
export function vaultFingerprint(context: AppContext, options: { strength?: boolean } = {}) {
  const db = context.vault.db();
  const rows = (sql: string) => db.prepare(sql).all();
  return {
    messages: db.prepare('SELECT key FROM messages ORDER BY key').pluck().all() as string[],
    messageAddresses: rows('SELECT message_key, address, role, name FROM message_addresses ORDER BY message_key, address, role'),
    identities: db.prepare('SELECT address FROM identities ORDER BY address').pluck().all() as string[],
    contacts: rows(
      `SELECT (SELECT group_concat(address, ',') FROM (SELECT address FROM contact_emails e WHERE e.contact_id = c.id ORDER BY is_primary DESC, address)) AS emails,
              c.name, c.sent_count, c.received_count, c.last_sent_at, c.last_received_at${options.strength === false ? '' : ', round(c.strength, 9) AS strength'}
       FROM contacts c ORDER BY emails`,
    ),
    interactions: rows('SELECT m.key AS message_key, i.address, i.direction, i.role, i.occurred_at FROM interactions i JOIN messages m ON m.id = i.message_id ORDER BY m.key, i.address'),
  };
}

export function interactionCount(context: AppContext): number {
  return context.vault.db().prepare('SELECT count(*) FROM interactions').pluck().get() as number;
}

/** The raw vault file, to prove a string never reached the disk. */
export function vaultBytes(context: AppContext): Buffer {
  const file = context.vault.files.database;
  return Buffer.concat([fs.readFileSync(file), fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
}

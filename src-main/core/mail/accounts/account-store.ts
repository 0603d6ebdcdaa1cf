import type { Account, AuthKind, Provider, Security } from '../../../../src-shared/api/mail.js';
import { RapportError } from '../../errors.js';
import type { VaultDatabase } from '../../vault/encrypted-database.js';

interface AccountRow {
  id: number;
  address: string;
  host: string;
  port: number;
  security: Security;
  username: string;
  auth_kind: AuthKind;
  ca_file: string | null;
  provider: Provider | null;
  excluded_folders: string;
  aliases: string;
  created_at: string;
  last_synced_at: string | null;
}

export interface NewAccount {
  address: string;
  host: string;
  port: number;
  security: Security;
  username: string;
  authKind: AuthKind;
  caFile: string | null;
  provider: Provider | null;
  aliases: string[];
}

const SELECT = `
  SELECT a.*, (SELECT max(r.finished_at) FROM sync_runs r WHERE r.account_id = a.id AND r.status = 'ok') AS last_synced_at
  FROM accounts a`;

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    address: row.address,
    host: row.host,
    port: row.port,
    security: row.security,
    username: row.username,
    authKind: row.auth_kind,
    caFile: row.ca_file,
    provider: row.provider,
    aliases: JSON.parse(row.aliases) as string[],
    excludedFolders: JSON.parse(row.excluded_folders) as string[],
    createdAt: row.created_at,
    lastSyncedAt: row.last_synced_at,
  };
}

export function insertAccount(db: VaultDatabase, account: NewAccount, now: Date): number {
  const existing = db.prepare('SELECT id FROM accounts WHERE address = ?').get(account.address) as { id: number } | undefined;
  if (existing) throw new RapportError('conflict', `account ${existing.id} already reads ${account.address}; remove it first to add it again`);
  const result = db
    .prepare(
      `INSERT INTO accounts (address, host, port, security, username, auth_kind, ca_file, provider, aliases, created_at)
       VALUES (@address, @host, @port, @security, @username, @authKind, @caFile, @provider, @aliases, @createdAt)`,
    )
    .run({ ...account, aliases: JSON.stringify(account.aliases), createdAt: now.toISOString() });
  return Number(result.lastInsertRowid);
}

export function findAccount(db: VaultDatabase, id: number): Account | null {
  const row = db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as AccountRow | undefined;
  return row ? toAccount(row) : null;
}

export function getAccount(db: VaultDatabase, id: number): Account {
  const account = findAccount(db, id);
  if (!account) throw new RapportError('not_found', `no account ${id}; \`rapport account list\` shows the accounts`);
  return account;
}

export function listAccounts(db: VaultDatabase): Account[] {
  return (db.prepare(`${SELECT} ORDER BY a.id`).all() as AccountRow[]).map(toAccount);
}

/** Removes the account and, through the schema's cascades, its folders, stored header facts and identities. */
export function deleteAccount(db: VaultDatabase, id: number): void {
  db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
}

export function setExcludedFolders(db: VaultDatabase, id: number, folders: string[]): void {
  const unique = [...new Set(folders)].sort();
  db.prepare('UPDATE accounts SET excluded_folders = ? WHERE id = ?').run(JSON.stringify(unique), id);
}

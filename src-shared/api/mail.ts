import { z } from 'zod';
import type { RapportErrorShape } from '../errors.js';
import { command } from './define-command.js';

export const SECURITY_KINDS = ['tls', 'starttls', 'plain'] as const;
export type Security = (typeof SECURITY_KINDS)[number];

export const AUTH_KINDS = ['password', 'oauth2'] as const;
/** `oauth2`: the stored secret is an XOAUTH2 access token instead of a password. */
export type AuthKind = (typeof AUTH_KINDS)[number];

export const PROVIDERS = ['gmail', 'outlook', 'icloud', 'fastmail', 'yahoo'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** A mail account as every adapter sees it. The secret never leaves the core. */
export interface Account {
  id: number;
  address: string;
  host: string;
  port: number;
  security: Security;
  username: string;
  authKind: AuthKind;
  /** Extra trusted CA (PEM file), read at every connect. */
  caFile: string | null;
  provider: Provider | null;
  aliases: string[];
  /** Folder paths the user chose not to read. */
  excludedFolders: string[];
  createdAt: string;
  /** Finish time of the last successful sync, if any. */
  lastSyncedAt: string | null;
}

export interface AccountTestResult {
  accountId: number;
  host: string;
  port: number;
  security: Security;
  /** Selectable folders the server lists. */
  folders: number;
  /** True when the server looks like Gmail (All Mail is read instead of every folder). */
  gmail: boolean;
  /** Server extensions that change how the sync works. */
  extensions: { condstore: boolean; specialUse: boolean; listStatus: boolean; gmail: boolean };
  elapsedMs: number;
}

/** What one account's sync did; counts are messages unless named otherwise. */
export interface SyncStats {
  foldersRead: number;
  /** Folders skipped because STATUS showed nothing new since the last sync. */
  foldersUnchanged: number;
  /** Header blocks fetched from the server (every folder, including the identity pass). */
  messagesRead: number;
  /** Messages stored for the first time (a message in several folders counts once). */
  messagesNew: number;
  /** Messages already stored (seen in another folder, or re-read after a UIDVALIDITY change). */
  duplicates: number;
  contactsCreated: number;
  interactionsAdded: number;
  skippedBulk: number;
  /** Personal mail that made no interaction (not addressed to an own address, Bcc copies, ...). */
  skippedOther: number;
  /** Header blocks without a usable From or date: skipped, never fatal. */
  malformed: number;
  identitiesAdded: number;
  /** Connections lost during the sync and resumed from the last checkpoint. */
  reconnects: number;
  elapsedMs: number;
}

export interface AccountSyncReport {
  accountId: number;
  address: string;
  status: 'ok' | 'failed';
  stats: SyncStats;
  /** Why the account failed; what was committed before the failure stays. */
  error: RapportErrorShape | null;
  /** Id of the `sync_runs` row recording this run. */
  runId: number;
}

export interface SyncReport {
  accounts: AccountSyncReport[];
  totals: SyncStats;
  elapsedMs: number;
}

const accountId = z.number().int().positive();
const address = z.string().trim().min(3).max(320).includes('@', { error: 'not an e-mail address' });
const folderPath = z.string().min(1).max(1000);

export const mailCommands = {
  'accounts.add': command<Account>()(
    z
      .object({
        address,
        /** Optional when the address's domain (or `provider`) has a preset. */
        host: z.string().trim().min(1).max(253).optional(),
        port: z.number().int().min(1).max(65535).optional(),
        security: z.enum(SECURITY_KINDS).optional(),
        username: z.string().min(1).max(320).optional(),
        authKind: z.enum(AUTH_KINDS).default('password'),
        /** Password, or the access token for `oauth2`. Stored in the keychain or inside the vault. */
        secret: z.string().min(1, 'a password (or access token) is needed'),
        caFile: z.string().min(1).optional(),
        provider: z.enum(PROVIDERS).optional(),
        aliases: z.array(address).max(100).default([]),
      })
      .strict(),
  ),
  'accounts.list': command<Account[]>()(z.object({}).strict()),
  'accounts.remove': command<{ removed: Account }>()(z.object({ id: accountId }).strict()),
  'accounts.test': command<AccountTestResult>()(z.object({ id: accountId }).strict()),
  'accounts.setExcludedFolders': command<Account>()(z.object({ id: accountId, folders: z.array(folderPath).max(1000) }).strict()),
  'mail.sync': command<SyncReport>()(
    z
      .object({
        /** One account; every account when left out. */
        accountId: accountId.optional(),
        /** Messages per transaction (default 10,000; fetched in UID ranges of up to 2,000). */
        batchSize: z.number().int().min(10).max(100_000).optional(),
      })
      .strict(),
  ),
};

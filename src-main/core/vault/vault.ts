import crypto from 'node:crypto';
import fs from 'node:fs';
import type { PurgeResult, VaultMode, VaultStatus } from '../../../src-shared/api/vault.js';
import { RapportError } from '../errors.js';
import { checkpointInBackground, type CheckpointReport } from './background-checkpoint.js';
import { createEncryptedDatabase, openEncryptedDatabase, type VaultDatabase } from './encrypted-database.js';
import type { Keychain } from './keychain.js';
import { migrate, schemaVersion } from './migrations/index.js';
import { vaultFiles } from './vault-files.js';
import { readVaultHeader, writeVaultHeader, type VaultHeader } from './vault-header.js';
import { deriveKeyFromPassphrase, keyCheckOf, keyMatchesCheck, newRandomKey, newScryptParams } from './vault-key.js';

/** Keychain entries of one vault share a prefix, so purge can find every one of them. */
export const keychainAccountFor = {
  vaultKey: (vaultId: string) => `${vaultId}/vault-key`,
  mailAccount: (vaultId: string, accountId: number) => `${vaultId}/account/${accountId}`,
  prefix: (vaultId: string) => `${vaultId}/`,
};

const LOCKED_NEEDS_PASSPHRASE = 'vault is locked: a passphrase is needed (set RAPPORT_PASSPHRASE, or pass --passphrase on a terminal)';

/** The user's encrypted vault: one SQLite file per data folder, plus its plaintext header. */
export class Vault {
  private database: VaultDatabase | null = null;
  private header: VaultHeader | null = null;
  /** Held while unlocked, only to open the worker connection of a background checkpoint. */
  private key: Buffer | null = null;
  private maintenance: Promise<void> = Promise.resolve();
  /** What the last background checkpoint copied, and how long it took. */
  lastCheckpoint: CheckpointReport | null = null;
  readonly files;

  constructor(
    readonly dataDir: string,
    private readonly keychain: Keychain,
  ) {
    this.files = vaultFiles(dataDir);
  }

  get isUnlocked(): boolean {
    return this.database !== null;
  }

  get mode(): VaultMode | null {
    return this.header?.mode ?? readVaultHeader(this.files.header)?.mode ?? null;
  }

  get id(): string {
    const header = this.header ?? readVaultHeader(this.files.header);
    if (!header) throw this.missing();
    return header.vaultId;
  }

  status(): VaultStatus {
    const header = readVaultHeader(this.files.header);
    return {
      dataDir: this.dataDir,
      exists: header !== null,
      mode: header?.mode ?? null,
      unlocked: this.database !== null,
      schemaVersion: this.database ? schemaVersion(this.database) : null,
    };
  }

  /** The open database; every feature reaches the vault through here. */
  db(): VaultDatabase {
    if (this.database) return this.database;
    if (!fs.existsSync(this.files.header)) throw this.missing();
    throw new RapportError('vault_locked', 'vault is locked: unlock it first');
  }

  async init(passphrase?: string): Promise<VaultStatus> {
    if (fs.existsSync(this.files.header) || fs.existsSync(this.files.database)) {
      throw new RapportError('vault_exists', `a vault already exists in ${this.dataDir}; use it, or purge it first`);
    }
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const vaultId = crypto.randomUUID();
    let key: Buffer;
    let header: VaultHeader;
    if (passphrase !== undefined) {
      const kdf = newScryptParams();
      key = await deriveKeyFromPassphrase(passphrase, kdf);
      header = { format: 1, vaultId, mode: 'passphrase', kdf: { name: 'scrypt', ...kdf }, keyCheck: keyCheckOf(key), createdAt: new Date().toISOString() };
    } else {
      key = newRandomKey();
      // Store the key first: if no keychain is available we stop before writing any file.
      await this.keychain.set(keychainAccountFor.vaultKey(vaultId), key.toString('hex'));
      header = { format: 1, vaultId, mode: 'keychain', keyCheck: keyCheckOf(key), createdAt: new Date().toISOString() };
    }
    try {
      writeVaultHeader(this.files.header, header);
      const db = createEncryptedDatabase(this.files.database, key);
      migrate(db);
      this.database = db;
      this.header = header;
      this.key = key;
    } catch (error) {
      this.removeFiles();
      if (header.mode === 'keychain') await this.keychain.delete(keychainAccountFor.vaultKey(vaultId)).catch(() => false);
      throw error;
    }
    return this.status();
  }

  async unlock(passphrase?: string): Promise<VaultStatus> {
    if (this.database) return this.status();
    const header = readVaultHeader(this.files.header);
    if (!header) throw this.missing();
    if (!fs.existsSync(this.files.database)) {
      throw new RapportError('vault_corrupt', `the vault file is missing (${this.files.database}) although its header is there`);
    }
    const key = await this.keyFor(header, passphrase);
    const db = openEncryptedDatabase(this.files.database, key);
    try {
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.database = db;
    this.header = header;
    this.key = key;
    return this.status();
  }

  lock(): VaultStatus {
    if (this.database) {
      this.database.close();
      this.database = null;
    }
    this.key?.fill(0);
    this.key = null;
    return this.status();
  }

  /**
   * Copies the WAL into the database file on a worker thread (see background-checkpoint.ts);
   * returns at once. If the worker cannot run, the open connection does it, as before.
   */
  checkpointInBackground(): void {
    if (!this.database || !this.key) return;
    const key = Buffer.from(this.key);
    this.maintenance = this.maintenance.then(async () => {
      try {
        this.lastCheckpoint = await checkpointInBackground(this.files.database, key);
      } catch {
        try {
          this.database?.pragma('wal_checkpoint(PASSIVE)');
        } catch {
          // Left to SQLite's next automatic checkpoint: the WAL holds every commit already.
        }
      } finally {
        key.fill(0);
      }
    });
  }

  /** Resolves (never rejects) once background maintenance started so far has ended: before the process exits, or files are removed. */
  settled(): Promise<void> {
    return this.maintenance;
  }

  /** Deletes the vault files and every keychain entry of this vault. Works while locked. */
  async purge(): Promise<PurgeResult> {
    const header = readVaultHeader(this.files.header);
    if (!header && !fs.existsSync(this.files.database)) throw this.missing();
    this.lock();
    await this.settled();
    const removed = this.removeFiles();
    if (header?.mode === 'keychain') {
      const prefix = keychainAccountFor.prefix(header.vaultId);
      for (const account of await this.keychain.accounts()) {
        if (!account.startsWith(prefix)) continue;
        if (await this.keychain.delete(account)) removed.push(`keychain entry Rapport/${account}`);
      }
    }
    this.header = null;
    return { removed };
  }

  private async keyFor(header: VaultHeader, passphrase: string | undefined): Promise<Buffer> {
    if (header.mode === 'passphrase') {
      if (passphrase === undefined || passphrase === '') throw new RapportError('vault_locked', LOCKED_NEEDS_PASSPHRASE);
      const key = await deriveKeyFromPassphrase(passphrase, header.kdf!);
      if (!keyMatchesCheck(key, header.keyCheck)) throw new RapportError('wrong_key', 'vault is locked: wrong passphrase');
      return key;
    }
    const stored = await this.keychain.get(keychainAccountFor.vaultKey(header.vaultId));
    if (!stored) throw new RapportError('vault_locked', 'vault is locked: its key is not in the OS keychain of this user');
    const key = Buffer.from(stored, 'hex');
    if (!keyMatchesCheck(key, header.keyCheck)) throw new RapportError('wrong_key', 'vault is locked: the key in the OS keychain does not open this vault');
    return key;
  }

  private removeFiles(): string[] {
    const removed: string[] = [];
    for (const file of [this.files.database, this.files.wal, this.files.shm, this.files.journal, this.files.header]) {
      try {
        fs.unlinkSync(file);
        removed.push(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return removed;
  }

  private missing(): RapportError {
    return new RapportError('vault_missing', `no vault in ${this.dataDir}: create one with \`rapport init\``);
  }
}

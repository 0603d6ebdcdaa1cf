import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../src-main/core/app-context.js';
import { run } from '../../src-main/core/command-table.js';
import { openEncryptedDatabase } from '../../src-main/core/vault/encrypted-database.js';
import { migrate, LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src-main/core/vault/migrations/index.js';
import { keychainAccountFor, Vault } from '../../src-main/core/vault/vault.js';
import { readVaultHeader } from '../../src-main/core/vault/vault-header.js';
import { deriveKeyFromPassphrase } from '../../src-main/core/vault/vault-key.js';
import { folderBytes, makeTempDir } from '../helpers/temp-dir.js';
import { noKeychain } from '../helpers/no-keychain.js';
import { expectRapportError } from '../helpers/rapport-failure.js';

const PASSPHRASE = 'correct horse battery staple';
const SECRET_STRINGS = ['Zebediah Quantrill', 'zebediah.quantrill@example.org', 'met at the Lisbon offsite'];

function writeSecrets(vault: Vault) {
  const now = new Date().toISOString();
  const db = vault.db();
  const { lastInsertRowid } = db
    .prepare(`INSERT INTO contacts (name, notes, source, created_at, updated_at) VALUES (?, ?, 'manual', ?, ?)`)
    .run(SECRET_STRINGS[0], SECRET_STRINGS[2], now, now);
  db.prepare('INSERT INTO contact_emails (address, contact_id, is_primary, created_at) VALUES (?, ?, 1, ?)').run(SECRET_STRINGS[1], lastInsertRowid, now);
}

function expectNoPlaintext(dir: string) {
  for (const name of fs.readdirSync(dir)) {
    const bytes = fs.readFileSync(path.join(dir, name));
    for (const secret of SECRET_STRINGS) {
      expect(bytes.includes(Buffer.from(secret)), `${name} contains "${secret}"`).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${name} contains "${secret}" as UTF-16`).toBe(false);
    }
  }
}

describe('passphrase vault', () => {
  it('encrypts everything at rest: no inserted string in any file, no SQLite header', async () => {
    const dir = makeTempDir();
    const vault = new Vault(dir, noKeychain);
    await vault.init(PASSPHRASE);
    writeSecrets(vault);
    expectNoPlaintext(dir); // while open, the WAL holds the fresh pages
    vault.lock();
    expectNoPlaintext(dir);
    const database = fs.readFileSync(path.join(dir, 'rapport.db'));
    expect(database.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(database.length).toBeGreaterThan(4096);

    await vault.unlock(PASSPHRASE);
    const row = vault.db().prepare('SELECT name FROM contacts').get() as { name: string };
    expect(row.name).toBe(SECRET_STRINGS[0]);
    vault.lock();
  });

  it('refuses a wrong passphrase with a clear error and changes no byte', async () => {
    const dir = makeTempDir();
    const vault = new Vault(dir, noKeychain);
    await vault.init(PASSPHRASE);
    writeSecrets(vault);
    vault.lock();
    const before = folderBytes(dir);
    await expectRapportError(vault.unlock('correct horse battery stapler'), 'wrong_key', /^vault is locked: wrong passphrase$/);
    await expectRapportError(vault.unlock(), 'vault_locked', /passphrase is needed/);
    expect(folderBytes(dir)).toEqual(before);
    expect(vault.isUnlocked).toBe(false);
  });

  it('reports a damaged vault file as corrupt, never as a new vault', async () => {
    const dir = makeTempDir();
    const vault = new Vault(dir, noKeychain);
    await vault.init(PASSPHRASE);
    writeSecrets(vault);
    vault.lock();
    const file = path.join(dir, 'rapport.db');
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 0, 4096);
    fs.writeFileSync(file, bytes);
    const before = folderBytes(dir);
    await expectRapportError(vault.unlock(PASSPHRASE), 'vault_corrupt', /damaged/);
    expect(folderBytes(dir)).toEqual(before);

    fs.writeFileSync(path.join(dir, 'vault.json'), '{ not json');
    await expectRapportError(vault.unlock(PASSPHRASE), 'vault_corrupt', /header is damaged/);
    await expectRapportError(vault.init(PASSPHRASE), 'vault_exists');
  });

  it('reports a missing vault file instead of creating one', async () => {
    const dir = makeTempDir();
    const vault = new Vault(dir, noKeychain);
    await vault.init(PASSPHRASE);
    vault.lock();
    fs.unlinkSync(path.join(dir, 'rapport.db'));
    await expectRapportError(vault.unlock(PASSPHRASE), 'vault_corrupt', /missing/);
    expect(fs.existsSync(path.join(dir, 'rapport.db'))).toBe(false);
    await expectRapportError(new Vault(makeTempDir(), noKeychain).unlock(PASSPHRASE), 'vault_missing', /rapport init/);
  });

  it('purges the files even while locked, and says what it removed', async () => {
    const dir = makeTempDir();
    const vault = new Vault(dir, noKeychain);
    await vault.init(PASSPHRASE);
    writeSecrets(vault);
    const result = await vault.purge();
    expect(result.removed.map((file) => path.basename(file)).sort()).toEqual(expect.arrayContaining(['rapport.db', 'vault.json']));
    expect(fs.readdirSync(dir)).toEqual([]);
    await expectRapportError(vault.purge(), 'vault_missing');
  });
});

describe('migrations', () => {
  it('brings an old-version vault up to date and keeps its data', async () => {
    const dir = makeTempDir();
    const vault = new Vault(dir, noKeychain);
    await vault.init(PASSPHRASE);
    vault.lock();
    // Rebuild the file as version 1 of the schema, as an older Rapport would have left it.
    const header = readVaultHeader(path.join(dir, 'vault.json'))!;
    const key = await deriveKeyFromPassphrase(PASSPHRASE, header.kdf!);
    fs.rmSync(path.join(dir, 'rapport.db'));
    const { createEncryptedDatabase } = await import('../../src-main/core/vault/encrypted-database.js');
    const old = createEncryptedDatabase(path.join(dir, 'rapport.db'), key);
    expect(migrate(old, 1)).toBe(1);
    old.prepare(`INSERT INTO contacts (name, source, created_at, updated_at) VALUES ('Ada Old', 'manual', 'x', 'x')`).run();
    expect(old.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'contacts_fts'`).get()).toEqual({ n: 0 });
    old.close();

    const status = await vault.unlock(PASSPHRASE);
    expect(status.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const db = vault.db();
    expect(db.prepare('SELECT name FROM contacts').all()).toEqual([{ name: 'Ada Old' }]);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'contacts_fts'`).get()).toEqual({ n: 1 });
    expect((db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((row) => row.version)).toEqual(
      MIGRATIONS.map((migration) => migration.version),
    );
    vault.lock();
  });

  it('refuses a vault written by a newer Rapport', async () => {
    const dir = makeTempDir();
    const vault = new Vault(dir, noKeychain);
    await vault.init(PASSPHRASE);
    vault.db().prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')`).run();
    vault.lock();
    await expectRapportError(vault.unlock(PASSPHRASE), 'vault_corrupt', /newer Rapport/);
    const header = readVaultHeader(path.join(dir, 'vault.json'))!;
    const db = openEncryptedDatabase(path.join(dir, 'rapport.db'), await deriveKeyFromPassphrase(PASSPHRASE, header.kdf!));
    db.close();
  });
});

describe('keychain vault (real Secret Service)', () => {
  it('keeps a random 256-bit key in the OS keychain, reopens with it, and purge removes both', async () => {
    const { realKeychain } = await import('../helpers/secret-service.js');
    const keychain = realKeychain();
    const dir = makeTempDir();
    const context = createAppContext({ dataDir: dir, keychain });
    const created = await run(context, 'vault.init', {});
    expect(created).toMatchObject({ exists: true, mode: 'keychain', unlocked: true });
    writeSecrets(context.vault);
    const vaultId = context.vault.id;
    const stored = await keychain.get(keychainAccountFor.vaultKey(vaultId));
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(path.join(dir, 'vault.json'), 'utf8')).not.toContain(stored!);
    await context.secrets.set(7, 'imap-password-123');
    expect(await keychain.get(keychainAccountFor.mailAccount(vaultId, 7))).toBe('imap-password-123');

    await run(context, 'vault.lock', {});
    expectNoPlaintext(dir);
    const reopened = await run(context, 'vault.unlock', {});
    expect(reopened.unlocked).toBe(true);
    expect(context.vault.db().prepare('SELECT name FROM contacts').get()).toEqual({ name: SECRET_STRINGS[0] });

    const purged = await run(context, 'vault.purge', { confirm: true });
    expect(purged.removed).toEqual(
      expect.arrayContaining([`keychain entry Rapport/${vaultId}/vault-key`, `keychain entry Rapport/${vaultId}/account/7`, path.join(dir, 'vault.json')]),
    );
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await keychain.get(keychainAccountFor.vaultKey(vaultId))).toBeNull();
    expect((await keychain.accounts()).filter((account) => account.startsWith(vaultId))).toEqual([]);
  });

  it('says the keychain key does not fit when it was replaced', async () => {
    const { realKeychain } = await import('../helpers/secret-service.js');
    const keychain = realKeychain();
    const dir = makeTempDir();
    const vault = new Vault(dir, keychain);
    await vault.init();
    vault.lock();
    const before = folderBytes(dir);
    await keychain.set(keychainAccountFor.vaultKey(vault.id), 'ab'.repeat(32));
    await expectRapportError(vault.unlock(), 'wrong_key', /does not open this vault/);
    await keychain.delete(keychainAccountFor.vaultKey(vault.id));
    await expectRapportError(vault.unlock(), 'vault_locked', /not in the OS keychain/);
    expect(folderBytes(dir)).toEqual(before);
  });
});

/**
 * The WAL checkpoint a sync leaves to a worker thread: it copies every page into the encrypted
 * database file while the main connection keeps reading and writing, and nothing committed is
 * lost when the vault is locked, reopened or purged meanwhile.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../src-main/core/vault/vault.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { noKeychain } from '../helpers/no-keychain.js';

const PASSPHRASE = 'background checkpoint passphrase';

/** Enough committed rows to fill a WAL of a few hundred pages (autocheckpoint off, as during a sync). */
function fillWal(vault: Vault, contacts: number, tag: string) {
  const db = vault.db();
  db.pragma('wal_autocheckpoint = 0');
  const insert = db.prepare(`INSERT INTO contacts (name, notes, source, created_at, updated_at) VALUES (?, ?, 'manual', ?, ?)`);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let index = 0; index < contacts; index++) insert.run(`${tag} ${index}`, 'x'.repeat(200), now, now);
  })();
}

const walBytes = (vault: Vault) => (fs.existsSync(vault.files.wal) ? fs.statSync(vault.files.wal).size : 0);
const contactCount = (vault: Vault) => vault.db().prepare('SELECT count(*) FROM contacts').pluck().get() as number;

/** The contacts are there now, and again after the vault was closed and opened. */
async function expectContactsKept(vault: Vault, count: number) {
  expect(contactCount(vault)).toBe(count);
  vault.lock();
  await vault.unlock(PASSPHRASE);
  expect(contactCount(vault)).toBe(count);
  vault.lock();
}

describe('Vault.checkpointInBackground', () => {
  it('copies every WAL page into the database file on a worker, while the main connection writes on', async () => {
    const vault = new Vault(makeTempDir(), noKeychain);
    await vault.init(PASSPHRASE);
    fillWal(vault, 3000, 'first');
    const databaseBefore = fs.statSync(vault.files.database).size;
    expect(walBytes(vault)).toBeGreaterThan(500_000);

    vault.checkpointInBackground();
    // The main connection is not held up: it commits more while the worker copies.
    fillWal(vault, 10, 'meanwhile');
    await vault.settled();

    const report = vault.lastCheckpoint!;
    expect(report.walPages).toBeGreaterThan(100);
    expect(report.checkpointedPages).toBeGreaterThan(100);
    expect(fs.statSync(vault.files.database).size).toBeGreaterThan(databaseBefore + 400_000);
    await expectContactsKept(vault, 3010);
  });

  it('keeps everything committed when the vault is locked at once, and purge waits for the worker', async () => {
    const dir = makeTempDir();
    const vault = new Vault(dir, noKeychain);
    await vault.init(PASSPHRASE);
    fillWal(vault, 3000, 'locked');
    vault.checkpointInBackground();
    // Whichever connection closes last (this one, or the worker's) copies what is left and removes the WAL.
    vault.lock();
    await vault.settled();
    expect(fs.existsSync(vault.files.wal)).toBe(false);
    await vault.unlock(PASSPHRASE);
    expect(contactCount(vault)).toBe(3000);

    fillWal(vault, 3000, 'purged');
    vault.checkpointInBackground();
    const { removed } = await vault.purge();
    expect(removed).toContain(vault.files.database);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('falls back to the main connection when the worker cannot open the vault, and never rejects', async () => {
    const vault = new Vault(makeTempDir(), noKeychain);
    await vault.init(PASSPHRASE);
    fillWal(vault, 3000, 'fallback');
    // The open connection keeps its file; a worker looking for it by name finds nothing.
    const moved = `${vault.files.database}.moved`;
    fs.renameSync(vault.files.database, moved);
    vault.checkpointInBackground();
    await expect(vault.settled()).resolves.toBeUndefined();
    fs.renameSync(moved, vault.files.database);
    expect(vault.lastCheckpoint).toBeNull();
    await expectContactsKept(vault, 3000);
  });

  it('does nothing on a locked vault', async () => {
    const vault = new Vault(makeTempDir(), noKeychain);
    await vault.init(PASSPHRASE);
    vault.lock();
    vault.checkpointInBackground();
    await vault.settled();
    expect(vault.lastCheckpoint).toBeNull();
  });
});

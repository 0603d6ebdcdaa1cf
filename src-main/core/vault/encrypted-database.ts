import Database from 'better-sqlite3-multiple-ciphers';
import { RapportError } from '../errors.js';

export type VaultDatabase = Database.Database;

/** SQLite3 Multiple Ciphers must be told the scheme before the key, on every open (of every connection). */
export function keyPragmas(key: Buffer): string[] {
  return [`cipher='sqlcipher'`, 'legacy=4', `key="x'${key.toString('hex')}'"`];
}

function applyKey(db: VaultDatabase, key: Buffer): void {
  for (const pragma of keyPragmas(key)) db.pragma(pragma);
}

function isNotADatabase(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

function tune(db: VaultDatabase): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Makes a new encrypted database file. Fails if the file is already there. */
export function createEncryptedDatabase(file: string, key: Buffer): VaultDatabase {
  const db = new Database(file);
  try {
    applyKey(db, key);
    tune(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens an existing vault. A wrong key only shows on the first real read (SQLITE_NOTADB), and
 * nothing is written before that read succeeds, so a failed open leaves the file untouched.
 * The caller has already checked the key against the header, so NOTADB here means damage.
 */
export function openEncryptedDatabase(file: string, key: Buffer): VaultDatabase {
  let db: VaultDatabase;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (error) {
    throw new RapportError('vault_corrupt', `vault file cannot be opened: ${file} (${(error as Error).message})`, undefined, { cause: error });
  }
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    tune(db);
    return db;
  } catch (error) {
    db.close();
    if (isNotADatabase(error)) {
      throw new RapportError('vault_corrupt', `vault file is damaged or is not a Rapport vault: ${file}`, undefined, { cause: error });
    }
    throw error;
  }
}

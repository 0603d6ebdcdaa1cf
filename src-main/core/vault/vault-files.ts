import path from 'node:path';

/** Where a vault lives inside a data folder. The header is plaintext metadata without secrets. */
export function vaultFiles(dataDir: string) {
  const database = path.join(dataDir, 'rapport.db');
  return {
    database,
    wal: `${database}-wal`,
    shm: `${database}-shm`,
    journal: `${database}-journal`,
    header: path.join(dataDir, 'vault.json'),
  };
}

export type VaultFiles = ReturnType<typeof vaultFiles>;

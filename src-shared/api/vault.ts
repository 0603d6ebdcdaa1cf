import { z } from 'zod';
import { command } from './define-command.js';

export type VaultMode = 'keychain' | 'passphrase';

export interface VaultStatus {
  /** Folder holding the vault file. */
  dataDir: string;
  exists: boolean;
  mode: VaultMode | null;
  unlocked: boolean;
  /** Applied schema version, known only while unlocked. */
  schemaVersion: number | null;
}

export interface PurgeResult {
  /** Human-readable list of what was deleted: files and keychain entries. */
  removed: string[];
}

const passphrase = z.string().min(8, 'a passphrase needs at least 8 characters');

export const vaultCommands = {
  'vault.status': command<VaultStatus>()(z.object({}).strict()),
  'vault.init': command<VaultStatus>()(z.object({ passphrase: passphrase.optional() }).strict()),
  'vault.unlock': command<VaultStatus>()(z.object({ passphrase: z.string().optional() }).strict()),
  'vault.lock': command<VaultStatus>()(z.object({}).strict()),
  'vault.purge': command<PurgeResult>()(
    z.object({ confirm: z.literal(true, { error: 'purge deletes everything: pass confirm: true' }) }).strict(),
  ),
};

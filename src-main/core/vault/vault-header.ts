import fs from 'node:fs';
import { z } from 'zod';
import { RapportError } from '../errors.js';

/**
 * Plaintext sidecar of the vault: how to obtain its key, never the key itself. The key check is
 * HMAC(key, constant): it tells "wrong key" apart from "damaged file" without weakening the key.
 */
const headerSchema = z.object({
  format: z.literal(1),
  vaultId: z.string().regex(/^[0-9a-f-]{36}$/),
  mode: z.enum(['keychain', 'passphrase']),
  kdf: z
    .object({
      name: z.literal('scrypt'),
      salt: z.string().min(16),
      N: z.number().int().positive(),
      r: z.number().int().positive(),
      p: z.number().int().positive(),
    })
    .optional(),
  keyCheck: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
});

export type VaultHeader = z.infer<typeof headerSchema>;

export function readVaultHeader(file: string): VaultHeader | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RapportError('vault_corrupt', `vault header is damaged (not JSON): ${file}`);
  }
  const result = headerSchema.safeParse(parsed);
  if (!result.success) throw new RapportError('vault_corrupt', `vault header is damaged or from an unknown version: ${file}`);
  if (result.data.mode === 'passphrase' && !result.data.kdf) {
    throw new RapportError('vault_corrupt', `vault header is damaged (passphrase vault without key-derivation parameters): ${file}`);
  }
  return result.data;
}

/** Written to a temporary file and renamed, so a crash never leaves half a header. */
export function writeVaultHeader(file: string, header: VaultHeader): void {
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify(header, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(temporary, file);
}

import { UsageError } from './cli-command.js';
import type { CliIo } from './cli-io.js';

export const PASSPHRASE_ENV = 'RAPPORT_PASSPHRASE';

/** Non-interactive use reads RAPPORT_PASSPHRASE; a terminal is asked, never the command line. */
export async function readPassphrase(io: CliIo, options: { confirm: boolean }): Promise<string | undefined> {
  const fromEnv = io.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.isTTY) return undefined;
  const first = await io.promptHidden('Vault passphrase: ');
  if (options.confirm) {
    const second = await io.promptHidden('Repeat passphrase: ');
    if (first !== second) throw new UsageError('the two passphrases differ');
  }
  return first;
}

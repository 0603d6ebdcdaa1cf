import type { CliCommand } from './cli-command.js';
import { bucketsCliCommands } from './commands/buckets-commands.js';
import { contactsCliCommands } from './commands/contacts-commands.js';
import { followupsCliCommands } from './commands/followups-commands.js';
import { mailCliCommands } from './commands/mail-commands.js';
import { portabilityCliCommands } from './commands/portability-commands.js';
import { privacyCliCommands } from './commands/privacy-commands.js';
import { settingsCliCommands } from './commands/settings-commands.js';
import { serveCliCommands } from './commands/serve-commands.js';
import { vaultCliCommands } from './commands/vault-commands.js';

/** Every `rapport ...` form; each feature contributes its own list. */
export const cliCommands: CliCommand[] = [...vaultCliCommands, ...settingsCliCommands, ...serveCliCommands, ...mailCliCommands, ...contactsCliCommands, ...bucketsCliCommands, ...followupsCliCommands, ...portabilityCliCommands, ...privacyCliCommands];

/** The longest run of leading words that names a command wins (`bucket list` over `bucket`). */
export function findCliCommand(words: string[]): { command: CliCommand; rest: string[] } | null {
  let best: CliCommand | null = null;
  for (const command of cliCommands) {
    const matches = command.words.every((word, index) => words[index] === word);
    if (matches && (!best || command.words.length > best.words.length)) best = command;
  }
  return best ? { command: best, rest: words.slice(best.words.length) } : null;
}

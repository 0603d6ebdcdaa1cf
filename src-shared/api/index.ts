import { bucketsCommands } from './buckets.js';
import { contactsCommands } from './contacts.js';
import type { SpecArgs, SpecParsedArgs, SpecResult } from './define-command.js';
import { followupsCommands } from './followups.js';
import { mailCommands } from './mail.js';
import { portabilityCommands } from './portability.js';
import { privacyCommands } from './privacy.js';
import { settingsCommands } from './settings.js';
import { vaultCommands } from './vault.js';
import type { RapportEvent } from './events.js';

/** The single command table contract shared by the core, the CLI, IPC and the headless server. */
export const commands = {
  ...vaultCommands,
  ...settingsCommands,
  ...contactsCommands,
  ...mailCommands,
  ...bucketsCommands,
  ...followupsCommands,
  ...portabilityCommands,
  ...privacyCommands,
};

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandArgs<K extends CommandName> = SpecArgs<Commands[K]>;
export type CommandParsedArgs<K extends CommandName> = SpecParsedArgs<Commands[K]>;
export type CommandResult<K extends CommandName> = SpecResult<Commands[K]>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

/** What the renderer sees as `window.rapport`, whatever the transport underneath. */
export interface RapportApi {
  invoke<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResult<K>>;
  onEvent(listener: (event: RapportEvent) => void): () => void;
}

export * from './contacts.js';
export * from './buckets.js';
export * from './define-command.js';
export * from './events.js';
export * from './followups.js';
export * from './mail.js';
export * from './portability.js';
export * from './privacy.js';
export * from './settings.js';
export * from './vault.js';
export * from './wire.js';

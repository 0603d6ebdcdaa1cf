import type { ParseArgsConfig } from 'node:util';
import type { CommandArgs, CommandName, CommandResult } from '../../src-shared/api/index.js';
import type { CliIo } from './cli-io.js';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliRunInput {
  values: OptionValues;
  positionals: string[];
  io: CliIo;
  json: boolean;
  /** Runs a command of the command table (the CLI's only way into the core). */
  call<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResult<K>>;
  /** The core context, for adapters that host other adapters (`serve`); commands use `call`. */
  context: import('../core/app-context.js').AppContext;
  /** Subscribes to core events (progress) for the duration of the command. */
  onEvent: import('../../src-shared/api/index.js').RapportApi['onEvent'];
}

/** One `rapport ...` form: the words that select it, its options, and how to print its result. */
export interface CliCommand {
  words: string[];
  usage: string;
  summary: string;
  options?: OptionsConfig;
  /** Allowed number of positional arguments after the words. */
  positionals?: { min: number; max: number };
  /** Unlock the vault (keychain, or RAPPORT_PASSPHRASE / a prompt) before running. */
  needsVault: boolean;
  run(input: CliRunInput): Promise<number | void>;
}

export class UsageError extends Error {}

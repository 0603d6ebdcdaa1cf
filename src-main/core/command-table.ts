import type { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandResult } from '../../src-shared/api/index.js';
import type { AppContext } from './app-context.js';
import { bucketsHandlers } from './buckets/bucket-handlers.js';
import { contactsHandlers } from './contacts/contact-handlers.js';
import { RapportError } from './errors.js';
import { followupsHandlers } from './followups/followups-handlers.js';
import type { Handler } from './handler.js';
import { mailHandlers } from './mail/mail-handlers.js';
import { portabilityHandlers } from './portability/portability-handlers.js';
import { privacyHandlers } from './privacy/privacy-handlers.js';
import { settingsHandlers } from './settings/settings-handlers.js';
import { vaultHandlers } from './vault/vault-handlers.js';

/**
 * The one command table. IPC, the headless server and the CLI all call `dispatch`; none of them
 * holds business logic. The compiler checks that every command of the contract has a handler.
 */
const handlers: { [K in CommandName]: Handler<K> } = {
  ...vaultHandlers,
  ...settingsHandlers,
  ...contactsHandlers,
  ...mailHandlers,
  ...bucketsHandlers,
  ...followupsHandlers,
  ...portabilityHandlers,
  ...privacyHandlers,
};

function fieldIssues(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(arguments)', message: issue.message }));
}

export function validateArgs<K extends CommandName>(name: K, rawArgs: unknown) {
  const parsed = commands[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const fields = fieldIssues(parsed.error);
    const summary = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
    throw new RapportError('invalid_args', `invalid arguments for ${name}: ${summary}`, fields);
  }
  return parsed.data;
}

/** Validates untrusted arguments (from a renderer, a socket, a terminal) and runs the command. */
export async function dispatch(context: AppContext, name: string, rawArgs: unknown): Promise<unknown> {
  if (!isCommandName(name)) throw new RapportError('unknown_command', `unknown command: ${name}`);
  const args = validateArgs(name, rawArgs);
  const handler = handlers[name] as (args: unknown, context: AppContext) => unknown;
  return await handler(args, context);
}

/** Typed form for in-process callers (tests, benchmarks). */
export async function run<K extends CommandName>(context: AppContext, name: K, args: unknown): Promise<CommandResult<K>> {
  return (await dispatch(context, name, args)) as CommandResult<K>;
}

export const commandNames = Object.keys(handlers) as CommandName[];

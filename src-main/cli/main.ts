import { parseArgs } from 'node:util';
import type { RapportApi } from '../../src-shared/api/index.js';
import { createAppContext, disposeAppContext, type AppContext } from '../core/app-context.js';
import { defaultDataDir } from '../core/app-data-dir.js';
import { dispatch } from '../core/command-table.js';
import { RapportError, toErrorShape } from '../core/errors.js';
import type { Keychain } from '../core/vault/keychain.js';
import { UsageError, type CliCommand, type CliRunInput } from './cli-command.js';
import { processIo, type CliIo } from './cli-io.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { extractGlobalOptions } from './global-options.js';
import { readPassphrase } from './passphrase.js';
import { findCliCommand } from './registry.js';
import { usageText } from './usage.js';

export interface CliDependencies {
  io?: CliIo;
  keychain?: Keychain;
}

async function unlockForCommand(context: AppContext, io: CliIo): Promise<void> {
  const status = context.vault.status();
  if (!status.exists || status.unlocked) return;
  const passphrase = status.mode === 'passphrase' ? await readPassphrase(io, { confirm: false }) : undefined;
  await dispatch(context, 'vault.unlock', passphrase === undefined ? {} : { passphrase });
}

function parseCommandLine(command: CliCommand, rest: string[]) {
  const { values, positionals } = parseArgs({ args: rest, options: command.options ?? {}, strict: true, allowPositionals: true });
  const { min, max } = command.positionals ?? { min: 0, max: 0 };
  if (positionals.length < min || positionals.length > max) {
    throw new UsageError(positionals.length < min ? 'missing arguments' : `unexpected argument: ${positionals[max]}`);
  }
  return { values, positionals };
}

/** Runs one `rapport ...` invocation and returns its exit code. */
export async function runCli(argv: string[], dependencies: CliDependencies = {}): Promise<number> {
  const io = dependencies.io ?? processIo();
  let debug = argv.includes('--debug');
  let json = argv.includes('--json');
  let command: CliCommand | null = null;
  let context: AppContext | null = null;
  try {
    const { options, rest } = extractGlobalOptions(argv);
    debug = options.debug;
    json = options.json;
    const words = rest.filter((token) => !token.startsWith('-'));
    if (options.help || words[0] === 'help' || rest.length === 0) {
      io.out(usageText());
      return rest.length === 0 && !options.help ? EXIT.usage : EXIT.ok;
    }
    const found = findCliCommand(rest);
    if (!found) throw new UsageError(`unknown command: ${words.slice(0, 2).join(' ')}`);
    command = found.command;
    const { values, positionals } = parseCommandLine(command, found.rest);
    context = createAppContext({
      dataDir: options.dataDir ?? io.env.RAPPORT_DATA_DIR ?? defaultDataDir(io.env),
      ...(dependencies.keychain ? { keychain: dependencies.keychain } : {}),
      logLevel: debug ? 'debug' : 'warn',
    });
    const activeContext = context;
    if (command.needsVault) await unlockForCommand(activeContext, io);
    const input: CliRunInput = {
      values,
      positionals,
      io,
      json,
      context: activeContext,
      call: (name, args) => dispatch(activeContext, name, args) as never,
      onEvent: (listener) => activeContext.events.on(listener),
    };
    return (await command.run(input)) ?? EXIT.ok;
  } catch (error) {
    return reportError(io, error, { debug, json, command });
  } finally {
    if (context) await disposeAppContext(context);
  }
}

function reportError(io: CliIo, error: unknown, { debug, json, command }: { debug: boolean; json: boolean; command: CliCommand | null }): number {
  const isParseError = typeof (error as { code?: unknown }).code === 'string' && String((error as { code: string }).code).startsWith('ERR_PARSE_ARGS');
  if (error instanceof UsageError || isParseError) {
    io.err(`rapport: ${(error as Error).message}`);
    io.err(command ? `usage: rapport ${command.usage}` : usageText());
    return EXIT.usage;
  }
  const shape = toErrorShape(error);
  if (json) io.err(JSON.stringify({ error: shape }));
  else io.err(`rapport: ${shape.message}`);
  if (shape.code === 'invalid_args' && command) io.err(`usage: rapport ${command.usage}`);
  if (debug && error instanceof Error && error.stack) io.err(error.stack);
  return error instanceof RapportError ? exitCodeFor(error.code) : EXIT.failure;
}

export type { RapportApi };

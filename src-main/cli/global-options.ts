import { UsageError } from './cli-command.js';

export interface GlobalOptions {
  dataDir: string | undefined;
  json: boolean;
  debug: boolean;
  help: boolean;
}

/** Global options may stand anywhere on the line; they are taken out before the command parses. */
export function extractGlobalOptions(argv: string[]): { options: GlobalOptions; rest: string[] } {
  const options: GlobalOptions = { dataDir: undefined, json: false, debug: false, help: false };
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]!;
    if (token === '--') {
      rest.push(...argv.slice(index));
      break;
    }
    if (token === '--json') options.json = true;
    else if (token === '--debug') options.debug = true;
    else if (token === '--help' || token === '-h') options.help = true;
    else if (token === '--data-dir') {
      const value = argv[++index];
      if (value === undefined || value.startsWith('--')) throw new UsageError('--data-dir needs a folder');
      options.dataDir = value;
    } else if (token.startsWith('--data-dir=')) options.dataDir = token.slice('--data-dir='.length);
    else rest.push(token);
  }
  if (options.dataDir === '') throw new UsageError('--data-dir needs a folder');
  return { options, rest };
}

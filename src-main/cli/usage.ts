import { cliCommands } from './registry.js';

export function usageText(): string {
  // Usage and summary on two lines: some usages are long, and one padded column would be wider still.
  const lines = cliCommands.flatMap((command) => [`  rapport ${command.usage}`, `      ${command.summary}`]);
  return [
    'Usage: rapport [--data-dir DIR] [--json] [--debug] COMMAND ...',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options:',
    '  --data-dir DIR  vault folder (default: the platform app-data folder, e.g. ~/.config/Rapport)',
    '  --json          machine-readable output',
    '  --debug         stack traces and debug diagnostics on stderr',
    '',
    'Exit codes: 0 ok, 1 failure, 2 usage error, 3 vault locked or wrong key.',
  ].join('\n');
}

import { SETTING_KEYS } from '../../../src-shared/api/settings.js';
import type { CliCommand } from '../cli-command.js';
import { UsageError } from '../cli-command.js';
import { printJson, printTable } from '../output.js';

/** `true`, `42`, `"text"` are read as JSON; anything else is taken as a plain string. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const get: CliCommand = {
  words: ['settings', 'get'],
  usage: 'settings get [--json]',
  summary: 'show every setting',
  needsVault: true,
  async run({ io, json, call }) {
    const settings = await call('settings.get', {});
    if (json) printJson(io, settings);
    else printTable(io, ['setting', 'value'], Object.entries(settings).map(([key, value]) => [key, JSON.stringify(value)]));
  },
};

const set: CliCommand = {
  words: ['settings', 'set'],
  usage: 'settings set KEY VALUE',
  summary: `change one setting (${SETTING_KEYS.join(', ')})`,
  positionals: { min: 2, max: 2 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const [key, value] = positionals as [string, string];
    if (!(SETTING_KEYS as string[]).includes(key)) throw new UsageError(`unknown setting ${key}; known: ${SETTING_KEYS.join(', ')}`);
    const settings = await call('settings.set', { key: key as (typeof SETTING_KEYS)[number], value: parseValue(value) });
    if (json) printJson(io, settings);
    else io.out(`${key} = ${JSON.stringify(settings[key as keyof typeof settings])}`);
  },
};

export const settingsCliCommands: CliCommand[] = [get, set];

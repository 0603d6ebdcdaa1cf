import { RapportError } from '../../core/errors.js';
import type { CliCommand } from '../cli-command.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { UsageError } from '../cli-command.js';
import { printJson } from '../output.js';
import { PASSPHRASE_ENV, readPassphrase } from '../passphrase.js';

const init: CliCommand = {
  words: ['init'],
  usage: 'init [--passphrase]',
  summary: `create an encrypted vault (key in the OS keychain, or from a passphrase: --passphrase or ${PASSPHRASE_ENV})`,
  options: { passphrase: { type: 'boolean' } },
  needsVault: false,
  async run({ values, io, json, call }) {
    const wantsPassphrase = values.passphrase === true || Boolean(io.env[PASSPHRASE_ENV]);
    let passphrase: string | undefined;
    if (wantsPassphrase) {
      passphrase = await readPassphrase(io, { confirm: true });
      if (passphrase === undefined) throw new UsageError(`--passphrase needs a terminal to ask on, or the passphrase in ${PASSPHRASE_ENV}`);
    }
    const status = await call('vault.init', passphrase === undefined ? {} : { passphrase });
    if (json) printJson(io, status);
    else io.out(`Created a ${status.mode === 'keychain' ? 'keychain-protected' : 'passphrase-protected'} vault in ${status.dataDir}`);
  },
};

const status: CliCommand = {
  words: ['status'],
  usage: 'status [--json]',
  summary: 'show where the vault is, how it is protected, and whether it opens',
  needsVault: false,
  async run({ io, json, call }) {
    let current = await call('vault.status', {});
    let problem: string | null = null;
    let exitCode: number = EXIT.ok;
    if (current.exists) {
      try {
        current = await call('vault.unlock', { passphrase: io.env[PASSPHRASE_ENV] });
      } catch (error) {
        if (!(error instanceof RapportError)) throw error;
        problem = error.message;
        exitCode = exitCodeFor(error.code);
      }
    }
    if (json) {
      printJson(io, { ...current, problem });
      return exitCode;
    }
    if (!current.exists) {
      io.out(`No vault in ${current.dataDir}. Create one with: rapport init`);
      return;
    }
    io.out(`Vault:     ${current.dataDir}`);
    io.out(`Protected: ${current.mode === 'keychain' ? 'key in the OS keychain' : 'passphrase (scrypt)'}`);
    io.out(`State:     ${current.unlocked ? `opens (schema version ${current.schemaVersion})` : problem}`);
    return exitCode;
  },
};

const purge: CliCommand = {
  words: ['purge'],
  usage: 'purge --yes',
  summary: 'delete the vault files and its keychain entries, for good',
  options: { yes: { type: 'boolean' } },
  needsVault: false,
  async run({ values, io, json, call }) {
    if (values.yes !== true) throw new UsageError('purge deletes your whole vault: confirm with --yes');
    const result = await call('vault.purge', { confirm: true });
    if (json) printJson(io, result);
    else if (result.removed.length === 0) io.out('Nothing to remove.');
    else io.out(['Removed:', ...result.removed.map((item) => `  ${item}`)].join('\n'));
  },
};

export const vaultCliCommands: CliCommand[] = [init, status, purge];

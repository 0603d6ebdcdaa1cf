import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../src-main/core/vault/migrations/index.js';
import { runRapport } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const PASSPHRASE = 'a long enough passphrase';

describe('rapport CLI', () => {
  it('creates a passphrase vault from RAPPORT_PASSPHRASE and reports it as JSON', async () => {
    const dataDir = makeTempDir();
    const init = await runRapport(['--data-dir', dataDir, 'init'], { env: { RAPPORT_PASSPHRASE: PASSPHRASE } });
    expect(init).toMatchObject({ code: 0, stderr: '' });
    expect(init.stdout).toContain('passphrase-protected vault');

    const status = await runRapport(['status', '--json', '--data-dir', dataDir], { env: { RAPPORT_PASSPHRASE: PASSPHRASE } });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual({ dataDir, exists: true, mode: 'passphrase', unlocked: true, schemaVersion: LATEST_SCHEMA_VERSION, problem: null });
  });

  it('exits 3 with a clear message on a wrong or missing passphrase, without a stack trace', async () => {
    const dataDir = makeTempDir();
    await runRapport(['--data-dir', dataDir, 'init', '--passphrase'], { env: { RAPPORT_PASSPHRASE: PASSPHRASE } });
    const wrong = await runRapport(['--data-dir', dataDir, 'settings', 'get'], { env: { RAPPORT_PASSPHRASE: 'not the passphrase' } });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr.trim()).toBe('rapport: vault is locked: wrong passphrase');
    expect(wrong.stdout).toBe('');

    const missing = await runRapport(['--data-dir', dataDir, 'settings', 'get']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('vault is locked: a passphrase is needed');

    const status = await runRapport(['--data-dir', dataDir, 'status', '--json'], { env: { RAPPORT_PASSPHRASE: 'not the passphrase' } });
    expect(status.code).toBe(3);
    expect(JSON.parse(status.stdout)).toMatchObject({ exists: true, unlocked: false, problem: 'vault is locked: wrong passphrase' });

    const debug = await runRapport(['--data-dir', dataDir, '--debug', 'settings', 'get'], { env: { RAPPORT_PASSPHRASE: 'not the passphrase' } });
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/at .*vault/);
  });

  it('reads and writes settings, with JSON output and a usage error for bad values', async () => {
    const dataDir = makeTempDir();
    const env = { RAPPORT_PASSPHRASE: PASSPHRASE };
    await runRapport(['--data-dir', dataDir, 'init'], { env });
    const defaults = await runRapport(['--data-dir', dataDir, 'settings', 'get', '--json'], { env });
    expect(JSON.parse(defaults.stdout)).toEqual({ storeSubjects: false, strengthHalfLifeDays: 180 });

    const set = await runRapport(['--data-dir', dataDir, 'settings', 'set', 'strengthHalfLifeDays', '90', '--json'], { env });
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout).strengthHalfLifeDays).toBe(90);

    const bad = await runRapport(['--data-dir', dataDir, 'settings', 'set', 'storeSubjects', 'sometimes'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid value for setting storeSubjects');
    expect(bad.stderr).toContain('usage: rapport settings set KEY VALUE');

    const badJson = await runRapport(['--data-dir', dataDir, 'settings', 'set', 'storeSubjects', '7', '--json'], { env });
    expect(badJson.code).toBe(2);
    expect(JSON.parse(badJson.stderr.split('\n')[0]!)).toMatchObject({ error: { code: 'invalid_args', fields: [{ path: 'value' }] } });

    const unknown = await runRapport(['--data-dir', dataDir, 'settings', 'set', 'colour', 'blue'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown setting colour');
  });

  it('gives exit code 2 and the usage text for usage errors', async () => {
    const dataDir = makeTempDir();
    const unknownCommand = await runRapport(['--data-dir', dataDir, 'frobnicate']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('unknown command: frobnicate');
    expect(unknownCommand.stderr).toContain('Usage: rapport');

    const unknownOption = await runRapport(['--data-dir', dataDir, 'init', '--colour']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("Unknown option '--colour'");
    expect(unknownOption.stderr).toContain('usage: rapport init');

    const noConfirm = await runRapport(['--data-dir', dataDir, 'purge']);
    expect(noConfirm.code).toBe(2);
    expect(noConfirm.stderr).toContain('--yes');

    const passphraseWithoutTerminal = await runRapport(['--data-dir', dataDir, 'init', '--passphrase']);
    expect(passphraseWithoutTerminal.code).toBe(2);
    expect(passphraseWithoutTerminal.stderr).toContain('RAPPORT_PASSPHRASE');
    expect(fs.readdirSync(dataDir)).toEqual([]);

    const nothing = await runRapport([]);
    expect(nothing.code).toBe(2);
    const help = await runRapport(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('rapport purge --yes');
  });

  it('refuses a second init, and purge removes every file', async () => {
    const dataDir = makeTempDir();
    const env = { RAPPORT_PASSPHRASE: PASSPHRASE };
    await runRapport(['--data-dir', dataDir, 'init'], { env });
    const again = await runRapport(['--data-dir', dataDir, 'init'], { env });
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(`rapport: a vault already exists in ${dataDir}; use it, or purge it first`);

    const purge = await runRapport(['--data-dir', dataDir, 'purge', '--yes', '--json']);
    expect(purge.code).toBe(0);
    expect(JSON.parse(purge.stdout).removed).toEqual(expect.arrayContaining([path.join(dataDir, 'rapport.db'), path.join(dataDir, 'vault.json')]));
    expect(fs.readdirSync(dataDir)).toEqual([]);

    const status = await runRapport(['--data-dir', dataDir, 'status']);
    expect(status).toMatchObject({ code: 0 });
    expect(status.stdout).toContain('No vault in');
  });

  it('makes a keychain vault by default, and asks for a passphrase when no keychain is available', async () => {
    const dataDir = makeTempDir();
    const keychainInit = await runRapport(['--data-dir', dataDir, 'init', '--json']);
    expect(keychainInit.stderr).toBe('');
    expect(JSON.parse(keychainInit.stdout)).toMatchObject({ mode: 'keychain', unlocked: true });
    const status = await runRapport(['--data-dir', dataDir, 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ mode: 'keychain', unlocked: true });
    const purge = await runRapport(['--data-dir', dataDir, 'purge', '--yes']);
    expect(purge.stdout).toMatch(/keychain entry Rapport\/[0-9a-f-]+\/vault-key/);

    const noKeychainDir = makeTempDir();
    const noKeychain = await runRapport(['--data-dir', noKeychainDir, 'init'], {
      env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(noKeychainDir, 'no-such-bus')}`, DISPLAY: undefined },
    });
    expect(noKeychain.code).toBe(1);
    expect(noKeychain.stderr).toMatch(/^rapport: no OS keychain is available \(.+\); use a passphrase instead/);
    // Fails by itself at once, not through Rapport's guard timeout against a silent keychain.
    expect(noKeychain.stderr).not.toContain('did not answer');
    expect(fs.readdirSync(noKeychainDir)).toEqual([]);
  });
});

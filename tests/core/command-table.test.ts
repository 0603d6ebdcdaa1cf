import { describe, expect, it } from 'vitest';
import { commands } from '../../src-shared/api/index.js';
import { createAppContext } from '../../src-main/core/app-context.js';
import { commandNames, dispatch } from '../../src-main/core/command-table.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { noKeychain } from '../helpers/no-keychain.js';
import { failure } from '../helpers/rapport-failure.js';

describe('command table', () => {
  it('has exactly one handler for every command of the shared contract', () => {
    expect([...commandNames].sort()).toEqual(Object.keys(commands).sort());
  });

  it('rejects invalid arguments with a structured error naming the field', async () => {
    const context = createAppContext({ dataDir: makeTempDir(), keychain: noKeychain });
    const short = await failure(dispatch(context, 'vault.init', { passphrase: 'short' }));
    expect(short.code).toBe('invalid_args');
    expect(short.fields).toEqual([{ path: 'passphrase', message: 'a passphrase needs at least 8 characters' }]);

    const wrongType = await failure(dispatch(context, 'vault.init', { passphrase: 12345678 }));
    expect(wrongType.fields?.[0]?.path).toBe('passphrase');

    const extra = await failure(dispatch(context, 'vault.status', { verbose: true }));
    expect(extra.code).toBe('invalid_args');
    expect(extra.message).toContain('verbose');

    const notAnObject = await failure(dispatch(context, 'vault.lock', 'please'));
    expect(notAnObject.code).toBe('invalid_args');

    const purge = await failure(dispatch(context, 'vault.purge', {}));
    expect(purge.fields?.[0]).toMatchObject({ path: 'confirm' });

    const setting = await failure(dispatch(context, 'settings.set', { key: 'theme', value: 'dark' }));
    expect(setting.fields?.[0]?.path).toBe('key');
  });

  it('rejects unknown commands and commands that need an unlocked vault', async () => {
    const context = createAppContext({ dataDir: makeTempDir(), keychain: noKeychain });
    expect((await failure(dispatch(context, 'vault.explode', {}))).code).toBe('unknown_command');
    expect((await failure(dispatch(context, '__proto__', {}))).code).toBe('unknown_command');
    expect((await failure(dispatch(context, 'settings.get', {}))).code).toBe('vault_missing');
    await dispatch(context, 'vault.init', { passphrase: 'long enough passphrase' });
    await dispatch(context, 'vault.lock', {});
    expect((await failure(dispatch(context, 'settings.get', {}))).code).toBe('vault_locked');
  });

  it('emits data.changed when settings change', async () => {
    const context = createAppContext({ dataDir: makeTempDir(), keychain: noKeychain });
    await dispatch(context, 'vault.init', { passphrase: 'long enough passphrase' });
    const events: unknown[] = [];
    context.events.on((event) => events.push(event));
    await dispatch(context, 'settings.set', { key: 'storeSubjects', value: true });
    expect(events).toEqual([{ type: 'data.changed', scope: 'settings' }]);
    expect(await dispatch(context, 'settings.get', {})).toMatchObject({ storeSubjects: true });
    context.vault.lock();
  });
});

/**
 * Keychain vaults keep account passwords in the OS keychain (a real Secret Service: run with
 * `npm test`, which starts gnome-keyring in a private dbus session), never inside the vault file.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../src-main/core/app-context.js';
import { run } from '../../src-main/core/command-table.js';
import { keychainAccountFor } from '../../src-main/core/vault/vault.js';
import { realKeychain } from '../helpers/secret-service.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('account secrets in the OS keychain', () => {
  it('stores the password under the vault and account, and removes it with the account and with purge', async () => {
    const keychain = realKeychain();
    const context = createAppContext({ dataDir: path.join(makeTempDir('rapport-mail-keychain-'), 'vault'), keychain });
    await run(context, 'vault.init', {});
    const secret = `keychain secret ${Math.random()}`;
    const first = await run(context, 'accounts.add', { address: 'one@fastmail.com', secret });
    const second = await run(context, 'accounts.add', { address: 'two@fastmail.com', secret: 'another secret' });
    const vaultId = context.vault.id;
    expect(await keychain.get(keychainAccountFor.mailAccount(vaultId, first.id))).toBe(secret);
    expect(context.vault.db().prepare('SELECT count(*) FROM account_secrets').pluck().get()).toBe(0);

    await run(context, 'accounts.remove', { id: first.id });
    expect(await keychain.get(keychainAccountFor.mailAccount(vaultId, first.id))).toBeNull();
    expect(await keychain.get(keychainAccountFor.mailAccount(vaultId, second.id))).toBe('another secret');

    await run(context, 'vault.purge', { confirm: true });
    expect((await keychain.accounts()).filter((name) => name.startsWith(`${vaultId}/`))).toEqual([]);
  });
});

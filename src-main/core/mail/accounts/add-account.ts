import type { Account } from '../../../../src-shared/api/mail.js';
import type { AppContext } from '../../app-context.js';
import { networkSink, type NetworkSink } from '../sync/network-sink.js';
import { declaredIdentities } from './account-identities.js';
import { getAccount, insertAccount } from './account-store.js';
import { resolveAccountSettings, type AccountRequest } from './resolve-account-settings.js';

/**
 * Stores the account, its secret (keychain, or inside the vault for passphrase vaults) and its
 * addresses as own identities. If the secret cannot be stored, the account is not kept either.
 */
export async function addAccount(context: AppContext, request: AccountRequest & { secret: string }, sink: NetworkSink = networkSink): Promise<Account> {
  const db = context.vault.db();
  const settings = resolveAccountSettings(request);
  const now = context.now();
  const id = db.transaction(() => {
    const accountId = insertAccount(db, settings, now);
    sink.addIdentities(db, declaredIdentities({ id: accountId, address: settings.address, aliases: settings.aliases }), now);
    return accountId;
  })();
  try {
    await context.secrets.set(id, request.secret);
  } catch (error) {
    db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
    throw error;
  }
  return getAccount(db, id);
}

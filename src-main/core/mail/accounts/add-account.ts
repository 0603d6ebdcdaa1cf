import type { Account } from '../../../../src-shared/api/mail.js';
import type { AppContext } from '../../app-context.js';
import { networkSink, type NetworkSink } from '../sync/network-sink.js';
import { declaredIdentities } from './account-identities.js';
import { deleteAccount, getAccount, insertAccount } from './account-store.js';
import { resolveAccountSettings, type AccountRequest } from './resolve-account-settings.js';

/**
 * Stores the account, then its secret (keychain, or inside the vault for passphrase vaults), then
 * its addresses as own identities. The secret comes before the identities: if it cannot be stored
 * the account is dropped again before anything in the network depends on it.
 */
export async function addAccount(context: AppContext, request: AccountRequest & { secret: string }, sink: NetworkSink = networkSink): Promise<Account> {
  const db = context.vault.db();
  const settings = resolveAccountSettings(request);
  const now = context.now();
  const id = insertAccount(db, settings, now);
  try {
    await context.secrets.set(id, request.secret);
    db.transaction(() => sink.addIdentities(db, declaredIdentities({ id, address: settings.address, aliases: settings.aliases }), now))();
  } catch (error) {
    await context.secrets.delete(id).catch(() => undefined);
    deleteAccount(db, id);
    throw error;
  }
  return getAccount(db, id);
}

import type { Account } from '../../../../src-shared/api/mail.js';
import type { AppContext } from '../../app-context.js';
import { deleteAccount, getAccount } from './account-store.js';

/**
 * Deletes the secret first: if the keychain cannot be reached the account stays, so removing it
 * again later still finds the secret to delete. The account's folders and declared identities go
 * with its row (schema cascades); contacts and interactions already built stay, and so do the
 * header facts they were derived from (no longer tied to an account), so identity and ignore-list
 * changes still apply to them and re-adding the account does not count its mail twice.
 */
export async function removeAccount(context: AppContext, accountId: number): Promise<Account> {
  const db = context.vault.db();
  const account = getAccount(db, accountId);
  await context.secrets.delete(accountId);
  deleteAccount(db, accountId);
  return account;
}

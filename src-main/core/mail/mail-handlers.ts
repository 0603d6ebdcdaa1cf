import type { mailCommands } from '../../../src-shared/api/mail.js';
import type { HandlerTable } from '../handler.js';
import { addAccount } from './accounts/add-account.js';
import { getAccount, listAccounts, setExcludedFolders } from './accounts/account-store.js';
import { removeAccount } from './accounts/remove-account.js';
import { testAccount } from './accounts/test-account.js';
import { DEFAULT_SYNC_OPTIONS } from './sync/sync-account.js';
import { syncAccounts } from './sync/sync-accounts.js';

export const mailHandlers: HandlerTable<typeof mailCommands> = {
  'accounts.add': async (args, context) => {
    const account = await addAccount(context, args);
    context.events.emit({ type: 'data.changed', scope: 'accounts' });
    return account;
  },
  'accounts.list': (_args, { vault }) => listAccounts(vault.db()),
  'accounts.remove': async ({ id }, context) => {
    const removed = await removeAccount(context, id);
    context.events.emit({ type: 'data.changed', scope: 'accounts' });
    return { removed };
  },
  'accounts.test': ({ id }, context) => testAccount(context, id),
  'accounts.setExcludedFolders': ({ id, folders }, { vault, events }) => {
    const db = vault.db();
    getAccount(db, id);
    setExcludedFolders(db, id, folders);
    events.emit({ type: 'data.changed', scope: 'accounts' });
    return getAccount(db, id);
  },
  'mail.sync': ({ accountId, batchSize }, context) =>
    syncAccounts(context, accountId, batchSize === undefined ? DEFAULT_SYNC_OPTIONS : { ...DEFAULT_SYNC_OPTIONS, batchSize }),
};

import type { AccountTestResult } from '../../../../src-shared/api/mail.js';
import type { AppContext } from '../../app-context.js';
import { RapportError } from '../../errors.js';
import { DEFAULT_TIMEOUTS, type ConnectionTimeouts } from '../connection/imap-client-options.js';
import { ImapSession } from '../connection/imap-session.js';
import { looksLikeGmail } from '../sync/plan-folders.js';
import { getAccount } from './account-store.js';

/** Connect, log in, list folders, log out: the whole of what a sync needs before reading mail. */
export async function testAccount(context: AppContext, accountId: number, timeouts: ConnectionTimeouts = DEFAULT_TIMEOUTS): Promise<AccountTestResult> {
  const started = performance.now();
  const account = getAccount(context.vault.db(), accountId);
  const secret = await context.secrets.get(accountId);
  if (!secret) throw new RapportError('auth_failed', `no password is stored for account ${accountId}; remove the account and add it again`);
  const session = await ImapSession.open(account, secret, context.log, timeouts);
  try {
    const folders = await session.run((client) => client.list());
    const traits = session.traits;
    await session.logout();
    const selectable = folders.filter((folder) => !folder.flags.has('\\Noselect') && !folder.flags.has('\\NonExistent'));
    return {
      accountId,
      host: account.host,
      port: account.port,
      security: account.security,
      folders: selectable.length,
      gmail: looksLikeGmail(folders, { gmailExtensions: traits.gmailExtensions, provider: account.provider }),
      extensions: { condstore: traits.condstore, specialUse: traits.specialUse, listStatus: traits.listStatus, gmail: traits.gmailExtensions },
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    session.close();
  }
}

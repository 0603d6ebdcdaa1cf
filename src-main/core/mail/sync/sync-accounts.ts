import type { SyncReport } from '../../../../src-shared/api/mail.js';
import type { AppContext } from '../../app-context.js';
import { getAccount, listAccounts } from '../accounts/account-store.js';
import { tuneForSync } from './bulk-write-tuning.js';
import { DEFAULT_SYNC_OPTIONS, syncAccount, type SyncOptions } from './sync-account.js';
import { addStats, emptyStats } from './sync-stats.js';

/**
 * Syncs several accounts side by side. Each account has its own connection and its own batches
 * (better-sqlite3 runs each batch's transaction whole, so they interleave only between batches),
 * and one account's failure is its own report: the others carry on and keep what they committed.
 */
export async function syncAccounts(context: AppContext, accountId: number | undefined, options: SyncOptions = DEFAULT_SYNC_OPTIONS): Promise<SyncReport> {
  const started = performance.now();
  const db = context.vault.db();
  const ids = accountId === undefined ? listAccounts(db).map((account) => account.id) : [getAccount(db, accountId).id];
  const restore = tuneForSync(db);
  let accounts: Awaited<ReturnType<typeof syncAccount>>[] | undefined;
  try {
    accounts = await Promise.all(ids.map((id) => syncAccount(context, id, options)));
  } finally {
    // A sync that read mail leaves a WAL of up to tens of MB: copied on a worker thread. After a
    // sync with nothing new (or that failed early) the WAL is small and the copy takes milliseconds.
    const readMail = accounts === undefined || accounts.some((report) => report.stats.messagesRead > 0);
    restore(readMail ? () => context.vault.checkpointInBackground() : () => db.pragma('wal_checkpoint(PASSIVE)'));
  }
  const totals = emptyStats();
  for (const report of accounts) addStats(totals, report.stats);
  const elapsedMs = Math.round(performance.now() - started);
  totals.elapsedMs = elapsedMs;
  if (accounts.some((report) => report.stats.messagesRead > 0 || report.stats.identitiesAdded > 0)) context.events.emit({ type: 'data.changed', scope: 'contacts' });
  return { accounts, totals, elapsedMs };
}

import type { Account, AccountSyncReport, SyncStats } from '../../../../src-shared/api/mail.js';
import type { AppContext } from '../../app-context.js';
import { RapportError, toErrorShape } from '../../errors.js';
import { headerFieldsFor } from '../../network/headers/index.js';
import { readSettings } from '../../settings/settings-store.js';
import { declaredIdentities } from '../accounts/account-identities.js';
import { getAccount } from '../accounts/account-store.js';
import { DEFAULT_TIMEOUTS, type ConnectionTimeouts } from '../connection/imap-client-options.js';
import { TransientMailError } from '../connection/translate-imap-error.js';
import type { MailReader } from '../reader/mail-reader.js';
import { SessionReader } from '../reader/session-reader.js';
import { DEFAULT_BACKOFF, backoffDelay, sleep, type BackoffPolicy } from '../connection/backoff.js';
import { FolderCheckpoints } from './folder-checkpoints.js';
import { networkSink, type NetworkSink } from './network-sink.js';
import { looksLikeGmail, planFolders } from './plan-folders.js';
import { SyncProgress } from './progress.js';
import { syncFolder, type FolderSyncContext } from './sync-folder.js';
import { closeInterruptedRuns, finishSyncRun, startSyncRun } from './sync-runs.js';
import { emptyStats } from './sync-stats.js';

export interface SyncOptions {
  /** Messages per transaction (fetched in smaller UID ranges). */
  batchSize: number;
  backoff: BackoffPolicy;
  timeouts: ConnectionTimeouts;
  sink: NetworkSink;
  /** Tests only: read the planned folders in reverse, to prove the result does not depend on order. */
  reverseFolders?: boolean;
}

/** Messages per transaction: see pending-batch.ts for why it is this large. */
export const DEFAULT_BATCH_SIZE = 10_000;

export const DEFAULT_SYNC_OPTIONS: SyncOptions = { batchSize: DEFAULT_BATCH_SIZE, backoff: DEFAULT_BACKOFF, timeouts: DEFAULT_TIMEOUTS, sink: networkSink };

/** Progress counter: a reconnect that follows progress starts its backoff from the beginning again. */
function progressMark(stats: SyncStats): number {
  return stats.messagesRead + stats.foldersRead + stats.foldersUnchanged + stats.identitiesAdded;
}

/** The account's own addresses (DESIGN rule 1) are declared before any mail is classified. */
function declareAccountIdentities(context: AppContext, sink: NetworkSink, account: { id: number; address: string; aliases: string[] }): number {
  const db = context.vault.db();
  return db.transaction(() => sink.addIdentities(db, declaredIdentities(account), context.now()).added)();
}

/**
 * Reads one account's mail headers into the vault, read-only. Connection losses and throttling
 * reconnect with exponential backoff and resume from the folder checkpoints; a failure before the
 * first successful login (wrong password, unknown host, untrusted certificate) is reported at once.
 * Never throws: the report says whether the account failed and why, and whatever was committed
 * before a failure stays committed.
 */
export async function syncAccount(context: AppContext, accountId: number, options: SyncOptions = DEFAULT_SYNC_OPTIONS): Promise<AccountSyncReport> {
  const started = performance.now();
  const db = context.vault.db();
  const account = getAccount(db, accountId);
  const stats = emptyStats();
  const progress = new SyncProgress(context.events, accountId);
  closeInterruptedRuns(db, accountId, context.now());
  const runId = startSyncRun(db, accountId, context.now());
  const finish = (status: 'ok' | 'failed', error: RapportError | null): AccountSyncReport => {
    stats.elapsedMs = Math.round(performance.now() - started);
    const shape = error ? toErrorShape(error) : null;
    finishSyncRun(db, runId, { status, stats, error: shape?.message ?? null, at: context.now() });
    progress.phase(status === 'ok' ? 'done' : 'error');
    return { accountId, address: account.address, status, stats, error: shape, runId };
  };

  try {
    const secret = await context.secrets.get(accountId);
    if (!secret) throw new RapportError('auth_failed', `no password is stored for account ${accountId}; remove the account and add it again`);
    stats.identitiesAdded += declareAccountIdentities(context, options.sink, account);
    const { storeSubjects } = readSettings(db);
    const checkpoints = new FolderCheckpoints(db);

    await withReconnects(context, account, secret, options, stats, progress, async (reader) => {
      progress.phase('listing');
      const listed = await reader.list();
      const traits = reader.traits;
      const gmail = looksLikeGmail(listed, { gmailExtensions: traits.gmailExtensions, provider: account.provider });
      const plan = planFolders(listed, { gmail, excluded: account.excludedFolders });
      const folders = options.reverseFolders ? [...plan.folders].reverse() : plan.folders;
      const folderContext: FolderSyncContext = {
        db,
        sink: options.sink,
        checkpoints,
        reader,
        accountId,
        progress,
        log: context.log,
        now: () => context.now(),
        fields: headerFieldsFor({ storeSubjects }),
        storeSubjects,
        threadIds: traits.gmailExtensions,
        batchSize: options.batchSize,
        backoff: options.backoff,
        stats,
      };
      const statusByPath = new Map(listed.map((entry) => [entry.path, entry.status]));
      for (const folder of folders) {
        const outcome = await syncFolder(folderContext, folder, statusByPath.get(folder.path) ?? null);
        if (outcome === 'unchanged') stats.foldersUnchanged++;
        else stats.foldersRead++;
      }
    });
    return finish('ok', null);
  } catch (error) {
    const rapportError = error instanceof RapportError ? error : new RapportError('internal', `internal error: ${(error as Error)?.message ?? String(error)}`, undefined, { cause: error });
    // The report carries the reason to the user; the log only notes it (no address, no server text).
    context.log.info(`account ${accountId}: sync failed (${rapportError.code})`);
    if (!(error instanceof RapportError)) context.log.debug((error as Error)?.stack ?? String(error));
    return finish('failed', rapportError);
  }
}

async function withReconnects(
  context: AppContext,
  account: Account,
  secret: string,
  options: SyncOptions,
  stats: SyncStats,
  progress: SyncProgress,
  work: (reader: MailReader) => Promise<void>,
): Promise<void> {
  let attempt = 0;
  let everConnected = false;
  for (;;) {
    const mark = progressMark(stats);
    let reader: MailReader | null = null;
    try {
      progress.phase('connecting');
      reader = await SessionReader.open(account, secret, context.log, options.timeouts);
      everConnected = true;
      await work(reader);
      await reader.logout();
      return;
    } catch (error) {
      reader?.close();
      if (!(error instanceof RapportError)) throw error;
      const retryable = error instanceof TransientMailError ? everConnected || error.throttled : everConnected && (error.code === 'connection_refused' || error.code === 'dns_failed');
      attempt = progressMark(stats) > mark ? 1 : attempt + 1;
      if (!retryable || attempt > options.backoff.maxAttempts) throw error;
      const throttled = error instanceof TransientMailError && error.throttled;
      const delay = backoffDelay(options.backoff, attempt, throttled);
      stats.reconnects++;
      context.log.info(`account ${account.id}: ${error.code}${throttled ? ' (throttled)' : ''}; reconnecting in ${delay} ms, resuming from the last checkpoint`);
      await sleep(delay);
    }
  }
}

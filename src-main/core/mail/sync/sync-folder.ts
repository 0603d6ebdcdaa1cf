import type { SyncStats } from '../../../../src-shared/api/mail.js';
import type { Logger } from '../../log.js';
import type { VaultDatabase } from '../../vault/encrypted-database.js';
import type { FolderListing, MailReader } from '../reader/mail-reader.js';
import { commitIdentityBatch, commitMessageBatch } from './commit-batch.js';
import { PendingBatch } from './pending-batch.js';
import type { FolderCheckpoint, FolderCheckpoints } from './folder-checkpoints.js';
import type { BackoffPolicy } from '../connection/backoff.js';
import type { NetworkSink } from './network-sink.js';
import type { PlannedFolder } from './plan-folders.js';
import type { SyncProgress } from './progress.js';
import { addStats } from './sync-stats.js';

export interface FolderSyncContext {
  db: VaultDatabase;
  sink: NetworkSink;
  checkpoints: FolderCheckpoints;
  reader: MailReader;
  accountId: number;
  progress: SyncProgress;
  log: Logger;
  now: () => Date;
  /** Header fields of the message pass (with Subject only when the user stores subjects). */
  fields: readonly string[];
  storeSubjects: boolean;
  /** Ask for Gmail thread ids (X-GM-EXT-1). */
  threadIds: boolean;
  /** Messages per transaction (fetched in ranges of up to FETCH_RANGE). */
  batchSize: number;
  backoff: BackoffPolicy;
  stats: SyncStats;
}

const IDENTITY_FIELDS = ['from'] as const;
/** Messages per UID FETCH: a few MB of headers, and a progress step. */
const FETCH_RANGE = 2000;
/** A slow server must not hold many minutes of work in one uncommitted transaction. */
const COMMIT_AT_LEAST_EVERY_MS = 5000;

/**
 * "Nothing new" without opening the folder: same UIDVALIDITY, and UIDNEXT (from LIST-STATUS or
 * STATUS) equal to the one recorded when the folder was last read to its end. HIGHESTMODSEQ is
 * recorded too, but a flag change (which moves it) brings no new header, so UIDNEXT decides.
 */
function isUnchanged(checkpoint: FolderCheckpoint, status: FolderListing['status']): boolean {
  if (!status || status.uidValidity === null || status.uidNext === null) return false;
  return checkpoint.uidValidity === status.uidValidity && checkpoint.uidNext !== null && status.uidNext === checkpoint.uidNext;
}

/** Reads one folder from its checkpoint to the UIDNEXT seen on opening it; each transaction commits a batch and the checkpoint after it. */
export async function syncFolder(context: FolderSyncContext, folder: PlannedFolder, status: FolderListing['status']): Promise<'unchanged' | 'read'> {
  const { db, checkpoints, reader, accountId } = context;
  let checkpoint = checkpoints.load(accountId, folder.path, folder.purpose, folder.specialUse);
  if (isUnchanged(checkpoint, status)) return 'unchanged';

  const opened = await reader.examine(folder.path);
  if (checkpoint.uidValidity !== opened.uidValidity) {
    if (checkpoint.uidValidity !== null) context.log.info(`account ${accountId}: a folder's UIDVALIDITY changed; reading it again (stored messages are not duplicated)`);
    const stale = checkpoint;
    checkpoint = db.transaction(() => checkpoints.startOver(stale, opened.uidValidity, folder.purpose, folder.specialUse))();
  }
  const folderId = checkpoint.id;
  const fromUid = checkpoint.lastUid + 1;
  const toUid = opened.exists === 0 ? 0 : opened.uidNext - 1;
  const phase = folder.purpose === 'identities' ? 'identities' : 'fetching';
  const total = Math.min(opened.exists, Math.max(0, toUid - fromUid + 1));
  context.progress.startFolder(folder.path, phase, total);

  const batches = reader.read({
    purpose: folder.purpose,
    fromUid,
    toUid,
    fields: folder.purpose === 'identities' ? IDENTITY_FIELDS : context.fields,
    storeSubjects: context.storeSubjects,
    threadIds: folder.purpose === 'messages' && context.threadIds,
    skipDrafts: folder.purpose === 'messages' && folder.specialUse === '\\All',
    batchSize: Math.min(context.batchSize, FETCH_RANGE),
    throttleBackoff: context.backoff,
  });
  const pending = new PendingBatch();
  const commit = () => {
    if (pending.isEmpty) return;
    const now = context.now();
    if (folder.purpose === 'identities') {
      context.stats.identitiesAdded += commitIdentityBatch(db, context.sink, checkpoints, { accountId, folderId, upToUid: pending.upToUid, addresses: pending.fromAddresses, now });
    } else {
      const counts = commitMessageBatch(db, context.sink, checkpoints, {
        accountId,
        folderId,
        upToUid: pending.upToUid,
        facts: pending.facts,
        malformed: pending.malformed,
        fetched: pending.fetched,
        sentFolder: folder.specialUse === '\\Sent',
        now,
      });
      addStats(context.stats, counts);
    }
    pending.clear();
  };
  let done = 0;
  for await (const batch of batches) {
    pending.add(batch);
    done += batch.fetched;
    context.progress.advance(phase, done, total);
    if (pending.isDue({ messages: context.batchSize, ageMs: COMMIT_AT_LEAST_EVERY_MS })) commit();
  }
  commit();
  db.transaction(() =>
    checkpoints.markComplete(folderId, { uidNext: opened.uidNext, highestModseq: opened.highestModseq, lastUid: Math.max(0, opened.uidNext - 1), at: context.now() }),
  )();
  return 'read';
}

import type { SyncStats } from '../../../../src-shared/api/mail.js';
import type { MessageFacts } from '../../network/headers/index.js';
import type { VaultDatabase } from '../../vault/encrypted-database.js';
import type { FolderCheckpoints } from './folder-checkpoints.js';
import type { NetworkSink } from './network-sink.js';

export interface MessageBatch {
  accountId: number;
  folderId: number;
  /** Every UID up to here has been fetched (the batch's whole UID range, gaps included). */
  upToUid: number;
  facts: MessageFacts[];
  malformed: number;
  fetched: number;
  /** From addresses of a Sent folder are the user's own (DESIGN rule 1): declared before the batch is classified. */
  sentFolder: boolean;
  now: Date;
}

export type BatchCounts = Omit<SyncStats, 'foldersRead' | 'foldersUnchanged' | 'reconnects' | 'elapsedMs'>;

/**
 * One batch is one transaction: its header facts, what they add to the network, and the folder's
 * checkpoint commit together or not at all. A crash at any moment therefore resumes from a
 * checkpoint whose messages are all in the vault, and no message after it is.
 */
export function commitMessageBatch(db: VaultDatabase, sink: NetworkSink, checkpoints: FolderCheckpoints, batch: MessageBatch): BatchCounts {
  return db.transaction((): BatchCounts => {
    let identitiesAdded = 0;
    if (batch.sentFolder && batch.facts.length > 0) {
      const froms = new Set(batch.facts.map((facts) => facts.from.address));
      const identities = [...froms].map((address) => ({ address, accountId: batch.accountId, source: 'sent' as const }));
      identitiesAdded = sink.addIdentities(db, identities, batch.now).added;
    }
    const result = batch.facts.length > 0 ? sink.ingestMessages(db, { accountId: batch.accountId, facts: batch.facts, now: batch.now }) : null;
    checkpoints.advanceTo(batch.folderId, batch.upToUid);
    return {
      messagesRead: batch.fetched,
      messagesNew: result?.messagesNew ?? 0,
      duplicates: result?.duplicates ?? 0,
      contactsCreated: result?.contactsCreated ?? 0,
      interactionsAdded: result?.interactionsAdded ?? 0,
      skippedBulk: result?.skippedBulk ?? 0,
      skippedOther: result?.skippedOther ?? 0,
      malformed: batch.malformed,
      identitiesAdded,
    };
  })();
}

/** Gmail's Sent Mail, examined for From alone: its addresses are own identities, its messages are read from All Mail. */
export function commitIdentityBatch(
  db: VaultDatabase,
  sink: NetworkSink,
  checkpoints: FolderCheckpoints,
  batch: { accountId: number; folderId: number; upToUid: number; addresses: Iterable<string>; now: Date },
): number {
  return db.transaction((): number => {
    const identities = [...new Set(batch.addresses)].map((address) => ({ address, accountId: batch.accountId, source: 'sent' as const }));
    const added = identities.length > 0 ? sink.addIdentities(db, identities, batch.now).added : 0;
    checkpoints.advanceTo(batch.folderId, batch.upToUid);
    return added;
  })();
}

import type { SyncStats } from '../../../../src-shared/api/mail.js';

export function emptyStats(): SyncStats {
  return {
    foldersRead: 0,
    foldersUnchanged: 0,
    messagesRead: 0,
    messagesNew: 0,
    duplicates: 0,
    contactsCreated: 0,
    interactionsAdded: 0,
    skippedBulk: 0,
    skippedOther: 0,
    malformed: 0,
    identitiesAdded: 0,
    reconnects: 0,
    elapsedMs: 0,
  };
}

/** Adds every count of `part` into `total` (elapsed time included; callers set it afterwards where it means wall time). */
export function addStats(total: SyncStats, part: Partial<SyncStats>): SyncStats {
  for (const [key, value] of Object.entries(part) as [keyof SyncStats, number | undefined][]) {
    if (value !== undefined) total[key] += value;
  }
  return total;
}

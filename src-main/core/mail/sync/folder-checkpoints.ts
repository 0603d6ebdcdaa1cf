import type { VaultDatabase } from '../../vault/encrypted-database.js';
import type { FolderPurpose } from './plan-folders.js';

/** How far one folder has been read: every UID up to `lastUid` is committed to the vault. */
export interface FolderCheckpoint {
  id: number;
  path: string;
  purpose: FolderPurpose;
  uidValidity: string | null;
  lastUid: number;
  /** UIDNEXT when the folder was last read to its end; null while a read is unfinished. */
  uidNext: number | null;
  highestModseq: string | null;
}

interface FolderRow {
  id: number;
  path: string;
  purpose: FolderPurpose;
  uidvalidity: string | null;
  last_uid: number;
  uid_next: number | null;
  highest_modseq: string | null;
}

function toCheckpoint(row: FolderRow): FolderCheckpoint {
  return {
    id: row.id,
    path: row.path,
    purpose: row.purpose,
    uidValidity: row.uidvalidity,
    lastUid: row.last_uid,
    uidNext: row.uid_next,
    highestModseq: row.highest_modseq,
  };
}

/** Statements prepared once per vault connection: they run for every batch. */
export class FolderCheckpoints {
  private readonly select;
  private readonly insert;
  private readonly restart;
  private readonly advance;
  private readonly complete;

  constructor(private readonly db: VaultDatabase) {
    this.select = db.prepare('SELECT id, path, purpose, uidvalidity, last_uid, uid_next, highest_modseq FROM folders WHERE account_id = ? AND path = ?');
    this.insert = db.prepare('INSERT INTO folders (account_id, path, special_use, purpose) VALUES (?, ?, ?, ?)');
    this.restart = db.prepare('UPDATE folders SET uidvalidity = ?, purpose = ?, special_use = ?, last_uid = 0, uid_next = NULL, highest_modseq = NULL WHERE id = ?');
    this.advance = db.prepare('UPDATE folders SET last_uid = ?, uid_next = NULL WHERE id = ? AND last_uid < ?');
    this.complete = db.prepare('UPDATE folders SET uid_next = ?, highest_modseq = ?, synced_at = ?, last_uid = max(last_uid, ?) WHERE id = ?');
  }

  load(accountId: number, path: string, purpose: FolderPurpose, specialUse: string | null): FolderCheckpoint {
    let row = this.select.get(accountId, path) as FolderRow | undefined;
    if (!row) {
      this.insert.run(accountId, path, specialUse, purpose);
      row = this.select.get(accountId, path) as FolderRow;
    }
    const checkpoint = toCheckpoint(row);
    // A folder read for another purpose before (say Sent, once examined for From alone) starts over.
    if (checkpoint.purpose !== purpose) return this.startOver(checkpoint, checkpoint.uidValidity, purpose, specialUse);
    return checkpoint;
  }

  /** A new UIDVALIDITY (or purpose) invalidates every UID seen: read the folder again from its first message. */
  startOver(checkpoint: FolderCheckpoint, uidValidity: string | null, purpose: FolderPurpose, specialUse: string | null): FolderCheckpoint {
    this.restart.run(uidValidity, purpose, specialUse, checkpoint.id);
    return { ...checkpoint, uidValidity, purpose, lastUid: 0, uidNext: null, highestModseq: null };
  }

  /** Called inside the batch's transaction, so the checkpoint and the batch's facts commit together. */
  advanceTo(folderId: number, lastUid: number): void {
    this.advance.run(lastUid, folderId, lastUid);
  }

  markComplete(folderId: number, state: { uidNext: number; highestModseq: string | null; lastUid: number; at: Date }): void {
    this.complete.run(state.uidNext, state.highestModseq, state.at.toISOString(), state.lastUid, folderId);
  }
}

import type { SyncStats } from '../../../../src-shared/api/mail.js';
import type { VaultDatabase } from '../../vault/encrypted-database.js';

/** One row per account and run, so the app can show when mail was last read and what it found. */
export function startSyncRun(db: VaultDatabase, accountId: number, at: Date): number {
  const result = db.prepare(`INSERT INTO sync_runs (account_id, started_at, status) VALUES (?, ?, 'running')`).run(accountId, at.toISOString());
  return Number(result.lastInsertRowid);
}

/** `error` is the translated message (it names servers, never addresses or secrets). */
export function finishSyncRun(db: VaultDatabase, runId: number, outcome: { status: 'ok' | 'failed'; stats: SyncStats; error: string | null; at: Date }): void {
  db.prepare('UPDATE sync_runs SET finished_at = ?, status = ?, stats = ?, error = ? WHERE id = ?').run(
    outcome.at.toISOString(),
    outcome.status,
    JSON.stringify(outcome.stats),
    outcome.error,
    runId,
  );
}

/** A run that never finished (the process was killed) is recorded as interrupted when the next one starts. */
export function closeInterruptedRuns(db: VaultDatabase, accountId: number, at: Date): void {
  db.prepare(`UPDATE sync_runs SET status = 'failed', finished_at = ?, error = 'interrupted' WHERE account_id = ? AND status = 'running'`).run(at.toISOString(), accountId);
}

import type { NewPerson, TodayView } from '../../../src-shared/api/followups.js';
import { readStrengthBasis, strengthAt } from '../network/strength-basis.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { computeDue } from './due-contacts.js';
import { emailsOf } from './resolve-contact.js';
import { listTasks } from './task-store.js';

export const TODAY_DEFAULT_LIMIT = 50;

/** The end of the user's local day containing `now`: tasks due before it are "due today". */
export function endOfLocalDay(now: Date): Date {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  return end;
}

interface SyncWindow {
  startedAt: string;
  finishedAt: string | null;
}

/**
 * "The last sync": the newest finished sync run, widened to every run that overlapped it (accounts
 * sync side by side, one run each), so people found by any account of that sync are included.
 */
export function lastSyncWindow(db: VaultDatabase): SyncWindow | null {
  const newest = db
    .prepare(`SELECT started_at AS startedAt, finished_at AS finishedAt FROM sync_runs WHERE finished_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1`)
    .get() as { startedAt: string; finishedAt: string } | undefined;
  if (!newest) return null;
  const window = db
    .prepare(
      `SELECT min(started_at) AS startedAt, max(finished_at) AS finishedAt FROM sync_runs
       WHERE finished_at IS NOT NULL AND started_at <= @finishedAt AND finished_at >= @startedAt`,
    )
    .get(newest) as SyncWindow;
  return window;
}

/** Mail contacts created during the last sync that the user has not put in any bucket yet. */
function newPeopleToSort(db: VaultDatabase, window: SyncWindow | null, limit: number, now: Date): { people: NewPerson[]; total: number } {
  if (window === null) return { people: [], total: 0 };
  const filter = `FROM contacts c
    WHERE c.created_at >= @startedAt AND c.created_at <= @finishedAt AND c.source = 'mail'
      AND c.archived_at IS NULL AND c.ignored = 0
      AND NOT EXISTS (SELECT 1 FROM bucket_contacts bc WHERE bc.contact_id = c.id)`;
  const params = { startedAt: window.startedAt, finishedAt: window.finishedAt ?? '9999' };
  const total = (db.prepare(`SELECT count(*) ${filter}`).pluck().get(params) as number) ?? 0;
  const rows = db
    .prepare(`SELECT c.id AS contactId, c.name, c.created_at AS createdAt, c.strength ${filter} ORDER BY c.strength DESC, c.id LIMIT @limit`)
    .all({ ...params, limit }) as Omit<NewPerson, 'emails'>[];
  const emails = emailsOf(
    db,
    rows.map((row) => row.contactId),
  );
  const basis = readStrengthBasis(db, now);
  const people = rows.map((row) => ({ ...row, strength: strengthAt(row.strength, basis, now), emails: emails.get(row.contactId) ?? [] }));
  return { people, total };
}

export function todayView(db: VaultDatabase, now: Date, limit = TODAY_DEFAULT_LIMIT): TodayView {
  const due = computeDue(db, now, { limit });
  const tasks = listTasks(db, { status: 'open', dueBefore: endOfLocalDay(now).toISOString() });
  const window = lastSyncWindow(db);
  const newPeople = newPeopleToSort(db, window, limit, now);
  return {
    now: now.toISOString(),
    due: due.due,
    dueTotal: due.total,
    tasks,
    newPeople: newPeople.people,
    newPeopleTotal: newPeople.total,
    lastSync: window,
  };
}

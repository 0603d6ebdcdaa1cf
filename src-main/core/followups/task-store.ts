import type { Task } from '../../../src-shared/api/followups.js';
import { RapportError } from '../errors.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { emailsOf } from './resolve-contact.js';

/** A task as the query returns it, before the contact's addresses are added. */
type TaskRow = Omit<Task, 'emails'>;

const SELECT_TASK = `
  SELECT t.id, t.contact_id AS contactId, c.name AS contactName, t.title, t.note, t.due_at AS dueAt,
         t.completed_at AS completedAt, t.created_at AS createdAt, t.updated_at AS updatedAt
  FROM tasks t LEFT JOIN contacts c ON c.id = t.contact_id`;

function withEmails(db: VaultDatabase, rows: TaskRow[]): Task[] {
  const emails = emailsOf(db, [...new Set(rows.flatMap((row) => (row.contactId === null ? [] : [row.contactId])))]);
  return rows.map((row) => ({ ...row, emails: row.contactId === null ? [] : (emails.get(row.contactId) ?? []) }));
}

export function getTask(db: VaultDatabase, id: number): Task {
  const row = db.prepare(`${SELECT_TASK} WHERE t.id = ?`).get(id) as TaskRow | undefined;
  if (!row) throw new RapportError('not_found', `no task with id ${id}`);
  return withEmails(db, [row])[0]!;
}

export interface TaskFilter {
  status: 'open' | 'done' | 'all';
  contactId?: number;
  /** Open tasks due before this moment only. */
  dueBefore?: string;
}

/** Open tasks by due date (oldest first); done tasks by completion (newest first). */
export function listTasks(db: VaultDatabase, filter: TaskFilter): Task[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.status === 'open') where.push('t.completed_at IS NULL');
  if (filter.status === 'done') where.push('t.completed_at IS NOT NULL');
  if (filter.contactId !== undefined) {
    where.push('t.contact_id = @contactId');
    params.contactId = filter.contactId;
  }
  if (filter.dueBefore !== undefined) {
    where.push('t.completed_at IS NULL AND t.due_at < @dueBefore');
    params.dueBefore = filter.dueBefore;
  }
  const order = filter.status === 'done' ? 't.completed_at DESC, t.id DESC' : 't.completed_at IS NOT NULL, t.due_at, t.id';
  const sql = `${SELECT_TASK} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${order}`;
  return withEmails(db, db.prepare(sql).all(params) as TaskRow[]);
}

export function addTask(db: VaultDatabase, task: { contactId: number | null; title: string; note: string | null; dueAt: string }, now: Date): number {
  const at = now.toISOString();
  const result = db
    .prepare('INSERT INTO tasks (contact_id, title, note, due_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(task.contactId, task.title, task.note, task.dueAt, at, at);
  return Number(result.lastInsertRowid);
}

export function setTaskCompleted(db: VaultDatabase, id: number, completed: boolean, now: Date): Task {
  getTask(db, id);
  const at = now.toISOString();
  db.prepare('UPDATE tasks SET completed_at = ?, updated_at = ? WHERE id = ?').run(completed ? at : null, at, id);
  return getTask(db, id);
}

/** A new due date; rescheduling a done task reopens it (the user wants it back on the list). */
export function rescheduleTask(db: VaultDatabase, id: number, dueAt: string, now: Date): Task {
  getTask(db, id);
  db.prepare('UPDATE tasks SET due_at = ?, completed_at = NULL, updated_at = ? WHERE id = ?').run(dueAt, now.toISOString(), id);
  return getTask(db, id);
}

export function deleteTask(db: VaultDatabase, id: number): Task {
  const task = getTask(db, id);
  db.prepare('DELETE FROM tasks WHERE id = ?').run(id);
  return task;
}

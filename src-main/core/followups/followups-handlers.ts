import type { followupsCommands } from '../../../src-shared/api/followups.js';
import type { AppContext } from '../app-context.js';
import { requireBucket } from '../buckets/bucket-store.js';
import { RapportError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import { computeDue } from './due-contacts.js';
import { addNote, deleteNote, getNote, listNotes, updateNote } from './note-store.js';
import { resolveContact } from './resolve-contact.js';
import { addTask, deleteTask, getTask, listTasks, rescheduleTask, setTaskCompleted } from './task-store.js';
import { todayView } from './today.js';
import { deleteTouch, logTouch, snoozeContact } from './touch-store.js';

/** Touches record what happened; a date far ahead is a typo (or a plan: that is a task). */
const FUTURE_SLACK_MS = 86_400_000;

function pastOrPresent(at: string | undefined, now: Date, field: string): void {
  if (at === undefined || Date.parse(at) <= now.getTime() + FUTURE_SLACK_MS) return;
  const message = 'a touch records something that happened: the date cannot be in the future (add a task for what is planned)';
  throw new RapportError('invalid_args', `${field}: ${message}`, [{ path: field, message }]);
}

function changed(context: AppContext, scope: 'contacts' | 'tasks'): void {
  context.events.emit({ type: 'data.changed', scope });
}

export const followupsHandlers: HandlerTable<typeof followupsCommands> = {
  'followups.list': ({ bucket, limit }, { vault, now }) => {
    const db = vault.db();
    const bucketId = bucket === undefined ? undefined : requireBucket(db, bucket).id;
    return computeDue(db, now(), { ...(bucketId === undefined ? {} : { bucketId }), ...(limit === undefined ? {} : { limit }) }).due;
  },
  'followups.today': ({ limit }, { vault, now }) => todayView(vault.db(), now(), limit),
  'followups.touch': ({ contact, kind, at, note }, context) => {
    const db = context.vault.db();
    const now = context.now();
    pastOrPresent(at, now, 'at');
    const resolved = resolveContact(db, contact);
    const touch = logTouch(
      db,
      { contactId: resolved.contactId, kind, address: resolved.address, occurredAt: at ?? now.toISOString(), note: note === undefined || note === '' ? null : note },
      now,
    );
    changed(context, 'contacts');
    return touch;
  },
  'followups.deleteTouch': ({ interactionId }, context) => {
    const deleted = deleteTouch(context.vault.db(), interactionId, context.now());
    changed(context, 'contacts');
    return { deleted };
  },
  'followups.snooze': ({ contact, until }, context) => {
    const db = context.vault.db();
    const { contactId } = resolveContact(db, contact);
    snoozeContact(db, contactId, until, context.now());
    changed(context, 'contacts');
    return { contactId, snoozedUntil: until };
  },

  'tasks.add': ({ contact, title, note, dueAt }, context) => {
    const db = context.vault.db();
    const contactId = contact === undefined ? null : resolveContact(db, contact).contactId;
    const id = addTask(db, { contactId, title: title ?? 'Follow up', note: note === undefined || note === '' ? null : note, dueAt }, context.now());
    changed(context, 'tasks');
    return getTask(db, id);
  },
  'tasks.list': ({ status, contact }, { vault }) => {
    const db = vault.db();
    const contactId = contact === undefined ? undefined : resolveContact(db, contact).contactId;
    return listTasks(db, { status, ...(contactId === undefined ? {} : { contactId }) });
  },
  'tasks.complete': ({ id }, context) => {
    const task = setTaskCompleted(context.vault.db(), id, true, context.now());
    changed(context, 'tasks');
    return task;
  },
  'tasks.reopen': ({ id }, context) => {
    const task = setTaskCompleted(context.vault.db(), id, false, context.now());
    changed(context, 'tasks');
    return task;
  },
  'tasks.reschedule': ({ id, dueAt }, context) => {
    const task = rescheduleTask(context.vault.db(), id, dueAt, context.now());
    changed(context, 'tasks');
    return task;
  },
  'tasks.delete': ({ id }, context) => {
    const deleted = deleteTask(context.vault.db(), id);
    changed(context, 'tasks');
    return { deleted };
  },

  'notes.add': ({ contact, body, isTouch, at }, context) => {
    const db = context.vault.db();
    pastOrPresent(at, context.now(), 'at');
    const { contactId } = resolveContact(db, contact);
    const note = addNote(db, { contactId, body, isTouch, at }, context.now());
    changed(context, 'contacts');
    return note;
  },
  'notes.list': ({ contact }, { vault }) => {
    const db = vault.db();
    return listNotes(db, resolveContact(db, contact).contactId);
  },
  'notes.update': ({ id, ...changes }, context) => {
    pastOrPresent(changes.at, context.now(), 'at');
    const note = updateNote(context.vault.db(), id, changes, context.now());
    changed(context, 'contacts');
    return note;
  },
  'notes.delete': ({ id }, context) => {
    const db = context.vault.db();
    getNote(db, id);
    const deleted = deleteNote(db, id, context.now());
    changed(context, 'contacts');
    return { deleted };
  },
};

import { z } from 'zod';
import { bucketRef } from './buckets.js';
import { command } from './define-command.js';
import { contactRef, dateInput } from './user-inputs.js';

/**
 * A contact due for a follow-up: its newest interaction of any kind is older than the shortest
 * cadence of its buckets (or it has none, and was put in a cadence bucket).
 */
export interface DueContact {
  contactId: number;
  name: string | null;
  emails: string[];
  /** When the contact became due (ISO-8601 UTC). */
  dueSince: string;
  /** Human-readable why, e.g. "last interaction 45 days ago; Clients: every 30 days". */
  reason: string;
  /** The shortest cadence of its buckets, which is the one that applies. */
  cadenceDays: number;
  /** The bucket that sets that cadence. */
  bucket: string;
  lastInteractionAt: string | null;
  daysOverdue: number;
  strength: number;
  /** Rank in Today: (1 + daysOverdue / cadenceDays) × (1 + strength); higher is more urgent. */
  urgency: number;
}

export interface Task {
  id: number;
  contactId: number | null;
  contactName: string | null;
  emails: string[];
  title: string;
  note: string | null;
  dueAt: string;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewPerson {
  contactId: number;
  name: string | null;
  emails: string[];
  createdAt: string;
  strength: number;
}

export interface TodayView {
  /** The moment the view was computed for. */
  now: string;
  /** Due contacts, most urgent first (at most `limit`); `dueTotal` counts all of them. */
  due: DueContact[];
  dueTotal: number;
  /** Open tasks due before the end of today (local time), overdue first. */
  tasks: Task[];
  /** Contacts created by the last sync that are in no bucket, strongest first (at most `limit`). */
  newPeople: NewPerson[];
  newPeopleTotal: number;
  lastSync: { startedAt: string; finishedAt: string | null } | null;
}

export const TOUCH_KINDS = ['call', 'meeting', 'other'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export interface Touch {
  interactionId: number;
  contactId: number;
  kind: TouchKind | 'note';
  address: string | null;
  occurredAt: string;
  note: string | null;
}

export interface Note {
  id: number;
  contactId: number;
  body: string;
  /** A note marked as a touch counts as an interaction (kind `note`) at `touchedAt`. */
  isTouch: boolean;
  touchedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SnoozeResult {
  contactId: number;
  snoozedUntil: string | null;
}

const limit = z.number().int().min(1).max(100_000);
const noteText = z.string().trim().min(1, 'a note cannot be empty').max(20_000, 'a note has at most 20000 characters');
const taskId = z.number().int().positive();

export const followupsCommands = {
  /** Every due contact, most urgent first; optionally only members of one bucket. */
  'followups.list': command<DueContact[]>()(z.object({ bucket: bucketRef.optional(), limit: limit.optional() }).strict()),
  'followups.today': command<TodayView>()(z.object({ limit: limit.optional() }).strict()),
  /** Logs a call, meeting or other touch (an interaction); it resets the follow-up clock. */
  'followups.touch': command<Touch>()(
    z
      .object({
        contact: contactRef,
        kind: z.enum(TOUCH_KINDS).default('other'),
        at: dateInput.optional(),
        note: z.string().trim().max(20_000).optional(),
      })
      .strict(),
  ),
  /** Removes a logged touch (call, meeting, other), e.g. one logged by mistake. */
  'followups.deleteTouch': command<{ deleted: Touch }>()(z.object({ interactionId: z.number().int().positive() }).strict()),
  /** Hides a contact from due lists until a date; `until: null` wakes it now. */
  'followups.snooze': command<SnoozeResult>()(z.object({ contact: contactRef, until: dateInput.nullable() }).strict()),

  'tasks.add': command<Task>()(
    z
      .object({
        contact: contactRef.optional(),
        title: z.string().trim().min(1, 'a task needs a title').max(500).optional(),
        note: z.string().trim().max(20_000).optional(),
        dueAt: dateInput,
      })
      .strict()
      .refine((args) => args.contact !== undefined || args.title !== undefined, { message: 'a task needs a contact or a title', path: ['title'] }),
  ),
  'tasks.list': command<Task[]>()(
    z.object({ status: z.enum(['open', 'done', 'all']).default('open'), contact: contactRef.optional() }).strict(),
  ),
  'tasks.complete': command<Task>()(z.object({ id: taskId }).strict()),
  'tasks.reopen': command<Task>()(z.object({ id: taskId }).strict()),
  'tasks.reschedule': command<Task>()(z.object({ id: taskId, dueAt: dateInput }).strict()),
  'tasks.delete': command<{ deleted: Task }>()(z.object({ id: taskId }).strict()),

  'notes.add': command<Note>()(
    z.object({ contact: contactRef, body: noteText, isTouch: z.boolean().default(false), at: dateInput.optional() }).strict(),
  ),
  'notes.list': command<Note[]>()(z.object({ contact: contactRef }).strict()),
  'notes.update': command<Note>()(
    z.object({ id: z.number().int().positive(), body: noteText.optional(), isTouch: z.boolean().optional(), at: dateInput.optional() }).strict(),
  ),
  'notes.delete': command<{ deleted: Note }>()(z.object({ id: z.number().int().positive() }).strict()),
};

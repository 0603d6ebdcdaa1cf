import { TOUCH_KINDS, type Task, type TouchKind } from '../../../src-shared/api/followups.js';
import type { CliCommand } from '../cli-command.js';
import { UsageError } from '../cli-command.js';
import type { CliIo } from '../cli-io.js';
import { printJson, printTable } from '../output.js';
import { idArgument, optionalString, wholeNumber } from './cli-values.js';

function who(name: string | null, emails: readonly string[]): string {
  const address = emails[0] ?? '';
  return name ? `${name} <${address}>` : address;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

const followups: CliCommand = {
  words: ['followups'],
  usage: 'followups [--bucket NAME] [--limit N] [--json]',
  summary: 'contacts due for a follow-up, most urgent first',
  options: { bucket: { type: 'string' }, limit: { type: 'string' } },
  needsVault: true,
  async run({ values, io, json, call }) {
    const bucket = optionalString(values.bucket);
    const limit = typeof values.limit === 'string' ? wholeNumber(values.limit, '--limit') : undefined;
    const due = await call('followups.list', { ...(bucket === undefined ? {} : { bucket }), ...(limit === undefined ? {} : { limit }) });
    // The --json shape is a contract other tools rely on: exactly these keys.
    if (json) printJson(io, due.map((entry) => ({ contactId: entry.contactId, name: entry.name, emails: entry.emails, dueSince: entry.dueSince, reason: entry.reason })));
    else if (due.length === 0) io.out('Nobody is due for a follow-up.');
    else printTable(io, ['id', 'contact', 'due since', 'why'], due.map((entry) => [entry.contactId, who(entry.name, entry.emails), day(entry.dueSince), entry.reason]));
  },
};

function printTasks(io: CliIo, tasks: readonly Task[]): void {
  printTable(
    io,
    ['id', 'due', 'task', 'contact', 'note', 'done'],
    tasks.map((task) => [task.id, day(task.dueAt), task.title, task.contactId === null ? '' : who(task.contactName, task.emails), task.note ?? '', task.completedAt === null ? '' : day(task.completedAt)]),
  );
}

const today: CliCommand = {
  words: ['today'],
  usage: 'today [--limit N] [--json]',
  summary: "today's view: who is due, tasks due today, new people to sort",
  options: { limit: { type: 'string' } },
  needsVault: true,
  async run({ values, io, json, call }) {
    const limit = typeof values.limit === 'string' ? wholeNumber(values.limit, '--limit') : undefined;
    const view = await call('followups.today', limit === undefined ? {} : { limit });
    if (json) return printJson(io, view);
    io.out(`Due for a follow-up (${view.dueTotal}):`);
    if (view.due.length === 0) io.out('  nobody');
    for (const entry of view.due) io.out(`  ${who(entry.name, entry.emails)} — ${entry.reason}`);
    if (view.dueTotal > view.due.length) io.out(`  ... and ${view.dueTotal - view.due.length} more (rapport followups)`);
    io.out('');
    io.out(`Tasks due today or overdue (${view.tasks.length}):`);
    if (view.tasks.length === 0) io.out('  none');
    for (const task of view.tasks) io.out(`  #${task.id} ${day(task.dueAt)} ${task.title}${task.contactId === null ? '' : ` — ${who(task.contactName, task.emails)}`}${task.note ? ` (${task.note})` : ''}`);
    io.out('');
    io.out(`New people to sort from the last sync (${view.newPeopleTotal}):`);
    if (view.lastSync === null) io.out('  no sync yet');
    else if (view.newPeople.length === 0) io.out('  none');
    for (const person of view.newPeople) io.out(`  ${who(person.name, person.emails)}`);
    if (view.newPeopleTotal > view.newPeople.length) io.out(`  ... and ${view.newPeopleTotal - view.newPeople.length} more`);
  },
};

function touchKind(value: unknown): TouchKind | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(TOUCH_KINDS as readonly string[]).includes(value)) throw new UsageError(`--kind must be one of ${TOUCH_KINDS.join(', ')}, not ${JSON.stringify(value)}`);
  return value as TouchKind;
}

const touch: CliCommand = {
  words: ['touch'],
  usage: `touch EMAIL [--kind ${TOUCH_KINDS.join('|')}] [--at ISO] [--note TEXT]`,
  summary: 'log a call, meeting or other interaction (resets the follow-up clock)',
  options: { kind: { type: 'string' }, at: { type: 'string' }, note: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    const kind = touchKind(values.kind);
    const at = optionalString(values.at);
    const note = optionalString(values.note);
    const result = await call('followups.touch', { contact: positionals[0]!, ...(kind === undefined ? {} : { kind }), ...(at === undefined ? {} : { at }), ...(note === undefined ? {} : { note }) });
    if (json) printJson(io, result);
    else io.out(`Logged a ${result.kind} with ${positionals[0]} on ${result.occurredAt} (interaction ${result.interactionId})`);
  },
};

const untouch: CliCommand = {
  words: ['touch', 'delete'],
  usage: 'touch delete INTERACTION_ID',
  summary: 'remove a logged call, meeting or other interaction',
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const { deleted } = await call('followups.deleteTouch', { interactionId: idArgument(positionals[0]!, 'INTERACTION_ID') });
    if (json) printJson(io, deleted);
    else io.out(`Removed the ${deleted.kind} of ${day(deleted.occurredAt)}`);
  },
};

const snooze: CliCommand = {
  words: ['snooze'],
  usage: 'snooze EMAIL --until DATE | --clear',
  summary: 'hide a contact from follow-ups until a date (--clear: show it again now)',
  options: { until: { type: 'string' }, clear: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    const until = optionalString(values.until);
    if ((until === undefined) === (values.clear !== true)) throw new UsageError('give either --until DATE or --clear');
    const result = await call('followups.snooze', { contact: positionals[0]!, until: until ?? null });
    if (json) printJson(io, result);
    else io.out(result.snoozedUntil === null ? `${positionals[0]} is no longer snoozed` : `Snoozed ${positionals[0]} until ${result.snoozedUntil}`);
  },
};

const taskAdd: CliCommand = {
  words: ['task', 'add'],
  usage: 'task add [EMAIL] --due DATE [--title TEXT] [--note TEXT]',
  summary: 'add a follow-up task, for a contact or on its own (then --title is needed)',
  options: { due: { type: 'string' }, title: { type: 'string' }, note: { type: 'string' } },
  positionals: { min: 0, max: 1 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    const due = optionalString(values.due);
    if (due === undefined) throw new UsageError('--due DATE is required');
    const title = optionalString(values.title);
    const note = optionalString(values.note);
    const task = await call('tasks.add', {
      dueAt: due,
      ...(positionals[0] === undefined ? {} : { contact: positionals[0] }),
      ...(title === undefined ? {} : { title }),
      ...(note === undefined ? {} : { note }),
    });
    if (json) printJson(io, task);
    else io.out(`Added task #${task.id} "${task.title}" due ${day(task.dueAt)}${task.contactId === null ? '' : ` for ${who(task.contactName, task.emails)}`}`);
  },
};

const taskList: CliCommand = {
  words: ['task', 'list'],
  usage: 'task list [--done | --all] [--contact EMAIL] [--json]',
  summary: 'open tasks by due date (--done: completed ones, --all: both)',
  options: { done: { type: 'boolean' }, all: { type: 'boolean' }, contact: { type: 'string' } },
  needsVault: true,
  async run({ values, io, json, call }) {
    if (values.done === true && values.all === true) throw new UsageError('give --done or --all, not both');
    const status = values.all === true ? 'all' : values.done === true ? 'done' : 'open';
    const contact = optionalString(values.contact);
    const tasks = await call('tasks.list', { status, ...(contact === undefined ? {} : { contact }) });
    if (json) printJson(io, tasks);
    else if (tasks.length === 0) io.out(status === 'open' ? 'No open tasks.' : 'No tasks.');
    else printTasks(io, tasks);
  },
};

function taskIdCommand(verb: 'done' | 'reopen' | 'delete', summary: string): CliCommand {
  const name = verb === 'done' ? 'tasks.complete' : verb === 'reopen' ? 'tasks.reopen' : 'tasks.delete';
  return {
    words: ['task', verb],
    usage: `task ${verb} ID`,
    summary,
    positionals: { min: 1, max: 1 },
    needsVault: true,
    async run({ positionals, io, json, call }) {
      const id = idArgument(positionals[0]!, 'task ID');
      const result = await call(name, { id });
      const task = 'deleted' in result ? result.deleted : result;
      if (json) printJson(io, task);
      else io.out(`${verb === 'done' ? 'Completed' : verb === 'reopen' ? 'Reopened' : 'Deleted'} task #${task.id} "${task.title}"`);
    },
  };
}

const taskReschedule: CliCommand = {
  words: ['task', 'reschedule'],
  usage: 'task reschedule ID --due DATE',
  summary: 'move a task to a new due date (reopens it if it was done)',
  options: { due: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    const due = optionalString(values.due);
    if (due === undefined) throw new UsageError('--due DATE is required');
    const task = await call('tasks.reschedule', { id: idArgument(positionals[0]!, 'task ID'), dueAt: due });
    if (json) printJson(io, task);
    else io.out(`Task #${task.id} "${task.title}" is now due ${day(task.dueAt)}`);
  },
};

const noteAdd: CliCommand = {
  words: ['note', 'add'],
  usage: 'note add EMAIL TEXT [--touch] [--at ISO]',
  summary: 'add a note to a contact; --touch counts it as an interaction (at --at, default now)',
  options: { touch: { type: 'boolean' }, at: { type: 'string' } },
  positionals: { min: 2, max: 2 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    const at = optionalString(values.at);
    if (at !== undefined && values.touch !== true) throw new UsageError('--at only applies to a note marked with --touch');
    const note = await call('notes.add', { contact: positionals[0]!, body: positionals[1]!, isTouch: values.touch === true, ...(at === undefined ? {} : { at }) });
    if (json) printJson(io, note);
    else io.out(`Added note #${note.id}${note.isTouch ? ` (a touch on ${note.touchedAt})` : ''}`);
  },
};

const noteList: CliCommand = {
  words: ['note', 'list'],
  usage: 'note list EMAIL [--json]',
  summary: "a contact's notes, newest first",
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const notes = await call('notes.list', { contact: positionals[0]! });
    if (json) printJson(io, notes);
    else if (notes.length === 0) io.out('No notes.');
    else printTable(io, ['id', 'created', 'touch', 'note'], notes.map((note) => [note.id, day(note.createdAt), note.isTouch ? day(note.touchedAt!) : '', note.body.replace(/\s+/g, ' ')]));
  },
};

const noteDelete: CliCommand = {
  words: ['note', 'delete'],
  usage: 'note delete ID',
  summary: 'delete a note (and the touch it counted as)',
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const { deleted } = await call('notes.delete', { id: idArgument(positionals[0]!, 'note ID') });
    if (json) printJson(io, deleted);
    else io.out(`Deleted note #${deleted.id}`);
  },
};

export const followupsCliCommands: CliCommand[] = [
  followups,
  today,
  touch,
  untouch,
  snooze,
  taskAdd,
  taskList,
  taskIdCommand('done', 'mark a task done'),
  taskIdCommand('reopen', 'mark a done task open again'),
  taskIdCommand('delete', 'delete a task'),
  taskReschedule,
  noteAdd,
  noteList,
  noteDelete,
];


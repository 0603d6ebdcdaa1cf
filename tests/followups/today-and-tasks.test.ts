import { describe, expect, it } from 'vitest';
import { failure, receivedMail, sentMail, type TestVault, testVaults } from './relationship-vault.js';

const vault = testVaults();

function recordSync(v: TestVault, startedAt: string, finishedAt: string | null, accountId = 1): void {
  v.db
    .prepare(`INSERT INTO sync_runs (account_id, started_at, finished_at, status) VALUES (?, ?, ?, ?)`)
    .run(accountId, startedAt, finishedAt, finishedAt === null ? 'running' : 'ok');
}

describe('Today', () => {
  it('lists due contacts by urgency, tasks due today or overdue, and new people from the last sync in no bucket', async () => {
    const v = await vault('2025-06-01T08:00:00.000Z');
    // An earlier sync: its people are not "new".
    recordSync(v, '2025-06-01T08:00:00.000Z', '2025-06-01T08:05:00.000Z');
    v.mail(sentMail('old@sync.example', '2025-05-01T09:00:00Z'));

    v.setNow('2025-06-14T07:00:30.000Z');
    v.mail(sentMail('New One <one@new.example>', '2025-06-13T09:00:00Z'), receivedMail('Two <two@new.example>', '2025-06-13T10:00:00Z'));
    v.mail(sentMail('sorted@new.example', '2025-06-13T11:00:00Z'));
    recordSync(v, '2025-06-14T07:00:00.000Z', '2025-06-14T07:01:00.000Z');
    await v.call('buckets.create', { name: 'Clients', cadenceDays: 30 });
    await v.call('buckets.assign', { bucket: 'Clients', contacts: ['sorted@new.example', 'old@sync.example'] });

    v.setNow('2025-06-15T12:00:00.000Z');
    const overdue = await v.call('tasks.add', { contact: 'one@new.example', title: 'Send the proposal', dueAt: '2025-06-10' });
    const today = await v.call('tasks.add', { title: 'Plan the quarter', note: 'with the board', dueAt: '2025-06-15T17:00' });
    await v.call('tasks.add', { contact: 'two@new.example', dueAt: '2025-06-16' });
    const done = await v.call('tasks.add', { contact: 'two@new.example', dueAt: '2025-06-01' });
    await v.call('tasks.complete', { id: done.id });

    const view = await v.call('followups.today', {});
    expect(view.now).toBe('2025-06-15T12:00:00.000Z');
    expect(view.due.map((entry) => entry.emails[0])).toEqual(['old@sync.example']);
    expect(view.dueTotal).toBe(1);
    expect(view.tasks.map((task) => task.id)).toEqual([overdue.id, today.id]);
    expect(view.tasks[0]).toMatchObject({ title: 'Send the proposal', contactName: 'New One', emails: ['one@new.example'], completedAt: null });
    expect(view.newPeople.map((person) => person.emails[0]).sort()).toEqual(['one@new.example', 'two@new.example']);
    expect(view.newPeopleTotal).toBe(2);
    expect(view.lastSync).toEqual({ startedAt: '2025-06-14T07:00:00.000Z', finishedAt: '2025-06-14T07:01:00.000Z' });

    // Sorting someone into a bucket takes them off the list.
    await v.call('buckets.assign', { bucket: 'Clients', contacts: ['two@new.example'] });
    expect((await v.call('followups.today', {})).newPeople.map((person) => person.emails[0])).toEqual(['one@new.example']);
  });

  it('widens "the last sync" to every account run that overlapped it, and has none before the first sync', async () => {
    const v = await vault('2025-06-14T07:00:00.000Z');
    expect((await v.call('followups.today', {})).lastSync).toBeNull();
    v.mail(sentMail('a@first-account.example', '2025-06-13T09:00:00Z'));
    v.setNow('2025-06-14T07:02:00.000Z');
    v.mail(sentMail('b@second-account.example', '2025-06-13T09:00:00Z'));
    recordSync(v, '2025-06-14T06:59:00.000Z', '2025-06-14T07:03:00.000Z');
    recordSync(v, '2025-06-14T07:01:00.000Z', '2025-06-14T07:04:00.000Z');
    const view = await v.call('followups.today', {});
    expect(view.lastSync).toEqual({ startedAt: '2025-06-14T06:59:00.000Z', finishedAt: '2025-06-14T07:04:00.000Z' });
    expect(view.newPeople.map((person) => person.emails[0]).sort()).toEqual(['a@first-account.example', 'b@second-account.example']);
  });

  it('limits the due and new lists but counts them all', async () => {
    const v = await vault('2025-06-14T07:00:00.000Z');
    await v.call('buckets.create', { name: 'Clients', cadenceDays: 7 });
    for (let index = 0; index < 5; index++) v.mail(sentMail(`p${index}@limit.example`, '2025-05-01T09:00:00Z'));
    recordSync(v, '2025-06-14T06:59:00.000Z', '2025-06-14T07:01:00.000Z');
    await v.call('buckets.assign', { bucket: 'Clients', contacts: ['p0@limit.example', 'p1@limit.example', 'p2@limit.example'] });
    const view = await v.call('followups.today', { limit: 2 });
    expect([view.due.length, view.dueTotal, view.newPeople.length, view.newPeopleTotal]).toEqual([2, 3, 2, 2]);
  });
});

describe('tasks', () => {
  it('adds, lists, completes, reopens, reschedules and deletes', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    await v.contact(['tina@tasks.example'], 'Tina');
    const first = await v.call('tasks.add', { contact: 'Tina@Tasks.example', dueAt: '2025-06-20', note: 'ask about the renewal' });
    expect(first).toMatchObject({ title: 'Follow up', contactName: 'Tina', emails: ['tina@tasks.example'], note: 'ask about the renewal', completedAt: null });
    expect(first.dueAt).toBe(new Date(2025, 5, 20).toISOString());
    const second = await v.call('tasks.add', { title: 'Write the newsletter', dueAt: '2025-06-18T09:00:00Z' });
    expect((await v.call('tasks.list', {})).map((task) => task.id)).toEqual([second.id, first.id]);

    v.setNow('2025-06-16T08:00:00.000Z');
    const completed = await v.call('tasks.complete', { id: second.id });
    expect(completed.completedAt).toBe('2025-06-16T08:00:00.000Z');
    expect((await v.call('tasks.list', {})).map((task) => task.id)).toEqual([first.id]);
    expect((await v.call('tasks.list', { status: 'done' })).map((task) => task.id)).toEqual([second.id]);
    expect((await v.call('tasks.list', { status: 'all', contact: 'tina@tasks.example' })).map((task) => task.id)).toEqual([first.id]);

    const moved = await v.call('tasks.reschedule', { id: second.id, dueAt: '2025-07-01T09:00:00Z' });
    expect(moved).toMatchObject({ dueAt: '2025-07-01T09:00:00.000Z', completedAt: null });
    await v.call('tasks.complete', { id: first.id });
    expect((await v.call('tasks.reopen', { id: first.id })).completedAt).toBeNull();
    expect((await v.call('tasks.delete', { id: first.id })).deleted.id).toBe(first.id);
    expect((await v.call('tasks.list', { status: 'all' })).map((task) => task.id)).toEqual([second.id]);
  });

  it('refuses unknown tasks and contacts, bad dates and tasks with neither contact nor title', async () => {
    const v = await vault();
    expect((await failure(v.call('tasks.complete', { id: 999 }))).message).toBe('no task with id 999');
    expect((await failure(v.call('tasks.add', { contact: 'nobody@nowhere.example', dueAt: '2025-06-20' }))).message).toBe('no contact has the address nobody@nowhere.example');
    const badDate = await failure(v.call('tasks.add', { title: 'x', dueAt: '2025-02-30' }));
    expect(badDate).toMatchObject({ code: 'invalid_args', fields: [{ path: 'dueAt' }] });
    const noTitle = await failure(v.call('tasks.add', { dueAt: '2025-06-20' }));
    expect(noTitle).toMatchObject({ code: 'invalid_args', fields: [{ path: 'title', message: 'a task needs a contact or a title' }] });
    expect((await failure(v.call('tasks.add', { title: 'x', contact: 'not an address', dueAt: '2025-06-20' }))).fields?.[0]?.path).toBe('contact');
  });

  it('logs touches with a default date of now and the address they were logged against', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    const id = await v.contact(['Pat.Doe@gmail.com', 'pat@work.example'], 'Pat');
    const touch = await v.call('followups.touch', { contact: 'patdoe+crm@googlemail.com', kind: 'meeting', note: 'coffee' });
    expect(touch).toMatchObject({ contactId: id, kind: 'meeting', address: 'patdoe@gmail.com', occurredAt: '2025-06-15T12:00:00.000Z', note: 'coffee' });
    const byId = await v.call('followups.touch', { contact: id });
    expect(byId).toMatchObject({ kind: 'other', address: null, note: null });
    const row = v.db.prepare('SELECT direction, message_key AS messageKey FROM interactions WHERE id = ?').get(byId.interactionId);
    expect(row).toEqual({ direction: null, messageKey: null });
    expect((await v.call('contacts.get', { contact: id })).lastInteractionAt).toBe('2025-06-15T12:00:00.000Z');
    expect((await failure(v.call('followups.deleteTouch', { interactionId: 12345 }))).code).toBe('not_found');
    // Later today is fine (time zones); next week is a plan, not a touch.
    expect((await v.call('followups.touch', { contact: id, at: '2025-06-15T23:00:00Z' })).occurredAt).toBe('2025-06-15T23:00:00.000Z');
    const future = await failure(v.call('followups.touch', { contact: id, kind: 'meeting', at: '2025-06-22T09:00:00Z' }));
    expect(future).toMatchObject({ code: 'invalid_args', fields: [{ path: 'at' }] });
    expect((await failure(v.call('notes.add', { contact: id, body: 'x', isTouch: true, at: '2025-07-01' }))).fields?.[0]?.path).toBe('at');
  });
});

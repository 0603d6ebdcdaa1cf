import { describe, expect, it } from 'vitest';
import { receivedMail, sentMail, type TestVault, testVaults } from './relationship-vault.js';

const vault = testVaults();

const dueIds = async (v: TestVault) => (await v.call('followups.list', {})).map((entry) => entry.contactId);

describe('follow-ups: who is due', () => {
  it('is due when the newest interaction is older than the shortest cadence of its buckets', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    await v.call('buckets.create', { name: 'Clients', cadenceDays: 30 });
    await v.call('buckets.create', { name: 'Friends', cadenceDays: 90 });
    await v.call('buckets.create', { name: 'Newsletter people' });
    v.mail(sentMail('ana@client.example', '2025-05-01T09:00:00Z'), receivedMail('Bo <bo@both.example>', '2025-04-01T09:00:00Z'));
    v.mail(receivedMail('cy@friend.example', '2025-04-01T09:00:00Z'), sentMail('di@nocadence.example', '2024-01-01T09:00:00Z'));
    v.mail(sentMail('ed@fresh.example', '2025-06-01T09:00:00Z'));
    await v.call('buckets.assign', { bucket: 'Clients', contacts: ['ana@client.example', 'bo@both.example', 'ed@fresh.example'] });
    await v.call('buckets.assign', { bucket: 'Friends', contacts: ['bo@both.example', 'cy@friend.example'] });
    await v.call('buckets.assign', { bucket: 'Newsletter people', contacts: ['di@nocadence.example'] });

    const due = await v.call('followups.list', {});
    expect(due.map((entry) => entry.emails[0])).toEqual(expect.arrayContaining(['ana@client.example', 'bo@both.example']));
    expect(due).toHaveLength(2);
    const ana = due.find((entry) => entry.emails[0] === 'ana@client.example')!;
    expect(ana).toMatchObject({ dueSince: '2025-05-31T09:00:00.000Z', cadenceDays: 30, bucket: 'Clients', lastInteractionAt: '2025-05-01T09:00:00.000Z' });
    expect(ana.reason).toBe('last interaction 45 days ago (2025-05-01); Clients: every 30 days');
    // Bo is in a 30-day and a 90-day bucket: the shortest cadence wins.
    const bo = due.find((entry) => entry.emails[0] === 'bo@both.example')!;
    expect(bo).toMatchObject({ cadenceDays: 30, bucket: 'Clients', dueSince: '2025-05-01T09:00:00.000Z', name: 'Bo' });
  });

  it('takes the next cadence when the shortest bucket is left, and nothing in a bucket without cadence', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    await v.call('buckets.create', { name: 'Clients', cadenceDays: 30 });
    await v.call('buckets.create', { name: 'Friends', cadenceDays: 90 });
    v.mail(sentMail('bo@both.example', '2025-04-01T09:00:00Z'));
    await v.call('buckets.assign', { bucket: 'Clients', contacts: ['bo@both.example'] });
    await v.call('buckets.assign', { bucket: 'Friends', contacts: ['bo@both.example'] });
    expect((await v.call('followups.list', {})).map((entry) => entry.cadenceDays)).toEqual([30]);
    await v.call('buckets.unassign', { bucket: 'Clients', contacts: ['bo@both.example'] });
    expect(await v.call('followups.list', {})).toEqual([]);
    await v.call('buckets.update', { bucket: 'Friends', cadenceDays: 60 });
    expect((await v.call('followups.list', {})).map((entry) => entry.dueSince)).toEqual(['2025-05-31T09:00:00.000Z']);
    await v.call('buckets.update', { bucket: 'Friends', cadenceDays: null });
    expect(await v.call('followups.list', {})).toEqual([]);
  });

  it('counts a contact with no interaction as due from the moment it was put in a cadence bucket', async () => {
    const v = await vault('2025-06-10T08:00:00.000Z');
    const id = await v.contact(['new@person.example'], 'New Person');
    await v.call('buckets.create', { name: 'Prospects', cadenceDays: 14 });
    await v.call('buckets.assign', { bucket: 'Prospects', contacts: [id] });
    v.setNow('2025-06-15T12:00:00.000Z');
    const [entry] = await v.call('followups.list', {});
    expect(entry).toMatchObject({ contactId: id, dueSince: '2025-06-10T08:00:00.000Z', lastInteractionAt: null });
    expect(entry!.reason).toBe('no interaction yet; in Prospects (every 14 days) since 2025-06-10');
  });

  it('is reset by every kind of interaction: sent, received, call, meeting, other, note marked as a touch', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    await v.call('buckets.create', { name: 'Clients', cadenceDays: 30 });
    const kinds = ['sent', 'received', 'call', 'meeting', 'other', 'note'] as const;
    const ids = new Map<string, number>();
    for (const kind of kinds) {
      const address = `${kind}@reset.example`;
      v.mail(sentMail(address, '2025-01-01T09:00:00Z'));
      await v.call('buckets.assign', { bucket: 'Clients', contacts: [address] });
      ids.set(kind, (await v.call('contacts.get', { contact: address })).id);
    }
    expect((await dueIds(v)).sort()).toEqual([...ids.values()].sort());

    const yesterday = '2025-06-14T10:00:00.000Z';
    v.mail(sentMail('sent@reset.example', yesterday));
    v.mail(receivedMail('received@reset.example', yesterday));
    for (const kind of ['call', 'meeting', 'other'] as const) await v.call('followups.touch', { contact: `${kind}@reset.example`, kind, at: yesterday });
    await v.call('notes.add', { contact: 'note@reset.example', body: 'Met at the conference', isTouch: true, at: yesterday });
    expect(await dueIds(v)).toEqual([]);

    // A plain note (not a touch) does not count; deleting a touch puts the clock back.
    const plain = await v.contact(['plain@reset.example']);
    await v.call('buckets.assign', { bucket: 'Clients', contacts: [plain] });
    await v.call('notes.add', { contact: plain, body: 'Prefers phone calls' });
    expect(await dueIds(v)).toEqual([plain]);
    const call = (await v.call('followups.touch', { contact: plain, kind: 'call' })).interactionId;
    expect(await dueIds(v)).toEqual([]);
    await v.call('followups.deleteTouch', { interactionId: call });
    expect(await dueIds(v)).toEqual([plain]);
  });

  it('keeps the clock on the newest interaction: a touch logged with an older date does not reset it', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    await v.call('buckets.create', { name: 'Clients', cadenceDays: 30 });
    v.mail(sentMail('old@clock.example', '2025-04-01T09:00:00Z'));
    await v.call('buckets.assign', { bucket: 'Clients', contacts: ['old@clock.example'] });
    await v.call('followups.touch', { contact: 'old@clock.example', kind: 'meeting', at: '2025-03-01T09:00:00Z' });
    expect((await v.call('followups.list', {}))[0]?.dueSince).toBe('2025-05-01T09:00:00.000Z');
  });

  it('follows a touch note when it is edited, unmarked or deleted', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    await v.call('buckets.create', { name: 'Clients', cadenceDays: 30 });
    const id = await v.contact(['nora@notes.example']);
    await v.call('buckets.assign', { bucket: 'Clients', contacts: [id] });
    const note = await v.call('notes.add', { contact: id, body: 'Lunch', isTouch: true, at: '2025-06-01T12:00:00Z' });
    expect(note).toMatchObject({ isTouch: true, touchedAt: '2025-06-01T12:00:00.000Z' });
    expect(await dueIds(v)).toEqual([]);
    await v.call('notes.update', { id: note.id, at: '2025-04-01T12:00:00Z' });
    expect(await dueIds(v)).toEqual([id]);
    await v.call('notes.update', { id: note.id, at: '2025-06-10T12:00:00Z' });
    expect(await dueIds(v)).toEqual([]);
    await v.call('notes.update', { id: note.id, isTouch: false });
    expect(await dueIds(v)).toEqual([id]);
    await v.call('notes.update', { id: note.id, isTouch: true });
    expect((await v.call('notes.list', { contact: id }))[0]).toMatchObject({ isTouch: true, touchedAt: '2025-06-15T12:00:00.000Z' });
    expect(await dueIds(v)).toEqual([]);
    await v.call('notes.delete', { id: note.id });
    expect(await dueIds(v)).toEqual([id]);
    expect(v.db.prepare(`SELECT count(*) FROM interactions WHERE kind = 'note'`).pluck().get()).toBe(0);
  });

  it('hides snoozed contacts until the date, and never shows archived or ignored ones', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    await v.call('buckets.create', { name: 'Clients', cadenceDays: 30 });
    for (const who of ['sam', 'arch', 'ign']) v.mail(sentMail(`${who}@x${who}.example`, '2025-01-01T09:00:00Z'));
    await v.call('buckets.assign', { bucket: 'Clients', contacts: ['sam@xsam.example', 'arch@xarch.example', 'ign@xign.example'] });
    expect(await dueIds(v)).toHaveLength(3);

    const snooze = await v.call('followups.snooze', { contact: 'sam@xsam.example', until: '2025-07-01T00:00:00Z' });
    expect(snooze.snoozedUntil).toBe('2025-07-01T00:00:00.000Z');
    await v.call('contacts.archive', { contact: 'arch@xarch.example' });
    await v.call('ignore.add', { pattern: '@xign.example' });
    expect(await dueIds(v)).toEqual([]);

    v.setNow('2025-07-01T00:00:01.000Z');
    expect(await dueIds(v)).toEqual([snooze.contactId]);
    await v.call('followups.snooze', { contact: 'sam@xsam.example', until: '2025-08-01T00:00:00Z' });
    expect(await dueIds(v)).toEqual([]);
    await v.call('followups.snooze', { contact: 'sam@xsam.example', until: null });
    expect(await dueIds(v)).toEqual([snooze.contactId]);
  });

  it('keeps every contact cadence in step when buckets are deleted or re-timed and contacts are merged', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    await v.call('buckets.create', { name: 'Weekly', cadenceDays: 7 });
    await v.call('buckets.create', { name: 'Monthly', cadenceDays: 30 });
    v.mail(sentMail('kim@merge.example', '2025-06-01T12:00:00Z'), sentMail('kim.private@home.example', '2025-05-25T12:00:00Z'));
    await v.call('buckets.assign', { bucket: 'Weekly', contacts: ['kim@merge.example'] });
    await v.call('buckets.assign', { bucket: 'Monthly', contacts: ['kim.private@home.example'] });
    const cadenceOf = (address: string) =>
      v.db.prepare('SELECT c.cadence_days AS days, c.cadence_since AS since FROM contacts c JOIN contact_emails e ON e.contact_id = c.id WHERE e.address = ?').get(address);
    expect(cadenceOf('kim@merge.example')).toEqual({ days: 7, since: '2025-06-15T12:00:00.000Z' });
    expect((await v.call('followups.list', {})).map((entry) => entry.emails[0])).toEqual(['kim@merge.example']);

    // Merging brings the other contact's memberships along: the shortest cadence still wins.
    await v.call('contacts.merge', { target: 'kim.private@home.example', source: 'kim@merge.example' });
    expect(cadenceOf('kim@merge.example')).toEqual({ days: 7, since: '2025-06-15T12:00:00.000Z' });
    const [merged] = await v.call('followups.list', {});
    expect(merged).toMatchObject({ cadenceDays: 7, bucket: 'Weekly', lastInteractionAt: '2025-06-01T12:00:00.000Z' });

    await v.call('buckets.delete', { bucket: 'Weekly' });
    expect(cadenceOf('kim@merge.example')).toEqual({ days: 30, since: '2025-06-15T12:00:00.000Z' });
    expect(await dueIds(v)).toEqual([]);
    await v.call('buckets.update', { bucket: 'Monthly', cadenceDays: 10 });
    expect(cadenceOf('kim@merge.example')).toMatchObject({ days: 10 });
    expect(await dueIds(v)).toHaveLength(1);
    await v.call('buckets.update', { bucket: 'Monthly', cadenceDays: null });
    expect(cadenceOf('kim@merge.example')).toEqual({ days: null, since: null });
    expect(await dueIds(v)).toEqual([]);
  });

  it('ranks by how overdue (in cadences) times strength, and filters by bucket', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    await v.call('buckets.create', { name: 'Weekly', cadenceDays: 7 });
    await v.call('buckets.create', { name: 'Quarterly', cadenceDays: 90 });
    // Same lateness in days (14 days overdue), different cadences: the weekly one is more urgent.
    v.mail(sentMail('weekly@rank.example', '2025-05-25T12:00:00Z'), sentMail('quarterly@rank.example', '2025-03-03T12:00:00Z'));
    // Same cadence and lateness, a much stronger tie: ranked higher.
    v.mail(sentMail('weak@rank.example', '2025-05-25T12:00:00Z'));
    const strong = ['2025-05-25T12:00:00Z', '2025-05-20T12:00:00Z', '2025-05-10T12:00:00Z', '2025-05-01T12:00:00Z'];
    v.mail(...strong.map((date) => sentMail('strong@rank.example', date)), ...strong.map((date) => receivedMail('strong@rank.example', date)));
    await v.call('buckets.assign', { bucket: 'Weekly', contacts: ['weekly@rank.example', 'weak@rank.example', 'strong@rank.example'] });
    await v.call('buckets.assign', { bucket: 'Quarterly', contacts: ['quarterly@rank.example'] });

    const due = await v.call('followups.list', {});
    const order = due.map((entry) => entry.emails[0]);
    expect(order.indexOf('strong@rank.example')).toBeLessThan(order.indexOf('weak@rank.example'));
    expect(order.indexOf('weekly@rank.example')).toBeLessThan(order.indexOf('quarterly@rank.example'));
    for (const entry of due) expect(entry.urgency).toBeCloseTo((1 + entry.daysOverdue / entry.cadenceDays) * (1 + entry.strength), 2);
    expect(due.map((entry) => entry.urgency)).toEqual([...due.map((entry) => entry.urgency)].sort((a, b) => b - a));

    const quarterly = await v.call('followups.list', { bucket: 'quarterly' });
    expect(quarterly.map((entry) => entry.emails[0])).toEqual(['quarterly@rank.example']);
    expect((await v.call('followups.list', { limit: 2 })).length).toBe(2);
  });
});

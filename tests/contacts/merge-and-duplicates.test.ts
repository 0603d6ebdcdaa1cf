import { describe, expect, it } from 'vitest';
import { run } from '../../src-main/core/command-table.js';
import { RapportError } from '../../src-main/core/errors.js';
import type { AppContext } from '../../src-main/core/app-context.js';
import { contactsKit, daysAgo, ME } from './contacts-kit.js';

/** Everything that hangs off a contact, by what it is rather than by id. */
async function everything(context: AppContext, contact: number | string) {
  const detail = await run(context, 'contacts.get', { contact });
  const db = context.vault.db();
  return {
    detail,
    interactions: db
      .prepare('SELECT i.kind, i.direction, i.address, m.key AS message_key FROM interactions i LEFT JOIN messages m ON m.id = i.message_id WHERE i.contact_id = ? ORDER BY m.key, i.kind')
      .all(detail.id),
    notes: (await run(context, 'notes.list', { contact: detail.id })).map((note) => note.body).sort(),
    tasks: (await run(context, 'tasks.list', { contact: detail.id, status: 'all' })).map((task) => task.title).sort(),
    buckets: detail.buckets.map((bucket) => bucket.name),
  };
}

describe('merge and unmerge', () => {
  it('keeps every address, interaction, note, task, touch and bucket, and unmerge gives the merged contact back', async () => {
    const kit = await contactsKit();
    const { context } = kit;
    kit.mail([
      { from: ME, to: 'Jane Doe <jane.doe@acme.com>', date: daysAgo(10), id: 'm1@x' },
      { from: 'Jane Doe <jane.doe@acme.com>', to: 'me@example.org', date: daysAgo(9), id: 'm2@x' },
      { from: 'Jane <janedoe@gmail.com>', to: 'me@example.org', date: daysAgo(3), id: 'm3@x' },
      { from: ME, to: 'janedoe@gmail.com', date: daysAgo(2), id: 'm4@x' },
    ]);
    await run(context, 'buckets.create', { name: 'Clients', cadenceDays: 30 });
    await run(context, 'buckets.create', { name: 'Friends' });
    await run(context, 'buckets.assign', { bucket: 'Clients', contacts: ['jane.doe@acme.com'] });
    await run(context, 'buckets.assign', { bucket: 'Friends', contacts: ['janedoe@gmail.com'] });
    await run(context, 'contacts.update', { contact: 'janedoe@gmail.com', name: 'Janie', notes: 'met skiing', tags: ['ski'] });
    await run(context, 'contacts.update', { contact: 'jane.doe@acme.com', notes: 'decides budgets', tags: ['vip'] });
    await run(context, 'notes.add', { contact: 'janedoe@gmail.com', body: 'birthday in May' });
    await run(context, 'tasks.add', { contact: 'janedoe@gmail.com', title: 'send photos', dueAt: '2024-06-10' });
    await run(context, 'tasks.add', { contact: 'jane.doe@acme.com', title: 'renewal call', dueAt: '2024-06-12' });
    await run(context, 'followups.touch', { contact: 'janedoe@gmail.com', kind: 'meeting', at: '2024-05-20T12:00:00Z' });

    const work = await everything(context, 'jane.doe@acme.com');
    const personal = await everything(context, 'janedoe@gmail.com');

    const merged = await run(context, 'contacts.merge', { target: 'jane.doe@acme.com', source: 'janedoe@gmail.com' });
    expect(merged.id).toBe(work.detail.id);
    expect(merged.emails).toEqual([
      { address: 'jane.doe@acme.com', isPrimary: true },
      { address: 'janedoe@gmail.com', isPrimary: false },
    ]);
    expect(merged).toMatchObject({ name: 'Janie', sent: 2, received: 2, company: 'Acme', notes: 'decides budgets\n\nmet skiing', tags: ['vip', 'ski'] });
    expect(merged.lastInteractionAt).toBe(new Date(daysAgo(2)).toISOString());
    const after = await everything(context, merged.id);
    expect(after.interactions).toHaveLength(work.interactions.length + personal.interactions.length);
    expect(after.notes).toEqual([...work.notes, ...personal.notes].sort());
    expect(after.tasks).toEqual([...work.tasks, ...personal.tasks].sort());
    expect(after.buckets).toEqual(['Clients', 'Friends']);
    await expect(run(context, 'contacts.get', { contact: personal.detail.id })).rejects.toThrow(RapportError);
    expect(merged.strength).toBeGreaterThan(work.detail.strength);
    expect((await run(context, 'contacts.search', { query: 'janie' })).map((hit) => hit.id)).toEqual([merged.id]);

    const { contact, split } = await run(context, 'contacts.unmerge', { contact: merged.id, email: 'JaneDoe@gmail.com' });
    const restoredWork = await everything(context, contact.id);
    const restoredPersonal = await everything(context, split.id);
    expect(restoredWork.interactions).toEqual(work.interactions);
    expect(restoredWork.notes).toEqual(work.notes);
    expect(restoredWork.tasks).toEqual(work.tasks);
    expect(restoredWork.buckets).toEqual(['Clients']);
    expect(restoredWork.detail).toMatchObject({ notes: 'decides budgets', sent: 1, received: 1, emails: work.detail.emails });
    expect(restoredPersonal.interactions).toEqual(personal.interactions);
    expect(restoredPersonal.notes).toEqual(personal.notes);
    expect(restoredPersonal.tasks).toEqual(personal.tasks);
    expect(restoredPersonal.buckets).toEqual(['Friends']);
    expect(restoredPersonal.detail).toMatchObject({ name: 'Janie', nameIsCustom: true, notes: 'met skiing', tags: ['ski'], sent: 1, received: 1, emails: personal.detail.emails });
    expect(restoredPersonal.detail.strength).toBeCloseTo(personal.detail.strength, 10);
    expect(kit.events.filter((scope) => scope === 'contacts').length).toBeGreaterThanOrEqual(2);
  });

  it('splits an address that did not come from a merge out with its own mail, and refuses to split the last address', async () => {
    const kit = await contactsKit();
    kit.mail([
      { from: 'kim@kilo.com', to: 'me@example.org', date: daysAgo(4), id: 'k1@x' },
      { from: 'kim.old@kilo.com', to: 'me@example.org', date: daysAgo(400), id: 'k2@x' },
    ]);
    await run(kit.context, 'contacts.merge', { target: 'kim@kilo.com', source: 'kim.old@kilo.com' });
    await run(kit.context, 'contacts.addEmail', { contact: 'kim@kilo.com', email: 'kim.other@kilo.com' });
    const { contact, split } = await run(kit.context, 'contacts.unmerge', { contact: 'kim@kilo.com', email: 'kim.other@kilo.com' });
    expect(split).toMatchObject({ emails: [{ address: 'kim.other@kilo.com', isPrimary: true }], sent: 0, received: 0, source: 'manual' });
    expect(contact.emails.map((email) => email.address)).toEqual(['kim@kilo.com', 'kim.old@kilo.com']);
    await expect(run(kit.context, 'contacts.unmerge', { contact: split.id, email: 'kim.other@kilo.com' })).rejects.toThrow(/nothing to split it from/);
    await expect(run(kit.context, 'contacts.merge', { target: contact.id, source: contact.id })).rejects.toThrow(/cannot merge a contact with itself/);
  });
});

describe('duplicate suggestions', () => {
  it('pairs same names, a mailbox name shared by a personal and a work domain, and a name spelled as an address, with reasons', async () => {
    const kit = await contactsKit();
    const { context } = kit;
    kit.mail([
      { from: 'Léa Martin <lea.martin@acme.com>', to: 'me@example.org', date: daysAgo(5), id: 'd1@x' },
      { from: '"Martin, Lea" <lea@beta.io>', to: 'me@example.org', date: daysAgo(5), id: 'd2@x' },
      { from: 'Tom Baker <tom.b@gmail.com>', to: 'me@example.org', date: daysAgo(5), id: 'd3@x' },
      { from: 'T. Baker <tomb@initech.com>', to: 'me@example.org', date: daysAgo(5), id: 'd4@x' },
      { from: 'Ravi Shah <ravi@globex.com>', to: 'me@example.org', date: daysAgo(5), id: 'd5@x' },
      { from: 'ravishah@yahoo.com', to: 'me@example.org', date: daysAgo(5), id: 'd6@x' },
      // Role mailboxes and lone first names are not evidence.
      { from: 'info@one.com', to: 'me@example.org', date: daysAgo(5), id: 'd7@x' },
      { from: 'info@gmail.com', to: 'me@example.org', date: daysAgo(5), id: 'd8@x' },
      { from: 'Sam <sam@one.com>', to: 'me@example.org', date: daysAgo(5), id: 'd9@x' },
      { from: 'Sam <sam@two.com>', to: 'me@example.org', date: daysAgo(5), id: 'd10@x' },
    ]);
    const suggestions = await run(context, 'contacts.duplicates', {});
    const pairs = suggestions.map((suggestion) => ({
      emails: suggestion.contacts.map((side) => side.emails[0]).sort(),
      reasons: suggestion.reasons.map((reason) => reason.code),
    }));
    expect(pairs).toHaveLength(3);
    // "Martin, Lea" written together is also the other one's mailbox name: two reasons, ranked first.
    expect(pairs[0]).toEqual({ emails: ['lea.martin@acme.com', 'lea@beta.io'], reasons: ['same-name', 'name-matches-address'] });
    expect(pairs).toContainEqual({ emails: ['tomb@gmail.com', 'tomb@initech.com'], reasons: ['same-local-part'] });
    expect(pairs).toContainEqual({ emails: ['ravi@globex.com', 'ravishah@yahoo.com'], reasons: ['name-matches-address'] });
    const lea = suggestions[0]!;
    expect(lea.contacts.map((side) => side.name).sort()).toEqual(['Léa Martin', 'Martin, Lea']);
    expect(lea.reasons[0]!.detail).toMatch(/both are named/);

    await run(context, 'contacts.dismissDuplicate', { contacts: ['lea@beta.io', 'lea.martin@acme.com'] });
    expect((await run(context, 'contacts.duplicates', {})).length).toBe(2);
    await run(context, 'contacts.merge', { target: 'tomb@initech.com', source: 'Tom.B@gmail.com' });
    expect((await run(context, 'contacts.duplicates', {})).length).toBe(1);
  });
});

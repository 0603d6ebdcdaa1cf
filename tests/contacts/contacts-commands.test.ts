import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src-main/core/command-table.js';
import { contactsKit, daysAgo, ME, type ContactsKit } from './contacts-kit.js';
import { expectRapportError } from '../helpers/rapport-failure.js';

describe('contacts.list', () => {
  let kit: ContactsKit;
  beforeAll(async () => {
    kit = await contactsKit();
    kit.mail([
      // Ann: reciprocal, recent. Bob: one-way, recent. Cy: reciprocal, old. Dee: mass mail only.
      { from: ME, to: 'Ann Archer <ann@acme.com>', date: daysAgo(2), id: 'l1@x' },
      { from: 'Ann Archer <ann@acme.com>', to: 'me@example.org', date: daysAgo(1), id: 'l2@x' },
      { from: ME, to: 'Bob <bob@beta.io>', date: daysAgo(2), id: 'l3@x' },
      { from: ME, to: 'Cy <cy@gamma.org>', date: daysAgo(400), id: 'l4@x' },
      { from: 'Cy <cy@gamma.org>', to: 'me@example.org', date: daysAgo(399), id: 'l5@x' },
      { from: ME, to: Array.from({ length: 30 }, (_, index) => `p${index}@crowd.net`).join(', ') + ', dee@delta.com', date: daysAgo(2), id: 'l6@x' },
    ]);
  });

  it('prints exactly the issue 3 contract, strongest first', async () => {
    const contacts = await run(kit.context, 'contacts.list', {});
    expect(Object.keys(contacts[0]!)).toEqual(['id', 'name', 'emails', 'sent', 'received', 'lastContacted', 'lastHeardFrom', 'strength']);
    expect(contacts[0]).toEqual({
      id: kit.idOf('ann@acme.com'),
      name: 'Ann Archer',
      emails: ['ann@acme.com'],
      sent: 1,
      received: 1,
      lastContacted: new Date(daysAgo(2)).toISOString(),
      lastHeardFrom: new Date(daysAgo(1)).toISOString(),
      strength: expect.any(Number),
    });
    expect(contacts.map((contact) => contact.emails[0]).slice(0, 3)).toEqual(['ann@acme.com', 'bob@beta.io', 'cy@gamma.org']);
    const strengths = contacts.map((contact) => contact.strength);
    expect([...strengths].sort((a, b) => b - a)).toEqual(strengths);
    expect(contacts).toHaveLength(34);
  });

  it('limits, pages and searches (prefix, any word, diacritics ignored), keeping the strength order', async () => {
    expect(await run(kit.context, 'contacts.list', { limit: 2 })).toHaveLength(2);
    const second = await run(kit.context, 'contacts.list', { limit: 1, offset: 1 });
    expect(second[0]!.emails).toEqual(['bob@beta.io']);
    expect((await run(kit.context, 'contacts.list', { search: 'arch' })).map((contact) => contact.emails[0])).toEqual(['ann@acme.com']);
    expect((await run(kit.context, 'contacts.list', { search: 'acm' })).map((contact) => contact.emails[0])).toEqual(['ann@acme.com']);
    expect((await run(kit.context, 'contacts.list', { search: 'crowd' })).length).toBe(30);
    expect(await run(kit.context, 'contacts.list', { search: '"*' })).toEqual([]);
  });

  it('filters by strength, last contacted, tag, bucket and archive state', async () => {
    const all = await run(kit.context, 'contacts.list', {});
    const bobStrength = all.find((contact) => contact.emails[0] === 'bob@beta.io')!.strength;
    const strong = await run(kit.context, 'contacts.list', { minStrength: bobStrength });
    expect(strong.map((contact) => contact.emails[0])).toEqual(['ann@acme.com', 'bob@beta.io']);
    const weak = await run(kit.context, 'contacts.list', { maxStrength: bobStrength / 2 });
    expect(weak.some((contact) => contact.emails[0] === 'ann@acme.com')).toBe(false);
    const old = await run(kit.context, 'contacts.list', { contactedBefore: '2024-01-01' });
    expect(old.map((contact) => contact.emails[0])).toEqual(['cy@gamma.org']);
    const recent = await run(kit.context, 'contacts.list', { contactedAfter: '2024-05-01' });
    expect(recent).toHaveLength(33);
    expect(recent.some((contact) => contact.emails[0] === 'cy@gamma.org')).toBe(false);

    await run(kit.context, 'contacts.update', { contact: 'cy@gamma.org', tags: ['Board'] });
    expect((await run(kit.context, 'contacts.list', { tag: 'board' })).map((contact) => contact.emails[0])).toEqual(['cy@gamma.org']);

    await run(kit.context, 'buckets.create', { name: 'Clients', cadenceDays: 30 });
    await run(kit.context, 'buckets.assign', { bucket: 'Clients', contacts: ['bob@beta.io', 'cy@gamma.org'] });
    expect((await run(kit.context, 'contacts.list', { bucket: 'clients' })).map((contact) => contact.emails[0])).toEqual(['bob@beta.io', 'cy@gamma.org']);
    // Cy was last touched 399 days ago, Bob 2 days ago: only Cy is due on a 30-day cadence.
    expect((await run(kit.context, 'contacts.list', { due: true })).map((contact) => contact.emails[0])).toEqual(['cy@gamma.org']);
    await expectRapportError(run(kit.context, 'contacts.list', { bucket: 'Nope' }), 'not_found', /no bucket named "Nope"/);

    await run(kit.context, 'contacts.archive', { contact: 'bob@beta.io' });
    expect((await run(kit.context, 'contacts.list', { bucket: 'Clients' })).map((contact) => contact.emails[0])).toEqual(['cy@gamma.org']);
    expect((await run(kit.context, 'contacts.list', { archived: 'only' })).map((contact) => contact.emails[0])).toEqual(['bob@beta.io']);
    await run(kit.context, 'contacts.unarchive', { contact: 'bob@beta.io' });
    expect(await run(kit.context, 'contacts.list', { archived: 'only' })).toEqual([]);
  });

  it('reports strength as of now: the same ranking, decayed values, as the clock moves', async () => {
    const before = await run(kit.context, 'contacts.list', {});
    kit.setNow('2024-11-28T00:00:00Z'); // one half-life (180 days) later
    const after = await run(kit.context, 'contacts.list', {});
    kit.setNow('2024-06-01T00:00:00Z');
    expect(after.map((contact) => contact.id)).toEqual(before.map((contact) => contact.id));
    expect(after[0]!.strength).toBeCloseTo(before[0]!.strength / 2, 4);
  });
});

describe('editing contacts', () => {
  let kit: ContactsKit;
  beforeAll(async () => {
    kit = await contactsKit();
    kit.mail([
      { from: 'Eve E <eve@echo.com>', to: 'me@example.org', date: daysAgo(3), id: 'e1@x' },
      { from: ME, to: 'Eve E <eve@echo.com>', date: daysAgo(2), id: 'e2@x' },
    ]);
  });

  it('creates a contact by hand, refusing own, taken and malformed addresses', async () => {
    const created = await run(kit.context, 'contacts.create', { name: ' Fay Fox ', emails: ['Fay.Fox@Foxtrot.com', 'fay@gmail.com'], company: 'Foxtrot Ltd', tags: ['friend', 'friend '], phone: '+351 555' });
    expect(created).toMatchObject({
      name: 'Fay Fox',
      nameIsCustom: true,
      company: 'Foxtrot Ltd',
      companyIsCustom: true,
      tags: ['friend'],
      phone: '+351 555',
      source: 'manual',
      emails: [
        { address: 'fay.fox@foxtrot.com', isPrimary: true },
        { address: 'fay@gmail.com', isPrimary: false },
      ],
      sent: 0,
      strength: 0,
    });
    expect(kit.events).toContain('contacts');
    await expectRapportError(run(kit.context, 'contacts.create', { emails: ['ME@example.org'] }), 'invalid_input', /your own addresses/);
    await expectRapportError(run(kit.context, 'contacts.create', { emails: ['eve@echo.com'] }), 'conflict', /already belongs to contact/);
    await expectRapportError(run(kit.context, 'contacts.create', { emails: ['not-an-address'] }), 'invalid_input', /not an email address/);
    await expectRapportError(run(kit.context, 'contacts.create', {}), 'invalid_args', /a contact needs a name or an email address/);
  });

  it('updates fields; clearing name or company hands them back to what mail says', async () => {
    const id = kit.idOf('eve@echo.com');
    expect(await run(kit.context, 'contacts.get', { contact: id })).toMatchObject({ name: 'Eve E', company: 'Echo', nameIsCustom: false });
    await run(kit.context, 'contacts.update', { contact: id, name: 'Eve Echo', company: 'Echo Labs', title: 'CTO', notes: 'prefers mornings' });
    expect(await run(kit.context, 'contacts.get', { contact: 'EVE@echo.com' })).toMatchObject({ name: 'Eve Echo', company: 'Echo Labs', title: 'CTO', notes: 'prefers mornings' });
    // New mail does not undo what the user set.
    kit.mail([{ from: 'Eve E <eve@echo.com>', to: 'me@example.org', date: daysAgo(1), id: 'e3@x' }]);
    expect(await run(kit.context, 'contacts.get', { contact: id })).toMatchObject({ name: 'Eve Echo', received: 2 });
    await run(kit.context, 'contacts.update', { contact: id, name: null, company: '' });
    expect(await run(kit.context, 'contacts.get', { contact: id })).toMatchObject({ name: 'Eve E', nameIsCustom: false, company: 'Echo', companyIsCustom: false, title: 'CTO' });
  });

  it('adds, makes primary and removes addresses; an address with mail history leaves as a contact of its own', async () => {
    const id = kit.idOf('eve@echo.com');
    await run(kit.context, 'contacts.addEmail', { contact: id, email: 'Eve.Echo@gmail.com' });
    await run(kit.context, 'contacts.setPrimaryEmail', { contact: id, email: 'eveecho@gmail.com' });
    expect((await run(kit.context, 'contacts.get', { contact: id })).emails).toEqual([
      { address: 'eveecho@gmail.com', isPrimary: true },
      { address: 'eve@echo.com', isPrimary: false },
    ]);
    await expectRapportError(run(kit.context, 'contacts.addEmail', { contact: id, email: 'fay@gmail.com' }), 'conflict', /merge the two contacts instead/);
    const removed = await run(kit.context, 'contacts.removeEmail', { contact: id, email: 'eve@echo.com' });
    expect(removed.splitContactId).not.toBeNull();
    expect(removed.contact).toMatchObject({ emails: [{ address: 'eveecho@gmail.com', isPrimary: true }], sent: 0, received: 0, title: 'CTO' });
    expect(await run(kit.context, 'contacts.get', { contact: 'eve@echo.com' })).toMatchObject({ id: removed.splitContactId, sent: 1, received: 2, name: 'Eve E' });
    const plain = await run(kit.context, 'contacts.removeEmail', { contact: 'fay.fox@foxtrot.com', email: 'fay@gmail.com' });
    expect(plain.splitContactId).toBeNull();
    await expectRapportError(run(kit.context, 'contacts.removeEmail', { contact: id, email: 'nobody@nowhere.com' }), 'not_found');
  });

  it('marks never-share, archives and deletes', async () => {
    const fay = kit.idOf('fay.fox@foxtrot.com');
    expect(await run(kit.context, 'contacts.setNeverShare', { contact: fay, neverShare: true })).toMatchObject({ neverShare: true });
    expect((await run(kit.context, 'contacts.archive', { contact: fay })).archivedAt).toBe('2024-06-01T00:00:00.000Z');
    expect(await run(kit.context, 'contacts.delete', { contact: fay })).toEqual({ deleted: fay });
    await expectRapportError(run(kit.context, 'contacts.get', { contact: fay }), 'not_found', new RegExp(`no contact with id ${fay}`));
    expect(await run(kit.context, 'contacts.search', { query: 'fay' })).toEqual([]);
  });
});

describe('search', () => {
  let kit: ContactsKit;
  beforeAll(async () => {
    kit = await contactsKit();
    kit.mail([
      { from: '=?UTF-8?Q?Jos=C3=A9_Mart=C3=ADnez?= <jose@initech.com>', to: 'me@example.org', date: daysAgo(5), id: 's1@x' },
      { from: 'Joanna Park <jp@globex.org>', to: 'me@example.org', date: daysAgo(5), id: 's2@x' },
      { from: ME, to: 'Max Mustermann <max@jotform.de>', date: daysAgo(5), id: 's3@x' },
    ]);
    await run(kit.context, 'contacts.create', { name: 'Kai Other', emails: ['kai@other.com'], notes: 'introduced by Jo at the conference', tags: ['jazz'] });
  });

  it('matches as you type from the first letter, with a name hit before an address, company or note hit', async () => {
    const names = async (query: string) => (await run(kit.context, 'contacts.search', { query })).map((hit) => hit.name);
    expect((await names('j')).slice(0, 2).sort()).toEqual(['Joanna Park', 'José Martínez']);
    expect(await names('j')).toHaveLength(4);
    expect((await names('jo')).slice(0, 2).sort()).toEqual(['Joanna Park', 'José Martínez']);
    expect((await names('jo')).at(-1)).toBe('Kai Other');
    expect(await names('jos')).toEqual(['José Martínez']);
    expect(await names('martinez')).toEqual(['José Martínez']);
    expect(await names('initech')).toEqual(['José Martínez']);
    expect(await names('conference')).toEqual(['Kai Other']);
    expect(await names('jazz')).toEqual(['Kai Other']);
    expect(await names('jo park')).toEqual(['Joanna Park']);
    expect(await names('   ')).toEqual([]);
  });

  it('keeps the index in step with edits', async () => {
    await run(kit.context, 'contacts.update', { contact: 'kai@other.com', company: 'Zeppelin Works', notes: null });
    expect((await run(kit.context, 'contacts.search', { query: 'zep' })).map((hit) => hit.company)).toEqual(['Zeppelin Works']);
    expect(await run(kit.context, 'contacts.search', { query: 'conference' })).toEqual([]);
  });
});

describe('history', () => {
  it('counts sent, received and logged touches per month, zero-filled, for a chart', async () => {
    const kit = await contactsKit();
    kit.mail([
      { from: ME, to: 'hal@hotel.com', date: 'Mon, 15 Apr 2024 10:00:00 +0000', id: 'h1@x' },
      { from: 'hal@hotel.com', to: 'me@example.org', date: 'Tue, 16 Apr 2024 10:00:00 +0000', id: 'h2@x' },
      { from: 'hal@hotel.com', to: 'me@example.org', date: 'Fri, 31 May 2024 23:00:00 +0000', id: 'h3@x' },
    ]);
    await run(kit.context, 'followups.touch', { contact: 'hal@hotel.com', kind: 'call', at: '2024-05-02T10:00:00Z' });
    const history = await run(kit.context, 'contacts.history', { contact: 'hal@hotel.com', months: 4 });
    expect(history.months).toEqual([
      { month: '2024-03', sent: 0, received: 0, touches: 0 },
      { month: '2024-04', sent: 1, received: 1, touches: 0 },
      { month: '2024-05', sent: 0, received: 1, touches: 1 },
      { month: '2024-06', sent: 0, received: 0, touches: 0 },
    ]);
    expect(await run(kit.context, 'contacts.get', { contact: 'hal@hotel.com' })).toMatchObject({ lastInteractionAt: '2024-05-31T23:00:00.000Z', lastContacted: '2024-04-15T10:00:00.000Z' });
  });
});

describe('ignore list commands', () => {
  it('adds, lists and removes entries, reporting how many contacts they hid or brought back', async () => {
    const kit = await contactsKit();
    kit.mail([
      { from: 'ian@india.com', to: 'me@example.org', date: daysAgo(5), id: 'i1@x' },
      { from: 'jan@mail.india.com', to: 'me@example.org', date: daysAgo(5), id: 'i2@x' },
    ]);
    expect(await run(kit.context, 'ignore.add', { pattern: '@India.com' })).toEqual({
      entry: { pattern: 'india.com', kind: 'domain', createdAt: '2024-06-01T00:00:00.000Z' },
      contactsAffected: 2,
    });
    expect(await run(kit.context, 'contacts.list', {})).toEqual([]);
    expect(await run(kit.context, 'ignore.list', {})).toEqual([{ pattern: 'india.com', kind: 'domain', createdAt: '2024-06-01T00:00:00.000Z' }]);
    expect((await run(kit.context, 'ignore.remove', { pattern: 'india.com' })).contactsAffected).toBe(2);
    expect((await run(kit.context, 'contacts.list', {})).map((contact) => contact.emails[0]).sort()).toEqual(['ian@india.com', 'jan@mail.india.com']);
    await expectRapportError(run(kit.context, 'ignore.add', { pattern: 'just words' }), 'invalid_args', /not an email address or @domain/);
  });
});

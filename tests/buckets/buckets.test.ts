import { describe, expect, it } from 'vitest';
import { failure, sentMail, testVaults } from '../followups/relationship-vault.js';

const vault = testVaults();

describe('buckets', () => {
  it('creates, lists with member and due counts, updates and deletes (contacts stay)', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    const created = await v.call('buckets.create', { name: ' Clients ', cadenceDays: 30, color: '#2A6', description: 'People I work for' });
    expect(created).toMatchObject({ name: 'Clients', cadenceDays: 30, color: '#22aa66', description: 'People I work for', contacts: 0, due: 0, createdAt: '2025-06-15T12:00:00.000Z' });
    await v.call('buckets.create', { name: 'Partners' });

    v.mail(sentMail('due@b.example', '2025-01-01T00:00:00Z'), sentMail('fresh@b.example', '2025-06-14T00:00:00Z'));
    const neverShare = await v.contact(['private@b.example'], 'Private Person');
    await v.call('contacts.setNeverShare', { contact: neverShare, neverShare: true });
    const assigned = await v.call('buckets.assign', { bucket: 'clients', contacts: ['due@b.example', 'fresh@b.example', neverShare] });
    expect(assigned.changed).toBe(3);
    expect(assigned.bucket).toMatchObject({ contacts: 3, due: 2 });
    await v.call('buckets.assign', { bucket: 'Partners', contacts: ['due@b.example'] });

    const list = await v.call('buckets.list', {});
    expect(list.map((bucket) => [bucket.name, bucket.contacts, bucket.due])).toEqual([
      ['Clients', 3, 2],
      ['Partners', 1, 1],
    ]);

    v.setNow('2025-06-16T00:00:00.000Z');
    const updated = await v.call('buckets.update', { bucket: created.id, name: 'Key clients', cadenceDays: null, color: null });
    expect(updated).toMatchObject({ name: 'Key clients', cadenceDays: null, color: null, description: 'People I work for', due: 0, updatedAt: '2025-06-16T00:00:00.000Z' });
    // Partners has no cadence; its member is due only through Clients' cadence, which is gone.
    expect((await v.call('buckets.get', { bucket: 'Partners' })).due).toBe(0);

    const { deleted } = await v.call('buckets.delete', { bucket: 'key CLIENTS' });
    expect(deleted).toMatchObject({ name: 'Key clients', contacts: 3 });
    expect((await v.call('buckets.list', {})).map((bucket) => bucket.name)).toEqual(['Partners']);
    expect(v.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(3);
  });

  it('assigns idempotently and unassigns by id or address, counting only real changes', async () => {
    const v = await vault();
    await v.call('buckets.create', { name: 'Friends & family', cadenceDays: 90 });
    const a = await v.contact(['a@fam.example']);
    const b = await v.contact(['b@fam.example']);
    expect((await v.call('buckets.assign', { bucket: 'Friends & family', contacts: [a, 'B@FAM.example'] })).changed).toBe(2);
    expect((await v.call('buckets.assign', { bucket: 'Friends & family', contacts: [a, a, 'a@fam.example'] })).changed).toBe(0);
    expect((await v.call('buckets.unassign', { bucket: 'Friends & family', contacts: [b] })).changed).toBe(1);
    expect((await v.call('buckets.get', { bucket: 'Friends & family' })).contacts).toBe(1);
    expect((await v.call('contacts.get', { contact: a })).buckets.map((bucket) => bucket.name)).toEqual(['Friends & family']);
  });

  it('changes nothing and names every unknown address when some are unknown', async () => {
    const v = await vault();
    await v.call('buckets.create', { name: 'Clients' });
    await v.contact(['known@x.example']);
    const error = await failure(v.call('buckets.assign', { bucket: 'Clients', contacts: ['known@x.example', 'ghost@x.example', 'Ghost2@X.example'] }));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('no contact with these addresses or ids: ghost@x.example, ghost2@x.example');
    expect((await v.call('buckets.get', { bucket: 'Clients' })).contacts).toBe(0);
    expect((await failure(v.call('buckets.assign', { bucket: 'Clients', contacts: ['ghost@x.example'] }))).message).toBe('no contact with the address ghost@x.example');
    expect((await failure(v.call('buckets.assign', { bucket: 'Clients', contacts: [4242] }))).message).toBe('no contact with id 4242');
    expect((await failure(v.call('buckets.assign', { bucket: 'Nope', contacts: ['known@x.example'] }))).message).toBe('no bucket named "Nope"');
    const notAnAddress = await failure(v.call('buckets.assign', { bucket: 'Clients', contacts: ['known@x.example', 'not an address'] }));
    expect(notAnAddress).toMatchObject({ code: 'invalid_args', fields: [{ path: 'contacts.1' }] });
  });

  it('refuses duplicate names (ignoring case), bad colours and cadences, naming the field', async () => {
    const v = await vault();
    await v.call('buckets.create', { name: 'Clients' });
    const duplicate = await failure(v.call('buckets.create', { name: 'CLIENTS' }));
    expect(duplicate).toMatchObject({ code: 'conflict', message: 'a bucket named "Clients" already exists' });
    const other = await v.call('buckets.create', { name: 'Other' });
    expect((await failure(v.call('buckets.update', { bucket: other.id, name: 'clients' }))).code).toBe('conflict');
    expect((await v.call('buckets.update', { bucket: 'Clients', name: 'clients' })).name).toBe('clients');

    for (const color of ['blue', '#12345', '#ggg', '']) {
      expect(await failure(v.call('buckets.create', { name: `c ${color}`, color }))).toMatchObject({ code: 'invalid_args', fields: [{ path: 'color' }] });
    }
    for (const cadenceDays of [0, -3, 1.5, 3651]) {
      expect(await failure(v.call('buckets.create', { name: `d ${cadenceDays}`, cadenceDays }))).toMatchObject({ code: 'invalid_args', fields: [{ path: 'cadenceDays' }] });
    }
    expect((await failure(v.call('buckets.create', { name: '   ' }))).fields?.[0]?.path).toBe('name');
    expect((await failure(v.call('buckets.delete', { bucket: 99 }))).message).toBe('no bucket with id 99');
  });

  it('offers the built-in suggestions without creating them, and creates them on request', async () => {
    const v = await vault();
    const suggestions = await v.call('buckets.suggestions', {});
    expect(suggestions.map((suggestion) => suggestion.name)).toEqual(['Clients', 'Prospects', 'Partners', 'Friends & family']);
    expect(suggestions.every((suggestion) => !suggestion.exists)).toBe(true);
    expect(await v.call('buckets.list', {})).toEqual([]);

    await v.call('buckets.create', { name: 'clients', cadenceDays: 7 });
    const some = await v.call('buckets.addSuggested', { names: ['prospects', 'Clients'] });
    expect(some.map((bucket) => [bucket.name, bucket.cadenceDays])).toEqual([['Prospects', 14]]);
    expect((await v.call('buckets.suggestions', {})).filter((suggestion) => suggestion.exists).map((suggestion) => suggestion.name)).toEqual(['Clients', 'Prospects']);
    const rest = await v.call('buckets.addSuggested', {});
    expect(rest.map((bucket) => bucket.name)).toEqual(['Partners', 'Friends & family']);
    expect(await v.call('buckets.addSuggested', {})).toEqual([]);
    expect((await failure(v.call('buckets.addSuggested', { names: ['Enemies'] }))).code).toBe('not_found');
  });

  it('tells every adapter that buckets changed', async () => {
    const v = await vault();
    const events: unknown[] = [];
    v.context.events.on((event) => events.push(event));
    await v.call('buckets.create', { name: 'Clients' });
    await v.call('buckets.delete', { bucket: 'Clients' });
    expect(events).toEqual([
      { type: 'data.changed', scope: 'buckets' },
      { type: 'data.changed', scope: 'buckets' },
    ]);
  });
});

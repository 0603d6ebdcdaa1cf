import { describe, expect, it } from 'vitest';
import { failure, sentMail, type TestVault, testVaults } from '../followups/relationship-vault.js';

const vault = testVaults();

const crlf = (...lines: string[]) => lines.join('\r\n') + '\r\n';

const ADDRESS_BOOK = crlf(
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Ana Lopez',
  'EMAIL;TYPE=INTERNET,pref:ana@client.example',
  'EMAIL;TYPE=INTERNET:ana.lopez@gmail.com',
  'ORG:Client Corp',
  'TITLE:COO',
  'NOTE:Met at the Lisbon offsite',
  'CATEGORIES:Clients,VIP',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Bo New',
  'EMAIL:bo@new.example',
  'CATEGORIES:clients',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:No Address',
  'TEL:+1 555 0100',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Myself',
  'EMAIL:me@example.org',
  'END:VCARD',
);

function counts(v: TestVault) {
  return v.db
    .prepare(
      `SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM contact_emails) AS emails,
              (SELECT count(*) FROM buckets) AS buckets, (SELECT count(*) FROM bucket_contacts) AS memberships`,
    )
    .get();
}

describe('importing vCard and CSV', () => {
  it('merges by address into existing contacts, creates the rest, turns categories into buckets, reports what it skipped', async () => {
    const v = await vault('2025-06-15T12:00:00.000Z');
    v.mail(sentMail('Ana L. <ana@client.example>', '2025-06-01T09:00:00Z'));
    const anaId = (await v.call('contacts.get', { contact: 'ana@client.example' })).id;
    await v.call('buckets.create', { name: 'Clients', cadenceDays: 30 });

    const result = await v.call('portability.import', { content: ADDRESS_BOOK, format: 'vcard' });
    expect(result).toEqual({
      format: 'vcard',
      dialect: null,
      records: 4,
      contactsCreated: 1,
      contactsMerged: 1,
      addressesAdded: 1,
      bucketsCreated: 1,
      membershipsAdded: 3,
      interactionsAdded: 0,
      notesAdded: 0,
      tasksAdded: 0,
      skipped: [
        { record: 'line 17', reason: 'no email address' },
        { record: 'line 22', reason: 'only your own addresses' },
      ],
    });
    const ana = await v.call('contacts.get', { contact: anaId });
    expect(ana).toMatchObject({ name: 'Ana Lopez', nameIsCustom: true, company: 'Client Corp', companyIsCustom: true, title: 'COO', notes: 'Met at the Lisbon offsite', sent: 1 });
    expect(ana.emails.map((email) => email.address).sort()).toEqual(['ana@client.example', 'analopez@gmail.com']);
    expect(ana.buckets.map((bucket) => bucket.name).sort()).toEqual(['Clients', 'VIP']);
    const bo = await v.call('contacts.get', { contact: 'bo@new.example' });
    expect(bo).toMatchObject({ name: 'Bo New', source: 'import', buckets: [{ name: 'Clients' }] });

    // The same file again changes nothing.
    const before = counts(v);
    const again = await v.call('portability.import', { content: ADDRESS_BOOK, format: 'vcard' });
    expect(again).toMatchObject({ contactsCreated: 0, contactsMerged: 2, addressesAdded: 0, bucketsCreated: 0, membershipsAdded: 0 });
    expect(counts(v)).toEqual(before);
    expect((await v.call('contacts.get', { contact: anaId })).notes).toBe('Met at the Lisbon offsite');
  });

  it('never overwrites what the user set, and joins records that share an address within one file', async () => {
    const v = await vault();
    const id = await v.contact(['cara@contoso.example'], 'Cara (my spelling)');
    await v.call('contacts.update', { contact: id, title: 'Director', notes: 'Call after 3pm' });
    const csv = [
      'First Name,Last Name,Company,Job Title,E-mail Address,E-mail 2 Address,Notes,Categories',
      'Cara,Smith,Contoso,Sales Director,cara@contoso.example,,Prefers email,Clients',
      'Cara,S.,Contoso,,cara.s@outlook.example,CARA@contoso.example,,Partners',
    ].join('\r\n');
    const result = await v.call('portability.import', { content: csv, format: 'csv' });
    expect(result).toMatchObject({ dialect: 'outlook', records: 2, contactsCreated: 0, contactsMerged: 2, addressesAdded: 1, bucketsCreated: 2 });
    const cara = await v.call('contacts.get', { contact: id });
    expect(cara).toMatchObject({ name: 'Cara (my spelling)', title: 'Director', company: 'Contoso', notes: 'Call after 3pm\n\nPrefers email' });
    expect(cara.emails.map((email) => email.address).sort()).toEqual(['cara.s@outlook.example', 'cara@contoso.example']);
    expect(cara.buckets.map((bucket) => bucket.name).sort()).toEqual(['Clients', 'Partners']);
  });

  it('imports nothing when any record is bad, listing every problem with its line', async () => {
    const v = await vault();
    const before = counts(v);
    const broken = ADDRESS_BOOK.replace('EMAIL:bo@new.example', 'EMAIL:bo-at-new.example').replace('FN:No Address', 'FN No Address');
    const error = await failure(v.call('portability.import', { content: broken, format: 'vcard' }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toBe(
      ['cannot import the data (2 problems; nothing was imported):', 'line 14: EMAIL "bo-at-new.example" is not an email address', 'line 19: not a vCard property line (no "NAME:value"): "FN No Address"'].join('\n'),
    );
    expect(counts(v)).toEqual(before);

    const csv = 'Name,Email\nGood,good@x.example\nBad,"unterminated\n';
    expect((await failure(v.call('portability.import', { content: csv, format: 'csv' }))).message).toBe(
      'cannot import the data (1 problem; nothing was imported):\nline 3: quoted field 2 is never closed',
    );
    expect(counts(v)).toEqual(before);
  });

  it('lists at most 20 problems and counts the rest', async () => {
    const v = await vault();
    const rows = Array.from({ length: 30 }, (_, index) => `P${index},bad-address-${index}`);
    const error = await failure(v.call('portability.import', { content: ['Name,Email', ...rows].join('\n'), format: 'csv' }));
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('cannot import the data (30 problems; nothing was imported):');
    expect(lines).toHaveLength(22);
    expect(lines[21]).toBe('... and 10 more');
  });

  it('exports vCard and CSV that import back into a fresh vault with the same contacts and buckets', async () => {
    const v = await vault();
    v.mail(sentMail('Dee <dee@d.example>', '2025-06-01T09:00:00Z'));
    await v.contact(['eve@e.example', 'eve@home.example'], 'Eve, "the" Engineer');
    await v.call('contacts.update', { contact: 'eve@e.example', company: 'E; Corp', notes: 'line one\nline two, with comma', phone: '+1 555' });
    await v.call('buckets.create', { name: 'Friends, family; etc' });
    await v.call('buckets.assign', { bucket: 'Friends, family; etc', contacts: ['eve@e.example', 'dee@d.example'] });
    const view = async (t: TestVault) =>
      (await t.call('contacts.list', { archived: 'include' }))
        .map((contact) => contact.emails.join(' '))
        .sort()
        .join('\n');
    for (const format of ['vcard', 'csv'] as const) {
      const exported = (await v.call('portability.export', { format })).content!;
      const t = await vault();
      const result = await t.call('portability.import', { content: exported });
      expect(result.format).toBe(format);
      expect(await view(t)).toBe(await view(v));
      const eve = await t.call('contacts.get', { contact: 'eve@home.example' });
      expect(eve).toMatchObject({ name: 'Eve, "the" Engineer', company: 'E; Corp', notes: 'line one\nline two, with comma', phone: '+1 555' });
      expect(eve.emails[0]).toEqual({ address: 'eve@e.example', isPrimary: true });
      expect((await t.call('buckets.get', { bucket: 'Friends, family; etc' })).contacts).toBe(2);
    }
  });
});

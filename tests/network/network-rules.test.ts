import { describe, expect, it } from 'vitest';
import { addIdentities, ingestMessages } from '../../src-main/core/network/ingest.js';
import { addIgnore, removeIgnore } from '../../src-main/core/network/ignore-list.js';
import { createContact } from '../../src-main/core/contacts/contact-store.js';
import { updateContact } from '../../src-main/core/contacts/contact-edits.js';
import type { VaultDatabase } from '../../src-main/core/vault/encrypted-database.js';
import { contactByAddress, contactsView, facts, interactionsView, networkDb, type MailSpec } from './network-fixtures.js';

const NOW = new Date('2024-06-01T00:00:00Z');
const ME = 'Me <me@example.org>';

function setup(): VaultDatabase {
  const db = networkDb();
  addIdentities(db, [{ address: 'me@example.org', accountId: 1, source: 'account' }], NOW);
  return db;
}

function ingest(db: VaultDatabase, specs: MailSpec[], accountId = 1) {
  return ingestMessages(db, { accountId, facts: specs.map(facts), now: NOW });
}

describe('sent mail (rule 2)', () => {
  it('makes every To, Cc and Bcc address a contact with a sent interaction under its role', () => {
    const db = setup();
    const result = ingest(db, [{ from: ME, to: 'Ann <ann@acme.com>', cc: 'bob@beta.io', bcc: 'cy@gamma.org', date: 'Mon, 1 Jan 2024 10:00:00 +0000', id: 's1@x' }]);
    expect(result).toEqual({ messagesNew: 1, duplicates: 0, contactsCreated: 3, interactionsAdded: 3, skippedBulk: 0, skippedOther: 0 });
    const roles = db.prepare(`SELECT address, direction, role, recipient_count FROM interactions ORDER BY address`).all();
    expect(roles).toEqual([
      { address: 'ann@acme.com', direction: 'sent', role: 'to', recipient_count: 3 },
      { address: 'bob@beta.io', direction: 'sent', role: 'cc', recipient_count: 3 },
      { address: 'cy@gamma.org', direction: 'sent', role: 'bcc', recipient_count: 3 },
    ]);
    expect(contactByAddress(db, 'ann@acme.com')).toMatchObject({ name: 'Ann', sent: 1, received: 0, lastSent: '2024-01-01T10:00:00.000Z', lastReceived: null });
  });

  it('never makes the user a contact, even when they copy themselves', () => {
    const db = setup();
    ingest(db, [{ from: ME, to: 'ann@acme.com, ME@Example.org', id: 's2@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' }]);
    expect(contactsView(db).map((contact) => contact.emails)).toEqual([['ann@acme.com']]);
  });
});

describe('received mail (rule 3)', () => {
  it('makes the From of personal mail naming an own address a contact, and not the other recipients', () => {
    const db = setup();
    ingest(db, [{ from: 'Dee <dee@delta.com>', to: 'me@example.org', cc: 'eve@epsilon.com', id: 'r1@x', date: 'Tue, 2 Jan 2024 09:00:00 +0000' }]);
    expect(contactsView(db).map((contact) => contact.emails)).toEqual([['dee@delta.com']]);
    expect(contactByAddress(db, 'dee@delta.com')).toMatchObject({ received: 1, sent: 0, lastReceived: '2024-01-02T09:00:00.000Z' });
  });

  it('skips mail that does not name an own address in To or Cc (a Bcc copy, a forward to another alias)', () => {
    const db = setup();
    const result = ingest(db, [
      { from: 'dee@delta.com', to: 'team@delta.com', id: 'r2@x', date: 'Tue, 2 Jan 2024 09:00:00 +0000' },
      { from: 'dee@delta.com', to: 'someone@else.com', bcc: 'me@example.org', id: 'r3@x', date: 'Tue, 2 Jan 2024 09:00:00 +0000' },
    ]);
    expect(result).toMatchObject({ messagesNew: 2, contactsCreated: 0, skippedOther: 2 });
    expect(contactsView(db)).toEqual([]);
  });
});

describe('bulk and automated mail (rule 4)', () => {
  it.each([
    ['List-Id', { extra: ['List-Id: <dev.lists.example.com>'] }],
    ['List-Unsubscribe', { extra: ['List-Unsubscribe: <mailto:unsubscribe@shop.com>'] }],
    ['Precedence: bulk', { extra: ['Precedence: bulk'] }],
    ['Auto-Submitted', { extra: ['Auto-Submitted: auto-replied'] }],
    ['a noreply sender', { from: 'Shop <no-reply@shop.com>' }],
  ])('%s makes no contact and no interaction, and is counted', (_label, overrides) => {
    const db = setup();
    const result = ingest(db, [{ from: 'Frank <frank@shop.com>', to: 'me@example.org', id: 'b@x', date: 'Tue, 2 Jan 2024 09:00:00 +0000', ...overrides }]);
    expect(result).toMatchObject({ messagesNew: 1, skippedBulk: 1, contactsCreated: 0, interactionsAdded: 0 });
    expect(contactsView(db)).toEqual([]);
  });

  it('counts names from personal mail only: a list rewriting From does not rename a contact', () => {
    const db = setup();
    ingest(db, [
      { from: 'Gina Gold <gina@gold.com>', to: 'me@example.org', id: 'p1@x', date: 'Tue, 2 Jan 2024 09:00:00 +0000' },
      ...[1, 2, 3].map((n) => ({ from: `'Gina Gold' via Dev <gina@gold.com>`, to: 'dev@lists.example.com', id: `l${n}@x`, date: 'Tue, 2 Jan 2024 09:00:00 +0000', extra: ['List-Id: <dev.lists.example.com>'] })),
    ]);
    expect(contactByAddress(db, 'gina@gold.com')?.name).toBe('Gina Gold');
  });
});

describe('duplicates across folders (rule 5)', () => {
  it('counts the same Message-ID once, in one batch or across batches and accounts', () => {
    const db = setup();
    const spec = { from: ME, to: 'ann@acme.com', id: 'dup@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' };
    expect(ingest(db, [spec, spec])).toMatchObject({ messagesNew: 1, duplicates: 1, interactionsAdded: 1 });
    expect(ingest(db, [spec], 2)).toMatchObject({ messagesNew: 0, duplicates: 1, interactionsAdded: 0 });
    expect(contactByAddress(db, 'ann@acme.com')).toMatchObject({ sent: 1 });
  });

  it('merges the Sent copy (with Bcc) and the Inbox copy (without) whatever the order', () => {
    const withBcc = { from: ME, to: 'me@example.org', bcc: 'hal@hotel.com', id: 'bcc@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' };
    const withoutBcc = { from: ME, to: 'me@example.org', id: 'bcc@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' };
    const views = [
      [withBcc, withoutBcc],
      [withoutBcc, withBcc],
    ].map((order) => {
      const db = setup();
      for (const spec of order) ingest(db, [spec]);
      return { contacts: contactsView(db), interactions: interactionsView(db) };
    });
    expect(views[0]).toEqual(views[1]);
    expect(views[0]!.contacts.map((contact) => contact.emails)).toEqual([['hal@hotel.com']]);
  });

  it('a copy that arrived through a list makes the message bulk, whichever copy came first', () => {
    const plain = { from: 'ivy@india.com', to: 'me@example.org, dev@lists.example.com', id: 'list@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' };
    const viaList = { ...plain, extra: ['List-Id: <dev.lists.example.com>'] };
    for (const order of [
      [plain, viaList],
      [viaList, plain],
    ]) {
      const db = setup();
      for (const spec of order) ingest(db, [spec]);
      expect(contactsView(db)).toEqual([]);
    }
  });

  it('takes the earliest date of differing copies (INTERNALDATE fallback differs per folder)', () => {
    const inbox = { from: 'jo@juliet.com', to: 'me@example.org', id: 'nodate@x', internalDate: '2024-03-02T00:00:00Z' };
    const archive = { ...inbox, internalDate: '2024-03-01T00:00:00Z' };
    for (const order of [
      [inbox, archive],
      [archive, inbox],
    ]) {
      const db = setup();
      for (const spec of order) ingest(db, [spec]);
      expect(contactByAddress(db, 'jo@juliet.com')?.lastReceived).toBe('2024-03-01T00:00:00.000Z');
    }
  });
});

describe('addresses and names (rule 6)', () => {
  it('joins Gmail spellings into one contact', () => {
    const db = setup();
    ingest(db, [
      { from: ME, to: 'Kim.Lee+work@googlemail.com', id: 'g1@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' },
      { from: 'Kim Lee <kimlee@gmail.com>', to: 'me@example.org', id: 'g2@x', date: 'Mon, 1 Jan 2024 11:00:00 +0000' },
      { from: 'K.I.M.L.E.E@GMAIL.COM', to: 'me@example.org', id: 'g3@x', date: 'Mon, 1 Jan 2024 12:00:00 +0000' },
    ]);
    expect(contactsView(db)).toHaveLength(1);
    expect(contactByAddress(db, 'kimlee@gmail.com')).toMatchObject({ sent: 1, received: 2, name: 'Kim Lee' });
  });

  it('names a contact by its most frequent non-empty display name, decoded, never an address', () => {
    const db = setup();
    ingest(db, [
      { from: '=?UTF-8?Q?Lu=C3=ADsa_Mendes?= <luisa@lima.pt>', to: 'me@example.org', id: 'n1@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' },
      { from: '"Luísa Mendes" <luisa@lima.pt>', to: 'me@example.org', id: 'n2@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' },
      { from: 'Luisa <luisa@lima.pt>', to: 'me@example.org', id: 'n3@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' },
      { from: ME, to: '"luisa@lima.pt" <luisa@lima.pt>', id: 'n4@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' },
      { from: ME, to: '"luisa@lima.pt" <luisa@lima.pt>', id: 'n5@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' },
      { from: ME, to: '"luisa@lima.pt" <luisa@lima.pt>', id: 'n6@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' },
    ]);
    expect(contactByAddress(db, 'luisa@lima.pt')?.name).toBe('Luísa Mendes');
    const address = ingest(db, [{ from: 'mo@mike.com', to: 'me@example.org', id: 'n7@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' }]);
    expect(address.contactsCreated).toBe(1);
    expect(contactByAddress(db, 'mo@mike.com')?.name).toBeNull();
  });

  it('lets a name the user set win over the derived one, and hands it back when cleared', () => {
    const db = setup();
    ingest(db, [{ from: 'Nia N <nia@november.com>', to: 'me@example.org', id: 'c1@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' }]);
    const id = db.prepare('SELECT contact_id FROM contact_emails WHERE address = ?').pluck().get('nia@november.com') as number;
    updateContact(db, id, { name: 'Nia November' }, NOW);
    ingest(db, [{ from: 'Nia N <nia@november.com>', to: 'me@example.org', id: 'c2@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' }]);
    expect(contactByAddress(db, 'nia@november.com')?.name).toBe('Nia November');
    updateContact(db, id, { name: null }, NOW);
    expect(contactByAddress(db, 'nia@november.com')?.name).toBe('Nia N');
  });

  it('never makes a contact from a malformed address', () => {
    const db = setup();
    ingest(db, [{ from: ME, to: 'undisclosed-recipients:;, not-an-address, @nolocal.com, ok@oscar.com', id: 'm1@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' }]);
    expect(contactsView(db).map((contact) => contact.emails)).toEqual([['ok@oscar.com']]);
  });
});

describe('companies', () => {
  it('names the company after the registrable domain, never after a free-mail provider, and the user can override', () => {
    const db = setup();
    ingest(db, [
      { from: ME, to: 'pat@mail.acme-widgets.co.uk, quinn@gmail.com, rae@yahoo.co.uk, sam@outlook.com', id: 'co@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' },
    ]);
    expect(contactByAddress(db, 'pat@mail.acme-widgets.co.uk')?.company).toBe('Acme Widgets');
    for (const address of ['quinn@gmail.com', 'rae@yahoo.co.uk', 'sam@outlook.com']) expect(contactByAddress(db, address)?.company).toBeNull();
    const id = db.prepare('SELECT contact_id FROM contact_emails WHERE address = ?').pluck().get('quinn@gmail.com') as number;
    updateContact(db, id, { company: 'Quinn Consulting' }, NOW);
    expect(contactByAddress(db, 'quinn@gmail.com')?.company).toBe('Quinn Consulting');
  });
});

describe('own identities (rule 1)', () => {
  it('re-classifies stored mail when an own address is found later (Sent read after INBOX)', () => {
    const db = networkDb();
    // Mail to an alias the sync does not know yet, and mail sent from it.
    ingest(db, [
      { from: 'tess@tango.com', to: 'me.alias@example.org', id: 'i1@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' },
      { from: 'Me <me.alias@example.org>', to: 'uma@uniform.com', id: 'i2@x', date: 'Mon, 1 Jan 2024 11:00:00 +0000' },
    ]);
    expect(contactsView(db).map((contact) => contact.emails)).toEqual([]);
    expect(addIdentities(db, [{ address: 'Me.Alias@example.org', accountId: 1, source: 'sent' }], NOW)).toEqual({ added: 1 });
    expect(contactsView(db).map((contact) => contact.emails)).toEqual([['tess@tango.com'], ['uma@uniform.com']]);
    expect(addIdentities(db, [{ address: 'me.alias@example.org', accountId: 1, source: 'alias' }], NOW)).toEqual({ added: 0 });
  });

  it('takes an address that becomes own away from its contact, removing a mail-made contact left empty', () => {
    const db = setup();
    ingest(db, [
      { from: ME, to: 'old.me@previous-job.com, val@victor.com', id: 'o1@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' },
      { from: 'Old Me <old.me@previous-job.com>', to: 'me@example.org, wes@whiskey.com', id: 'o2@x', date: 'Mon, 1 Jan 2024 11:00:00 +0000' },
    ]);
    expect(contactByAddress(db, 'old.me@previous-job.com')).toBeDefined();
    addIdentities(db, [{ address: 'old.me@previous-job.com', accountId: null, source: 'alias' }], NOW);
    // o2 is now sent mail: wes becomes a contact, old.me is no contact at all.
    expect(contactsView(db).map((contact) => contact.emails)).toEqual([['val@victor.com'], ['wes@whiskey.com']]);
    expect(interactionsView(db).some((row) => row.includes('old.me@previous-job.com'))).toBe(false);
  });

  it('keeps a contact the user gave data to when its only address becomes own', () => {
    const db = setup();
    const id = createContact(db, { name: 'Second Me', emails: ['me2@example.net'], notes: 'my other inbox', source: 'manual' }, NOW);
    addIdentities(db, [{ address: 'me2@example.net', accountId: null, source: 'alias' }], NOW);
    expect(db.prepare('SELECT name, notes FROM contacts WHERE id = ?').get(id)).toEqual({ name: 'Second Me', notes: 'my other inbox' });
    expect(db.prepare('SELECT count(*) FROM contact_emails WHERE contact_id = ?').pluck().get(id)).toBe(0);
  });

  it('refuses an identity that is not an address', () => {
    const db = networkDb();
    expect(() => addIdentities(db, [{ address: 'nobody', accountId: 1, source: 'alias' }], NOW)).toThrow(/not an email address/);
  });
});

describe('ignore list', () => {
  const corpus: MailSpec[] = [
    { from: ME, to: 'xena@xray.com', id: 'x1@x', date: 'Mon, 1 Jan 2024 10:00:00 +0000' },
    { from: 'Xena <xena@xray.com>', to: 'me@example.org', id: 'x2@x', date: 'Tue, 2 Jan 2024 10:00:00 +0000' },
    { from: 'yan@eu.yankee.com', to: 'me@example.org', id: 'y1@x', date: 'Tue, 2 Jan 2024 10:00:00 +0000' },
    { from: 'zed@yankee.com', to: 'me@example.org', id: 'y2@x', date: 'Tue, 2 Jan 2024 10:00:00 +0000' },
    { from: 'amy@notyankee.com', to: 'me@example.org', id: 'y3@x', date: 'Tue, 2 Jan 2024 10:00:00 +0000' },
  ];

  it('hides an address and a whole domain with its subdomains, and un-ignoring restores them without a re-sync', () => {
    const db = setup();
    ingest(db, corpus);
    const before = contactsView(db);
    addIgnore(db, 'Xena@XRAY.com', NOW);
    addIgnore(db, '@yankee.com', NOW);
    expect(contactsView(db).map((contact) => contact.emails)).toEqual([['amy@notyankee.com']]);
    // Future mail from ignored senders is skipped.
    const later = ingest(db, [{ from: 'new@sub.yankee.com', to: 'me@example.org', id: 'y4@x', date: 'Wed, 3 Jan 2024 10:00:00 +0000' }]);
    expect(later).toMatchObject({ contactsCreated: 0, skippedOther: 1 });
    removeIgnore(db, 'xena@xray.com', NOW);
    removeIgnore(db, 'yankee.com', NOW);
    const after = contactsView(db);
    expect(after.filter((contact) => !contact.emails.includes('new@sub.yankee.com'))).toEqual(before);
    expect(contactByAddress(db, 'new@sub.yankee.com')).toMatchObject({ received: 1 });
  });

  it('keeps a contact with user data hidden while ignored, and brings it back with its data', () => {
    const db = setup();
    ingest(db, corpus);
    const id = db.prepare('SELECT contact_id FROM contact_emails WHERE address = ?').pluck().get('xena@xray.com') as number;
    updateContact(db, id, { notes: 'met at the Lisbon offsite', tags: ['vip'] }, NOW);
    const change = addIgnore(db, 'xena@xray.com', NOW);
    expect(change.contactsAffected).toBe(1);
    expect(db.prepare('SELECT ignored, sent_count, received_count FROM contacts WHERE id = ?').get(id)).toEqual({ ignored: 1, sent_count: 0, received_count: 0 });
    removeIgnore(db, 'xena@xray.com', NOW);
    expect(db.prepare('SELECT ignored, sent_count, received_count, notes FROM contacts WHERE id = ?').get(id)).toEqual({
      ignored: 0,
      sent_count: 1,
      received_count: 1,
      notes: 'met at the Lisbon offsite',
    });
  });

  it('refuses what is neither an address nor a domain, and un-ignoring something not ignored', () => {
    const db = setup();
    expect(() => addIgnore(db, 'not an address', NOW)).toThrow(/not an email address or @domain/);
    expect(() => removeIgnore(db, '@never-ignored.com', NOW)).toThrow(/not on the ignore list/);
  });
});

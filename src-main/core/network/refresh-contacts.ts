import type { ContactTableRow } from '../contacts/contact-table-row.js';
import { removeSearchRow, writeSearchRow } from '../contacts/contact-search-index.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { loadIgnoreMatcher, type IgnoreMatcher } from './address-rules.js';
import { companyFromAddresses } from './company.js';
import { pickDisplayName } from './headers/index.js';
import { cachedFor } from './statement-cache.js';
import { ensureStrengthBasis, toStrengthInteraction, type StrengthBasis } from './strength-basis.js';
import { strengthFromSums, strengthSums } from './strength.js';

type ContactRow = Pick<ContactTableRow, 'name' | 'name_is_custom' | 'company' | 'company_is_custom' | 'title' | 'notes' | 'tags'>;

interface InteractionRow {
  occurred_at: string;
  kind: 'email' | 'call' | 'meeting' | 'other' | 'note';
  direction: 'sent' | 'received' | null;
  role: 'from' | 'to' | 'cc' | 'bcc' | null;
  recipient_count: number | null;
}

function prepare(db: VaultDatabase) {
  return {
    contact: db.prepare('SELECT name, name_is_custom, company, company_is_custom, title, notes, tags FROM contacts WHERE id = ?'),
    addresses: db.prepare('SELECT address FROM contact_emails WHERE contact_id = ? ORDER BY is_primary DESC, address').pluck(),
    interactions: db.prepare('SELECT occurred_at, kind, direction, role, recipient_count FROM interactions WHERE contact_id = ?'),
    names: db.prepare('SELECT name, count FROM address_names WHERE address = ?'),
    noteBodies: db.prepare('SELECT body FROM notes WHERE contact_id = ? ORDER BY id').pluck(),
    rename: db.prepare('UPDATE contacts SET name = ? WHERE id = ?'),
    update: db.prepare(
      `UPDATE contacts SET name = ?, company = ?, strength = ?, strength_sent = ?, strength_received = ?, sent_count = ?, received_count = ?,
         last_sent_at = ?, last_received_at = ?, last_interaction_at = ?, ignored = ? WHERE id = ?`,
    ),
  };
}

/**
 * Recomputes everything derived about the given contacts: sent/received counts, newest sent,
 * received and any-kind interaction (logged touches and touch notes are interactions too), strength, the
 * display name (unless the user set one), the company (unless the user set one), whether the
 * ignore list hides it, and its full-text row. Ids of deleted contacts just lose their search row.
 * Cost is proportional to the given contacts' interactions, never to the vault.
 */
export function refreshContacts(db: VaultDatabase, contactIds: Iterable<number>, now: Date): void {
  const ids = [...new Set(contactIds)];
  if (ids.length === 0) return;
  const basis = ensureStrengthBasis(db, now);
  const ignored = loadIgnoreMatcher(db);
  for (const id of ids) refreshContact(db, id, basis, ignored);
}

function refreshContact(db: VaultDatabase, id: number, basis: StrengthBasis, isIgnored: IgnoreMatcher): void {
  const statements = cachedFor(db, prepare);
  const contact = statements.contact.get(id) as ContactRow | undefined;
  if (contact === undefined) {
    removeSearchRow(db, id);
    return;
  }
  const addresses = statements.addresses.all(id) as string[];
  const interactions = statements.interactions.all(id) as InteractionRow[];

  let sent = 0;
  let received = 0;
  let lastSent: string | null = null;
  let lastReceived: string | null = null;
  let lastAny: string | null = null;
  for (const row of interactions) {
    if (row.direction === 'sent') {
      sent++;
      if (lastSent === null || row.occurred_at > lastSent) lastSent = row.occurred_at;
    } else if (row.direction === 'received') {
      received++;
      if (lastReceived === null || row.occurred_at > lastReceived) lastReceived = row.occurred_at;
    }
    if (lastAny === null || row.occurred_at > lastAny) lastAny = row.occurred_at;
  }
  const sums = strengthSums(interactions.map(toStrengthInteraction), basis.asOfMs, basis.halfLifeDays);

  const name = contact.name_is_custom ? contact.name : derivedName(db, addresses);
  const company = contact.company_is_custom ? contact.company : companyFromAddresses(addresses);
  const hidden = addresses.length > 0 && !isIgnored.isEmpty && addresses.every((address) => isIgnored(address));
  statements.update.run(name, company, strengthFromSums(sums), sums.sent, sums.received, sent, received, lastSent, lastReceived, lastAny, hidden ? 1 : 0, id);

  writeContactSearchRow(db, id, contact, { name, company, emails: addresses });
}

/**
 * Re-picks the display name of contacts whose name counts changed and nothing else (a batch that
 * only added mail to them): their counts and strength are kept up to date by contact deltas, so
 * re-reading all their interactions, as refreshContacts does, would be wasted. The search row is
 * rewritten only when the name actually changes.
 */
export function refreshContactNames(db: VaultDatabase, contactIds: Iterable<number>): void {
  const statements = cachedFor(db, prepare);
  for (const id of contactIds) {
    const contact = statements.contact.get(id) as ContactRow | undefined;
    if (contact === undefined || contact.name_is_custom) continue;
    const addresses = statements.addresses.all(id) as string[];
    const name = derivedName(db, addresses);
    if (name === contact.name) continue;
    statements.rename.run(name, id);
    writeContactSearchRow(db, id, contact, { name, company: contact.company, emails: addresses });
  }
}

/** The contact's full-text row: the given name, company and addresses, its own fields, its notes. */
function writeContactSearchRow(db: VaultDatabase, id: number, contact: ContactRow, derived: { name: string | null; company: string | null; emails: string[] }): void {
  const notes = cachedFor(db, prepare).noteBodies.all(id) as string[];
  writeSearchRow(db, id, { ...derived, title: contact.title, tags: parseTags(contact.tags), notes: contact.notes === null ? notes : [contact.notes, ...notes] });
}

/** DESIGN rule 6: the most frequent non-empty display name over all the contact's addresses. */
function derivedName(db: VaultDatabase, addresses: readonly string[]): string | null {
  const statements = cachedFor(db, prepare);
  const counts = new Map<string, number>();
  for (const address of addresses) {
    for (const row of statements.names.all(address) as { name: string; count: number }[]) {
      counts.set(row.name, (counts.get(row.name) ?? 0) + row.count);
    }
  }
  return pickDisplayName(counts);
}

export function parseTags(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}

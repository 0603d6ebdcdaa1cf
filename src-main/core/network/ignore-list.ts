import type { IgnoreChange, IgnoreEntry } from '../../../src-shared/api/contacts.js';
import { RapportError } from '../errors.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { ignoreMatcherOf, loadIgnoreMatcher } from './address-rules.js';
import { normaliseAddress, normaliseDomain } from './headers/index.js';
import { NetworkWriter } from './network-writer.js';

interface IgnoreRow {
  pattern: string;
  kind: 'address' | 'domain';
  created_at: string;
}

const toEntry = (row: IgnoreRow): IgnoreEntry => ({ pattern: row.pattern, kind: row.kind, createdAt: row.created_at });

/** `jane@x.com` is an address; `@acme.com` or `acme.com` a domain (which covers its subdomains). */
export function parseIgnorePattern(input: string): { pattern: string; kind: 'address' | 'domain' } {
  const text = input.trim();
  const fail = () => new RapportError('invalid_args', `not an email address or @domain: ${JSON.stringify(input)}`, [{ path: 'pattern', message: 'expected an email address or @domain' }]);
  if (text.startsWith('@') || !text.includes('@')) {
    const domain = normaliseDomain(text.replace(/^@/, ''));
    if (domain === null || !domain.includes('.')) throw fail();
    return { pattern: domain, kind: 'domain' };
  }
  const address = normaliseAddress(text);
  if (address === null) throw fail();
  return { pattern: address, kind: 'address' };
}

export function listIgnores(db: VaultDatabase): IgnoreEntry[] {
  return (db.prepare('SELECT pattern, kind, created_at FROM ignores ORDER BY kind, pattern').all() as IgnoreRow[]).map(toEntry);
}

/** Addresses (in contacts or in stored mail) that one ignore entry covers. */
function addressesCovered(db: VaultDatabase, entry: { pattern: string; kind: 'address' | 'domain' }): string[] {
  if (entry.kind === 'address') return [entry.pattern];
  const escaped = entry.pattern.replace(/[\\%_]/g, (char) => `\\${char}`);
  const like = `(address LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\')`;
  const params = [`%@${escaped}`, `%.${escaped}`];
  const rows = db
    .prepare(`SELECT address FROM contact_emails WHERE ${like} UNION SELECT DISTINCT address FROM message_addresses WHERE ${like}`)
    .pluck()
    .all(...params, ...params) as string[];
  const matches = ignoreMatcherOf([entry]);
  return rows.filter((address) => matches(address));
}

/**
 * Ignored senders disappear from the network: their mail interactions are removed, a mail-made
 * contact with nothing of the user's is deleted, one with user data is kept but hidden (so
 * un-ignoring brings it back as it was). Stored header facts stay, for un-ignoring.
 */
export function addIgnore(db: VaultDatabase, input: string, now: Date): IgnoreChange {
  const parsed = parseIgnorePattern(input);
  const existing = db.prepare('SELECT pattern, kind, created_at FROM ignores WHERE pattern = ?').get(parsed.pattern) as IgnoreRow | undefined;
  if (existing !== undefined) return { entry: toEntry(existing), contactsAffected: 0 };
  db.prepare('INSERT INTO ignores (pattern, kind, created_at) VALUES (?, ?, ?)').run(parsed.pattern, parsed.kind, now.toISOString());

  const writer = new NetworkWriter(db, now);
  const contactOf = db.prepare('SELECT contact_id FROM contact_emails WHERE address = ?').pluck();
  // Mail interactions of an address always belong to the contact holding it.
  const removeInteractions = db.prepare(`DELETE FROM interactions WHERE contact_id = ? AND address = ? AND kind = 'email'`);
  for (const address of addressesCovered(db, parsed)) {
    const owner = contactOf.get(address) as number | undefined;
    if (owner === undefined) continue;
    removeInteractions.run(owner, address);
    writer.touched.add(owner);
  }
  const touched = [...writer.touched];
  writer.finish();
  const stillVisible = db.prepare('SELECT 1 FROM contacts WHERE id = ? AND ignored = 0').pluck();
  const contactsAffected = touched.filter((id) => stillVisible.get(id) === undefined).length;
  return { entry: { pattern: parsed.pattern, kind: parsed.kind, createdAt: now.toISOString() }, contactsAffected };
}

/** Un-ignoring derives the stored mail of the covered addresses again: no re-sync needed. */
export function removeIgnore(db: VaultDatabase, input: string, now: Date): IgnoreChange {
  const parsed = parseIgnorePattern(input);
  const row = db.prepare('SELECT pattern, kind, created_at FROM ignores WHERE pattern = ? AND kind = ?').get(parsed.pattern, parsed.kind) as IgnoreRow | undefined;
  if (row === undefined) throw new RapportError('not_found', `${parsed.kind === 'domain' ? '@' : ''}${parsed.pattern} is not on the ignore list`);
  db.prepare('DELETE FROM ignores WHERE pattern = ?').run(parsed.pattern);

  const stillIgnored = loadIgnoreMatcher(db);
  const freed = addressesCovered(db, parsed).filter((address) => !stillIgnored(address));
  const writer = new NetworkWriter(db, now);
  const contactOf = db.prepare('SELECT contact_id FROM contact_emails WHERE address = ?').pluck();
  for (const address of freed) {
    const owner = contactOf.get(address) as number | undefined;
    if (owner !== undefined) writer.touched.add(owner);
  }
  writer.rederive(writer.messagesMentioning(freed));
  const touched = [...writer.touched];
  writer.finish();
  const visible = db.prepare('SELECT 1 FROM contacts WHERE id = ? AND ignored = 0').pluck();
  return { entry: toEntry(row), contactsAffected: touched.filter((id) => visible.get(id) !== undefined).length };
}

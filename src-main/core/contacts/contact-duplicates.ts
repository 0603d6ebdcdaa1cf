import type { DuplicateReason, DuplicateSide, DuplicateSuggestion } from '../../../src-shared/api/contacts.js';
import { isFreeMailDomain, domainOf } from '../network/company.js';
import type { StrengthBasis } from '../network/strength-basis.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { displayStrength } from './contact-rows.js';

/** Local parts that name a role, not a person: sharing one says nothing. */
const ROLE_LOCAL_PARTS = new Set([
  'info', 'admin', 'contact', 'hello', 'hi', 'sales', 'support', 'help', 'office', 'team', 'mail', 'email', 'jobs', 'careers',
  'billing', 'accounts', 'accounting', 'invoices', 'service', 'services', 'marketing', 'press', 'media', 'hr', 'legal', 'finance',
  'enquiries', 'inquiries', 'webmaster', 'me', 'home', 'work', 'test', 'user', 'mail', 'post',
]);

/** Diacritics off, lower case, words sorted: "Doe, Jané" and "jane doe" meet. */
export function nameKey(name: string | null): string | null {
  if (name === null) return null;
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  if (words.length < 2) return null;
  return words.sort().join(' ');
}

/** The local part without +tag and separators: `jane.doe+x@` → `janedoe`; null when too generic. */
export function localKey(address: string): string | null {
  let local = address.slice(0, address.lastIndexOf('@'));
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  const key = local.replace(/[._-]/g, '');
  if (key.length < 4 || ROLE_LOCAL_PARTS.has(key) || /^\d+$/.test(key)) return null;
  return key;
}

interface Candidate {
  side: DuplicateSide;
  nameKey: string | null;
  /** Name words joined both ways round: "janedoe", "doejane". */
  nameJoined: string[];
}

/**
 * Pairs of contacts that look like one person, with every reason found:
 * - same-name: the same name once accents, case, punctuation and word order are set aside
 *   (at least two words: a lone first name is too common to mean anything);
 * - same-local-part: the same mailbox name at a free-mail provider and at a work domain
 *   (`jane.doe@gmail.com` and `janedoe@acme.com`);
 * - name-matches-address: one's name, written together, is the other's mailbox name.
 * Pairs the user dismissed are left out. Strongest pairs with most reasons first.
 */
export function findDuplicates(db: VaultDatabase, limit: number, basis: StrengthBasis, now: Date): DuplicateSuggestion[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.name, c.company, c.sent_count, c.received_count, c.last_interaction_at, c.strength,
              (SELECT json_group_array(address) FROM (SELECT address FROM contact_emails WHERE contact_id = c.id ORDER BY is_primary DESC, address)) AS emails
       FROM contacts c WHERE c.ignored = 0 AND c.archived_at IS NULL`,
    )
    .all() as { id: number; name: string | null; company: string | null; sent_count: number; received_count: number; last_interaction_at: string | null; strength: number; emails: string }[];
  const candidates = new Map<number, Candidate>();
  for (const row of rows) {
    const key = nameKey(row.name);
    const words = key === null ? [] : key.split(' ');
    candidates.set(row.id, {
      side: {
        id: row.id,
        name: row.name,
        company: row.company,
        emails: JSON.parse(row.emails) as string[],
        sent: row.sent_count,
        received: row.received_count,
        lastInteractionAt: row.last_interaction_at,
        strength: displayStrength(row.strength, basis, now),
      },
      nameKey: key,
      nameJoined: words.length === 2 ? [words.join(''), [...words].reverse().join('')] : words.length > 2 ? [words.join('')] : [],
    });
  }

  const pairs = new Map<string, { a: number; b: number; reasons: DuplicateReason[] }>();
  const addReason = (x: number, y: number, reason: DuplicateReason) => {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}:${b}`;
    const pair = pairs.get(key) ?? { a, b, reasons: [] };
    if (!pair.reasons.some((existing) => existing.code === reason.code)) pair.reasons.push(reason);
    pairs.set(key, pair);
  };
  const groupBy = <T>(entries: Iterable<[string, T]>) => {
    const groups = new Map<string, T[]>();
    for (const [key, value] of entries) {
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [value]);
      else group.push(value);
    }
    return groups;
  };
  // Very common names or mailbox names pair everyone with everyone: such groups are skipped.
  const MAX_GROUP = 8;

  const byName = groupBy([...candidates.values()].filter((entry) => entry.nameKey !== null).map((entry) => [entry.nameKey!, entry] as [string, Candidate]));
  for (const group of byName.values()) {
    if (group.length < 2 || group.length > MAX_GROUP) continue;
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) addReason(group[i]!.side.id, group[j]!.side.id, { code: 'same-name', detail: `both are named "${group[i]!.side.name}"` });
  }

  const addressEntries: [string, { id: number; address: string; free: boolean }][] = [];
  for (const entry of candidates.values()) {
    for (const address of entry.side.emails) {
      const key = localKey(address);
      if (key !== null) addressEntries.push([key, { id: entry.side.id, address, free: isFreeMailDomain(domainOf(address)) }]);
    }
  }
  const byLocal = groupBy(addressEntries);
  for (const group of byLocal.values()) {
    if (group.length < 2 || group.length > MAX_GROUP) continue;
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const [x, y] = [group[i]!, group[j]!];
        if (x.free !== y.free) addReason(x.id, y.id, { code: 'same-local-part', detail: `${x.address} and ${y.address} share a mailbox name across a personal and a work domain` });
      }
  }

  for (const entry of candidates.values()) {
    for (const joined of entry.nameJoined) {
      const group = byLocal.get(joined);
      if (group === undefined || group.length > MAX_GROUP) continue;
      for (const other of group) {
        if (other.id !== entry.side.id) addReason(entry.side.id, other.id, { code: 'name-matches-address', detail: `"${entry.side.name}" matches the address ${other.address}` });
      }
    }
  }

  const dismissed = new Set((db.prepare('SELECT low_id, high_id FROM duplicate_dismissals').all() as { low_id: number; high_id: number }[]).map((row) => `${row.low_id}:${row.high_id}`));
  return [...pairs.entries()]
    .filter(([key]) => !dismissed.has(key))
    .map(([, pair]) => ({ contacts: [candidates.get(pair.a)!.side, candidates.get(pair.b)!.side] as [DuplicateSide, DuplicateSide], reasons: pair.reasons }))
    .sort(
      (x, y) =>
        y.reasons.length - x.reasons.length ||
        y.contacts[0].strength + y.contacts[1].strength - (x.contacts[0].strength + x.contacts[1].strength) ||
        x.contacts[0].id - y.contacts[0].id ||
        x.contacts[1].id - y.contacts[1].id,
    )
    .slice(0, limit);
}

export function dismissDuplicate(db: VaultDatabase, x: number, y: number, now: Date): void {
  const [low, high] = x < y ? [x, y] : [y, x];
  db.prepare('INSERT OR IGNORE INTO duplicate_dismissals (low_id, high_id, created_at) VALUES (?, ?, ?)').run(low, high, now.toISOString());
}

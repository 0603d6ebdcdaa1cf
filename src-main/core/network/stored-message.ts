import type { BulkReason, MailAddress, MessageFacts } from './headers/index.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { messageKeyPrefix } from '../vault/migrations/message-key-prefix.js';
import { networkStatements } from './network-statements.js';

/** One message as the network is derived from it: what a `messages` row holds. */
export interface StoredMessage {
  readonly id: number;
  readonly key: string;
  readonly accountId: number | null;
  readonly occurredAt: string;
  readonly threadKey: string | null;
  readonly from: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  readonly bulk: BulkReason | null;
  readonly recipientCount: number;
}

export type AddressRole = 'from' | 'to' | 'cc' | 'bcc';

export interface AddressRow {
  readonly address: string;
  readonly role: AddressRole;
  readonly name: string | null;
}

/** `messages.addresses`: `[address, role, name]` triples, from first, then to, cc and bcc in header order. */
type AddressTriple = [string, AddressRole, string | null];

/** Distinct recipient addresses (To, Cc and Bcc together), as `recipient_count` stores it. */
export function recipientCountOf(facts: Pick<MessageFacts, 'to' | 'cc' | 'bcc'>): number {
  const total = facts.to.length + facts.cc.length + facts.bcc.length;
  if (total < 2) return total;
  const distinct = new Set<string>();
  for (const list of [facts.to, facts.cc, facts.bcc]) for (const entry of list) distinct.add(entry.address);
  return distinct.size;
}

/** `occurredAt` and `recipientCount` may be given when the caller already worked them out (for the row it inserts). */
export function storedMessageFromFacts(
  facts: MessageFacts,
  id: number,
  accountId: number,
  occurredAt = facts.date.toISOString(),
  recipientCount = recipientCountOf(facts),
): StoredMessage {
  return {
    id,
    key: facts.key,
    accountId,
    occurredAt,
    threadKey: facts.threadKey,
    from: facts.from,
    to: facts.to,
    cc: facts.cc,
    bcc: facts.bcc,
    bulk: facts.bulk,
    recipientCount,
  };
}

export function addressRowsOf(message: Pick<StoredMessage, 'from' | 'to' | 'cc' | 'bcc'>): AddressRow[] {
  const rows: AddressRow[] = [{ address: message.from.address, role: 'from', name: message.from.name }];
  for (const entry of message.to) rows.push({ address: entry.address, role: 'to', name: entry.name });
  for (const entry of message.cc) rows.push({ address: entry.address, role: 'cc', name: entry.name });
  for (const entry of message.bcc) rows.push({ address: entry.address, role: 'bcc', name: entry.name });
  return rows;
}

/** One row per (address, role): a header naming the same person twice in one role stores it once, with the first name shown. */
export function distinctAddressRows(rows: AddressRow[]): AddressRow[] {
  if (!mayRepeatPairs(rows)) return rows;
  const seen = new Set<string>();
  const distinct: AddressRow[] = [];
  for (const row of rows) {
    const pair = `${row.address}\u0000${row.role}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    distinct.push(row);
  }
  return distinct;
}

const ROLE_ORDER: Record<AddressRole, number> = { from: 0, to: 1, cc: 2, bcc: 3 };

/** From first, then to, cc and bcc, each in the order seen (a stable sort). */
export function sortByRole(rows: readonly AddressRow[]): AddressRow[] {
  return [...rows].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}

/** Most messages name a handful of addresses: comparing pairs directly is cheaper than building keys (long lists take the Set). */
function mayRepeatPairs(rows: readonly AddressRow[]): boolean {
  if (rows.length > 16) return true;
  for (let index = 1; index < rows.length; index++) {
    const row = rows[index]!;
    for (let other = 0; other < index; other++) if (rows[other]!.address === row.address && rows[other]!.role === row.role) return true;
  }
  return false;
}

export function encodeAddressRows(rows: readonly AddressRow[]): string {
  // Written out by hand: this runs for every message, and mapping to triples first doubled its cost.
  let json = '[';
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    json += `${index === 0 ? '' : ','}[${JSON.stringify(row.address)},"${row.role}",${row.name === null ? 'null' : JSON.stringify(row.name)}]`;
  }
  return `${json}]`;
}

export function decodeAddressRows(json: string): AddressRow[] {
  return (JSON.parse(json) as AddressTriple[]).map(([address, role, name]) => ({ address, role, name }));
}

export interface MessageRow {
  id: number;
  key: string;
  account_id: number | null;
  occurred_at: string;
  thread_key: string | null;
  from_address: string;
  bulk_reason: BulkReason | null;
  recipient_count: number;
  addresses: string;
}

function storedMessageFromRow(row: MessageRow): StoredMessage {
  const to: MailAddress[] = [];
  const cc: MailAddress[] = [];
  const bcc: MailAddress[] = [];
  let fromName: string | null = null;
  for (const entry of decodeAddressRows(row.addresses)) {
    const address = { address: entry.address, name: entry.name };
    if (entry.role === 'to') to.push(address);
    else if (entry.role === 'cc') cc.push(address);
    else if (entry.role === 'bcc') bcc.push(address);
    else if (entry.address === row.from_address) fromName = entry.name;
  }
  return {
    id: row.id,
    key: row.key,
    accountId: row.account_id,
    occurredAt: row.occurred_at,
    threadKey: row.thread_key,
    from: { address: row.from_address, name: fromName },
    to,
    cc,
    bcc,
    bulk: row.bulk_reason,
    recipientCount: row.recipient_count,
  };
}

/** The id of the stored message with this key, if any. */
export function storedMessageId(db: VaultDatabase, key: string): number | null {
  const rows = networkStatements(db).messageKeysWithPrefix.all(messageKeyPrefix(key)) as { id: number; key: string }[];
  return rows.find((row) => row.key === key)?.id ?? null;
}

/** Reads a stored message back, for re-deriving it after identities or the ignore list changed. */
export function loadStoredMessage(db: VaultDatabase, id: number): StoredMessage | null {
  const row = networkStatements(db).selectMessage.get(id) as MessageRow | undefined;
  return row === undefined ? null : storedMessageFromRow(row);
}

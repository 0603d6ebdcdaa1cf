import type { BulkReason, MailAddress, MessageFacts } from './headers/index.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { networkStatements } from './network-statements.js';

/** One message as the network is derived from it: what `messages` and `message_addresses` hold. */
export interface StoredMessage {
  readonly key: string;
  readonly accountId: number;
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

/** Distinct recipient addresses (To, Cc and Bcc together), as `recipient_count` stores it. */
export function recipientCountOf(facts: Pick<MessageFacts, 'to' | 'cc' | 'bcc'>): number {
  const total = facts.to.length + facts.cc.length + facts.bcc.length;
  if (total < 2) return total;
  const distinct = new Set<string>();
  for (const list of [facts.to, facts.cc, facts.bcc]) for (const entry of list) distinct.add(entry.address);
  return distinct.size;
}

export function storedMessageFromFacts(facts: MessageFacts, accountId: number): StoredMessage {
  return {
    key: facts.key,
    accountId,
    occurredAt: facts.date.toISOString(),
    threadKey: facts.threadKey,
    from: facts.from,
    to: facts.to,
    cc: facts.cc,
    bcc: facts.bcc,
    bulk: facts.bulk,
    recipientCount: recipientCountOf(facts),
  };
}

export function addressRowsOf(message: Pick<StoredMessage, 'from' | 'to' | 'cc' | 'bcc'>): AddressRow[] {
  const rows: AddressRow[] = [{ address: message.from.address, role: 'from', name: message.from.name }];
  for (const entry of message.to) rows.push({ address: entry.address, role: 'to', name: entry.name });
  for (const entry of message.cc) rows.push({ address: entry.address, role: 'cc', name: entry.name });
  for (const entry of message.bcc) rows.push({ address: entry.address, role: 'bcc', name: entry.name });
  return rows;
}

interface MessageRow {
  key: string;
  account_id: number;
  occurred_at: string;
  thread_key: string | null;
  from_address: string;
  bulk_reason: BulkReason | null;
  recipient_count: number;
}

/** Reads a stored message back, for re-deriving it after identities or the ignore list changed. */
export function loadStoredMessage(db: VaultDatabase, key: string): StoredMessage | null {
  const statements = networkStatements(db);
  const row = statements.selectMessage.get(key) as MessageRow | undefined;
  if (row === undefined) return null;
  const rows = statements.selectAddresses.all(key) as AddressRow[];
  const to: MailAddress[] = [];
  const cc: MailAddress[] = [];
  const bcc: MailAddress[] = [];
  let fromName: string | null = null;
  for (const entry of rows) {
    const address = { address: entry.address, name: entry.name };
    if (entry.role === 'to') to.push(address);
    else if (entry.role === 'cc') cc.push(address);
    else if (entry.role === 'bcc') bcc.push(address);
    else if (entry.address === row.from_address) fromName = entry.name;
  }
  return {
    key,
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

import { ensurePrimaryAddress } from '../contacts/contact-store.js';
import { RapportError } from '../errors.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { messageKeyPrefix } from '../vault/migrations/message-key-prefix.js';
import { normaliseAddress, type MessageFacts } from './headers/index.js';
import { networkStatements, type NetworkStatements } from './network-statements.js';
import { NetworkWriter } from './network-writer.js';
import {
  addressRowsOf,
  decodeAddressRows,
  distinctAddressRows,
  encodeAddressRows,
  recipientCountOf,
  sortByRole,
  storedMessageFromFacts,
  type MessageRow,
  type StoredMessage,
} from './stored-message.js';

export interface IngestResult {
  messagesNew: number;
  duplicates: number;
  contactsCreated: number;
  interactionsAdded: number;
  skippedBulk: number;
  skippedOther: number;
}

/**
 * Stores one batch of header facts (dedupe by message key) and updates contacts/interactions.
 * Runs inside the caller's transaction.
 *
 * A message seen again (the same Message-ID in another folder or account) counts once. Its copies
 * can differ — the Sent copy carries Bcc, a list's copy carries List-Id, INTERNALDATE differs
 * per folder — so copies are merged by rules that do not depend on which came first: the union
 * of addresses, the earliest date, the smallest thread key, account id and From, and "bulk" if
 * any copy is. When a copy changes the stored message, that message is derived again.
 */
export function ingestMessages(db: VaultDatabase, input: { accountId: number; facts: MessageFacts[]; now: Date }): IngestResult {
  const statements = networkStatements(db);
  const writer = new NetworkWriter(db, input.now);
  const nowIso = input.now.toISOString();
  const stored = storedMessagesSharingPrefixes(statements, input.facts);
  let messagesNew = 0;
  let duplicates = 0;
  for (const facts of input.facts) {
    const existing = stored.get(facts.key);
    if (existing !== undefined) {
      duplicates++;
      const storedRow = typeof existing === 'number' ? (statements.selectMessage.get(existing) as MessageRow) : existing;
      const merged = mergeCopy(writer, storedRow, storedMessageFromFacts(facts, storedRow.id, input.accountId));
      if (merged !== null) {
        statements.updateMessage.run(merged.account_id, merged.occurred_at, merged.thread_key, merged.from_address, merged.bulk_reason, merged.recipient_count, merged.addresses, merged.id);
        stored.set(facts.key, merged);
        writer.rederive([merged.id]);
      }
      continue;
    }
    messagesNew++;
    const occurredAt = facts.date.toISOString();
    const recipientCount = recipientCountOf(facts);
    const rows = distinctAddressRows(addressRowsOf(facts));
    const id = Number(
      statements.insertMessage.run(
        facts.key,
        messageKeyPrefix(facts.key),
        input.accountId,
        occurredAt,
        facts.threadKey,
        facts.from.address,
        facts.bulk,
        recipientCount,
        encodeAddressRows(rows),
        facts.subject ?? null,
        nowIso,
      ).lastInsertRowid,
    );
    // Only the id: a batch's rows would otherwise all live until its end (a later copy in the same batch reads its row back).
    stored.set(facts.key, id);
    if (facts.bulk === null) writer.countNames(rows, 1);
    writer.derive(storedMessageFromFacts(facts, id, input.accountId, occurredAt, recipientCount));
  }
  writer.finish();
  return {
    messagesNew,
    duplicates,
    contactsCreated: writer.contactsCreated,
    interactionsAdded: Math.max(0, writer.interactionsAdded - writer.interactionsRemoved),
    skippedBulk: writer.skippedBulk,
    skippedOther: writer.skippedOther,
  };
}

/** Stored messages with one of the batch's keys, by key (one query; rows that only share a key's prefix are left out). */
function storedMessagesSharingPrefixes(statements: NetworkStatements, facts: readonly MessageFacts[]): Map<string, MessageRow | number> {
  const keys = new Set(facts.map((entry) => entry.key));
  // In index order, so the lookups walk the index forwards instead of jumping around it.
  const prefixes = [...new Set([...keys].map(messageKeyPrefix))].sort((a, b) => a - b);
  const found = new Map<string, MessageRow | number>();
  for (const row of statements.messagesWithPrefixes.all(JSON.stringify(prefixes)) as MessageRow[]) {
    if (keys.has(row.key)) found.set(row.key, row);
  }
  return found;
}

function minOf<T extends string | number>(a: T | null, b: T | null): T | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

/** Folds another copy of a stored message into it: the merged row, or null when the copy adds nothing. */
function mergeCopy(writer: NetworkWriter, stored: MessageRow, copy: StoredMessage): MessageRow | null {
  const storedRows = decodeAddressRows(stored.addresses);
  const have = new Set(storedRows.map((row) => `${row.address}\u0000${row.role}`));
  const missing = distinctAddressRows(addressRowsOf(copy)).filter((row) => !have.has(`${row.address}\u0000${row.role}`));
  const merged = {
    account_id: minOf(stored.account_id, copy.accountId),
    occurred_at: minOf(stored.occurred_at, copy.occurredAt)!,
    thread_key: minOf(stored.thread_key, copy.threadKey),
    from_address: minOf(stored.from_address, copy.from.address)!,
    bulk_reason: minOf(stored.bulk_reason, copy.bulk),
  };
  const unchanged =
    missing.length === 0 &&
    merged.account_id === stored.account_id &&
    merged.occurred_at === stored.occurred_at &&
    merged.thread_key === stored.thread_key &&
    merged.from_address === stored.from_address &&
    merged.bulk_reason === stored.bulk_reason;
  if (unchanged) return null;

  if (stored.bulk_reason === null) writer.countNames(storedRows, -1);
  const rows = sortByRole([...storedRows, ...missing]);
  if (merged.bulk_reason === null) writer.countNames(rows, 1);
  const recipients = new Set(rows.filter((row) => row.role !== 'from').map((row) => row.address));
  return { ...stored, ...merged, recipient_count: recipients.size, addresses: encodeAddressRows(rows) };
}

export interface IdentityInput {
  address: string;
  accountId: number | null;
  source: 'account' | 'alias' | 'sent';
}

/**
 * Adds own addresses (account, aliases, every From of the Sent folder); if the set grows,
 * re-derives the network from stored facts so results never depend on folder order.
 * Runs inside the caller's transaction.
 *
 * Own addresses are never contacts (DESIGN rule 1): a new own address leaves the contact that
 * held it (a mail-made contact left with nothing is removed), and every stored message naming it
 * is classified again — mail from it is now sent mail, mail to it now received.
 */
export function addIdentities(db: VaultDatabase, identities: IdentityInput[], now: Date): { added: number } {
  const insert = db.prepare('INSERT INTO identities (address, account_id, source, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (address) DO NOTHING');
  const added: string[] = [];
  for (const [index, identity] of identities.entries()) {
    const address = normaliseAddress(identity.address);
    if (address === null) {
      throw new RapportError('invalid_input', `not an email address: ${JSON.stringify(identity.address)}`, [{ path: `identities.${index}.address`, message: 'not an email address' }]);
    }
    if (insert.run(address, identity.accountId, identity.source, now.toISOString()).changes > 0) added.push(address);
  }
  if (added.length === 0) return { added: 0 };

  const writer = new NetworkWriter(db, now);
  const statements = networkStatements(db);
  const leaveContact = db.prepare('DELETE FROM contact_emails WHERE address = ?');
  // Mail interactions of an address always belong to the contact holding it.
  const deleteInteractions = db.prepare(`DELETE FROM interactions WHERE contact_id = ? AND address = ? AND kind = 'email'`);
  for (const address of added) {
    const owner = statements.contactOfAddress.get(address) as number | undefined;
    if (owner === undefined) continue;
    deleteInteractions.run(owner, address);
    leaveContact.run(address);
    ensurePrimaryAddress(db, owner);
    writer.touched.add(owner);
  }
  writer.rederive(writer.messagesMentioning(added));
  writer.finish();
  return { added: added.length };
}

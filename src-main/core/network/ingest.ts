import { ensurePrimaryAddress } from '../contacts/contact-store.js';
import { RapportError } from '../errors.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { normaliseAddress, type MessageFacts } from './headers/index.js';
import { networkStatements, type NetworkStatements } from './network-statements.js';
import { NetworkWriter } from './network-writer.js';
import { addressRowsOf, storedMessageFromFacts, type AddressRow, type StoredMessage } from './stored-message.js';

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
  let messagesNew = 0;
  let duplicates = 0;
  for (const facts of input.facts) {
    const message = storedMessageFromFacts(facts, input.accountId);
    const inserted = statements.insertMessage.run(
      message.key,
      message.accountId,
      message.occurredAt,
      message.threadKey,
      message.from.address,
      message.bulk,
      message.recipientCount,
      facts.subject ?? null,
      nowIso,
    );
    if (inserted.changes === 0) {
      duplicates++;
      if (mergeCopy(statements, writer, message)) writer.rederive([message.key]);
      continue;
    }
    messagesNew++;
    const rows = addressRowsOf(message);
    for (const row of rows) statements.insertAddress.run(message.key, row.address, row.role, row.name);
    if (message.bulk === null) writer.countNames(rows, 1);
    writer.derive(message);
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

interface StoredRow {
  account_id: number;
  occurred_at: string;
  thread_key: string | null;
  from_address: string;
  bulk_reason: string | null;
  recipient_count: number;
}

function minOf<T extends string | number>(a: T | null, b: T | null): T | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

/** Folds another copy of a stored message into it; returns whether the stored message changed. */
function mergeCopy(statements: NetworkStatements, writer: NetworkWriter, copy: StoredMessage): boolean {
  const stored = statements.selectMessage.get(copy.key) as StoredRow;
  const storedRows = statements.selectAddresses.all(copy.key) as AddressRow[];
  const have = new Set(storedRows.map((row) => `${row.address}\u0000${row.role}`));
  const missing = addressRowsOf(copy).filter((row) => !have.has(`${row.address}\u0000${row.role}`));
  const merged = {
    accountId: minOf(stored.account_id, copy.accountId)!,
    occurredAt: minOf(stored.occurred_at, copy.occurredAt)!,
    threadKey: minOf(stored.thread_key, copy.threadKey),
    from: minOf(stored.from_address, copy.from.address)!,
    bulk: minOf(stored.bulk_reason, copy.bulk),
  };
  const unchanged =
    missing.length === 0 &&
    merged.accountId === stored.account_id &&
    merged.occurredAt === stored.occurred_at &&
    merged.threadKey === stored.thread_key &&
    merged.from === stored.from_address &&
    merged.bulk === stored.bulk_reason;
  if (unchanged) return false;

  if (stored.bulk_reason === null) writer.countNames(storedRows, -1);
  for (const row of missing) statements.insertAddress.run(copy.key, row.address, row.role, row.name);
  const recipientCount = statements.countRecipients.get(copy.key) as number;
  statements.updateMessage.run(merged.accountId, merged.occurredAt, merged.threadKey, merged.from, merged.bulk, recipientCount, copy.key);
  if (merged.bulk === null) writer.countNames([...storedRows, ...missing], 1);
  return true;
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

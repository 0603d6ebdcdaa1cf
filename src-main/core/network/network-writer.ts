import { deleteContactIfAbandoned } from '../contacts/abandoned-contact.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { loadIgnoreMatcher, loadOwnAddresses, type IgnoreMatcher } from './address-rules.js';
import { classifyMessage } from './headers/index.js';
import { networkStatements, type NetworkStatements } from './network-statements.js';
import { refreshContacts } from './refresh-contacts.js';
import { loadStoredMessage, type StoredMessage } from './stored-message.js';

/**
 * Applies DESIGN's network rules to stored messages, for one unit of work (a batch, an identity
 * change, an ignore-list change). Classification depends only on the message's stored facts, the
 * identities and the ignore list, so deriving a message again after either changed gives exactly
 * what a sync in a different order would have given. Touched contacts are refreshed once, in
 * `finish`.
 */
export class NetworkWriter {
  readonly touched = new Set<number>();
  contactsCreated = 0;
  interactionsAdded = 0;
  interactionsRemoved = 0;
  skippedBulk = 0;
  skippedOther = 0;

  private readonly statements: NetworkStatements;
  private readonly own: Set<string>;
  private readonly ignored: IgnoreMatcher;
  private readonly nowIso: string;
  private readonly isOwn: (address: string) => boolean;

  constructor(
    private readonly db: VaultDatabase,
    private readonly now: Date,
  ) {
    this.statements = networkStatements(db);
    this.own = loadOwnAddresses(db);
    this.ignored = loadIgnoreMatcher(db);
    this.nowIso = now.toISOString();
    this.isOwn = (address) => this.own.has(address);
  }

  /** Records the interactions one message makes; `count` says whether skips go into the counters. */
  derive(message: StoredMessage, count = true): void {
    const classification = classifyMessage(message, this.isOwn);
    if (classification.kind === 'skipped') {
      if (!count) return;
      if (classification.reason === 'bulk') this.skippedBulk++;
      else this.skippedOther++;
      return;
    }
    let applied = 0;
    if (classification.kind === 'sent') {
      for (const contact of classification.contacts) {
        if (this.record(message, contact.address, 'sent', contact.role)) applied++;
      }
    } else if (this.record(message, classification.contact.address, 'received', 'from')) {
      applied++;
    }
    // Every counterpart is on the ignore list: the message is skipped like any other.
    if (applied === 0 && count) this.skippedOther++;
  }

  /** Forgets what the given messages contributed and derives them again from their stored facts. */
  rederive(keys: Iterable<string>): void {
    for (const key of keys) {
      for (const contactId of this.statements.contactsOfMessage.all(key) as number[]) this.touched.add(contactId);
      this.interactionsRemoved += this.statements.deleteMessageInteractions.run(key).changes;
      const message = loadStoredMessage(this.db, key);
      if (message !== null) this.derive(message, false);
    }
  }

  /** Every stored message naming one of these addresses, in any role. */
  messagesMentioning(addresses: Iterable<string>): Set<string> {
    const keys = new Set<string>();
    for (const address of addresses) for (const key of this.statements.messagesOfAddress.all(address) as string[]) keys.add(key);
    return keys;
  }

  /** Refreshes every touched contact; contacts left without address or user data are removed. */
  finish(): void {
    const kept: number[] = [];
    for (const id of this.touched) if (!deleteContactIfAbandoned(this.db, id)) kept.push(id);
    refreshContacts(this.db, kept, this.now);
  }

  private record(message: StoredMessage, address: string, direction: 'sent' | 'received', role: 'from' | 'to' | 'cc' | 'bcc'): boolean {
    if (!this.ignored.isEmpty && this.ignored(address)) return false;
    const contactId = this.contactFor(address);
    const result = this.statements.insertInteraction.run(
      contactId,
      address,
      message.key,
      direction,
      role,
      message.occurredAt,
      message.threadKey,
      message.accountId,
      message.recipientCount,
      this.nowIso,
    );
    if (result.changes > 0) {
      this.interactionsAdded++;
      this.touched.add(contactId);
    }
    return true;
  }

  private contactFor(address: string): number {
    const existing = this.statements.contactOfAddress.get(address) as number | undefined;
    if (existing !== undefined) return existing;
    const id = Number(this.statements.insertContact.run(this.nowIso, this.nowIso).lastInsertRowid);
    this.statements.insertContactEmail.run(address, id, this.nowIso);
    this.contactsCreated++;
    return id;
  }
}

import { deleteContactIfAbandoned } from '../contacts/abandoned-contact.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { loadIgnoreMatcher, loadOwnAddresses, type IgnoreMatcher } from './address-rules.js';
import { addToDelta, applyContactDeltas, emptyDelta, type ContactDelta } from './contact-deltas.js';
import { classifyMessage } from './headers/index.js';
import { networkStatements, type NetworkStatements } from './network-statements.js';
import { refreshContactNames, refreshContacts } from './refresh-contacts.js';
import { loadStoredMessage, type AddressRow, type StoredMessage } from './stored-message.js';
import { ensureStrengthBasis, type StrengthBasis } from './strength-basis.js';
import { strengthTerms } from './strength.js';

/** Whether an earlier row of a short list shows the same address with the same name (long lists are checked with a Set instead). */
function shownEarlier(rows: readonly AddressRow[], index: number): boolean {
  if (rows.length > 16) return false;
  const row = rows[index]!;
  for (let other = 0; other < index; other++) if (rows[other]!.address === row.address && rows[other]!.name === row.name) return true;
  return false;
}

interface AddressOwner {
  id: number;
  name: string | null;
  nameIsCustom: boolean;
}

/**
 * Applies DESIGN's network rules to stored messages, for one unit of work (a batch, an identity
 * change, an ignore-list change). Classification depends only on the message's stored facts, the
 * identities and the ignore list, so deriving a message again after either changed gives exactly
 * what a sync in a different order would have given.
 *
 * Contacts are brought up to date once, in `finish`: contacts that only gained mail get their
 * counts, dates and strength sums incremented (cheap, exact); anything else that was touched —
 * new contacts, interactions removed, a display name that may have changed — is refreshed in full.
 */
export class NetworkWriter {
  /** Contacts to refresh in full in `finish`. Callers add contacts they changed. */
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
  private readonly basis: StrengthBasis;
  private readonly isOwn: (address: string) => boolean;
  private readonly owners = new Map<string, AddressOwner | null>();
  private readonly deltas = new Map<number, ContactDelta>();
  private readonly nameCounts = new Map<string, { address: string; name: string; delta: number }>();
  /** Contacts whose display name may have changed; re-picked in `finish` unless refreshed in full anyway. */
  private readonly renamed = new Set<number>();

  constructor(
    private readonly db: VaultDatabase,
    private readonly now: Date,
  ) {
    this.statements = networkStatements(db);
    this.own = loadOwnAddresses(db);
    this.ignored = loadIgnoreMatcher(db);
    this.nowIso = now.toISOString();
    this.basis = ensureStrengthBasis(db, now);
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
  rederive(messageIds: Iterable<number>): void {
    for (const id of messageIds) {
      for (const contactId of this.statements.contactsOfMessage.all(id) as number[]) this.touched.add(contactId);
      this.interactionsRemoved += this.statements.deleteMessageInteractions.run(id).changes;
      const message = loadStoredMessage(this.db, id);
      if (message !== null) this.derive(message, false);
    }
  }

  /** Ids of every stored message naming one of these addresses, in any role (one scan of the messages). */
  messagesMentioning(addresses: Iterable<string>): Set<number> {
    const list = [...addresses];
    if (list.length === 0) return new Set();
    return new Set(this.statements.messagesOfAddresses.all(JSON.stringify(list)) as number[]);
  }

  /**
   * Display names are counted once per message for each (address, name) it shows, over personal
   * (non-bulk) messages only: a list rewrites From names ("Jane via Dev-List"), which must not
   * become Jane's name. `delta` −1 takes a message's names back out. Written in `finish`.
   */
  countNames(rows: readonly AddressRow[], delta: 1 | -1): void {
    const seen = rows.length > 16 ? new Set<string>() : null;
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index]!;
      if (row.name === null || shownEarlier(rows, index)) continue;
      const pair = `${row.address}\u0000${row.name}`;
      if (seen !== null) {
        if (seen.has(pair)) continue;
        seen.add(pair);
      }
      const entry = this.nameCounts.get(pair);
      if (entry === undefined) this.nameCounts.set(pair, { address: row.address, name: row.name, delta });
      else entry.delta += delta;
    }
  }

  /** Writes name counts, then brings every contact touched by this unit of work up to date. */
  finish(): void {
    for (const { address, name, delta } of this.nameCounts.values()) {
      if (delta === 0) continue;
      this.statements.bumpName.run(address, name, delta);
      if (delta < 0) this.statements.dropEmptyNames.run(address);
      const owner = this.ownerOf(address);
      // A name other than the current one gained weight, or the current one lost some: re-pick.
      if (owner !== null && !owner.nameIsCustom && (owner.name !== name || delta < 0)) this.renamed.add(owner.id);
    }
    this.nameCounts.clear();
    const full: number[] = [];
    for (const id of this.touched) if (!deleteContactIfAbandoned(this.db, id)) full.push(id);
    refreshContacts(this.db, full, this.now);
    refreshContactNames(this.db, [...this.renamed].filter((id) => !this.touched.has(id)));
    this.renamed.clear();
    for (const id of this.touched) this.deltas.delete(id);
    applyContactDeltas(this.db, this.deltas);
    this.deltas.clear();
  }

  private record(message: StoredMessage, address: string, direction: 'sent' | 'received', role: 'from' | 'to' | 'cc' | 'bcc'): boolean {
    if (!this.ignored.isEmpty && this.ignored(address)) return false;
    const contactId = this.contactFor(address);
    const result = this.statements.insertInteraction.run(
      contactId,
      address,
      message.id,
      direction,
      role,
      message.occurredAt,
      message.accountId,
      message.recipientCount,
      this.nowIso,
    );
    if (result.changes > 0) {
      this.interactionsAdded++;
      if (!this.touched.has(contactId)) {
        let delta = this.deltas.get(contactId);
        if (delta === undefined) {
          delta = emptyDelta();
          this.deltas.set(contactId, delta);
        }
        const interaction = { occurredAtMs: Date.parse(message.occurredAt), kind: 'email', direction, role, recipientCount: message.recipientCount } as const;
        addToDelta(delta, direction, message.occurredAt, strengthTerms(interaction, this.basis.asOfMs, this.basis.halfLifeDays));
      }
    }
    return true;
  }

  private ownerOf(address: string): AddressOwner | null {
    let owner = this.owners.get(address);
    if (owner === undefined) {
      const row = this.statements.ownerOfAddress.get(address) as { id: number; name: string | null; name_is_custom: number } | undefined;
      owner = row === undefined ? null : { id: row.id, name: row.name, nameIsCustom: row.name_is_custom === 1 };
      this.owners.set(address, owner);
    }
    return owner;
  }

  private contactFor(address: string): number {
    const existing = this.ownerOf(address);
    if (existing !== null) return existing.id;
    const id = Number(this.statements.insertContact.run(this.nowIso, this.nowIso).lastInsertRowid);
    this.statements.insertContactEmail.run(address, id, this.nowIso);
    this.owners.set(address, { id, name: null, nameIsCustom: false });
    this.touched.add(id);
    this.contactsCreated++;
    return id;
  }
}

import type { BulkReason, MailAddress, MessageFacts } from './types.js';

export type RecipientRole = 'to' | 'cc' | 'bcc';

export interface SentContact extends MailAddress {
  readonly role: RecipientRole;
}

export interface ReceivedContact extends MailAddress {
  readonly role: 'from';
}

export type SkipReason = 'bulk' | 'not-addressed-to-me' | 'no-counterpart';

export type MessageClassification =
  | { readonly kind: 'sent'; readonly contacts: readonly SentContact[] }
  | { readonly kind: 'received'; readonly contact: ReceivedContact }
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly bulk?: BulkReason };

export type ClassifiableFacts = Pick<MessageFacts, 'from' | 'to' | 'cc' | 'bcc' | 'bulk'>;

/**
 * DESIGN rules 2–4.
 *
 * Bulk is decided first, for both directions: the user's own auto-replies (Auto-Submitted) and mail
 * merges (List-Unsubscribe) are not relationships either, and a list's copy of the user's own post
 * must not turn the list address into a contact.
 * Sent: every To/Cc/Bcc address that is not the user's own, once, under its strongest role
 * (to > cc > bcc) and the name given there, or failing that any name it was given.
 * Received: personal mail that names an own address in To or Cc; only From becomes a contact.
 * A Bcc copy, or mail reaching the user through an alias they have not declared, is skipped.
 */
export function classifyMessage(facts: ClassifiableFacts, isOwnAddress: (address: string) => boolean): MessageClassification {
  if (facts.bulk !== null) return { kind: 'skipped', reason: 'bulk', bulk: facts.bulk };

  if (isOwnAddress(facts.from.address)) {
    const contacts = new Map<string, SentContact>();
    const add = (list: readonly MailAddress[], role: RecipientRole): void => {
      for (const { address, name } of list) {
        if (isOwnAddress(address)) continue;
        const seen = contacts.get(address);
        if (seen === undefined) contacts.set(address, { address, name, role });
        else if (seen.name === null && name !== null) contacts.set(address, { ...seen, name });
      }
    };
    add(facts.to, 'to');
    add(facts.cc, 'cc');
    add(facts.bcc, 'bcc');
    if (contacts.size === 0) return { kind: 'skipped', reason: 'no-counterpart' };
    return { kind: 'sent', contacts: [...contacts.values()] };
  }

  const addressedToMe = facts.to.some((entry) => isOwnAddress(entry.address)) || facts.cc.some((entry) => isOwnAddress(entry.address));
  if (!addressedToMe) return { kind: 'skipped', reason: 'not-addressed-to-me' };
  return { kind: 'received', contact: { address: facts.from.address, name: facts.from.name, role: 'from' } };
}

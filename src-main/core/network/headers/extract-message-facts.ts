import { classifyBulkFor } from './classify-bulk.js';
import { decodeUnstructured } from './decode-unstructured.js';
import { messageKeyFromId, messageKeyFromParts } from './message-key.js';
import { parseAddressList } from './parse-address-list.js';
import { parseHeaderBlock } from './parse-header-block.js';
import type { RawHeaders } from './raw-headers.js';
import { resolveMessageDate } from './resolve-message-date.js';
import { threadKey } from './thread-key.js';
import type { MailAddress, MalformedMessage, MalformedReason, MessageFacts } from './types.js';

export interface ExtractOptions {
  /** INTERNALDATE: the server's arrival time, the fallback for the Date header. */
  readonly internalDate: Date;
  /** X-GM-THRID on Gmail. */
  readonly gmailThreadId?: string | bigint | number | null;
  readonly storeSubjects: boolean;
}

/**
 * The one call the sync makes per message: header bytes in, the facts the network is built from
 * out. Never throws; a message without a usable From or without any date is returned as malformed
 * so it can be counted and skipped (DESIGN rule 8).
 *
 * From and Sender: the first field wins. To, Cc and Bcc: every occurrence is read, because a
 * repeated field is a mailer bug, not a reason to lose recipients. Within a field an address is
 * listed once, with the first display name it was given.
 */
export function extractMessageFacts(raw: Buffer | Uint8Array | string, options: ExtractOptions): MessageFacts | MalformedMessage {
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) return malformed('unreadable');
  try {
    return extract(parseHeaderBlock(raw), options);
  } catch {
    return malformed('unreadable');
  }
}

function extract(headers: RawHeaders, options: ExtractOptions): MessageFacts | MalformedMessage {
  const fromList = parseAddressList(headers.first('from'));
  const from = fromList.addresses[0];
  if (from === undefined) return malformed('no-from');
  let malformedAddresses = fromList.malformed;

  const senderList = parseAddressList(headers.first('sender'));
  malformedAddresses += senderList.malformed;
  const readField = (name: string): MailAddress[] => {
    const values = headers.all(name);
    if (values.length === 0) return [];
    if (values.length === 1) {
      // The usual case: one field. Its parsed list is shared (see parseAddressList) and never changed.
      const parsed = parseAddressList(values[0]);
      malformedAddresses += parsed.malformed;
      return uniqueByAddress(parsed.addresses);
    }
    const list: MailAddress[] = [];
    for (const value of values) {
      const parsed = parseAddressList(value);
      malformedAddresses += parsed.malformed;
      list.push(...parsed.addresses);
    }
    return uniqueByAddress(list);
  };
  const to = readField('to');
  const cc = readField('cc');
  const bcc = readField('bcc');

  const dateHeader = headers.first('date');
  const { date, source } = resolveMessageDate(dateHeader, options.internalDate);
  if (Number.isNaN(date.getTime())) return malformed('no-date');

  const messageId = headers.first('message-id');
  const references = headers.first('references');
  const inReplyTo = headers.first('in-reply-to');
  // The address lists are mapped only for the rare message without a usable Message-ID.
  const key =
    messageKeyFromId(messageId) ??
    messageKeyFromParts({
      messageId,
      from: fromList.addresses.map((entry) => entry.address),
      to: to.map((entry) => entry.address),
      cc: cc.map((entry) => entry.address),
      dateHeader,
      inReplyTo,
      references,
    });

  const facts: MessageFacts = {
    malformed: false,
    key,
    threadKey: threadKey({ gmailThreadId: options.gmailThreadId, references, inReplyTo, messageId, messageKey: key }),
    date,
    dateSource: source,
    from,
    // Always the same properties, so every facts object has one shape (undefined: no Sender).
    sender: senderList.addresses[0],
    to,
    cc,
    bcc,
    bulk: classifyBulkFor(headers, from.address),
    malformedAddresses,
  };
  if (!options.storeSubjects) return facts;
  const subject = headers.first('subject');
  const decoded = subject === undefined ? '' : decodeUnstructured(subject);
  return decoded === '' ? facts : { ...facts, subject: decoded };
}

function uniqueByAddress(list: MailAddress[]): MailAddress[] {
  if (list.length < 2) return list;
  const byAddress = new Map<string, MailAddress>();
  for (const entry of list) {
    const seen = byAddress.get(entry.address);
    if (seen === undefined) byAddress.set(entry.address, entry);
    else if (seen.name === null && entry.name !== null) byAddress.set(entry.address, entry);
  }
  return byAddress.size === list.length ? list : [...byAddress.values()];
}

function malformed(reason: MalformedReason): MalformedMessage {
  return { malformed: true, reason };
}

import { firstMessageId } from './message-id.js';
import { parseAddressList } from './parse-address-list.js';
import { parseDateHeader } from './parse-date-header.js';
import type { RawHeaders } from './raw-headers.js';
import { sha256Hex } from './sha256-hex.js';

const WHITESPACE = /\s+/g;
const FALLBACK_VERSION = 'rapport-message-without-id/1';

/** What identifies a message; addresses already normalised. */
export interface MessageKeyParts {
  readonly messageId: string | null | undefined;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly dateHeader: string | null | undefined;
  readonly inReplyTo: string | null | undefined;
  readonly references: string | null | undefined;
}

/**
 * SHA-256 hex of the normalised Message-ID (see firstMessageId), so the same message seen in All
 * Mail, INBOX and Sent counts once (DESIGN rule 5) and no header text is stored.
 *
 * Without a usable Message-ID the key is a digest of the fields that every copy of a message shares
 * and that do not depend on settings or folders: From, To and Cc (sorted), the Date header (as an
 * instant when it parses, so re-formatting does not matter) and the first In-Reply-To and
 * References ids. Never the subject (fetched only on opt-in), Bcc (kept only on the sender's copy)
 * or INTERNALDATE (different in every folder).
 */
export function messageKey(input: { readonly messageId?: string | null; readonly headers: RawHeaders }): string {
  const { headers } = input;
  const messageId = input.messageId ?? headers.first('message-id');
  if (firstMessageId(messageId) !== null) return messageKeyFromParts({ messageId, from: [], to: [], cc: [], dateHeader: null, inReplyTo: null, references: null });
  const addressesOf = (name: string): string[] =>
    headers.all(name).flatMap((value) => parseAddressList(value).addresses.map((entry) => entry.address));
  return messageKeyFromParts({
    messageId,
    from: parseAddressList(headers.first('from')).addresses.map((entry) => entry.address),
    to: addressesOf('to'),
    cc: addressesOf('cc'),
    dateHeader: headers.first('date'),
    inReplyTo: headers.first('in-reply-to'),
    references: headers.first('references'),
  });
}

/** The key of a message with a usable Message-ID (most messages), or null when the fallback digest of messageKeyFromParts is needed. */
export function messageKeyFromId(messageId: string | null | undefined): string | null {
  const id = firstMessageId(messageId);
  return id === null ? null : sha256Hex(id);
}

export function messageKeyFromParts(parts: MessageKeyParts): string {
  const fromId = messageKeyFromId(parts.messageId);
  if (fromId !== null) return fromId;
  const dateMs = parseDateHeader(parts.dateHeader);
  const canonical = [
    FALLBACK_VERSION,
    `from:${parts.from.join(',')}`,
    `to:${[...parts.to].sort().join(',')}`,
    `cc:${[...parts.cc].sort().join(',')}`,
    `date:${dateMs ?? (parts.dateHeader ?? '').replace(WHITESPACE, ' ').trim()}`,
    `in-reply-to:${firstMessageId(parts.inReplyTo) ?? ''}`,
    `references:${firstMessageId(parts.references) ?? ''}`,
  ].join('\n');
  return sha256Hex(canonical);
}

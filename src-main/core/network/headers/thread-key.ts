import { firstMessageId } from './message-id.js';
import { sha256Hex } from './sha256-hex.js';

export interface ThreadKeyInput {
  /** X-GM-THRID, when the server is Gmail. */
  readonly gmailThreadId?: string | bigint | number | null;
  readonly references?: string | null;
  readonly inReplyTo?: string | null;
  readonly messageId?: string | null;
  /** Used only when the message carries no id at all, so it becomes a thread of its own. */
  readonly messageKey?: string | null;
}

/**
 * SHA-256 hex of the thread's root: Gmail's own thread id when there is one, else the first
 * References id (the root, which mailers keep when they trim the list), else In-Reply-To, else
 * the message's own id — so a first message and its replies share a key. Sources are kept apart
 * by a prefix so a Gmail thread id can never equal a message id. Hashed: no header text is stored.
 */
export function threadKey(input: ThreadKeyInput): string {
  const gmail = input.gmailThreadId === null || input.gmailThreadId === undefined ? '' : String(input.gmailThreadId).trim();
  if (gmail !== '') return sha256Hex(`gmail-thread\n${gmail}`);
  const root = firstMessageId(input.references) ?? firstMessageId(input.inReplyTo) ?? firstMessageId(input.messageId);
  if (root !== null) return sha256Hex(`thread\n${root}`);
  return sha256Hex(`thread-of-message\n${input.messageKey ?? ''}`);
}

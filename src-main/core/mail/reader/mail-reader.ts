import type { MessageFacts } from '../../network/headers/index.js';
import type { ServerTraits } from '../connection/imap-session.js';
import type { BackoffPolicy } from '../connection/backoff.js';

/**
 * The reading half of a sync: one logged-in, read-only IMAP connection that lists folders,
 * EXAMINEs them and turns their header fields into facts. It never touches the vault; the sync
 * commits what it yields. Everything here is plain data.
 */
export interface FolderListing {
  path: string;
  flags: string[];
  specialUse: string | null;
  /** From LIST-STATUS (or STATUS); null for folders that cannot be selected. */
  status: { messages: number | null; uidNext: number | null; uidValidity: string | null; highestModseq: string | null } | null;
}

export interface OpenedFolder {
  uidValidity: string;
  /** UIDNEXT when the folder was opened: messages that arrive later wait for the next sync. */
  uidNext: number;
  exists: number;
  highestModseq: string | null;
}

export interface ReadRequest {
  /** `identities`: only From is fetched, and only its address comes back. */
  purpose: 'messages' | 'identities';
  fromUid: number;
  toUid: number;
  fields: readonly string[];
  storeSubjects: boolean;
  threadIds: boolean;
  /** Gmail's All Mail: leave out messages flagged \Draft. */
  skipDrafts: boolean;
  batchSize: number;
  /** Pauses before asking again when the server refuses for throttling. */
  throttleBackoff: BackoffPolicy;
}

export interface FactBatch {
  fromUid: number;
  /** Every UID up to here was fetched (gaps included): the checkpoint after this batch. */
  toUid: number;
  /** Header blocks received. */
  fetched: number;
  facts: MessageFacts[];
  /** Header blocks without a usable From or date. */
  malformed: number;
  /** `identities` reads: the From address of each message. */
  fromAddresses: string[];
}

export interface MailReader {
  readonly traits: ServerTraits;
  list(): Promise<FolderListing[]>;
  /** EXAMINE: read-only, never SELECT. */
  examine(path: string): Promise<OpenedFolder>;
  /** Batches of the examined folder, in UID order. */
  read(request: ReadRequest): AsyncIterable<FactBatch>;
  logout(): Promise<void>;
  close(): void;
}

import type { Account } from '../../../../src-shared/api/mail.js';
import type { ErrorCode } from '../../../../src-shared/errors.js';
import type { ConnectionTimeouts } from '../connection/imap-client-options.js';
import type { ServerTraits } from '../connection/imap-session.js';
import type { FactBatch, FolderListing, OpenedFolder, ReadRequest } from './mail-reader.js';

/** Messages between the sync (main thread) and a reader worker. Every request carries an id; replies echo it. */
export type ReaderRequest =
  | { id: number; op: 'open'; account: Account; secret: string; timeouts: ConnectionTimeouts }
  | { id: number; op: 'list' }
  | { id: number; op: 'examine'; path: string }
  | { id: number; op: 'read'; request: ReadRequest }
  | { id: number; op: 'ack' }
  | { id: number; op: 'logout' };

export interface WorkerError {
  code: ErrorCode;
  message: string;
  /** A TransientMailError: the sync may reconnect and resume. */
  transient: boolean;
  throttled: boolean;
}

export type ReaderReply =
  | { id: number; kind: 'opened'; traits: ServerTraits }
  | { id: number; kind: 'listed'; folders: FolderListing[] }
  | { id: number; kind: 'examined'; folder: OpenedFolder }
  | { id: number; kind: 'batch'; batch: FactBatch }
  | { id: number; kind: 'done' }
  | { id: number; kind: 'error'; error: WorkerError }
  /** Diagnostics of the worker, written by the main thread's logger (id 0). */
  | { id: 0; kind: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string };

/** Batches a worker may send ahead of the sync's commits: bounds memory, keeps the server busy. */
export const READ_AHEAD = 2;

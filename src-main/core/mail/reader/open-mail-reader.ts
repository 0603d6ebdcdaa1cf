import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Account } from '../../../../src-shared/api/mail.js';
import type { Logger } from '../../log.js';
import type { ConnectionTimeouts } from '../connection/imap-client-options.js';
import type { MailReader } from './mail-reader.js';
import { SessionReader } from './session-reader.js';
import { WorkerReader } from './worker-reader.js';

/**
 * `worker` runs IMAP and header parsing in a worker thread, so a batch is fetched and parsed while
 * the previous one is written to the vault (the sync's two halves use two cores). `thread` keeps
 * everything on this thread. `auto` picks the worker when its compiled file is there (the built
 * app and CLI), and this thread otherwise (sources run directly, as the unit tests do).
 */
export type ReaderMode = 'auto' | 'worker' | 'thread';

const WORKER_URL = new URL('./reader-worker.js', import.meta.url);

export function workerAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && fs.existsSync(fileURLToPath(WORKER_URL));
}

export async function openMailReader(mode: ReaderMode, account: Account, secret: string, log: Logger, timeouts: ConnectionTimeouts): Promise<MailReader> {
  const useWorker = mode === 'worker' || (mode === 'auto' && workerAvailable());
  if (!useWorker) return SessionReader.open(account, secret, log, timeouts);
  return WorkerReader.open(WORKER_URL, account, secret, log, timeouts);
}

import { parentPort } from 'node:worker_threads';
import { RapportError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { TransientMailError } from '../connection/translate-imap-error.js';
import type { ReaderReply, ReaderRequest, WorkerError } from './reader-protocol.js';
import { READ_AHEAD } from './reader-protocol.js';
import { SessionReader } from './session-reader.js';

/**
 * Worker-thread side of a MailReader: IMAP, imapflow's parsing and header decoding run here,
 * while the main thread commits the previous batch to the vault. It holds no vault handle.
 */
const port = parentPort;
if (!port) throw new Error('reader-worker runs as a worker thread');

let reader: SessionReader | null = null;
let acks = 0;
let ackWaiter: (() => void) | null = null;

const send = (reply: ReaderReply) => port.postMessage(reply);

/** The main thread's logger decides what is shown (and keeps the privacy rule in one place). */
const log: Logger = {
  debug: (message) => send({ id: 0, kind: 'log', level: 'debug', message }),
  info: (message) => send({ id: 0, kind: 'log', level: 'info', message }),
  warn: (message) => send({ id: 0, kind: 'log', level: 'warn', message }),
  error: (message) => send({ id: 0, kind: 'log', level: 'error', message }),
};

function toWorkerError(error: unknown): WorkerError {
  if (error instanceof RapportError) {
    return { code: error.code, message: error.message, transient: error instanceof TransientMailError, throttled: error instanceof TransientMailError && error.throttled };
  }
  return { code: 'internal', message: `internal error in the mail reader: ${(error as Error)?.message ?? String(error)}`, transient: false, throttled: false };
}

async function waitForAck(sent: number): Promise<void> {
  while (sent - acks >= READ_AHEAD) await new Promise<void>((resolve) => (ackWaiter = resolve));
}

async function handle(message: ReaderRequest): Promise<void> {
  switch (message.op) {
    case 'open': {
      reader = await SessionReader.open(message.account, message.secret, log, message.timeouts);
      return send({ id: message.id, kind: 'opened', traits: reader.traits });
    }
    case 'list':
      return send({ id: message.id, kind: 'listed', folders: await active().list() });
    case 'examine':
      return send({ id: message.id, kind: 'examined', folder: await active().examine(message.path) });
    case 'read': {
      acks = 0;
      let sent = 0;
      for await (const batch of active().read(message.request)) {
        send({ id: message.id, kind: 'batch', batch });
        sent++;
        await waitForAck(sent);
      }
      return send({ id: message.id, kind: 'done' });
    }
    case 'ack':
      acks++;
      ackWaiter?.();
      ackWaiter = null;
      return;
    case 'logout':
      await reader?.logout();
      reader = null;
      return send({ id: message.id, kind: 'done' });
  }
}

function active(): SessionReader {
  if (!reader) throw new RapportError('internal', 'the mail reader is not connected');
  return reader;
}

port.on('message', (message: ReaderRequest) => {
  handle(message).catch((error: unknown) => send({ id: message.id, kind: 'error', error: toWorkerError(error) }));
});

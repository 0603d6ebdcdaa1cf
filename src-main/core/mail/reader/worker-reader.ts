import { Worker } from 'node:worker_threads';
import type { Account } from '../../../../src-shared/api/mail.js';
import { RapportError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { ConnectionTimeouts } from '../connection/imap-client-options.js';
import type { ServerTraits } from '../connection/imap-session.js';
import { TransientMailError } from '../connection/translate-imap-error.js';
import type { FactBatch, FolderListing, MailReader, OpenedFolder, ReadRequest } from './mail-reader.js';
import type { ReaderReply, ReaderRequest, WorkerError } from './reader-protocol.js';

type Listener = (reply: ReaderReply | { kind: 'crash'; error: RapportError }) => void;

function fromWorkerError(error: WorkerError): RapportError {
  if (error.transient) return new TransientMailError(error.code as 'connection_failed' | 'timeout' | 'server_error', error.message, error.throttled);
  return new RapportError(error.code, error.message);
}

/** Distributive Omit, so each request keeps its own fields. */
type RequestBody = ReaderRequest extends infer R ? (R extends ReaderRequest ? Omit<R, 'id'> : never) : never;

/**
 * A MailReader whose connection lives in a worker thread (see reader-worker.ts). Requests are
 * answered in order; a read streams batches, each acknowledged once the sync has committed it,
 * so the worker stays at most READ_AHEAD batches ahead.
 */
export class WorkerReader implements MailReader {
  private nextId = 1;
  private readonly listeners = new Map<number, Listener>();
  private crashed: RapportError | null = null;

  private constructor(
    private readonly worker: Worker,
    public traits: ServerTraits,
  ) {}

  static async open(workerUrl: URL, account: Account, secret: string, log: Logger, timeouts: ConnectionTimeouts): Promise<WorkerReader> {
    const worker = new Worker(workerUrl);
    const reader = new WorkerReader(worker, { condstore: false, specialUse: false, listStatus: false, gmailExtensions: false });
    worker.on('message', (reply: ReaderReply) => {
      if (reply.kind === 'log') log[reply.level](reply.message);
      else reader.listeners.get(reply.id)?.(reply);
    });
    const crash = (error: RapportError) => {
      reader.crashed ??= error;
      for (const listener of reader.listeners.values()) listener({ kind: 'crash', error });
    };
    worker.on('error', (error) => crash(new RapportError('internal', `the mail reader thread failed: ${error.message}`, undefined, { cause: error })));
    worker.on('exit', () => crash(new RapportError('internal', 'the mail reader thread stopped')));
    try {
      const opened = await reader.request({ op: 'open', account, secret, timeouts });
      if (opened.kind === 'opened') reader.traits = opened.traits;
      return reader;
    } catch (error) {
      reader.close();
      throw error;
    }
  }

  private send(body: RequestBody, listener: Listener): number {
    if (this.crashed) throw this.crashed;
    const id = this.nextId++;
    this.listeners.set(id, listener);
    this.worker.postMessage({ ...body, id } as ReaderRequest);
    return id;
  }

  private request(body: RequestBody): Promise<ReaderReply> {
    return new Promise((resolve, reject) => {
      const id = this.send(body, (reply) => {
        this.listeners.delete(id);
        if (reply.kind === 'crash') reject(reply.error);
        else if (reply.kind === 'error') reject(fromWorkerError(reply.error));
        else resolve(reply);
      });
    });
  }

  async list(): Promise<FolderListing[]> {
    const reply = await this.request({ op: 'list' });
    return reply.kind === 'listed' ? reply.folders : [];
  }

  async examine(path: string): Promise<OpenedFolder> {
    const reply = await this.request({ op: 'examine', path });
    if (reply.kind !== 'examined') throw new RapportError('internal', 'unexpected answer from the mail reader thread');
    return reply.folder;
  }

  async *read(request: ReadRequest): AsyncIterable<FactBatch> {
    const queue: (ReaderReply | { kind: 'crash'; error: RapportError })[] = [];
    let wake: (() => void) | null = null;
    const id = this.send({ op: 'read', request }, (reply) => {
      queue.push(reply);
      wake?.();
      wake = null;
    });
    try {
      for (;;) {
        if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const reply = queue.shift()!;
        if (reply.kind === 'batch') {
          yield reply.batch;
          this.worker.postMessage({ id, op: 'ack' } satisfies ReaderRequest);
        } else if (reply.kind === 'done') return;
        else if (reply.kind === 'error') throw fromWorkerError(reply.error);
        else if (reply.kind === 'crash') throw reply.error;
      }
    } finally {
      this.listeners.delete(id);
    }
  }

  async logout(): Promise<void> {
    try {
      await this.request({ op: 'logout' });
    } finally {
      this.close();
    }
  }

  close(): void {
    this.listeners.clear();
    this.crashed ??= new RapportError('internal', 'the mail reader was closed');
    void this.worker.terminate();
  }
}

import type { ImapSession } from '../connection/imap-session.js';
import { TransientMailError } from '../connection/translate-imap-error.js';
import { backoffDelay, sleep, type BackoffPolicy } from '../connection/backoff.js';

export interface FetchedHeaders {
  uid: number;
  internalDate: Date;
  /** Raw bytes of the requested header fields only. */
  headers: Buffer;
  /** X-GM-THRID, where the server offers it. */
  threadId?: string;
}

export interface HeaderBatch {
  fromUid: number;
  /** The whole range was asked for: every UID up to here is done, gaps included. */
  toUid: number;
  messages: FetchedHeaders[];
}

export interface FetchRangeOptions {
  fromUid: number;
  /** Last UID that existed when the folder was opened (UIDNEXT - 1). */
  toUid: number;
  fields: readonly string[];
  threadIds: boolean;
  /** Gmail's All Mail also holds drafts, flagged \Draft: FLAGS is fetched too, and drafts are left out (DESIGN rule 0). */
  skipDrafts: boolean;
  /** Messages wanted per batch; the UID span adapts to sparse UIDs to keep batches this size. */
  batchSize: number;
  /** A refusal for throttling is retried on the same connection after this backoff, a few times, before the error goes up. */
  throttleBackoff: BackoffPolicy;
}

/** Retries in place before a throttling refusal becomes the sync's problem (which reconnects, later still). */
const THROTTLE_RETRIES = 3;

const MAX_SPAN = 1_000_000;
const FIRST_SPAN = 250;

/** Next UID span: aims at `batchSize` messages given how dense the last span was. */
function nextSpan(span: number, got: number, batchSize: number): number {
  if (got === 0) return Math.min(MAX_SPAN, span * 8);
  return Math.min(MAX_SPAN, Math.max(batchSize, Math.round((span * batchSize) / got)));
}

/**
 * Reads header fields in UID ranges from the opened (EXAMINEd) folder. The only IMAP command
 * issued is `UID FETCH a:b (UID INTERNALDATE BODY.PEEK[HEADER.FIELDS (...)])` (plus X-GM-THRID and
 * FLAGS in Gmail's All Mail): PEEK never sets \Seen, and nothing else is requested. Ranges are closed (`a:b`, never
 * `a:*`, which the server answers with the last message even when it is below `a`), and rows
 * outside the range are dropped all the same.
 *
 * The next range is requested before the current batch is handed over, so the server prepares
 * it while the caller commits; fetchHeaderRows (imapflow's fetchAll, with a fast path for these
 * responses) never leaves an iterator open, so no command can deadlock behind it.
 */
export async function* fetchHeaderBatches(session: ImapSession, options: FetchRangeOptions): AsyncGenerator<HeaderBatch> {
  const { toUid, batchSize } = options;
  const query = { uid: true, internalDate: true, headers: [...options.fields], ...(options.threadIds ? { threadId: true } : {}), ...(options.skipDrafts ? { flags: true } : {}) };
  const fetchRange = async (fromUid: number, span: number): Promise<HeaderBatch> => {
    const upTo = Math.min(toUid, fromUid + span - 1);
    const rows = await withThrottleRetries(options.throttleBackoff, () => session.run((client) => client.fetchHeaderRows(`${fromUid}:${upTo}`, query)));
    const messages: FetchedHeaders[] = [];
    for (const row of rows) {
      if (!(row.uid >= fromUid && row.uid <= upTo) || !row.headers) continue;
      if (options.skipDrafts && row.flags?.has('\\Draft')) continue;
      const internalDate = row.internalDate instanceof Date ? row.internalDate : new Date(row.internalDate ?? Number.NaN);
      messages.push(row.threadId ? { uid: row.uid, internalDate, headers: row.headers, threadId: row.threadId } : { uid: row.uid, internalDate, headers: row.headers });
    }
    return { fromUid, toUid: upTo, messages };
  };

  // A small first range: decoding starts while the server is still producing the rest of the folder.
  let span = Math.min(batchSize, FIRST_SPAN);
  let pending: Promise<HeaderBatch> | null = options.fromUid <= toUid ? fetchRange(options.fromUid, span) : null;
  while (pending) {
    const batch: HeaderBatch = await pending;
    span = nextSpan(span, batch.messages.length, batchSize);
    pending = batch.toUid < toUid ? fetchRange(batch.toUid + 1, span) : null;
    // If the caller stops early (an error while committing), the prefetch must not become an unhandled rejection.
    pending?.catch(() => undefined);
    yield batch;
  }
}

/**
 * Gmail and Yahoo answer a client that reads too fast with NO [THROTTLED] / [UNAVAILABLE]: the
 * connection stays usable, so the same command is asked again after a pause that grows each time.
 */
async function withThrottleRetries<T>(policy: BackoffPolicy, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof TransientMailError && error.throttled) || attempt > THROTTLE_RETRIES) throw error;
      await sleep(backoffDelay(policy, attempt, true));
    }
  }
}

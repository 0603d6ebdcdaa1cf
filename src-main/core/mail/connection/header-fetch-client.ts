import { ImapFlow, type FetchMessageObject, type FetchQueryObject, type ImapFlowOptions } from 'imapflow';
import { parseHeaderFetchResponse, type HeaderFetchRow } from '../reader/parse-fetch-response.js';
import { ResponseFramer } from './response-framer.js';

/** One header row, as imapflow's fetchAll gives it (the fields the sync reads). */
export type HeaderRow = Pick<FetchMessageObject, 'uid' | 'internalDate' | 'headers' | 'threadId' | 'flags'>;

/** How the rows of fetchHeaderRows() were read, since the client was made. */
export interface HeaderFetchCounts {
  /** By parseHeaderFetchResponse, on the fast path. */
  fast: number;
  /** By imapflow's own parser (what fetchAll returned). */
  fallback: number;
  /** Of the fast rows, those framed from the socket's bytes directly (not through imapflow's ImapStream). */
  framed: number;
}

/** A complete response as imapflow's ImapStream hands it to handleResponse(): the line(s) with `{n}` markers, the literals apart. */
interface StreamResponse {
  payload: Buffer;
  literals: Buffer[];
}

/**
 * The imapflow 2.10.2 internals the fast path relies on. They are not in its typings; if an
 * upgrade renames them the fast path silently stops firing (everything still works, slower), which
 * is why fetchHeaderRows() counts its rows and a test fails when none are fast.
 */
interface ImapFlowInternals {
  handleResponse(data: StreamResponse): Promise<boolean>;
  /** The command on the wire; FETCH and UID FETCH register `options.untagged.FETCH`. */
  currentRequest?: { tag: string; options?: { untagged?: { FETCH?: unknown } } } | false;
  /** The Transform every received byte goes through (after TLS and COMPRESS), made once in the constructor. */
  streamer?: ImapStreamInternals;
}

type TransformCallback = (error?: Error | null) => void;

/** imapflow 2.10.2's ImapStream: what tells whether it holds anything, and the transform to step in front of. */
interface ImapStreamInternals {
  _transform(chunk: Buffer | string, encoding: BufferEncoding, next: TransformCallback): void;
  readBytesCounter: number;
  destroyed: boolean;
  readableLength: number;
  processingInput: boolean;
  inputQueue: unknown[];
  state: number;
  lineBuffer: unknown[];
  inputBuffer: unknown[];
  literals: unknown[];
  literalBuffer: unknown[];
  options?: { logRaw?: boolean };
}

/** ImapStream's state between responses (LINE = 1). */
const IMAP_STREAM_LINE = 1;

/** Whether ImapStream holds no byte and no response of its own, so bytes may be framed ahead of it without reordering anything. */
function isStreamIdle(stream: ImapStreamInternals): boolean {
  return (
    !stream.destroyed &&
    !stream.processingInput &&
    stream.readableLength === 0 &&
    stream.inputQueue.length === 0 &&
    stream.state === IMAP_STREAM_LINE &&
    stream.lineBuffer.length === 0 &&
    stream.inputBuffer.length === 0 &&
    stream.literals.length === 0 &&
    stream.literalBuffer.length === 0
  );
}

const imapFlowHandleResponse = (ImapFlow.prototype as unknown as ImapFlowInternals).handleResponse;

/** Rows one fetch keeps on the fast path (imapflow's MAX_COLLECTED_RESPONSES); a server sending more gets imapflow's own handling for the rest. */
const MAX_FAST_ROWS = 1_000_000;

interface Collection {
  rows: HeaderRow[];
  /** Tag of the command the last fast row answered; whether that is a retry of the first one. */
  tag: string | null;
  retried: boolean;
  /** Highest UID kept so far. */
  maxUid: number;
}

/**
 * ImapFlow with a fast path for the sync's header fetch.
 *
 * Why: profiling a 100k-message sync, imapflow's generic response tokenizer, parser, the compiler
 * it uses to name each item, and formatMessageResponse (an MD5 per row among other things) cost
 * about 2.5 s of CPU per 100,000 FETCH responses, on the thread that then stores them. While
 * fetchHeaderRows() runs, handleResponse() reads each `* n FETCH` response of exactly the shape
 * the sync asks for with parseHeaderFetchResponse() and keeps the row itself. Every other
 * response (tagged completions, other untagged data, a FETCH without UID or of any shape the
 * parser does not fully understand) goes to imapflow unchanged, so imapflow stays in charge of
 * the protocol: sending the command, its completion, errors, throttling, timeouts. imapflow's
 * reader() releases the stream item after handleResponse() returns, so this must not.
 *
 * No other FETCH on the client while fetchHeaderRows() runs (they queue behind each other): the
 * rows read fast belong to whichever FETCH is on the wire.
 */
export class HeaderFetchClient extends ImapFlow {
  readonly headerFetchCounts: HeaderFetchCounts = { fast: 0, fallback: 0, framed: 0 };
  private collection: Collection | null = null;
  private previousFetch: Promise<unknown> = Promise.resolve();
  private readonly framer = new ResponseFramer();

  constructor(options: ImapFlowOptions) {
    super(options);
    this.frameAheadOfImapStream();
  }

  /**
   * `UID FETCH range` with imapflow's fetchAll, rows read fast included; in UID order. A call made
   * while another runs waits for it (imapflow would queue the command anyway), so the rows read
   * fast always belong to the fetch on the wire.
   */
  fetchHeaderRows(range: string, query: FetchQueryObject): Promise<HeaderRow[]> {
    const rows = this.previousFetch.then(() => this.collectHeaderRows(range, query));
    this.previousFetch = rows.catch(() => undefined);
    return rows;
  }

  private async collectHeaderRows(range: string, query: FetchQueryObject): Promise<HeaderRow[]> {
    const collection: Collection = { rows: [], tag: null, retried: false, maxUid: 0 };
    this.collection = collection;
    let fallback: FetchMessageObject[];
    try {
      fallback = await this.fetchAll(range, query, { uid: true });
    } finally {
      this.collection = null;
      this.handFramedBytesBack();
    }
    this.headerFetchCounts.fallback += fallback.length;
    const rows = fallback.length ? collection.rows.concat(fallback) : collection.rows;
    // Servers answer in ascending order, so this is one pass unless a row fell back.
    return rows.sort((a, b) => (a.uid || 0) - (b.uid || 0));
  }

  /** Bytes the framer still holds when a fetch ends (a server sending past the completion) belong to imapflow. */
  private handFramedBytesBack(): void {
    const held = this.framer.release();
    const stream = (this as unknown as ImapFlowInternals).streamer;
    if (held === null || !stream || stream.destroyed) return;
    stream.readBytesCounter -= held.length;
    stream._transform(held, 'buffer' as BufferEncoding, () => undefined);
  }

  /** @see HeaderFetchClient: must stay small, and must never throw on what the server sends. */
  handleResponse(data: StreamResponse): boolean | Promise<boolean> {
    if (this.takeFast(data.payload, data.literals)) return true;
    return imapFlowHandleResponse.call(this, data);
  }

  /** Keeps the row of a header FETCH response of the fetch on the wire; false for anything else. */
  private takeFast(payload: Buffer, literals: Buffer[]): boolean {
    const collection = this.collection;
    const request = (this as unknown as ImapFlowInternals).currentRequest;
    if (!collection || !request || !request.options?.untagged?.FETCH || collection.rows.length >= MAX_FAST_ROWS) return false;
    let row = null;
    try {
      row = parseHeaderFetchResponse(payload, literals);
    } catch {
      row = null;
    }
    if (!row) return false;
    this.keep(collection, request.tag, row);
    return true;
  }

  /**
   * While fetchHeaderRows() runs, received bytes are framed here, in front of imapflow's
   * ImapStream, whenever it holds nothing of its own: a response framed this way never overtakes
   * one ImapStream still has. Responses takeFast() keeps never reach imapflow. At the first one it
   * does not keep (the tagged completion, any other untagged data, a limit), that response and
   * every byte after it go to ImapStream as they came, which then reads them as it always does,
   * with its own limits. imapflow's own socket, timeout and error handling are untouched.
   */
  private frameAheadOfImapStream(): void {
    const stream = (this as unknown as ImapFlowInternals).streamer;
    if (!stream || typeof stream._transform !== 'function' || !Array.isArray(stream.inputQueue) || !Array.isArray(stream.lineBuffer)) return;
    const imapStreamTransform = stream._transform;
    const framer = this.framer;
    const take = (payload: Buffer, literals: Buffer[]) => {
      if (!this.takeFast(payload, literals)) return false;
      this.headerFetchCounts.framed++;
      return true;
    };
    stream._transform = (chunk, encoding, next) => {
      const framing = Buffer.isBuffer(chunk) && this.collection !== null && !stream.options?.logRaw && (framer.holding || isStreamIdle(stream));
      if (!framing) {
        imapStreamTransform.call(stream, chunk, encoding, next);
        return;
      }
      stream.readBytesCounter += chunk.length;
      let rest: Buffer | null;
      try {
        rest = framer.frame(chunk, take);
      } catch (error) {
        // A bug here must not guess which rows were kept: fail the connection as ImapStream does (the sync reconnects and resumes).
        (stream as unknown as { destroy(error: Error): void }).destroy(error as Error);
        next();
        return;
      }
      if (rest === null) {
        next();
        return;
      }
      // ImapStream counts what it is given: these bytes were counted above.
      stream.readBytesCounter -= rest.length;
      imapStreamTransform.call(stream, rest, encoding, next);
    };
  }

  private keep(collection: Collection, tag: string, row: HeaderFetchRow): void {
    this.headerFetchCounts.fast++;
    // formatMessageResponse keeps these estimates on the mailbox for every row: so does the fast path.
    const mailbox = this.mailbox;
    if (mailbox) {
      if (!mailbox.uidNext || mailbox.uidNext <= row.uid) mailbox.uidNext = row.uid + 1;
      if (row.modseq && (!mailbox.highestModseq || mailbox.highestModseq < row.modseq)) mailbox.highestModseq = row.modseq;
    }
    // imapflow retries a FETCH refused for throttling (ETHROTTLE) as a new command, and its
    // fetch() then skips the UIDs it already delivered; so do the rows kept here.
    if (collection.tag !== tag) {
      collection.retried = collection.tag !== null;
      collection.tag = tag;
    }
    if (collection.retried && row.uid <= collection.maxUid) return;
    if (row.uid > collection.maxUid) collection.maxUid = row.uid;
    collection.rows.push(row);
  }
}

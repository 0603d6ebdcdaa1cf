const LF = 0x0a;
const CR = 0x0d;
const ZERO = 0x30;
const NINE = 0x39;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

/** Longer lines, larger literals or responses are left to imapflow, which enforces its own limits. */
export const FRAMER_MAX_LINE_BYTES = 64 * 1024;
export const FRAMER_MAX_LITERAL_BYTES = 1024 * 1024;
const FRAMER_MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

/** Offered each complete response, in imapflow's ImapStream item shape; false leaves it (and everything after it) to imapflow. */
type TakeResponse = (payload: Buffer, literals: Buffer[]) => boolean;

const INCOMPLETE = -1;
const TOO_LARGE = -2;

/**
 * Splits the server's bytes into responses exactly as imapflow's ImapStream does (a line ends at
 * LF; a line ending in `{n}` CRLF is followed by n literal bytes and the response goes on; the
 * payload is its lines without the final line break, the literals apart), so that the sync's
 * header fetch can read its ~100,000 FETCH responses without ImapStream's per-response promise,
 * Readable push and copies (about a third of all the memory a sync allocates).
 *
 * Literals are views into the received chunk, not copies.
 */
export class ResponseFramer {
  /** Bytes of a response not complete yet. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** Held bytes needed before framing again is worth it (a literal's announced end). */
  private needed = 0;
  private readonly wanted = { bytes: 0 };

  get holding(): boolean {
    return this.heldBytes > 0;
  }

  /**
   * Frames `chunk` after the held bytes and offers each complete response to `take`. Returns null
   * when every byte was taken or is held for the next chunk; otherwise the bytes from the first
   * response not taken (held ones included) to the end of the chunk, for imapflow to read, and
   * the framer is then empty.
   */
  frame(chunk: Buffer, take: TakeResponse): Buffer | null {
    let data = chunk;
    if (this.heldBytes > 0) {
      this.held.push(chunk);
      this.heldBytes += chunk.length;
      if (this.heldBytes < this.needed) return null;
      data = Buffer.concat(this.held, this.heldBytes);
      this.held = [];
      this.heldBytes = 0;
    }
    this.needed = 0;
    let start = 0;
    const literals: Buffer[] = [];
    while (start < data.length) {
      literals.length = 0;
      const end = responseEnd(data, start, literals, this.wanted);
      if (end === INCOMPLETE) {
        const rest = start === 0 ? data : data.subarray(start);
        this.held.push(rest);
        this.heldBytes = rest.length;
        this.needed = this.wanted.bytes;
        return null;
      }
      if (end === TOO_LARGE) return data.subarray(start);
      const payload = payloadOf(data, start, end, literals);
      if (payload.length > 0 && !take(payload, literals.slice())) return data.subarray(start);
      start = end;
    }
    return null;
  }

  /** Everything held, for imapflow to read when the framer stops mid-response. */
  release(): Buffer | null {
    if (this.heldBytes === 0) return null;
    const rest = Buffer.concat(this.held, this.heldBytes);
    this.held = [];
    this.heldBytes = 0;
    this.needed = 0;
    return rest;
  }
}

/**
 * End offset of the response starting at `start` (its literals appended to `literals`),
 * INCOMPLETE or TOO_LARGE. When a literal is incomplete, `wanted.bytes` says how many bytes from
 * `start` must be there before framing again is worth it (a line has no such bound: 0).
 */
function responseEnd(data: Buffer, start: number, literals: Buffer[], wanted: { bytes: number }): number {
  wanted.bytes = 0;
  let pos = start;
  for (;;) {
    const lf = data.indexOf(LF, pos);
    if (lf < 0) return data.length - pos > FRAMER_MAX_LINE_BYTES ? TOO_LARGE : INCOMPLETE;
    if (lf + 1 - pos > FRAMER_MAX_LINE_BYTES) return TOO_LARGE;
    const size = literalSize(data, pos, lf);
    if (size < 0) return lf + 1;
    if (size > FRAMER_MAX_LITERAL_BYTES) return TOO_LARGE;
    const literalEnd = lf + 1 + size;
    if (literalEnd - start > FRAMER_MAX_RESPONSE_BYTES) return TOO_LARGE;
    if (literalEnd > data.length) {
      wanted.bytes = literalEnd + 1 - start;
      return INCOMPLETE;
    }
    literals.push(data.subarray(lf + 1, literalEnd));
    pos = literalEnd;
  }
}

/**
 * The `{n}` at the end of the line [start, lf], as ImapStream reads it: `}` then digits then `{`,
 * right before the (CR)LF; -1 if the line ends otherwise. Digits beyond a safe integer count as
 * too large.
 */
function literalSize(data: Buffer, start: number, lf: number): number {
  let pos = lf - 1;
  if (pos >= start && data[pos] === CR) pos--;
  // ImapStream never reads a `}` at the very start of a line as a marker.
  if (pos <= start || data[pos] !== RBRACE) return -1;
  const digitsEnd = pos;
  for (pos--; pos >= start; pos--) {
    const c = data[pos]!;
    if (c >= ZERO && c <= NINE) continue;
    if (c !== LBRACE || pos === digitsEnd - 1) return -1;
    let size = 0;
    for (let digit = pos + 1; digit < digitsEnd; digit++) {
      size = size * 10 + (data[digit]! - ZERO);
      if (size > FRAMER_MAX_RESPONSE_BYTES) return Number.MAX_SAFE_INTEGER;
    }
    return size;
  }
  return -1;
}

/** The response's lines without the final line break; one view when it is a single line, else one copy (lines are short). */
function payloadOf(data: Buffer, start: number, end: number, literals: readonly Buffer[]): Buffer {
  let last = end - 1;
  if (last > start && data[last - 1] === CR) last--;
  if (literals.length === 0) return data.subarray(start, last);
  const parts: Buffer[] = [];
  let pos = start;
  for (const literal of literals) {
    parts.push(data.subarray(pos, literal.byteOffset - data.byteOffset));
    pos = literal.byteOffset - data.byteOffset + literal.length;
  }
  parts.push(data.subarray(pos, last));
  return Buffer.concat(parts);
}

/**
 * A strict parser for exactly the untagged FETCH responses the header sync asks for:
 *
 *   * 12 FETCH (UID 345 INTERNALDATE "08-Jan-2022 11:01:02 +0000" BODY[HEADER.FIELDS (FROM ...)] {276}
 *   <276 bytes of header fields>)
 *
 * plus FLAGS, MODSEQ and the ids imapflow asks for on its own (X-GM-MSGID, X-GM-THRID, EMAILID,
 * THREADID). It reads the response as imapflow's ImapStream frames it: the line(s) with the
 * `{n}` markers still in place, the literal bytes apart, in order.
 *
 * Whatever it returns is what imapflow's parser + formatMessageResponse would have made of the
 * same response (tested side by side); anything else, odd or hostile, gets null, and the caller
 * hands the response to imapflow unchanged. So the grammar here is RFC 3501/9051's, minus
 * whatever imapflow would read differently: only ASCII outside literals, one SP between tokens,
 * nz-numbers without leading zeros, no `~{n}`, no `BODY[HEADER]`, no NIL where a value is
 * expected (except the header section's nstring, which imapflow turns into "no headers").
 * One forward pass, never past the payload, which itself is capped.
 */

export interface HeaderFetchRow {
  uid: number;
  internalDate: Date;
  /** The header section's bytes (imapflow's own literal Buffer); undefined when the server answered NIL. */
  headers: Buffer | undefined;
  /** X-GM-THRID, or THREADID on an OBJECTID server. */
  threadId?: string;
  flags?: Set<string>;
  /** MODSEQ: imapflow keeps the highest one seen on its mailbox object. */
  modseq?: bigint;
}

/**
 * Our responses are a few hundred bytes outside the literal. The cap bounds the work, and keeps
 * the token count far below imapflow's maxResponseTokens, a limit it treats as fatal and we would
 * not otherwise see.
 */
export const MAX_FAST_PAYLOAD = 64 * 1024;

const SP = 0x20;
const DQUOTE = 0x22;
const STAR = 0x2a;
const LPAREN = 0x28;
const RPAREN = 0x29;
const BACKSLASH = 0x5c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LT = 0x3c;
const GT = 0x3e;
const CR = 0x0d;
const LF = 0x0a;
const ZERO = 0x30;
const NINE = 0x39;
const DASH = 0x2d;
const COLON = 0x3a;
const PLUS = 0x2b;

/** Bytes of an unquoted flag, keyword or header field name: RFC ATOM-CHAR without `[`, `:` and `,`, which imapflow's tokenizer reads specially (sections, sequence sets). */
const ATOM = new Uint8Array(256);
for (let c = 0x21; c < 0x7f; c++) ATOM[c] = 1;
for (const c of '(){%*"\\][:,') ATOM[c.charCodeAt(0)] = 0;

/** OBJECTID (RFC 8474): ALPHA / DIGIT / "_" / "-". */
const OBJECTID = new Uint8Array(256);
for (let c = 0x30; c <= 0x39; c++) OBJECTID[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) OBJECTID[c] = OBJECTID[c + 0x20] = 1;
OBJECTID[0x5f] = OBJECTID[DASH] = 1;

/** Words in lower case; matchesWord() lets only their letters match either case. */
const lowerBytes = (word: string): Uint8Array => Uint8Array.from(word, (c) => c.charCodeAt(0));
const FETCH = lowerBytes('fetch');
const NIL = lowerBytes('nil');
const HEADER_FIELDS = lowerBytes('header.fields');
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
  (month) => (month.charCodeAt(0) << 16) | (month.charCodeAt(1) << 8) | month.charCodeAt(2),
);

const enum Item {
  Uid = 1,
  InternalDate = 2,
  Body = 4,
  Flags = 8,
  Modseq = 16,
  GmailThreadId = 32,
  GmailMessageId = 64,
  EmailId = 128,
  ThreadId = 256,
}

/** The data items read (any other makes the response imapflow's). */
const ITEMS: ReadonlyArray<readonly [Uint8Array, Item]> = [
  [lowerBytes('uid'), Item.Uid],
  [lowerBytes('internaldate'), Item.InternalDate],
  [lowerBytes('body'), Item.Body],
  [lowerBytes('flags'), Item.Flags],
  [lowerBytes('modseq'), Item.Modseq],
  [lowerBytes('x-gm-thrid'), Item.GmailThreadId],
  [lowerBytes('x-gm-msgid'), Item.GmailMessageId],
  [lowerBytes('emailid'), Item.EmailId],
  [lowerBytes('threadid'), Item.ThreadId],
];

const isDigit = (c: number | undefined): c is number => c !== undefined && c >= ZERO && c <= NINE;

function matchesWord(buf: Buffer, pos: number, lower: Uint8Array): boolean {
  if (pos + lower.length > buf.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const c = buf[pos + i]!;
    const want = lower[i]!;
    if (c !== want && !(want >= 0x61 && want <= 0x7a && c === want - 0x20)) return false;
  }
  return true;
}

/** Decimal value of buf[start, end), at most 10 digits (checked by the caller). */
function decimal(buf: Buffer, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (buf[i]! - ZERO);
  return value;
}

/** Two digits at `at`, or -1. */
function twoDigits(buf: Buffer, at: number): number {
  return isDigit(buf[at]) && isDigit(buf[at + 1]) ? (buf[at]! - ZERO) * 10 + buf[at + 1]! - ZERO : -1;
}

const isNameByte = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isDigit(c) || c === DASH || c === 0x2e;

function daysInMonth(year: number, month: number): number {
  if (month === 1) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 3 || month === 5 || month === 8 || month === 10 ? 30 : 31;
}

class ResponseReader {
  pos = 0;
  literalIndex = 0;

  constructor(
    readonly buf: Buffer,
    readonly literals: readonly Buffer[],
  ) {}

  byte(c: number): boolean {
    if (this.buf[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  /** A word, case-insensitively: `lower` is in lower case, and only its letters match either case. */
  word(lower: Uint8Array): boolean {
    if (!matchesWord(this.buf, this.pos, lower)) return false;
    this.pos += lower.length;
    return true;
  }

  /** Run of digits (at most `maxDigits`, no leading zero unless `zeroOk` and it is "0"); its start, or -1. */
  digits(maxDigits: number, zeroOk: boolean): number {
    const { buf } = this;
    const start = this.pos;
    let end = start;
    while (isDigit(buf[end])) end++;
    const length = end - start;
    if (length === 0 || length > maxDigits) return -1;
    if (buf[start] === ZERO && (length > 1 || !zeroOk)) return -1;
    this.pos = end;
    return start;
  }

  /** nz-number, a 32-bit one (UID, message number), or -1. */
  nzNumber(): number {
    const start = this.digits(10, false);
    if (start < 0) return -1;
    const value = decimal(this.buf, start, this.pos);
    return value <= 0xffffffff ? value : -1;
  }

  /** An item name: which one, or 0 for anything we do not read. */
  itemName(): Item | 0 {
    const { buf } = this;
    const start = this.pos;
    let end = start;
    while (end < buf.length && isNameByte(buf[end]!)) end++;
    const length = end - start;
    for (const [name, item] of ITEMS) {
      if (name.length === length && this.word(name)) return item;
    }
    return 0;
  }

  /** `"dd-Mon-yyyy hh:mm:ss +zzzz"` (day may be " d"), as the instant `new Date()` makes of it; null for anything else. */
  internalDate(): Date | null {
    const { buf } = this;
    const p = this.pos;
    if (buf[p] !== DQUOTE || buf[p + 27] !== DQUOTE) return null;
    const day = buf[p + 1] === SP ? (isDigit(buf[p + 2]) ? buf[p + 2]! - ZERO : -1) : twoDigits(buf, p + 1);
    const monthKey = ((buf[p + 4]! | 0x20) << 16) | ((buf[p + 5]! | 0x20) << 8) | (buf[p + 6]! | 0x20);
    const month = MONTHS.indexOf(monthKey);
    const century = twoDigits(buf, p + 8);
    const yearInCentury = twoDigits(buf, p + 10);
    const hour = twoDigits(buf, p + 13);
    const minute = twoDigits(buf, p + 16);
    const second = twoDigits(buf, p + 19);
    const sign = buf[p + 22] === PLUS ? 1 : buf[p + 22] === DASH ? -1 : 0;
    const zoneHours = twoDigits(buf, p + 23);
    const zoneMinutes = twoDigits(buf, p + 25);
    if (buf[p + 3] !== DASH || buf[p + 7] !== DASH || buf[p + 12] !== SP || buf[p + 15] !== COLON || buf[p + 18] !== COLON || buf[p + 21] !== SP) return null;
    if (month < 0 || century < 10 || yearInCentury < 0 || sign === 0) return null;
    const year = century * 100 + yearInCentury;
    // Within these bounds V8's date parser (what imapflow uses) reads the string literally; beyond
    // them it rolls over ("31-Feb" is 3 March, ":60" seconds are dropped) or maps 2-digit years.
    if (day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
    if (zoneHours < 0 || zoneHours > 23 || zoneMinutes < 0 || zoneMinutes > 59) return null;
    this.pos = p + 28;
    return new Date(Date.UTC(year, month, day, hour, minute, second) - sign * (zoneHours * 60 + zoneMinutes) * 60_000);
  }

  /** A quoted string of printable ASCII with only `\"` and `\\` escapes; its bytes, or null. */
  quoted(): Buffer | null {
    const { buf } = this;
    if (buf[this.pos] !== DQUOTE) return null;
    const start = this.pos + 1;
    let escapes = 0;
    let i = start;
    for (; i < buf.length; i++) {
      const c = buf[i]!;
      if (c === DQUOTE) break;
      if (c === BACKSLASH) {
        const next = buf[i + 1];
        if (next !== DQUOTE && next !== BACKSLASH) return null;
        escapes++;
        i++;
      } else if (c < 0x20 || c > 0x7e) {
        return null;
      }
    }
    if (i >= buf.length) return null;
    this.pos = i + 1;
    // Copied: the payload may be a slice of a larger socket chunk that must not stay alive.
    if (escapes === 0) return Buffer.from(buf.subarray(start, i));
    const out = Buffer.allocUnsafe(i - start - escapes);
    let o = 0;
    for (let j = start; j < i; j++) {
      if (buf[j] === BACKSLASH) j++;
      out[o++] = buf[j]!;
    }
    return out;
  }

  /** `{n}` + CRLF (or LF, as imapflow's stream accepts): the next literal, which must be n bytes; or null. */
  literal(): Buffer | null {
    const { buf } = this;
    if (!this.byte(LBRACE)) return null;
    const start = this.digits(10, true);
    if (start < 0) return null;
    const size = decimal(buf, start, this.pos);
    if (!this.byte(RBRACE)) return null;
    if (buf[this.pos] === CR) this.pos++;
    if (!this.byte(LF)) return null;
    const literal = this.literals[this.literalIndex];
    if (literal === undefined || literal.length !== size) return null;
    this.literalIndex++;
    return literal;
  }

  /** An unquoted atom of ATOM bytes (after an optional leading backslash for system flags); its end, or -1. */
  atom(allowBackslash: boolean): number {
    const { buf } = this;
    let i = this.pos;
    if (allowBackslash && buf[i] === BACKSLASH) i++;
    const first = i;
    while (i < buf.length && ATOM[buf[i]!] === 1) i++;
    if (i === first) return -1;
    this.pos = i;
    return i;
  }

  /** `(objectid)` of RFC 8474; the id, or null. */
  objectId(): string | null {
    const { buf } = this;
    if (!this.byte(LPAREN)) return null;
    const start = this.pos;
    while (this.pos < buf.length && OBJECTID[buf[this.pos]!] === 1) this.pos++;
    const length = this.pos - start;
    if (length < 1 || length > 255 || !this.byte(RPAREN)) return null;
    return buf.toString('latin1', start, start + length);
  }

  /** `(flag *(SP flag))`, possibly empty. */
  flags(): Set<string> | null {
    const { buf } = this;
    if (!this.byte(LPAREN)) return null;
    const flags = new Set<string>();
    if (this.byte(RPAREN)) return flags;
    for (;;) {
      const start = this.pos;
      if (this.atom(true) < 0) return null;
      // imapflow reads an atom NIL as nothing and leaves it out of the set.
      if (this.pos - start === 3 && matchesWord(buf, start, NIL)) return null;
      flags.add(buf.toString('latin1', start, this.pos));
      if (this.byte(RPAREN)) return flags;
      if (!this.byte(SP)) return null;
    }
  }

  /** `[HEADER.FIELDS (name *(SP name))]` and an optional `<origin>` (which imapflow ignores for headers too). */
  headerFieldsSection(): boolean {
    if (!this.byte(LBRACKET) || !this.word(HEADER_FIELDS) || !this.byte(SP) || !this.byte(LPAREN)) return false;
    for (;;) {
      const ok = this.buf[this.pos] === DQUOTE ? this.quoted() !== null : this.atom(false) >= 0;
      if (!ok) return false;
      if (this.byte(RPAREN)) break;
      if (!this.byte(SP)) return false;
    }
    if (!this.byte(RBRACKET)) return false;
    if (this.byte(LT)) return this.digits(10, true) >= 0 && this.byte(GT);
    return true;
  }
}

/**
 * The row of one `* n FETCH (...)` response holding UID, INTERNALDATE and the header-fields
 * section (and nothing we do not read); null for any other response, and for anything malformed.
 * Never throws on server input.
 */
export function parseHeaderFetchResponse(payload: Buffer, literals: readonly Buffer[]): HeaderFetchRow | null {
  if (payload.length > MAX_FAST_PAYLOAD || payload[0] !== STAR || payload[1] !== SP) return null;
  const r = new ResponseReader(payload, literals);
  r.pos = 2;
  if (r.nzNumber() < 0 || !r.byte(SP) || !r.word(FETCH) || !r.byte(SP) || !r.byte(LPAREN)) return null;

  let seen = 0;
  let uid = 0;
  let internalDate: Date | null = null;
  let headers: Buffer | undefined;
  let threadId: string | undefined;
  let flags: Set<string> | undefined;
  let modseq: bigint | undefined;
  for (;;) {
    const item = r.itemName();
    if (item === 0 || seen & item) return null;
    seen |= item;
    if (item === Item.Body) {
      if (!r.headerFieldsSection() || !r.byte(SP)) return null;
      const c = payload[r.pos];
      if (c === LBRACE) {
        const literal = r.literal();
        if (!literal) return null;
        headers = literal;
      } else if (c === DQUOTE) {
        const quoted = r.quoted();
        if (!quoted) return null;
        headers = quoted;
      } else if (!r.word(NIL)) {
        return null;
      }
    } else {
      if (!r.byte(SP)) return null;
      switch (item) {
        case Item.Uid:
          uid = r.nzNumber();
          if (uid < 0) return null;
          break;
        case Item.InternalDate:
          internalDate = r.internalDate();
          if (!internalDate) return null;
          break;
        case Item.Flags:
          flags = r.flags() ?? undefined;
          if (!flags) return null;
          break;
        case Item.Modseq: {
          if (!r.byte(LPAREN)) return null;
          const start = r.digits(19, true);
          if (start < 0 || !r.byte(RPAREN)) return null;
          modseq = BigInt(payload.toString('latin1', start, r.pos - 1));
          break;
        }
        case Item.GmailThreadId:
        case Item.GmailMessageId: {
          // Gmail's ids are unsigned 64-bit; imapflow keeps them as the digits the server sent.
          const start = r.digits(20, true);
          if (start < 0) return null;
          if (item === Item.GmailThreadId) threadId = payload.toString('latin1', start, r.pos);
          break;
        }
        case Item.EmailId:
          if (r.objectId() === null) return null;
          break;
        case Item.ThreadId:
          if (r.word(NIL)) break;
          threadId = r.objectId() ?? undefined;
          if (threadId === undefined) return null;
          break;
      }
    }
    if (r.byte(RPAREN)) break;
    if (!r.byte(SP)) return null;
  }
  if (r.pos !== payload.length || r.literalIndex !== literals.length) return null;
  if (!(seen & Item.Uid) || !(seen & Item.Body) || internalDate === null) return null;

  const row: HeaderFetchRow = { uid, internalDate, headers };
  if (threadId !== undefined) row.threadId = threadId;
  if (flags !== undefined) row.flags = flags;
  if (modseq !== undefined) row.modseq = modseq;
  return row;
}

import { decodeHeaderBytes } from './decode-header-bytes.js';
import { HEADER_FIELDS } from './header-fields.js';
import { RawHeaders } from './raw-headers.js';

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const FOLD_BREAK = /\r?\n/g;

/**
 * Parses the header block a server returns for `BODY.PEEK[HEADER.FIELDS (...)]`.
 *
 * Works on bytes rather than a decoded string so that each value can be decoded on its own: one
 * header in raw Latin-1 must not turn the UTF-8 name in the next one into mojibake. Tolerates bare
 * LF, stray CR, blank lines before the block, garbage lines (counted in `malformedLines`) and
 * continuation lines with no header to continue. Stops at the first blank line after a header,
 * which ends the block.
 */
export function parseHeaderBlock(raw: Buffer | Uint8Array | string): RawHeaders {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const fields = new Map<string, string[]>();
  let malformedLines = 0;

  let name: string | null = null;
  let valueStart = 0;
  let valueEnd = 0;
  let folded = false;
  let seenHeader = false;

  const flush = (): void => {
    if (name === null) return;
    // Surrounding whitespace is cut on the bytes, before decoding (trim() would copy every value).
    let start = valueStart;
    let end = valueEnd;
    while (start < end && isWhitespace(bytes[start]!)) start++;
    while (end > start && isWhitespace(bytes[end - 1]!)) end--;
    let value = decodeHeaderBytes(bytes, start, end);
    // Unfolding removes the line break and keeps the whitespace that follows it (RFC 5322 2.2.3).
    if (folded) value = value.replace(FOLD_BREAK, '').trim();
    // Non-ASCII whitespace (a no-break space, say) at either end is trim()'s to remove, as before.
    else if (value.length > 0 && (value.charCodeAt(0) >= 0x80 || value.charCodeAt(value.length - 1) >= 0x80)) value = value.trim();
    const values = fields.get(name);
    if (values) values.push(value);
    else fields.set(name, [value]);
    name = null;
  };

  const length = bytes.length;
  let pos = 0;
  while (pos < length) {
    let lineEnd = bytes.indexOf(LF, pos);
    if (lineEnd < 0) lineEnd = length;
    const next = lineEnd + 1;
    let end = lineEnd;
    if (end > pos && bytes[end - 1] === CR) end--;

    if (end === pos) {
      if (seenHeader) break;
      pos = next;
      continue;
    }

    const first = bytes[pos];
    if (first === SPACE || first === TAB) {
      if (name !== null) {
        valueEnd = end;
        folded = true;
      } else if (!isBlankRun(bytes, pos, end)) {
        malformedLines++;
      }
      pos = next;
      continue;
    }

    flush();
    seenHeader = true;
    const fieldName = readFieldName(bytes, pos, end);
    if (fieldName === null) {
      malformedLines++;
    } else {
      name = fieldName.name;
      valueStart = fieldName.valueStart;
      valueEnd = end;
      folded = false;
    }
    pos = next;
  }
  flush();
  return new RawHeaders(fields, malformedLines);
}

/** RFC 5322 field names are printable ASCII without ':'; obsolete syntax allows whitespace before the colon. */
function readFieldName(bytes: Uint8Array, start: number, end: number): { name: string; valueStart: number } | null {
  let colon = -1;
  for (let i = start; i < end; i++) {
    if (bytes[i] === COLON) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  let nameEnd = colon;
  while (nameEnd > start && (bytes[nameEnd - 1] === SPACE || bytes[nameEnd - 1] === TAB)) nameEnd--;
  if (nameEnd === start) return null;
  const known = knownFieldName(bytes, start, nameEnd);
  if (known !== null) return { name: known, valueStart: colon + 1 };
  for (let i = start; i < nameEnd; i++) {
    const byte = bytes[i]!;
    if (byte < 0x21 || byte > 0x7e) return null;
  }
  return { name: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, nameEnd).toLowerCase(), valueStart: colon + 1 };
}

/** The fields the sync asks for, by length: every block repeats them, so their names are matched, not built again. */
const KNOWN_BY_LENGTH: readonly (readonly string[] | undefined)[] = (() => {
  const byLength: string[][] = [];
  for (const name of [...HEADER_FIELDS, 'subject']) (byLength[name.length] ??= []).push(name);
  return byLength;
})();

function knownFieldName(bytes: Uint8Array, start: number, end: number): string | null {
  const candidates = KNOWN_BY_LENGTH[end - start];
  if (candidates === undefined) return null;
  next: for (const name of candidates) {
    for (let i = 0; i < name.length; i++) {
      let byte = bytes[start + i]!;
      if (byte >= 0x41 && byte <= 0x5a) byte += 0x20;
      if (byte !== name.charCodeAt(i)) continue next;
    }
    return name;
  }
  return null;
}

/** What String.prototype.trim() removes, among the bytes a header value can hold (anything at or above 0x80 is left to decoding). */
function isWhitespace(byte: number): boolean {
  return byte === SPACE || byte === TAB || byte === CR || byte === LF || byte === 0x0b || byte === 0x0c;
}

function isBlankRun(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    if (byte !== SPACE && byte !== TAB && byte !== CR) return false;
  }
  return true;
}

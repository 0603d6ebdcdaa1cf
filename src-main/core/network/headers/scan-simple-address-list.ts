/** One entry of an address list before normalisation, in the shape nodemailer's addressparser returns. */
export interface RawAddress {
  readonly name: string;
  readonly address: string;
}

const TAB = 0x09;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const LT = 0x3c;
const GT = 0x3e;
const AT = 0x40;
const BACKSLASH = 0x5c;

/**
 * The hot-path reader for the address lists nearly every message carries: `a@x`, `<a@x>`,
 * `Name <a@x>` and `"Quoted, Name" <a@x>`, comma separated. Returns null, so the caller falls back
 * to the full RFC 5322 parser, on anything else — comments, groups, routes, escapes, domain
 * literals, control characters, a name without an address or unbalanced brackets. Within what it
 * accepts it must agree with addressparser (a test checks that). One pass, so a list of thousands
 * of recipients stays linear.
 */
export function scanSimpleAddressList(value: string): RawAddress[] | null {
  const entries: RawAddress[] = [];
  const length = value.length;
  let start = 0;
  let inQuote = false;
  let sawQuote = false;
  let open = -1;
  let close = -1;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? value.charCodeAt(i) : COMMA;
    if ((code < SPACE && code !== TAB) || (code >= 0xa0 && isUnicodeSpace(code))) return null;
    if (inQuote) {
      if (code === QUOTE) inQuote = false;
      else if (code === BACKSLASH || i === length) return null;
      continue;
    }
    switch (code) {
      case QUOTE:
        if (open >= 0) return null;
        inQuote = true;
        sawQuote = true;
        break;
      case LT:
        if (open >= 0) return null;
        open = i;
        break;
      case GT:
        if (open < 0 || close >= 0) return null;
        close = i;
        break;
      case COMMA: {
        if (open >= 0 && close < 0) return null;
        const entry = readEntry(value, start, i, open, close, sawQuote);
        if (entry === null) return null;
        if (entry !== SKIP) entries.push(entry);
        start = i + 1;
        sawQuote = false;
        open = -1;
        close = -1;
        break;
      }
      case 0x28: // (
      case 0x29: // )
      case 0x3a: // :
      case 0x3b: // ;
      case 0x5b: // [
      case 0x5d: // ]
      case BACKSLASH:
        return null;
    }
  }
  return entries;
}

const SKIP: RawAddress = Object.freeze({ name: '', address: '' });

function readEntry(value: string, from: number, to: number, open: number, close: number, sawQuote: boolean): RawAddress | null {
  while (from < to && isSpace(value.charCodeAt(from))) from++;
  while (to > from && isSpace(value.charCodeAt(to - 1))) to--;
  if (from === to) return SKIP;
  if (open < 0) return isPlainAddress(value, from, to) ? { name: '', address: value.slice(from, to) } : null;

  if (close !== to - 1) return null;
  let nameTo = open;
  while (nameTo > from && isSpace(value.charCodeAt(nameTo - 1))) nameTo--;
  let name = value.slice(from, nameTo);
  if (sawQuote) {
    // The name must be exactly one quoted string: `Bob "The Man" Smith` is left to the full parser.
    if (nameTo - from < 2 || value.charCodeAt(from) !== QUOTE || value.indexOf('"', from + 1) !== nameTo - 1) return null;
    name = value.slice(from + 1, nameTo - 1).trim();
  }
  let addressFrom = open + 1;
  let addressTo = close;
  while (addressFrom < addressTo && isSpace(value.charCodeAt(addressFrom))) addressFrom++;
  while (addressTo > addressFrom && isSpace(value.charCodeAt(addressTo - 1))) addressTo--;
  if (!isPlainAddress(value, addressFrom, addressTo)) return null;
  return { name, address: value.slice(addressFrom, addressTo) };
}

/** Exactly one '@' with something on both sides, and nothing that needs the full grammar. */
function isPlainAddress(value: string, from: number, to: number): boolean {
  let at = -1;
  for (let i = from; i < to; i++) {
    const code = value.charCodeAt(i);
    if (code === AT) {
      if (at >= 0) return false;
      at = i;
    } else if (isSpace(code) || code === QUOTE || code === LT || code === GT) {
      return false;
    }
  }
  return at > from && at < to - 1;
}

/** The full parser splits words on every Unicode space (JS `\s`); agreeing on those is its job. */
function isUnicodeSpace(code: number): boolean {
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

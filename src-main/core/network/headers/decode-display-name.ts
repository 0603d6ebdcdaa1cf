import { decodeEncodedWords } from './decode-encoded-words.js';
import { looksLikeAddress } from './looks-like-address.js';

const QUOTED_PAIR = /\\([\s\S])/g;
// Control characters, zero-width and BOM characters and every kind of whitespace read as one space.
const SPACE_RUN = /[\s\u0000-\u001f\u007f\u200b-\u200d\u2060\ufeff]+/g;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Turns a raw display name, as written in the header, into the name a contact shows, or null when
 * there is no real name. A name that is one quoted string loses the quotes and its quoted pairs
 * are unescaped; outside quotes a backslash is literal (`CORP\jsmith`).
 */
export function decodeDisplayName(raw: string | null | undefined, address?: string | null): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  return cleanDisplayName(unquote(trimmed) ?? trimmed, address);
}

/**
 * The part of decodeDisplayName that follows unquoting, for names an address parser already
 * unquoted. Encoded words are decoded even inside quotes: RFC 2047 forbids them there, but many
 * mailers put them there anyway. Quotes around the whole name (Outlook's `'Bob Smith'`) go too.
 * A name that is an address, equals the address, or holds no letter or digit yields null.
 */
export function cleanDisplayName(text: string, address?: string | null): string | null {
  const name = stripSurroundingQuotes(decodeEncodedWords(text).replace(SPACE_RUN, ' ').trim());
  if (name === '' || !LETTER_OR_DIGIT.test(name)) return null;
  if (looksLikeAddress(name)) return null;
  if (address && name.toLowerCase() === address.toLowerCase()) return null;
  return name;
}

/** The content of a string that is exactly one RFC 5322 quoted string, or null. */
function unquote(text: string): string | null {
  if (text.length < 2 || text.charCodeAt(0) !== 0x22) return null;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) i++;
    else if (code === 0x22) return i === text.length - 1 ? text.slice(1, -1).replace(QUOTED_PAIR, '$1') : null;
  }
  return null;
}

const QUOTE_PAIRS: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["'", "'"],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
]);

/** Only when the quotes enclose the whole name: `"Bob" and "Al"` keeps its quotes. */
function stripSurroundingQuotes(name: string): string {
  while (name.length >= 2) {
    const open = name[0]!;
    const close = QUOTE_PAIRS.get(open);
    if (close === undefined || name[name.length - 1] !== close) break;
    const inner = name.slice(1, -1);
    if (inner.includes(open) || inner.includes(close)) break;
    name = inner.trim();
  }
  return name;
}

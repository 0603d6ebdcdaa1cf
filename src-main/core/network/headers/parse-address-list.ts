import addressparser from 'nodemailer/lib/addressparser';
import { cleanDisplayName } from './decode-display-name.js';
import { decodeEncodedWords } from './decode-encoded-words.js';
import { normaliseAddress } from './normalise-address.js';
import { scanSimpleAddressList, type RawAddress } from './scan-simple-address-list.js';
import type { MailAddress } from './types.js';

export interface ParsedAddressList {
  readonly addresses: MailAddress[];
  /** Entries dropped for holding no usable address (a bare name, `<>`, no `@`, a bad domain…). */
  readonly malformed: number;
}

/**
 * Reads an RFC 5322 address list: groups (`undisclosed-recipients:;`, `Team: a@x, b@y;`) are
 * flattened, comments become the name when there is no other (`bob@x (Bob)`), obsolete routes are
 * dropped, quoted names may hold commas and at-signs. Addresses come back normalised (see
 * normaliseAddress) with decoded display names, in header order, duplicates kept.
 */
export function parseAddressList(value: string | null | undefined): ParsedAddressList {
  if (!value) return { addresses: [], malformed: 0 };
  let parsed = recentLists.get(value);
  if (parsed === undefined) {
    parsed = parseUncached(value);
    if (recentLists.size >= RECENT_LISTS_MAX) recentLists.clear();
    recentLists.set(value, parsed);
  }
  return parsed;
}

/**
 * The same From and To values come back in message after message (a mailbox has thousands of
 * messages per correspondent, and the user's own address in most of them), so parsed lists are
 * kept for reuse: a quarter of a sync's header decoding went into parsing the same few thousand
 * strings again. Results are shared, hence frozen; the bound keeps the memory small.
 */
const recentLists = new Map<string, ParsedAddressList>();
const RECENT_LISTS_MAX = 4096;

function parseUncached(value: string): ParsedAddressList {
  const parsed = parseEntries(value);
  if (parsed.addresses.length > 0 || parsed.malformed === 0 || !value.includes('=?')) return parsed;
  // Some mailers (mostly bulk senders) encode the whole field, address included: `=?utf-8?B?…?=`.
  const decoded = decodeEncodedWords(value);
  if (decoded === value) return parsed;
  const retried = parseEntries(decoded);
  return retried.addresses.length > 0 ? retried : parsed;
}

function parseEntries(value: string): ParsedAddressList {
  let entries: readonly RawAddress[];
  try {
    entries = scanSimpleAddressList(value) ?? addressparser(value, { flatten: true });
  } catch {
    return Object.freeze({ addresses: Object.freeze<MailAddress[]>([]) as MailAddress[], malformed: 1 });
  }
  const addresses: MailAddress[] = [];
  let malformed = 0;
  for (const entry of entries) {
    const address = normaliseAddress(entry.address);
    if (address === null) {
      malformed++;
      continue;
    }
    // Both readers hand names over already unquoted and unescaped.
    addresses.push(Object.freeze({ address, name: cleanDisplayName(entry.name, entry.address) }));
  }
  return Object.freeze({ addresses: Object.freeze(addresses) as MailAddress[], malformed });
}

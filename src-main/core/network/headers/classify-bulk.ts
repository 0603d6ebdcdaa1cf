import { isNoreplyLocalPart } from './is-noreply-local-part.js';
import { parseAddressList } from './parse-address-list.js';
import type { RawHeaders } from './raw-headers.js';
import type { BulkReason } from './types.js';

const BULK_PRECEDENCE: ReadonlySet<string> = new Set(['bulk', 'list', 'junk']);
const FIRST_WORD = /^\s*([^\s;,()]*)/;

/**
 * Why a message is bulk or automated, or null when it is personal (DESIGN rules 3 and 4).
 * A List-Id or List-Unsubscribe field counts by its mere presence: no person's mail client adds one.
 */
export function classifyBulk(headers: RawHeaders): BulkReason | null {
  const from = parseAddressList(headers.first('from')).addresses[0];
  return classifyBulkFor(headers, from?.address ?? null);
}

/** classifyBulk for callers that already parsed From (normalised address). */
export function classifyBulkFor(headers: RawHeaders, fromAddress: string | null): BulkReason | null {
  if (headers.has('list-id') || headers.has('list-unsubscribe')) return 'list';
  for (const value of headers.all('precedence')) {
    if (BULK_PRECEDENCE.has(firstWord(value))) return 'bulk-precedence';
  }
  // Absent or `no` is personal; anything else, even an empty or unknown value, was put there by software.
  for (const value of headers.all('auto-submitted')) {
    if (firstWord(value) !== 'no') return 'auto-submitted';
  }
  if (fromAddress !== null && isNoreplyLocalPart(fromAddress)) return 'noreply-sender';
  return null;
}

function firstWord(value: string): string {
  return (FIRST_WORD.exec(value)?.[1] ?? '').toLowerCase();
}

import { parseDateHeader } from './parse-date-header.js';
import type { DateSource } from './types.js';

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * DESIGN rule 7: the Date header, unless it is missing, unparseable, or more than a day later than
 * INTERNALDATE (the server's arrival time) — a sender's clock far in the future must not make a
 * contact look recent. Earlier dates are kept: mail legitimately arrives late. When INTERNALDATE
 * is itself invalid the header is all there is; the caller must check the returned date.
 */
export function resolveMessageDate(dateHeader: string | null | undefined, internalDate: Date): { date: Date; source: DateSource } {
  const internal = internalDate instanceof Date ? internalDate.getTime() : Number.NaN;
  const header = parseDateHeader(dateHeader);
  if (header !== null && (Number.isNaN(internal) || header - internal <= ONE_DAY_MS)) {
    return { date: new Date(header), source: 'header' };
  }
  return { date: new Date(internal), source: 'internal' };
}

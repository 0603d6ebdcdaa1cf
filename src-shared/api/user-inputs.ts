import { z } from 'zod';

/**
 * Inputs people type (dates, colours, contact references), validated once here so that every
 * adapter reports the same field-named error. Dates are stored as ISO-8601 UTC.
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A calendar date (`2025-03-01`, read as local midnight: the day the user means where they are)
 * or an ISO-8601 date-time (`2025-03-01T09:30`, local unless it carries `Z` or an offset).
 * Returns null when the text is not such a date, or names a day that does not exist.
 */
export function parseUserDate(text: string): Date | null {
  const trimmed = text.trim();
  const dateOnly = DATE_ONLY.exec(trimmed);
  if (dateOnly) {
    const [year, month, day] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    const date = new Date(year, month - 1, day);
    const exists = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
    return exists ? date : null;
  }
  if (!DATE_TIME.test(trimmed)) return null;
  const date = new Date(trimmed.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) return null;
  // `new Date` rolls 2025-02-30 over to March; refuse days that do not exist.
  const [year, month, day] = trimmed.slice(0, 10).split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? date : null;
}

export const DATE_INPUT_MESSAGE = 'expected a date (YYYY-MM-DD) or an ISO-8601 date-time (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])';

/** A user-typed date, output as an ISO-8601 UTC string. */
export const dateInput = z
  .string()
  .transform((text, context) => {
    const date = parseUserDate(text);
    if (date === null) {
      context.addIssue({ code: 'custom', message: DATE_INPUT_MESSAGE });
      return z.NEVER;
    }
    return date.toISOString();
  });

const HEX_COLOUR = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;
export const COLOUR_INPUT_MESSAGE = 'expected a hex colour such as #3b82f6 or #38f';

/** `#38f`, `38F`, `#3388ff` → `#3388ff`. */
export function normaliseColour(text: string): string | null {
  const match = HEX_COLOUR.exec(text.trim());
  if (!match) return null;
  const digits = match[1]!.toLowerCase();
  return '#' + (digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits);
}

export const colourInput = z.string().transform((text, context) => {
  const colour = normaliseColour(text);
  if (colour === null) {
    context.addIssue({ code: 'custom', message: COLOUR_INPUT_MESSAGE });
    return z.NEVER;
  }
  return colour;
});

export const MAX_CADENCE_DAYS = 3650;
export const cadenceInput = z
  .number({ error: 'expected a whole number of days' })
  .int('expected a whole number of days')
  .min(1, 'a cadence is at least 1 day')
  .max(MAX_CADENCE_DAYS, `a cadence is at most ${MAX_CADENCE_DAYS} days`);

/** A contact named by its id, or by one of its email addresses. */
export const contactRef = z.union([z.number().int().positive(), z.string().trim().min(1, 'expected a contact id or an email address')]);
export type ContactRef = z.input<typeof contactRef>;

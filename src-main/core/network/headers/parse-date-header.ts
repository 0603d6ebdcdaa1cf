const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_BY_PREFIX: ReadonlyMap<string, number> = new Map(MONTH_NAMES.map((name, index) => [name.slice(0, 3), index]));

/**
 * Offsets in minutes. RFC 5322 names UT, GMT and the North American zones; the rest are the
 * abbreviations real mailers write anyway. Ambiguous ones (IST: India, Ireland or Israel) are left
 * out and read as UTC, as is any unknown zone and RFC 5322's military letters (4.3: "-0000").
 */
const ZONES: ReadonlyMap<string, number> = new Map([
  ['ut', 0], ['utc', 0], ['gmt', 0], ['z', 0],
  ['est', -300], ['edt', -240], ['cst', -360], ['cdt', -300], ['mst', -420], ['mdt', -360], ['pst', -480], ['pdt', -420],
  ['ast', -240], ['adt', -180], ['nst', -210], ['ndt', -150], ['akst', -540], ['akdt', -480], ['hst', -600],
  ['wet', 0], ['west', 60], ['bst', 60], ['cet', 60], ['cest', 120], ['met', 60], ['mest', 120], ['mez', 60], ['mesz', 120],
  ['eet', 120], ['eest', 180], ['msk', 180], ['sast', 120],
  ['ict', 420], ['wib', 420], ['hkt', 480], ['sgt', 480], ['pht', 480], ['awst', 480], ['jst', 540], ['kst', 540],
  ['acst', 570], ['acdt', 630], ['aest', 600], ['aedt', 660], ['nzst', 720], ['nzdt', 780],
]);

const TOKEN_SEPARATOR = /[\s,]+/;
const DIGITS = /^\d+$/;
const TIME = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?(?:(z)|([+-]\d{1,2}(?::?\d{2})?))?(am|pm)?$/;
const NUMERIC_ZONE = /^([+-])(\d{1,2}?):?(\d{2})?$/;
const PREFIXED_ZONE = /^(?:gmt|utc|ut)([+-][\d:]+)$/;
const DAY_MONTH_YEAR = /^(\d{1,2})-([a-z]+)\.?-(\d{2,4})$/;
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:t(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(z|[+-]\d{2}(?::?\d{2})?)?)?$/;

interface DateParts {
  year: string | null;
  month: number | null;
  day: string | null;
  hour: number;
  minute: number;
  second: number;
  meridiem: 'am' | 'pm' | null;
  zone: number | null;
  numbers: string[];
}

/**
 * Reads a Date header into epoch milliseconds, or null when it is not a date. Tolerant by design:
 * RFC 5322 and its obsolete forms (two- and three-digit years, named zones, missing seconds),
 * a wrong or missing day of week, comments anywhere (`(CET)` trailers; a zone named only in a
 * comment is used), US `Jan 5, 2024` order, asctime, ISO 8601, `05-Jan-2024`, AM/PM.
 * Purely numeric day/month orders (`05/01/2024`) are ambiguous and rejected.
 */
export function parseDateHeader(value: string | null | undefined): number | null {
  if (!value) return null;
  const { text, comments } = splitComments(value.toLowerCase());
  const parts: DateParts = { year: null, month: null, day: null, hour: 0, minute: 0, second: 0, meridiem: null, zone: null, numbers: [] };
  let hasTime = false;
  for (const token of text.split(TOKEN_SEPARATOR)) {
    if (token === '') continue;
    const first = token.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39) {
      if (!hasTime && readTime(token, parts)) hasTime = true;
      else readNumeric(token, parts);
    } else if (first === 0x2b || first === 0x2d) {
      if (parts.zone === null) parts.zone = readNumericZone(token);
    } else {
      readWord(token.endsWith('.') ? token.slice(0, -1) : token, parts);
    }
  }
  if (parts.zone === null && comments !== '') parts.zone = ZONES.get(comments.trim()) ?? null;
  return toEpoch(parts);
}

function readTime(token: string, parts: DateParts): boolean {
  const match = TIME.exec(token);
  if (match === null) return false;
  parts.hour = Number(match[1]);
  parts.minute = Number(match[2]);
  parts.second = match[3] === undefined ? 0 : Number(match[3]);
  if (match[4] !== undefined) parts.zone = 0;
  else if (match[5] !== undefined) parts.zone = readNumericZone(match[5]);
  if (match[6] !== undefined) parts.meridiem = match[6] as 'am' | 'pm';
  return true;
}

function readNumeric(token: string, parts: DateParts): void {
  if (DIGITS.test(token)) {
    parts.numbers.push(token);
    return;
  }
  const dayMonthYear = DAY_MONTH_YEAR.exec(token);
  if (dayMonthYear !== null) {
    const month = monthOf(dayMonthYear[2]!);
    if (month === null) return;
    parts.day ??= dayMonthYear[1]!;
    parts.month ??= month;
    parts.year ??= dayMonthYear[3]!;
    return;
  }
  const iso = ISO_DATE.exec(token);
  if (iso === null) return;
  parts.year ??= iso[1]!;
  parts.month ??= Number(iso[2]) - 1;
  parts.day ??= iso[3]!;
  if (iso[4] !== undefined) {
    parts.hour = Number(iso[4]);
    parts.minute = Number(iso[5]);
    parts.second = iso[6] === undefined ? 0 : Number(iso[6]);
  }
  if (iso[7] !== undefined) parts.zone = iso[7] === 'z' ? 0 : readNumericZone(iso[7]);
}

function readWord(word: string, parts: DateParts): void {
  if (word === 'am' || word === 'pm') {
    parts.meridiem = word;
    return;
  }
  const month = monthOf(word);
  if (month !== null) {
    parts.month ??= month;
    return;
  }
  if (parts.zone !== null) return;
  const named = ZONES.get(word);
  if (named !== undefined) {
    parts.zone = named;
    return;
  }
  const prefixed = PREFIXED_ZONE.exec(word);
  if (prefixed !== null) parts.zone = readNumericZone(prefixed[1]!);
  else if (word.length === 1 && word >= 'a' && word <= 'z') parts.zone = 0;
}

function monthOf(word: string): number | null {
  if (word.length < 3) return null;
  const index = MONTH_BY_PREFIX.get(word.slice(0, 3));
  return index !== undefined && MONTH_NAMES[index]!.startsWith(word) ? index : null;
}

function readNumericZone(token: string): number | null {
  const match = NUMERIC_ZONE.exec(token);
  if (match === null) return null;
  const hours = Number(match[2] || '0');
  const minutes = Number(match[3] ?? '0');
  if (hours > 14 || minutes > 59) return null;
  const offset = hours * 60 + minutes;
  return match[1] === '-' ? -offset : offset;
}

function toEpoch(parts: DateParts): number | null {
  const numbers = parts.numbers;
  if (parts.day === null && parts.year === null && numbers.length >= 2) {
    const yearFirst = numbers[0]!.length >= 3;
    parts.year = yearFirst ? numbers[0]! : numbers[1]!;
    parts.day = yearFirst ? numbers[1]! : numbers[0]!;
  } else if (parts.day === null && numbers.length >= 1) {
    parts.day = numbers[0]!;
  } else if (parts.year === null && numbers.length >= 1) {
    parts.year = numbers[0]!;
  }
  if (parts.year === null || parts.month === null || parts.day === null) return null;

  const year = fullYear(parts.year);
  const month = parts.month;
  const day = Number(parts.day);
  if (year === null || month < 0 || month > 11 || parts.day.length > 2 || day < 1 || day > daysInMonth(year, month)) return null;

  let hour = parts.hour;
  if (parts.meridiem !== null) {
    if (hour < 1 || hour > 12) return null;
    if (parts.meridiem === 'pm' && hour < 12) hour += 12;
    if (parts.meridiem === 'am' && hour === 12) hour = 0;
  }
  if (hour > 23 || parts.minute > 59 || parts.second > 60) return null;
  return Date.UTC(year, month, day, hour, parts.minute, parts.second) - (parts.zone ?? 0) * 60_000;
}

/** RFC 5322 4.3: two-digit years below 50 are 20xx, others 19xx; three-digit years add 1900. */
function fullYear(text: string): number | null {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  if (text.length === 4 && year >= 1900) return year;
  return null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 1) return DAYS_IN_MONTH[month]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Comments nest and may hold quoted pairs (RFC 5322 3.2.2); their text is kept apart for a zone name. */
function splitComments(value: string): { text: string; comments: string } {
  if (!value.includes('(')) return { text: value, comments: '' };
  let text = '';
  let comments = '';
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (depth > 0 && char === '\\') {
      comments += value[++i] ?? '';
    } else if (char === '(') {
      if (depth > 0) comments += ' ';
      depth++;
      text += ' ';
    } else if (char === ')' && depth > 0) {
      depth--;
      comments += ' ';
    } else if (depth > 0) {
      comments += char;
    } else {
      text += char;
    }
  }
  return { text, comments };
}

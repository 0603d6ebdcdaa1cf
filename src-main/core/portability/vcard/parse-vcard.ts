import { normaliseAddress } from '../../network/headers/index.js';
import { emptyToNull, ImportProblems, joinName, type ContactRecord } from '../contact-record.js';
import { splitEscaped, unescapeText } from './vcard-text.js';

/**
 * Reads vCard 3.0 (RFC 2426) and 4.0 (RFC 6350): folded lines, backslash escapes, property groups
 * (`item1.EMAIL`), quoted parameter values, 3.0 quoted-printable values with their soft line
 * breaks and charsets, several EMAIL lines ordered by preference (4.0 `PREF=n`, 3.0 `TYPE=pref`),
 * CATEGORIES as bucket names. Every problem is reported with the line it starts on.
 */

interface ContentLine {
  line: number;
  name: string;
  params: Map<string, string[]>;
  value: string;
}

interface PhysicalLine {
  line: number;
  text: string;
}

function physicalLines(text: string): PhysicalLine[] {
  return text.split(/\r\n|\n|\r/).map((line, index) => ({ line: index + 1, text: line }));
}

function isQuotedPrintableStart(text: string): boolean {
  const colon = findValueColon(text);
  return colon > 0 && /;\s*(ENCODING=)?QUOTED-PRINTABLE\b/i.test(text.slice(0, colon));
}

/** The colon that ends the name and parameters (colons inside quoted parameter values do not count). */
function findValueColon(text: string): number {
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (char === ':' && !quoted) return index;
  }
  return -1;
}

/** Joins folded lines (a leading space or tab continues the previous line) and QP soft breaks. */
function unfold(lines: PhysicalLine[]): PhysicalLine[] {
  const logical: PhysicalLine[] = [];
  for (let index = 0; index < lines.length; index++) {
    const current = lines[index]!;
    if ((current.text.startsWith(' ') || current.text.startsWith('\t')) && logical.length > 0) {
      logical[logical.length - 1]!.text += current.text.slice(1);
      continue;
    }
    const entry = { line: current.line, text: current.text };
    // Quoted-printable (vCard 2.1/3.0 from Outlook and old phones): a value ending in `=` goes on.
    if (isQuotedPrintableStart(entry.text)) {
      while (entry.text.endsWith('=') && index + 1 < lines.length) {
        index++;
        entry.text = entry.text.slice(0, -1) + lines[index]!.text.replace(/^[ \t]/, '');
      }
    }
    logical.push(entry);
  }
  return logical;
}

function splitParams(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

const BARE_ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

function parseContentLine(entry: PhysicalLine, problems: ImportProblems): ContentLine | null {
  const colon = findValueColon(entry.text);
  if (colon <= 0) {
    problems.add(`line ${entry.line}`, `not a vCard property line (no "NAME:value"): ${preview(entry.text)}`);
    return null;
  }
  const [rawName, ...rawParams] = splitParams(entry.text.slice(0, colon));
  const name = rawName!.trim().replace(/^[^.]*\./, '').toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) {
    problems.add(`line ${entry.line}`, `not a vCard property name: ${preview(rawName!)}`);
    return null;
  }
  const params = new Map<string, string[]>();
  for (const raw of rawParams) {
    const equals = raw.indexOf('=');
    // vCard 2.1-style bare parameters (`EMAIL;INTERNET;PREF:`) are types or encodings.
    const key = equals < 0 ? (BARE_ENCODINGS.has(raw.trim().toUpperCase()) ? 'ENCODING' : 'TYPE') : raw.slice(0, equals).trim().toUpperCase();
    const value = equals < 0 ? raw.trim() : raw.slice(equals + 1);
    const values = splitParamValues(value);
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { line: entry.line, name, params, value: entry.text.slice(colon + 1) };
}

function splitParamValues(value: string): string[] {
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      values.push(current);
      current = '';
    } else current += char;
  }
  values.push(current);
  return values.map((item) => item.trim()).filter((item) => item !== '');
}

function preview(text: string): string {
  return JSON.stringify(text.length > 60 ? text.slice(0, 57) + '...' : text);
}

function decodeQuotedPrintable(value: string, charset: string, where: string, problems: ImportProblems): string | null {
  const bytes: number[] = [];
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(index + 1, index + 3))) {
      bytes.push(parseInt(value.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      for (const byte of new TextEncoder().encode(char)) bytes.push(byte);
    }
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    problems.add(where, `unknown CHARSET ${charset}`);
    return null;
  }
  try {
    return decoder.decode(new Uint8Array(bytes));
  } catch {
    problems.add(where, `quoted-printable value is not valid ${charset}`);
    return null;
  }
}

/** The value with transfer encodings undone; still vCard-escaped. */
function rawValue(property: ContentLine, problems: ImportProblems): string | null {
  const encoding = (property.params.get('ENCODING') ?? [])[0]?.toUpperCase();
  if (encoding === 'QUOTED-PRINTABLE') {
    const charset = (property.params.get('CHARSET') ?? ['utf-8'])[0]!;
    return decodeQuotedPrintable(property.value, charset, `line ${property.line}`, problems);
  }
  return property.value;
}

function preference(property: ContentLine): number {
  const pref = property.params.get('PREF')?.[0];
  if (pref !== undefined && /^\d+$/.test(pref)) return Number(pref);
  const types = (property.params.get('TYPE') ?? []).map((type) => type.toLowerCase());
  return types.includes('pref') ? 1 : 101;
}

interface CardBuilder {
  startLine: number;
  version: string | null;
  properties: ContentLine[];
}

function buildRecord(card: CardBuilder, problems: ImportProblems): ContactRecord {
  const where = `line ${card.startLine}`;
  const record: ContactRecord = { where, name: null, emails: [], company: null, title: null, phone: null, notes: null, categories: [], tags: [] };
  const emails: { address: string; pref: number; order: number }[] = [];
  const phones: { value: string; pref: number; order: number }[] = [];
  let structuredName: string | null = null;
  const textOf = (property: ContentLine) => {
    const raw = rawValue(property, problems);
    return raw === null ? null : unescapeText(raw);
  };
  card.properties.forEach((property, order) => {
    switch (property.name) {
      case 'FN':
        record.name ??= emptyToNull(textOf(property));
        break;
      case 'N': {
        const raw = rawValue(property, problems);
        if (raw === null) break;
        const [family, given, additional, prefix, suffix] = splitEscaped(raw, ';').map((part) => unescapeText(part).replaceAll(',', ' '));
        structuredName ??= joinName(prefix, given, additional, family, suffix);
        break;
      }
      case 'EMAIL': {
        const text = emptyToNull(textOf(property));
        if (text === null) break;
        const address = normaliseAddress(text.replace(/^mailto:/i, ''));
        if (address === null) problems.add(`line ${property.line}`, `EMAIL ${preview(text)} is not an email address`);
        else emails.push({ address, pref: preference(property), order });
        break;
      }
      case 'ORG': {
        const raw = rawValue(property, problems);
        if (raw !== null) record.company ??= emptyToNull(unescapeText(splitEscaped(raw, ';')[0] ?? ''));
        break;
      }
      case 'TITLE':
        record.title ??= emptyToNull(textOf(property));
        break;
      case 'TEL': {
        const text = emptyToNull(textOf(property));
        if (text !== null) phones.push({ value: text.replace(/^tel:/i, ''), pref: preference(property), order });
        break;
      }
      case 'NOTE': {
        const text = emptyToNull(textOf(property));
        if (text !== null) record.notes = record.notes === null ? text : `${record.notes}\n\n${text}`;
        break;
      }
      case 'CATEGORIES': {
        const raw = rawValue(property, problems);
        if (raw === null) break;
        for (const part of splitEscaped(raw, ',')) {
          const category = emptyToNull(unescapeText(part));
          if (category !== null && !record.categories.some((existing) => existing.toLowerCase() === category.toLowerCase())) record.categories.push(category);
        }
        break;
      }
      default:
        break;
    }
  });
  record.name ??= structuredName;
  emails.sort((a, b) => a.pref - b.pref || a.order - b.order);
  record.emails = [...new Set(emails.map((email) => email.address))];
  phones.sort((a, b) => a.pref - b.pref || a.order - b.order);
  record.phone = phones[0]?.value ?? null;
  return record;
}

export function parseVcards(text: string, problems: ImportProblems): ContactRecord[] {
  const records: ContactRecord[] = [];
  let card: CardBuilder | null = null;
  for (const entry of unfold(physicalLines(text))) {
    if (entry.text.trim() === '') continue;
    const upper = entry.text.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') {
      if (card) problems.add(`line ${entry.line}`, `BEGIN:VCARD inside the vCard that begins at line ${card.startLine} (missing END:VCARD?)`);
      card = { startLine: entry.line, version: null, properties: [] };
      continue;
    }
    if (upper === 'END:VCARD') {
      if (!card) {
        problems.add(`line ${entry.line}`, 'END:VCARD without BEGIN:VCARD');
        continue;
      }
      if (card.version === null) problems.add(`line ${card.startLine}`, 'vCard has no VERSION line');
      records.push(buildRecord(card, problems));
      card = null;
      continue;
    }
    if (!card) {
      problems.add(`line ${entry.line}`, `expected BEGIN:VCARD, found ${preview(entry.text)}`);
      continue;
    }
    const property = parseContentLine(entry, problems);
    if (!property) continue;
    if (property.name === 'VERSION') {
      const version = property.value.trim();
      if (version !== '3.0' && version !== '4.0') problems.add(`line ${entry.line}`, `vCard version ${version} is not supported (3.0 and 4.0 are)`);
      card.version = version;
      continue;
    }
    card.properties.push(property);
  }
  if (card) problems.add(`line ${card.startLine}`, 'vCard never ends (no END:VCARD before the end of the file)');
  if (records.length === 0 && !problems.any) problems.add('line 1', 'no vCard found (expected BEGIN:VCARD)');
  return records;
}

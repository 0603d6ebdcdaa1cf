import type { CsvDialect } from '../../../../src-shared/api/portability.js';
import { normaliseAddress } from '../../network/headers/index.js';
import type { ContactRecord, ImportProblems } from '../contact-record.js';
import { dialectFor } from './csv-dialects.js';
import { parseCsv } from './parse-csv.js';

/** How far down a header row may be (LinkedIn puts a few lines of notes above it). */
const HEADER_SEARCH_ROWS = 20;

function isBlank(fields: string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

export function readCsvContacts(text: string, problems: ImportProblems): { dialect: CsvDialect | null; records: ContactRecord[] } {
  const rows = parseCsv(text, problems);
  if (problems.any) return { dialect: null, records: [] };
  const headerIndex = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => dialectFor(row.fields) !== null);
  if (headerIndex < 0) {
    const first = rows.find((row) => !isBlank(row.fields));
    problems.add(`line ${first?.line ?? 1}`, 'no header row with an email column (expected e.g. "E-mail Address", "E-mail 1 - Value", "Email Address" or "Email")');
    return { dialect: null, records: [] };
  }
  const header = rows[headerIndex]!;
  const dialect = dialectFor(header.fields)!;
  const columns = new Map<string, number>();
  header.fields.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    if (!columns.has(key)) columns.set(key, index);
  });
  const records: ContactRecord[] = [];
  for (const row of rows.slice(headerIndex + 1)) {
    if (isBlank(row.fields)) continue;
    const where = `line ${row.line}`;
    if (row.fields.length !== header.fields.length) {
      problems.add(where, `${row.fields.length} fields, but the header (line ${header.line}) has ${header.fields.length}`);
      continue;
    }
    const cell = (name: string) => {
      const index = columns.get(name.trim().toLowerCase());
      return index === undefined ? '' : (row.fields[index] ?? '');
    };
    const fields = dialect.read(cell);
    const emails: string[] = [];
    for (const raw of fields.emails) {
      const address = normaliseAddress(raw.trim());
      if (address === null) problems.add(where, `${JSON.stringify(raw.trim())} is not an email address`);
      else if (!emails.includes(address)) emails.push(address);
    }
    records.push({ where, ...fields, emails });
  }
  return { dialect: dialect.id, records };
}

import type { CsvDialect } from '../../../../src-shared/api/portability.js';
import { emptyToNull, joinName, type ContactRecord } from '../contact-record.js';
import { restoreFormula, splitList } from './write-csv.js';

/**
 * What a row of a known export means. Header names are the real ones of each product's export:
 * - Google Contacts ("Google CSV"): `First Name`, `Middle Name`, `Last Name`, `Organization Name`,
 *   `Organization Title`, `Notes`, `Labels`, `E-mail 1 - Value`, `Phone 1 - Value`, ...; the
 *   older layout has `Name`, `Given Name`, `Family Name`, `Group Membership`,
 *   `Organization 1 - Name`, `Organization 1 - Title`. Several values share a cell, joined by
 *   ` ::: `; system labels start with `* ` (`* myContacts`, `* starred`).
 * - Outlook: `First Name`, `Middle Name`, `Last Name`, `Company`, `Job Title` (`Title` is the
 *   courtesy title, Mr/Ms), `E-mail Address`, `E-mail 2 Address`, `E-mail 3 Address`,
 *   `Mobile Phone`, `Business Phone`, `Notes`, `Categories` (`;`-separated).
 * - LinkedIn `Connections.csv`: `First Name`, `Last Name`, `URL`, `Email Address`, `Company`,
 *   `Position`, `Connected On`, after a few lines of notes that precede the header.
 * - Rapport's own CSV export (`Name`, `Email`, `Other Emails`, `Company`, `Title`, `Phone`,
 *   `Notes`, `Buckets`, `Tags`).
 * - Anything else with an email column ("generic"): common names for each field.
 */
/** A CSV row's contact fields: a ContactRecord before its line number is known. */
export type RowFields = Omit<ContactRecord, 'where'>;

export interface Dialect {
  id: CsvDialect;
  read(cell: (header: string) => string): RowFields;
}

export const RAPPORT_CSV_HEADER = ['Name', 'Email', 'Other Emails', 'Company', 'Title', 'Phone', 'Notes', 'Buckets', 'Tags'];

const GOOGLE_SEPARATOR = ' ::: ';
const GOOGLE_SYSTEM_LABELS = new Set(['mycontacts', 'starred']);

function googleValues(cell: string): string[] {
  return cell
    .split(GOOGLE_SEPARATOR)
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

function googleLabels(cell: string): string[] {
  return googleValues(cell).flatMap((label) => {
    const system = label.startsWith('* ');
    const name = system ? label.slice(2).trim() : label;
    return system && GOOGLE_SYSTEM_LABELS.has(name.toLowerCase()) ? [] : [name];
  });
}

function numbered(headers: readonly string[], pattern: RegExp): string[] {
  return headers
    .map((header) => ({ header, match: pattern.exec(header) }))
    .filter((entry) => entry.match !== null)
    .sort((a, b) => Number(a.match![1] ?? 0) - Number(b.match![1] ?? 0))
    .map((entry) => entry.header);
}

function first(cell: (header: string) => string, headers: readonly string[]): string | null {
  for (const header of headers) {
    const value = emptyToNull(cell(header));
    if (value !== null) return value;
  }
  return null;
}

function google(headers: readonly string[]): Dialect {
  const emailColumns = numbered(headers, /^E-mail (\d+) - Value$/i);
  const phoneColumns = numbered(headers, /^Phone (\d+) - Value$/i);
  return {
    id: 'google',
    read: (cell) => ({
      name: joinName(cell('First Name') || cell('Given Name'), cell('Middle Name') || cell('Additional Name'), cell('Last Name') || cell('Family Name')) ?? first(cell, ['Name', 'File As', 'Nickname']),
      emails: emailColumns.flatMap((header) => googleValues(cell(header))),
      company: first(cell, ['Organization Name', 'Organization 1 - Name']),
      title: first(cell, ['Organization Title', 'Organization 1 - Title']),
      phone: phoneColumns.flatMap((header) => googleValues(cell(header)))[0] ?? null,
      notes: emptyToNull(cell('Notes')),
      categories: googleLabels(cell('Labels') || cell('Group Membership')),
      tags: [],
    }),
  };
}

const outlook: Dialect = {
  id: 'outlook',
  read: (cell) => ({
    name: joinName(cell('First Name'), cell('Middle Name'), cell('Last Name')) ?? first(cell, ['Display Name', 'E-mail Display Name']),
    emails: ['E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address'].map(cell).filter((value) => value.trim() !== ''),
    company: emptyToNull(cell('Company')),
    title: emptyToNull(cell('Job Title')),
    phone: first(cell, ['Mobile Phone', 'Primary Phone', 'Business Phone', 'Home Phone', 'Other Phone']),
    notes: emptyToNull(cell('Notes')),
    categories: cell('Categories')
      .split(';')
      .map((value) => value.trim())
      .filter((value) => value !== ''),
    tags: [],
  }),
};

const linkedin: Dialect = {
  id: 'linkedin',
  read: (cell) => ({
    name: joinName(cell('First Name'), cell('Last Name')),
    emails: cell('Email Address').trim() === '' ? [] : [cell('Email Address')],
    company: emptyToNull(cell('Company')),
    title: emptyToNull(cell('Position')),
    phone: null,
    notes: null,
    categories: [],
    tags: [],
  }),
};

const rapport: Dialect = {
  id: 'rapport',
  read: (raw) => {
    const cell = (header: string) => restoreFormula(raw(header));
    return {
      name: emptyToNull(cell('Name')),
      emails: [...splitList(cell('Email')), ...splitList(cell('Other Emails'))],
      company: emptyToNull(cell('Company')),
      title: emptyToNull(cell('Title')),
      phone: emptyToNull(cell('Phone')),
      notes: emptyToNull(cell('Notes')),
      categories: splitList(cell('Buckets')),
      tags: splitList(cell('Tags')),
    };
  },
};

const GENERIC = {
  name: ['name', 'full name', 'display name', 'contact name'],
  firstName: ['first name', 'given name', 'first', 'firstname'],
  lastName: ['last name', 'family name', 'surname', 'last', 'lastname'],
  company: ['company', 'organization', 'organisation', 'organization name', 'company name', 'employer'],
  title: ['job title', 'title', 'position', 'role'],
  phone: ['phone', 'mobile', 'mobile phone', 'phone number', 'telephone', 'tel'],
  notes: ['notes', 'note', 'comments'],
  categories: ['categories', 'groups', 'labels', 'buckets', 'lists'],
  tags: ['tags'],
};

/** An email column of an unknown export: names mentioning email, but not its type or label. */
function isGenericEmailHeader(header: string): boolean {
  const lower = header.toLowerCase();
  // A header is a short label; a sentence that mentions email (LinkedIn's notes above its header) is not.
  if (lower.length > 40) return false;
  return /e-?mail/.test(lower) && !/(type|label|display|kind|opt|status|consent)/.test(lower);
}

function generic(headers: readonly string[]): Dialect {
  const lowerToHeader = new Map(headers.map((header) => [header.trim().toLowerCase(), header]));
  const pick = (names: string[]) => names.map((name) => lowerToHeader.get(name)).filter((header): header is string => header !== undefined);
  const emailColumns = headers.filter(isGenericEmailHeader);
  return {
    id: 'generic',
    read: (cell) => ({
      name: first(cell, pick(GENERIC.name)) ?? joinName(first(cell, pick(GENERIC.firstName)), first(cell, pick(GENERIC.lastName))),
      emails: emailColumns.flatMap((header) => cell(header).split(/[;,]| ::: /)).filter((value) => value.trim() !== ''),
      company: first(cell, pick(GENERIC.company)),
      title: first(cell, pick(GENERIC.title)),
      phone: first(cell, pick(GENERIC.phone)),
      notes: first(cell, pick(GENERIC.notes)),
      categories: pick(GENERIC.categories).flatMap((header) => cell(header).split(/[;,]/)).map((value) => value.trim()).filter((value) => value !== ''),
      tags: pick(GENERIC.tags).flatMap((header) => cell(header).split(/[;,]/)).map((value) => value.trim()).filter((value) => value !== ''),
    }),
  };
}

/** Recognises the export a header row comes from; null when it has no email column at all. */
export function dialectFor(headers: readonly string[]): Dialect | null {
  // A one-column sheet is a list of addresses only if that column says so.
  if (headers.length < 2 && !/^e-?mail( address)?$/i.test(headers[0]?.trim() ?? '')) return null;
  const has = (name: string) => headers.some((header) => header.trim().toLowerCase() === name.toLowerCase());
  if (has('Other Emails') && has('Buckets') && has('Email')) return rapport;
  if (headers.some((header) => /^E-mail \d+ - Value$/i.test(header.trim()))) return google(headers.map((header) => header.trim()));
  if (has('E-mail Address') && (has('Job Title') || has('E-mail 2 Address') || has('First Name'))) return outlook;
  if (has('Email Address') && has('First Name') && (has('Connected On') || has('Position'))) return linkedin;
  if (headers.some(isGenericEmailHeader)) return generic(headers);
  return null;
}

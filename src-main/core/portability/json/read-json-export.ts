import type { z } from 'zod';
import { settingsSchema, type SettingKey } from '../../../../src-shared/api/settings.js';
import { normaliseAddress } from '../../network/headers/index.js';
import type { VaultDatabase } from '../../vault/encrypted-database.js';
import { ImportProblems } from '../contact-record.js';
import { documentHeader, RAPPORT_EXPORT_VERSION, SECTIONS, type SectionName, type SectionRecord } from './export-document.js';
import { lineOfPath, lineOfSyntaxError } from './json-locate.js';

export type ExportDocument = { settings: Partial<Record<SettingKey, unknown>> } & { [K in SectionName]: SectionRecord<K>[] };

const MAX_LOCATED = 50;

/** `contacts[3].emails[0]`, with the line it is on when it can be found. */
function describe(text: string, path: readonly (string | number)[], located: { count: number }): string {
  const label = path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out === '' ? segment : `${out}.${segment}`), '');
  // Locating walks the file; bound the work when a file is wrong everywhere.
  if (located.count >= MAX_LOCATED) return `record ${label}`;
  located.count++;
  const line = lineOfPath(text, path);
  return line === null ? `record ${label}` : `line ${line} (${label})`;
}

/**
 * Parses and fully checks a Rapport JSON export before anything is written: shape of every record,
 * references between records, addresses, duplicates. Problems name the line and the record.
 */
export function readJsonExport(text: string, db: VaultDatabase, problems: ImportProblems): ExportDocument | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const line = lineOfSyntaxError(text, message);
    problems.add(line === null ? 'file' : `line ${line}`, `not valid JSON: ${message}`);
    return null;
  }
  const located = { count: 0 };
  const header = documentHeader.safeParse(raw);
  if (!header.success) {
    for (const issue of header.error.issues) problems.add(describe(text, issue.path as (string | number)[], located), issue.message);
    return null;
  }
  if (header.data.version !== RAPPORT_EXPORT_VERSION) {
    problems.add(
      describe(text, ['version'], located),
      header.data.version > RAPPORT_EXPORT_VERSION
        ? `export version ${header.data.version} was written by a newer Rapport (this one reads version ${RAPPORT_EXPORT_VERSION}); update Rapport`
        : `unknown export version ${header.data.version}`,
    );
    return null;
  }

  const settings: Partial<Record<SettingKey, unknown>> = {};
  for (const [key, value] of Object.entries(header.data.settings)) {
    if (!Object.hasOwn(settingsSchema.shape, key)) {
      problems.add(describe(text, ['settings', key], located), `unknown setting ${key}`);
      continue;
    }
    const parsed = settingsSchema.shape[key as SettingKey].safeParse(value);
    if (!parsed.success) problems.add(describe(text, ['settings', key], located), parsed.error.issues[0]?.message ?? 'invalid value');
    else settings[key as SettingKey] = parsed.data;
  }

  const document = { settings } as ExportDocument;
  const body = raw as Record<string, unknown>;
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    const value = body[name];
    if (value === undefined) {
      (document[name] as unknown[]) = [];
      continue;
    }
    if (!Array.isArray(value)) {
      problems.add(describe(text, [name], located), 'expected a list');
      continue;
    }
    const schema = SECTIONS[name] as z.ZodType;
    const records: unknown[] = [];
    value.forEach((item, index) => {
      const parsed = schema.safeParse(item);
      if (parsed.success) records.push(parsed.data);
      else {
        const issue = parsed.error.issues[0]!;
        problems.add(describe(text, [name, index, ...(issue.path as (string | number)[])], located), issue.message);
      }
    });
    (document[name] as unknown[]) = records;
  }
  for (const key of Object.keys(body)) {
    if (!['format', 'version', 'settings', ...Object.keys(SECTIONS)].includes(key)) problems.add(describe(text, [key], located), `unknown section ${key}`);
  }
  if (problems.any) return null;

  checkReferences(text, document, db, problems, located);
  return problems.any ? null : document;
}

function checkReferences(text: string, document: ExportDocument, db: VaultDatabase, problems: ImportProblems, located: { count: number }): void {
  const where = (path: (string | number)[]) => describe(text, path, located);
  const uniqueRefs = (name: 'accounts' | 'contacts' | 'buckets') => {
    const refs = new Set<number>();
    document[name].forEach((record, index) => {
      if (refs.has(record.ref)) problems.add(where([name, index, 'ref']), `ref ${record.ref} is used twice in ${name}`);
      refs.add(record.ref);
    });
    return refs;
  };
  const accounts = uniqueRefs('accounts');
  const contacts = uniqueRefs('contacts');
  uniqueRefs('buckets');
  const needAccount = (ref: number | null, path: (string | number)[]) => {
    if (ref !== null && !accounts.has(ref)) problems.add(where(path), `no account with ref ${ref} in this file`);
  };
  const needContact = (ref: number | null, path: (string | number)[]) => {
    if (ref !== null && !contacts.has(ref)) problems.add(where(path), `no contact with ref ${ref} in this file`);
  };

  const accountAddresses = new Set<string>();
  document.accounts.forEach((account, index) => {
    if (accountAddresses.has(account.address)) problems.add(where(['accounts', index, 'address']), `account ${account.address} appears twice`);
    accountAddresses.add(account.address);
  });
  document.folders.forEach((folder, index) => needAccount(folder.account, ['folders', index, 'account']));

  const own = new Set(db.prepare('SELECT address FROM identities').pluck().all() as string[]);
  document.identities.forEach((identity, index) => {
    needAccount(identity.account, ['identities', index, 'account']);
    const address = normaliseAddress(identity.address);
    if (address === null) problems.add(where(['identities', index, 'address']), `${JSON.stringify(identity.address)} is not an email address`);
    else {
      identity.address = address;
      own.add(address);
    }
  });

  const addressOwner = new Map<string, number>();
  document.contacts.forEach((contact, index) => {
    contact.emails.forEach((email, emailIndex) => {
      const path = ['contacts', index, 'emails', emailIndex, 'address'];
      const address = normaliseAddress(email.address);
      if (address === null) return problems.add(where(path), `${JSON.stringify(email.address)} is not an email address`);
      if (own.has(address)) return problems.add(where(path), `${address} is one of your own addresses, so it cannot be a contact's`);
      const other = addressOwner.get(address);
      if (other !== undefined && other !== contact.ref) return problems.add(where(path), `${address} also belongs to the contact with ref ${other}`);
      addressOwner.set(address, contact.ref);
      email.address = address;
    });
    // Primary first, so the contact store marks the right one.
    contact.emails.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  });

  const bucketNames = new Map<string, number>();
  document.buckets.forEach((bucket, index) => {
    const key = bucket.name.trim().toLowerCase();
    if (bucketNames.has(key)) problems.add(where(['buckets', index, 'name']), `bucket "${bucket.name}" appears twice`);
    bucketNames.set(key, index);
    bucket.members.forEach((member, memberIndex) => needContact(member.contact, ['buckets', index, 'members', memberIndex, 'contact']));
  });
  document.notes.forEach((note, index) => needContact(note.contact, ['notes', index, 'contact']));
  document.tasks.forEach((task, index) => needContact(task.contact, ['tasks', index, 'contact']));
  const messageKeys = new Set<string>();
  document.messages.forEach((message, index) => {
    needAccount(message.account, ['messages', index, 'account']);
    if (messageKeys.has(message.key)) problems.add(where(['messages', index, 'key']), `message ${message.key} appears twice`);
    messageKeys.add(message.key);
  });
  document.interactions.forEach((interaction, index) => {
    needContact(interaction.contact, ['interactions', index, 'contact']);
    needAccount(interaction.account, ['interactions', index, 'account']);
    // An email interaction may outlive its message (removing an account keeps the network built
    // from it), so its message need not be in the file.
    if ((interaction.kind === 'email') !== (interaction.messageKey !== null)) {
      problems.add(where(['interactions', index, 'messageKey']), interaction.kind === 'email' ? 'an email interaction needs its messageKey' : `a ${interaction.kind} interaction has no messageKey`);
    }
    if (interaction.kind === 'note') problems.add(where(['interactions', index, 'kind']), 'touch notes travel in "notes" (isTouch), not in "interactions"');
  });
  document.duplicateDismissals.forEach((dismissal, index) => {
    needContact(dismissal.contacts[0], ['duplicateDismissals', index, 'contacts', 0]);
    needContact(dismissal.contacts[1], ['duplicateDismissals', index, 'contacts', 1]);
  });
}

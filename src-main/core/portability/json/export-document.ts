import { z } from 'zod';
import { RAPPORT_EXPORT_FORMAT, RAPPORT_EXPORT_VERSION } from '../../../../src-shared/api/portability.js';

/**
 * Rapport's JSON export, version 1: everything the user owns in the vault.
 *
 * - Rows refer to each other by `ref`, a number local to the file (1, 2, ... in vault order), never
 *   by vault ids, so a file imports into any vault and a re-export of the import is identical.
 * - Derived values (strength, sent/received counts, last-contacted dates, the "ignored" flag, the
 *   search index) are left out: import recomputes them from the rows they derive from.
 * - Accounts come without their passwords or tokens (those never leave the keychain or vault).
 * - Not exported: sync run history, merge snapshots (unmerge works within one vault), the
 *   strength reference time: operational state, not the user's data.
 */

const iso = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'expected an ISO-8601 date-time');
const nullableText = z.string().nullable();
const ref = z.number().int().positive();

export const accountRecord = z
  .object({
    ref,
    address: z.string().min(1),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    security: z.enum(['tls', 'starttls', 'plain']),
    username: z.string(),
    authKind: z.enum(['password', 'oauth2']),
    caFile: nullableText,
    provider: nullableText,
    excludedFolders: z.array(z.string()),
    aliases: z.array(z.string()),
    createdAt: iso,
  })
  .strict();

export const folderRecord = z
  .object({
    account: ref,
    path: z.string().min(1),
    specialUse: nullableText,
    purpose: z.enum(['messages', 'identities']),
    uidvalidity: nullableText,
    lastUid: z.number().int().min(0),
    uidNext: z.number().int().nullable(),
    highestModseq: nullableText,
    syncedAt: iso.nullable(),
  })
  .strict();

export const identityRecord = z
  .object({ address: z.string().min(1), account: ref.nullable(), source: z.enum(['account', 'alias', 'sent']), createdAt: iso })
  .strict();

export const ignoreRecord = z.object({ pattern: z.string().min(1), kind: z.enum(['address', 'domain']), createdAt: iso }).strict();

export const contactRecord = z
  .object({
    ref,
    name: nullableText,
    nameIsCustom: z.boolean(),
    company: nullableText,
    companyIsCustom: z.boolean(),
    title: nullableText,
    phone: nullableText,
    notes: nullableText,
    tags: z.array(z.string()),
    neverShare: z.boolean(),
    archivedAt: iso.nullable(),
    snoozedUntil: iso.nullable(),
    source: z.enum(['mail', 'manual', 'import']),
    createdAt: iso,
    updatedAt: iso,
    emails: z.array(z.object({ address: z.string().min(1), isPrimary: z.boolean(), createdAt: iso }).strict()),
  })
  .strict();

export const bucketRecord = z
  .object({
    ref,
    name: z.string().trim().min(1),
    color: z
      .string()
      .regex(/^#[0-9a-f]{6}$/, 'expected #rrggbb')
      .nullable(),
    cadenceDays: z.number().int().positive().nullable(),
    description: nullableText,
    shareSettings: z.record(z.string(), z.unknown()),
    createdAt: iso,
    updatedAt: iso,
    members: z.array(z.object({ contact: ref, addedAt: iso }).strict()),
  })
  .strict();

export const noteRecord = z
  .object({ contact: ref, body: z.string(), isTouch: z.boolean(), touchedAt: iso.nullable(), createdAt: iso, updatedAt: iso })
  .strict()
  .refine((note) => !note.isTouch || note.touchedAt !== null, { message: 'a touch note needs touchedAt', path: ['touchedAt'] });

export const taskRecord = z
  .object({ contact: ref.nullable(), title: z.string().min(1), note: nullableText, dueAt: iso, completedAt: iso.nullable(), createdAt: iso, updatedAt: iso })
  .strict();

export const interactionRecord = z
  .object({
    contact: ref,
    address: nullableText,
    messageKey: nullableText,
    kind: z.enum(['email', 'call', 'meeting', 'other', 'note']),
    direction: z.enum(['sent', 'received']).nullable(),
    role: z.enum(['from', 'to', 'cc', 'bcc']).nullable(),
    occurredAt: iso,
    threadKey: nullableText,
    account: ref.nullable(),
    recipientCount: z.number().int().min(0).nullable(),
    note: nullableText,
    createdAt: iso,
  })
  .strict();

export const messageRecord = z
  .object({
    key: z.string().min(1),
    // null: the account was removed, its header facts kept with the network built from them.
    account: ref.nullable(),
    occurredAt: iso,
    threadKey: nullableText,
    from: z.string(),
    bulkReason: nullableText,
    recipientCount: z.number().int().min(0),
    subject: nullableText,
    createdAt: iso,
    addresses: z.array(z.object({ address: z.string().min(1), role: z.enum(['from', 'to', 'cc', 'bcc']), name: nullableText }).strict()),
  })
  .strict();

export const addressNameRecord = z.object({ address: z.string().min(1), name: z.string(), count: z.number().int().min(1) }).strict();
export const dismissalRecord = z.object({ contacts: z.tuple([ref, ref]), createdAt: iso }).strict();
export const auditRecord = z
  .object({ at: iso, action: z.string(), destination: nullableText, bytes: z.number().int().nullable(), detail: nullableText })
  .strict();

/** The sections of the document, in the order they are written. */
export const SECTIONS = {
  accounts: accountRecord,
  folders: folderRecord,
  identities: identityRecord,
  ignores: ignoreRecord,
  contacts: contactRecord,
  buckets: bucketRecord,
  notes: noteRecord,
  tasks: taskRecord,
  interactions: interactionRecord,
  messages: messageRecord,
  addressNames: addressNameRecord,
  duplicateDismissals: dismissalRecord,
  auditLog: auditRecord,
} as const;

export type SectionName = keyof typeof SECTIONS;
export type SectionRecord<K extends SectionName> = z.output<(typeof SECTIONS)[K]>;

export const documentHeader = z
  .object({
    format: z.literal(RAPPORT_EXPORT_FORMAT, { error: `not a Rapport export (format must be "${RAPPORT_EXPORT_FORMAT}")` }),
    version: z.number().int(),
    settings: z.record(z.string(), z.unknown()),
  })
  .passthrough();

export { RAPPORT_EXPORT_FORMAT, RAPPORT_EXPORT_VERSION };

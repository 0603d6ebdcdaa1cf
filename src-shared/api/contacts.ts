import { z } from 'zod';
import { command } from './define-command.js';
import { contactRef, dateInput } from './user-inputs.js';

/**
 * One row of `rapport contacts --json` (issue 3's output contract, which other tools rely on):
 * exactly these fields, addresses normalised with the primary first, dates ISO-8601 UTC.
 */
export interface ContactListItem {
  id: number;
  name: string | null;
  emails: string[];
  sent: number;
  received: number;
  /** Newest sent interaction. */
  lastContacted: string | null;
  /** Newest received interaction. */
  lastHeardFrom: string | null;
  strength: number;
}

export interface ContactEmail {
  address: string;
  isPrimary: boolean;
}

export interface ContactDetail {
  id: number;
  name: string | null;
  /** The user set the name; otherwise it is the most frequent display name seen in mail. */
  nameIsCustom: boolean;
  company: string | null;
  /** The user set the company; otherwise it is guessed from a work address's domain. */
  companyIsCustom: boolean;
  title: string | null;
  phone: string | null;
  notes: string | null;
  tags: string[];
  neverShare: boolean;
  archivedAt: string | null;
  snoozedUntil: string | null;
  /** Every address is on the ignore list: the contact is hidden from the network. */
  ignored: boolean;
  source: 'mail' | 'manual' | 'import';
  emails: ContactEmail[];
  sent: number;
  received: number;
  lastContacted: string | null;
  lastHeardFrom: string | null;
  /** Newest interaction of any kind (mail, logged call/meeting/other, note marked as a touch). */
  lastInteractionAt: string | null;
  strength: number;
  buckets: { id: number; name: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface ContactSearchHit extends ContactListItem {
  company: string | null;
}

export interface HistoryMonth {
  /** `YYYY-MM` (UTC). */
  month: string;
  sent: number;
  received: number;
  /** Logged calls, meetings, other touches and notes marked as touches. */
  touches: number;
}

export interface ContactHistory {
  contactId: number;
  /** Oldest month first, every month present (zeros included), ending with the current month. */
  months: HistoryMonth[];
}

export type DuplicateReasonCode = 'same-name' | 'same-local-part' | 'name-matches-address';

export interface DuplicateReason {
  code: DuplicateReasonCode;
  /** Human-readable, e.g. `both are named "Jane Doe"`. */
  detail: string;
}

export interface DuplicateSide {
  id: number;
  name: string | null;
  company: string | null;
  emails: string[];
  sent: number;
  received: number;
  lastInteractionAt: string | null;
  strength: number;
}

/** Two contacts that look like one person, shown side by side, with why. */
export interface DuplicateSuggestion {
  contacts: [DuplicateSide, DuplicateSide];
  reasons: DuplicateReason[];
}

export interface IgnoreEntry {
  /** A normalised address, or a domain (covering its subdomains). */
  pattern: string;
  kind: 'address' | 'domain';
  createdAt: string;
}

export interface IgnoreChange {
  entry: IgnoreEntry;
  /** Contacts hidden (add) or brought back (remove) by this change. */
  contactsAffected: number;
}

export interface UnmergeResult {
  /** The contact the address was split out of. */
  contact: ContactDetail;
  /** The contact now holding the address and its interactions. */
  split: ContactDetail;
}

export interface RemoveEmailResult {
  contact: ContactDetail;
  /** An address with mail history keeps it: it becomes a contact of its own (this one). */
  splitContactId: number | null;
}

const text = (max: number, what: string) => z.string().max(max, `${what} has at most ${max} characters`);
const optionalText = (max: number, what: string) => text(max, what).nullable().optional();
const email = z.string().trim().min(1, 'expected an email address').max(320, 'an email address has at most 320 characters');
const tags = z.array(z.string().trim().min(1, 'a tag cannot be empty').max(60, 'a tag has at most 60 characters')).max(100, 'at most 100 tags');
const strength = z.number().min(0, 'strength is never negative');

export const contactListArgs = z
  .object({
    limit: z.number().int().min(1).max(100_000).optional(),
    offset: z.number().int().min(0).default(0),
    /** Full-text, prefix-matched (see contacts.search); the result stays sorted by strength. */
    search: z.string().max(200).optional(),
    /** Bucket name (case-insensitive) or id. */
    bucket: z.union([z.number().int().positive(), z.string().trim().min(1)]).optional(),
    tag: z.string().trim().min(1).optional(),
    /** Only contacts due for a follow-up now (the rule of followups.today). */
    due: z.boolean().optional(),
    minStrength: strength.optional(),
    maxStrength: strength.optional(),
    /** Last contacted (newest sent interaction) at or after / before these dates. */
    contactedAfter: dateInput.optional(),
    contactedBefore: dateInput.optional(),
    /** `exclude` (default), `include`, or `only` archived contacts. */
    archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
  })
  .strict();

const contactFields = {
  name: optionalText(200, 'a name'),
  company: optionalText(200, 'a company'),
  title: optionalText(200, 'a title'),
  phone: optionalText(60, 'a phone number'),
  notes: optionalText(20_000, 'the notes field'),
  tags: tags.optional(),
};

export const contactsCommands = {
  /** Contacts by strength, strongest first; hidden (ignored) contacts never appear. */
  'contacts.list': command<ContactListItem[]>()(contactListArgs),
  'contacts.get': command<ContactDetail>()(z.object({ contact: contactRef }).strict()),
  'contacts.create': command<ContactDetail>()(
    z
      .object({ ...contactFields, emails: z.array(email).max(50).default([]) })
      .strict()
      .refine((args) => args.emails.length > 0 || (args.name ?? '').trim() !== '', { message: 'a contact needs a name or an email address', path: ['name'] }),
  ),
  /** Changes only the fields given; `name: null` / `company: null` go back to the derived value. */
  'contacts.update': command<ContactDetail>()(z.object({ contact: contactRef, ...contactFields }).strict()),
  'contacts.archive': command<ContactDetail>()(z.object({ contact: contactRef }).strict()),
  'contacts.unarchive': command<ContactDetail>()(z.object({ contact: contactRef }).strict()),
  /** Deletes the contact with its interactions, notes, tasks and memberships. New mail from its addresses makes a new contact: ignore them to keep them out. */
  'contacts.delete': command<{ deleted: number }>()(z.object({ contact: contactRef }).strict()),
  'contacts.addEmail': command<ContactDetail>()(z.object({ contact: contactRef, email }).strict()),
  'contacts.removeEmail': command<RemoveEmailResult>()(z.object({ contact: contactRef, email }).strict()),
  'contacts.setPrimaryEmail': command<ContactDetail>()(z.object({ contact: contactRef, email }).strict()),
  'contacts.setNeverShare': command<ContactDetail>()(z.object({ contact: contactRef, neverShare: z.boolean() }).strict()),
  /** Per month, sent vs received mail and logged touches, for a chart. */
  'contacts.history': command<ContactHistory>()(
    z.object({ contact: contactRef, months: z.number().int().min(1).max(600).default(24) }).strict(),
  ),
  /** Search as you type: every word is a prefix; ranked by relevance, then strength. */
  'contacts.search': command<ContactSearchHit[]>()(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(1000).default(20) }).strict(),
  ),
  'contacts.duplicates': command<DuplicateSuggestion[]>()(z.object({ limit: z.number().int().min(1).max(10_000).default(200) }).strict()),
  /** "These two are different people": the pair is not suggested again. */
  'contacts.dismissDuplicate': command<{ dismissed: true }>()(z.object({ contacts: z.tuple([contactRef, contactRef]) }).strict()),
  /** Moves everything of `source` into `target` (addresses, interactions, notes, tasks, buckets) and deletes `source`. */
  'contacts.merge': command<ContactDetail>()(z.object({ target: contactRef, source: contactRef }).strict()),
  /** Splits an address back out, with its interactions (and what it brought in a merge). */
  'contacts.unmerge': command<UnmergeResult>()(z.object({ contact: contactRef, email }).strict()),

  /** `jane@x.com`, or `@acme.com` / `acme.com` for a whole domain and its subdomains. */
  'ignore.add': command<IgnoreChange>()(z.object({ pattern: z.string().trim().min(1, 'expected an address or @domain') }).strict()),
  'ignore.remove': command<IgnoreChange>()(z.object({ pattern: z.string().trim().min(1, 'expected an address or @domain') }).strict()),
  'ignore.list': command<IgnoreEntry[]>()(z.object({}).strict()),
};

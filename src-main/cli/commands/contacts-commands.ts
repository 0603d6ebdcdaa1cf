import type { ContactDetail, ContactListItem } from '../../../src-shared/api/contacts.js';
import type { CliCommand, CliRunInput } from '../cli-command.js';
import { UsageError } from '../cli-command.js';
import type { CliIo } from '../cli-io.js';
import { printJson, printTable } from '../output.js';
import { clearableOption, optionalString, plural, wholeNumber } from './cli-values.js';

/** Contacts are named by id or by any of their addresses, everywhere on the command line. */
function contactArgument(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string');
  return typeof value === 'string' ? [value] : [];
}

function strengthOption(value: unknown, option: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new UsageError(`${option} must be a number, not ${JSON.stringify(value)}`);
  return number;
}

const day = (iso: string | null) => (iso === null ? '' : iso.slice(0, 10));

function printContacts(io: CliIo, contacts: ContactListItem[]): void {
  if (contacts.length === 0) {
    io.out('No contacts.');
    return;
  }
  printTable(
    io,
    ['id', 'name', 'email', 'sent', 'received', 'last contacted', 'last heard from', 'strength'],
    contacts.map((contact) => [
      contact.id,
      contact.name ?? '',
      contact.emails.length > 1 ? `${contact.emails[0]} (+${contact.emails.length - 1})` : (contact.emails[0] ?? ''),
      contact.sent,
      contact.received,
      day(contact.lastContacted),
      day(contact.lastHeardFrom),
      contact.strength.toFixed(3),
    ]),
  );
}

function printDetail(io: CliIo, contact: ContactDetail): void {
  const line = (label: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') io.out(`${label.padEnd(16)}${value}`);
  };
  line('Contact', `${contact.id}${contact.name === null ? '' : `  ${contact.name}`}${contact.nameIsCustom ? '' : contact.name === null ? '' : '  (from mail)'}`);
  for (const email of contact.emails) line(email.isPrimary ? 'Email' : '', email.address);
  line('Company', contact.company === null ? null : `${contact.company}${contact.companyIsCustom ? '' : '  (from the address)'}`);
  line('Title', contact.title);
  line('Phone', contact.phone);
  line('Tags', contact.tags.join(', '));
  line('Buckets', contact.buckets.map((bucket) => bucket.name).join(', '));
  line('Sent', contact.sent);
  line('Received', contact.received);
  line('Last contacted', contact.lastContacted);
  line('Last heard from', contact.lastHeardFrom);
  line('Last touch', contact.lastInteractionAt);
  line('Strength', contact.strength.toFixed(3));
  const flags = [contact.neverShare ? 'never share' : '', contact.archivedAt === null ? '' : `archived ${day(contact.archivedAt)}`, contact.ignored ? 'ignored' : ''].filter(Boolean);
  line('Flags', flags.join(', '));
  line('Notes', contact.notes);
}

function showDetail({ io, json }: CliRunInput, contact: ContactDetail): void {
  if (json) printJson(io, contact);
  else printDetail(io, contact);
}

const list: CliCommand = {
  words: ['contacts'],
  usage:
    'contacts [--json] [--limit N] [--offset N] [--search TEXT] [--bucket NAME] [--tag TAG] [--due] [--min-strength X] [--max-strength X] [--contacted-after DATE] [--contacted-before DATE] [--archived | --with-archived]',
  summary: 'your contacts, strongest first',
  options: {
    limit: { type: 'string' },
    offset: { type: 'string' },
    search: { type: 'string' },
    bucket: { type: 'string' },
    tag: { type: 'string' },
    due: { type: 'boolean' },
    'min-strength': { type: 'string' },
    'max-strength': { type: 'string' },
    'contacted-after': { type: 'string' },
    'contacted-before': { type: 'string' },
    archived: { type: 'boolean' },
    'with-archived': { type: 'boolean' },
  },
  needsVault: true,
  async run({ values, io, json, call }) {
    if (values.archived === true && values['with-archived'] === true) throw new UsageError('--archived and --with-archived exclude each other');
    const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
    const contacts = await call('contacts.list', {
      ...optional('limit', typeof values.limit === 'string' ? wholeNumber(values.limit, '--limit') : undefined),
      ...optional('offset', typeof values.offset === 'string' ? wholeNumber(values.offset, '--offset') : undefined),
      ...optional('search', optionalString(values.search)),
      ...optional('bucket', optionalString(values.bucket)),
      ...optional('tag', optionalString(values.tag)),
      ...optional('due', values.due === true ? true : undefined),
      ...optional('minStrength', strengthOption(values['min-strength'], '--min-strength')),
      ...optional('maxStrength', strengthOption(values['max-strength'], '--max-strength')),
      ...optional('contactedAfter', optionalString(values['contacted-after'])),
      ...optional('contactedBefore', optionalString(values['contacted-before'])),
      archived: values.archived === true ? 'only' : values['with-archived'] === true ? 'include' : 'exclude',
    });
    // The --json shape is issue 3's contract: exactly these keys, in this order.
    if (json) printJson(io, contacts);
    else printContacts(io, contacts);
  },
};

const search: CliCommand = {
  words: ['search'],
  usage: 'search TEXT [--limit N] [--json]',
  summary: 'find contacts by name, address, company, tag or note (every word a prefix)',
  options: { limit: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    const hits = await call('contacts.search', { query: positionals[0]!, ...(typeof values.limit === 'string' ? { limit: wholeNumber(values.limit, '--limit') } : {}) });
    if (json) printJson(io, hits);
    else printContacts(io, hits);
  },
};

const show: CliCommand = {
  words: ['contact', 'show'],
  usage: 'contact show ID|EMAIL [--json]',
  summary: 'everything about one contact',
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run(input) {
    showDetail(input, await input.call('contacts.get', { contact: contactArgument(input.positionals[0]!) }));
  },
};

const fieldOptions = {
  name: { type: 'string' },
  company: { type: 'string' },
  title: { type: 'string' },
  phone: { type: 'string' },
  notes: { type: 'string' },
  tag: { type: 'string', multiple: true },
} as const;

const add: CliCommand = {
  words: ['contact', 'add'],
  usage: 'contact add [--name NAME] [--email EMAIL]... [--company C] [--title T] [--phone P] [--notes TEXT] [--tag TAG]... [--json]',
  summary: 'create a contact (a name or at least one address)',
  options: { ...fieldOptions, email: { type: 'string', multiple: true } },
  needsVault: true,
  async run(input) {
    const { values, call } = input;
    const emails = strings(values.email);
    const tags = strings(values.tag);
    const contact = await call('contacts.create', {
      emails,
      ...(typeof values.name === 'string' ? { name: values.name } : {}),
      ...(typeof values.company === 'string' ? { company: values.company } : {}),
      ...(typeof values.title === 'string' ? { title: values.title } : {}),
      ...(typeof values.phone === 'string' ? { phone: values.phone } : {}),
      ...(typeof values.notes === 'string' ? { notes: values.notes } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    });
    if (input.json) printJson(input.io, contact);
    else input.io.out(`Created contact ${contact.id}${contact.name === null ? '' : ` (${contact.name})`}`);
  },
};

const edit: CliCommand = {
  words: ['contact', 'edit'],
  usage: 'contact edit ID|EMAIL [--name NAME|none] [--company C|none] [--title T|none] [--phone P|none] [--notes TEXT|none] [--tag TAG]... [--no-tags] [--json]',
  summary: 'change a contact; "none" clears a field (name and company then come from mail again)',
  options: { ...fieldOptions, 'no-tags': { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run(input) {
    const { values, call } = input;
    const tags = strings(values.tag);
    if (tags.length > 0 && values['no-tags'] === true) throw new UsageError('--tag and --no-tags exclude each other');
    const changes: Record<string, unknown> = {};
    for (const field of ['name', 'company', 'title', 'phone', 'notes'] as const) {
      const value = clearableOption(values[field]);
      if (value !== undefined) changes[field] = value;
    }
    if (tags.length > 0) changes.tags = tags;
    if (values['no-tags'] === true) changes.tags = [];
    if (Object.keys(changes).length === 0) throw new UsageError('nothing to change: give at least one of --name, --company, --title, --phone, --notes, --tag, --no-tags');
    const contact = await call('contacts.update', { contact: contactArgument(input.positionals[0]!), ...changes });
    if (input.json) printJson(input.io, contact);
    else input.io.out(`Updated contact ${contact.id}${contact.name === null ? '' : ` (${contact.name})`}`);
  },
};

function simpleContactCommand(words: string[], summary: string, name: 'contacts.archive' | 'contacts.unarchive', done: string): CliCommand {
  return {
    words,
    usage: `${words.join(' ')} ID|EMAIL [--json]`,
    summary,
    positionals: { min: 1, max: 1 },
    needsVault: true,
    async run({ positionals, io, json, call }) {
      const contact = await call(name, { contact: contactArgument(positionals[0]!) });
      if (json) printJson(io, contact);
      else io.out(`${done} contact ${contact.id}${contact.name === null ? '' : ` (${contact.name})`}`);
    },
  };
}

const remove: CliCommand = {
  words: ['contact', 'delete'],
  usage: 'contact delete ID|EMAIL --yes [--json]',
  summary: 'delete a contact with its notes, tasks and history (to keep someone out for good, ignore them)',
  options: { yes: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    if (values.yes !== true) throw new UsageError('delete removes the contact with its notes, tasks and history: confirm with --yes');
    const result = await call('contacts.delete', { contact: contactArgument(positionals[0]!) });
    if (json) printJson(io, result);
    else io.out(`Deleted contact ${result.deleted}`);
  },
};

function emailCommand(words: string[], summary: string, name: 'contacts.addEmail' | 'contacts.setPrimaryEmail', done: string): CliCommand {
  return {
    words,
    usage: `${words.join(' ')} ID|EMAIL EMAIL [--json]`,
    summary,
    positionals: { min: 2, max: 2 },
    needsVault: true,
    async run(input) {
      const contact = await input.call(name, { contact: contactArgument(input.positionals[0]!), email: input.positionals[1]! });
      if (input.json) printJson(input.io, contact);
      else input.io.out(`${done}: contact ${contact.id} now has ${contact.emails.map((email) => email.address).join(', ')}`);
    },
  };
}

const removeEmail: CliCommand = {
  words: ['contact', 'remove-email'],
  usage: 'contact remove-email ID|EMAIL EMAIL [--json]',
  summary: 'take an address off a contact (an address with mail history becomes a contact of its own)',
  positionals: { min: 2, max: 2 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const result = await call('contacts.removeEmail', { contact: contactArgument(positionals[0]!), email: positionals[1]! });
    if (json) printJson(io, result);
    else io.out(`Removed ${positionals[1]} from contact ${result.contact.id}${result.splitContactId === null ? '' : `; its mail history is now contact ${result.splitContactId}`}`);
  },
};

const neverShare: CliCommand = {
  words: ['contact', 'never-share'],
  usage: 'contact never-share ID|EMAIL [--off] [--json]',
  summary: 'keep a contact out of every shared bucket (--off allows sharing again)',
  options: { off: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    const contact = await call('contacts.setNeverShare', { contact: contactArgument(positionals[0]!), neverShare: values.off !== true });
    if (json) printJson(io, contact);
    else io.out(`Contact ${contact.id} ${contact.neverShare ? 'will never be shared' : 'may be shared again'}`);
  },
};

const history: CliCommand = {
  words: ['history'],
  usage: 'history ID|EMAIL [--months N] [--json]',
  summary: 'mail sent and received (and logged touches) per month with one contact',
  options: { months: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    const result = await call('contacts.history', {
      contact: contactArgument(positionals[0]!),
      ...(typeof values.months === 'string' ? { months: wholeNumber(values.months, '--months') } : {}),
    });
    if (json) {
      printJson(io, result);
      return;
    }
    const widest = Math.max(1, ...result.months.map((month) => month.sent + month.received + month.touches));
    const bar = (count: number, mark: string) => mark.repeat(Math.round((count / widest) * 40));
    printTable(
      io,
      ['month', 'sent', 'received', 'touches', ''],
      result.months.map((month) => [month.month, month.sent, month.received, month.touches, bar(month.sent, '>') + bar(month.received, '<') + bar(month.touches, '*')]),
    );
  },
};

const ignore: CliCommand = {
  words: ['ignore'],
  usage: 'ignore EMAIL|@DOMAIN [--json]',
  summary: 'hide a sender or a whole domain (and its subdomains) from your network; future syncs skip them',
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const change = await call('ignore.add', { pattern: positionals[0]! });
    if (json) printJson(io, change);
    else io.out(`Ignoring ${change.entry.kind === 'domain' ? '@' : ''}${change.entry.pattern} (${plural(change.contactsAffected, 'contact')} hidden)`);
  },
};

const unignore: CliCommand = {
  words: ['unignore'],
  usage: 'unignore EMAIL|@DOMAIN [--json]',
  summary: 'stop ignoring; the network is rebuilt from mail already read, no sync needed',
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const change = await call('ignore.remove', { pattern: positionals[0]! });
    if (json) printJson(io, change);
    else io.out(`No longer ignoring ${change.entry.kind === 'domain' ? '@' : ''}${change.entry.pattern} (${plural(change.contactsAffected, 'contact')} back)`);
  },
};

const ignored: CliCommand = {
  words: ['ignored'],
  usage: 'ignored [--json]',
  summary: 'the ignore list',
  needsVault: true,
  async run({ io, json, call }) {
    const entries = await call('ignore.list', {});
    if (json) printJson(io, entries);
    else if (entries.length === 0) io.out('Nothing is ignored.');
    else printTable(io, ['ignored', 'since'], entries.map((entry) => [`${entry.kind === 'domain' ? '@' : ''}${entry.pattern}`, day(entry.createdAt)]));
  },
};

const merge: CliCommand = {
  words: ['merge'],
  usage: 'merge ID|EMAIL ID|EMAIL [--json]',
  summary: 'merge the second contact into the first (every address, interaction, note, task and bucket is kept)',
  positionals: { min: 2, max: 2 },
  needsVault: true,
  async run(input) {
    const contact = await input.call('contacts.merge', { target: contactArgument(input.positionals[0]!), source: contactArgument(input.positionals[1]!) });
    if (input.json) printJson(input.io, contact);
    else input.io.out(`Merged into contact ${contact.id}${contact.name === null ? '' : ` (${contact.name})`}: ${contact.emails.map((email) => email.address).join(', ')}`);
  },
};

const unmerge: CliCommand = {
  words: ['unmerge'],
  usage: 'unmerge ID|EMAIL EMAIL [--json]',
  summary: 'split an address back out of a contact, with its mail (and what it brought in a merge)',
  positionals: { min: 2, max: 2 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const result = await call('contacts.unmerge', { contact: contactArgument(positionals[0]!), email: positionals[1]! });
    if (json) printJson(io, result);
    else io.out(`Split ${result.split.emails.map((email) => email.address).join(', ')} out of contact ${result.contact.id} into contact ${result.split.id}`);
  },
};

const duplicates: CliCommand = {
  words: ['duplicates'],
  usage: 'duplicates [--limit N] [--json]',
  summary: 'contacts that look like the same person, side by side, with why',
  options: { limit: { type: 'string' } },
  needsVault: true,
  async run({ values, io, json, call }) {
    const suggestions = await call('contacts.duplicates', typeof values.limit === 'string' ? { limit: wholeNumber(values.limit, '--limit') } : {});
    if (json) {
      printJson(io, suggestions);
      return;
    }
    if (suggestions.length === 0) {
      io.out('No likely duplicates.');
      return;
    }
    for (const { contacts: [a, b], reasons } of suggestions) {
      printTable(
        io,
        ['', `contact ${a.id}`, `contact ${b.id}`],
        [
          ['name', a.name ?? '', b.name ?? ''],
          ['emails', a.emails.join(', '), b.emails.join(', ')],
          ['company', a.company ?? '', b.company ?? ''],
          ['sent/received', `${a.sent}/${a.received}`, `${b.sent}/${b.received}`],
          ['last touch', day(a.lastInteractionAt), day(b.lastInteractionAt)],
        ],
      );
      io.out(`  why: ${reasons.map((reason) => reason.detail).join('; ')}`);
      io.out(`  merge with: rapport merge ${a.id} ${b.id}    not the same: rapport duplicates dismiss ${a.id} ${b.id}`);
      io.out('');
    }
  },
};

const dismiss: CliCommand = {
  words: ['duplicates', 'dismiss'],
  usage: 'duplicates dismiss ID|EMAIL ID|EMAIL',
  summary: 'these two are different people: stop suggesting them',
  positionals: { min: 2, max: 2 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const result = await call('contacts.dismissDuplicate', { contacts: [contactArgument(positionals[0]!), contactArgument(positionals[1]!)] });
    if (json) printJson(io, result);
    else io.out('Noted: they will not be suggested again.');
  },
};

export const contactsCliCommands: CliCommand[] = [
  list,
  search,
  show,
  add,
  edit,
  simpleContactCommand(['contact', 'archive'], 'archive a contact (hidden from lists, kept)', 'contacts.archive', 'Archived'),
  simpleContactCommand(['contact', 'unarchive'], 'bring an archived contact back', 'contacts.unarchive', 'Unarchived'),
  remove,
  emailCommand(['contact', 'add-email'], 'add an address to a contact', 'contacts.addEmail', 'Added'),
  removeEmail,
  emailCommand(['contact', 'primary-email'], 'make one of its addresses the primary one', 'contacts.setPrimaryEmail', 'Primary set'),
  neverShare,
  history,
  ignore,
  unignore,
  ignored,
  merge,
  unmerge,
  duplicates,
  dismiss,
];

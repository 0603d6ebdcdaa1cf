import type { CliCommand } from '../cli-command.js';
import { printJson, printTable } from '../output.js';
import { cadenceOption, clearableOption, optionalString, plural } from './cli-values.js';

const add: CliCommand = {
  words: ['bucket', 'add'],
  usage: 'bucket add NAME [--cadence DAYS] [--color HEX] [--description TEXT]',
  summary: 'create a bucket, optionally with a follow-up cadence in days',
  options: { cadence: { type: 'string' }, color: { type: 'string' }, description: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    const cadenceDays = cadenceOption(values.cadence, false);
    const color = optionalString(values.color);
    const description = optionalString(values.description);
    const bucket = await call('buckets.create', {
      name: positionals[0]!,
      ...(cadenceDays === undefined ? {} : { cadenceDays }),
      ...(color === undefined ? {} : { color }),
      ...(description === undefined ? {} : { description }),
    });
    if (json) printJson(io, bucket);
    else io.out(`Created bucket ${bucket.name} (id ${bucket.id}${bucket.cadenceDays === null ? ', no cadence' : `, every ${plural(bucket.cadenceDays, 'day')}`})`);
  },
};

const list: CliCommand = {
  words: ['bucket', 'list'],
  usage: 'bucket list [--json]',
  summary: 'every bucket with its number of contacts and how many are due',
  needsVault: true,
  async run({ io, json, call }) {
    const buckets = await call('buckets.list', {});
    // The --json shape is a contract other tools rely on: exactly these keys.
    if (json) printJson(io, buckets.map((bucket) => ({ id: bucket.id, name: bucket.name, cadenceDays: bucket.cadenceDays, contacts: bucket.contacts, due: bucket.due })));
    else if (buckets.length === 0) io.out('No buckets yet. Create one with `rapport bucket add NAME`, or see `rapport bucket suggestions`.');
    else
      printTable(
        io,
        ['id', 'name', 'cadence', 'contacts', 'due', 'color'],
        buckets.map((bucket) => [bucket.id, bucket.name, bucket.cadenceDays === null ? '-' : `${bucket.cadenceDays}d`, bucket.contacts, bucket.due, bucket.color ?? '']),
      );
  },
};

const update: CliCommand = {
  words: ['bucket', 'update'],
  usage: 'bucket update NAME [--name NEW] [--cadence DAYS|none] [--color HEX|none] [--description TEXT|none]',
  summary: 'rename a bucket or change its cadence, colour or description',
  options: { name: { type: 'string' }, cadence: { type: 'string' }, color: { type: 'string' }, description: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    const name = optionalString(values.name);
    const cadenceDays = cadenceOption(values.cadence, true);
    const color = clearableOption(values.color);
    const description = clearableOption(values.description);
    const bucket = await call('buckets.update', {
      bucket: positionals[0]!,
      ...(name === undefined ? {} : { name }),
      ...(cadenceDays === undefined ? {} : { cadenceDays }),
      ...(color === undefined ? {} : { color }),
      ...(description === undefined ? {} : { description }),
    });
    if (json) printJson(io, bucket);
    else io.out(`Updated bucket ${bucket.name}`);
  },
};

const remove: CliCommand = {
  words: ['bucket', 'delete'],
  usage: 'bucket delete NAME',
  summary: 'delete a bucket (its contacts stay)',
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const { deleted } = await call('buckets.delete', { bucket: positionals[0]! });
    if (json) printJson(io, deleted);
    else io.out(`Deleted bucket ${deleted.name} (${plural(deleted.contacts, 'contact')} left it; the contacts stay)`);
  },
};

function membershipCommand(verb: 'assign' | 'unassign'): CliCommand {
  return {
    words: ['bucket', verb],
    usage: `bucket ${verb} NAME EMAIL...`,
    summary: verb === 'assign' ? 'put contacts (by address) in a bucket' : 'take contacts (by address) out of a bucket',
    positionals: { min: 2, max: 10_000 },
    needsVault: true,
    async run({ positionals, io, json, call }) {
      const [bucket, ...contacts] = positionals as [string, ...string[]];
      const result = await call(verb === 'assign' ? 'buckets.assign' : 'buckets.unassign', { bucket, contacts });
      if (json) printJson(io, { bucket: result.bucket.name, changed: result.changed, contacts: result.bucket.contacts, due: result.bucket.due });
      else io.out(`${verb === 'assign' ? 'Added' : 'Removed'} ${plural(result.changed, 'contact')} ${verb === 'assign' ? 'to' : 'from'} ${result.bucket.name} (now ${result.bucket.contacts})`);
    },
  };
}

const suggestions: CliCommand = {
  words: ['bucket', 'suggestions'],
  usage: 'bucket suggestions [--json]',
  summary: 'the built-in bucket suggestions (create them with `bucket add-suggested`)',
  needsVault: true,
  async run({ io, json, call }) {
    const list = await call('buckets.suggestions', {});
    if (json) printJson(io, list);
    else printTable(io, ['name', 'cadence', 'status', 'description'], list.map((item) => [item.name, item.cadenceDays === null ? '-' : `${item.cadenceDays}d`, item.exists ? 'exists' : 'suggested', item.description]));
  },
};

const addSuggested: CliCommand = {
  words: ['bucket', 'add-suggested'],
  usage: 'bucket add-suggested [NAME...]',
  summary: 'create the suggested buckets (all, or those named) that do not exist yet',
  positionals: { min: 0, max: 20 },
  needsVault: true,
  async run({ positionals, io, json, call }) {
    const created = await call('buckets.addSuggested', positionals.length === 0 ? {} : { names: positionals });
    if (json) printJson(io, created);
    else io.out(created.length === 0 ? 'Nothing to create: those buckets already exist.' : `Created ${created.map((bucket) => bucket.name).join(', ')}`);
  },
};

export const bucketsCliCommands: CliCommand[] = [add, list, update, remove, membershipCommand('assign'), membershipCommand('unassign'), suggestions, addSuggested];

import path from 'node:path';
import { EXPORT_FORMATS, type ExportFormat, type ImportResult } from '../../../src-shared/api/portability.js';
import type { CliCommand } from '../cli-command.js';
import { UsageError } from '../cli-command.js';
import { printJson } from '../output.js';
import { optionalString, plural } from './cli-values.js';

function formatOption(value: unknown): ExportFormat | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not ${JSON.stringify(value)}`);
  return value as ExportFormat;
}

const FORMAT_NAMES: Record<ExportFormat, string> = { json: 'Rapport JSON', vcard: 'vCard', csv: 'CSV' };
const DIALECT_NAMES: Record<NonNullable<ImportResult['dialect']>, string> = {
  rapport: 'Rapport CSV',
  google: 'Google Contacts CSV',
  outlook: 'Outlook CSV',
  linkedin: 'LinkedIn connections CSV',
  generic: 'CSV',
};

const exportCommand: CliCommand = {
  words: ['export'],
  usage: `export --format ${EXPORT_FORMATS.join('|')} [--out FILE]`,
  summary: 'export your data: JSON (everything), vCard 4.0 or CSV (contacts); to stdout without --out',
  options: { format: { type: 'string' }, out: { type: 'string' } },
  needsVault: true,
  async run({ values, io, json, call }) {
    const format = formatOption(values.format);
    if (format === undefined) throw new UsageError(`--format is required (${EXPORT_FORMATS.join(', ')})`);
    const out = optionalString(values.out);
    if (out === undefined) {
      const result = await call('portability.export', { format });
      io.out(result.content ?? '');
      return;
    }
    const result = await call('portability.export', { format, path: path.resolve(out) });
    if (json) printJson(io, { format: result.format, path: result.path, bytes: result.bytes, contacts: result.contacts });
    else io.out(`Exported ${plural(result.contacts, 'contact')} as ${FORMAT_NAMES[format]} to ${result.path} (${result.bytes} bytes)`);
  },
};

const importCommand: CliCommand = {
  words: ['import'],
  usage: `import FILE [--format ${EXPORT_FORMATS.join('|')}]`,
  summary: 'import Rapport JSON, vCard 3/4 or CSV (Google, Outlook, LinkedIn); merges by address, all or nothing',
  options: { format: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  needsVault: true,
  async run({ values, positionals, io, json, call }) {
    const format = formatOption(values.format);
    const file = path.resolve(positionals[0]!);
    const result = await call('portability.import', { path: file, ...(format === undefined ? {} : { format }) });
    if (json) return printJson(io, result);
    const kind = result.dialect === null ? FORMAT_NAMES[result.format] : DIALECT_NAMES[result.dialect];
    io.out(`Imported ${path.basename(file)} (${kind}): ${plural(result.records, 'record')}`);
    io.out(`  ${plural(result.contactsCreated, 'new contact')}, ${plural(result.contactsMerged, 'merged into an existing contact', 'merged into existing contacts')}, ${plural(result.addressesAdded, 'address', 'addresses')} added`);
    io.out(`  ${plural(result.bucketsCreated, 'new bucket')}, ${plural(result.membershipsAdded, 'bucket membership')} added`);
    if (result.format === 'json') io.out(`  ${plural(result.interactionsAdded, 'interaction')}, ${plural(result.notesAdded, 'note')}, ${plural(result.tasksAdded, 'task')} added`);
    if (result.skipped.length > 0) {
      io.out(`  ${plural(result.skipped.length, 'record')} skipped:`);
      for (const skipped of result.skipped.slice(0, 20)) io.out(`    ${skipped.record}: ${skipped.reason}`);
      if (result.skipped.length > 20) io.out(`    ... and ${result.skipped.length - 20} more`);
    }
  },
};

export const portabilityCliCommands: CliCommand[] = [exportCommand, importCommand];

import fs from 'node:fs';
import path from 'node:path';
import type { ExportFormat, ImportResult, portabilityCommands } from '../../../src-shared/api/portability.js';
import type { AppContext } from '../app-context.js';
import { RapportError } from '../errors.js';
import type { HandlerTable } from '../handler.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';
import { applyContactRecords, type ImportCounts } from './apply-contact-records.js';
import { ImportProblems, type ContactRecord } from './contact-record.js';
import { readCsvContacts } from './csv/read-csv-contacts.js';
import { writeCsvContacts } from './csv/write-csv-contacts.js';
import { decodeFileBytes, stripBom } from './decode-file.js';
import { exportedContacts } from './exported-contacts.js';
import { StringSink, writeFileAtomically, type ExportSink } from './export-sink.js';
import { applyJsonExport } from './json/apply-json-export.js';
import { exportJson } from './json/export-json.js';
import { readJsonExport } from './json/read-json-export.js';
import { parseVcards } from './vcard/parse-vcard.js';
import { writeVcard } from './vcard/write-vcard.js';

/** Problems listed in the error; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 20;

function produce(db: VaultDatabase, format: ExportFormat, sink: ExportSink): number {
  if (format === 'json') return exportJson(db, sink).contacts;
  if (format === 'csv') return writeCsvContacts(exportedContacts(db), sink);
  let count = 0;
  for (const contact of exportedContacts(db)) {
    sink.write(writeVcard(contact));
    count++;
  }
  return count;
}

function detectFormat(file: string | undefined, text: string): ExportFormat {
  const extension = file === undefined ? '' : path.extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.vcf' || extension === '.vcard') return 'vcard';
  if (extension === '.csv') return 'csv';
  const start = text.trimStart();
  if (start.startsWith('{')) return 'json';
  if (/^BEGIN:VCARD/i.test(start)) return 'vcard';
  return 'csv';
}

function readImportFile(file: string): string {
  try {
    return decodeFileBytes(fs.readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RapportError('not_found', `cannot import ${file}: no such file`);
    if (code === 'EISDIR') throw new RapportError('invalid_input', `cannot import ${file}: it is a folder`);
    throw new RapportError('invalid_input', `cannot read ${file}: ${(error as Error).message}`);
  }
}

function failWith(label: string, problems: ImportProblems): never {
  const shown = problems.items.slice(0, MAX_PROBLEMS_SHOWN);
  const more = problems.items.length - shown.length;
  const count = problems.items.length === 1 ? '1 problem' : `${problems.items.length} problems`;
  throw new RapportError('invalid_input', [`cannot import ${label} (${count}; nothing was imported):`, ...shown, ...(more > 0 ? [`... and ${more} more`] : [])].join('\n'));
}

function emitChanged(context: AppContext): void {
  for (const scope of ['contacts', 'buckets', 'tasks'] as const) context.events.emit({ type: 'data.changed', scope });
}

export const portabilityHandlers: HandlerTable<typeof portabilityCommands> = {
  'portability.export': ({ format, path: file }, { vault }) => {
    const db = vault.db();
    // One read transaction: the export is a consistent snapshot even while a sync writes.
    return db.transaction(() => {
      if (file !== undefined) {
        let contacts = 0;
        const bytes = writeFileAtomically(file, (sink) => (contacts = produce(db, format, sink)));
        return { format, path: file, content: null, bytes, contacts };
      }
      const sink = new StringSink();
      const contacts = produce(db, format, sink);
      const content = sink.text();
      return { format, path: null, content, bytes: Buffer.byteLength(content, 'utf8'), contacts };
    })();
  },

  'portability.import': ({ path: file, content, format }, context) => {
    const db = context.vault.db();
    const text = stripBom(content ?? readImportFile(file!));
    const chosen = format ?? detectFormat(file, text);
    const label = file === undefined ? 'the data' : path.basename(file);
    const problems = new ImportProblems();
    const now = context.now();
    let counts: ImportCounts;
    let records: number;
    let dialect: ImportResult['dialect'] = null;
    if (chosen === 'json') {
      const document = readJsonExport(text, db, problems);
      if (document === null || problems.any) failWith(label, problems);
      records = document.contacts.length;
      counts = db.transaction(() => applyJsonExport(db, document, now))();
    } else {
      let parsed: ContactRecord[];
      if (chosen === 'vcard') parsed = parseVcards(text, problems);
      else {
        const csv = readCsvContacts(text, problems);
        parsed = csv.records;
        dialect = csv.dialect;
      }
      if (problems.any) failWith(label, problems);
      records = parsed.length;
      counts = db.transaction(() => applyContactRecords(db, parsed, now))();
    }
    emitChanged(context);
    return { format: chosen, dialect, records, ...counts };
  },
};

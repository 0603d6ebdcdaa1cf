import { z } from 'zod';
import { command } from './define-command.js';

export const EXPORT_FORMATS = ['json', 'vcard', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The `format` field of a Rapport JSON export, and the version this build writes and reads. */
export const RAPPORT_EXPORT_FORMAT = 'rapport-export';
export const RAPPORT_EXPORT_VERSION = 1;

export interface ExportResult {
  format: ExportFormat;
  /** Where the file was written, or null when the content is returned instead. */
  path: string | null;
  /** The exported text when no path was given. */
  content: string | null;
  bytes: number;
  contacts: number;
}

/** The CSV dialect recognised from the header row. */
export type CsvDialect = 'rapport' | 'google' | 'outlook' | 'linkedin' | 'generic';

export interface ImportResult {
  format: ExportFormat;
  dialect: CsvDialect | null;
  /** Records (cards, rows, contacts) read from the file. */
  records: number;
  contactsCreated: number;
  /** Records merged into a contact that already had one of their addresses. */
  contactsMerged: number;
  addressesAdded: number;
  bucketsCreated: number;
  membershipsAdded: number;
  interactionsAdded: number;
  notesAdded: number;
  tasksAdded: number;
  /** Records left out on purpose (e.g. no email address), with where and why. */
  skipped: { record: string; reason: string }[];
}

export const portabilityCommands = {
  /** JSON is the complete vault (versioned); vCard 4.0 and CSV carry the contacts. */
  'portability.export': command<ExportResult>()(
    z.object({ format: z.enum(EXPORT_FORMATS), path: z.string().min(1).optional() }).strict(),
  ),
  /**
   * Reads a Rapport JSON export, vCard 3/4 or CSV (Google, Outlook, LinkedIn, Rapport) and merges it
   * by address. All or nothing: any bad record fails the import with every problem listed by line.
   */
  'portability.import': command<ImportResult>()(
    z
      .object({
        path: z.string().min(1).optional(),
        content: z.string().optional(),
        format: z.enum(EXPORT_FORMATS).optional(),
      })
      .strict()
      .refine((args) => (args.path === undefined) !== (args.content === undefined), { message: 'give either a path or the content', path: ['path'] }),
  ),
};

import type { ExportedContact } from '../contact-record.js';
import type { ExportSink } from '../export-sink.js';
import { RAPPORT_CSV_HEADER } from './csv-dialects.js';
import { csvRecord, defuseFormula, joinList } from './write-csv.js';

/** Rapport's CSV (RFC 4180, UTF-8, CRLF): one row per contact, several values in a cell joined by `; `. */
export function writeCsvContacts(contacts: Iterable<ExportedContact>, sink: ExportSink): number {
  sink.write(csvRecord(RAPPORT_CSV_HEADER));
  let count = 0;
  for (const contact of contacts) {
    sink.write(
      csvRecord(
        [
          contact.name,
          contact.emails[0] ?? '',
          joinList(contact.emails.slice(1)),
          contact.company,
          contact.title,
          contact.phone,
          contact.notes,
          joinList(contact.buckets),
          joinList(contact.tags),
        ].map(defuseFormula),
      ),
    );
    count++;
  }
  return count;
}

import type { ImportProblems } from '../contact-record.js';

export interface CsvRow {
  /** The line the record starts on (a quoted field may span lines). */
  line: number;
  fields: string[];
}

/**
 * RFC 4180: comma-separated fields, records ended by CRLF (LF and CR accepted too), fields with
 * commas, quotes or line breaks enclosed in double quotes, a quote inside doubled. Strict where
 * the RFC is, so a damaged file is reported (with its line) rather than guessed at: a quote
 * inside an unquoted field, text after a closing quote, or a quoted field never closed.
 */
export function parseCsv(text: string, problems: ImportProblems): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = 1;
  let index = 0;
  const length = text.length;
  while (index < length) {
    const startLine = line;
    const fields: string[] = [];
    let rowBroken = false;
    for (;;) {
      let field = '';
      if (text[index] === '"') {
        const openLine = line;
        index++;
        let closed = false;
        while (index < length) {
          const char = text[index]!;
          if (char === '"') {
            if (text[index + 1] === '"') {
              field += '"';
              index += 2;
              continue;
            }
            index++;
            closed = true;
            break;
          }
          if (char === '\r' || char === '\n') {
            line++;
            if (char === '\r' && text[index + 1] === '\n') {
              field += '\r\n';
              index += 2;
              continue;
            }
          }
          field += char;
          index++;
        }
        if (!closed) {
          problems.add(`line ${openLine}`, `quoted field ${fields.length + 1} is never closed`);
          return rows;
        }
        const next = text[index];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          problems.add(`line ${line}`, `field ${fields.length + 1}: text after the closing quote (a quote inside a quoted field must be doubled)`);
          rowBroken = true;
          while (index < length && text[index] !== ',' && text[index] !== '\r' && text[index] !== '\n') index++;
        }
      } else {
        while (index < length) {
          const char = text[index]!;
          if (char === ',' || char === '\r' || char === '\n') break;
          if (char === '"' && !rowBroken) {
            problems.add(`line ${line}`, `field ${fields.length + 1}: a quote inside an unquoted field (quote the whole field and double the quote)`);
            rowBroken = true;
          }
          field += char;
          index++;
        }
      }
      fields.push(field);
      if (text[index] === ',') {
        index++;
        continue;
      }
      break;
    }
    if (text[index] === '\r') index += text[index + 1] === '\n' ? 2 : 1;
    else if (text[index] === '\n') index++;
    line++;
    rows.push({ line: startLine, fields });
  }
  return rows;
}

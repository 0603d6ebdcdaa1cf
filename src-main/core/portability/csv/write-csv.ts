/** RFC 4180: a field is quoted when it holds a comma, quote, CR or LF, a quote is doubled; CRLF ends records. */
export function csvField(value: string | null | undefined): string {
  const text = value ?? '';
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(fields: (string | null | undefined)[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/**
 * Several values in one cell (addresses, buckets, tags): separated by `; `, with `\` escaping a
 * literal `;` or `\` inside a value, so names containing semicolons survive a round trip.
 */
export function joinList(values: readonly string[]): string {
  return values.map((value) => value.replace(/[\\;]/g, (char) => `\\${char}`)).join('; ');
}

export function splitList(cell: string): string[] {
  const values: string[] = [];
  let current = '';
  for (let index = 0; index < cell.length; index++) {
    const char = cell[index]!;
    if (char === '\\' && index + 1 < cell.length) {
      current += cell[index + 1];
      index++;
    } else if (char === ';') {
      values.push(current);
      current = '';
    } else current += char;
  }
  values.push(current);
  return values.map((value) => value.trim()).filter((value) => value !== '');
}

/**
 * Names and notes can come from other people's mail headers. A spreadsheet opening the file would
 * run a cell starting with `=`, `@`, `+` or `-` as a formula ("CSV injection"), so such a cell gets
 * a leading `'` (spreadsheets show the text as is; Rapport's import takes the quote off again).
 * Phone numbers like `+44 20 7946 0000` are left alone.
 */
export function defuseFormula(text: string | null): string | null {
  if (text === null) return null;
  // A value that already starts with the guard quote keeps it through a round trip, too.
  if (/^'?[=@\t\r]/.test(text) || (/^'?[+-]/.test(text) && !/^[+-][\d\s().\-/]*$/.test(text))) return `'${text}`;
  return text;
}

/** Takes off the quote `defuseFormula` added. */
export function restoreFormula(text: string): string {
  return /^''?[=@+\-\t\r]/.test(text) ? text.slice(1) : text;
}

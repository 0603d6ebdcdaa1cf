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

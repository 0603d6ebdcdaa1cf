/**
 * vCard text values (RFC 6350 §3.4, same rules in RFC 2426 for 3.0): backslash, comma, semicolon
 * and newline are escaped with a backslash; list values are comma-separated and compound values
 * (N, ORG) semicolon-separated, each part escaped on its own.
 */
export function escapeText(value: string): string {
  return value.replace(/[\\,;]/g, (char) => `\\${char}`).replace(/\r\n|\r|\n/g, '\\n');
}

export function unescapeText(value: string): string {
  return value.replace(/\\(.)/gs, (_match, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

/** Splits on separators that are not escaped, leaving each part still escaped. */
export function splitEscaped(value: string, separator: ',' | ';'): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    if (char === '\\' && index + 1 < value.length) {
      current += char + value[index + 1];
      index++;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

const encoder = new TextEncoder();

/**
 * Folds a content line so no physical line exceeds 75 octets (RFC 6350 §3.2): each continuation
 * starts with one space. Never splits a UTF-8 sequence (or a surrogate pair) across lines.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

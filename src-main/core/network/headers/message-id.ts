const WHITESPACE = /\s+/g;

/**
 * The first message id in a Message-ID, In-Reply-To or References value, normalised, or null.
 *
 * The id is what stands between the first non-empty `<…>`; without brackets (broken mailers) the
 * first word outside comments. Whitespace inside is folding debris and is removed. The domain part
 * (after the last `@`) is lower-cased, since domains are case-insensitive; the local part keeps its
 * case, because RFC 5322 makes it significant and every copy of one message carries the same bytes.
 */
export function firstMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  let search = 0;
  for (;;) {
    const open = value.indexOf('<', search);
    if (open < 0) break;
    const close = value.indexOf('>', open + 1);
    const id = normaliseId(value.slice(open + 1, close < 0 ? value.length : close));
    if (id !== null) return id;
    if (close < 0) break;
    search = close + 1;
  }
  if (value.includes('<')) return null;
  const word = withoutComments(value).trim().split(WHITESPACE)[0];
  return word ? normaliseId(word) : null;
}

function normaliseId(raw: string): string | null {
  const id = raw.replace(WHITESPACE, '');
  if (id === '') return null;
  const at = id.lastIndexOf('@');
  return at < 0 ? id : id.slice(0, at + 1) + id.slice(at + 1).toLowerCase();
}

function withoutComments(value: string): string {
  if (!value.includes('(')) return value;
  let text = '';
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (depth > 0 && char === '\\') i++;
    else if (char === '(') depth++;
    else if (char === ')' && depth > 0) depth--;
    else if (depth === 0) text += char;
    if (char === '(' || char === ')') text += ' ';
  }
  return text;
}

import { Libmime } from 'libmime';

const mime = new Libmime();

/**
 * Decodes RFC 2047 encoded words with libmime, which joins adjacent words of one charset before
 * decoding (a multi-byte character split across two words survives), drops the whitespace between
 * adjacent words, knows the legacy charsets (ISO-8859-*, Windows-125x, Shift_JIS, ISO-2022-JP,
 * GB2312, KOI8-R…) and leaves malformed words as the text they were.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  try {
    return mime.decodeWords(value);
  } catch {
    return value;
  }
}

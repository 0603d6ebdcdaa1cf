import { decodeEncodedWords } from './decode-encoded-words.js';

const SPACE_RUN = /[\s\u0000-\u001f\u007f]+/g;

/** An unstructured field (Subject) as people read it: encoded words decoded, whitespace collapsed. */
export function decodeUnstructured(value: string): string {
  return decodeEncodedWords(value).replace(SPACE_RUN, ' ').trim();
}

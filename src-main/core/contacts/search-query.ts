/**
 * Turns what the user typed into an FTS5 query: every word becomes a quoted prefix term
 * (`jan do` → `"jan"* "do"*`, all required), so search works as they type and no input can be
 * read as FTS5 syntax. Words are split the way the index's unicode61 tokenizer splits them.
 * Returns null when nothing searchable is left.
 */
export function ftsPrefixQuery(input: string): string | null {
  const words = input
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  if (words.length === 0) return null;
  return words
    .slice(0, 16)
    .map((word) => `"${word}"*`)
    .join(' ');
}

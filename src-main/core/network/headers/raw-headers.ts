/**
 * The header fields of one message, names lower-cased, every occurrence kept in order so callers
 * choose their own policy for repeats (From: the first wins; To/Cc/Bcc: all are read).
 */
export class RawHeaders {
  constructor(
    private readonly fields: ReadonlyMap<string, readonly string[]>,
    /** Lines that were neither a header field nor a continuation: counted, never fatal. */
    readonly malformedLines = 0,
  ) {}

  static fromEntries(entries: Iterable<readonly [string, string]>): RawHeaders {
    const fields = new Map<string, string[]>();
    for (const [name, value] of entries) {
      const key = name.toLowerCase();
      const values = fields.get(key);
      if (values) values.push(value);
      else fields.set(key, [value]);
    }
    return new RawHeaders(fields);
  }

  first(name: string): string | undefined {
    return this.fields.get(name.toLowerCase())?.[0];
  }

  all(name: string): readonly string[] {
    return this.fields.get(name.toLowerCase()) ?? NONE;
  }

  has(name: string): boolean {
    return this.fields.has(name.toLowerCase());
  }

  names(): string[] {
    return [...this.fields.keys()];
  }
}

const NONE: readonly string[] = Object.freeze([]);

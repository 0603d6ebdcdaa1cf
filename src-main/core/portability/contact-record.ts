/**
 * One contact as read from a vCard or CSV file, before it is merged into the vault. `where`
 * says where it came from (`line 12`) for error messages and the skipped list.
 */
export interface ContactRecord {
  where: string;
  name: string | null;
  /** Normalised addresses, preferred first, no duplicates. */
  emails: string[];
  company: string | null;
  title: string | null;
  phone: string | null;
  notes: string | null;
  /** Bucket names (vCard CATEGORIES, CSV labels/groups/categories). */
  categories: string[];
  tags: string[];
}

/** The contacts a vCard or CSV export carries, gathered from the vault. */
export interface ExportedContact {
  name: string | null;
  /** Primary first. */
  emails: string[];
  company: string | null;
  title: string | null;
  phone: string | null;
  notes: string | null;
  buckets: string[];
  tags: string[];
}

/** Problems found while reading a file; the import stops before writing if there is any. */
export class ImportProblems {
  readonly items: string[] = [];

  add(where: string, message: string): void {
    this.items.push(`${where}: ${message}`);
  }

  get any(): boolean {
    return this.items.length > 0;
  }
}

export function emptyToNull(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** Joins name parts that are present: ("Ada", "", "Lovelace") → "Ada Lovelace". */
export function joinName(...parts: (string | null | undefined)[]): string | null {
  return emptyToNull(parts.map((part) => part?.trim() ?? '').filter((part) => part !== '').join(' '));
}

import type { VaultDatabase } from '../vault/encrypted-database.js';

/** The user's own addresses (DESIGN rule 1), read once per batch: the table holds a handful of rows. */
export function loadOwnAddresses(db: VaultDatabase): Set<string> {
  const rows = db.prepare('SELECT address FROM identities').pluck().all() as string[];
  return new Set(rows);
}

export interface IgnoreMatcher {
  (address: string): boolean;
  readonly isEmpty: boolean;
}

/**
 * The ignore list as a predicate. An address entry matches exactly; a domain entry matches the
 * domain and every subdomain (`acme.com` covers `mail.acme.com`), checked label by label so no
 * per-address scan of the list is needed.
 */
export function loadIgnoreMatcher(db: VaultDatabase): IgnoreMatcher {
  const rows = db.prepare('SELECT pattern, kind FROM ignores').all() as { pattern: string; kind: 'address' | 'domain' }[];
  return ignoreMatcherOf(rows);
}

export function ignoreMatcherOf(rows: readonly { pattern: string; kind: 'address' | 'domain' }[]): IgnoreMatcher {
  const addresses = new Set<string>();
  const domains = new Set<string>();
  for (const row of rows) (row.kind === 'domain' ? domains : addresses).add(row.pattern);
  const matches = (address: string): boolean => {
    if (addresses.has(address)) return true;
    if (domains.size === 0) return false;
    let domain = address.slice(address.lastIndexOf('@') + 1);
    for (;;) {
      if (domains.has(domain)) return true;
      const dot = domain.indexOf('.');
      if (dot < 0) return false;
      domain = domain.slice(dot + 1);
    }
  };
  return Object.assign(matches, { isEmpty: rows.length === 0 });
}

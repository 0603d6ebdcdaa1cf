import { createRequire } from 'node:module';
import { getDomainWithoutSuffix, getDomain } from 'tldts';

/** Free-mail hosts missing from the email-providers list that people commonly use. */
const EXTRA_FREE_MAIL = ['fastmail.com', 'fastmail.fm', 'pm.me', 'tuta.io', 'tutanota.com', 'hey.com', 'duck.com'];

let freeMail: ReadonlySet<string> | null = null;

/** The maintained list of free and disposable mail providers (email-providers), loaded once. */
function freeMailDomains(): ReadonlySet<string> {
  if (freeMail === null) {
    const list = createRequire(import.meta.url)('email-providers/all.json') as string[];
    freeMail = new Set([...list, ...EXTRA_FREE_MAIL]);
  }
  return freeMail;
}

export function isFreeMailDomain(domain: string): boolean {
  const set = freeMailDomains();
  if (set.has(domain)) return true;
  const registrable = getDomain(domain);
  return registrable !== null && set.has(registrable);
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/**
 * A company name guessed from an address: the registrable domain's label under the public
 * suffix (`jane@mail.acme.co.uk` → "Acme"), never for free-mail providers, where the domain says
 * nothing about the employer. Hyphens become spaces and each word gets a capital.
 */
export function companyFromAddress(address: string): string | null {
  const domain = domainOf(address);
  if (domain === '' || domain.startsWith('[') || isFreeMailDomain(domain)) return null;
  const label = getDomainWithoutSuffix(domain);
  if (label === null || label === '') return null;
  return label
    .split('-')
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** The first address (primary first) that tells a company. */
export function companyFromAddresses(addresses: readonly string[]): string | null {
  for (const address of addresses) {
    const company = companyFromAddress(address);
    if (company !== null) return company;
  }
  return null;
}

import { domainToASCII, domainToUnicode } from 'node:url';

const NON_ASCII = /[^\x00-\x7f]/;
// Label characters are kept permissive (underscores and the like do occur); only what can never be
// part of a domain is refused.
const DOMAIN_NAME = /^[^\s\x00-\x1f\x7f"<>(),;:\\[\]@.]+(?:\.[^\s\x00-\x1f\x7f"<>(),;:\\[\]@.]+)*$/;
const DOMAIN_LITERAL = /^\[[^\s\[\]\\]+\]$/;

/**
 * Lower-cases a domain and brings internationalised domains to one form, so `bücher.de`,
 * `BÜCHER.de` and `xn--bcher-kva.de` are one contact address. The chosen form is Unicode (what
 * people read), reached through UTS #46 processing (domainToASCII, then domainToUnicode), which
 * also folds full-width and other compatibility characters. A domain that fails IDNA processing is
 * kept lower-cased as written rather than dropped. Returns null when it cannot be a domain at all.
 */
export function normaliseDomain(domain: string): string | null {
  let lower = domain.toLowerCase();
  if (lower.endsWith('.')) lower = lower.slice(0, -1);
  if (lower.charCodeAt(0) === 0x5b) return DOMAIN_LITERAL.test(lower) ? lower : null;
  if (!DOMAIN_NAME.test(lower)) return null;
  if (!NON_ASCII.test(lower) && !lower.includes('xn--')) return lower;
  const ascii = domainToASCII(lower);
  const unicode = ascii ? domainToUnicode(ascii) : '';
  return unicode || lower.normalize('NFC');
}

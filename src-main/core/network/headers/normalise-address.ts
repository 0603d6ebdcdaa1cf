import { normaliseDomain } from './normalise-domain.js';

const NON_ASCII = /[^\x00-\x7f]/;
const UNQUOTED_LOCAL = /^[^\s\x00-\x1f\x7f"<>(),;:\\[\]@]+$/;
const QUOTED_LOCAL = /^"((?:[^"\\\s\x00-\x1f\x7f]|\\[^\s\x00-\x1f\x7f])+)"$/;
const QUOTED_PAIR = /\\(.)/g;
const GMAIL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

/**
 * The one spelling of an address that Rapport stores and compares (DESIGN rule 6).
 *
 * Whole address lower-cased: RFC 5321 lets local parts be case-sensitive, but no real mailbox
 * provider treats them so, and one person must not become two contacts. For gmail.com and
 * googlemail.com, dots and `+tags` are dropped and the domain becomes gmail.com. Angle brackets
 * and obsolete source routes (`<@relay:bob@x>`) are stripped; a quoted local part loses its quotes
 * when it needs none. Returns null for anything that is not a usable address: no `@`, empty local
 * part or domain, whitespace or control characters, specials outside quotes, a bad domain.
 */
export function normaliseAddress(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  let text = input.trim();
  if (text.charCodeAt(0) === 0x3c && text.charCodeAt(text.length - 1) === 0x3e) text = text.slice(1, -1).trim();
  if (text.charCodeAt(0) === 0x40) {
    const routeEnd = text.indexOf(':');
    if (routeEnd < 0) return null;
    text = text.slice(routeEnd + 1);
  }

  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return null;
  let local = localPart(text.slice(0, at));
  if (local === null) return null;
  const domain = normaliseDomain(text.slice(at + 1));
  if (domain === null) return null;

  local = local.toLowerCase();
  if (GMAIL_DOMAINS.has(domain)) return gmailAddress(local);
  const address = `${local}@${domain}`;
  return NON_ASCII.test(address) ? address.normalize('NFC') : address;
}

function localPart(raw: string): string | null {
  if (UNQUOTED_LOCAL.test(raw)) return raw;
  const quoted = QUOTED_LOCAL.exec(raw);
  if (quoted === null) return null;
  const inner = quoted[1]!.replace(QUOTED_PAIR, '$1');
  return UNQUOTED_LOCAL.test(inner) ? inner : raw;
}

function gmailAddress(local: string): string | null {
  const plus = local.indexOf('+');
  const user = (plus < 0 ? local : local.slice(0, plus)).replaceAll('.', '');
  if (user === '' || user.startsWith('"')) return null;
  return `${user}@gmail.com`;
}

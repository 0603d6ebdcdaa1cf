import type { ExportedContact } from '../contact-record.js';
import { escapeText, foldLine } from './vcard-text.js';

/**
 * One vCard 4.0 (RFC 6350) per contact, CRLF line ends, folded at 75 octets. FN is required, so a
 * contact without a name is named by its primary address. The primary address carries PREF=1;
 * buckets become CATEGORIES.
 */
export function writeVcard(contact: ExportedContact): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', 'KIND:individual', `FN:${escapeText(contact.name ?? contact.emails[0] ?? '')}`];
  contact.emails.forEach((email, index) => lines.push(index === 0 ? `EMAIL;PREF=1:${escapeText(email)}` : `EMAIL:${escapeText(email)}`));
  if (contact.company) lines.push(`ORG:${escapeText(contact.company)}`);
  if (contact.title) lines.push(`TITLE:${escapeText(contact.title)}`);
  if (contact.phone) lines.push(`TEL;VALUE=text:${escapeText(contact.phone)}`);
  if (contact.notes) lines.push(`NOTE:${escapeText(contact.notes)}`);
  if (contact.buckets.length > 0) lines.push(`CATEGORIES:${contact.buckets.map(escapeText).join(',')}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

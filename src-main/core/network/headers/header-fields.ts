/**
 * The header fields the sync asks for with `BODY.PEEK[HEADER.FIELDS (...)]` — the whole of what
 * Rapport ever reads from a mailbox. Every field here feeds a DESIGN rule:
 * addresses (rules 1–3, 6), Date (rule 7), Message-ID (rule 5), threading (thread key), and the
 * bulk/automated signals (rules 3–4).
 *
 * `X-Auto-Response-Suppress` is deliberately left out: rule 3 defines "personal" without it, and
 * Outlook sets it on ordinary personal replies too, so fetching it would pull data that no rule
 * uses ("pull only the minimum needed").
 */
export const HEADER_FIELDS = Object.freeze([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'date',
  'message-id',
  'in-reply-to',
  'references',
  'list-id',
  'list-unsubscribe',
  'precedence',
  'auto-submitted',
] as const);

export type HeaderField = (typeof HEADER_FIELDS)[number] | 'subject';

const WITH_SUBJECT: readonly HeaderField[] = Object.freeze([...HEADER_FIELDS, 'subject']);

/** Subjects are personal content, so they are fetched only when the user opted in to storing them. */
export function headerFieldsFor(options: { readonly storeSubjects: boolean }): readonly HeaderField[] {
  return options.storeSubjects ? WITH_SUBJECT : HEADER_FIELDS;
}

/**
 * A small mailbox written by hand, one message per rule of DESIGN.md, with the network it must
 * produce. The owner is me@example.com, with a declared alias and an undeclared old address that
 * only shows up as From in the Sent folder.
 */
import { buildMessage, writeMessage } from '../fixtures/mailbox-generator.js';

export const OWNER = 'me@example.com';
export const DECLARED_ALIAS = 'me.alias@example.com';
export const UNDECLARED_ALIAS = 'me.old@example.com';
export const BODY_CANARY = 'BODY-CANARY-7f3a';
export const SUBJECT_CANARY = 'SUBJECT-CANARY-91c2';

const day = (n: number) => new Date(Date.UTC(2025, 0, n, 9, 30));

interface Letter {
  folder: string;
  date?: Date | null;
  internalDate?: Date;
  from?: string | null;
  to?: string;
  cc?: string;
  bcc?: string;
  id?: string;
  headers?: Record<string, string>;
  flags?: string[];
  attachmentBytes?: number;
}

export const LETTERS: Letter[] = [
  // Rule 2: sent mail makes To, Cc and Bcc contacts.
  { folder: 'Sent', date: day(2), from: `Me <${OWNER}>`, to: 'Bob Stone <bob@example.net>', cc: 'Carol King <carol@example.net>', bcc: 'dan@example.net', id: 's1@example.com', flags: ['\\Seen'] },
  // Rule 1: every From of Sent is own, so this old address is too (and Gina, written to, is a contact).
  { folder: 'Sent', date: day(3), from: UNDECLARED_ALIAS, to: 'Gina Lopez <gina@example.net>', id: 's2@example.com', flags: ['\\Seen'] },
  // Rules 3 and 6: personal mail to me; an RFC 2047 name.
  { folder: 'INBOX', date: day(4), from: '=?UTF-8?B?Wm/Dqw==?= <zoe@example.net>', to: OWNER, id: 'i1@example.net', attachmentBytes: 200_000 },
  // Received through the undeclared address: received only because Sent taught it (order!).
  { folder: 'INBOX', date: day(5), from: 'Gina Lopez <gina@example.net>', to: UNDECLARED_ALIAS, id: 'i2@example.net' },
  // Rule 4: bulk and automated mail make nothing.
  { folder: 'INBOX', date: day(6), from: 'Shop <news@shop.example>', to: OWNER, id: 'i3@shop.example', headers: { 'List-Unsubscribe': '<mailto:unsubscribe@shop.example>' } },
  { folder: 'INBOX', date: day(7), from: 'noreply@service.example', to: OWNER, id: 'i4@service.example' },
  { folder: 'INBOX', date: day(8), from: 'Bob Stone <bob@example.net>', to: OWNER, id: 'i8@example.net', headers: { 'Auto-Submitted': 'auto-replied' } },
  // Rule 3: not addressed to me: no contact.
  { folder: 'INBOX', date: day(9), from: 'frank@example.net', to: 'team@example.net', id: 'i5@example.net' },
  // Rule 6: Gmail normalisation; received through the declared alias.
  { folder: 'INBOX', date: day(10), from: 'J Doe <J.Doe+news@googlemail.com>', to: DECLARED_ALIAS, id: 'i6@gmail.com' },
  // Rule 8: no From: malformed, skipped, counted.
  { folder: 'INBOX', date: day(11), from: null, to: OWNER, id: 'i7@example.net' },
  // Rule 7: no Date: INTERNALDATE is used.
  { folder: 'INBOX', date: null, internalDate: day(12), from: 'Bob Stone <bob@example.net>', to: OWNER, id: 'i9@example.net' },
  // Rule 7: a Date header more than a day after INTERNALDATE is not believed: INTERNALDATE is used.
  { folder: 'Archive', date: day(28), internalDate: day(14), from: 'Carol King <carol@example.net>', to: OWNER, id: 'a3@example.net' },
  // Rule 5: the same message in two folders counts once.
  { folder: 'Archive', date: day(4), from: '=?UTF-8?B?Wm/Dqw==?= <zoe@example.net>', to: OWNER, id: 'i1@example.net' },
  { folder: 'Archive', date: day(13), from: 'Carol King <carol@example.net>', to: OWNER, cc: 'bob@example.net', id: 'a2@example.net' },
  // Rule 0: Junk, Trash and Drafts are never read.
  { folder: 'Junk', date: day(14), from: 'spam@spam.example', to: OWNER, id: 'j1@spam.example' },
  { folder: 'Trash', date: day(15), from: 'trashy@example.net', to: OWNER, id: 't1@example.net' },
  { folder: 'Drafts', date: day(16), from: OWNER, to: 'draftee@example.net', id: 'd1@example.com', flags: ['\\Draft'] },
];

/** Read folders hold 14 header blocks: 13 messages (one malformed) plus one duplicate. */
export const READ_HEADER_BLOCKS = 14;

export function writeHandWrittenMailbox(maildir: string, letters: readonly Letter[] = LETTERS): void {
  for (const letter of letters) {
    const raw = buildMessage({
      from: letter.from === undefined ? OWNER : letter.from,
      to: letter.to ?? null,
      cc: letter.cc ?? null,
      bcc: letter.bcc ?? null,
      date: letter.date === undefined ? day(1) : letter.date,
      messageId: letter.id ?? null,
      subject: `Hello ${SUBJECT_CANARY}`,
      headers: letter.headers ?? {},
      body: `Private words ${BODY_CANARY}\n`,
      attachmentBytes: letter.attachmentBytes ?? 0,
    });
    writeMessage(maildir, letter.folder, raw, { flags: letter.flags ?? [], internalDate: letter.internalDate ?? letter.date ?? day(1) });
  }
}

const iso = (n: number) => day(n).toISOString();

/** `rapport contacts --json` for this mailbox, strength left out (it decays with time). */
export const EXPECTED_CONTACTS = [
  { name: 'Bob Stone', emails: ['bob@example.net'], sent: 1, received: 1, lastContacted: iso(2), lastHeardFrom: iso(12) },
  { name: 'Carol King', emails: ['carol@example.net'], sent: 1, received: 2, lastContacted: iso(2), lastHeardFrom: iso(14) },
  { name: null, emails: ['dan@example.net'], sent: 1, received: 0, lastContacted: iso(2), lastHeardFrom: null },
  { name: 'Gina Lopez', emails: ['gina@example.net'], sent: 1, received: 1, lastContacted: iso(3), lastHeardFrom: iso(5) },
  { name: 'J Doe', emails: ['jdoe@gmail.com'], sent: 0, received: 1, lastContacted: null, lastHeardFrom: iso(10) },
  { name: 'Zoë', emails: ['zoe@example.net'], sent: 0, received: 1, lastContacted: null, lastHeardFrom: iso(4) },
];

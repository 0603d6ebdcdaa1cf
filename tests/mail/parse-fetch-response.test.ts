/**
 * The header fetch fast path's parser, against imapflow's own reading of the same bytes (framed by
 * its ImapStream, parsed by its parser and formatMessageResponse): whatever it accepts must give
 * the row imapflow would, and everything else must come back null for imapflow to handle.
 */
import { describe, expect, it } from 'vitest';
import type { FetchMessageObject } from 'imapflow';
import { MAX_FAST_PAYLOAD, parseHeaderFetchResponse, type HeaderFetchRow } from '../../src-main/core/mail/reader/parse-fetch-response.js';
import { seededRandom } from '../fixtures/seeded-random.js';
import { frameOne, imapflowRow, type FramedResponse } from './imapflow-oracle.js';

const HEADERS = 'From: "Ann \u00e9" <ann@example.org>\r\nTo: bob@example.com\r\nDate: Mon, 8 Jan 2024 10:00:00 +0100\r\nX-Odd: ) {5}\r\n\r\n';
const literal = (text: string) => `{${Buffer.byteLength(text, 'utf8')}}\r\n${text}`;
const wire = (text: string) => Buffer.from(text, 'utf8');
const FIELDS = 'BODY[HEADER.FIELDS (FROM SENDER TO CC BCC DATE MESSAGE-ID IN-REPLY-TO REFERENCES LIST-ID)]';

/** What the sync reads of a row, in a form two rows compare by (NIL headers: imapflow says false, the fast path undefined). */
function comparable(row: HeaderFetchRow | FetchMessageObject) {
  const date = row.internalDate;
  return {
    uid: row.uid,
    internalDate: date instanceof Date ? date.getTime() : date,
    headers: row.headers ? row.headers.toString('hex') : null,
    threadId: row.threadId ?? null,
    flags: row.flags ? [...row.flags] : null,
    modseq: row.modseq ?? null,
  };
}

async function both(bytes: Buffer | string): Promise<{ fast: HeaderFetchRow | null; imapflow: FetchMessageObject | null; framed: FramedResponse }> {
  const framed = await frameOne(bytes);
  return { fast: parseHeaderFetchResponse(framed.payload, framed.literals), imapflow: await imapflowRow(framed), framed };
}

describe('parseHeaderFetchResponse: the shapes the sync asks for, read as imapflow reads them', () => {
  const accepted: Array<[string, string]> = [
    ['Dovecot: FLAGS, MODSEQ, literal last', `* 1 FETCH (UID 1 FLAGS (\\Seen \\Recent) INTERNALDATE "08-Jan-2022 11:01:02 +0000" MODSEQ (2) ${FIELDS} ${literal(HEADERS)})\r\n`],
    ['Gmail: ids first, quoted field names', `* 5 FETCH (X-GM-THRID 1278455344230334865 X-GM-MSGID 1278455344230334866 UID 42 FLAGS (\\Seen $Forwarded Junk) INTERNALDATE "01-Feb-2024 09:00:00 -0800" BODY[HEADER.FIELDS ("From" "To" "Date")] ${literal(HEADERS)})\r\n`],
    ['lower-case names', `* 3 fetch (uid 7 internaldate "29-feb-2024 23:59:59 +1400" body[header.fields (from to)] ${literal(HEADERS)} x-gm-thrid 18446744073709551615)\r\n`],
    ['literal first, items after it', `* 3 FETCH (${FIELDS} ${literal(HEADERS)} UID 9 INTERNALDATE "31-Dec-1999 00:00:00 -0000")\r\n`],
    ['space-padded day', `* 12 FETCH (UID 4294967295 INTERNALDATE " 1-Jan-2024 07:08:09 +0530" ${FIELDS} ${literal(HEADERS)})\r\n`],
    ['quoted value with escapes', `* 1 FETCH (UID 2 INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} "From: \\"A \\\\ B\\" <a@b.c>")\r\n`],
    ['empty quoted value', `* 1 FETCH (UID 2 INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} "")\r\n`],
    ['NIL value: no headers', `* 1 FETCH (UID 2 INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} NIL)\r\n`],
    ['nil value, lower case', `* 1 FETCH (UID 2 INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} nil)\r\n`],
    ['empty literal', `* 1 FETCH (UID 2 INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} {0}\r\n)\r\n`],
    ['<origin> after the section', `* 1 FETCH (UID 2 INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS}<0> ${literal(HEADERS)})\r\n`],
    ['bare LF after the literal marker', `* 1 FETCH (UID 2 INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} {9}\nFrom: a\r\n)\r\n`],
    ['OBJECTID: EMAILID and THREADID', `* 1 FETCH (UID 2 EMAILID (M6d99ac3275bb4e) THREADID (T64b478a75b7ea9) INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} ${literal(HEADERS)})\r\n`],
    ['THREADID NIL', `* 1 FETCH (UID 2 THREADID NIL INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} ${literal(HEADERS)})\r\n`],
    ['empty FLAGS, keywords', `* 1 FETCH (UID 2 FLAGS () INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} {1}\r\nx)\r\n`],
    ['flags of every kind', `* 1 FETCH (UID 2 FLAGS (\\Draft \\Answered $MDNSent NonJunk \\Seen \\Draft $label_1-x.y) INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} {1}\r\nx)\r\n`],
    ['largest MODSEQ', `* 1 FETCH (UID 2 MODSEQ (9223372036854775807) INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} {1}\r\nx)\r\n`],
    ['8-bit and NUL bytes inside the literal', `* 1 FETCH (UID 2 INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} {6}\r\n\u00ff\u0000"\\)\r)\r\n`],
  ];

  it.each(accepted)('%s', async (_name, text) => {
    const bytes = text.includes('\u00ff') ? Buffer.from(text, 'latin1') : wire(text);
    const { fast, imapflow, framed } = await both(bytes);
    expect(imapflow).not.toBeNull();
    expect(fast).not.toBeNull();
    expect(comparable(fast!)).toEqual(comparable(imapflow!));
    // A literal is handed over as the very Buffer imapflow would have returned.
    if (framed.literals.length) expect(fast!.headers).toBe(framed.literals[0]);
  });

  it('reads what the sync needs: headers, date, thread id, flags', async () => {
    const { fast } = await both(wire(accepted[1]![1]));
    expect(fast).toEqual({
      uid: 42,
      internalDate: new Date('2024-02-01T17:00:00Z'),
      headers: wire(HEADERS),
      threadId: '1278455344230334865',
      flags: new Set(['\\Seen', '$Forwarded', 'Junk']),
    });
  });
});

describe('parseHeaderFetchResponse: anything else is left to imapflow', () => {
  const date = 'INTERNALDATE "08-Jan-2022 11:01:02 +0000"';
  const rejected: Array<[string, string]> = [
    ['tagged completion', 'A5 OK Fetch completed.'],
    ['untagged status', '* OK [HIGHESTMODSEQ 4] Highest'],
    ['EXISTS', '* 3 EXISTS'],
    ['EXPUNGE', '* 3 EXPUNGE'],
    ['SEARCH', '* SEARCH 1 2 3'],
    ['flag update without UID', '* 3 FETCH (FLAGS (\\Seen))'],
    ['flag update with UID', '* 3 FETCH (UID 4 FLAGS (\\Seen) MODSEQ (5))'],
    ['no header section', `* 3 FETCH (UID 4 ${date})`],
    ['no INTERNALDATE', `* 3 FETCH (UID 4 ${FIELDS} NIL)`],
    ['no UID', `* 3 FETCH (${date} ${FIELDS} NIL)`],
    ['RFC822.SIZE', `* 3 FETCH (UID 4 RFC822.SIZE 100 ${date} ${FIELDS} NIL)`],
    ['ENVELOPE', `* 3 FETCH (UID 4 ENVELOPE NIL ${date} ${FIELDS} NIL)`],
    ['X-GM-LABELS', `* 3 FETCH (UID 4 X-GM-LABELS (\\Inbox) ${date} ${FIELDS} NIL)`],
    ['BODY[]', `* 3 FETCH (UID 4 ${date} BODY[] NIL)`],
    ['BODY[HEADER]', `* 3 FETCH (UID 4 ${date} BODY[HEADER] NIL)`],
    ['HEADER.FIELDS.NOT', `* 3 FETCH (UID 4 ${date} BODY[HEADER.FIELDS.NOT (FROM)] NIL)`],
    ['part header fields', `* 3 FETCH (UID 4 ${date} BODY[1.HEADER.FIELDS (FROM)] NIL)`],
    ['BINARY section', `* 3 FETCH (UID 4 ${date} BINARY[HEADER.FIELDS (FROM)] NIL)`],
    ['BODY.PEEK echoed', `* 3 FETCH (UID 4 ${date} BODY.PEEK[HEADER.FIELDS (FROM)] NIL)`],
    ['empty field list', `* 3 FETCH (UID 4 ${date} BODY[HEADER.FIELDS ()] NIL)`],
    ['field name with [', `* 3 FETCH (UID 4 ${date} BODY[HEADER.FIELDS (X[1])] NIL)`],
    ['no space before the field list', `* 3 FETCH (UID 4 ${date} BODY[HEADER.FIELDS(FROM)] NIL)`],
    ['two header sections', `* 3 FETCH (UID 4 ${date} ${FIELDS} NIL ${FIELDS} NIL)`],
    ['UID twice', `* 3 FETCH (UID 4 UID 4 ${date} ${FIELDS} NIL)`],
    ['double space', `* 3 FETCH (UID  4 ${date} ${FIELDS} NIL)`],
    ['space after (', `* 3 FETCH ( UID 4 ${date} ${FIELDS} NIL)`],
    ['space before )', `* 3 FETCH (UID 4 ${date} ${FIELDS} NIL )`],
    ['trailing bytes', `* 3 FETCH (UID 4 ${date} ${FIELDS} NIL) x`],
    ['empty list', '* 3 FETCH ()'],
    ['unclosed list', `* 3 FETCH (UID 4 ${date} ${FIELDS} NIL`],
    ['UID 0', `* 3 FETCH (UID 0 ${date} ${FIELDS} NIL)`],
    ['UID with a leading zero', `* 3 FETCH (UID 04 ${date} ${FIELDS} NIL)`],
    ['UID past 32 bits', `* 3 FETCH (UID 4294967296 ${date} ${FIELDS} NIL)`],
    ['message number 0', `* 0 FETCH (UID 4 ${date} ${FIELDS} NIL)`],
    ['quoted UID', `* 3 FETCH (UID "4" ${date} ${FIELDS} NIL)`],
    ['NIL UID', `* 3 FETCH (UID NIL ${date} ${FIELDS} NIL)`],
    ['NIL INTERNALDATE', `* 3 FETCH (UID 4 INTERNALDATE NIL ${FIELDS} NIL)`],
    ['unpadded day', `* 3 FETCH (UID 4 INTERNALDATE "8-Jan-2022 11:01:02 +0000" ${FIELDS} NIL)`],
    ['31 February', `* 3 FETCH (UID 4 INTERNALDATE "31-Feb-2022 11:01:02 +0000" ${FIELDS} NIL)`],
    ['29 February of a common year', `* 3 FETCH (UID 4 INTERNALDATE "29-Feb-2023 11:01:02 +0000" ${FIELDS} NIL)`],
    ['hour 24', `* 3 FETCH (UID 4 INTERNALDATE "08-Jan-2022 24:00:00 +0000" ${FIELDS} NIL)`],
    ['leap second', `* 3 FETCH (UID 4 INTERNALDATE "08-Jan-2022 23:59:60 +0000" ${FIELDS} NIL)`],
    ['zone minutes 99', `* 3 FETCH (UID 4 INTERNALDATE "08-Jan-2022 11:01:02 +0099" ${FIELDS} NIL)`],
    ['zone without sign', `* 3 FETCH (UID 4 INTERNALDATE "08-Jan-2022 11:01:02 0000" ${FIELDS} NIL)`],
    ['year 0050', `* 3 FETCH (UID 4 INTERNALDATE "08-Jan-0050 11:01:02 +0000" ${FIELDS} NIL)`],
    ['month name unknown', `* 3 FETCH (UID 4 INTERNALDATE "08-Jax-2022 11:01:02 +0000" ${FIELDS} NIL)`],
    ['date one byte short', `* 3 FETCH (UID 4 INTERNALDATE "08-Jan-2022 11:01:02 +000" ${FIELDS} NIL)`],
    ['quoted value with 8-bit bytes', `* 3 FETCH (UID 4 ${date} ${FIELDS} "From: \u00e9")`],
    ['quoted value with another escape', `* 3 FETCH (UID 4 ${date} ${FIELDS} "From: a\\nb")`],
    ['quoted value with a control byte', `* 3 FETCH (UID 4 ${date} ${FIELDS} "From: a\tb")`],
    ['unterminated quoted value', `* 3 FETCH (UID 4 ${date} ${FIELDS} "From: a)`],
    ['literal8', `* 3 FETCH (UID 4 ${date} ${FIELDS} ~{1}\r\nx)`],
    ['literal size with a leading zero', `* 3 FETCH (UID 4 ${date} ${FIELDS} {01}\r\nx)`],
    ['atom as value', `* 3 FETCH (UID 4 ${date} ${FIELDS} From)`],
    ['NIL inside FLAGS', `* 3 FETCH (UID 4 FLAGS (NIL) ${date} ${FIELDS} NIL)`],
    ['FLAGS NIL', `* 3 FETCH (UID 4 FLAGS NIL ${date} ${FIELDS} NIL)`],
    ['\\* in FLAGS', `* 3 FETCH (UID 4 FLAGS (\\*) ${date} ${FIELDS} NIL)`],
    ['two flags run together', `* 3 FETCH (UID 4 FLAGS (\\Seen\\Draft) ${date} ${FIELDS} NIL)`],
    ['8-bit flag', `* 3 FETCH (UID 4 FLAGS (caf\u00e9) ${date} ${FIELDS} NIL)`],
    ['digit flag with a colon', `* 3 FETCH (UID 4 FLAGS (12:30) ${date} ${FIELDS} NIL)`],
    ['MODSEQ without parentheses', `* 3 FETCH (UID 4 MODSEQ 5 ${date} ${FIELDS} NIL)`],
    ['MODSEQ of 20 digits', `* 3 FETCH (UID 4 MODSEQ (12345678901234567890) ${date} ${FIELDS} NIL)`],
    ['X-GM-THRID NIL', `* 3 FETCH (UID 4 X-GM-THRID NIL ${date} ${FIELDS} NIL)`],
    ['X-GM-THRID not a number', `* 3 FETCH (UID 4 X-GM-THRID 12a ${date} ${FIELDS} NIL)`],
    ['THREADID ()', `* 3 FETCH (UID 4 THREADID () ${date} ${FIELDS} NIL)`],
    ['EMAILID NIL', `* 3 FETCH (UID 4 EMAILID NIL ${date} ${FIELDS} NIL)`],
    ['origin with a leading zero', `* 3 FETCH (UID 4 ${date} ${FIELDS}<01> NIL)`],
  ];

  it.each(rejected)('%s', async (_name, text) => {
    const framed = await frameOne(wire(`${text}\r\n`));
    expect(parseHeaderFetchResponse(framed.payload, framed.literals)).toBeNull();
  });

  it('rejects payloads whose literals do not line up with their markers', () => {
    const payload = Buffer.from(`* 3 FETCH (UID 4 INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} {5}\r\n)`, 'latin1');
    expect(parseHeaderFetchResponse(payload, [Buffer.from('From:')])).not.toBeNull();
    expect(parseHeaderFetchResponse(payload, [])).toBeNull();
    expect(parseHeaderFetchResponse(payload, [Buffer.from('From')])).toBeNull();
    expect(parseHeaderFetchResponse(payload, [Buffer.from('From:'), Buffer.from('x')])).toBeNull();
  });

  it('rejects NUL-padded responses (imapflow strips the padding)', () => {
    const payload = Buffer.from(`\0\0* 3 FETCH (UID 4 INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} NIL)`, 'latin1');
    expect(parseHeaderFetchResponse(payload, [])).toBeNull();
  });

  it('does not read responses past its size cap', () => {
    const flags = Array.from({ length: MAX_FAST_PAYLOAD / 4 }, (_, i) => `$k${i}`).join(' ');
    const payload = Buffer.from(`* 3 FETCH (UID 4 FLAGS (${flags}) INTERNALDATE "08-Jan-2022 11:01:02 +0000" ${FIELDS} NIL)`, 'latin1');
    expect(payload.length).toBeGreaterThan(MAX_FAST_PAYLOAD);
    expect(parseHeaderFetchResponse(payload, [])).toBeNull();
    expect(parseHeaderFetchResponse(Buffer.alloc(0), [])).toBeNull();
  });
});

describe('parseHeaderFetchResponse: properties', () => {
  it('accepts only what imapflow reads the same way, for any truncation or mutation of a valid response (and never throws)', async () => {
    const random = seededRandom(20240108);
    const samples = [
      `* 1 FETCH (UID 1 FLAGS (\\Seen \\Recent) INTERNALDATE "08-Jan-2022 11:01:02 +0000" MODSEQ (2) ${FIELDS} ${literal('From: a\r\n')})\r\n`,
      `* 5 FETCH (X-GM-THRID 127 X-GM-MSGID 128 UID 42 FLAGS (\\Seen) INTERNALDATE " 1-Feb-2024 09:00:00 -0800" BODY[HEADER.FIELDS ("From" TO)]<0> "From: \\"x\\"")\r\n`,
      `* 7 FETCH (UID 9 THREADID (T1) EMAILID (M2) INTERNALDATE "29-Feb-2024 23:59:59 +1400" ${FIELDS} NIL)\r\n`,
    ];
    const alphabet = Buffer.from(' ()[]<>{}"\\*~-:+.,0123456789\r\nNILnilUIDFLAGS\u0000\u00ffTx', 'latin1');
    let compared = 0;
    let acceptedMutants = 0;
    for (let i = 0; i < 6000; i++) {
      const base = Buffer.from(samples[i % samples.length]!, 'latin1');
      const bytes = Buffer.from(base.subarray(0, base.length - 2)); // without the final CRLF
      const position = Math.floor(random() * bytes.length);
      const kind = Math.floor(random() * 4);
      const replacement = Buffer.from([alphabet[Math.floor(random() * alphabet.length)]!]);
      const mutated =
        kind === 0 ? bytes.subarray(0, position)
        : kind === 1 ? Buffer.concat([bytes.subarray(0, position), bytes.subarray(position + 1)])
        : kind === 2 ? Buffer.concat([bytes.subarray(0, position), replacement, bytes.subarray(position)])
        : Buffer.concat([bytes.subarray(0, position), replacement, bytes.subarray(position + 1)]);
      let framed: FramedResponse;
      try {
        framed = await frameOne(Buffer.concat([mutated, Buffer.from('\r\n')]));
      } catch {
        continue; // not one response any more (a literal marker now swallows the rest, say)
      }
      const fast = parseHeaderFetchResponse(framed.payload, framed.literals);
      if (fast === null) continue;
      acceptedMutants++;
      const imapflow = await imapflowRow(framed);
      expect(imapflow, JSON.stringify(mutated.toString('latin1'))).not.toBeNull();
      expect(comparable(fast), JSON.stringify(mutated.toString('latin1'))).toEqual(comparable(imapflow!));
      compared++;
    }
    // Some mutations stay valid (a digit for a digit, a flag's letter): they are compared too.
    expect(acceptedMutants).toBeGreaterThan(100);
    expect(compared).toBe(acceptedMutants);
  });

  it('reads INTERNALDATE as new Date() does, or not at all', () => {
    const random = seededRandom(42);
    const months = ['Jan', 'feb', 'MAR', 'aPr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const pad = (n: number) => String(n).padStart(2, '0');
    const pick = (n: number) => Math.floor(random() * n);
    let accepted = 0;
    for (let i = 0; i < 30000; i++) {
      const day = pick(34);
      const dayText = day < 10 && random() < 0.5 ? ` ${day}` : pad(day);
      const year = random() < 0.9 ? 1960 + pick(120) : pick(10000);
      const text = `${dayText}-${months[pick(12)]}-${String(year).padStart(4, '0')} ${pad(pick(26))}:${pad(pick(62))}:${pad(pick(62))} ${random() < 0.5 ? '+' : '-'}${pad(pick(26))}${pad(pick(62))}`;
      const payload = Buffer.from(`* 1 FETCH (UID 1 INTERNALDATE "${text}" ${FIELDS} NIL)`, 'latin1');
      const row = parseHeaderFetchResponse(payload, []);
      if (row === null) continue;
      accepted++;
      expect(row.internalDate.getTime(), text).toBe(new Date(text).getTime());
    }
    expect(accepted).toBeGreaterThan(10000);
  });

  it('reads every day of leap and common years, in every zone hour', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    for (const year of [1970, 2000, 2023, 2024, 2100]) {
      for (let month = 0; month < 12; month++) {
        const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
        for (let day = 1; day <= days; day++) {
          const zone = `${day % 2 ? '+' : '-'}${String(day % 24).padStart(2, '0')}${day % 4 ? '30' : '00'}`;
          const text = `${day < 10 ? ` ${day}` : day}-${months[month]}-${year} 12:34:56 ${zone}`;
          const row = parseHeaderFetchResponse(Buffer.from(`* 1 FETCH (UID 1 INTERNALDATE "${text}" ${FIELDS} NIL)`), []);
          expect(row?.internalDate.getTime(), text).toBe(new Date(text).getTime());
        }
      }
    }
  });
});

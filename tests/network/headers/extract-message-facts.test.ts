import { describe, expect, it } from 'vitest';
import { extractMessageFacts, type MalformedMessage, type MessageFacts } from '../../../src-main/core/network/headers/index.js';

const internalDate = new Date('2024-01-09T13:25:00Z');
const block = (...lines: string[]): Buffer => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
const facts = (raw: Buffer | string, options: Partial<Parameters<typeof extractMessageFacts>[1]> = {}): MessageFacts => {
  const result = extractMessageFacts(raw, { internalDate, storeSubjects: false, ...options });
  if (result.malformed) throw new Error(`unexpectedly malformed: ${result.reason}`);
  return result;
};

describe('extractMessageFacts', () => {
  it('extracts everything from a typical reply', () => {
    const result = facts(
      block(
        'From: =?utf-8?q?Jos=C3=A9?= Garc\u00eda <Jose.Garcia@Example.COM>',
        'To: "Doe, John" <john@example.org>, me@mine.example',
        'Cc: Team: a@x.com, b@y.com;',
        'Date: Tue, 9 Jan 2024 14:22:01 +0100 (CET)',
        'Message-ID: <CAF123@mail.example.com>',
        'In-Reply-To: <root@mine.example>',
        'References: <root@mine.example>',
        'Subject: =?utf-8?Q?Caf=C3=A9?= tomorrow',
      ),
    );
    expect(result).toMatchObject({
      malformed: false,
      date: new Date('2024-01-09T13:22:01Z'),
      dateSource: 'header',
      from: { address: 'jose.garcia@example.com', name: 'José García' },
      to: [
        { address: 'john@example.org', name: 'Doe, John' },
        { address: 'me@mine.example', name: null },
      ],
      cc: [
        { address: 'a@x.com', name: null },
        { address: 'b@y.com', name: null },
      ],
      bcc: [],
      bulk: null,
      malformedAddresses: 0,
    });
    expect(result.key).toMatch(/^[0-9a-f]{64}$/);
    expect(result.threadKey).toMatch(/^[0-9a-f]{64}$/);
    expect(result).not.toHaveProperty('subject');
    expect(result.sender).toBeUndefined();
  });

  it('stores the subject only when the user turned it on', () => {
    const raw = block('From: a@x.com', 'Subject: =?utf-8?Q?Caf=C3=A9?=\r\n =?utf-8?Q?_tomorrow?=', 'Date: Tue, 9 Jan 2024 14:22:01 +0100');
    expect(facts(raw, { storeSubjects: true }).subject).toBe('Café tomorrow');
    expect(facts(raw, { storeSubjects: false })).not.toHaveProperty('subject');
    expect(facts(block('From: a@x.com'), { storeSubjects: true })).not.toHaveProperty('subject');
  });

  it('does not let the subject setting change the message key', () => {
    const raw = block('From: a@x.com', 'To: b@y.com', 'Subject: hello', 'Date: Tue, 9 Jan 2024 14:22:01 +0100');
    expect(facts(raw, { storeSubjects: true }).key).toBe(facts(raw, { storeSubjects: false }).key);
  });

  it('gives the same key and thread key to the same message in different folders', () => {
    const raw = block('From: a@x.com', 'To: b@y.com', 'Message-ID: <same@x.com>', 'Date: Tue, 9 Jan 2024 14:22:01 +0100');
    const inbox = facts(raw, { internalDate: new Date('2024-01-09T13:23:00Z') });
    const allMail = facts(raw, { internalDate: new Date('2024-01-09T13:30:00Z') });
    expect(inbox.key).toBe(allMail.key);
    expect(inbox.threadKey).toBe(allMail.threadKey);
  });

  it('uses the Gmail thread id for the thread key', () => {
    const raw = block('From: a@x.com', 'Message-ID: <m@x.com>', 'References: <root@x.com>');
    expect(facts(raw, { gmailThreadId: '1787263419520984213' }).threadKey).not.toBe(facts(raw).threadKey);
  });

  it('lets the first From win and reports Sender', () => {
    const result = facts(block('From: First <first@x.com>, second@x.com', 'From: third@x.com', 'Sender: Assistant <assistant@x.com>'));
    expect(result.from).toEqual({ address: 'first@x.com', name: 'First' });
    expect(result.sender).toEqual({ address: 'assistant@x.com', name: 'Assistant' });
  });

  it('reads every To/Cc/Bcc occurrence and lists each address once per field', () => {
    const result = facts(block('From: a@x.com', 'To: b@y.com', 'To: Bob <B@Y.com>, c@z.com', 'Bcc: d@w.com, D <d@w.com>'));
    expect(result.to).toEqual([
      { address: 'b@y.com', name: 'Bob' },
      { address: 'c@z.com', name: null },
    ]);
    expect(result.bcc).toEqual([{ address: 'd@w.com', name: 'D' }]);
  });

  it('normalises Gmail addresses', () => {
    const result = facts(block('From: John <John.Doe+work@googlemail.com>', 'To: jane.roe@gmail.com'));
    expect(result.from.address).toBe('johndoe@gmail.com');
    expect(result.to[0]?.address).toBe('janeroe@gmail.com');
  });

  it('never turns an address into a name', () => {
    expect(facts(block('From: "bob@x.com" <bob@x.com>')).from).toEqual({ address: 'bob@x.com', name: null });
  });

  it('counts malformed recipients without failing the message', () => {
    const result = facts(block('From: a@x.com', 'To: John Smith, ok@y.com, broken@', 'Cc: <>', 'Sender: nobody'));
    expect(result.to).toEqual([{ address: 'ok@y.com', name: null }]);
    expect(result.cc).toEqual([]);
    expect(result.malformedAddresses).toBe(4);
  });

  it('decodes 8-bit names: UTF-8 or Windows-1252 per header', () => {
    const raw = Buffer.concat([
      Buffer.from('From: J\u00fcrgen M\u00fcller <j@x.de>\r\nTo: ', 'utf8'),
      Buffer.from([0x46, 0x72, 0x61, 0x6e, 0xe7, 0x6f, 0x69, 0x73]),
      Buffer.from(' <f@x.fr>\r\n\r\n', 'latin1'),
    ]);
    const result = facts(raw);
    expect(result.from.name).toBe('Jürgen Müller');
    expect(result.to[0]?.name).toBe('François');
  });

  it('decodes legacy charsets in names', () => {
    const result = facts(
      block('From: =?Shift_JIS?B?k/qWe4zq?= <nihon@x.jp>', 'To: =?ISO-8859-1?Q?Andr=E9?= <andre@x.fr>, =?windows-1252?Q?=93Bob=94?= <bob@x.com>'),
    );
    expect(result.from.name).toBe('日本語');
    expect(result.to.map((entry) => entry.name)).toEqual(['André', 'Bob']);
  });

  describe('dates', () => {
    it('falls back to INTERNALDATE when Date is missing', () => {
      expect(facts(block('From: a@x.com'))).toMatchObject({ date: internalDate, dateSource: 'internal' });
    });

    it('falls back when Date is more than a day in the future', () => {
      expect(facts(block('From: a@x.com', 'Date: Thu, 11 Jan 2024 14:00:00 +0000'))).toMatchObject({ date: internalDate, dateSource: 'internal' });
    });

    it('keeps a Date two hours ahead of arrival', () => {
      expect(facts(block('From: a@x.com', 'Date: Tue, 9 Jan 2024 15:25:00 +0000'))).toMatchObject({
        date: new Date('2024-01-09T15:25:00Z'),
        dateSource: 'header',
      });
    });

    it('falls back when Date is unparseable', () => {
      expect(facts(block('From: a@x.com', 'Date: sometime last week')).dateSource).toBe('internal');
    });
  });

  describe('bulk', () => {
    it.each([
      ['List-Id: <dev.lists.example.org>', 'list'],
      ['List-Unsubscribe: <https://x.example/u>', 'list'],
      ['Precedence: Bulk', 'bulk-precedence'],
      ['Auto-Submitted: auto-replied', 'auto-submitted'],
      ['Auto-Submitted: no', null],
    ])('%s → %s', (line, expected) => {
      expect(facts(block('From: alice@x.com', 'To: me@mine.example', line)).bulk).toBe(expected);
    });

    it('flags bounces from mailer-daemon', () => {
      expect(facts(block('From: Mail Delivery System <MAILER-DAEMON@mx.example.com>', 'To: me@mine.example')).bulk).toBe('noreply-sender');
    });
  });

  describe('malformed messages', () => {
    const malformed = (raw: Buffer | string, options: Partial<Parameters<typeof extractMessageFacts>[1]> = {}): MalformedMessage =>
      extractMessageFacts(raw, { internalDate, storeSubjects: false, ...options }) as MalformedMessage;

    it('reports a message without a usable From', () => {
      expect(malformed(block('To: b@y.com'))).toEqual({ malformed: true, reason: 'no-from' });
      expect(malformed(block('From: Nobody', 'To: b@y.com'))).toEqual({ malformed: true, reason: 'no-from' });
      expect(malformed(block('From: <>'))).toEqual({ malformed: true, reason: 'no-from' });
      expect(malformed(block('From: undisclosed-recipients:;'))).toEqual({ malformed: true, reason: 'no-from' });
      expect(malformed('')).toEqual({ malformed: true, reason: 'no-from' });
    });

    it('reports a message with no date at all', () => {
      expect(malformed(block('From: a@x.com'), { internalDate: new Date(Number.NaN) })).toEqual({ malformed: true, reason: 'no-date' });
    });

    it('reports unreadable input instead of throwing', () => {
      expect(extractMessageFacts(42 as unknown as Buffer, { internalDate, storeSubjects: false })).toEqual({ malformed: true, reason: 'unreadable' });
      expect(extractMessageFacts(block('From: a@x.com'), null as unknown as Parameters<typeof extractMessageFacts>[1])).toEqual({
        malformed: true,
        reason: 'unreadable',
      });
    });

    it('never throws on random bytes', () => {
      let seed = 7;
      const random = (): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed;
      };
      const pieces = ['From: ', 'To: ', 'Cc: ', 'Date: ', 'Message-ID: ', 'References: ', '<', '>', '@', '"', '=?utf-8?B?', '?=', ',', ';', ':', '(', ')', '\\', '\r\n', ' ', 'a', 'x.com'];
      for (let run = 0; run < 500; run++) {
        const parts: (string | Buffer)[] = [];
        for (let i = random() % 60; i > 0; i--) parts.push(random() % 5 === 0 ? Buffer.from([random() % 256]) : pieces[random() % pieces.length]!);
        const raw = Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
        expect(() => extractMessageFacts(raw, { internalDate, storeSubjects: true })).not.toThrow();
      }
    });
  });
});

import { describe, expect, it } from 'vitest';
import { parseHeaderBlock, RawHeaders } from '../../../src-main/core/network/headers/index.js';

describe('parseHeaderBlock', () => {
  it('reads CRLF headers with case-insensitive names and stops at the blank line', () => {
    const headers = parseHeaderBlock('FROM: a@x.com\r\nTo: b@y.com\r\nmessage-ID: <id@x>\r\n\r\nBody: not a header\r\n');
    expect(headers.first('from')).toBe('a@x.com');
    expect(headers.first('From')).toBe('a@x.com');
    expect(headers.first('message-id')).toBe('<id@x>');
    expect(headers.has('body')).toBe(false);
    expect(headers.names()).toEqual(['from', 'to', 'message-id']);
    expect(headers.malformedLines).toBe(0);
  });

  it('names every field in lower case, the fields the sync asks for and any other', () => {
    const headers = parseHeaderBlock('LIST-UNSUBSCRIBE: <a>\r\nIn-Reply-To: <b>\r\nX-Mailer-Ünï: c\r\nX-Custom-FIELD: d\r\nSubJect: e\r\nFro: f\r\n\r\n');
    expect(headers.names()).toEqual(['list-unsubscribe', 'in-reply-to', 'x-custom-field', 'subject', 'fro']);
    expect(headers.malformedLines).toBe(1); // a field name with 8-bit bytes is no field name
  });

  it('cuts the same surrounding whitespace as String.prototype.trim(), non-ASCII spaces included', () => {
    const headers = parseHeaderBlock(Buffer.from('To: \t a@x.com \t\r\nFrom:\u00a0 Jane <j@x.com>\u00a0\r\nCc:\u2003\r\nDate:\v\f Mon, 1 Jan 2024 \f\r\n\r\n', 'utf8'));
    expect(headers.first('to')).toBe('a@x.com');
    expect(headers.first('from')).toBe('Jane <j@x.com>');
    expect(headers.first('cc')).toBe('');
    expect(headers.first('date')).toBe('Mon, 1 Jan 2024');
  });

  it('unfolds continuation lines, keeping the whitespace after the break', () => {
    const headers = parseHeaderBlock('To: a@x.com,\r\n b@y.com,\r\n\tc@z.com\r\nSubject: one\r\n  two\r\n');
    expect(headers.first('to')).toBe('a@x.com, b@y.com,\tc@z.com');
    expect(headers.first('subject')).toBe('one  two');
  });

  it('tolerates bare LF, mixed line endings and a missing final newline', () => {
    const headers = parseHeaderBlock('From: a@x.com\nTo: b@y.com,\n c@z.com\r\nCc: d@w.com');
    expect(headers.first('from')).toBe('a@x.com');
    expect(headers.first('to')).toBe('b@y.com, c@z.com');
    expect(headers.first('cc')).toBe('d@w.com');
  });

  it('keeps repeated headers in order (first From wins for callers)', () => {
    const headers = parseHeaderBlock('From: first@x.com\r\nTo: a@x.com\r\nFrom: second@x.com\r\nTo: b@x.com\r\n');
    expect(headers.first('from')).toBe('first@x.com');
    expect(headers.all('from')).toEqual(['first@x.com', 'second@x.com']);
    expect(headers.all('to')).toEqual(['a@x.com', 'b@x.com']);
    expect(headers.all('cc')).toEqual([]);
  });

  it('counts garbage lines and skips them, never throwing', () => {
    const headers = parseHeaderBlock(
      'From bob@x.com Mon Jan  1 00:00:00 2024\r\n   leading continuation\r\nFrom: a@x.com\r\nthis line has no colon\r\n: no name\r\nBad Name: x\r\nTo: b@y.com\r\n',
    );
    expect(headers.first('from')).toBe('a@x.com');
    expect(headers.first('to')).toBe('b@y.com');
    expect(headers.malformedLines).toBe(5);
  });

  it('does not fold a continuation into a header after a garbage line', () => {
    const headers = parseHeaderBlock('To: a@x.com\r\ngarbage\r\n b@y.com\r\n');
    expect(headers.first('to')).toBe('a@x.com');
    expect(headers.malformedLines).toBe(2);
  });

  it('accepts the obsolete space before the colon and empty values', () => {
    const headers = parseHeaderBlock('Subject : hi\r\nList-Id:\r\n');
    expect(headers.first('subject')).toBe('hi');
    expect(headers.has('list-id')).toBe(true);
    expect(headers.first('list-id')).toBe('');
  });

  it('skips blank lines before the block (an empty server answer is just CRLF)', () => {
    expect(parseHeaderBlock('\r\n\r\nFrom: a@x.com\r\n').first('from')).toBe('a@x.com');
    expect(parseHeaderBlock('\r\n').names()).toEqual([]);
    expect(parseHeaderBlock('').names()).toEqual([]);
    expect(parseHeaderBlock(Buffer.alloc(0)).names()).toEqual([]);
  });

  it('decodes raw 8-bit UTF-8 values', () => {
    const headers = parseHeaderBlock(Buffer.from('From: Jürgen Müller <j@x.de>\r\nTo: 山田太郎 <t@x.jp>\r\n', 'utf8'));
    expect(headers.first('from')).toBe('Jürgen Müller <j@x.de>');
    expect(headers.first('to')).toBe('山田太郎 <t@x.jp>');
  });

  it('falls back to Latin-1 / Windows-1252 per value, so one bad header does not spoil the next', () => {
    const block = Buffer.concat([
      Buffer.from('From: J', 'latin1'),
      Buffer.from([0xfc]),
      Buffer.from('rgen <j@x.de>\r\nTo: ', 'latin1'),
      Buffer.from('Zoë <z@x.com>', 'utf8'),
      Buffer.from('\r\nCc: ', 'latin1'),
      Buffer.from([0x93]),
      Buffer.from('Bob', 'latin1'),
      Buffer.from([0x94, 0x20, 0x80]),
      Buffer.from(' <b@x.com>\r\n', 'latin1'),
    ]);
    const headers = parseHeaderBlock(block);
    expect(headers.first('from')).toBe('Jürgen <j@x.de>');
    expect(headers.first('to')).toBe('Zoë <z@x.com>');
    expect(headers.first('cc')).toBe('\u201cBob\u201d \u20ac <b@x.com>');
  });

  it('accepts a plain Uint8Array', () => {
    const bytes = new Uint8Array(Buffer.from('xx From: a@x.com\r\n')).subarray(3);
    expect(parseHeaderBlock(bytes).first('from')).toBe('a@x.com');
  });

  it('keeps an encoded word split across a fold intact for later decoding', () => {
    const headers = parseHeaderBlock('From: =?utf-8?Q?Jos?=\r\n =?utf-8?Q?=C3=A9?= <j@x.com>\r\n');
    expect(headers.first('from')).toBe('=?utf-8?Q?Jos?= =?utf-8?Q?=C3=A9?= <j@x.com>');
  });

  it('survives arbitrary bytes', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let run = 0; run < 300; run++) {
      const bytes = Buffer.alloc(random() % 400);
      for (let i = 0; i < bytes.length; i++) bytes[i] = random() % 4 === 0 ? [0x0d, 0x0a, 0x3a, 0x20][random() % 4]! : random() % 256;
      expect(() => parseHeaderBlock(bytes)).not.toThrow();
    }
  });
});

describe('RawHeaders.fromEntries', () => {
  it('builds headers from name/value pairs, names case-insensitive', () => {
    const headers = RawHeaders.fromEntries([
      ['List-Id', '<x.example>'],
      ['TO', 'a@x.com'],
      ['to', 'b@x.com'],
    ]);
    expect(headers.first('list-id')).toBe('<x.example>');
    expect(headers.all('To')).toEqual(['a@x.com', 'b@x.com']);
  });
});

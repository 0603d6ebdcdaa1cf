import { describe, expect, it } from 'vitest';
import { decodeDisplayName } from '../../../src-main/core/network/headers/index.js';

describe('decodeDisplayName', () => {
  it.each([
    ['=?utf-8?q?Jos=C3=A9?=', 'José'],
    ['=?UTF-8?B?Sm9zw6kgR2FyY8OtYQ==?=', 'José García'],
    ['=?ISO-8859-1?Q?Andr=E9?= Pirard', 'André Pirard'],
    ['=?iso-8859-1?q?J=FCrgen_M=FCller?=', 'Jürgen Müller'],
    ['=?windows-1252?Q?=93Bob=94_O=92Neil?=', '\u201cBob\u201d O\u2019Neil'],
    ['=?Shift_JIS?B?k/qWe4zq?=', '日本語'],
    ['=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=', '日本語'],
    ['=?gb2312?B?1tDOxA==?=', '中文'],
    ['=?koi8-r?B?8NLJ18XU?=', 'Привет'],
    ['=?utf-8*en?Q?Hello?=', 'Hello'],
  ])('decodes %s', (raw, expected) => {
    expect(decodeDisplayName(raw)).toBe(expected);
  });

  it('joins adjacent encoded words without the whitespace between them', () => {
    expect(decodeDisplayName('=?utf-8?Q?Jos?= =?utf-8?Q?=C3=A9?=')).toBe('José');
    expect(decodeDisplayName('=?utf-8?Q?Jos?=\r\n\t=?utf-8?Q?=C3=A9?=')).toBe('José');
    // a multi-byte character split across two base64 words
    expect(decodeDisplayName('=?utf-8?B?SsO=?= =?utf-8?B?qQ==?=')).toBe('Jé');
    // ...but keeps the space between an encoded word and plain text
    expect(decodeDisplayName('=?utf-8?Q?Jos=C3=A9?= Garcia')).toBe('José Garcia');
  });

  it('leaves malformed encoded words as text', () => {
    expect(decodeDisplayName('=?utf-8?Q?unterminated')).toBe('=?utf-8?Q?unterminated');
    expect(decodeDisplayName('=?utf-8?X?bad-encoding?=')).toBe('=?utf-8?X?bad-encoding?=');
    expect(decodeDisplayName('Price =? 10')).toBe('Price =? 10');
  });

  it('never fails on an unknown charset or broken base64', () => {
    expect(() => decodeDisplayName('=?x-unknown?Q?abc?=')).not.toThrow();
    expect(() => decodeDisplayName('=?utf-8?B?!!!!?=')).not.toThrow();
  });

  it('decodes encoded words inside quotes, as real mailers send them', () => {
    expect(decodeDisplayName('"=?utf-8?Q?Jos=C3=A9?="')).toBe('José');
  });

  it('strips surrounding quotes and unescapes quoted pairs', () => {
    expect(decodeDisplayName('"Doe, John"')).toBe('Doe, John');
    expect(decodeDisplayName('"John \\"JJ\\" Doe"')).toBe('John "JJ" Doe');
    expect(decodeDisplayName("'Bob Smith'")).toBe('Bob Smith');
    expect(decodeDisplayName('"\'Bob Smith\'"')).toBe('Bob Smith');
    expect(decodeDisplayName('\u201cBob\u201d')).toBe('Bob');
  });

  it('strips only quotes that enclose the whole name', () => {
    expect(decodeDisplayName('"Bob" and "Al"')).toBe('"Bob" and "Al"');
    expect(decodeDisplayName("'Rock 'n' Roll'")).toBe("'Rock 'n' Roll'");
    expect(decodeDisplayName('"unterminated')).toBe('"unterminated');
  });

  it('keeps backslashes outside quotes (Windows account names)', () => {
    expect(decodeDisplayName('CORP\\jsmith')).toBe('CORP\\jsmith');
  });

  it('keeps raw UTF-8 names and collapses whitespace and control characters', () => {
    expect(decodeDisplayName('  Jürgen \t  Müller ')).toBe('Jürgen Müller');
    expect(decodeDisplayName('Bob\u0000\u0007 Smith\u200b')).toBe('Bob Smith');
    expect(decodeDisplayName('Bob\r\n Smith')).toBe('Bob Smith');
  });

  it('yields null for empty, punctuation-only and address-like names', () => {
    for (const raw of [undefined, null, '', '   ', '""', "''", '" "', '.', '-- ', '=?utf-8?Q??=']) expect(decodeDisplayName(raw)).toBeNull();
    expect(decodeDisplayName('bob@x.com')).toBeNull();
    expect(decodeDisplayName('"bob@x.com"')).toBeNull();
    expect(decodeDisplayName("'bob@x.com'")).toBeNull();
    expect(decodeDisplayName('<bob@x.com>')).toBeNull();
    expect(decodeDisplayName('mailto:bob@x.com')).toBeNull();
    expect(decodeDisplayName('=?utf-8?Q?bob=40x.com?=')).toBeNull();
  });

  it('yields null when the name equals the address, whatever the case', () => {
    expect(decodeDisplayName('BOB', 'bob')).toBeNull();
    expect(decodeDisplayName('Bob', 'bob@x.com')).toBe('Bob');
  });

  it('keeps a name that merely mentions an address', () => {
    expect(decodeDisplayName('Bob Smith (bob@x.com)')).toBe('Bob Smith (bob@x.com)');
    expect(decodeDisplayName('bob@x.com via LinkedIn')).toBe('bob@x.com via LinkedIn');
  });
});

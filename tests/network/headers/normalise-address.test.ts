import { describe, expect, it } from 'vitest';
import { normaliseAddress, normaliseDomain } from '../../../src-main/core/network/headers/index.js';

describe('normaliseAddress', () => {
  it.each([
    ['Bob@Example.COM', 'bob@example.com'],
    ['  <Bob@Example.com>  ', 'bob@example.com'],
    ['< bob@example.com >', 'bob@example.com'],
    ['bob.smith+news@example.com', 'bob.smith+news@example.com'],
    ['bob@example.com.', 'bob@example.com'],
    ['@relay1.net,@relay2.net:bob@example.com', 'bob@example.com'],
    ['"bob"@example.com', 'bob@example.com'],
    ['"a@b"@example.com', '"a@b"@example.com'],
    ['user@[192.168.0.1]', 'user@[192.168.0.1]'],
    ['user@[IPv6:2001:DB8::1]', 'user@[ipv6:2001:db8::1]'],
    ['root@localhost', 'root@localhost'],
    ['taro..@docomo.ne.jp', 'taro..@docomo.ne.jp'],
    ['JÜRGEN@Example.de', 'jürgen@example.de'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseAddress(input)).toBe(expected);
  });

  it('drops dots and +tags for Gmail and maps googlemail.com to gmail.com', () => {
    expect(normaliseAddress('John.Doe+Newsletters@Gmail.com')).toBe('johndoe@gmail.com');
    expect(normaliseAddress('j.o.h.n.doe@googlemail.com')).toBe('johndoe@gmail.com');
    expect(normaliseAddress('johndoe@GOOGLEMAIL.COM')).toBe('johndoe@gmail.com');
    expect(normaliseAddress('john.doe+a+b@gmail.com.')).toBe('johndoe@gmail.com');
    // other providers keep dots and tags: they may mean different mailboxes there
    expect(normaliseAddress('john.doe+tag@outlook.com')).toBe('john.doe+tag@outlook.com');
    expect(normaliseAddress('john.doe@gmail.com.evil.net')).toBe('john.doe@gmail.com.evil.net');
  });

  it('returns null for a Gmail address that is only dots or a tag', () => {
    expect(normaliseAddress('+tag@gmail.com')).toBeNull();
    expect(normaliseAddress('...@gmail.com')).toBeNull();
  });

  it('normalises internationalised domains to Unicode, one form for both spellings', () => {
    expect(normaliseAddress('info@xn--bcher-kva.de')).toBe('info@bücher.de');
    expect(normaliseAddress('info@BÜCHER.de')).toBe('info@bücher.de');
    expect(normaliseAddress('info@ｂüｃｈｅｒ.de')).toBe('info@bücher.de');
    expect(normaliseAddress('info@XN--BCHER-KVA.DE')).toBe('info@bücher.de');
    // a broken punycode label is kept as written rather than losing the person
    expect(normaliseAddress('info@xn--zz.com')).toBe('info@xn--zz.com');
  });

  it.each([
    [''],
    ['   '],
    ['bob'],
    ['bob@'],
    ['@example.com'],
    ['<>'],
    ['bob smith@example.com'],
    ['bob@exa mple.com'],
    ['bob@@example.com'],
    ['a@b@example.com'],
    ['bob@example..com'],
    ['bob@.example.com'],
    ['bob,jim@example.com'],
    ['bob@example.com>'],
    ['"bob smith"@example.com'],
    ['bob\u0000@example.com'],
    ['/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=BOB'],
    ['@relay.net'],
  ])('rejects %j', (input) => {
    expect(normaliseAddress(input)).toBeNull();
  });

  it('rejects non-strings without throwing', () => {
    expect(normaliseAddress(undefined)).toBeNull();
    expect(normaliseAddress(null)).toBeNull();
    expect(normaliseAddress(42 as unknown as string)).toBeNull();
  });
});

describe('normaliseDomain', () => {
  it('lower-cases and strips the root dot', () => {
    expect(normaliseDomain('Example.COM.')).toBe('example.com');
  });
  it('rejects what cannot be a domain', () => {
    expect(normaliseDomain('')).toBeNull();
    expect(normaliseDomain('a..b')).toBeNull();
    expect(normaliseDomain('[unclosed')).toBeNull();
  });
});

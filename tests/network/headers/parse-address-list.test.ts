import addressparser from 'nodemailer/lib/addressparser';
import { describe, expect, it } from 'vitest';
import { normaliseAddress, parseAddressList } from '../../../src-main/core/network/headers/index.js';
import { cleanDisplayName } from '../../../src-main/core/network/headers/decode-display-name.js';
import { scanSimpleAddressList } from '../../../src-main/core/network/headers/scan-simple-address-list.js';

describe('parseAddressList', () => {
  it('reads the everyday forms', () => {
    expect(parseAddressList('Bob Smith <Bob@Example.com>, carol@example.org, <dave@example.net>')).toEqual({
      addresses: [
        { address: 'bob@example.com', name: 'Bob Smith' },
        { address: 'carol@example.org', name: null },
        { address: 'dave@example.net', name: null },
      ],
      malformed: 0,
    });
  });

  it('keeps commas and at-signs inside quoted names', () => {
    expect(parseAddressList('"Doe, John" <john@x.com>, "Smith, Jane (Sales)" <jane@x.com>').addresses).toEqual([
      { address: 'john@x.com', name: 'Doe, John' },
      { address: 'jane@x.com', name: 'Smith, Jane (Sales)' },
    ]);
    expect(parseAddressList('"Support @ ACME" <help@acme.example>').addresses).toEqual([{ address: 'help@acme.example', name: 'Support @ ACME' }]);
  });

  it('keeps an unquoted name with a comma together (Joe Foo, PhD)', () => {
    expect(parseAddressList('Joe Foo, PhD <joe@example.com>').addresses).toEqual([{ address: 'joe@example.com', name: 'Joe Foo, PhD' }]);
  });

  it('gives no name when the name is the address', () => {
    expect(parseAddressList('"bob@x.com" <bob@x.com>').addresses).toEqual([{ address: 'bob@x.com', name: null }]);
    expect(parseAddressList("'bob@x.com' <bob@x.com>").addresses).toEqual([{ address: 'bob@x.com', name: null }]);
    expect(parseAddressList('"other@y.com" <bob@x.com>').addresses).toEqual([{ address: 'bob@x.com', name: null }]);
  });

  it('decodes encoded-word names, including ones hiding a comma', () => {
    expect(parseAddressList('=?utf-8?Q?Doe=2C_John?= <j@x.com>, =?utf-8?q?Jos=C3=A9?= <jose@x.com>').addresses).toEqual([
      { address: 'j@x.com', name: 'Doe, John' },
      { address: 'jose@x.com', name: 'José' },
    ]);
  });

  it('flattens groups and accepts empty ones', () => {
    expect(parseAddressList('undisclosed-recipients:;')).toEqual({ addresses: [], malformed: 0 });
    expect(parseAddressList('Team: a@x.com, "B, b" <b@y.com>;, c@z.com')).toEqual({
      addresses: [
        { address: 'a@x.com', name: null },
        { address: 'b@y.com', name: 'B, b' },
        { address: 'c@z.com', name: null },
      ],
      malformed: 0,
    });
    expect(parseAddressList('Empty:;, Team: a@x.com;').addresses.map((entry) => entry.address)).toEqual(['a@x.com']);
  });

  it('reads comments as the name when there is no other', () => {
    expect(parseAddressList('bob@x.com (Bob Smith)').addresses).toEqual([{ address: 'bob@x.com', name: 'Bob Smith' }]);
  });

  it('drops obsolete source routes', () => {
    expect(parseAddressList('<@relay1.net,@relay2.net:bob@x.com>').addresses).toEqual([{ address: 'bob@x.com', name: null }]);
    expect(parseAddressList('Bob <@relay.net:bob@x.com>').addresses).toEqual([{ address: 'bob@x.com', name: 'Bob' }]);
  });

  it('normalises IDN domains and Gmail addresses', () => {
    expect(parseAddressList('Info <info@xn--bcher-kva.de>, J <John.Doe+x@googlemail.com>').addresses).toEqual([
      { address: 'info@bücher.de', name: 'Info' },
      { address: 'johndoe@gmail.com', name: 'J' },
    ]);
  });

  it('counts entries without a usable address as malformed and never returns them', () => {
    expect(parseAddressList('John Smith')).toEqual({ addresses: [], malformed: 1 });
    expect(parseAddressList('bob')).toEqual({ addresses: [], malformed: 1 });
    expect(parseAddressList('<>')).toEqual({ addresses: [], malformed: 1 });
    expect(parseAddressList('Bob <>, ok@x.com, bad@, @bad.com')).toEqual({ addresses: [{ address: 'ok@x.com', name: null }], malformed: 3 });
  });

  it('returns nothing for empty input', () => {
    for (const value of [undefined, null, '', '   ', ' , ,']) expect(parseAddressList(value)).toEqual({ addresses: [], malformed: 0 });
  });

  it('keeps duplicates and order (deduplication belongs to the caller)', () => {
    expect(parseAddressList('a@x.com, A@X.com').addresses.map((entry) => entry.address)).toEqual(['a@x.com', 'a@x.com']);
  });

  it('reads semicolon-separated lists (Outlook pastes)', () => {
    expect(parseAddressList('a@x.com; b@y.com').addresses.map((entry) => entry.address)).toEqual(['a@x.com', 'b@y.com']);
  });

  it('recovers the address from a missing closing bracket', () => {
    expect(parseAddressList('Bob Smith <bob@x.com').addresses).toEqual([{ address: 'bob@x.com', name: 'Bob Smith' }]);
  });

  it('keeps inner quotes of a quoted name', () => {
    expect(parseAddressList('"\\"Bob\\" and \\"Al\\"" <x@y.com>').addresses).toEqual([{ address: 'x@y.com', name: '"Bob" and "Al"' }]);
  });

  it('reads a field that was encoded whole, address included', () => {
    const encoded = `=?utf-8?B?${Buffer.from('José <jose@x.com>').toString('base64')}?=`;
    expect(parseAddressList(encoded)).toEqual({ addresses: [{ address: 'jose@x.com', name: 'José' }], malformed: 0 });
    expect(parseAddressList('=?utf-8?Q?no_address_here?=')).toEqual({ addresses: [], malformed: 1 });
  });

  // Speed on such lists is measured by `npm run bench:headers`, not asserted here.
  it('reads huge recipient lists whole', () => {
    const plain = Array.from({ length: 20_000 }, (_, i) => `user${i}@example.com`).join(', ');
    const named = Array.from({ length: 20_000 }, (_, i) => `User ${i} <user${i}@example.com>`).join(', ');
    expect(parseAddressList(`${plain}, Last <last@example.com>`).addresses).toHaveLength(20_001);
    expect(parseAddressList(`${named}, "Quoted, Last" <last@example.com>`).addresses).toHaveLength(20_001);
    expect(parseAddressList(`${named}, (comment) slow@path.com`).addresses).toHaveLength(20_001);
  });

  it('never throws on hostile input', () => {
    const nasty = ['<<<<', '""""', '"unterminated <a@x.com>', '(((', ':::;;;', '\\', 'a@x.com\u0000b@y.com', '<'.repeat(5000), 'a@'.repeat(5000)];
    for (const value of nasty) expect(() => parseAddressList(value)).not.toThrow();
  });
});

describe('scanSimpleAddressList (hot path)', () => {
  const accepted = [
    'bob@x.com',
    '<bob@x.com>',
    'Bob Smith <bob@x.com>',
    'Bob   Smith   <bob@x.com>',
    '"Doe, John" <john@x.com>',
    '"" <john@x.com>',
    '"  spaced  " <s@x.com>',
    'a@x.com, b@y.com,c@z.com',
    '  a@x.com  ,  , Bob <b@y.com>  ',
    'Jürgen Müller <j@x.de>',
    '=?utf-8?Q?Jos=C3=A9?= <j@x.com>',
    '"=?utf-8?Q?Doe=2C_J?=" <j@x.com>',
    'bob@x.com <bob@x.com>',
    'Bob\t<bob@x.com>',
    'Bob <bob@x.com>, "Smith, J" <j@x.com>, carol@x.com',
    "O'Neil <o@x.com>",
    'a.b-c+d@sub.example.co.uk',
    '"A <b@x.com>" <c@x.com>',
    '"Smith; Jane: Sales" <jane@x.com>',
  ];
  const rejected = [
    'Team: a@x.com;',
    'undisclosed-recipients:;',
    'bob@x.com (Bob)',
    '<@r:bob@x.com>',
    'Bob "The Man" Smith <b@x.com>',
    '"a\\"b" <a@x.com>',
    'John Smith',
    'Joe Foo, PhD <joe@x.com>',
    'Bob <>',
    'Bob <bob@x.com',
    '<bob@x.com> Bob',
    'a@b@c.com',
    'a@x.com b@y.com',
    'user@[1.2.3.4]',
    '"unterminated <a@x.com>',
    'a@x.com\r\n b@y.com',
    'Bob\u3000<b@x.com>',
    'b@x.com\u00a0',
  ];

  // What parseAddressList makes of an entry: parity is required after normalisation, not before.
  const normalise = (list: readonly { name: string; address: string }[]) =>
    list.map((entry) => ({ address: normaliseAddress(entry.address), name: cleanDisplayName(entry.name, entry.address) }));

  it.each(accepted)('accepts %j and agrees with addressparser', (value) => {
    const fast = scanSimpleAddressList(value);
    expect(fast).not.toBeNull();
    expect(normalise(fast!)).toEqual(normalise(addressparser(value, { flatten: true })));
  });

  it('agrees with addressparser on every generated list it accepts', () => {
    let seed = 1234;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const pieces = ['a', 'Bob', ' ', '  ', '\t', '@', 'x.com', '<', '>', '"', ',', '.', '-', '+', 'é', '=?utf-8?Q?J=C3=A9?=', "'", 'Smith', '_', 'b@y.org', '<c@z.net>', '"Doe, J"', 'ü@ö.de', '\u00a0', '\u3000'];
    let accepted = 0;
    for (let run = 0; run < 30_000; run++) {
      let value = '';
      for (let i = 1 + (random() % 14); i > 0; i--) value += pieces[random() % pieces.length];
      const fast = scanSimpleAddressList(value);
      if (fast === null) continue;
      accepted++;
      expect(normalise(fast), value).toEqual(normalise(addressparser(value, { flatten: true })));
    }
    expect(accepted).toBeGreaterThan(500);
  });

  it.each(rejected)('leaves %j to the full parser', (value) => {
    expect(scanSimpleAddressList(value)).toBeNull();
  });
});

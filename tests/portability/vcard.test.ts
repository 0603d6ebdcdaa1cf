import { describe, expect, it } from 'vitest';
import { ImportProblems } from '../../src-main/core/portability/contact-record.js';
import { parseVcards } from '../../src-main/core/portability/vcard/parse-vcard.js';
import { escapeText, foldLine, unescapeText } from '../../src-main/core/portability/vcard/vcard-text.js';
import { writeVcard } from '../../src-main/core/portability/vcard/write-vcard.js';

function parse(text: string) {
  const problems = new ImportProblems();
  const records = parseVcards(text, problems);
  return { records, problems: problems.items };
}

const crlf = (...lines: string[]) => lines.join('\r\n') + '\r\n';

describe('vCard 4.0 writing', () => {
  it('escapes backslash, comma, semicolon and newlines, marks the primary address, and puts buckets in CATEGORIES', () => {
    const card = writeVcard({
      name: 'Doe, Jane; "JD"',
      emails: ['jane@acme.example', 'jane.doe@gmail.com'],
      company: 'Acme; Widgets, Inc.',
      title: 'Head of R\\D',
      phone: '+44 20 7946 0000',
      notes: 'Met in Lisbon.\nLikes tea, not coffee.',
      buckets: ['Clients', 'Friends, family'],
      tags: [],
    });
    expect(card).toBe(
      crlf(
        'BEGIN:VCARD',
        'VERSION:4.0',
        'KIND:individual',
        'FN:Doe\\, Jane\\; "JD"',
        'EMAIL;PREF=1:jane@acme.example',
        'EMAIL:jane.doe@gmail.com',
        'ORG:Acme\\; Widgets\\, Inc.',
        'TITLE:Head of R\\\\D',
        'TEL;VALUE=text:+44 20 7946 0000',
        'NOTE:Met in Lisbon.\\nLikes tea\\, not coffee.',
        'CATEGORIES:Clients,Friends\\, family',
        'END:VCARD',
      ),
    );
  });

  it('names a contact without a name by its address, and leaves out empty fields', () => {
    expect(writeVcard({ name: null, emails: ['x@y.example'], company: null, title: null, phone: null, notes: null, buckets: [], tags: [] })).toBe(
      crlf('BEGIN:VCARD', 'VERSION:4.0', 'KIND:individual', 'FN:x@y.example', 'EMAIL;PREF=1:x@y.example', 'END:VCARD'),
    );
  });

  it('folds lines at 75 octets without splitting a UTF-8 character, and unfolds back to the same text', () => {
    const line = 'NOTE:' + 'Zoë and Łukasz — 日本語のメモ; '.repeat(8);
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n')) expect(new TextEncoder().encode(physical).length).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').slice(1).every((physical) => physical.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('FN:short')).toBe('FN:short');
  });

  it('round-trips text through escape and unescape', () => {
    for (const text of ['a,b;c\\d', 'two\nlines', '\\n literally', '']) expect(unescapeText(escapeText(text))).toBe(text);
  });

  it('reads back what it writes', () => {
    const contact = { name: 'Ana Ñúñez', emails: ['ana@x.example', 'ana@y.example'], company: 'X; Y', title: 'CTO', phone: '+1 555', notes: 'a\nb, c', buckets: ['A, B', 'C'], tags: [] };
    const { records, problems } = parse(writeVcard(contact));
    expect(problems).toEqual([]);
    expect(records).toEqual([{ where: 'line 1', name: 'Ana Ñúñez', emails: ['ana@x.example', 'ana@y.example'], company: 'X; Y', title: 'CTO', phone: '+1 555', notes: 'a\nb, c', categories: ['A, B', 'C'], tags: [] }]);
  });
});

describe('vCard 3.0 and 4.0 reading', () => {
  it('reads folded lines, groups, quoted parameters, several EMAILs by preference, N when FN is missing', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Lovelace;Ada;King;Countess;',
      'item1.EMAIL;TYPE=INTERNET:ada@work.example',
      'EMAIL;TYPE=INTERNET,pref:Ada.Lovelace@Gmail.com',
      'item1.X-ABLabel:_$!<Work>!$_',
      'ORG:Analytical Engines;Research',
      'TEL;TYPE=CELL:+44 1',
      'TEL;TYPE=WORK,PREF:+44 2',
      'NOTE;LANGUAGE="en;GB":First programmer\\, wrote notes on the',
      '  Analytical Engine.\\nBorn 1815.',
      'CATEGORIES:Friends,Math\\, history',
      'CATEGORIES:friends',
      'END:VCARD',
      '',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Grace Hopper',
      'EMAIL;PREF=2:grace@navy.example',
      'EMAIL;PREF=1:mailto:grace@yale.example',
      'END:VCARD',
    ].join('\n');
    const { records, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({
      where: 'line 1',
      name: 'Countess Ada King Lovelace',
      emails: ['adalovelace@gmail.com', 'ada@work.example'],
      company: 'Analytical Engines',
      phone: '+44 2',
      notes: 'First programmer, wrote notes on the Analytical Engine.\nBorn 1815.',
      categories: ['Friends', 'Math, history'],
    });
    expect(records[1]).toMatchObject({ where: 'line 16', name: 'Grace Hopper', emails: ['grace@yale.example', 'grace@navy.example'] });
  });

  it('decodes quoted-printable values with their charset and soft line breaks (vCard 3.0 from Outlook)', () => {
    const text = crlf(
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Bj=C3=B6rk Gu=C3=B0mundsd=C3=B3ttir',
      'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Caf=E9 au lait, tr=E8s long =',
      ' note qui continue',
      'NOTE;QUOTED-PRINTABLE:line one=0D=0Aline two',
      'EMAIL:bjork@example.is',
      'END:VCARD',
    );
    const { records, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({ name: 'Björk Guðmundsdóttir', notes: 'Café au lait, très long note qui continue\n\nline one\r\nline two' });
  });

  it('reports every problem with its line: bad addresses, missing END, stray lines, versions it cannot read', () => {
    const text = [
      'BEGIN:VCARD', // 1
      'VERSION:4.0',
      'FN:Broken Address',
      'EMAIL:not-an-address',
      'END:VCARD',
      'stray text', // 6
      'BEGIN:VCARD', // 7
      'VERSION:2.1',
      'FN:Old',
      'END:VCARD',
      'BEGIN:VCARD', // 11
      'VERSION:4.0',
      'this line has no colon',
      'BEGIN:VCARD', // 14
      'VERSION:4.0',
      'FN:Never ends',
    ].join('\r\n');
    const { problems } = parse(text);
    expect(problems).toEqual([
      'line 4: EMAIL "not-an-address" is not an email address',
      'line 6: expected BEGIN:VCARD, found "stray text"',
      'line 8: vCard version 2.1 is not supported (3.0 and 4.0 are)',
      'line 13: not a vCard property line (no "NAME:value"): "this line has no colon"',
      'line 14: BEGIN:VCARD inside the vCard that begins at line 11 (missing END:VCARD?)',
      'line 14: vCard never ends (no END:VCARD before the end of the file)',
    ]);
  });

  it('says so when there is no vCard at all, or a card lacks VERSION', () => {
    expect(parse('').problems).toEqual(['line 1: no vCard found (expected BEGIN:VCARD)']);
    expect(parse(crlf('BEGIN:VCARD', 'FN:x', 'END:VCARD')).problems).toEqual(['line 1: vCard has no VERSION line']);
  });

  it('keeps a card without any email address as a record (the import reports it as skipped)', () => {
    const { records } = parse(crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:Phone Only', 'TEL:+1 555', 'END:VCARD'));
    expect(records).toMatchObject([{ name: 'Phone Only', emails: [], phone: '+1 555' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { ImportProblems } from '../../src-main/core/portability/contact-record.js';
import { readCsvContacts } from '../../src-main/core/portability/csv/read-csv-contacts.js';
import { parseCsv } from '../../src-main/core/portability/csv/parse-csv.js';
import { writeCsvContacts } from '../../src-main/core/portability/csv/write-csv-contacts.js';
import { csvField, joinList, splitList } from '../../src-main/core/portability/csv/write-csv.js';
import { decodeFileBytes } from '../../src-main/core/portability/decode-file.js';
import { StringSink } from '../../src-main/core/portability/export-sink.js';

function rows(text: string) {
  const problems = new ImportProblems();
  return { rows: parseCsv(text, problems), problems: problems.items };
}

function contacts(text: string) {
  const problems = new ImportProblems();
  const result = readCsvContacts(text, problems);
  return { ...result, problems: problems.items };
}

describe('CSV (RFC 4180)', () => {
  it('quotes only what needs it and doubles quotes', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\r\nlines', ' padded', ''].map(csvField)).toEqual(['plain', '"a,b"', '"say ""hi"""', '"two\r\nlines"', '" padded"', '']);
  });

  it('parses quoted fields spanning lines, doubled quotes, empty fields, LF or CRLF, and knows each record’s first line', () => {
    const parsed = rows('a,b,c\r\n"x, y","multi\nline","say ""hi"""\n,,\r\nlast,"",end');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'multi\nline', 'say "hi"'] },
      { line: 4, fields: ['', '', ''] },
      { line: 5, fields: ['last', '', 'end'] },
    ]);
  });

  it('reports a quote inside an unquoted field, text after a closing quote, and a quoted field never closed', () => {
    expect(rows('a,b\nfine,bro"ken\n').problems).toEqual(['line 2: field 2: a quote inside an unquoted field (quote the whole field and double the quote)']);
    expect(rows('a,b\n"closed"extra,b\n').problems).toEqual(['line 2: field 1: text after the closing quote (a quote inside a quoted field must be doubled)']);
    expect(rows('a,b\nok,ok\n"never\nclosed,x\n').problems).toEqual(['line 3: quoted field 1 is never closed']);
  });

  it('keeps semicolons and backslashes inside list cells', () => {
    const values = ['Friends; family', 'R\\D', 'plain'];
    expect(splitList(joinList(values))).toEqual(values);
  });

  it('decodes UTF-8 with BOM, UTF-16 with BOM, and falls back to Windows-1252 for old exports', () => {
    expect(decodeFileBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x43, 0x61, 0x66, 0xc3, 0xa9]))).toBe('Café');
    expect(decodeFileBytes(new Uint8Array([0xff, 0xfe, 0x43, 0x00, 0xe9, 0x00]))).toBe('Cé');
    expect(decodeFileBytes(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]))).toBe('Café €');
  });
});

describe('CSV exports of other tools', () => {
  it('maps a Google Contacts export (several values per cell, labels, system groups left out)', () => {
    const text = [
      'First Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value',
      'Ada,,Lovelace,,,,Analytical Engines,Countess,,,"Wrote the first program,\nin 1843",* myContacts ::: Clients ::: * starred,* Home,ada@home.example ::: Ada@Second.example,Work,ada@work.example,Mobile,+44 1 ::: +44 2',
      ',,,,,Acme Front Desk,,,,,,* myContacts,,desk@acme.example,,,,',
    ].join('\r\n');
    const result = contacts(text);
    expect(result.problems).toEqual([]);
    expect(result.dialect).toBe('google');
    expect(result.records).toEqual([
      {
        where: 'line 2',
        name: 'Ada Lovelace',
        emails: ['ada@home.example', 'ada@second.example', 'ada@work.example'],
        company: 'Analytical Engines',
        title: 'Countess',
        phone: '+44 1',
        notes: 'Wrote the first program,\nin 1843',
        categories: ['Clients'],
        tags: [],
      },
      { where: 'line 4', name: 'Acme Front Desk', emails: ['desk@acme.example'], company: null, title: null, phone: null, notes: null, categories: [], tags: [] },
    ]);
  });

  it('maps the older Google layout (Name, Given Name, Group Membership, Organization 1 - Name)', () => {
    const text = 'Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title\r\nBob Old,Bob,Old,* myContacts ::: Partners,* Work,bob@old.example,OldCo,Boss\r\n';
    expect(contacts(text).records).toMatchObject([{ name: 'Bob Old', emails: ['bob@old.example'], company: 'OldCo', title: 'Boss', categories: ['Partners'] }]);
  });

  it('maps an Outlook export (Job Title, not the courtesy Title; Categories split on ;)', () => {
    const text = [
      'Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Phone,Mobile Phone,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,E-mail 3 Address,Notes,Categories',
      'Dr.,Cara,,Smith,,Contoso,Sales,Sales Director,+1 425 555 0100,+1 425 555 0199,cara@contoso.example,SMTP,Cara Smith (cara@contoso.example),cara.smith@outlook.example,,"Prefers email; never calls",Clients;VIP',
    ].join('\r\n');
    const result = contacts(text);
    expect(result.dialect).toBe('outlook');
    expect(result.records).toEqual([
      {
        where: 'line 2',
        name: 'Cara Smith',
        emails: ['cara@contoso.example', 'cara.smith@outlook.example'],
        company: 'Contoso',
        title: 'Sales Director',
        phone: '+1 425 555 0199',
        notes: 'Prefers email; never calls',
        categories: ['Clients', 'VIP'],
        tags: [],
      },
    ]);
  });

  it('maps a LinkedIn Connections.csv, skipping the notes above its header', () => {
    const text = [
      'Notes:',
      '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address."',
      '',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Dan,Jones,https://www.linkedin.com/in/danjones,dan@jones.example,Fabrikam,CTO,03 Feb 2024',
      'Eve,Hidden,https://www.linkedin.com/in/evehidden,,Northwind,Engineer,01 Jan 2023',
    ].join('\n');
    const result = contacts(text);
    expect(result.problems).toEqual([]);
    expect(result.dialect).toBe('linkedin');
    expect(result.records).toMatchObject([
      { where: 'line 5', name: 'Dan Jones', emails: ['dan@jones.example'], company: 'Fabrikam', title: 'CTO' },
      { where: 'line 6', name: 'Eve Hidden', emails: [], company: 'Northwind', title: 'Engineer' },
    ]);
  });

  it('reads its own export back, and a generic sheet with an email column', () => {
    const sink = new StringSink();
    writeCsvContacts([{ name: 'Fay', emails: ['fay@x.example', 'fay@y.example'], company: 'X, Inc', title: null, phone: null, notes: 'multi\nline', buckets: ['Clients', 'A;B'], tags: ['vip'] }], sink);
    const own = contacts(sink.text());
    expect(own.dialect).toBe('rapport');
    expect(own.records).toEqual([{ where: 'line 2', name: 'Fay', emails: ['fay@x.example', 'fay@y.example'], company: 'X, Inc', title: null, phone: null, notes: 'multi\nline', categories: ['Clients', 'A;B'], tags: ['vip'] }]);

    const generic = contacts('Full Name,Work Email,Organisation,Groups\nGus,gus@g.example,G Ltd,Friends; Clients\n');
    expect(generic.dialect).toBe('generic');
    expect(generic.records).toMatchObject([{ name: 'Gus', emails: ['gus@g.example'], company: 'G Ltd', categories: ['Friends', 'Clients'] }]);
  });

  it('defuses spreadsheet formulas in exported cells (names come from other people\'s headers) and restores them on import', () => {
    const hostile = ['=HYPERLINK("http://evil.example","click")', '@SUM(1+1)', '+cmd|calc', '-2+3', "'=already quoted"];
    const sink = new StringSink();
    writeCsvContacts(
      hostile.map((name, index) => ({ name, emails: [`p${index}@x.example`], company: null, title: null, phone: '+44 20 7946 0000', notes: null, buckets: [], tags: [] })),
      sink,
    );
    const lines = sink.text().split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")",p0@x.example,,,,+44 20 7946 0000,,,`);
    expect(lines.slice(2, 6).map((line) => line.split(',')[0])).toEqual(["'@SUM(1+1)", "'+cmd|calc", "'-2+3", "''=already quoted"]);
    expect(contacts(sink.text()).records.map((record) => [record.name, record.phone])).toEqual(hostile.map((name) => [name, '+44 20 7946 0000']));
  });

  it('reports bad addresses and ragged rows by line, and a file without an email column', () => {
    const text = 'First Name,Last Name,E-mail Address,Job Title\nA,B,a@b.example,x\nC,D,not-an-address,y\nE,F,e@f.example\n';
    expect(contacts(text).problems).toEqual(['line 3: "not-an-address" is not an email address', 'line 4: 3 fields, but the header (line 1) has 4']);
    expect(contacts('Name,Phone\nA,1\n').problems).toEqual([
      'line 1: no header row with an email column (expected e.g. "E-mail Address", "E-mail 1 - Value", "Email Address" or "Email")',
    ]);
  });
});

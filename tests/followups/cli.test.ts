import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRapport } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const env = { RAPPORT_PASSPHRASE: 'a long enough passphrase' };
/** About 25 real `rapport` processes per test, each deriving the vault key (about 1-2 s on a busy machine). */
const CLI_TIMEOUT_MS = 240_000;

const ADDRESS_BOOK = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Ana Lopez',
  'EMAIL:ana@client.example',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Bo Chen',
  'EMAIL:bo@client.example',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Cy Friend',
  'EMAIL:cy@friend.example',
  'CATEGORIES:Friends',
  'END:VCARD',
].join('\r\n');

/** Runs `rapport --data-dir DIR ...` with the passphrase in the environment. */
function rapportIn(dataDir: string) {
  return (...args: string[]) => runRapport(['--data-dir', dataDir, ...args], { env });
}

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('rapport relationship commands (the CLI contract)', () => {
  it('manages buckets and follow-ups with the exact JSON shapes, clear errors and exit codes', async () => {
    const dir = makeTempDir();
    const rapport = rapportIn(path.join(dir, 'vault'));
    expect((await rapport('init')).code).toBe(0);
    const book = path.join(dir, 'book.vcf');
    fs.writeFileSync(book, ADDRESS_BOOK);
    const imported = await rapport('import', book);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain('Imported book.vcf (vCard): 3 records');

    expect((await rapport('bucket', 'add', 'Clients', '--cadence', '30', '--color', '#2563EB')).code).toBe(0);
    const duplicate = await rapport('bucket', 'add', 'clients');
    expect(duplicate.code).toBe(1);
    expect(oneLine(duplicate.stderr)).toBe('rapport: a bucket named "Clients" already exists');

    const badCadence = await rapport('bucket', 'add', 'Weekly', '--cadence', 'weekly');
    expect(badCadence.code).toBe(2);
    expect(badCadence.stderr).toContain('--cadence must be a whole number of days');
    const zeroCadence = await rapport('bucket', 'add', 'Weekly', '--cadence', '0');
    expect(zeroCadence.code).toBe(2);
    expect(zeroCadence.stderr).toContain('cadenceDays: a cadence is at least 1 day');
    const badColour = await rapport('bucket', 'add', 'Weekly', '--color', 'blue');
    expect(badColour.code).toBe(2);
    expect(badColour.stderr).toContain('color: expected a hex colour');

    expect((await rapport('bucket', 'assign', 'Clients', 'ana@client.example', 'BO@client.example')).code).toBe(0);
    const unknownBucket = await rapport('bucket', 'assign', 'Nope', 'ana@client.example');
    expect(unknownBucket.code).toBe(1);
    expect(oneLine(unknownBucket.stderr)).toBe('rapport: no bucket named "Nope"');
    const unknownEmail = await rapport('bucket', 'assign', 'Clients', 'ghost@client.example');
    expect(unknownEmail.code).toBe(1);
    expect(oneLine(unknownEmail.stderr)).toBe('rapport: no contact with the address ghost@client.example');

    const buckets = JSON.parse((await rapport('bucket', 'list', '--json')).stdout) as Record<string, unknown>[];
    expect(buckets).toEqual([
      { id: expect.any(Number), name: 'Clients', cadenceDays: 30, contacts: 2, due: 2 },
      { id: expect.any(Number), name: 'Friends', cadenceDays: null, contacts: 1, due: 0 },
    ]);

    const due = JSON.parse((await rapport('followups', '--json')).stdout) as Record<string, unknown>[];
    expect(due).toHaveLength(2);
    for (const entry of due) {
      expect(Object.keys(entry)).toEqual(['contactId', 'name', 'emails', 'dueSince', 'reason']);
      expect(new Date(entry.dueSince as string).toISOString()).toBe(entry.dueSince);
    }
    expect(due.map((entry) => entry.emails)).toEqual(expect.arrayContaining([['ana@client.example'], ['bo@client.example']]));

    const touch = await rapport('touch', 'ana@client.example', '--kind', 'call', '--note', 'catch-up');
    expect(touch.code).toBe(0);
    expect(touch.stdout).toMatch(/^Logged a call with ana@client.example/);
    const afterTouch = JSON.parse((await rapport('followups', '--json')).stdout) as { emails: string[] }[];
    expect(afterTouch.map((entry) => entry.emails[0])).toEqual(['bo@client.example']);
    const badKind = await rapport('touch', 'ana@client.example', '--kind', 'dance');
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('--kind must be one of call, meeting, other');
    const badDate = await rapport('touch', 'ana@client.example', '--at', 'yesterday');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('at: expected a date');
    const unknownTouch = await rapport('touch', 'nobody@client.example');
    expect(unknownTouch.code).toBe(1);
    expect(oneLine(unknownTouch.stderr)).toBe('rapport: no contact has the address nobody@client.example');

    expect((await rapport('snooze', 'bo@client.example', '--until', '2099-01-01')).code).toBe(0);
    expect(JSON.parse((await rapport('followups', '--json')).stdout)).toEqual([]);
    expect((await rapport('snooze', 'bo@client.example', '--until', '2099-13-01')).code).toBe(2);
    expect((await rapport('snooze', 'bo@client.example', '--clear')).code).toBe(0);
    expect(JSON.parse((await rapport('followups', '--json')).stdout)).toHaveLength(1);
  }, CLI_TIMEOUT_MS);

  it('handles tasks, Today, export, import, and the privacy report', async () => {
    const dir = makeTempDir();
    const rapport = rapportIn(path.join(dir, 'vault'));
    await rapport('init');
    const book = path.join(dir, 'book.vcf');
    fs.writeFileSync(book, ADDRESS_BOOK);
    await rapport('import', book);

    const added = await rapport('task', 'add', 'ana@client.example', '--due', '2000-01-01', '--note', 'send the deck', '--json');
    expect(added.code).toBe(0);
    const task = JSON.parse(added.stdout) as { id: number; title: string };
    expect(task.title).toBe('Follow up');
    expect((await rapport('task', 'add', '--due', '2000-01-02')).code).toBe(2);
    expect((await rapport('task', 'add', '--title', 'Plan', '--due', 'soon')).stderr).toContain('dueAt: expected a date');

    const today = JSON.parse((await rapport('today', '--json')).stdout) as { tasks: { id: number }[]; due: unknown[] };
    expect(today.tasks.map((entry) => entry.id)).toEqual([task.id]);
    const todayText = await rapport('today');
    expect(todayText.stdout).toContain(`#${task.id} 2000-01-0`);
    expect(todayText.stdout).toContain('send the deck');

    expect((await rapport('task', 'done', String(task.id))).stdout).toContain(`Completed task #${task.id}`);
    expect(JSON.parse((await rapport('task', 'list', '--json')).stdout)).toEqual([]);
    expect(JSON.parse((await rapport('task', 'list', '--done', '--json')).stdout)).toHaveLength(1);
    expect((await rapport('task', 'reschedule', String(task.id), '--due', '2000-02-02')).code).toBe(0);
    expect(JSON.parse((await rapport('task', 'list', '--json')).stdout)).toHaveLength(1);
    const missing = await rapport('task', 'done', '999');
    expect(missing.code).toBe(1);
    expect(oneLine(missing.stderr)).toBe('rapport: no task with id 999');
    expect((await rapport('task', 'done', 'first')).code).toBe(2);

    const csv = await rapport('export', '--format', 'csv');
    expect(csv.stdout.split('\r\n')[0]).toBe('Name,Email,Other Emails,Company,Title,Phone,Notes,Buckets,Tags');
    // Company is guessed from the address's domain (friend.example → Friend).
    expect(csv.stdout).toContain('Cy Friend,cy@friend.example,,Friend,,,,Friends,\r\n');
    const out = path.join(dir, 'export.json');
    const exported = await rapport('export', '--format', 'json', '--out', out, '--json');
    expect(JSON.parse(exported.stdout)).toMatchObject({ format: 'json', path: out, contacts: 3 });
    expect((await rapport('export', '--format', 'xml')).code).toBe(2);

    const other = rapportIn(path.join(dir, 'other'));
    await other('init');
    expect((await other('import', out, '--json')).code).toBe(0);
    const again = await other('export', '--format', 'json');
    expect(again.stdout).toBe(fs.readFileSync(out, 'utf8') + (fs.readFileSync(out, 'utf8').endsWith('\n') ? '' : '\n'));

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'Name,Email\nA,a@x.example\nB,not-an-address\n');
    const refused = await rapport('import', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('rapport: cannot import bad.csv (1 problem; nothing was imported):\nline 3: "not-an-address" is not an email address\n');
    const nowhere = await rapport('import', path.join(dir, 'nope.vcf'));
    expect(nowhere.code).toBe(1);
    expect(oneLine(nowhere.stderr)).toMatch(/^rapport: cannot import .*nope\.vcf: no such file$/);

    const privacy = JSON.parse((await rapport('privacy', '--json')).stdout) as {
      tables: { table: string; rows: number }[];
      subjects: unknown;
      sharing: { sharedBuckets: unknown[]; summary: string };
      outbound: { entries: number };
    };
    expect(privacy.tables.find((table) => table.table === 'contacts')?.rows).toBe(3);
    expect(privacy.subjects).toEqual({ storeSubjects: false, storedCount: 0 });
    expect(privacy.sharing.sharedBuckets).toEqual([]);
    expect(privacy.sharing.summary).toMatch(/^Nothing has been shared/);
    expect(privacy.outbound.entries).toBe(0);
    expect((await rapport('privacy')).stdout).toContain('Message bodies: never fetched, never stored.');
  }, CLI_TIMEOUT_MS);
});

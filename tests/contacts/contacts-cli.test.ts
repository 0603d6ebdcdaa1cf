import { beforeAll, describe, expect, it } from 'vitest';
import { addIdentities, ingestMessages } from '../../src-main/core/network/ingest.js';
import { Vault } from '../../src-main/core/vault/vault.js';
import { facts } from '../network/network-fixtures.js';
import { runRapport } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { noKeychain } from '../helpers/no-keychain.js';

const PASSPHRASE = 'contacts cli passphrase';
const env = { RAPPORT_PASSPHRASE: PASSPHRASE };
/** The built CLI (tests run `npx tsc -p tsconfig.json` first, as scripts/test.sh does). */
describe('rapport contacts CLI', () => {
  let dataDir: string;
  const rapport = (...args: string[]) => runRapport(['--data-dir', dataDir, ...args], { env });

  beforeAll(async () => {
    dataDir = makeTempDir();
    expect((await rapport('init')).code).toBe(0);
    // Mail as a sync would have stored it.
    const vault = new Vault(dataDir, noKeychain);
    await vault.unlock(PASSPHRASE);
    const db = vault.db();
    const now = new Date();
    db.prepare(`INSERT INTO accounts (id, address, host, port, security, username, auth_kind, created_at) VALUES (1, 'me@example.org', 'imap.example.org', 993, 'tls', 'me', 'password', ?)`).run(now.toISOString());
    addIdentities(db, [{ address: 'me@example.org', accountId: 1, source: 'account' }], now);
    const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toUTCString();
    ingestMessages(db, {
      accountId: 1,
      now,
      facts: [
        { from: 'Me <me@example.org>', to: 'Ann Archer <ann@acme.com>', date: day(3), id: 'c1@x' },
        { from: 'Ann Archer <ann@acme.com>', to: 'me@example.org', date: day(2), id: 'c2@x' },
        { from: 'Me <me@example.org>', to: 'Bob <bob@beta.io>', date: day(20), id: 'c3@x' },
        { from: 'Ann A <ann.archer@outlook.com>', to: 'me@example.org', date: day(30), id: 'c4@x' },
        { from: 'Shop <news@shop.example>', to: 'me@example.org', date: day(1), id: 'c5@x', extra: ['List-Id: <news.shop.example>'] },
      ].map(facts),
    });
    vault.lock();
  });

  it('prints the issue 3 JSON contract, sorted by strength, with --limit and --search', async () => {
    const all = await rapport('contacts', '--json');
    expect(all).toMatchObject({ code: 0, stderr: '' });
    const contacts = JSON.parse(all.stdout) as Record<string, unknown>[];
    expect(contacts.map((contact) => Object.keys(contact))).toEqual(contacts.map(() => ['id', 'name', 'emails', 'sent', 'received', 'lastContacted', 'lastHeardFrom', 'strength']));
    expect(contacts.map((contact) => contact.emails)).toEqual([['ann@acme.com'], ['bob@beta.io'], ['ann.archer@outlook.com']]);
    expect(contacts[0]).toMatchObject({ name: 'Ann Archer', sent: 1, received: 1 });
    expect(contacts[0]!.lastContacted).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(contacts[2]!.lastContacted).toBeNull();

    expect(JSON.parse((await rapport('contacts', '--json', '--limit', '1')).stdout)).toHaveLength(1);
    const searched = JSON.parse((await rapport('--json', 'contacts', '--search', 'arch')).stdout) as { emails: string[] }[];
    expect(searched.map((contact) => contact.emails[0])).toEqual(['ann@acme.com', 'ann.archer@outlook.com']);
    const table = await rapport('contacts');
    expect(table.stdout).toMatch(/^id\s+name\s+email\s+sent\s+received/);
    expect(table.stdout).toContain('Ann Archer');
  });

  it('adds, edits and shows a contact', async () => {
    const added = await rapport('contact', 'add', '--name', 'Cleo Cole', '--email', 'cleo@cole.dev', '--tag', 'friend', '--json');
    expect(added.code).toBe(0);
    const cleo = JSON.parse(added.stdout) as { id: number; tags: string[] };
    expect(cleo.tags).toEqual(['friend']);
    const edited = await rapport('contact', 'edit', String(cleo.id), '--company', 'Cole Studio', '--notes', 'met at JSConf');
    expect(edited).toMatchObject({ code: 0, stdout: `Updated contact ${cleo.id} (Cleo Cole)\n` });
    const shown = await rapport('contact', 'show', 'CLEO@cole.dev');
    expect(shown.stdout).toContain('Cole Studio');
    expect(shown.stdout).toContain('met at JSConf');
  });

  it('merges, unmerges, suggests duplicates and charts a contact', async () => {
    const merged = await rapport('merge', 'ann@acme.com', 'ann.archer@outlook.com', '--json');
    expect(JSON.parse(merged.stdout)).toMatchObject({ emails: [{ address: 'ann@acme.com', isPrimary: true }, { address: 'ann.archer@outlook.com', isPrimary: false }], received: 2 });
    const duplicatesBefore = JSON.parse((await rapport('duplicates', '--json')).stdout) as unknown[];
    expect(duplicatesBefore).toEqual([]);
    const unmerged = await rapport('unmerge', 'ann@acme.com', 'ann.archer@outlook.com');
    expect(unmerged.stdout).toMatch(/^Split ann\.archer@outlook\.com out of contact \d+ into contact \d+/);
    const duplicates = JSON.parse((await rapport('duplicates', '--json')).stdout) as { contacts: { emails: string[] }[]; reasons: { code: string }[] }[];
    expect(duplicates.map((pair) => pair.contacts.map((side) => side.emails[0]).sort())).toEqual([['ann.archer@outlook.com', 'ann@acme.com']]);

    const history = await rapport('history', 'ann@acme.com', '--months', '2', '--json');
    const months = (JSON.parse(history.stdout) as { months: { sent: number; received: number }[] }).months;
    expect(months).toHaveLength(2);
    expect(months.reduce((sum, month) => sum + month.sent + month.received, 0)).toBe(2);
  });

  it('ignores and un-ignores senders and domains', async () => {
    expect((await rapport('ignore', '@beta.io')).stdout).toBe('Ignoring @beta.io (1 contact hidden)\n');
    const listed = JSON.parse((await rapport('contacts', '--json')).stdout) as { emails: string[] }[];
    expect(listed.some((contact) => contact.emails[0] === 'bob@beta.io')).toBe(false);
    expect(JSON.parse((await rapport('ignored', '--json')).stdout)).toMatchObject([{ pattern: 'beta.io', kind: 'domain' }]);
    expect((await rapport('unignore', '@beta.io')).stdout).toBe('No longer ignoring @beta.io (1 contact back)\n');
    const back = JSON.parse((await rapport('contacts', '--json')).stdout) as { emails: string[]; sent: number }[];
    expect(back.find((contact) => contact.emails[0] === 'bob@beta.io')).toMatchObject({ sent: 1 });
  });

  it('gives clear errors: usage (exit 2), unknown contact (exit 1), JSON errors with --json', async () => {
    const usage = await rapport('merge', '1');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: rapport merge ID|EMAIL ID|EMAIL');
    const missing = await rapport('contact', 'show', '99999');
    expect(missing).toMatchObject({ code: 1, stderr: 'rapport: no contact with id 99999\n' });
    const badJson = await rapport('--json', 'ignore', 'not an address');
    expect(badJson.code).toBe(2);
    expect(JSON.parse(badJson.stderr.split('\n')[0]!)).toMatchObject({ error: { code: 'invalid_args' } });
    const noEdit = await rapport('contact', 'edit', '1');
    expect(noEdit.code).toBe(2);
    expect(noEdit.stderr).toContain('nothing to change');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../src-main/core/app-context.js';
import { run } from '../../src-main/core/command-table.js';
import { RapportError } from '../../src-main/core/errors.js';
import { resolveAccountSettings } from '../../src-main/core/mail/accounts/resolve-account-settings.js';
import type { Keychain } from '../../src-main/core/vault/keychain.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { newVault, vaultBytes } from './mail-test-kit.js';
import { failure } from '../helpers/rapport-failure.js';

const base = { authKind: 'password' as const, aliases: [] };

describe('account settings', () => {
  it.each([
    ['someone@gmail.com', 'gmail', 'imap.gmail.com'],
    ['someone@googlemail.com', 'gmail', 'imap.gmail.com'],
    ['someone@outlook.com', 'outlook', 'outlook.office365.com'],
    ['someone@hotmail.com', 'outlook', 'outlook.office365.com'],
    ['someone@live.com', 'outlook', 'outlook.office365.com'],
    ['someone@office365.com', 'outlook', 'outlook.office365.com'],
    ['someone@icloud.com', 'icloud', 'imap.mail.me.com'],
    ['someone@me.com', 'icloud', 'imap.mail.me.com'],
    ['someone@mac.com', 'icloud', 'imap.mail.me.com'],
    ['someone@fastmail.com', 'fastmail', 'imap.fastmail.com'],
    ['someone@yahoo.com', 'yahoo', 'imap.mail.yahoo.com'],
  ])('presets %s → %s', (address, provider, host) => {
    expect(resolveAccountSettings({ ...base, address })).toMatchObject({ provider, host, port: 993, security: 'tls', username: address });
  });

  it('takes a named provider for a custom domain, and explicit settings over the preset', () => {
    expect(resolveAccountSettings({ ...base, address: 'me@company.example', provider: 'gmail' })).toMatchObject({ host: 'imap.gmail.com', provider: 'gmail' });
    expect(resolveAccountSettings({ ...base, address: 'me@gmail.com', host: 'mail.example.org', port: 143, security: 'starttls' })).toMatchObject({
      host: 'mail.example.org',
      port: 143,
      security: 'starttls',
      provider: null,
    });
    expect(resolveAccountSettings({ ...base, address: 'me@example.org', host: 'mail.example.org', port: 143 }).security).toBe('starttls');
    expect(resolveAccountSettings({ ...base, address: 'me@example.org', host: 'imap.gmail.com' }).provider).toBe('gmail');
  });

  it('keeps the login name as typed and lower-cases the stored address', () => {
    expect(resolveAccountSettings({ ...base, address: ' Jane.Doe@Example.org ', host: 'imap.example.org' })).toMatchObject({ address: 'jane.doe@example.org', username: 'Jane.Doe@Example.org' });
  });

  it('needs a host when the domain has no preset', () => {
    expect(() => resolveAccountSettings({ ...base, address: 'me@example.org' })).toThrow(/no preset for example\.org: give the IMAP server with --host/);
  });

  it('refuses plain IMAP to anything but loopback', () => {
    expect(() => resolveAccountSettings({ ...base, address: 'me@example.org', host: 'imap.example.org', security: 'plain' })).toThrow(/plain \(unencrypted\) IMAP is only allowed/);
    expect(() => resolveAccountSettings({ ...base, address: 'me@example.org', host: '10.0.0.1', security: 'plain' })).toThrow(RapportError);
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.5.0.1']) {
      expect(resolveAccountSettings({ ...base, address: 'me@example.org', host, security: 'plain' }).port).toBe(143);
    }
  });

  it('checks the CA file at once and stores its absolute path', () => {
    const dir = makeTempDir();
    const notPem = path.join(dir, 'not.pem');
    fs.writeFileSync(notPem, 'hello');
    expect(() => resolveAccountSettings({ ...base, address: 'me@example.org', host: 'h', caFile: path.join(dir, 'missing.pem') })).toThrow(/cannot read the CA file .*missing\.pem \(no such file\)/);
    expect(() => resolveAccountSettings({ ...base, address: 'me@example.org', host: 'h', caFile: notPem })).toThrow(/holds no PEM certificate/);
  });

  it('rejects addresses that are not addresses', () => {
    expect(() => resolveAccountSettings({ ...base, address: 'not an address@', host: 'h' })).toThrow(/not a usable e-mail address/);
    expect(() => resolveAccountSettings({ ...base, address: 'me@example.org', host: 'h', aliases: ['nope'] })).toThrow(/aliases|not a usable/);
  });
});

describe('accounts commands', () => {
  it('adds, lists and removes accounts; the password stays inside the encrypted vault', async () => {
    const context = await newVault();
    const secret = 'correct horse battery staple 42';
    const added = await run(context, 'accounts.add', { address: 'me@fastmail.com', secret, aliases: ['Me@Example.org'] });
    expect(added).toMatchObject({ id: 1, address: 'me@fastmail.com', host: 'imap.fastmail.com', aliases: ['me@example.org'], authKind: 'password', lastSyncedAt: null });
    expect(JSON.stringify(added)).not.toContain(secret);
    expect(await context.secrets.get(added.id)).toBe(secret);
    const identities = context.vault.db().prepare('SELECT address, source FROM identities ORDER BY address').all();
    expect(identities).toEqual([
      { address: 'me@example.org', source: 'alias' },
      { address: 'me@fastmail.com', source: 'account' },
    ]);
    context.vault.db().pragma('wal_checkpoint(TRUNCATE)');
    expect(vaultBytes(context).includes(Buffer.from(secret))).toBe(false);

    const duplicate = await failure(run(context, 'accounts.add', { address: 'ME@fastmail.com', secret }));
    expect(duplicate.code).toBe('conflict');

    const token = await run(context, 'accounts.add', { address: 'me@gmail.com', secret: 'ya29.token', authKind: 'oauth2' });
    expect(token).toMatchObject({ authKind: 'oauth2', provider: 'gmail' });
    expect((await run(context, 'accounts.list', {})).map((account) => account.id)).toEqual([1, 2]);

    const excluded = await run(context, 'accounts.setExcludedFolders', { id: 1, folders: ['Newsletters', 'Archive', 'Newsletters'] });
    expect(excluded.excludedFolders).toEqual(['Archive', 'Newsletters']);

    const { removed } = await run(context, 'accounts.remove', { id: 1 });
    expect(removed.address).toBe('me@fastmail.com');
    expect(await context.secrets.get(1)).toBeNull();
    expect((await run(context, 'accounts.list', {})).map((account) => account.id)).toEqual([2]);
    expect((await failure(run(context, 'accounts.remove', { id: 1 }))).code).toBe('not_found');
    expect((await failure(run(context, 'accounts.test', { id: 1 }))).code).toBe('not_found');
  });

  it('keeps no account, and no own address, when its password cannot be stored', async () => {
    const entries = new Map<string, string>();
    const keychain: Keychain = {
      get: async (name) => entries.get(name) ?? null,
      set: async (name, secret) => {
        if (name.includes('/account/')) throw new RapportError('keychain_unavailable', 'no OS keychain is available (locked)');
        entries.set(name, secret);
      },
      delete: async (name) => entries.delete(name),
      accounts: async () => [...entries.keys()],
    };
    const context = createAppContext({ dataDir: path.join(makeTempDir(), 'vault'), keychain });
    await run(context, 'vault.init', {});
    expect((await failure(run(context, 'accounts.add', { address: 'me@fastmail.com', secret: 'pw', aliases: ['me@example.org'] }))).code).toBe('keychain_unavailable');
    expect(await run(context, 'accounts.list', {})).toEqual([]);
    expect(context.vault.db().prepare('SELECT count(*) FROM identities').pluck().get()).toBe(0);
  });

  it('rejects bad arguments with the field named', async () => {
    const context = await newVault();
    const plain = await failure(run(context, 'accounts.add', { address: 'me@example.org', host: 'imap.example.org', security: 'plain', secret: 'x' }));
    expect(plain.code).toBe('invalid_args');
    expect(plain.fields?.[0]?.path).toBe('security');
    const noSecret = await failure(run(context, 'accounts.add', { address: 'me@example.org', host: 'h', secret: '' }));
    expect(noSecret.fields?.[0]?.path).toBe('secret');
    expect(await run(context, 'accounts.list', {})).toEqual([]);
  });
});

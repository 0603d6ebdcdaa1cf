import type { Keychain } from './keychain.js';
import { keychainAccountFor, type Vault } from './vault.js';

/**
 * Where account passwords and tokens live: the OS keychain for keychain vaults, an encrypted
 * table inside the vault for passphrase vaults. Never plain text on disk, never in logs.
 */
export class SecretStore {
  constructor(
    private readonly vault: Vault,
    private readonly keychain: Keychain,
  ) {}

  async set(accountId: number, secret: string): Promise<void> {
    if (this.vault.mode === 'keychain') {
      await this.keychain.set(keychainAccountFor.mailAccount(this.vault.id, accountId), secret);
      return;
    }
    this.vault
      .db()
      .prepare('INSERT INTO account_secrets (account_id, secret) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET secret = excluded.secret')
      .run(accountId, secret);
  }

  async get(accountId: number): Promise<string | null> {
    if (this.vault.mode === 'keychain') return this.keychain.get(keychainAccountFor.mailAccount(this.vault.id, accountId));
    const row = this.vault.db().prepare('SELECT secret FROM account_secrets WHERE account_id = ?').get(accountId) as { secret: string } | undefined;
    return row?.secret ?? null;
  }

  async delete(accountId: number): Promise<void> {
    if (this.vault.mode === 'keychain') {
      await this.keychain.delete(keychainAccountFor.mailAccount(this.vault.id, accountId));
      return;
    }
    this.vault.db().prepare('DELETE FROM account_secrets WHERE account_id = ?').run(accountId);
  }
}

import type { Keychain } from '../../src-main/core/vault/keychain.js';

/** For passphrase vaults, which must never touch the keychain: any use fails loudly. */
export const noKeychain: Keychain = {
  get: () => Promise.reject(new Error('keychain must not be used')),
  set: () => Promise.reject(new Error('keychain must not be used')),
  delete: () => Promise.reject(new Error('keychain must not be used')),
  accounts: () => Promise.reject(new Error('keychain must not be used')),
};

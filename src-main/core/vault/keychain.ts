import { RapportError } from '../errors.js';

/** The OS keychain, reduced to what Rapport needs. Entries live under the service `Rapport`. */
export interface Keychain {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Every account name stored under the Rapport service. */
  accounts(): Promise<string[]>;
}

export const KEYCHAIN_SERVICE = 'Rapport';

const USE_PASSPHRASE_HINT = 'use a passphrase instead (rapport init --passphrase, or set RAPPORT_PASSPHRASE)';

function unavailable(reason: string, cause?: unknown): RapportError {
  return new RapportError('keychain_unavailable', `no OS keychain is available (${reason}); ${USE_PASSPHRASE_HINT}`, undefined, { cause });
}

type KeytarModule = typeof import('keytar');

/**
 * keytar over the platform keychain (Secret Service on Linux, Keychain on macOS, Credential
 * Vault on Windows). Loaded lazily so passphrase vaults never touch libsecret. A missing
 * Secret Service normally fails at once; the timeout guards against a daemon that never answers.
 */
export function createOsKeychain(timeoutMs = 15_000): Keychain {
  let loaded: Promise<KeytarModule> | null = null;
  const keytar = () => {
    loaded ??= import('keytar').then((module) => ((module as { default?: KeytarModule }).default ?? module) as KeytarModule);
    return loaded.catch((error: unknown) => {
      throw unavailable(`the keytar module could not load: ${(error as Error).message}`, error);
    });
  };
  const call = async <T>(operation: (module: KeytarModule) => Promise<T>): Promise<T> => {
    const module = await keytar();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unavailable(`the keychain did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([operation(module), timeout]);
    } catch (error) {
      if (error instanceof RapportError) throw error;
      throw unavailable(String((error as Error)?.message ?? error).split('\n')[0] ?? 'unknown error', error);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    get: (account) => call((k) => k.getPassword(KEYCHAIN_SERVICE, account)),
    set: (account, secret) => call((k) => k.setPassword(KEYCHAIN_SERVICE, account, secret)),
    delete: (account) => call((k) => k.deletePassword(KEYCHAIN_SERVICE, account)),
    accounts: () => call(async (k) => (await k.findCredentials(KEYCHAIN_SERVICE)).map((entry) => entry.account)),
  };
}

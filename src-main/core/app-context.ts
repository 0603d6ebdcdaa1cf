import { EventBus } from './events.js';
import { createLogger, type Logger, type LogLevel } from './log.js';
import { createOsKeychain, type Keychain } from './vault/keychain.js';
import { SecretStore } from './vault/secret-store.js';
import { Vault } from './vault/vault.js';

/** Everything a command handler may use. One per running app (window, server or CLI call). */
export interface AppContext {
  readonly dataDir: string;
  readonly vault: Vault;
  readonly secrets: SecretStore;
  readonly keychain: Keychain;
  readonly events: EventBus;
  readonly log: Logger;
  /** Injected so tests and benchmarks can pin "now"; everything time-based asks here. */
  now(): Date;
}

export interface AppContextOptions {
  dataDir: string;
  keychain?: Keychain;
  logLevel?: LogLevel;
  now?: () => Date;
}

export function createAppContext(options: AppContextOptions): AppContext {
  const keychain = options.keychain ?? createOsKeychain();
  const vault = new Vault(options.dataDir, keychain);
  return {
    dataDir: options.dataDir,
    vault,
    secrets: new SecretStore(vault, keychain),
    keychain,
    events: new EventBus(),
    log: createLogger(options.logLevel ?? 'warn'),
    now: options.now ?? (() => new Date()),
  };
}

/** Closes what the context holds open, and lets background work on the vault finish; adapters call it on exit. */
export async function disposeAppContext(context: AppContext): Promise<void> {
  context.vault.lock();
  await context.vault.settled();
}

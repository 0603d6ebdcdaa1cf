import { createOsKeychain, type Keychain } from '../../src-main/core/vault/keychain.js';

/**
 * The keychain tests use the real Secret Service (gnome-keyring) that scripts/test.sh starts in
 * a private dbus session. Outside it they fail with this message rather than silently passing.
 */
export function realKeychain(): Keychain {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('no dbus session: run the tests with `npm test` (scripts/test.sh starts gnome-keyring in a dbus session)');
  }
  return createOsKeychain();
}

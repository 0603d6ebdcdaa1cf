import type { vaultCommands } from '../../../src-shared/api/vault.js';
import type { HandlerTable } from '../handler.js';

export const vaultHandlers: HandlerTable<typeof vaultCommands> = {
  'vault.status': (_args, { vault }) => vault.status(),
  'vault.init': async ({ passphrase }, { vault, events }) => {
    const status = await vault.init(passphrase);
    events.emit({ type: 'data.changed', scope: 'vault' });
    return status;
  },
  'vault.unlock': ({ passphrase }, { vault }) => vault.unlock(passphrase),
  'vault.lock': (_args, { vault }) => vault.lock(),
  'vault.purge': async (_args, { vault, events }) => {
    const result = await vault.purge();
    events.emit({ type: 'data.changed', scope: 'vault' });
    return result;
  },
};

import type { settingsCommands } from '../../../src-shared/api/settings.js';
import type { HandlerTable } from '../handler.js';
import { readSettings, writeSetting } from './settings-store.js';

export const settingsHandlers: HandlerTable<typeof settingsCommands> = {
  'settings.get': (_args, { vault }) => readSettings(vault.db()),
  'settings.set': ({ key, value }, { vault, events }) => {
    const settings = writeSetting(vault.db(), key, value);
    events.emit({ type: 'data.changed', scope: 'settings' });
    return settings;
  },
};

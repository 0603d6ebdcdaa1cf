import { settingsSchema, type SettingKey, type Settings } from '../../../src-shared/api/settings.js';
import { RapportError } from '../errors.js';
import type { VaultDatabase } from '../vault/encrypted-database.js';

/** Settings live inside the vault, as JSON values; anything unset takes its schema default. */
export function readSettings(db: VaultDatabase): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    if (Object.hasOwn(settingsSchema.shape, row.key)) stored[row.key] = JSON.parse(row.value);
  }
  const parsed = settingsSchema.safeParse(stored);
  // A stored value that no longer fits (an older version wrote it) falls back to defaults.
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export function writeSetting(db: VaultDatabase, key: SettingKey, value: unknown): Settings {
  const result = settingsSchema.shape[key].safeParse(value);
  if (!result.success) {
    const message = result.error.issues[0]?.message ?? 'invalid value';
    throw new RapportError('invalid_args', `invalid value for setting ${key}: ${message}`, [{ path: 'value', message }]);
  }
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(result.data));
  return readSettings(db);
}

import { z } from 'zod';
import { command } from './define-command.js';

/**
 * Every user setting, with its default. Privacy-relevant ones default to the private choice.
 */
export const settingsSchema = z.object({
  /** Store message subjects in the vault. Off by default: Rapport needs addresses, not content. */
  storeSubjects: z.boolean().default(false),
  /** Half-life of an interaction's weight in the strength score. */
  strengthHalfLifeDays: z.number().int().min(1).max(3650).default(180),
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(settingsSchema.shape) as SettingKey[];

export const settingsCommands = {
  'settings.get': command<Settings>()(z.object({}).strict()),
  'settings.set': command<Settings>()(
    z
      .object({
        key: z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]),
        value: z.unknown(),
      })
      .strict(),
  ),
};

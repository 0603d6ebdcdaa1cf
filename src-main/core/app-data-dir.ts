import os from 'node:os';
import path from 'node:path';

/** The platform's per-user application-data folder for Rapport (what Electron's `userData` would be). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Rapport');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Rapport');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Rapport');
}

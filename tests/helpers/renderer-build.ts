import path from 'node:path';
import { build } from 'vite';

/** Builds the renderer into a scratch folder, as `npm run build:renderer` does for the app. */
export async function buildRenderer(outDir: string): Promise<string> {
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return outDir;
}

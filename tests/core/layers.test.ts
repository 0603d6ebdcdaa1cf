import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules of DESIGN.md are lint rules; these cases prove each rule bites. */
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => message.message);
}

describe('layer rules', () => {
  it('keeps src-shared free of Node, Electron, DOM globals and other layers', async () => {
    expect(await layerErrors('src-shared/api/x.ts', `import fs from 'node:fs';`)).not.toEqual([]);
    expect(await layerErrors('src-shared/api/x.ts', `import path from 'path';`)).not.toEqual([]);
    expect(await layerErrors('src-shared/api/x.ts', `import { app } from 'electron';`)).not.toEqual([]);
    expect(await layerErrors('src-shared/api/x.ts', `export const title = document.title;`)).not.toEqual([]);
    expect(await layerErrors('src-shared/api/x.ts', `export const home = process.env.HOME;`)).not.toEqual([]);
    expect(await layerErrors('src-shared/api/x.ts', `import { Vault } from '../../src-main/core/vault/vault.js';`)).not.toEqual([]);
    expect(await layerErrors('src-shared/api/x.ts', `import { z } from 'zod'; export const s = z.string();`)).toEqual([]);
  });

  it('lets only src-main/electron import electron', async () => {
    expect(await layerErrors('src-main/core/x.ts', `import { app } from 'electron';`)).not.toEqual([]);
    expect(await layerErrors('src-main/cli/x.ts', `import { app } from 'electron';`)).not.toEqual([]);
    expect(await layerErrors('src-relay/x.ts', `import { app } from 'electron';`)).not.toEqual([]);
    expect(await layerErrors('src-main/electron/x.ts', `import { app } from 'electron'; import fs from 'node:fs';`)).toEqual([]);
  });

  it('keeps the renderer and the relay away from src-main', async () => {
    expect(await layerErrors('src-renderer/x.tsx', `import { Vault } from '../src-main/core/vault/vault.js';`)).not.toEqual([]);
    expect(await layerErrors('src-renderer/x.tsx', `import fs from 'node:fs';`)).not.toEqual([]);
    expect(await layerErrors('src-relay/x.ts', `import { RapportError } from '../src-main/core/errors.js';`)).not.toEqual([]);
    expect(await layerErrors('src-relay/x.ts', `import { commands } from '../src-shared/api/index.js';`)).toEqual([]);
  });

  it('passes on the project as it stands', async () => {
    const results = await eslint.lintFiles(['src-shared', 'src-main', 'src-renderer']);
    const errors = results.flatMap((result) => result.messages.filter((message) => message.severity === 2).map((message) => `${result.filePath}: ${message.message}`));
    expect(errors).toEqual([]);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A fresh folder under the OS temp dir, removed after the test file finishes. */
export function makeTempDir(prefix = 'rapport-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file in a folder with its bytes, to prove "nothing changed" byte for byte. */
export function folderBytes(dir: string): Record<string, string> {
  const snapshot: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) snapshot[name] = fs.readFileSync(path.join(dir, name)).toString('base64');
  return snapshot;
}

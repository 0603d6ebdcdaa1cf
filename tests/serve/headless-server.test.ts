import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAppContext, type AppContext } from '../../src-main/core/app-context.js';
import { startHeadlessServer, type HeadlessServer } from '../../src-main/serve/headless-server.js';
import { launchChromium } from '../helpers/chromium.js';
import { buildRenderer } from '../helpers/renderer-build.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { noKeychain } from '../helpers/no-keychain.js';

let context: AppContext;
let server: HeadlessServer;

beforeAll(async () => {
  const rendererDir = await buildRenderer(path.join(makeTempDir(), 'renderer'));
  context = createAppContext({ dataDir: makeTempDir(), keychain: noKeychain });
  await context.vault.init('headless passphrase');
  server = await startHeadlessServer({ context, rendererDir });
});

afterAll(async () => {
  await server?.close();
  context?.vault.lock();
});

function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
  });
}

function call(socket: WebSocket, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(String(data))));
    socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('headless server', () => {
  it('serves the UI, which reaches the core over WebSocket in a real Chromium', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      await expect.poll(() => page.textContent('main'), { timeout: 15_000 }).toContain(`Vault in ${context.dataDir} (passphrase)`);
    } finally {
      await browser.close();
    }
  });

  it('answers commands, and gives structured errors for invalid arguments and bad messages', async () => {
    const socket = await openSocket(`ws://127.0.0.1:${server.port}/rapport?token=${server.token}`);
    expect(await call(socket, { id: 1, command: 'settings.get', args: {} })).toMatchObject({ id: 1, ok: true, result: { storeSubjects: false } });
    expect(await call(socket, { id: 2, command: 'settings.set', args: { key: 'storeSubjects', value: 'yes' } })).toMatchObject({
      id: 2,
      ok: false,
      error: { code: 'invalid_args', fields: [{ path: 'value' }] },
    });
    expect(await call(socket, { id: 3, command: 'vault.nuke', args: {} })).toMatchObject({ id: 3, ok: false, error: { code: 'unknown_command' } });
    expect(await call(socket, 'not json')).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    socket.close();
  });

  it('refuses sockets without the token or from another origin', async () => {
    await expect(openSocket(`ws://127.0.0.1:${server.port}/rapport?token=wrong`)).rejects.toThrow('HTTP 403');
    await expect(openSocket(`ws://127.0.0.1:${server.port}/rapport`)).rejects.toThrow('HTTP 403');
    await expect(openSocket(`ws://127.0.0.1:${server.port}/rapport?token=${server.token}`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('does not serve files outside the renderer folder', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/..%2F..%2Fetc%2Fpasswd`);
    expect(response.status).toBe(404);
  });
});

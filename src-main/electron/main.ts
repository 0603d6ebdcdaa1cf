import { app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppContext, disposeAppContext } from '../core/app-context.js';
import { dispatch } from '../core/command-table.js';
import { toErrorShape } from '../core/errors.js';
import { createHardenedWindow } from './hardened-window.js';
import { IPC_EVENT, IPC_INVOKE } from './ipc-channels.js';

/**
 * The Electron shell: a window and the IPC adapter over the command table. No business logic
 * here; everything the window can do is a command, validated by the core like any other caller.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, 'preload.cjs');
const indexHtml = path.join(here, '..', '..', '..', 'dist', 'renderer', 'index.html');

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(() => {
  const context = createAppContext({ dataDir: app.getPath('userData') });
  const window = createHardenedWindow(preloadPath, indexHtml);
  const isOurWindow = (event: IpcMainInvokeEvent) => event.sender === window.webContents;

  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, args: unknown) => {
    if (!isOurWindow(event)) return { ok: false, error: { code: 'internal', message: 'request from an unknown window' } };
    try {
      return { ok: true, result: await dispatch(context, String(name), args) };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  });
  const stopForwarding = context.events.on((event) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, event);
  });

  app.on('window-all-closed', () => {
    stopForwarding();
    void disposeAppContext(context).finally(() => app.quit());
  });
});

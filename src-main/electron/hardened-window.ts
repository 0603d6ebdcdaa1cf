import { BrowserWindow, session, shell } from 'electron';
import path from 'node:path';

/**
 * The only window: no Node in the renderer, context isolation, sandbox, no navigation away from
 * the bundled app, no new windows, no permission grants, and a strict content security policy.
 */
export function createHardenedWindow(preloadPath: string, indexHtml: string): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': ["default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'"],
      },
    });
  });
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Rapport',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const appUrl = new URL(`file://${path.resolve(indexHtml)}`).href;
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== appUrl) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(indexHtml);
  return window;
}

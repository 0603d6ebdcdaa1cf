import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { WIRE_PATH, type WireRequest, type WireServerMessage } from '../../src-shared/api/wire.js';
import type { AppContext } from '../core/app-context.js';
import { dispatch } from '../core/command-table.js';
import { toErrorShape } from '../core/errors.js';
import { serveStatic } from './static-files.js';

export interface HeadlessServer {
  /** Open this in a browser: it carries the token in the fragment, never sent to the server in logs. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface HeadlessServerOptions {
  context: AppContext;
  /** Folder of the built renderer (`vite build` output). */
  rendererDir: string;
  port?: number;
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function parseRequest(data: unknown): WireRequest | null {
  try {
    const message = JSON.parse(String(data)) as Partial<WireRequest>;
    if (typeof message.id !== 'number' || typeof message.command !== 'string') return null;
    return { id: message.id, command: message.command, args: message.args ?? {} };
  } catch {
    return null;
  }
}

/**
 * The headless adapter: the renderer in any browser, the command table over WebSocket, on
 * 127.0.0.1 only. A random token guards the socket, and the Origin and Host must be this server
 * itself, so other pages and DNS-rebinding sites on the same machine cannot drive it.
 */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = crypto.randomBytes(24).toString('base64url');
  const server = http.createServer((request, response) => serveStatic(options.rendererDir, request.url ?? '/', response));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const trusted =
      url.pathname === WIRE_PATH &&
      sameToken(url.searchParams.get('token'), token) &&
      request.headers.host === `127.0.0.1:${port}` &&
      (request.headers.origin === undefined || request.headers.origin === origin);
    if (!trusted) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client));
  });

  sockets.on('connection', (client: WebSocket) => {
    const send = (message: WireServerMessage) => {
      if (client.readyState === client.OPEN) client.send(JSON.stringify(message));
    };
    const stopEvents = options.context.events.on((event) => send({ event }));
    client.on('close', stopEvents);
    client.on('message', async (data) => {
      const request = parseRequest(data);
      if (!request) {
        send({ id: -1, ok: false, error: { code: 'invalid_args', message: 'malformed request: expected {"id": number, "command": string, "args": object}' } });
        return;
      }
      try {
        send({ id: request.id, ok: true, result: await dispatch(options.context, request.command, request.args) });
      } catch (error) {
        send({ id: request.id, ok: false, error: toErrorShape(error) });
      }
    });
  });

  return {
    url: `${origin}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A loopback proxy that answers the client's first N `UID FETCH` commands itself with a Gmail-style
 * throttling refusal (`NO [THROTTLED]`), forwarding everything else to the real server. The
 * shared imap-proxy.ts only drops connections; this is the one fault it cannot make.
 */
import net from 'node:net';
import { listenOnLoopback } from '../helpers/loopback-listener.js';

export interface ThrottlingProxy {
  host: '127.0.0.1';
  port: number;
  /** Refusals sent so far. */
  refused(): number;
  close(): Promise<void>;
}

export async function startThrottlingProxy(target: { host: string; port: number }, refusals: number): Promise<ThrottlingProxy> {
  let refused = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    let pending = '';
    client.on('data', (chunk: Buffer) => {
      // Commands are lines; a command with a literal ({n}) never holds "UID FETCH", so line-wise is enough here.
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, end + 1);
        pending = pending.slice(end + 1);
        const fetch = /^(\S+) UID FETCH /i.exec(line);
        if (fetch && refused < refusals) {
          refused++;
          client.write(`${fetch[1]} NO [THROTTLED] Too many requests, slow down\r\n`);
        } else {
          upstream.write(Buffer.from(line, 'latin1'));
        }
      }
    });
  });
  return { ...(await listenOnLoopback(server, sockets)), refused: () => refused };
}

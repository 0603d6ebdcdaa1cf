/**
 * A loopback TCP proxy in front of an IMAP server. It records what the client sends (to prove
 * which commands a sync issued) and injects faults (dropped connections, mid-fetch drops).
 * Point it at Dovecot's plaintext port so the recorded commands are readable.
 */
import net from 'node:net';

export interface ImapProxyOptions {
  targetHost: string;
  targetPort: number;
  /** Pass the server's bytes on at this rate: a slow link, so a sync lasts long enough to be interrupted at chosen moments. */
  serverBytesPerSecond?: number;
}

export interface ImapProxy {
  host: '127.0.0.1';
  port: number;
  /** Every byte any client sent, decoded as UTF-8, in arrival order. */
  clientBytes(): string;
  /** Number of bytes the server sent to clients so far. */
  serverByteCount(): number;
  /** Forget what was recorded so far. */
  resetRecording(): void;
  /** Connections accepted so far (including dropped ones). */
  connectionCount(): number;
  /** Connections currently open. */
  activeConnections(): number;
  /**
   * Once the server has sent `n` more bytes (counted across connections), forward exactly those
   * bytes, then destroy every client and server socket: a connection lost mid-fetch. One-shot.
   */
  dropAllConnectionsAfterServerBytes(n: number): void;
  /** Accept and immediately close the next `k` connections, before any greeting. */
  dropNextConnections(k: number): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
}

export async function startImapProxy(opts: ImapProxyOptions): Promise<ImapProxy> {
  const recorded: Buffer[] = [];
  const pairs = new Set<Pair>();
  let serverBytes = 0;
  let accepted = 0;
  let toDrop = 0;
  let dropAfter: number | null = null;

  const destroyAll = (): void => {
    for (const p of pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    pairs.clear();
  };

  const server = net.createServer((client) => {
    accepted++;
    if (toDrop > 0) {
      toDrop--;
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: opts.targetHost, port: opts.targetPort });
    const pair: Pair = { client, upstream };
    pairs.add(pair);
    const teardown = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', teardown).on('close', teardown);
    upstream.on('error', teardown).on('close', teardown);

    client.on('data', (chunk: Buffer) => {
      recorded.push(chunk);
      forward(client, upstream, chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (dropAfter !== null && chunk.length >= dropAfter) {
        const head = chunk.subarray(0, dropAfter);
        dropAfter = null;
        serverBytes += head.length;
        upstream.pause();
        client.write(head, destroyAll); // let the partial response reach the client, then cut
        return;
      }
      if (dropAfter !== null) dropAfter -= chunk.length;
      serverBytes += chunk.length;
      const rate = opts.serverBytesPerSecond;
      if (rate === undefined) {
        forward(upstream, client, chunk);
        return;
      }
      upstream.pause();
      setTimeout(() => {
        forward(upstream, client, chunk);
        if (!client.destroyed && client.writableNeedDrain === false) upstream.resume();
      }, Math.ceil((chunk.length / rate) * 1000));
    });
  });

  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    clientBytes: () => Buffer.concat(recorded).toString('utf8'),
    serverByteCount: () => serverBytes,
    resetRecording() {
      recorded.length = 0;
      serverBytes = 0;
    },
    connectionCount: () => accepted,
    activeConnections: () => pairs.size,
    dropAllConnectionsAfterServerBytes(n) {
      if (!(n >= 0)) throw new Error('n must be >= 0');
      dropAfter = n;
      if (n === 0) destroyAll();
    },
    dropNextConnections(k) {
      toDrop = k;
    },
    close() {
      destroyAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Write with backpressure: pause the source until the destination drains. */
function forward(src: net.Socket, dst: net.Socket, chunk: Buffer): void {
  if (dst.destroyed) return;
  if (!dst.write(chunk)) {
    src.pause();
    dst.once('drain', () => src.resume());
  }
}

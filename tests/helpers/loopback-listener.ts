import net from 'node:net';

export interface LoopbackListener {
  host: '127.0.0.1';
  port: number;
  /** Drops every tracked socket first, so closing never waits for a client to hang up. */
  close(): Promise<void>;
}

/** Listens on an ephemeral loopback port; `sockets` is the set the server's connection handler keeps. */
export async function listenOnLoopback(server: net.Server, sockets: ReadonlySet<net.Socket>): Promise<LoopbackListener> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: '127.0.0.1',
    port: (server.address() as net.AddressInfo).port,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

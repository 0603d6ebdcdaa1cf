/**
 * A loopback IMAP server that answers just enough for imapflow to log in and EXAMINE INBOX, and
 * answers each `UID FETCH` with bytes a test scripts: responses no real server in the test setup
 * sends (odd shapes, garbage, a throttling refusal halfway through), byte for byte.
 */
import net from 'node:net';
import { listenOnLoopback } from '../helpers/loopback-listener.js';

export interface ScriptedImapServer {
  host: '127.0.0.1';
  port: number;
  /** UID FETCH commands received so far. */
  fetches(): number;
  close(): Promise<void>;
}

/** Sends an answer in pieces of this many bytes, each in a write of its own: responses then arrive split at every kind of place. */
export interface ScriptedImapServerOptions {
  pieceBytes?: number;
}

function writeInPieces(socket: net.Socket, bytes: Buffer, pieceBytes: number): void {
  let offset = 0;
  const writeNext = () => {
    if (socket.destroyed || offset >= bytes.length) return;
    socket.write(bytes.subarray(offset, offset + pieceBytes));
    offset += pieceBytes;
    setImmediate(writeNext);
  };
  writeNext();
}

/** `answerFetch(n, tag)`: the raw bytes answering the n-th UID FETCH (from 1), its tagged completion included. */
export async function startScriptedImapServer(answerFetch: (n: number, tag: string) => string | Buffer, options: ScriptedImapServerOptions = {}): Promise<ScriptedImapServer> {
  const capabilities = 'IMAP4rev1';
  let fetches = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.write(`* OK [CAPABILITY ${capabilities}] scripted server ready\r\n`);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, end).replace(/\r$/, '');
        pending = pending.slice(end + 1);
        const [tag = '*', command = ''] = line.split(' ');
        const verb = command.toUpperCase();
        if (verb === 'CAPABILITY') socket.write(`* CAPABILITY ${capabilities}\r\n${tag} OK done\r\n`);
        else if (verb === 'LOGIN') socket.write(`${tag} OK [CAPABILITY ${capabilities}] logged in\r\n`);
        else if (verb === 'EXAMINE' || verb === 'SELECT') {
          socket.write(`* FLAGS (\\Seen \\Draft)\r\n* 7 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 100] ok\r\n${tag} OK [READ-ONLY] done\r\n`);
        } else if (verb === 'UID' && /^UID FETCH /i.test(line.slice(tag.length + 1))) {
          const answer = answerFetch(++fetches, tag);
          if (options.pieceBytes) writeInPieces(socket, Buffer.isBuffer(answer) ? answer : Buffer.from(answer, 'latin1'), options.pieceBytes);
          else socket.write(answer);
        } else if (verb === 'LOGOUT') {
          socket.end(`* BYE bye\r\n${tag} OK done\r\n`);
        } else {
          socket.write(`${tag} OK done\r\n`);
        }
      }
    });
  });
  return { ...(await listenOnLoopback(server, sockets)), fetches: () => fetches };
}

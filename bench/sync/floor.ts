import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { planFolders } from '../../src-main/core/mail/sync/plan-folders.js';
import { HEADER_FIELDS } from '../../src-main/core/network/headers/index.js';
import type { DovecotServer } from '../../tests/helpers/dovecot.js';

export interface FloorRun {
  messages: number;
  ms: number;
  cpuMs: number;
}

type FloorServer = Pick<DovecotServer, 'host' | 'imapsPort' | 'caFile'>;

/**
 * The floor: a bare imapflow session that fetches the same header fields (UID, INTERNALDATE,
 * BODY.PEEK[HEADER.FIELDS (...)]) of the same folders over the same TLS connection, streaming
 * each folder with one `fetch('1:*')`, and does nothing with them.
 */
export async function floorFetch(server: FloorServer): Promise<FloorRun> {
  const client = new ImapFlow({
    host: server.host,
    port: server.imapsPort,
    secure: true,
    tls: { ca: [fs.readFileSync(server.caFile)] },
    auth: { user: 'alice', pass: 'alice-password' },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => undefined);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await client.connect();
  const listed = await client.list();
  const plan = planFolders(listed, { gmail: false, excluded: [] });
  let messages = 0;
  for (const folder of plan.folders) {
    await client.mailboxOpen(folder.path, { readOnly: true });
    for await (const message of client.fetch('1:*', { uid: true, internalDate: true, headers: [...HEADER_FIELDS] }, { uid: true })) {
      if (message.headers) messages++;
    }
  }
  await client.logout();
  const used = process.cpuUsage(cpu);
  return { messages, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

const SELF = fileURLToPath(import.meta.url);

/**
 * The same floor in a fresh Node process, timed from connect to logout as `rapport sync` times
 * its own sync: imapflow's code then runs before V8 has compiled it, as the sync's does in a
 * `rapport sync` process. Comparing a cold process with a warmed-up floor would charge the sync
 * for Node's JIT warm-up.
 */
export async function coldFloorFetch(server: FloorServer): Promise<FloorRun> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', SELF, JSON.stringify({ host: server.host, imapsPort: server.imapsPort, caFile: server.caFile })]);
  return JSON.parse(stdout) as FloorRun;
}

if (process.argv[1] === SELF) {
  const run = await floorFetch(JSON.parse(process.argv[2]!) as FloorServer);
  process.stdout.write(JSON.stringify(run) + '\n');
}

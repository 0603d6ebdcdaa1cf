import fs from 'node:fs';
import { ImapFlow } from 'imapflow';
import { planFolders } from '../../src-main/core/mail/sync/plan-folders.js';
import { HEADER_FIELDS } from '../../src-main/core/network/headers/index.js';
import type { DovecotServer } from '../../tests/helpers/dovecot.js';

export interface FloorRun {
  messages: number;
  ms: number;
  cpuMs: number;
}

/**
 * The floor: a bare imapflow session that fetches the same header fields (UID, INTERNALDATE,
 * BODY.PEEK[HEADER.FIELDS (...)]) of the same folders over the same TLS connection, streaming
 * each folder with one `fetch('1:*')`, and does nothing with them.
 */
export async function floorFetch(server: DovecotServer): Promise<FloorRun> {
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

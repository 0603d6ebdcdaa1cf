/**
 * `npm run bench:sync`: how fast and how lean `rapport sync` reads a large mailbox, against the
 * floor (a bare imapflow fetch of the same header fields) and the power user's peer (mbsync to a
 * local Maildir, `notmuch new`, `notmuch address`). Mailboxes (10,000 and 100,000 messages, 5%
 * with attachments) are generated once under bench-results/ and served by a throwaway Dovecot on
 * loopback over TLS.
 *
 *   npm run bench:sync [-- --sizes 10000,100000] [--repeat 3] [--peer-sizes 10000,100000] [--no-peer]
 *
 * Reports, per size: (a) the floor, warmed up in this process and in a fresh Node process (as the
 * `rapport sync` process runs its code cold); (b) a sync into an empty vault, in this process through the
 * command table, and as a `rapport sync` process (the sync's time as it reports it, and the whole
 * process, which also waits for the WAL checkpoint the sync leaves to a worker thread); (c) a re-sync with no new mail; (d) peak RSS of
 * the `rapport sync` process (and of the sync alone, apart from the vault unlock); the peer and
 * its ratio. Timings are medians of --repeat runs after one warm-up fetch (Dovecot's index and
 * cache then serve every run alike). Needs the build (`npm run build`), which it runs first.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppContext } from '../src-main/core/app-context.js';
import { run } from '../src-main/core/command-table.js';
import { startDovecot } from '../tests/helpers/dovecot.js';
import { childSync, cliSync, cliVault, BENCH_PASSPHRASE, type ProcessRun, type SyncMemory } from './sync/cli-runs.js';
import { coldFloorFetch, floorFetch, type FloorRun } from './sync/floor.js';
import { BENCH_OWNER_ALIAS, benchMailbox } from './sync/mailbox-cache.js';
import { peerRun, type PeerRun } from './sync/peer.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    repeat: { type: 'string', default: '3' },
    'peer-sizes': { type: 'string' },
    'no-peer': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const repeat = Math.max(1, Number(values.repeat));
const peerSizes = values['no-peer'] ? [] : (values['peer-sizes'] ?? values.sizes).split(',').map(Number);

const log = (line: string) => process.stderr.write(line + '\n');
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const megabytes = (kb: number) => `${Math.round(kb / 1024)} MB`;

interface SizeResult {
  messages: number;
  read: number;
  floor: FloorRun[];
  coldFloor: FloorRun[];
  inProcess: { ms: number; cpuMs: number; checkpointMs: number }[];
  resync: number[];
  cli: ProcessRun[];
  cliResync: ProcessRun;
  memory: SyncMemory;
  peer: PeerRun | null;
}

async function inProcessSync(server: Awaited<ReturnType<typeof startDovecot>>, owner: string, scratch: string) {
  const dataDir = fs.mkdtempSync(path.join(scratch, 'in-process-'));
  const unused = () => Promise.reject(new Error('no keychain in the bench'));
  const context = createAppContext({ dataDir, keychain: { get: unused, set: unused, delete: unused, accounts: unused } });
  await run(context, 'vault.init', { passphrase: BENCH_PASSPHRASE });
  await run(context, 'accounts.add', { address: owner, host: server.host, port: server.imapsPort, username: 'alice', secret: 'alice-password', caFile: server.caFile, aliases: [BENCH_OWNER_ALIAS] });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await run(context, 'mail.sync', {});
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const failed = report.accounts.find((account) => account.status !== 'ok');
  if (failed) throw new Error(`bench sync failed: ${failed.error?.message}`);
  // The WAL checkpoint the sync leaves to a worker thread (not timed above) must not overlap the next measurement.
  await context.vault.settled();
  const checkpointMs = context.vault.lastCheckpoint?.ms ?? 0;
  return { context, dataDir, ms, cpuMs: (used.user + used.system) / 1000, checkpointMs, read: report.totals.messagesRead };
}

async function benchSize(messages: number): Promise<SizeResult> {
  const { maildir, summary } = benchMailbox(path.join(ROOT, 'bench-results', 'mailboxes'), messages, log);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-sync-'));
  // No rawlog: the proof-of-read-only logging of the tests would make Dovecot write every response to disk too.
  const server = await startDovecot({ users: [{ user: 'alice', pass: 'alice-password', maildir }], rawlog: false });
  try {
    const owner = { address: summary.owner, aliases: [BENCH_OWNER_ALIAS] };
    log(`${messages.toLocaleString('en-US')} messages: warm-up fetch`);
    await floorFetch(server);

    const floor: FloorRun[] = [];
    const coldFloor: FloorRun[] = [];
    const inProcess: { ms: number; cpuMs: number; checkpointMs: number }[] = [];
    const cli: ProcessRun[] = [];
    let read = 0;
    let resync: number[] = [];
    let cliResync: ProcessRun | null = null;
    let memory: SyncMemory | null = null;
    for (let round = 1; round <= repeat; round++) {
      // Interleaved, so a busy moment of the machine hits every kind of run alike.
      floor.push(await floorFetch(server));
      coldFloor.push(await coldFloorFetch(server));
      log(`  round ${round}: floor ${seconds(floor.at(-1)!.ms)}, in a fresh process ${seconds(coldFloor.at(-1)!.ms)}`);

      const synced = await inProcessSync(server, summary.owner, scratch);
      inProcess.push({ ms: synced.ms, cpuMs: synced.cpuMs, checkpointMs: synced.checkpointMs });
      read = synced.read;
      log(`  round ${round}: sync in-process ${seconds(synced.ms)} (${read.toLocaleString('en-US')} messages), then the WAL checkpoint on a worker ${seconds(synced.checkpointMs)}`);
      if (round === repeat) {
        resync = [];
        for (let index = 0; index < 5; index++) {
          const started = performance.now();
          const again = await run(synced.context, 'mail.sync', {});
          if (again.totals.messagesRead !== 0) throw new Error('a re-sync without new mail read messages');
          resync.push(performance.now() - started);
        }
      }
      synced.context.vault.lock();
      await synced.context.vault.settled();
      fs.rmSync(synced.dataDir, { recursive: true, force: true });

      const dir = fs.mkdtempSync(path.join(scratch, 'cli-'));
      const dataDir = await cliVault(server, dir, owner);
      cli.push(await cliSync(dataDir));
      log(`  round ${round}: rapport sync process ${seconds(cli.at(-1)!.wallMs)} (sync alone ${seconds(cli.at(-1)!.syncMs)}), max RSS ${megabytes(cli.at(-1)!.maxRssKB)}`);
      if (round === repeat) {
        cliResync = await cliSync(dataDir);
        const memoryDir = fs.mkdtempSync(path.join(scratch, 'memory-'));
        memory = await childSync(await cliVault(server, memoryDir, owner));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }

    let peer: PeerRun | null = null;
    if (peerSizes.includes(messages)) {
      log(`  peer: mbsync + notmuch new + notmuch address (minutes at 100k) ...`);
      const planned = ['Sent', 'Archive', 'INBOX', 'Projects/Acme'];
      peer = await peerRun(server, planned, path.join(scratch, 'peer'), owner);
      log(`  peer: ${seconds(peer.totalMs)}`);
    }
    return { messages, read, floor, coldFloor, inProcess, resync, cli, cliResync: cliResync!, memory: memory!, peer };
  } finally {
    await server.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function report(results: SizeResult[]): string {
  const rows: [string, ...string[]][] = [['', ...results.map((result) => `${result.messages.toLocaleString('en-US')} messages`)]];
  const add = (label: string, cell: (result: SizeResult) => string) => rows.push([label, ...results.map(cell)]);
  const floorMs = (result: SizeResult) => median(result.floor.map((entry) => entry.ms));
  add('header blocks read', (result) => result.read.toLocaleString('en-US'));
  add('(a) floor: bare imapflow fetch', (result) => `${seconds(floorMs(result))} (CPU ${seconds(median(result.floor.map((entry) => entry.cpuMs)))})`);
  const coldFloorMs = (result: SizeResult) => median(result.coldFloor.map((entry) => entry.ms));
  add('    floor in a fresh Node process', (result) => `${seconds(coldFloorMs(result))} (CPU ${seconds(median(result.coldFloor.map((entry) => entry.cpuMs)))})`);
  add('(b) sync from empty, in-process', (result) => {
    const ms = median(result.inProcess.map((entry) => entry.ms));
    return `${seconds(ms)} = ${(ms / floorMs(result)).toFixed(2)}x floor (CPU ${seconds(median(result.inProcess.map((entry) => entry.cpuMs)))})`;
  });
  add('    then: WAL checkpoint on a worker thread', (result) => seconds(median(result.inProcess.map((entry) => entry.checkpointMs))));
  add('    sync alone in `rapport sync`', (result) => {
    const ms = median(result.cli.map((entry) => entry.syncMs));
    return `${seconds(ms)} = ${(ms / floorMs(result)).toFixed(2)}x floor, ${(ms / coldFloorMs(result)).toFixed(2)}x fresh-process floor`;
  });
  add('    `rapport sync` process (start, unlock, sync, checkpoint)', (result) => seconds(median(result.cli.map((entry) => entry.wallMs))));
  add('(c) re-sync, no new mail, in-process', (result) => seconds(median(result.resync)));
  add('    `rapport sync` process', (result) => `${seconds(result.cliResync.wallMs)} (sync alone ${seconds(result.cliResync.syncMs)})`);
  add('(d) peak RSS, `rapport sync` process', (result) => megabytes(Math.max(...result.cli.map((entry) => entry.maxRssKB))));
  add('    after unlock / after sync (own process)', (result) => `${megabytes(result.memory.maxRssAfterUnlockKB)} / ${megabytes(result.memory.maxRssAfterSyncKB)} (sampled ${megabytes(result.memory.sampledPeakRssKB)})`);
  add('peer: mbsync (full messages)', (result) => (result.peer ? seconds(result.peer.mbsyncMs) : '-'));
  add('peer: notmuch new', (result) => (result.peer ? seconds(result.peer.notmuchNewMs) : '-'));
  add('peer: notmuch address', (result) => (result.peer ? `${seconds(result.peer.notmuchAddressMs)} (${result.peer.addresses} addresses)` : '-'));
  add('peer total / `rapport sync` process', (result) => (result.peer ? `${seconds(result.peer.totalMs)} = ${(result.peer.totalMs / median(result.cli.map((entry) => entry.wallMs))).toFixed(1)}x` : '-'));
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

log('building (the `rapport sync` process runs the built CLI) ...');
try {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'ignore' });
} catch {
  log('  tsc reported errors (it still emits); continuing with the build in out/');
}
const results: SizeResult[] = [];
for (const size of sizes) results.push(await benchSize(size));
const table = report(results);
const cpus = os.cpus();
const header = `${new Date().toISOString()} · ${cpus.length} × ${cpus[0]?.model ?? 'cpu'} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.versions.node} · load ${os.loadavg().map((value) => value.toFixed(1)).join(' ')} · median of ${repeat}`;
process.stdout.write(`${header}\n\n${table}\n`);
fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench-results', `sync-${Date.now()}.json`), JSON.stringify({ header, results }, null, 2));

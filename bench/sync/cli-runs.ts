import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DovecotServer } from '../../tests/helpers/dovecot.js';

const exec = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RAPPORT = path.join(ROOT, 'bin', 'rapport.js');
export const BENCH_PASSPHRASE = 'bench sync passphrase';

export interface ProcessRun {
  /** Wall time of the whole process: Node start, vault unlock (scrypt), sync, close. */
  wallMs: number;
  /** ru_maxrss of the process. */
  maxRssKB: number;
  /** The sync alone, as the command reports it. */
  syncMs: number;
  messagesRead: number;
}

const env = () => ({ ...process.env, RAPPORT_PASSPHRASE: BENCH_PASSPHRASE, BENCH_IMAP_PASSWORD: 'alice-password' });

/** A fresh passphrase vault with the bench account, made through the CLI (not timed). */
export async function cliVault(server: DovecotServer, dir: string, owner: { address: string; aliases: string[] }): Promise<string> {
  const dataDir = path.join(dir, 'vault');
  await exec(process.execPath, [RAPPORT, '--data-dir', dataDir, 'init'], { env: env() });
  const aliases = owner.aliases.flatMap((alias) => ['--alias', alias]);
  await exec(
    process.execPath,
    [RAPPORT, '--data-dir', dataDir, 'account', 'add', '--email', owner.address, '--host', server.host, '--port', String(server.imapsPort), '--user', 'alice', '--password-env', 'BENCH_IMAP_PASSWORD', '--ca-file', server.caFile, ...aliases],
    { env: env() },
  );
  return dataDir;
}

/** `rapport sync --json` under /usr/bin/time, for its wall time and peak memory. */
export async function cliSync(dataDir: string): Promise<ProcessRun> {
  const timeFile = path.join(path.dirname(dataDir), 'time.txt');
  const started = performance.now();
  const { stdout } = await exec('/usr/bin/time', ['-o', timeFile, '-f', '%M', process.execPath, RAPPORT, '--data-dir', dataDir, 'sync', '--json'], { env: env(), maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  const report = JSON.parse(stdout) as { elapsedMs: number; totals: { messagesRead: number }; accounts: { status: string; error: { message: string } | null }[] };
  const failed = report.accounts.find((account) => account.status !== 'ok');
  if (failed) throw new Error(`bench sync failed: ${failed.error?.message}`);
  return { wallMs, maxRssKB: Number(fs.readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)), syncMs: report.elapsedMs, messagesRead: report.totals.messagesRead };
}

export interface SyncMemory {
  ms: number;
  maxRssAfterUnlockKB: number;
  maxRssAfterSyncKB: number;
  sampledPeakRssKB: number;
}

/** The sync in a process of its own, to tell its memory from the unlock's (see sync-child.mjs). */
export async function childSync(dataDir: string): Promise<SyncMemory> {
  const { stdout } = await exec(process.execPath, [path.join(ROOT, 'bench', 'sync', 'sync-child.mjs'), dataDir, BENCH_PASSPHRASE], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as SyncMemory;
}

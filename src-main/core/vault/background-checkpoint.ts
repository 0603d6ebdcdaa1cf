import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { keyPragmas } from './encrypted-database.js';

export interface CheckpointReport {
  /** Pages in the WAL, and of them copied into the database file (SQLite's wal_checkpoint result). */
  walPages: number;
  checkpointedPages: number;
  ms: number;
}

interface CheckpointJob {
  /** Absolute path of the SQLite driver, so the worker loads the very module this thread uses. */
  driver: string;
  file: string;
  keyPragmas: string[];
}

/**
 * The worker's whole program, kept here as text (run with `eval`), so it needs no file of its own
 * next to the compiled code, the TypeScript sources or inside a packaged app. PASSIVE: it never
 * waits for, nor blocks, the main connection's readers and writers.
 */
const WORKER_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const started = performance.now();
const db = new Database(workerData.file, { fileMustExist: true });
try {
  for (const pragma of workerData.keyPragmas) db.pragma(pragma);
  db.pragma('busy_timeout = 5000');
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ walPages: result.log, checkpointedPages: result.checkpointed, ms: performance.now() - started });
} finally {
  db.close();
}
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');

/**
 * Copies the vault's WAL into its database file on a worker thread. A sync lets the WAL grow to
 * tens of MB and then checkpoints once; in SQLite3 Multiple Ciphers every copied page is
 * decrypted from the WAL and encrypted again into the database (about 0.6 s for 12,000 pages
 * here), which on the main thread would stall every command, and the app's window, that long.
 * WAL mode lets another connection do it while the main one reads and writes (SQLite's own
 * advice for large WALs). Everything is already committed and durable in the WAL: if the
 * checkpoint fails or the process ends first, the next checkpoint (or SQLite, when the last
 * connection closes) does the copy.
 *
 * Resolves with what was copied; rejects when the worker could not open the vault or run.
 */
export function checkpointInBackground(file: string, key: Buffer): Promise<CheckpointReport> {
  const job: CheckpointJob = { driver: driverPath, file, keyPragmas: keyPragmas(key) };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_PROGRAM, { eval: true, workerData: job });
    let report: CheckpointReport | null = null;
    worker.once('message', (message: CheckpointReport) => (report = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (report) resolve(report);
      else reject(new Error(`WAL checkpoint worker exited with code ${code} before reporting`));
    });
  });
}

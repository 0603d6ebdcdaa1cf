/**
 * `npm run bench:queries`: the everyday queries on a vault of DESIGN's scale (20,000 contacts,
 * 1,000,000 interactions), through the command table exactly as the UI calls them.
 *
 *   npx tsx bench/queries.ts [--contacts N] [--interactions N] [--runs N]
 *
 * Target: each under 20 ms median. Prints median and p95 over many runs (after warm-up).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandName } from '../src-shared/api/index.js';
import { createAppContext } from '../src-main/core/app-context.js';
import { run } from '../src-main/core/command-table.js';
import { BENCH_PASSPHRASE, generateVault, noKeychain } from './generate-vault.js';

const { values } = parseArgs({
  options: { contacts: { type: 'string' }, interactions: { type: 'string' }, runs: { type: 'string' } },
});
const contacts = Number(values.contacts ?? 20_000);
const interactions = Number(values.interactions ?? 1_000_000);
const runs = Number(values.runs ?? 200);
const TARGET_MS = 20;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-queries-'));
const now = new Date();

try {
  process.stdout.write(`Generating a vault of ${contacts.toLocaleString('en')} contacts and ${interactions.toLocaleString('en')} interactions...\n`);
  const { vault, generated } = await generateVault(dataDir, { contacts, interactions, now });
  vault.lock();
  const size = fs.statSync(path.join(dataDir, 'rapport.db')).size + (fs.existsSync(path.join(dataDir, 'rapport.db-wal')) ? fs.statSync(path.join(dataDir, 'rapport.db-wal')).size : 0);
  process.stdout.write(
    `  rows inserted in ${(generated.insertMs / 1000).toFixed(1)} s, contact stats computed in ${(generated.refreshMs / 1000).toFixed(1)} s; vault ${(size / 1e6).toFixed(0)} MB\n`,
  );

  // A fresh context, as the app has after unlocking: nothing cached from generation.
  const context = createAppContext({ dataDir, keychain: noKeychain, now: () => now });
  await run(context, 'vault.unlock', { passphrase: BENCH_PASSPHRASE });
  const heavyCount = context.vault.db().prepare('SELECT count(*) FROM interactions WHERE contact_id = ?').pluck().get(generated.heavyContactId) as number;
  const typicalCount = context.vault.db().prepare('SELECT count(*) FROM interactions WHERE contact_id = ?').pluck().get(generated.typicalContactId) as number;

  const cases: { label: string; name: CommandName; args: unknown }[] = [
    { label: 'Today (followups.today)', name: 'followups.today', args: {} },
    { label: 'contacts by strength, first page of 50 (contacts.list)', name: 'contacts.list', args: { limit: 50 } },
    { label: 'search as you type, 1 letter "a" (contacts.search)', name: 'contacts.search', args: { query: 'a' } },
    { label: 'search as you type, 2 letters "an"', name: 'contacts.search', args: { query: 'an' } },
    { label: 'search as you type, 3 letters "ann"', name: 'contacts.search', args: { query: 'ann' } },
    { label: `history, heaviest contact (${heavyCount.toLocaleString('en')} interactions) (contacts.history)`, name: 'contacts.history', args: { contact: generated.heavyContactId } },
    { label: `history, median contact (${typicalCount} interactions)`, name: 'contacts.history', args: { contact: generated.typicalContactId } },
  ];

  const rows: { label: string; median: number; p95: number; results: string }[] = [];
  for (const entry of cases) {
    const timings: number[] = [];
    let last: unknown;
    for (let index = 0; index < 10; index++) last = await run(context, entry.name, entry.args);
    for (let index = 0; index < runs; index++) {
      const start = performance.now();
      last = await run(context, entry.name, entry.args);
      timings.push(performance.now() - start);
    }
    timings.sort((a, b) => a - b);
    const percentile = (p: number) => timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))]!;
    rows.push({ label: entry.label, median: percentile(50), p95: percentile(95), results: describeResult(last) });
  }
  context.vault.lock();

  const width = Math.max(...rows.map((row) => row.label.length));
  process.stdout.write(`\n${'query'.padEnd(width)}  median ms  p95 ms  target  result\n`);
  for (const row of rows) {
    const ok = row.median < TARGET_MS ? 'ok' : 'MISSED';
    process.stdout.write(`${row.label.padEnd(width)}  ${row.median.toFixed(2).padStart(9)}  ${row.p95.toFixed(2).padStart(6)}  ${ok.padStart(6)}  ${row.results}\n`);
  }
  process.stdout.write(`\n${runs} runs each after 10 warm-up runs; target: median under ${TARGET_MS} ms. Node ${process.version}, ${os.cpus().length} cores.\n`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function describeResult(value: unknown): string {
  if (Array.isArray(value)) return `${value.length} rows`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('dueTotal' in record) return `${String(record.dueTotal)} due, ${(record.tasks as unknown[]).length} tasks, ${String(record.newPeopleTotal)} new`;
    if ('months' in record) return `${(record.months as unknown[]).length} months`;
  }
  return '';
}

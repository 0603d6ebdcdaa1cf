/**
 * JSON export → import into a fresh vault → export again, at DESIGN's scale: times, peak memory,
 * and whether the two exports are byte-identical.
 *
 *   npx tsx bench/round-trip.ts [contacts] [interactions]      (default 20,000 and 1,000,000)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext } from '../src-main/core/app-context.js';
import { run } from '../src-main/core/command-table.js';
import { BENCH_PASSPHRASE, generateVault, noKeychain } from './generate-vault.js';

const contacts = Number(process.argv[2] ?? 20_000);
const interactions = Number(process.argv[3] ?? 1_000_000);
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-round-trip-'));
const now = new Date();
const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1);
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

try {
  const { vault } = await generateVault(path.join(base, 'source'), { contacts, interactions, now });
  vault.lock();
  const source = createAppContext({ dataDir: path.join(base, 'source'), keychain: noKeychain, now: () => now });
  await run(source, 'vault.unlock', { passphrase: BENCH_PASSPHRASE });
  const target = createAppContext({ dataDir: path.join(base, 'target'), keychain: noKeychain, now: () => now });
  await run(target, 'vault.init', { passphrase: BENCH_PASSPHRASE });

  let start = performance.now();
  const first = await run(source, 'portability.export', { format: 'json', path: path.join(base, 'first.json') });
  process.stdout.write(`export JSON: ${seconds(start)} s, ${(first.bytes / 1e6).toFixed(0)} MB\n`);
  start = performance.now();
  const imported = await run(target, 'portability.import', { path: path.join(base, 'first.json') });
  process.stdout.write(`import into a fresh vault: ${seconds(start)} s (${imported.contactsCreated} contacts, ${imported.interactionsAdded} interactions)\n`);
  await run(target, 'portability.export', { format: 'json', path: path.join(base, 'second.json') });
  process.stdout.write(`second export identical: ${sha256(path.join(base, 'first.json')) === sha256(path.join(base, 'second.json'))}\n`);
  start = performance.now();
  const vcard = await run(source, 'portability.export', { format: 'vcard', path: path.join(base, 'contacts.vcf') });
  process.stdout.write(`export vCard: ${seconds(start)} s, ${vcard.contacts} cards\n`);
  // maxRSS is the kernel's high-water mark (kB): sampling would miss the synchronous import.
  process.stdout.write(`peak RSS: ${((process.resourceUsage().maxRSS * 1024) / 1e6).toFixed(0)} MB\n`);
  source.vault.lock();
  target.vault.lock();
} finally {
  fs.rmSync(base, { recursive: true, force: true });
}

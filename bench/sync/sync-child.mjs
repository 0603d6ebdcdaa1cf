// Runs one `mail.sync` of an existing vault in a process of its own, to split its peak memory from
// the vault unlock's (scrypt of a passphrase vault briefly takes 128 MiB): prints one JSON line.
// Usage: node bench/sync/sync-child.mjs DATA_DIR PASSPHRASE   (needs `npm run build`)
import { createAppContext } from '../../out/src-main/core/app-context.js';
import { run } from '../../out/src-main/core/command-table.js';

const [dataDir, passphrase] = process.argv.slice(2);
const unused = () => Promise.reject(new Error('no keychain in the bench'));
const context = createAppContext({ dataDir, keychain: { get: unused, set: unused, delete: unused, accounts: unused } });
await run(context, 'vault.unlock', { passphrase });
const maxRssAfterUnlockKB = process.resourceUsage().maxRSS;
let sampledPeak = process.memoryUsage().rss;
const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 20);
const started = performance.now();
const report = await run(context, 'mail.sync', {});
const ms = performance.now() - started;
clearInterval(sampler);
context.vault.lock();
process.stdout.write(
  JSON.stringify({ ms, maxRssAfterUnlockKB, maxRssAfterSyncKB: process.resourceUsage().maxRSS, sampledPeakRssKB: Math.round(sampledPeak / 1024), messagesRead: report.totals.messagesRead }) + '\n',
);

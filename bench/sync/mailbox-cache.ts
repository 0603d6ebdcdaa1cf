import fs from 'node:fs';
import path from 'node:path';
import { generateMailbox, type GenerateMailboxOptions, type MailboxSummary } from '../../tests/fixtures/mailbox-generator.js';

export const BENCH_OWNER_ALIAS = 'a.martin@example.org';

function optionsFor(messages: number): GenerateMailboxOptions {
  // 5% of messages carry an attachment (30 KB to 2 MB by default): the server holds real bodies that must never be read.
  return { seed: 'bench-sync', messages, aliases: [BENCH_OWNER_ALIAS], attachmentRate: 0.05 };
}

/**
 * A generated Maildir, kept under bench-results/ between runs (100k messages take a few minutes
 * to write). Regenerated when missing or made with other options.
 */
export function benchMailbox(root: string, messages: number, log: (line: string) => void): { maildir: string; summary: MailboxSummary } {
  const dir = path.join(root, `sync-${messages}`);
  const maildir = path.join(dir, 'Maildir');
  const stampFile = path.join(dir, 'options.json');
  const summaryFile = path.join(dir, 'summary.json');
  const options = optionsFor(messages);
  const stamp = JSON.stringify(options);
  if (fs.existsSync(summaryFile) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
    return { maildir, summary: JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as MailboxSummary };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // The test Dovecot runs mail processes as an unprivileged user when started as root: it must reach the Maildir.
  for (let current = dir; current !== path.dirname(current); current = path.dirname(current)) {
    if (current.startsWith(root)) fs.chmodSync(current, 0o755);
  }
  log(`generating ${messages.toLocaleString('en-US')} messages in ${maildir} ...`);
  const summary = generateMailbox(maildir, options);
  fs.writeFileSync(summaryFile, JSON.stringify(summary));
  fs.writeFileSync(stampFile, stamp);
  log(`  ${summary.files.toLocaleString('en-US')} files, ${Math.round(summary.bytes / 1e6)} MB, in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  return { maildir, summary };
}

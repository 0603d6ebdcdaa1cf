/**
 * `npm run bench:ingest`: how fast the network is built from header facts, without IMAP.
 *
 * Generates N messages' header text (default 100,000: a user with ~3,000 correspondents, 35%
 * sent mail, 15% newsletters and notifications, 20% of messages present in two folders), turns
 * them into facts with the real headers module (timed separately: that is the sync's cost, not
 * ingest's), then ingests them into a real encrypted passphrase vault in batches (default
 * 10,000, as the sync), each in its own transaction and with the sync's connection tuning.
 * Prints messages/second for ingest and for extraction.
 *
 *   npx tsx bench/ingest.ts [messages] [batch]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractMessageFacts, type MessageFacts } from '../src-main/core/network/headers/index.js';
import { tuneForSync } from '../src-main/core/mail/sync/bulk-write-tuning.js';
import { addIdentities, ingestMessages, type IngestResult } from '../src-main/core/network/ingest.js';
import { Vault } from '../src-main/core/vault/vault.js';
import { seededRandom } from '../tests/fixtures/seeded-random.js';
import { noKeychain } from '../tests/helpers/no-keychain.js';

const total = Number(process.argv[2] ?? 100_000);
const batchSize = Number(process.argv[3] ?? 10_000);

const rand = seededRandom(42);
const FIRST = ['Ann', 'Bob', 'Chloé', 'Dan', 'Eve', 'Farid', 'Gao', 'Hana', 'Ivan', 'Jo', 'Kim', 'Lars', 'Mia', 'Noor', 'Olu', 'Pia'];
const LAST = ['Archer', 'Baker', 'Chen', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Haddad', 'Ito', 'Jones', 'Kowalski', 'López'];
const DOMAINS = ['acme.com', 'beta.io', 'mail.corp.co.uk', 'gmail.com', 'outlook.com', 'delta.de', 'echo.fr', 'yahoo.com', 'initech.com', 'globex.org'];
const people = Array.from({ length: 3000 }, (_, index) => {
  const first = FIRST[index % FIRST.length]!;
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length]!;
  const domain = DOMAINS[index % DOMAINS.length]!;
  return { name: `${first} ${last}`, address: `${first.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')}.${last.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')}${index}@${domain}` };
});
// Zipf-like: a few people get most of the mail.
const person = () => people[Math.floor(people.length * Math.pow(rand(), 3))]!;
const mailbox = (entry: { name: string; address: string }) => (rand() < 0.8 ? `"${entry.name}" <${entry.address}>` : entry.address);

function headers(index: number): { raw: string; internalDate: Date } {
  const date = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 5 * 365 * 86_400_000));
  const kind = rand();
  const lines: string[] = [];
  if (kind < 0.35) {
    lines.push('From: Me <me@example.org>');
    lines.push(`To: ${Array.from({ length: 1 + Math.floor(rand() * 2) }, () => mailbox(person())).join(', ')}`);
    if (rand() < 0.3) lines.push(`Cc: ${Array.from({ length: 1 + Math.floor(rand() * 4) }, () => mailbox(person())).join(', ')}`);
  } else if (kind < 0.85) {
    lines.push(`From: ${mailbox(person())}`, 'To: Me <me@example.org>');
    if (rand() < 0.3) lines.push(`Cc: ${mailbox(person())}, ${mailbox(person())}`);
  } else {
    lines.push(`From: Newsletter ${index % 50} <news${index % 50}@shop${index % 50}.com>`, 'To: me@example.org', 'List-Unsubscribe: <mailto:u@shop.com>');
  }
  lines.push(`Date: ${date.toUTCString()}`, `Message-ID: <${index}.${Math.floor(rand() * 1e9)}@bench.example>`, 'Subject: bench');
  return { raw: lines.join('\r\n') + '\r\n\r\n', internalDate: date };
}

async function main(): Promise<void> {
  const raws = Array.from({ length: total }, (_, index) => headers(index));
  const extractStart = performance.now();
  const unique = raws.map(({ raw, internalDate }) => extractMessageFacts(raw, { internalDate, storeSubjects: false }) as MessageFacts);
  const extractMs = performance.now() - extractStart;
  // 20% of messages are also in a second folder (Archive, a label): they arrive again later.
  const stream = [...unique, ...unique.filter((_, index) => index % 5 === 0)];

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-ingest-'));
  const vault = new Vault(dir, noKeychain);
  await vault.init('bench passphrase');
  const db = vault.db();
  // The sync's own connection tuning (larger WAL between checkpoints, 64 MB page cache).
  const untune = tuneForSync(db);
  // Vault tuning experiments, e.g. PRAGMA='wal_autocheckpoint=1000' for SQLite's default.
  if (process.env.PRAGMA) for (const pragma of process.env.PRAGMA.split(';')) db.pragma(pragma);
  db.prepare(`INSERT INTO accounts (id, address, host, port, security, username, auth_kind, created_at) VALUES (1, 'me@example.org', 'h', 993, 'tls', 'me', 'password', ?)`).run(new Date().toISOString());
  addIdentities(db, [{ address: 'me@example.org', accountId: 1, source: 'account' }], new Date());

  const totals: IngestResult = { messagesNew: 0, duplicates: 0, contactsCreated: 0, interactionsAdded: 0, skippedBulk: 0, skippedOther: 0 };
  let peakRss = process.memoryUsage().rss;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let bodyMs = 0;
  for (let offset = 0; offset < stream.length; offset += batchSize) {
    let bodyStart = 0;
    const result = db.transaction(() => {
      bodyStart = performance.now();
      const value = ingestMessages(db, { accountId: 1, facts: stream.slice(offset, offset + batchSize), now: new Date() });
      bodyMs += performance.now() - bodyStart;
      return value;
    })();
    for (const key of Object.keys(totals) as (keyof IngestResult)[]) totals[key] += result[key];
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  untune(() => db.pragma('wal_checkpoint(PASSIVE)'));
  const ingestMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);

  const identityStart = performance.now();
  db.transaction(() => addIdentities(db, [{ address: 'news1@shop1.com', accountId: 1, source: 'alias' }], new Date()))();
  const identityMs = performance.now() - identityStart;

  const counts = db.prepare('SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM interactions) AS interactions').get();
  vault.lock();
  fs.rmSync(dir, { recursive: true, force: true });

  const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString('en-US');
  console.log(`messages fed: ${stream.length.toLocaleString('en-US')} (${total.toLocaleString('en-US')} unique), batches of ${batchSize}`);
  console.log(`result: ${JSON.stringify(totals)}; vault: ${JSON.stringify(counts)}`);
  console.log(`header extraction: ${extractMs.toFixed(0)} ms (${perSecond(total, extractMs)} messages/s)`);
  console.log(`ingest: ${ingestMs.toFixed(0)} ms (${perSecond(stream.length, ingestMs)} messages/s)`);
  console.log(`  CPU time (this process, user + system): ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; wall-clock figures grow when other work shares the machine`);
  console.log(`  of which inside ingestMessages: ${bodyMs.toFixed(0)} ms; commits: ${(ingestMs - bodyMs).toFixed(0)} ms`);
  console.log(`late identity (re-derives its messages): ${identityMs.toFixed(0)} ms`);
  console.log(`peak RSS: ${Math.round(peakRss / 1e6)} MB`);
}

await main();

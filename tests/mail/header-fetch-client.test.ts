/**
 * HeaderFetchClient's fast path against plain imapflow: the same rows (and the same mailbox
 * state) from a real Dovecot and from a scripted server sending odd, hostile and throttled
 * answers, and proof that the fast path really read them (it would silently stop firing if an
 * imapflow upgrade renamed the internals it hooks into).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow, type FetchMessageObject, type FetchQueryObject, type ImapFlowOptions } from 'imapflow';
import { HeaderFetchClient, type HeaderRow } from '../../src-main/core/mail/connection/header-fetch-client.js';
import { HEADER_FIELDS } from '../../src-main/core/network/headers/index.js';
import { generateMailbox, type MailboxSummary } from '../fixtures/mailbox-generator.js';
import { startDovecot, type DovecotServer } from '../helpers/dovecot.js';
import { startScriptedImapServer, type ScriptedImapServer } from './scripted-imap-server.js';

const QUERY: FetchQueryObject = { uid: true, internalDate: true, headers: [...HEADER_FIELDS], threadId: true, flags: true };

/** What the sync reads of a row, comparable across the two paths (NIL headers: false from imapflow, undefined fast). */
function comparable(rows: Array<HeaderRow | FetchMessageObject>) {
  return rows
    .map((row) => ({
      uid: row.uid,
      internalDate: row.internalDate instanceof Date ? row.internalDate.toISOString() : row.internalDate,
      headers: row.headers ? row.headers.toString('latin1') : null,
      threadId: row.threadId ?? null,
      flags: row.flags ? [...row.flags] : null,
    }))
    .sort((a, b) => (a.uid || 0) - (b.uid || 0));
}

async function connected<T extends ImapFlow>(client: T, mailbox: string): Promise<T> {
  client.on('error', () => undefined);
  await client.connect();
  await client.mailboxOpen(mailbox, { readOnly: true });
  return client;
}

const mailboxState = (client: ImapFlow) => (client.mailbox ? { uidNext: client.mailbox.uidNext, highestModseq: client.mailbox.highestModseq } : null);

describe('HeaderFetchClient against a scripted server', () => {
  const FIELDS = 'BODY[HEADER.FIELDS (FROM DATE)]';
  const date = 'INTERNALDATE "08-Jan-2022 11:01:02 +0000"';
  const literal = (text: string) => `{${Buffer.byteLength(text, 'latin1')}}\r\n${text}`;
  const row = (seq: number, uid: number, extra = '') => `* ${seq} FETCH (UID ${uid} ${date} MODSEQ (${uid}) ${FIELDS} ${literal(`From: m${uid}@example.org\r\nDate: x\r\n\r\n`)}${extra})\r\n`;
  let server: ScriptedImapServer | undefined;

  afterAll(async () => {
    await server?.close();
  });

  /** Both clients fetch the same script; their results (rows or error) and mailbox state. */
  async function compare(script: (n: number, tag: string) => string, pieceBytes?: number) {
    await server?.close();
    server = await startScriptedImapServer((n, tag) => Buffer.from(script(n, tag), 'latin1'), { pieceBytes });
    const options: ImapFlowOptions = { host: server.host, port: server.port, secure: false, doSTARTTLS: false, auth: { user: 'u', pass: 'p' }, logger: false, disableAutoIdle: true };
    const fast = await connected(new HeaderFetchClient(options), 'INBOX');
    const plain = await connected(new ImapFlow(options), 'INBOX');
    try {
      const fastFetches = server.fetches();
      const fastResult = await fast.fetchHeaderRows('1:200', QUERY).then(comparable, (error: Error) => ({ error: error.message }));
      const fetchesPerRun = server.fetches() - fastFetches;
      const plainResult = await plain.fetchAll('1:200', QUERY, { uid: true }).then(comparable, (error: Error) => ({ error: error.message }));
      return { fastResult, plainResult, counts: { ...fast.headerFetchCounts }, fetchesPerRun, state: [mailboxState(fast), mailboxState(plain)] };
    } finally {
      await fast.logout().catch(() => undefined);
      await plain.logout().catch(() => undefined);
    }
  }

  it('reads the sync shape fast and leaves everything else to imapflow, with the same rows and mailbox state', async () => {
    const script = (_n: number, tag: string) =>
      [
        row(1, 10),
        '* 2 FETCH (FLAGS (\\Seen))\r\n', // a flag update without UID
        '* 3 FETCH (UID 12 FLAGS (\\Seen) MODSEQ (40))\r\n', // one with UID (CONDSTORE)
        `* 4 FETCH (UID 13 RFC822.SIZE 5 ${date} ${FIELDS} ${literal('From: size@example.org\r\n')})\r\n`, // an item the parser does not read
        `* 5 FETCH (UID 14 ${date} ${FIELDS} "From: caf\u00e9@example.org")\r\n`, // 8-bit quoted string
        `* 6 FETCH (UID 15 INTERNALDATE "31-Feb-2022 11:01:02 +0000" ${FIELDS} NIL)\r\n`, // a date V8 rolls over
        '* 7 FETCH (UID 16 BODY[HEADER.FIELDS (FROM)] ((((\r\n', // garbage imapflow cannot parse
        '* 7 EXISTS\r\n',
        row(8, 11), // out of order
        row(9, 150, ' FLAGS (\\Draft)'), // past UIDNEXT: imapflow raises its estimate
        `${tag} OK Fetch completed\r\n`,
      ].join('');
    const { fastResult, plainResult, counts, state } = await compare(script);
    expect(fastResult).toEqual(plainResult);
    // The first row is framed ahead of ImapStream; from the flag update on, ImapStream reads the (single-chunk) rest.
    expect(counts).toEqual({ fast: 3, fallback: 5, framed: 1 });
    expect((fastResult as ReturnType<typeof comparable>).map((r) => r.uid)).toEqual([undefined, 10, 11, 12, 13, 14, 15, 150]);
    expect(state[0]).toEqual(state[1]);
    expect(state[0]).toEqual({ uidNext: 151, highestModseq: 150n });
  });

  it('keeps each UID once when imapflow retries a FETCH refused for throttling halfway', async () => {
    const script = (n: number, tag: string) =>
      n % 2 === 1
        ? `${row(1, 10)}${row(2, 11)}${tag} BAD Request is throttled. Suggested Backoff Time: 1 milliseconds\r\n`
        : `${row(1, 10)}${row(2, 11)}${row(3, 12)}${tag} OK done\r\n`;
    const { fastResult, plainResult, counts, fetchesPerRun } = await compare(script);
    expect(fetchesPerRun).toBe(2);
    expect(fastResult).toEqual(plainResult);
    expect((fastResult as ReturnType<typeof comparable>).map((r) => r.uid)).toEqual([10, 11, 12]);
    expect(counts).toEqual({ fast: 5, fallback: 0, framed: 5 });
  }, 30_000);

  it('reads the same rows when the answer arrives a few bytes at a time', async () => {
    const script = (_n: number, tag: string) =>
      [row(1, 10), row(2, 11, ' FLAGS (\\Seen)'), '* 3 FETCH (FLAGS (\\Seen))\r\n', row(4, 13), `* 5 FETCH (UID 14 ${date} ${FIELDS} "From: q@example.org")\r\n`, `${tag} OK done\r\n`].join('');
    for (const pieceBytes of [1, 3, 7, 64]) {
      const { fastResult, plainResult, counts } = await compare(script, pieceBytes);
      expect(fastResult, `pieces of ${pieceBytes}`).toEqual(plainResult);
      expect((fastResult as ReturnType<typeof comparable>).map((r) => r.uid)).toEqual([undefined, 10, 11, 13, 14]);
      expect(counts.fast, `pieces of ${pieceBytes}`).toBe(4);
      // The flag update hands the rest to ImapStream, then rows are framed again once it holds nothing.
      expect(counts.framed, `pieces of ${pieceBytes}`).toBeGreaterThanOrEqual(2);
    }
  }, 60_000);

  it('fails like imapflow when the server refuses the FETCH, and keeps no rows of it', async () => {
    const { fastResult, plainResult, counts } = await compare((_n, tag) => `${row(1, 10)}${tag} NO [THROTTLED] slow down\r\n`);
    expect(fastResult).toEqual({ error: 'Command failed' });
    expect(plainResult).toEqual(fastResult);
    expect(counts.fast).toBe(1);
  });

  it('queues a second header fetch on the same connection behind the first, each with its own rows', async () => {
    await server?.close();
    server = await startScriptedImapServer((n, tag) => (n === 2 ? `${tag} NO [UNAVAILABLE] later\r\n` : `${row(1, 10 * n)}${row(2, 10 * n + 1)}${tag} OK done\r\n`));
    const client = await connected(
      new HeaderFetchClient({ host: server.host, port: server.port, secure: false, doSTARTTLS: false, auth: { user: 'u', pass: 'p' }, logger: false, disableAutoIdle: true }),
      'INBOX',
    );
    try {
      const fetches = [client.fetchHeaderRows('1:10', QUERY), client.fetchHeaderRows('11:20', QUERY), client.fetchHeaderRows('21:30', QUERY)];
      const uids = (rows: HeaderRow[]) => rows.map((r) => r.uid);
      const settled = await Promise.all(fetches.map((fetch) => fetch.then(uids, (error: Error) => error.message)));
      expect(settled).toEqual([[10, 11], 'Command failed', [30, 31]]);
      expect(client.headerFetchCounts).toEqual({ fast: 4, fallback: 0, framed: 4 });
    } finally {
      await client.logout();
    }
  });
});

describe('HeaderFetchClient against Dovecot', () => {
  let server: DovecotServer;
  let summary: MailboxSummary;

  beforeAll(async () => {
    server = await startDovecot({ layout: 'gmail', rawlog: false });
    summary = generateMailbox(server.maildir(), { seed: 'fast-fetch', messages: 600, layout: 'gmail', attachmentRate: 0.02 });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('gives the rows plain imapflow fetchAll gives, every one read on the fast path', async () => {
    const options = { ...server.connectOptions(), disableAutoIdle: true };
    const fast = new HeaderFetchClient(options);
    const plain = new ImapFlow(options);
    for (const client of [fast, plain]) {
      client.on('error', () => undefined);
      await client.connect();
    }
    try {
      let total = 0;
      let drafts = 0;
      for (const [folder, count] of Object.entries(summary.folders)) {
        await fast.mailboxOpen(folder, { readOnly: true });
        await plain.mailboxOpen(folder, { readOnly: true });
        const fastRows = await fast.fetchHeaderRows('1:100000', QUERY);
        const plainRows = await plain.fetchAll('1:100000', QUERY, { uid: true });
        expect(fastRows.length, folder).toBe(count);
        expect(comparable(fastRows), folder).toEqual(comparable(plainRows));
        // Byte for byte, not only as text.
        for (let i = 0; i < fastRows.length; i++) expect(Buffer.compare(fastRows[i]!.headers!, plainRows.find((r) => r.uid === fastRows[i]!.uid)!.headers!)).toBe(0);
        expect(mailboxState(fast), folder).toEqual(mailboxState(plain));
        total += count;
        drafts += fastRows.filter((r) => r.flags?.has('\\Draft')).length;
      }
      expect(total).toBeGreaterThan(600);
      expect(drafts).toBeGreaterThan(0); // so FLAGS were read, not only present
      expect(fast.headerFetchCounts).toMatchObject({ fast: total, fallback: 0 });
      // Almost every row skips ImapStream too (one may reach it while it still holds the previous command's completion).
      expect(fast.headerFetchCounts.framed).toBeGreaterThan(total * 0.9);
    } finally {
      await fast.logout();
      await plain.logout();
    }
  });
});

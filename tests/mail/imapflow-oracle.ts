/**
 * imapflow 2.10.2's own reading of server bytes, to test the header fetch fast path against:
 * ImapStream frames the wire bytes exactly as a connection would (payload with `{n}` markers,
 * literals apart), and its parser + formatMessageResponse make the row fetchAll would return.
 */
import { ImapStream } from 'imapflow/lib/handler/imap-stream.js';
import parser from 'imapflow/lib/handler/imap-parser.js';
import { formatMessageResponse } from 'imapflow/lib/tools.js';
import type { FetchMessageObject, MailboxObject } from 'imapflow';

export interface FramedResponse {
  payload: Buffer;
  literals: Buffer[];
}

/** Every response in `wire` (CRLF-terminated), framed by imapflow's ImapStream. */
export async function frame(wire: Buffer | string): Promise<FramedResponse[]> {
  const stream = new ImapStream({ logger: false });
  const framed: FramedResponse[] = [];
  stream.on('data', (item: FramedResponse & { next: () => void }) => {
    framed.push({ payload: item.payload, literals: item.literals });
    item.next();
  });
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(typeof wire === 'string' ? Buffer.from(wire, 'latin1') : wire, () => resolve());
  });
  // ImapStream pushes asynchronously; let it drain.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return framed;
}

/** One response framed: the wire bytes must hold exactly one. */
export async function frameOne(wire: Buffer | string): Promise<FramedResponse> {
  const framed = await frame(wire);
  if (framed.length !== 1) throw new Error(`expected one response, got ${framed.length}`);
  return framed[0]!;
}

/** The row imapflow makes of a response, or null when its parser rejects the line. */
export async function imapflowRow(response: FramedResponse): Promise<FetchMessageObject | null> {
  let parsed;
  try {
    parsed = await parser(response.payload, { literals: [...response.literals] });
  } catch {
    return null;
  }
  const mailbox = { path: 'INBOX', uidValidity: 1n, uidNext: 1, flags: new Set(), exists: 0 } as unknown as MailboxObject;
  return formatMessageResponse(parsed, mailbox);
}

import type { Account } from '../../../../src-shared/api/mail.js';
import type { Logger } from '../../log.js';
import type { ConnectionTimeouts } from '../connection/imap-client-options.js';
import { ImapSession } from '../connection/imap-session.js';
import { fetchHeaderBatches } from './fetch-header-batches.js';
import { headersToFacts } from './headers-to-facts.js';
import type { FactBatch, FolderListing, MailReader, OpenedFolder, ReadRequest } from './mail-reader.js';

const STATUS_QUERY = { messages: true, uidNext: true, uidValidity: true, highestModseq: true } as const;

const text = (value: bigint | number | undefined): string | null => (value === undefined ? null : String(value));

/** A MailReader on this thread, over one ImapSession. */
export class SessionReader implements MailReader {
  private constructor(private readonly session: ImapSession) {}

  static async open(account: Account, secret: string, log: Logger, timeouts: ConnectionTimeouts): Promise<SessionReader> {
    return new SessionReader(await ImapSession.open(account, secret, log, timeouts));
  }

  get traits() {
    return this.session.traits;
  }

  async list(): Promise<FolderListing[]> {
    const listed = await this.session.run((client) => client.list({ statusQuery: STATUS_QUERY }));
    return listed.map((entry) => ({
      path: entry.path,
      flags: [...entry.flags],
      specialUse: entry.specialUse ?? null,
      status: entry.status
        ? {
            messages: entry.status.messages ?? null,
            uidNext: entry.status.uidNext ?? null,
            uidValidity: text(entry.status.uidValidity),
            highestModseq: text(entry.status.highestModseq),
          }
        : null,
    }));
  }

  async examine(path: string): Promise<OpenedFolder> {
    const mailbox = await this.session.run((client) => client.mailboxOpen(path, { readOnly: true }));
    let uidNext = mailbox.uidNext;
    if (!(uidNext > 0)) {
      // A server that leaves UIDNEXT out of EXAMINE: the last message's UID, plus one.
      const last = mailbox.exists > 0 ? await this.session.run((client) => client.fetchOne('*', { uid: true })) : false;
      uidNext = last ? last.uid + 1 : 1;
    }
    return { uidValidity: String(mailbox.uidValidity), uidNext, exists: mailbox.exists, highestModseq: text(mailbox.highestModseq) };
  }

  async *read(request: ReadRequest): AsyncIterable<FactBatch> {
    const batches = fetchHeaderBatches(this.session, {
      fromUid: request.fromUid,
      toUid: request.toUid,
      fields: request.fields,
      threadIds: request.threadIds,
      skipDrafts: request.skipDrafts,
      batchSize: request.batchSize,
      throttleBackoff: request.throttleBackoff,
    });
    for await (const batch of batches) yield headersToFacts(batch, request);
  }

  logout(): Promise<void> {
    return this.session.logout();
  }

  close(): void {
    this.session.close();
  }
}

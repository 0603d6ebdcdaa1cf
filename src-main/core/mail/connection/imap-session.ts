import type { Account } from '../../../../src-shared/api/mail.js';
import type { Logger } from '../../log.js';
import { HeaderFetchClient } from './header-fetch-client.js';
import { DEFAULT_TIMEOUTS, imapClientOptions, type ConnectionTimeouts } from './imap-client-options.js';
import { translateImapError } from './translate-imap-error.js';

/** What the sync needs to know about the server it talks to. */
export interface ServerTraits {
  condstore: boolean;
  specialUse: boolean;
  listStatus: boolean;
  /** X-GM-EXT-1: Gmail thread ids (X-GM-THRID) are available. */
  gmailExtensions: boolean;
}

/**
 * One logged-in IMAP connection. imapflow emits 'error' for failures outside a command (a socket
 * timeout, a reset); without a listener Node would crash the process, so the session always
 * listens and keeps the first such error to explain why the next command failed.
 */
export class ImapSession {
  private failure: unknown = null;

  private constructor(
    readonly client: HeaderFetchClient,
    private readonly account: Account,
  ) {
    client.on('error', (error: unknown) => {
      this.failure ??= error;
    });
  }

  static async open(account: Account, secret: string, log: Logger, timeouts: ConnectionTimeouts = DEFAULT_TIMEOUTS): Promise<ImapSession> {
    const session = new ImapSession(new HeaderFetchClient(imapClientOptions(account, secret, log, timeouts)), account);
    try {
      await session.client.connect();
    } catch (error) {
      session.close();
      throw translateImapError(session.failure ?? error, account);
    }
    return session;
  }

  get traits(): ServerTraits {
    const has = (name: string) => this.client.capabilities.has(name);
    return {
      condstore: this.client.enabled.has('CONDSTORE'),
      specialUse: has('SPECIAL-USE'),
      listStatus: has('LIST-STATUS'),
      gmailExtensions: has('X-GM-EXT-1'),
    };
  }

  /** Runs one step and turns any failure into a RapportError (preferring the connection's own error). */
  async run<T>(step: (client: HeaderFetchClient) => Promise<T>): Promise<T> {
    try {
      return await step(this.client);
    } catch (error) {
      throw translateImapError(this.failure ?? error, this.account);
    }
  }

  async logout(): Promise<void> {
    try {
      await this.client.logout();
    } catch {
      this.close();
    }
  }

  close(): void {
    try {
      this.client.close();
    } catch {
      // Already closed: nothing left to release.
    }
  }
}

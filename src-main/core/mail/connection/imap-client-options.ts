import tls from 'node:tls';
import type { ImapFlowOptions } from 'imapflow';
import type { Account } from '../../../../src-shared/api/mail.js';
import type { Logger } from '../../log.js';
import { readCaFile } from '../accounts/read-ca-file.js';

export interface ConnectionTimeouts {
  /** DNS + TCP + TLS handshake. */
  connectMs: number;
  greetingMs: number;
  /** Silence on an open connection before it counts as dead. */
  socketMs: number;
}

export const DEFAULT_TIMEOUTS: ConnectionTimeouts = { connectMs: 30_000, greetingMs: 16_000, socketMs: 120_000 };

type ImapLogger = Exclude<NonNullable<ImapFlowOptions['logger']>, false>;

const FORWARDED_LEVELS: ReadonlySet<string> = new Set(['warn', 'error', 'fatal']);

/**
 * imapflow's own log lines can carry addresses and server text, so none reaches info or above:
 * its warnings and errors go to debug as a bare message, everything else is dropped.
 * `isLevelEnabled` matters for speed: without it imapflow serialises every FETCH response for a
 * trace line nobody reads (a third of the client's time on a large mailbox).
 */
function quietImapLogger(log: Logger): ImapLogger {
  const ignore = () => undefined;
  const toDebug = (entry: { msg?: unknown }) => log.debug(`imap: ${String(entry?.msg ?? 'event')}`);
  return Object.assign(
    { trace: ignore, debug: ignore, info: ignore, warn: toDebug, error: toDebug, fatal: toDebug },
    { isLevelEnabled: (level: string) => FORWARDED_LEVELS.has(level) },
  );
}

const secureContexts = new Map<string, tls.SecureContext>();

/**
 * The system roots plus one extra CA. Building it parses every root certificate (about 25 ms), and
 * a sync connects once per account and again after every dropped connection, so it is made once
 * per CA file content (a renewed file gets a new one).
 */
function secureContextTrusting(extraCaPem: string): tls.SecureContext {
  let context = secureContexts.get(extraCaPem);
  if (context === undefined) {
    context = tls.createSecureContext({ ca: [...tls.rootCertificates, extraCaPem], minVersion: 'TLSv1.2' });
    if (secureContexts.size >= 16) secureContexts.clear();
    secureContexts.set(extraCaPem, context);
  }
  return context;
}

/**
 * Options for one read-only session. TLS is verified against the system roots plus the account's
 * extra CA (read at every connect, so a renewed file is picked up); `plain` never upgrades and is
 * only ever configured for loopback hosts (checked when the account is added).
 */
export function imapClientOptions(account: Account, secret: string, log: Logger, timeouts: ConnectionTimeouts = DEFAULT_TIMEOUTS): ImapFlowOptions {
  const secureContext = account.caFile ? secureContextTrusting(readCaFile(account.caFile)) : undefined;
  return {
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    doSTARTTLS: account.security === 'starttls' ? true : account.security === 'plain' ? false : undefined,
    auth: account.authKind === 'oauth2' ? { user: account.username, accessToken: secret } : { user: account.username, pass: secret },
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...(secureContext ? { secureContext } : {}) },
    logger: quietImapLogger(log),
    // Nothing but what the sync asks for: no IDLE (or its fallbacks) between commands.
    disableAutoIdle: true,
    clientInfo: { name: 'Rapport', version: false, vendor: false, 'support-url': false },
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
  };
}

import type { Account } from '../../../../src-shared/api/mail.js';
import { RapportError } from '../../errors.js';

type ServerRef = Pick<Account, 'host' | 'port' | 'security' | 'caFile' | 'authKind'>;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  authenticationFailed?: unknown;
  responseText?: unknown;
  response?: unknown;
  serverResponseCode?: unknown;
  reason?: unknown;
  cause?: unknown;
}

const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);
const OTHER_CERTIFICATE = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_REVOKED', 'CERT_REJECTED']);
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText', 'ClosedAfterConnectTLS', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);
const TIMEOUTS = new Set(['ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'LockTimeout']);
/** Gmail answers `[THROTTLED]`, Yahoo `[UNAVAILABLE]`/"try again later", Exchange "Request is throttled". */
const THROTTLED_TEXT = /\[THROTTLED\]|\bthrottl|\[UNAVAILABLE\]|too many (simultaneous )?(connections|requests|commands)|rate limit|try again later|\[LIMIT\]/i;

/** A RapportError that the sync may retry after a pause: the connection dropped, timed out, or the server asked to slow down. */
export class TransientMailError extends RapportError {
  constructor(
    code: 'connection_failed' | 'timeout' | 'server_error',
    message: string,
    readonly throttled: boolean,
    options?: { cause?: unknown },
  ) {
    super(code, message, undefined, options);
  }
}

function textOf(error: ErrorLike): string {
  return [error.responseText, error.response, error.message].filter((part) => typeof part === 'string').join(' ');
}

function codeOf(error: ErrorLike): string {
  if (typeof error.code === 'string') return error.code;
  const cause = error.cause as ErrorLike | undefined;
  return cause && typeof cause.code === 'string' ? cause.code : '';
}

/**
 * Turns whatever the socket, TLS, DNS or imapflow threw into one clear reason the user can act on.
 * Messages name the server, never the account's address or secret.
 */
export function translateImapError(error: unknown, server: ServerRef): RapportError {
  if (error instanceof RapportError) return error;
  const raw = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const code = codeOf(raw);
  const where = `${server.host}:${server.port}`;
  const text = textOf(raw);

  if (raw.authenticationFailed === true || /AUTHENTICATIONFAILED|Authentication failed|AUTHORIZATIONFAILED|Invalid credentials/i.test(text)) {
    const what = server.authKind === 'oauth2' ? 'the access token (expired or revoked?)' : 'the username or password';
    return new RapportError('auth_failed', `authentication failed: ${where} rejected ${what}`, undefined, { cause: error });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') {
    return new RapportError('dns_failed', `cannot find the mail server ${server.host} (DNS lookup failed${code === 'EAI_AGAIN' ? ', temporarily' : ''})`, undefined, { cause: error });
  }
  if (code === 'ECONNREFUSED') {
    return new RapportError('connection_refused', `${where} refused the connection (no IMAP server listening on that port?)`, undefined, { cause: error });
  }
  if (UNTRUSTED_CERTIFICATE.has(code)) {
    const hint = server.caFile ? `it is not signed by the CA in ${server.caFile}` : 'pass --ca-file with the CA that signed it if you trust this server';
    return new RapportError('tls_failed', `TLS certificate of ${server.host} not trusted (${code.toLowerCase().replaceAll('_', ' ')}); ${hint}`, undefined, { cause: error });
  }
  if (OTHER_CERTIFICATE.has(code)) {
    const reason = code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? `it is not issued for ${server.host}` : code.toLowerCase().replaceAll('_', ' ');
    return new RapportError('tls_failed', `TLS certificate of ${server.host} rejected: ${reason}`, undefined, { cause: error });
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || /SSL routines|wrong version number|handshake/i.test(text)) {
    const hint = server.security === 'tls' ? ` (does ${where} speak implicit TLS? try --security starttls, usually port 143)` : '';
    return new RapportError('tls_failed', `TLS handshake with ${where} failed${hint}`, undefined, { cause: error });
  }
  if (/STARTTLS/i.test(text) && server.security === 'starttls') {
    return new RapportError('tls_failed', `${where} does not offer STARTTLS; use --security tls (port 993)`, undefined, { cause: error });
  }
  if (code === 'ETHROTTLE' || THROTTLED_TEXT.test(text)) {
    return new TransientMailError('server_error', `${where} asked to slow down (throttled)`, true, { cause: error });
  }
  if (TIMEOUTS.has(code)) {
    return new TransientMailError('timeout', `${where} did not answer in time (${code === 'GREETING_TIMEOUT' ? 'no greeting; wrong --security?' : 'timeout'})`, false, { cause: error });
  }
  if (DROPPED.has(code) || /socket (closed|hang up)|connection (closed|not available|lost)|unexpected close/i.test(text)) {
    return new TransientMailError('connection_failed', `the connection to ${where} was lost`, false, { cause: error });
  }
  const serverText = typeof raw.responseText === 'string' && raw.responseText !== '' ? raw.responseText : null;
  const detail = serverText ? `the server answered: ${serverText}` : typeof raw.message === 'string' && raw.message !== '' ? raw.message : 'unknown error';
  return new RapportError('server_error', `${where}: ${detail}`, undefined, { cause: error });
}

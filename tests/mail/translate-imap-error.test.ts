import { describe, expect, it } from 'vitest';
import { TransientMailError, translateImapError } from '../../src-main/core/mail/connection/translate-imap-error.js';
import { backoffDelay } from '../../src-main/core/mail/connection/backoff.js';

const server = { host: 'imap.example.org', port: 993, security: 'tls' as const, caFile: null, authKind: 'password' as const };
const errorWith = (props: Record<string, unknown>) => Object.assign(new Error(String(props.message ?? 'failed')), props);

describe('IMAP error translation', () => {
  it.each([
    [{ code: 'ENOTFOUND' }, 'dns_failed', /cannot find the mail server imap\.example\.org/],
    [{ code: 'EAI_AGAIN' }, 'dns_failed', /DNS lookup failed, temporarily/],
    [{ code: 'ECONNREFUSED' }, 'connection_refused', /imap\.example\.org:993 refused the connection/],
    [{ code: 'SELF_SIGNED_CERT_IN_CHAIN' }, 'tls_failed', /certificate of imap\.example\.org not trusted .*pass --ca-file/],
    [{ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, 'tls_failed', /not trusted/],
    [{ code: 'CERT_HAS_EXPIRED' }, 'tls_failed', /rejected: cert has expired/],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'tls_failed', /not issued for imap\.example\.org/],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'tls_failed', /handshake .* failed .*--security starttls/],
    [{ authenticationFailed: true, message: 'Authentication failed' }, 'auth_failed', /rejected the username or password/],
    [{ code: 'CONNECT_TIMEOUT' }, 'timeout', /did not answer in time/],
    [{ code: 'ETIMEOUT', message: 'Socket timeout' }, 'timeout', /did not answer in time/],
    [{ code: 'ECONNRESET' }, 'connection_failed', /connection to imap\.example\.org:993 was lost/],
    [{ code: 'NoConnection', message: 'Connection not available' }, 'connection_failed', /was lost/],
  ])('%o → %s', (props, code, message) => {
    const translated = translateImapError(errorWith(props), server);
    expect(translated.code).toBe(code);
    expect(translated.message).toMatch(message);
  });

  it('names the CA file when a certificate is not signed by it', () => {
    expect(translateImapError(errorWith({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), { ...server, caFile: '/etc/ca.pem' }).message).toContain('not signed by the CA in /etc/ca.pem');
  });

  it('speaks of the access token for XOAUTH2 accounts', () => {
    expect(translateImapError(errorWith({ authenticationFailed: true }), { ...server, authKind: 'oauth2' }).message).toContain('access token');
  });

  it('marks dropped connections, timeouts and throttling as retryable, and nothing else', () => {
    const throttled = translateImapError(errorWith({ message: 'Command failed', responseText: '[THROTTLED] Too many commands' }), server);
    expect(throttled).toBeInstanceOf(TransientMailError);
    expect((throttled as TransientMailError).throttled).toBe(true);
    expect(translateImapError(errorWith({ code: 'ETHROTTLE' }), server)).toBeInstanceOf(TransientMailError);
    expect(translateImapError(errorWith({ code: 'ECONNRESET' }), server)).toBeInstanceOf(TransientMailError);
    expect(translateImapError(errorWith({ code: 'ECONNREFUSED' }), server)).not.toBeInstanceOf(TransientMailError);
    expect(translateImapError(errorWith({ authenticationFailed: true }), server)).not.toBeInstanceOf(TransientMailError);
  });

  it('passes the server text of other refusals on, as a server error', () => {
    const translated = translateImapError(errorWith({ message: 'Command failed', responseText: 'Mailbox is locked' }), server);
    expect(translated.code).toBe('server_error');
    expect(translated.message).toBe('imap.example.org:993: the server answered: Mailbox is locked');
  });
});

describe('backoff', () => {
  const policy = { baseMs: 100, maxMs: 2000, maxAttempts: 5, throttleFactor: 8 };
  it('doubles per attempt with jitter in [half, full], capped, and waits longer when throttled', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(policy, attempt, false, () => 1))).toEqual([100, 200, 400, 800, 1600, 2000]);
    expect([1, 2, 3].map((attempt) => backoffDelay(policy, attempt, false, () => 0))).toEqual([50, 100, 200]);
    expect(backoffDelay(policy, 1, true, () => 1)).toBe(800);
  });
});

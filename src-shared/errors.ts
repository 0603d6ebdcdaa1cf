/**
 * Error codes every adapter (CLI, IPC, WebSocket) understands. The core throws a
 * RapportError with one of these; adapters only translate it (exit code, JSON), never reword it.
 */
export const ERROR_CODES = [
  'invalid_args',
  'unknown_command',
  'vault_missing',
  'vault_exists',
  'vault_locked',
  'wrong_key',
  'vault_corrupt',
  'keychain_unavailable',
  'not_found',
  'conflict',
  'invalid_input',
  'auth_failed',
  'dns_failed',
  'connection_refused',
  'tls_failed',
  'timeout',
  'connection_failed',
  'server_error',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending argument, e.g. `port` or `emails.0`. */
  path: string;
  message: string;
}

/** The serialisable form of an error, as it crosses IPC, WebSocket or `--json`. */
export interface RapportErrorShape {
  code: ErrorCode;
  message: string;
  fields?: FieldIssue[];
}

export function isRapportErrorShape(value: unknown): value is RapportErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<RapportErrorShape>;
  return typeof candidate.message === 'string' && (ERROR_CODES as readonly string[]).includes(candidate.code ?? '');
}

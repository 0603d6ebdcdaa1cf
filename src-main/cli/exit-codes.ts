import type { ErrorCode } from '../../src-shared/errors.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, locked: 3 } as const;

export function exitCodeFor(code: ErrorCode): number {
  if (code === 'vault_locked' || code === 'wrong_key') return EXIT.locked;
  if (code === 'invalid_args' || code === 'unknown_command') return EXIT.usage;
  return EXIT.failure;
}

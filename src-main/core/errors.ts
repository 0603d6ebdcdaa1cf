import type { ErrorCode, FieldIssue, RapportErrorShape } from '../../src-shared/errors.js';

/** The one error type the core throws on purpose; anything else is a bug and becomes `internal`. */
export class RapportError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RapportError';
  }

  toShape(): RapportErrorShape {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export function toErrorShape(error: unknown): RapportErrorShape {
  if (error instanceof RapportError) return error.toShape();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `internal error: ${message}` };
}

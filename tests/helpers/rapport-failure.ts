import { expect } from 'vitest';
import { RapportError } from '../../src-main/core/errors.js';

/** The RapportError a call fails with; the test fails if it succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<RapportError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RapportError);
  return error as RapportError;
}

export async function expectRapportError(promise: Promise<unknown>, code: string, message?: string | RegExp): Promise<void> {
  const error = await failure(promise);
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
}

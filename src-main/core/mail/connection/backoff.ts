export interface BackoffPolicy {
  /** First pause after a failure. */
  baseMs: number;
  maxMs: number;
  /** Consecutive failures without progress before the account is given up. */
  maxAttempts: number;
  /** Throttling waits this many times longer: the server asked for it. */
  throttleFactor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, maxAttempts: 6, throttleFactor: 8 };

/** Exponential backoff with jitter (half fixed, half random) so parallel accounts do not retry in step. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, throttled: boolean, random: () => number = Math.random): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, attempt - 1) * (throttled ? policy.throttleFactor : 1);
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped / 2 + (capped / 2) * random());
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

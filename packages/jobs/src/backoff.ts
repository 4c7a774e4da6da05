import type { RetryPolicy } from './names';

/**
 * Exponential backoff with "full jitter" on the upper half: the delay lies between half and
 * all of the exponential step, so retries of many jobs that failed together spread out.
 * A provider's Retry-After is honoured as a floor.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attemptsMade: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
  const jittered = Math.round(step / 2 + (random() * step) / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

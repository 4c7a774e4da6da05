import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../src/backoff';

const policy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 10_000 };

describe('retry backoff', () => {
  it('doubles per attempt, with jitter between half and all of the step', () => {
    expect(retryDelayMs(policy, 1, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(policy, 1, undefined, () => 1)).toBe(1000);
    expect(retryDelayMs(policy, 3, undefined, () => 1)).toBe(4000);
  });

  it('caps the step and honours Retry-After as a floor', () => {
    expect(retryDelayMs(policy, 10, undefined, () => 1)).toBe(10_000);
    expect(retryDelayMs(policy, 1, 30_000, () => 0)).toBe(30_000);
  });
});

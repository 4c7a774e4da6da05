/** Per-provider limits, shared by every worker that calls the provider. */
export interface ProviderLimits {
  /** Calls in flight at once. */
  concurrency: number;
  /** Calls started per minute; null or undefined for no limit. */
  ratePerMinute?: number | null;
  /** A slot held longer than this is considered abandoned (its worker died). */
  leaseMs: number;
}

export interface ProviderLease {
  release(): Promise<void>;
}

export type AcquireResult = { lease: ProviderLease } | { retryInMs: number };

/**
 * Concurrency slots and a sliding-window rate limit per provider. `tryAcquire` never waits:
 * when the provider is saturated it says how long to wait, so the caller can route to another
 * provider or put the job back without holding a worker slot.
 */
export interface ProviderLimiter {
  tryAcquire(key: string, limits: ProviderLimits): Promise<AcquireResult>;
  close(): Promise<void>;
}

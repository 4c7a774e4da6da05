/** Per-provider limits, shared by every worker that calls the provider. */
export interface ProviderLimits {
  /** Calls in flight at once. */
  concurrency: number;
  /** Calls started per minute; null or undefined for no limit. */
  ratePerMinute?: number | null;
}

/** A held concurrency slot. Renewed by the limiter until released. */
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
  /** Releases every slot still held here (a process shutting down), then closes. */
  close(): Promise<void>;
}

export interface LeaseOptions {
  /**
   * A slot is a short lease, renewed while the call runs: when its holder dies, the slot frees
   * itself this long after the last renewal, not after a whole generation deadline.
   */
  leaseMs?: number;
  /** How often a held slot is renewed; a third of the lease by default. 0 never renews (tests). */
  renewEveryMs?: number;
}

export const DEFAULT_SLOT_LEASE_MS = 15_000;

/**
 * The renewal timers of the slots one limiter holds: one per slot, cleared on release, so a
 * slot outlives its holder by at most one lease.
 */
export function createRenewals(options: LeaseOptions, renew: (id: string) => Promise<void>) {
  const leaseMs = options.leaseMs ?? DEFAULT_SLOT_LEASE_MS;
  const every = options.renewEveryMs ?? Math.floor(leaseMs / 3);
  const timers = new Map<string, NodeJS.Timeout | undefined>();
  return {
    leaseMs,
    hold(id: string) {
      const timer =
        every > 0
          ? setInterval(() => {
              // A failed renewal is retried at the next tick; the lease covers two misses.
              renew(id).catch(() => {});
            }, every)
          : undefined;
      timer?.unref();
      timers.set(id, timer);
    },
    /** Stops renewing; true if it was held. */
    drop(id: string): boolean {
      if (!timers.has(id)) return false;
      clearInterval(timers.get(id));
      timers.delete(id);
      return true;
    },
    held: () => [...timers.keys()],
  };
}

import type { AcquireResult, ProviderLimiter, ProviderLimits } from './limiter';

const WINDOW_MS = 60_000;
/** How soon to look again when every slot is taken (no way to know when one frees). */
export const SATURATED_RETRY_MS = 250;

/** The embedded mode's limiter: one process, so plain counters suffice. */
export function createMemoryLimiter(now: () => number = Date.now): ProviderLimiter {
  const active = new Map<string, Map<symbol, number>>();
  const starts = new Map<string, number[]>();
  return {
    async tryAcquire(key: string, limits: ProviderLimits): Promise<AcquireResult> {
      const t = now();
      const leases = active.get(key) ?? new Map<symbol, number>();
      active.set(key, leases);
      for (const [id, expiry] of leases) if (expiry <= t) leases.delete(id);
      if (leases.size >= limits.concurrency) return { retryInMs: SATURATED_RETRY_MS };
      if (limits.ratePerMinute) {
        const recent = (starts.get(key) ?? []).filter((s) => s > t - WINDOW_MS);
        starts.set(key, recent);
        if (recent.length >= limits.ratePerMinute) return { retryInMs: recent[0]! + WINDOW_MS - t };
        recent.push(t);
      }
      const id = Symbol(key);
      leases.set(id, t + limits.leaseMs);
      return {
        lease: {
          async release() {
            leases.delete(id);
          },
        },
      };
    },
    async close() {},
  };
}

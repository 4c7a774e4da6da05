import { randomUUID } from 'node:crypto';
import {
  createRenewals,
  type AcquireResult,
  type LeaseOptions,
  type ProviderLimiter,
  type ProviderLimits,
} from './limiter';

const WINDOW_MS = 60_000;
/** How soon to look again when every slot is taken (no way to know when one frees). */
export const SATURATED_RETRY_MS = 250;

/** The embedded mode's limiter: one process, so plain counters suffice. */
export function createMemoryLimiter(
  options: LeaseOptions & { now?: () => number } = {},
): ProviderLimiter {
  const now = options.now ?? Date.now;
  /** Per key: lease id -> expiry. */
  const active = new Map<string, Map<string, number>>();
  const starts = new Map<string, number[]>();
  const keyOf = new Map<string, string>();
  const renewals = createRenewals(options, async (id) => {
    active.get(keyOf.get(id)!)?.set(id, now() + renewals.leaseMs);
  });
  const release = async (id: string) => {
    renewals.drop(id);
    active.get(keyOf.get(id)!)?.delete(id);
    keyOf.delete(id);
  };
  return {
    async tryAcquire(key: string, limits: ProviderLimits): Promise<AcquireResult> {
      const t = now();
      const leases = active.get(key) ?? new Map<string, number>();
      active.set(key, leases);
      for (const [id, expiry] of leases) if (expiry <= t) leases.delete(id);
      if (leases.size >= limits.concurrency) return { retryInMs: SATURATED_RETRY_MS };
      if (limits.ratePerMinute) {
        const recent = (starts.get(key) ?? []).filter((s) => s > t - WINDOW_MS);
        starts.set(key, recent);
        if (recent.length >= limits.ratePerMinute) return { retryInMs: recent[0]! + WINDOW_MS - t };
        recent.push(t);
      }
      const id = randomUUID();
      leases.set(id, t + renewals.leaseMs);
      keyOf.set(id, key);
      renewals.hold(id);
      return { lease: { release: () => release(id) } };
    },
    async close() {
      await Promise.all(renewals.held().map(release));
    },
  };
}

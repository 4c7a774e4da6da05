import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedisConnection } from '../redis';
import {
  createRenewals,
  type AcquireResult,
  type LeaseOptions,
  type ProviderLimiter,
  type ProviderLimits,
} from './limiter';
import { SATURATED_RETRY_MS } from './memory-limiter';

/** Redis's clock, so that workers on machines whose clocks differ agree on expiries. */
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** Keeps the set at least as long as its newest lease could live (another worker may hold one). */
const KEEP_SET = `
if redis.call('PTTL', KEYS[1]) < leaseMs * 2 then redis.call('PEXPIRE', KEYS[1], leaseMs * 2) end
`;

/**
 * One atomic step: drop expired leases and old starts, then take a concurrency slot and a
 * rate-window entry, or say how long to wait.
 * KEYS: active leases (zset lease -> expiry), recent starts (zset lease -> start time).
 * ARGV: lease id, concurrency, rate per minute (0 = none), lease ms, saturated retry ms.
 */
const ACQUIRE = `${NOW}
local concurrency = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local leaseMs = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= concurrency then
  return tonumber(ARGV[5])
end
if rate > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 60000)
  if redis.call('ZCARD', KEYS[2]) >= rate then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    return math.max(1, tonumber(oldest[2]) + 60000 - now)
  end
  redis.call('ZADD', KEYS[2], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[2], 61000)
end
redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[1])
${KEEP_SET}
return 0
`;

/**
 * Extends a held lease. It is added back if it was lost (the keys deleted, or a renewal
 * missed for a whole lease): the call it stands for is still running and still counts.
 * KEYS: active leases. ARGV: lease id, lease ms.
 */
const RENEW = `${NOW}
local leaseMs = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[1])
${KEEP_SET}
return 0
`;

/** Limits shared by every worker through Redis. A dead worker's slots lapse within a lease. */
export function createRedisLimiter(
  options: { redisUrl: string; prefix: string } & LeaseOptions,
): ProviderLimiter {
  const redis: Redis = createRedisConnection(options.redisUrl);
  const activeKey = (key: string) => `${options.prefix}:limits:${key}:active`;
  const startsKey = (key: string) => `${options.prefix}:limits:${key}:starts`;
  /** The active-set key of each held lease. */
  const held = new Map<string, string>();
  const renewals = createRenewals(options, async (id) => {
    const key = held.get(id);
    if (key) await redis.eval(RENEW, 1, key, id, renewals.leaseMs);
  });
  const release = async (id: string) => {
    // The timer stops first; a renewal already sent runs before the removal (one connection).
    renewals.drop(id);
    const key = held.get(id);
    held.delete(id);
    if (key) await redis.zrem(key, id);
  };
  return {
    async tryAcquire(key: string, limits: ProviderLimits): Promise<AcquireResult> {
      const id = randomUUID();
      const wait = Number(
        await redis.eval(
          ACQUIRE,
          2,
          activeKey(key),
          startsKey(key),
          id,
          limits.concurrency,
          limits.ratePerMinute ?? 0,
          renewals.leaseMs,
          SATURATED_RETRY_MS,
        ),
      );
      if (wait > 0) return { retryInMs: wait };
      held.set(id, activeKey(key));
      renewals.hold(id);
      return { lease: { release: () => release(id) } };
    },
    async close() {
      // Normally empty (every run releases its slot); what is left is handed back now rather
      // than a lease later.
      await Promise.all(renewals.held().map((id) => release(id).catch(() => {})));
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

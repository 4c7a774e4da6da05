import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedisConnection } from '../redis';
import type { AcquireResult, ProviderLimiter, ProviderLimits } from './limiter';
import { SATURATED_RETRY_MS } from './memory-limiter';

/**
 * One atomic step on Redis's clock: drop expired leases and old starts, then take a
 * concurrency slot and a rate-window entry, or say how long to wait.
 * KEYS: active leases (zset lease -> expiry), recent starts (zset lease -> start time).
 * ARGV: lease id, concurrency, rate per minute (0 = none), lease ms, saturated retry ms.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
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
redis.call('PEXPIRE', KEYS[1], leaseMs * 2)
return 0
`;

/** Limits shared by every worker through Redis. Leases expire, so a killed worker frees its slots. */
export function createRedisLimiter(options: { redisUrl: string; prefix: string }): ProviderLimiter {
  const redis: Redis = createRedisConnection(options.redisUrl);
  const keys = (key: string) => [
    `${options.prefix}:limits:${key}:active`,
    `${options.prefix}:limits:${key}:starts`,
  ];
  return {
    async tryAcquire(key: string, limits: ProviderLimits): Promise<AcquireResult> {
      const id = randomUUID();
      const [active, starts] = keys(key);
      const wait = Number(
        await redis.eval(
          ACQUIRE,
          2,
          active!,
          starts!,
          id,
          limits.concurrency,
          limits.ratePerMinute ?? 0,
          limits.leaseMs,
          SATURATED_RETRY_MS,
        ),
      );
      if (wait > 0) return { retryInMs: wait };
      return {
        lease: {
          async release() {
            await redis.zrem(active!, id);
          },
        },
      };
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

const DAY = 86_400;

/**
 * Counts the voters each client address starts in a day; past the allowance, the voters it
 * starts owe a human check before their votes count. Cookie clearing is how one machine becomes
 * many voters, and a check on every new one takes that away. Counted in Redis when several API
 * processes share it, in memory otherwise (and, during a Redis outage, per process).
 */
export interface NewVoterCheck {
  /** Counts one new voter from `address`; true when that voter must pass a check. */
  needsCheck(address: string): Promise<boolean>;
  close(): Promise<void>;
}

export function createNewVoterCheck(
  perDay: number,
  store: { redisUrl?: string; prefix: string },
): NewVoterCheck {
  const redis = store.redisUrl
    ? new Redis(store.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 })
    : undefined;
  const options = {
    keyPrefix: `${store.prefix}:human-check:new-voters`,
    points: perDay,
    duration: DAY,
  };
  const memory = new RateLimiterMemory(options);
  const counter = redis
    ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory })
    : memory;
  return {
    async needsCheck(address) {
      try {
        await counter.consume(address);
        return false;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return true;
        throw refusal;
      }
    },
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

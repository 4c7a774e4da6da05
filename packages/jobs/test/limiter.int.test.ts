import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryLimiter, createRedisLimiter, type ProviderLimiter } from '../src';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `arena-test-${randomBytes(5).toString('hex')}`;

afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

function limiterSuite(name: string, make: () => ProviderLimiter) {
  describe(`${name} provider limiter`, () => {
    it('hands out no more slots than the concurrency, and frees them on release', async () => {
      const limiter = make();
      const limits = { concurrency: 2, leaseMs: 60_000 };
      const first = await limiter.tryAcquire('p1', limits);
      const second = await limiter.tryAcquire('p1', limits);
      const third = await limiter.tryAcquire('p1', limits);
      expect('lease' in first && 'lease' in second).toBe(true);
      expect(third).toEqual({ retryInMs: expect.any(Number) });
      // Another provider has its own slots.
      expect('lease' in (await limiter.tryAcquire('p2', limits))).toBe(true);
      if ('lease' in first) await first.lease.release();
      expect('lease' in (await limiter.tryAcquire('p1', limits))).toBe(true);
      await limiter.close();
    });

    it('keeps to a rate per minute and says how long to wait', async () => {
      const limiter = make();
      const limits = { concurrency: 100, ratePerMinute: 3, leaseMs: 60_000 };
      for (let i = 0; i < 3; i++) {
        const got = await limiter.tryAcquire('rated', limits);
        expect('lease' in got).toBe(true);
        if ('lease' in got) await got.lease.release();
      }
      const refused = await limiter.tryAcquire('rated', limits);
      expect(
        'retryInMs' in refused && refused.retryInMs > 50_000 && refused.retryInMs <= 60_000,
      ).toBe(true);
      await limiter.close();
    });

    it('gives back the slot of a lease whose holder vanished', async () => {
      const limiter = make();
      const limits = { concurrency: 1, leaseMs: 200 };
      expect('lease' in (await limiter.tryAcquire('lost', limits))).toBe(true);
      expect('retryInMs' in (await limiter.tryAcquire('lost', limits))).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect('lease' in (await limiter.tryAcquire('lost', limits))).toBe(true);
      await limiter.close();
    });
  });
}

limiterSuite('in-memory', () => createMemoryLimiter());
limiterSuite('Redis', () =>
  createRedisLimiter({
    redisUrl: REDIS_URL,
    prefix: `${prefix}-${randomBytes(3).toString('hex')}`,
  }),
);

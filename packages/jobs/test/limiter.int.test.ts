import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMemoryLimiter,
  createRedisLimiter,
  type LeaseOptions,
  type ProviderLimiter,
} from '../src';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `arena-test-${randomBytes(5).toString('hex')}`;

afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`); // every suite's prefix starts with it
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function limiterSuite(name: string, make: (options?: LeaseOptions) => ProviderLimiter) {
  describe(`${name} provider limiter`, () => {
    it('hands out no more slots than the concurrency, and frees them on release', async () => {
      const limiter = make();
      const limits = { concurrency: 2 };
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
      const limits = { concurrency: 100, ratePerMinute: 3 };
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

    it('frees a slot that is not renewed (its holder died) within a lease', async () => {
      // Never renewing stands for a holder that died: nobody releases its slot.
      const limiter = make({ leaseMs: 300, renewEveryMs: 0 });
      const limits = { concurrency: 1 };
      expect('lease' in (await limiter.tryAcquire('lost', limits))).toBe(true);
      expect('retryInMs' in (await limiter.tryAcquire('lost', limits))).toBe(true);
      await sleep(400);
      expect('lease' in (await limiter.tryAcquire('lost', limits))).toBe(true);
      await limiter.close();
    });

    it('keeps a renewed slot past many leases, and frees it on release', async () => {
      const limiter = make({ leaseMs: 300 });
      const limits = { concurrency: 1 };
      const held = await limiter.tryAcquire('renewed', limits);
      await sleep(1200);
      expect('retryInMs' in (await limiter.tryAcquire('renewed', limits))).toBe(true);
      if ('lease' in held) await held.lease.release();
      // No renewal outlives its release (a renewal re-adds a lost slot: it would take it back).
      await sleep(400);
      expect('lease' in (await limiter.tryAcquire('renewed', limits))).toBe(true);
      await limiter.close();
    });
  });
}

limiterSuite('in-memory', (options) => createMemoryLimiter(options));

describe('Redis provider limiter across processes', () => {
  // Two limiters on one prefix stand for two workers.
  const shared = `${prefix}-shared`;
  const make = (options?: LeaseOptions) =>
    createRedisLimiter({ redisUrl: REDIS_URL, prefix: shared, ...options });

  it("frees a dead worker's slot for another within a lease; a renewed one stays taken", async () => {
    const dead = make({ leaseMs: 500, renewEveryMs: 0 });
    const live = make({ leaseMs: 500 });
    const limits = { concurrency: 1 };
    expect('lease' in (await dead.tryAcquire('p', limits))).toBe(true);
    expect('retryInMs' in (await live.tryAcquire('p', limits))).toBe(true);
    await sleep(700);
    const taken = await live.tryAcquire('p', limits);
    expect('lease' in taken).toBe(true);
    // The live worker's renewed slot outlasts its lease; released, it frees at once.
    await sleep(1200);
    expect('retryInMs' in (await dead.tryAcquire('p', limits))).toBe(true);
    if ('lease' in taken) await taken.lease.release();
    expect('lease' in (await dead.tryAcquire('p', limits))).toBe(true);
    await Promise.all([dead.close(), live.close()]);
  });

  it('hands back the slots it still holds when closed (a worker shutting down)', async () => {
    const stopping = make({ leaseMs: 60_000 });
    const other = make({ leaseMs: 60_000 });
    const limits = { concurrency: 2 };
    await stopping.tryAcquire('closing', limits);
    await stopping.tryAcquire('closing', limits);
    expect('retryInMs' in (await other.tryAcquire('closing', limits))).toBe(true);
    await stopping.close();
    expect('lease' in (await other.tryAcquire('closing', limits))).toBe(true);
    await other.close();
  });

  it('counts a running call again after its keys were deleted', async () => {
    const limiter = make({ leaseMs: 600 });
    const limits = { concurrency: 1 };
    expect('lease' in (await limiter.tryAcquire('flushed', limits))).toBe(true);
    const redis = new Redis(REDIS_URL);
    await redis.del(`${shared}:limits:flushed:active`);
    redis.disconnect();
    await sleep(400);
    expect('retryInMs' in (await limiter.tryAcquire('flushed', limits))).toBe(true);
    await limiter.close();
  });
});

const suitePrefix = `${prefix}-${randomBytes(3).toString('hex')}`;
limiterSuite('Redis', (options) =>
  createRedisLimiter({ redisUrl: REDIS_URL, prefix: suitePrefix, ...options }),
);

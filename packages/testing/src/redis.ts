import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Each test file's queues live under their own key prefix in the shared Redis. */
export function uniqueQueuePrefix(): string {
  return `arena-test-${randomBytes(5).toString('hex')}`;
}

export async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Ids of the jobs waiting out a delay in one BullMQ queue (debounce checks). */
export async function delayedJobIds(prefix: string, queue: string): Promise<string[]> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    return await redis.zrange(`${prefix}:${queue}:delayed`, 0, -1);
  } finally {
    redis.disconnect();
  }
}

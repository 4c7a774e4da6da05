import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_QUEUE_PREFIX, type BullMqOptions } from './bullmq';
import { jobSettings, JOB_NAMES } from './names';
import { createRedisConnection } from './redis';

/** The states a queue's depth is reported in (metrics, the operator's view). */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** Jobs per queue name and state. */
export type QueueDepths = Record<string, Record<QueueState, number>>;

export interface QueueDepthReader {
  read(): Promise<QueueDepths>;
  close(): Promise<void>;
}

export const queueNamesOfJobs = () => [...new Set(JOB_NAMES.map((n) => jobSettings[n].queue))];

/**
 * Reads BullMQ's counts per queue (one round trip per queue), for a metrics scrape. It has its
 * own connection, opened at the first read (a process never scraped opens none), so a slow
 * scrape never waits behind the enqueueing of requests.
 */
export function createBullMqDepthReader(options: BullMqOptions): QueueDepthReader {
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  let opened: { connection: Redis; queues: Queue[] } | undefined;
  const open = () => {
    const connection = createRedisConnection(options.redisUrl);
    const queues = queueNamesOfJobs().map((name) => new Queue(name, { connection, prefix }));
    return { connection, queues };
  };
  return {
    async read() {
      opened ??= open();
      const { queues } = opened;
      const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...QUEUE_STATES)));
      return Object.fromEntries(
        queues.map((queue, i) => [
          queue.name,
          Object.fromEntries(QUEUE_STATES.map((state) => [state, counts[i]![state] ?? 0])),
        ]),
      ) as QueueDepths;
    },
    async close() {
      if (!opened) return;
      const { connection, queues } = opened;
      await Promise.all(queues.map((queue) => queue.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

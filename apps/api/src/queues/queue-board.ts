import {
  createBullMqDepthReader,
  createRedisConnection,
  DEFAULT_QUEUE_PREFIX,
  queueNamesOfJobs,
  type QueueDepths,
} from '@arena/jobs';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Queue } from 'bullmq';
import { Hono } from 'hono';
import type { Redis } from 'ioredis';

/** Where bull-board is served, under the console's auth (middleware/operator-auth.ts). */
export const QUEUE_BOARD_PATH = '/api/admin/queues';

/**
 * The operator's view of the jobs: counts per queue and state, and with BullMQ the bull-board
 * dashboard (jobs, errors, retry). Its Redis connections open at the first use, so a process
 * nobody asks opens none.
 */
export interface QueueBoard {
  mode: 'bullmq' | 'in-process';
  depths(): Promise<QueueDepths>;
  /** bull-board as a fetch handler for QUEUE_BOARD_PATH/*; absent without BullMQ. */
  fetch?: (request: Request) => Response | Promise<Response>;
  close(): Promise<void>;
}

/** With BullMQ: counts from Redis and bull-board over the same queues. */
export function createBullMqQueueBoard(options: { redisUrl: string; prefix?: string }): QueueBoard {
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const reader = createBullMqDepthReader({ redisUrl: options.redisUrl, prefix });
  let board: { app: Hono; connection: Redis; queues: Queue[] } | undefined;
  const open = () => {
    const connection = createRedisConnection(options.redisUrl);
    const queues = queueNamesOfJobs().map((name) => new Queue(name, { connection, prefix }));
    const serverAdapter = new HonoAdapter(serveStatic).setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: queues.map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Arena queues' } },
    });
    const app = new Hono().route(QUEUE_BOARD_PATH, serverAdapter.registerPlugin());
    return { app, connection, queues };
  };
  return {
    mode: 'bullmq',
    depths: () => reader.read(),
    fetch: (request) => (board ??= open()).app.fetch(request),
    async close() {
      await reader.close();
      if (!board) return;
      const { connection, queues } = board;
      await Promise.all(queues.map((queue) => queue.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

/** Embedded: the in-process runner counts its own jobs; there is no board (nothing to retry). */
export function inProcessQueueBoard(depths: () => Promise<QueueDepths>): QueueBoard {
  return { mode: 'in-process', depths, close: async () => {} };
}

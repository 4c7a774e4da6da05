import {
  createBullMqQueue,
  createBullMqRunner,
  createInProcessJobs,
  type JobQueue,
  type JobRunner,
} from '@arena/jobs';
import type { Logger } from 'pino';
import type { AppConfig } from './config';

export interface JobTransport {
  queue: JobQueue;
  /** Present when this process runs jobs; started once the service context exists. */
  runner?: JobRunner;
}

/**
 * BullMQ on Redis when REDIS_URL is set (the API only enqueues; workers run), otherwise the
 * in-process runner, which is queue and runner at once.
 */
export function createJobTransport(
  config: AppConfig,
  logger: Logger,
  runJobs: boolean,
): JobTransport {
  // One recompute and one ratings consumer at a time per process; their fixed job ids keep
  // each to one across processes.
  const concurrency = { generation: config.generationConcurrency, maintenance: 1, ratings: 1 };
  if (!config.redisUrl) {
    const jobs = createInProcessJobs({ concurrency, logger });
    return { queue: jobs, runner: jobs };
  }
  const connection = { redisUrl: config.redisUrl, prefix: config.queuePrefix };
  return {
    queue: createBullMqQueue(connection),
    runner: runJobs
      ? createBullMqRunner({
          ...connection,
          concurrency,
          logger,
          lockDurationMs: config.jobLockMs,
          stalledIntervalMs: config.jobLockMs,
          shutdownGraceMs: config.shutdownGraceMs,
        })
      : undefined,
  };
}

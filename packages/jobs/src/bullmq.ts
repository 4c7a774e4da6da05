import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ZodError } from 'zod';
import { retryDelayMs } from './backoff';
import { assertCompleteHandlers } from './handlers';
import { errorFields, silentLogger, type JobLogger } from './logger';
import { jobSettings, parsePayload, JOB_NAMES, type JobName } from './names';
import {
  DeferJobError,
  PermanentJobError,
  RetryLaterError,
  type EnqueueOptions,
  type JobHandlers,
  type JobQueue,
  type JobRequest,
  type JobRunner,
} from './port';
import { createRedisConnection } from './redis';

/** Queue keys in Redis start with this prefix; tests use their own to stay apart. */
export const DEFAULT_QUEUE_PREFIX = 'arena';

const queueNames = () => [...new Set(JOB_NAMES.map((name) => jobSettings[name].queue))];

function jobOptions(name: JobName, options: EnqueueOptions = {}) {
  return {
    jobId: options.jobId,
    delay: options.delayMs,
    attempts: jobSettings[name].retry.attempts,
    backoff: { type: 'arena' },
    // Finished jobs leave Redis at once: Postgres holds the outcome.
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  };
}

export interface BullMqOptions {
  redisUrl: string;
  prefix?: string;
}

/** Enqueues into BullMQ (used by the API, and by the worker for follow-up jobs). */
export function createBullMqQueue(options: BullMqOptions): JobQueue {
  const connection = createRedisConnection(options.redisUrl);
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const queues = new Map(
    queueNames().map((name) => [name, new Queue(name, { connection, prefix })] as const),
  );
  const queueFor = (name: JobName) => queues.get(jobSettings[name].queue)!;

  async function add(request: JobRequest) {
    parsePayload(request.name, request.payload);
    const queue = queueFor(request.name);
    const options = request.options;
    const jobId = options?.jobId;
    if (jobId && (options.replaceFinished || options.rerunIfActive)) {
      const existing = await queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        if (state === 'active' && options.rerunIfActive) {
          // A job cannot be added under its own id while it runs: the rerun goes under a
          // second id, itself one job at most (asked for again, it is a no-op while waiting).
          return add({ ...request, options: { ...options, jobId: `${jobId}.again` } });
        }
        if (state !== 'completed' && state !== 'failed') return;
        await existing.remove().catch(() => {});
      }
    }
    await queue.add(request.name, request.payload, jobOptions(request.name, options));
  }

  return {
    enqueue: (name, payload, enqueueOptions) => add({ name, payload, options: enqueueOptions }),
    async enqueueMany(requests) {
      await Promise.all(requests.map(add));
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

export interface BullMqRunnerOptions extends BullMqOptions {
  /** Jobs running at once per queue in this process (by queue name); default 4. */
  concurrency?: Record<string, number>;
  logger?: JobLogger;
  /** How long a job's lock lasts without renewal: a killed worker's jobs return after this. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** On stop, how long running jobs may take to finish before they are handed back. */
  shutdownGraceMs?: number;
}

/** Runs the handlers for every queue, in this process, from Redis. */
export function createBullMqRunner(options: BullMqRunnerOptions): JobRunner {
  const logger = options.logger ?? silentLogger;
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const shutdown = new AbortController();
  const connections: Redis[] = [];
  const workers: Worker[] = [];
  let handlers: JobHandlers | undefined;

  async function process(job: Job, token?: string) {
    const name = job.name as JobName;
    if (!JOB_NAMES.includes(name)) throw new UnrecoverableError(`unknown job ${job.name}`);
    let payload;
    try {
      payload = parsePayload(name, job.data);
    } catch (error) {
      throw new UnrecoverableError(`invalid payload for ${name}: ${(error as ZodError).message}`);
    }
    const handler = handlers![name] as (p: unknown, c: unknown) => Promise<void>;
    try {
      await handler(payload, {
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
        signal: shutdown.signal,
      });
    } catch (error) {
      if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
      // A job cut short by shutdown is handed back for another worker to take now.
      const handBack = shutdown.signal.aborted ? 0 : undefined;
      const delayMs = error instanceof DeferJobError ? error.delayMs : handBack;
      if (delayMs !== undefined && token) {
        // Back to the delayed set without counting an attempt.
        await job.moveToDelayed(Date.now() + delayMs, token);
        throw new DelayedError();
      }
      throw error;
    }
  }

  return {
    async start(jobHandlers) {
      assertCompleteHandlers(jobHandlers);
      handlers = jobHandlers;
      for (const queueName of queueNames()) {
        const connection = createRedisConnection(options.redisUrl);
        connections.push(connection);
        const worker = new Worker(queueName, process, {
          connection,
          prefix,
          concurrency: options.concurrency?.[queueName] ?? 4,
          lockDuration: options.lockDurationMs ?? 30_000,
          stalledInterval: options.stalledIntervalMs ?? 30_000,
          // A job whose worker died goes back to the queue; only a job that keeps killing
          // workers is given up.
          maxStalledCount: 5,
          settings: {
            backoffStrategy: (attemptsMade, _type, error, job) => {
              const name = (job?.name ?? 'generation.run') as JobName;
              const retryAfterMs =
                error instanceof RetryLaterError ? error.retryAfterMs : undefined;
              return retryDelayMs(jobSettings[name].retry, attemptsMade, retryAfterMs);
            },
          },
        });
        worker.on('failed', (job, error) => {
          const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
          const fields = {
            job: job?.name,
            jobId: job?.id,
            attempt: job?.attemptsMade,
            ...errorFields(error),
          };
          if (final || error instanceof UnrecoverableError) logger.error(fields, 'job failed');
          else logger.warn(fields, 'job will retry');
        });
        worker.on('error', (error) => logger.error(errorFields(error), 'worker error'));
        workers.push(worker);
      }
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    },
    async stop() {
      // Closing stops fetching at once and waits for running jobs (their locks still renewed).
      const closed = Promise.all(workers.map((worker) => worker.close()));
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        closed,
        new Promise((resolve) => (grace = setTimeout(resolve, options.shutdownGraceMs ?? 0))),
      ]);
      clearTimeout(grace);
      // Past the grace, handlers see the abort and return; their jobs are handed back above.
      shutdown.abort();
      await closed;
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}

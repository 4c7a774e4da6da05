import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { retryDelayMs } from './backoff';
import { assertCompleteHandlers } from './handlers';
import { errorFields, silentLogger, type JobLogger } from './logger';
import { jobSettings, parsePayload, type JobName, type RetryPolicy } from './names';
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
import { queueNamesOfJobs, type QueueDepths } from './queue-depths';

type JobState = 'waiting' | 'delayed' | 'active' | 'failed';

interface InProcessJob {
  id: string;
  name: JobName;
  payload: unknown;
  attemptsMade: number;
  state: JobState;
  timer?: NodeJS.Timeout;
  /** Asked for again while active (`rerunIfActive`): runs once more after this delay. */
  rerunDelayMs?: number;
}

export interface InProcessJobsOptions {
  /** Jobs running at once per queue (by queue name); default 4. */
  concurrency?: Record<string, number>;
  logger?: JobLogger;
  random?: () => number;
  /** Overrides of the retry policy per job (tests use short delays). */
  retry?: Partial<Record<JobName, RetryPolicy>>;
}

export type InProcessJobs = JobQueue &
  JobRunner & {
    /** Resolves once nothing is waiting, delayed or running. */
    idle(): Promise<void>;
    /** Jobs per queue and state now (metrics). */
    depths(): Promise<QueueDepths>;
  };

/**
 * The embedded-mode runner: the same handlers, per-queue concurrency and retry policy as the
 * BullMQ runner, in memory. Nothing survives a restart, and nothing needs to: the reconciler
 * re-enqueues every unfinished generation from the database at start-up.
 */
export function createInProcessJobs(options: InProcessJobsOptions = {}): InProcessJobs {
  const logger = options.logger ?? silentLogger;
  const random = options.random ?? Math.random;
  const jobs = new Map<string, InProcessJob>();
  const waiting = new Map<string, InProcessJob[]>();
  const active = new Map<string, number>();
  const shutdown = new AbortController();
  let running = false;
  let handlers: JobHandlers | undefined;
  let idleWaiters: Array<() => void> = [];

  const queueOf = (job: InProcessJob) => jobSettings[job.name].queue;
  const limitOf = (queue: string) => options.concurrency?.[queue] ?? 4;

  function checkIdle() {
    if (jobs.size > 0 && [...jobs.values()].some((job) => job.state !== 'failed')) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function push(job: InProcessJob) {
    job.state = 'waiting';
    const queue = queueOf(job);
    const list = waiting.get(queue) ?? [];
    list.push(job);
    waiting.set(queue, list);
    pump(queue);
  }

  function pump(queue: string) {
    if (!running) return;
    const list = waiting.get(queue) ?? [];
    while (list.length > 0 && (active.get(queue) ?? 0) < limitOf(queue)) {
      const job = list.shift()!;
      active.set(queue, (active.get(queue) ?? 0) + 1);
      void execute(job).finally(() => {
        active.set(queue, (active.get(queue) ?? 1) - 1);
        pump(queue);
        checkIdle();
      });
    }
  }

  async function execute(job: InProcessJob) {
    job.state = 'active';
    job.attemptsMade += 1;
    const retry = options.retry?.[job.name] ?? jobSettings[job.name].retry;
    try {
      const payload = parsePayload(job.name, job.payload);
      const handler = handlers![job.name] as (p: unknown, c: unknown) => Promise<void>;
      await handler(payload, {
        jobId: job.id,
        attempt: job.attemptsMade,
        maxAttempts: retry.attempts,
        signal: shutdown.signal,
      });
      if (job.rerunDelayMs !== undefined && running) {
        // Asked for again while it ran: once more, as a fresh job.
        const delay = job.rerunDelayMs;
        job.rerunDelayMs = undefined;
        job.attemptsMade = 0;
        schedule(job, delay);
        return;
      }
      jobs.delete(job.id);
    } catch (error) {
      if (error instanceof DeferJobError) {
        job.attemptsMade -= 1; // a deferral is not an attempt
        // Handed back while stopping: nothing survives the process, the reconciler re-enqueues.
        if (running) schedule(job, error.delayMs);
        else jobs.delete(job.id);
        return;
      }
      const permanent = error instanceof PermanentJobError || error instanceof ZodError;
      if (permanent || job.attemptsMade >= retry.attempts || !running) {
        job.state = 'failed';
        logger.error(
          { job: job.name, jobId: job.id, attempt: job.attemptsMade, ...errorFields(error) },
          'job failed',
        );
        if (!running) jobs.delete(job.id);
        return;
      }
      const retryAfterMs = error instanceof RetryLaterError ? error.retryAfterMs : undefined;
      const delay = retryDelayMs(retry, job.attemptsMade, retryAfterMs, random);
      logger.warn(
        {
          job: job.name,
          jobId: job.id,
          attempt: job.attemptsMade,
          delayMs: delay,
          ...errorFields(error),
        },
        'job will retry',
      );
      schedule(job, delay);
    }
  }

  function schedule(job: InProcessJob, delayMs: number) {
    if (delayMs <= 0) return push(job);
    job.state = 'delayed';
    job.timer = setTimeout(() => {
      job.timer = undefined;
      push(job);
    }, delayMs);
  }

  function add(name: JobName, payload: unknown, enqueue: EnqueueOptions = {}) {
    parsePayload(name, payload);
    const id = enqueue.jobId ?? randomUUID();
    const existing = jobs.get(id);
    if (existing) {
      if (existing.state === 'active' && enqueue.rerunIfActive) {
        existing.rerunDelayMs = enqueue.delayMs ?? 0;
        return;
      }
      if (existing.state !== 'failed' || !enqueue.replaceFinished) return;
      jobs.delete(id);
    }
    const job: InProcessJob = { id, name, payload, attemptsMade: 0, state: 'waiting' };
    jobs.set(id, job);
    schedule(job, enqueue.delayMs ?? 0);
  }

  return {
    async enqueue(name, payload, enqueueOptions) {
      add(name, payload, enqueueOptions);
    },
    async enqueueMany(requests: JobRequest[]) {
      for (const request of requests) add(request.name, request.payload, request.options);
    },
    async start(jobHandlers) {
      assertCompleteHandlers(jobHandlers);
      handlers = jobHandlers;
      running = true;
      for (const queue of waiting.keys()) pump(queue);
    },
    async stop() {
      running = false;
      shutdown.abort();
      for (const job of jobs.values()) if (job.timer) clearTimeout(job.timer);
      // Wait for the handlers that are running to notice and return.
      while ([...active.values()].some((count) => count > 0)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {},
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    async depths() {
      const depths: QueueDepths = {};
      for (const queue of queueNamesOfJobs()) {
        depths[queue] = { waiting: 0, active: 0, delayed: 0, failed: 0 };
      }
      for (const job of jobs.values()) depths[queueOf(job)]![job.state] += 1;
      return depths;
    },
  };
}

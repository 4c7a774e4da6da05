import type { JobName, JobPayload } from './names';

export interface EnqueueOptions {
  /** Deterministic id: enqueueing an id that is waiting or running is a no-op. */
  jobId?: string;
  delayMs?: number;
  /**
   * Re-run a job whose earlier run with the same id has finished or failed for good (the
   * reconciler uses this for work the database says is unfinished).
   */
  replaceFinished?: boolean;
  /**
   * A debounced job asked for while a run of it is under way: run it once more after that run
   * (which may have read the state before the change that asked), after `delayMs`. Without
   * it the request is a no-op and the change waits for the next request.
   */
  rerunIfActive?: boolean;
}

export interface JobRequest<N extends JobName = JobName> {
  name: N;
  payload: JobPayload<N>;
  options?: EnqueueOptions;
}

/** The one small port through which the application hands work to a runner. */
export interface JobQueue {
  enqueue<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options?: EnqueueOptions,
  ): Promise<void>;
  enqueueMany(requests: JobRequest[]): Promise<void>;
  close(): Promise<void>;
}

export interface JobContext {
  jobId: string;
  /** 1 for the first run. */
  attempt: number;
  maxAttempts: number;
  /** Set when the runner is shutting down; long handlers should stop early. */
  signal: AbortSignal;
}

export type JobHandler<N extends JobName> = (
  payload: JobPayload<N>,
  context: JobContext,
) => Promise<void>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/**
 * Runs jobs. Handlers are given at start, not at construction: the queue a service context
 * enqueues into exists before the handlers that need that context.
 */
export interface JobRunner {
  /** Refuses to start unless every job has exactly one handler. */
  start(handlers: JobHandlers): Promise<void>;
  /** Stops taking jobs and waits for running ones (up to the runner's grace period). */
  stop(): Promise<void>;
}

/** Retry later; `retryAfterMs` (e.g. from a 429's Retry-After) is a floor on the delay. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** Retrying cannot help (bad payload, refused content): fail the job now. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/**
 * Not now, and not a failure: put the job back for `delayMs` without using up an attempt
 * (e.g. every provider for the model is at its concurrency or rate limit).
 */
export class DeferJobError extends Error {
  constructor(readonly delayMs: number) {
    super(`deferred for ${delayMs} ms`);
    this.name = 'DeferJobError';
  }
}

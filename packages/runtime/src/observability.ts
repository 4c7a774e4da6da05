import { createBullMqDepthReader, type JobHandlers, type QueueDepths } from '@arena/jobs';
import type { ServiceContext } from '@arena/services';
import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { JobTransport } from './job-transport';
import { instrumentJobs } from './metrics/instrument-jobs';
import { createMetrics, type Metrics } from './metrics/metrics';
import { createReadiness, type Readiness } from './readiness';
import { startWorkerHeartbeat, type WorkerHeartbeat } from './worker-heartbeat';

/** A scrape must not hang on a Redis that does not answer. */
const DEPTH_TIMEOUT_MS = 2_000;

export interface Observability {
  metrics: Metrics;
  readiness: Readiness;
  /** The handlers as the runner gets them: each run logged and timed. */
  instrument(handlers: JobHandlers): JobHandlers;
  /** The runner started: a worker starts beating, the in-process runner counts as ready. */
  runnerStarted(): void;
  /** The runner is about to stop: the heartbeat ends first, so readiness turns at once. */
  runnerStopping(): Promise<void>;
  close(): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The metrics, readiness and worker heartbeat of a process, over its job transport: queue
 * depths from BullMQ (or the in-process runner), job runs through `instrumentJobs`.
 */
export function createObservability(
  config: AppConfig,
  ctx: ServiceContext,
  jobs: JobTransport,
  logger: Logger,
): Observability {
  const metrics = createMetrics();
  const connection = config.redisUrl
    ? { redisUrl: config.redisUrl, prefix: config.queuePrefix }
    : undefined;
  const depthReader = connection ? createBullMqDepthReader(connection) : undefined;
  // Without Redis the queue is the in-process runner, which counts its own jobs.
  const inProcess = jobs.queue as Partial<{ depths(): Promise<QueueDepths> }>;
  const readDepths = depthReader?.read ?? inProcess.depths;
  if (readDepths) {
    metrics.readQueueDepthsFrom(
      () => withTimeout(readDepths(), DEPTH_TIMEOUT_MS),
      (error) => logger.warn({ err: error }, 'queue depths not read for metrics'),
    );
  }
  let running = false;
  let heartbeat: WorkerHeartbeat | undefined;
  const readiness = createReadiness({
    ctx,
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
    windowMs: config.ops.readyWorkerWindowMs,
    inProcessRunner: connection ? undefined : () => running,
  });
  return {
    metrics,
    readiness,
    instrument: (handlers) =>
      instrumentJobs(handlers, {
        metrics,
        logger,
        lineLevel: config.ops.logFormat === 'pretty' ? 'debug' : 'info',
        ctx,
      }),
    runnerStarted() {
      running = true;
      if (connection && jobs.runner) {
        heartbeat = startWorkerHeartbeat({
          ...connection,
          intervalMs: config.ops.workerHeartbeatMs,
          logger,
        });
      }
    },
    async runnerStopping() {
      running = false;
      await heartbeat?.stop();
      heartbeat = undefined;
    },
    async close() {
      await readiness.close();
      await depthReader?.close();
    },
  };
}

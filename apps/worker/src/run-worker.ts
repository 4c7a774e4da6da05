import {
  ConfigError,
  createLogger,
  createRuntime,
  loadConfig,
  logOutput,
  type RuntimeOptions,
} from '@arena/runtime';
import { listenForMetrics } from './metrics-listener';

export interface WorkerHandle {
  /** Names this process in generation leases. */
  workerId: string;
  /** How long running jobs may take to finish once a stop begins. */
  shutdownGraceMs: number;
  /**
   * Stops taking jobs, lets running ones finish within the grace, hands the rest back to the
   * queue, releases this worker's leases and closes connections.
   */
  stop(): Promise<void>;
}

/**
 * Starts a worker: generation jobs from BullMQ and the reconciler that re-enqueues whatever
 * the database says is unfinished and no live worker holds. Scale out by running more.
 */
export async function runWorker(
  options: Pick<RuntimeOptions, 'adapterOptions'> = {},
): Promise<WorkerHandle> {
  const config = loadConfig();
  if (!config.redisUrl || !config.databaseUrl) {
    throw new ConfigError(
      'the worker needs DATABASE_URL and REDIS_URL (without them, `pnpm start` runs jobs in process)',
    );
  }
  const logger = createLogger(
    config.logLevel,
    'arena-worker',
    logOutput(config.ops.logFormat, false),
  );
  const runtime = await createRuntime({ config, logger, runJobs: true, ...options });
  await runtime.startJobs();
  const metricsServer = await listenForMetrics(runtime, config, logger);
  const workerId = runtime.ctx.workerId!;
  logger.info(
    { workerId, concurrency: config.generationConcurrency, leaseMs: config.workerLeaseMs },
    'worker started',
  );
  return {
    workerId,
    shutdownGraceMs: config.shutdownGraceMs,
    async stop() {
      const started = Date.now();
      logger.info({ graceMs: config.shutdownGraceMs }, 'worker stopping: finishing running jobs');
      // The runner waits out the grace and hands back what is still running; each job releases
      // its provider slot and generation lease as it returns, and the limiter any slot left.
      await runtime.close();
      await metricsServer?.close();
      logger.info({ ms: Date.now() - started }, 'worker stopped');
    },
  };
}

/** Beyond the grace, how long handing jobs back and closing may take before the process exits. */
const CLOSE_MARGIN_MS = 15_000;

/**
 * Runs until SIGINT or SIGTERM, then shuts down gracefully and exits 0. Installed before the
 * worker starts, so that a signal arriving while it starts (jobs may already be running) still
 * waits for it and stops it, rather than killing the process mid-job. A second signal, or a
 * stop that overruns, exits at once: whatever is still held then lapses within a lease.
 */
export function stopOnSignals(starting: Promise<WorkerHandle>): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) {
      console.error('second signal: exiting without finishing the shutdown');
      process.exit(1);
    }
    stopping = true;
    const worker = await starting.catch(() => null);
    // A worker that failed to start has nothing to stop; its start-up error exits the process.
    if (!worker) return;
    setTimeout(() => {
      console.error('shutdown overran its deadline: exiting');
      process.exit(1);
    }, worker.shutdownGraceMs + CLOSE_MARGIN_MS).unref();
    await worker.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

import {
  ConfigError,
  createLogger,
  createRuntime,
  loadConfig,
  type RuntimeOptions,
} from '@arena/runtime';

export interface WorkerHandle {
  /** Stops taking jobs, lets running ones finish, closes connections. */
  stop(): Promise<void>;
}

/**
 * Starts a worker: generation jobs from BullMQ and the reconciler that re-enqueues whatever
 * the database says is unfinished. Scale out by running more of these.
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
  const logger = createLogger(config.logLevel, 'arena-worker');
  const runtime = await createRuntime({ config, logger, runJobs: true, ...options });
  await runtime.startJobs();
  logger.info({ concurrency: config.generationConcurrency }, 'worker started');
  return {
    async stop() {
      logger.info('worker stopping: finishing running jobs');
      await runtime.close();
    },
  };
}

/**
 * Runs until SIGINT or SIGTERM, then shuts down gracefully. Installed before the worker starts,
 * so that a signal arriving while it starts (jobs may already be running) still waits for it
 * and stops it, rather than killing the process mid-job.
 */
export function stopOnSignals(starting: Promise<WorkerHandle>): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const worker = await starting.catch(() => null);
    // A worker that failed to start has nothing to stop; its start-up error exits the process.
    if (!worker) return;
    await worker.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

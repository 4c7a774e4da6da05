import { ConfigError, createLogger, createRuntime, loadConfig } from '@arena/services';

/**
 * The job worker for production: runs generation jobs from BullMQ and the reconciler that
 * re-enqueues whatever the database says is unfinished. Scale out by running more of these.
 */
async function main() {
  const config = loadConfig();
  if (!config.redisUrl || !config.databaseUrl) {
    throw new ConfigError(
      'the worker needs DATABASE_URL and REDIS_URL (without them, `pnpm start` runs jobs in process)',
    );
  }
  const logger = createLogger(config.logLevel, 'arena-worker');
  const runtime = await createRuntime({ config, logger, runJobs: true });
  await runtime.startJobs();
  logger.info({ concurrency: config.generationConcurrency }, 'worker started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping: finishing running jobs');
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

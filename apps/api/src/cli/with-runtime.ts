import {
  createLogger,
  createRuntime,
  loadConfig,
  type AppConfig,
  type Runtime,
} from '@arena/runtime';

/** Opens the configured database (and queue) for one command, and closes it after. */
export async function withRuntime<T>(
  fn: (runtime: Runtime, config: AppConfig) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'arena-cli');
  const runtime = await createRuntime({ config, logger, runJobs: false });
  try {
    return await fn(runtime, config);
  } finally {
    await runtime.close();
  }
}

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '@arena/db';
import { createMemoryLimiter, createRedisLimiter } from '@arena/jobs';
import { createJobHandlers, type ServiceContext } from '@arena/services';
import type { Logger } from 'pino';
import type { AppConfig } from './config';
import { createHumanVerifier } from './human-verifier';
import { createJobTransport } from './job-transport';
import { createObservability, type Observability } from './observability';
import { createProviderRegistry, type ProviderRegistryOptions } from './provider-registry';
import { startSchedules } from './schedules';
import { createImageStore } from './storage-config';

export interface RuntimeOptions {
  config: AppConfig;
  logger: Logger;
  /** Whether this process runs jobs. Without Redis jobs always run in process. */
  runJobs: boolean;
  /** Shared adapter settings (tests loosen the image URL policy for loopback fakes). */
  adapterOptions?: ProviderRegistryOptions['adapterOptions'];
  /** Replacement adapters by provider kind (tests). */
  adapterOverrides?: ProviderRegistryOptions['overrides'];
  /** Where provider keys are read from; the process environment by default. */
  env?: Record<string, string | undefined>;
}

export interface Runtime {
  ctx: ServiceContext;
  database: DatabaseHandle;
  /** Prometheus metrics of this process, and its readiness checks (observability.ts). */
  metrics: Observability['metrics'];
  readiness: Observability['readiness'];
  /** Starts running jobs (when this process does), the reconciler and the schedules. */
  startJobs(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Wires a process from configuration: Postgres or PGlite, BullMQ or the in-process runner, the
 * image folder, the provider registry and limits; then the service context over them, and the
 * job handlers over that context.
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const database = await openDatabase(
    config.databaseUrl
      ? { driver: 'postgres', url: config.databaseUrl, maxConnections: config.databasePoolSize }
      : { driver: 'pglite', dataDir: join(config.dataDir, 'pglite') },
  );
  await database.migrate();

  const jobs = createJobTransport(config, logger, options.runJobs);
  const leaseMs = config.workerLeaseMs;
  const limiter = config.redisUrl
    ? createRedisLimiter({ redisUrl: config.redisUrl, prefix: config.queuePrefix, leaseMs })
    : createMemoryLimiter({ leaseMs });
  const ctx: ServiceContext = {
    db: database.db,
    queue: jobs.queue,
    store: createImageStore(config.storage, logger),
    providers: createProviderRegistry({
      env: options.env,
      demo: config.demo,
      adapterOptions: options.adapterOptions,
      overrides: options.adapterOverrides,
    }),
    limiter,
    config,
    humanCheck:
      config.humanCheck.provider === 'off' ? undefined : createHumanVerifier(config.humanCheck),
    logger,
    now: () => new Date(),
    // Names this process in generation leases (and in logs): host, pid and a random part.
    workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
  };

  const observability = createObservability(config, ctx, jobs, logger);
  let stopSchedules: (() => void) | undefined;
  return {
    ctx,
    database,
    metrics: observability.metrics,
    readiness: observability.readiness,
    async startJobs() {
      if (!jobs.runner) return;
      await jobs.runner.start(observability.instrument(createJobHandlers(ctx)));
      observability.runnerStarted();
      stopSchedules = await startSchedules(ctx, config);
    },
    async close() {
      stopSchedules?.();
      await observability.runnerStopping();
      await jobs.runner?.stop();
      await jobs.queue.close();
      await limiter.close();
      await ctx.store.close?.();
      await observability.close();
      await database.close();
    },
  };
}

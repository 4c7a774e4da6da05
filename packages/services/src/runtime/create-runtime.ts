import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '@arena/db';
import {
  createBullMqQueue,
  createBullMqRunner,
  createInProcessJobs,
  createMemoryLimiter,
  createRedisLimiter,
  type JobQueue,
  type JobRunner,
} from '@arena/jobs';
import { createFsImageStore } from '@arena/storage';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import type { ServiceContext } from '../context';
import { reconcileGenerations } from '../generations/reconcile';
import {
  createProviderRegistry,
  type ProviderRegistryOptions,
} from '../generations/provider-registry';
import { createJobHandlers } from '../jobs/job-handlers';
import { requestLeaderboardRecompute } from '../leaderboards/request-recompute';

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
  /** Starts running jobs (when this process does) and the periodic reconciler. */
  startJobs(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Wires the processes' dependencies from configuration: Postgres or PGlite, BullMQ or the
 * in-process runner, the image folder and the provider adapters.
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const database = await openDatabase(
    config.databaseUrl
      ? { driver: 'postgres', url: config.databaseUrl }
      : { driver: 'pglite', dataDir: join(config.dataDir, 'pglite') },
  );
  await database.migrate();

  const providers = createProviderRegistry({
    env: options.env,
    demo: config.demo,
    adapterOptions: options.adapterOptions,
    overrides: options.adapterOverrides,
  });
  const limiter = config.redisUrl
    ? createRedisLimiter({ redisUrl: config.redisUrl, prefix: config.queuePrefix })
    : createMemoryLimiter();
  const ctx: ServiceContext = {
    db: database.db,
    queue: undefined as unknown as JobQueue, // set below: the in-process runner needs ctx first
    store: createFsImageStore(config.dataDir),
    providers,
    limiter,
    config,
    logger,
    now: () => new Date(),
  };

  let runner: JobRunner | undefined;
  // One recompute at a time per process; the fixed job id keeps it to one across processes.
  const concurrency = { generation: config.generationConcurrency, maintenance: 1 };
  if (config.redisUrl) {
    ctx.queue = createBullMqQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix });
    if (options.runJobs) {
      runner = createBullMqRunner({
        redisUrl: config.redisUrl,
        prefix: config.queuePrefix,
        handlers: createJobHandlers(ctx),
        concurrency,
        logger,
        lockDurationMs: config.jobLockMs,
        stalledIntervalMs: config.jobLockMs,
      });
    }
  } else {
    const jobs = createInProcessJobs({ handlers: createJobHandlers(ctx), concurrency, logger });
    ctx.queue = jobs;
    runner = jobs;
  }

  let timer: NodeJS.Timeout | undefined;
  let leaderboardTimer: NodeJS.Timeout | undefined;
  return {
    ctx,
    database,
    async startJobs() {
      if (!runner) return;
      await runner.start();
      await reconcileGenerations(ctx);
      timer = setInterval(() => {
        reconcileGenerations(ctx).catch((error) =>
          logger.error({ err: error }, 'reconcile failed'),
        );
      }, config.reconcileIntervalMs);
      timer.unref();
      // Votes debounce recomputes; this schedule catches what a debounce missed (a vote that
      // arrived while a recompute ran, a lost queue). Without new votes a run is one count.
      await requestLeaderboardRecompute(ctx, 0);
      leaderboardTimer = setInterval(
        () => void requestLeaderboardRecompute(ctx, 0),
        config.leaderboard.intervalMs,
      );
      leaderboardTimer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      if (leaderboardTimer) clearInterval(leaderboardTimer);
      await runner?.stop();
      await ctx.queue.close();
      await limiter.close();
      await database.close();
    },
  };
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  deleteQueueKeys,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  type TestDatabase,
  type TestDriver,
} from '@arena/testing';
import pino, { type Logger } from 'pino';
import { loadConfig, type AppConfig } from '../config';
import { createRuntime, type Runtime, type RuntimeOptions } from '../create-runtime';

export interface TestRuntimeOptions {
  driver: TestDriver;
  /** BullMQ on the test Redis (with a private key prefix) instead of in-process jobs. */
  bullmq?: boolean;
  /** Whether this runtime runs jobs (BullMQ only; in-process always does). */
  runJobs?: boolean;
  /** Environment overrides, as the processes would read them. */
  env?: Record<string, string>;
  adapterOptions?: RuntimeOptions['adapterOptions'];
  adapterOverrides?: RuntimeOptions['adapterOverrides'];
  /** Provider keys, as the environment would hold them. */
  providerEnv?: Record<string, string>;
  /** Where the runtime logs; silent unless TEST_LOG_LEVEL is set. */
  logger?: Logger;
  /** Reuse a database (e.g. a second process on the same data). */
  database?: TestDatabase;
}

export interface TestRuntime {
  runtime: Runtime;
  config: AppConfig;
  database?: TestDatabase;
  dataDir: string;
  queuePrefix: string;
  close(): Promise<void>;
}

/**
 * A complete arena runtime for a test file: its own database (a Postgres clone or a PGlite
 * folder), its own image folder and its own Redis key prefix; `close` removes all three.
 */
export async function createTestRuntime(options: TestRuntimeOptions): Promise<TestRuntime> {
  // A runtime may share another's database, image folder and queues (a second process).
  const ownDataDir = !options.env?.DATA_DIR;
  const dataDir = options.env?.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'arena-test-')));
  const ownDatabase = options.driver === 'postgres' && !options.database;
  const database =
    options.database ?? (options.driver === 'postgres' ? await createTestDatabase() : undefined);
  const ownQueues = options.bullmq && !options.env?.QUEUE_PREFIX;
  const queuePrefix = options.env?.QUEUE_PREFIX ?? uniqueQueuePrefix();
  const config = loadConfig({
    DEMO_PROFILE: 'instant',
    MIN_VIEW_MS: '0',
    LOG_LEVEL: 'silent',
    RECONCILE_INTERVAL_MS: '600000',
    // Tests recompute leaderboards when they mean to, not on a timer.
    LEADERBOARD_INTERVAL_MS: '600000',
    ...options.env,
    DATA_DIR: dataDir,
    DATABASE_URL: database?.url,
    REDIS_URL: options.bullmq ? TEST_REDIS_URL : undefined,
    QUEUE_PREFIX: queuePrefix,
  });
  const logger = options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const runtime = await createRuntime({
    config,
    logger,
    runJobs: options.runJobs ?? true,
    adapterOptions: options.adapterOptions,
    adapterOverrides: options.adapterOverrides,
    env: options.providerEnv ?? {},
  });
  return {
    runtime,
    config,
    database,
    dataDir,
    queuePrefix,
    async close() {
      await runtime.close();
      if (ownQueues) await deleteQueueKeys(queuePrefix);
      if (ownDatabase) await database?.drop();
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
